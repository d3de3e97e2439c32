"""The published downstream forecasts (GPT-4 report, Llama 3) typed into downstream_forecasts.csv.

Numbers as the papers state them: OpenAI (2023), GPT-4 Technical Report,
sections 3.1-3.2; Grattafiori et al. (2024), The Llama 3 Herd of Models,
sections 1, 3.2 and 3.2.1. Du et al. (2024) give loss thresholds only in
figures; no number of theirs is typed into the library.
"""

import numpy as np
import pytest

from scalinglaws import datasets


@pytest.fixture(scope="module")
def table():
    return datasets.load("downstream_forecasts").set_index(["paper", "quantity"])[
        "value"
    ]


def test_gpt4_forecast_numbers(table):
    # Section 3.1: loss forecast from models with at most 10,000x less compute.
    assert table["GPT-4", "loss_forecast_max_compute_ratio"] == 10_000
    # Section 3.2 and the abstract: HumanEval from at most 1,000x less compute.
    assert table["GPT-4", "humaneval_forecast_max_compute_ratio"] == 1_000
    # Section 3.2: all but the 15 hardest problems, in 6 buckets; Figure 2 is the 3rd easiest.
    assert table["GPT-4", "humaneval_hardest_problems_left_out"] == 15
    assert table["GPT-4", "humaneval_difficulty_buckets"] == 6
    assert table["GPT-4", "humaneval_bucket_shown"] == 3


def test_llama3_forecast_numbers(table):
    # Section 3.2.1: scaling runs from 6e18 to 1e22 FLOPs, 40M to 16B parameters.
    assert table["Llama 3", "scaling_study_min_flops"] == 6e18
    assert table["Llama 3", "scaling_study_max_flops"] == 1e22
    assert table["Llama 3", "scaling_study_min_params"] == 40e6
    assert table["Llama 3", "scaling_study_max_params"] == 16e9
    # Sections 1 and 3.2: the flagship's 3.8e25 FLOPs.
    assert table["Llama 3", "flagship_flops"] == 3.8e25
    # The forecast reaches 3,800x past the largest fitted run: 3.6 decades.
    reach = (
        table["Llama 3", "flagship_flops"] / table["Llama 3", "scaling_study_max_flops"]
    )
    assert np.log10(reach) == pytest.approx(3.58, abs=0.01)
    # The paper rounds that reach up: "extrapolates over four orders of magnitude".
    assert table["Llama 3", "arc_forecast_reach_orders_of_magnitude"] == 4
    assert (
        round(np.log10(reach))
        == table["Llama 3", "arc_forecast_reach_orders_of_magnitude"]
    )


def test_every_row_has_a_source_and_a_place_in_the_paper():
    frame = datasets.load("downstream_forecasts")
    assert frame["source"].str.contains("arXiv:").all()
    assert (frame["where"].str.len() > 0).all()
    assert not frame.duplicated(["paper", "quantity"]).any()
