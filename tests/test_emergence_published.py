"""The numbers chapter 7 quotes from the papers, checked against published_numbers.md.

Every expected value is quoted from ``shared/reference/published_numbers.md``
(section in each test); the chapter prints them from the library, so a change
in the library or the tables shows up here.
"""

import numpy as np
import pytest

from scalinglaws import datasets, emergence


def test_schaeffer_bigbench_meta_analysis():
    # Section 6.2: "of the 39 preferred metrics in BIG-bench, at most 5 display emergence";
    # "2 metrics account for > 92% of claimed emergent abilities".
    meta = emergence.SCHAEFFER_2023_BIGBENCH
    assert meta["preferred_metrics"] == 39
    assert meta["metrics_displaying_emergence_at_most"] == 5
    assert meta["share_of_claims_from_two_metrics_above"] == 0.92
    assert meta["two_metrics"] == ("Multiple Choice Grade", "Exact String Match")


def test_wei_table1_facts_the_chapter_states():
    # Section 5, Table 1: 23 rows, one ("Many BIG-Bench tasks") without numbers.
    table = datasets.load("wei_table1")
    assert len(table) == 23
    numbered = table.dropna(subset=["train_flops"])
    assert len(numbered) == 22
    # The cluster near 70B: Chinchilla 70B, FLAN 68B, LaMDA 68B (twice), PaLM 62B (twice), Anthropic 52B.
    band = numbered[(numbered["params"] >= 50e9) & (numbered["params"] <= 100e9)]
    assert sorted(band["params"] / 1e9) == [52, 62, 62, 68, 68, 68, 70]
    assert numbered["params"].median() == 68e9
    # "most appear between 1e22 and 1e24 FLOPs": all but the scratchpad (8.9e19) and WiC (2.5e24)
    inside = numbered["train_flops"].between(1e22, 1e24)
    assert inside.sum() == 20
    assert sorted(numbered.loc[~inside, "train_flops"]) == [8.9e19, 2.5e24]


def test_pythia_ipa_exact_match_and_bleu_in_obsscaling():
    # Section 11.5: "Pythia IPA transliteration exact match stays at 0 at every size while
    # BLEU rises from 0.03 to 0.58" (BLEU on its 0-100 scale).
    emergent = datasets.load("obsscaling_emergent")
    bench = datasets.load("obsscaling_benchmarks")
    pythia = emergent.merge(bench, on="Model")
    pythia = pythia[pythia["Model Family"] == "Pythia"].sort_values("FLOPs (1E21)")
    assert len(pythia) == 8
    assert (pythia["ipa_transliterate_2_exact_match"] == 0).all()
    bleu = pythia["ipa_transliterate_2_bleu"].to_numpy()
    assert round(bleu[0], 2) == 0.03 and round(bleu[-1], 2) == 0.58
    # the emergence score of a curve that never leaves zero is 0, of one that rises, finite
    # exactly 0: every step of an all-zero curve is 0 - 0
    assert emergence.emergence_score(pythia["ipa_transliterate_2_exact_match"]) == 0.0
    assert np.isfinite(emergence.emergence_score(bleu))


def test_obsscaling_table_sizes():
    # Section 11.5: 84 models in the emergent-capability table, 148 in the benchmark table.
    assert len(datasets.load("obsscaling_emergent")) == 84
    assert len(datasets.load("obsscaling_benchmarks")) == 148


def test_pythia_lambada_end_points():
    # Section 11.5: LAMBADA from 70M to 12B, accuracy 0.185 -> 0.705, perplexity 142 -> 3.9.
    evals = datasets.load("pythia_zero_shot")
    final = evals[(evals["task"] == "lambada_openai") & (evals["step"] == 143000)]
    by = final.set_index(["model", "metric"])["value"]
    assert by[("pythia-70m", "acc")] == pytest.approx(0.185, abs=5e-4)
    assert by[("pythia-12b", "acc")] == pytest.approx(0.705, abs=5e-4)
    assert by[("pythia-70m", "ppl")] == pytest.approx(142, abs=0.5)
    assert by[("pythia-12b", "ppl")] == pytest.approx(3.9, abs=0.05)


def test_palm_sizes_behind_the_62b_rows_of_wei_table1():
    # Section 9: PaLM 8B / 62B / 540B are 8.63B / 62.50B / 540.35B (Chowdhery et al. 2022, Table 1);
    # chapter 7 explains Wei's 62B rows by the jump from 8B to 62B.
    zoo = datasets.load("model_zoo")
    palm = sorted(zoo.loc[zoo["family"] == "PaLM", "params"])
    assert palm == [8.63e9, 62.50e9, 540.35e9]
    wei = datasets.load("wei_table1")
    assert set(wei.loc[wei["model"] == "PaLM", "params"]) == {62e9, 540e9}
