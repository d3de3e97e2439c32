"""Tests of the tables typed from the papers (lib/scalinglaws/data/*.csv).

Each table is pinned against the project's sheet of published numbers
(../shared/reference/published_numbers.md, section in the test's docstring) and
checked for the internal consistency the papers imply (C = 6ND, D/N ~ 20, ...).
Where a paper misprints, the test documents the misprint instead of hiding it.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd
import pytest

from scalinglaws import datasets
from scalinglaws.datasets.tables import TABLES

TABLE_NAMES = sorted(TABLES)


def _rows(frame, column):
    return frame.set_index(column)


# --- every table -------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_row_has_a_source_and_numbers_are_floats(name):
    table = datasets.load(name)
    assert len(table) > 0
    assert (table["source"].str.strip().str.len() > 10).all()
    for column in TABLES[name].numeric:
        assert table[column].dtype == np.float64, column
    # The status tag of the reference sheet travels with every row.
    assert (
        table["source"].str.contains(r"\[(?:P-pdf|P-tex|P-html|A|S)", regex=True).all()
    )


def test_every_shipped_csv_is_registered():
    shipped = {
        p.name
        for p in resources.files("scalinglaws").joinpath("data").iterdir()
        if p.name.endswith(".csv")
    }
    assert shipped == {spec.filename for spec in TABLES.values()}


def test_tables_are_fresh_copies():
    first = datasets.load("chinchilla_table1")
    first.loc[0, "params"] = -1.0
    assert datasets.load("chinchilla_table1").loc[0, "params"] == 137e9


# --- Hoffmann et al. 2022 ----------------------------------------------------------


def test_chinchilla_table1():
    """Sheet section 2.6, Table 1."""
    table = _rows(datasets.load("chinchilla_table1"), "model")
    assert table.loc["Chinchilla", ["params", "tokens"]].tolist() == [70e9, 1.4e12]
    assert table.loc["Gopher", ["params", "tokens"]].tolist() == [280e9, 300e9]
    assert table.loc["LaMDA", ["params", "tokens"]].tolist() == [137e9, 168e9]
    assert table.loc["MT-NLG 530B", "tokens"] == 270e9
    assert len(table) == 6


def test_chinchilla_table2_keeps_the_interval_that_excludes_its_estimate():
    """Sheet section 2.1 and inconsistency 2.7(3)."""
    table = datasets.load("chinchilla_table2").set_index("approach")
    assert table.loc["2. IsoFLOP profiles", ["a", "a_p10", "a_p90"]].tolist() == [
        0.49,
        0.462,
        0.534,
    ]
    approach3 = table.loc["3. Parametric modelling of the loss"]
    assert (approach3["a"], approach3["b"]) == (0.46, 0.54)
    assert not approach3["a_p10"] <= approach3["a"] <= approach3["a_p90"]  # as printed
    assert "does not contain" in approach3["note"]
    assert table.loc["Kaplan et al. (2020)", "a"] == 0.73 and np.isnan(
        table.loc["Kaplan et al. (2020)", "a_p10"]
    )


def test_chinchilla_table3_values_and_consistency():
    """Sheet section 2.2: 9 rows, about 20 tokens per parameter, FLOPs = 6ND."""
    table = datasets.load("chinchilla_table3")
    assert len(table) == 9
    by_params = table.set_index("params")
    assert by_params.loc[1e9, ["flops", "tokens"]].tolist() == [1.21e20, 20.2e9]
    assert by_params.loc[67e9, ["flops", "tokens", "flops_gopher_units"]].tolist() == [
        5.76e23,
        1.5e12,
        1.0,
    ]
    assert by_params.loc[10e12, ["flops", "tokens"]].tolist() == [1.30e28, 216.2e12]
    assert by_params.loc[400e6, "flops_gopher_units_printed"] == "1/29,968"
    assert by_params.loc[400e6, "flops_gopher_units"] == pytest.approx(1 / 29968)
    # "20 tokens per parameter" is read off this table; printed rounding keeps it in [19, 22.5].
    ratio = table["tokens"] / table["params"]
    assert ratio.between(19, 22.5).all(), ratio.tolist()
    # FLOPs = 6ND within the rounding of the printed tokens (67B is the worst, 4.7 % off).
    np.testing.assert_allclose(
        table["flops"], 6 * table["params"] * table["tokens"], rtol=0.05
    )
    # The Gopher-unit column is FLOPs / 5.76e23 (the Gopher budget), to printed precision.
    np.testing.assert_allclose(
        table["flops_gopher_units"], table["flops"] / 5.76e23, rtol=0.02
    )
    # The prose contradiction (Sec. 3.4) is recorded, not resolved.
    assert (
        "4.41e24" in by_params.loc[175e9, "note"]
        and "6.8 trillion" in by_params.loc[280e9, "note"]
    )


def test_chinchilla_table_a3_documents_the_175b_typo():
    """Sheet section 2.3: Approach 3 FLOPs = 6ND on every row except 175B, printed 10x too small."""
    table = datasets.load("chinchilla_table_a3")
    assert len(table) == 9
    by_params = table.set_index("params")
    assert by_params.loc[400e6].iloc[:4].tolist() == [1.84e19, 7.7e9, 2.21e19, 9.2e9]
    assert by_params.loc[10e12, ["approach3_flops", "approach3_tokens"]].tolist() == [
        8.55e28,
        1425.5e12,
    ]
    six_nd_2 = 6 * table["params"] * table["approach2_tokens"]
    np.testing.assert_allclose(table["approach2_flops"], six_nd_2, rtol=0.05)

    six_nd_3 = 6 * table["params"] * table["approach3_tokens"]
    typo = table["params"] == 175e9
    np.testing.assert_allclose(
        table.loc[~typo, "approach3_flops"], six_nd_3[~typo], rtol=0.05
    )
    # The 175B row is typed as printed: 1.26e24, exactly one tenth of 6 x 175e9 x 12.0e12 = 1.26e25.
    printed = by_params.loc[175e9, "approach3_flops"]
    assert printed == 1.26e24
    assert printed / (6 * 175e9 * 12.0e12) == pytest.approx(0.1)
    assert (
        printed < by_params.loc[67e9, "approach3_flops"]
    )  # smaller than a smaller model's: a typo
    assert (
        "1.26e+25" in by_params.loc[175e9, "note"]
        and "typo" in by_params.loc[175e9, "note"]
    )
    assert (table.loc[~typo, "note"] == "").all()


def test_chinchilla_table4_and_a4():
    """Sheet section 2.6, Tables 4 and A4."""
    arch = datasets.load("chinchilla_table4").set_index("model")
    assert arch.loc[
        "Chinchilla 70B", ["layers", "heads", "kv_size", "d_model", "max_lr"]
    ].tolist() == [80, 64, 128, 8192, 1e-4]
    assert arch.loc[
        "Gopher 280B", ["d_model", "batch_tokens_start", "batch_tokens_end"]
    ].tolist() == [16384, 3e6, 6e6]
    ratio = datasets.load("chinchilla_table_a4").set_index("params_printed")[
        "flop_ratio"
    ]
    assert ratio.to_dict() == {
        "73M": 1.03,
        "305M": 1.10,
        "552M": 1.08,
        "1.1B": 1.04,
        "1.6B": 1.03,
        "6.8B": 0.99,
    }


# --- Kaplan et al. 2020 ------------------------------------------------------------


def test_kaplan_table5():
    """Sheet section 1.2, Table 5, and inconsistency 1.8(3)."""
    table = datasets.load("kaplan_table5").set_index("exponent_name")
    assert table.loc["alpha_N", ["exponent", "scale"]].tolist() == [0.076, 8.8e13]
    assert table.loc["alpha_D", ["exponent", "scale"]].tolist() == [0.095, 5.4e13]
    assert table.loc["alpha_C", ["exponent", "scale"]].tolist() == [0.057, 1.6e7]
    assert table.loc["alpha_C_min", ["exponent", "scale"]].tolist() == [0.050, 3.1e8]
    assert table.loc["alpha_S", ["exponent", "scale"]].tolist() == [0.76, 2.1e3]
    assert (
        table.loc["alpha_B", "scale"] == 2.1e8 and "2e8" in table.loc["alpha_B", "note"]
    )
    assert table.loc["alpha_C_min", "scale_unit"] == "PF-days"
    # Eq. 1.8 with the table's exponents gives 0.052, not the fitted 0.050 (sheet 1.8(1)).
    a = table["exponent"]
    predicted = 1 / (1 / a["alpha_S"] + 1 / a["alpha_B"] + 1 / a["alpha_N"])
    assert predicted == pytest.approx(0.05199, abs=1e-5)


def test_kaplan_table6():
    """Sheet section 1.2, Table 6, and inconsistency 1.8(5)."""
    table = datasets.load("kaplan_table6").set_index("exponent_name")
    assert table.loc["p_N", ["exponent", "scale"]].tolist() == [0.73, 1.3e9]
    assert table.loc["p_B", ["exponent", "scale"]].tolist() == [0.24, 2.0e6]
    assert table.loc["p_S", ["exponent", "scale"]].tolist() == [0.03, 5.4e3]
    assert table.loc["p_D", ["exponent", "scale"]].tolist() == [0.27, 2e10]
    assert "4e10" in table.loc["p_D", "note"]
    # N and D exponents share the compute: 0.73 + 0.27 = 1 (C = 6ND).
    assert table.loc["p_N", "exponent"] + table.loc["p_D", "exponent"] == pytest.approx(
        1.0
    )


# --- Wei et al. 2022 ---------------------------------------------------------------


def test_wei_table1():
    """Sheet section 5, Table 1: inherited cells filled, the 'Many' row NaN."""
    table = datasets.load("wei_table1")
    assert len(table) == 23
    assert table["category"].value_counts().to_dict() == {
        "augmented": 13,
        "few-shot": 10,
    }
    by_ability = table.set_index("ability")
    row = by_ability.loc["MMLU Benchmark (30 topics)"]
    assert (row["train_flops"], row["params"], row["model"]) == (
        5.0e23,
        70e9,
        "Chinchilla",
    )
    inherited = by_ability.loc["Truthfulness (Truthful QA)"]
    assert (inherited["model"], inherited["reference"]) == (
        "Gopher",
        "Rae et al. (2021)",
    )
    assert "merged" in inherited["note"]
    assert by_ability.loc["Scratchpad: 8-digit addition (finetuning)", "params"] == 40e6
    many = by_ability.loc["Many BIG-Bench tasks (see Appendix E)"]
    assert (
        np.isnan(many["train_flops"])
        and np.isnan(many["params"])
        and "Many" in many["note"]
    )
    assert not (table["model"] == "↑").any() and (table["model"] != "").all()
    # GPT-3 rows agree with GPT-3's own compute (Table D.1: 2.31e22 for 13B, 3.14e23 for 175B).
    zoo = datasets.load("model_zoo").set_index("model")["compute_flops"]
    gpt3 = table[table["model"] == "GPT-3"].set_index("params")["train_flops"]
    assert gpt3.loc[13e9] == pytest.approx(zoo["GPT-3 13B"], rel=0.01)
    np.testing.assert_allclose(gpt3.loc[[175e9]], zoo["GPT-3 175B"], rtol=0.02)


# --- Henighan et al. 2020 ----------------------------------------------------------


def test_henighan_table1():
    """Sheet section 4, Table 1, with its derived cross-checks."""
    table = datasets.load("henighan_table1").set_index(["domain", "variable"])
    assert len(table) == 32
    language_c = table.loc[("Language", "C")]
    assert np.isnan(language_c["L_inf"]) and (
        language_c["x0"],
        language_c["exponent"],
    ) == (3.47e8, -0.048)
    # (1 / 3.47e8)^-0.048 = 2.57: GPT-3's L = 2.57 C^-0.048 (C in PF-days).
    assert (1 / language_c["x0"]) ** language_c["exponent"] == pytest.approx(
        2.57, abs=0.005
    )
    # (1 / 3.3e-13)^0.73 = 1.3e9: Kaplan's N_e (Table 6), where this row comes from.
    language_opt = table.loc[("Language", "N_opt")]
    assert (1 / language_opt["x0"]) ** language_opt["exponent"] == pytest.approx(
        1.3e9, rel=0.02
    )
    image = table.loc[("Image 8x8", "N")]
    assert (image["L_inf"], image["x0"], image["exponent"]) == (3.12, 80.0, -0.24)
    assert table.loc[
        ("Math (Extrapolate)", "C"), ["L_inf", "x0", "exponent"]
    ].tolist() == [0.14, 1.4e-5, -0.17]
    assert "single PDF-to-Markdown transcription" in table["source"].iloc[0]
    # Loss laws fall with scale; N_opt laws rise with compute (beta ~ 0.7, eq. 1.4).
    variable = table.index.get_level_values("variable")
    assert (table.loc[variable != "N_opt", "exponent"] < 0).all()
    assert table.loc[variable == "N_opt", "exponent"].between(0.6, 0.8).all()


# --- model zoo ---------------------------------------------------------------------


def test_model_zoo_values_and_tokens_per_parameter():
    """Sheet section 9 and its DERIVED tokens-per-parameter values."""
    zoo = datasets.load("model_zoo").set_index("model")
    assert zoo.index.is_unique
    per_param = zoo["tokens"] / zoo["params"]
    assert per_param["Chinchilla"] == pytest.approx(20.0)
    assert per_param["Llama 3 8B"] == pytest.approx(1875)
    assert per_param["Llama 3.1 405B"] == pytest.approx(38.5, abs=0.05)
    assert per_param["GPT-3 175B"] == pytest.approx(1.71, abs=0.01)
    assert per_param["Gopher"] == pytest.approx(1.07, abs=0.01)
    assert per_param["LLaMA 7B"] == pytest.approx(143, abs=0.5)
    assert per_param["Llama 2 7B"] == pytest.approx(286, abs=0.5)
    assert per_param["Pythia 12B"] == pytest.approx(25, abs=0.05)
    assert per_param["Pythia 70M"] == pytest.approx(4284, abs=0.5)
    assert zoo.loc["GPT-3 175B", "compute_flops"] == 3.14e23
    assert zoo.loc["Llama 3.1 405B", "compute_flops"] == 3.8e25
    assert zoo.loc["PaLM 540B", ["params", "tokens"]].tolist() == [540.35e9, 780e9]
    assert zoo.loc["OPT-175B", "tokens"] == 180e9
    assert "over 15T" in zoo.loc["Llama 3 8B", "note"]
    assert (
        np.isnan(zoo.loc["Mistral 7B", "tokens"])
        and "not published" in zoo.loc["Mistral 7B", "note"]
    )
    # Pythia: 143,000 steps of 1024 x 2048 tokens.
    assert (zoo.loc[zoo["family"] == "Pythia", "tokens"] == 143_000 * 1024 * 2048).all()
    # GPT-3's printed compute is 6ND to within 2 % for all eight sizes (Table D.1).
    gpt3 = zoo[zoo["family"] == "GPT-3"]
    assert len(gpt3) == 8
    np.testing.assert_allclose(
        gpt3["compute_flops"], 6 * gpt3["params"] * gpt3["tokens"], rtol=0.02
    )


def test_model_zoo_release_dates_match_their_sources():
    zoo = datasets.load("model_zoo").set_index("model")
    released = pd.to_datetime(zoo["released"], format="%Y-%m")  # every row has a month
    assert released.notna().all()
    # Where the introducing paper is on arXiv, its identifier encodes the month: YYMM.nnnnn.
    arxiv = zoo["released_from"].str.extract(r"^arXiv:(\d{2})(\d{2})\.")
    on_arxiv = arxiv[0].notna()
    assert on_arxiv.sum() >= 30
    expected = "20" + arxiv.loc[on_arxiv, 0] + "-" + arxiv.loc[on_arxiv, 1]
    assert (zoo.loc[on_arxiv, "released"] == expected).all()
    # Chinchilla came after Gopher and the GPT-3 family, and before every Llama model.
    chinchilla = released["Chinchilla"]
    assert (released[zoo["family"].isin(["GPT-3", "Gopher"])] < chinchilla).all()
    assert (
        released[zoo["family"].str.startswith(("LLaMA", "Llama"))] > chinchilla
    ).all()
