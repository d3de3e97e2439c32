"""Tables typed from the papers and shipped with the package in ``scalinglaws/data``.

Every CSV has a ``source`` column on every row: the paper, its table, and how the
number was checked (the status tag of the project's reference sheet of published
numbers: [P-pdf] read in a full-text copy of the paper, [A] the authors' own
repository, [S] secondary sources only). Numbers are typed as printed. Where a
paper contradicts itself or misprints, the printed value is kept and a ``note``
column says so; nothing is silently corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pandas as pd

from .registry import DatasetInfo

_HOFFMANN = (
    "Hoffmann, J., et al. (2022). Training Compute-Optimal Large Language Models. "
    "NeurIPS 2022. arXiv:2203.15556."
)
_KAPLAN = "Kaplan, J., et al. (2020). Scaling Laws for Neural Language Models. arXiv:2001.08361."
_TYPED = "Facts typed from the paper (numbers are not copyrightable); the CSV is part of this project."


@dataclass(frozen=True)
class TableSpec:
    """A shipped table: its CSV file, which columns are numbers, and where it comes from."""

    name: str
    numeric: tuple[str, ...]
    description: str
    citation: str

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def info(self) -> DatasetInfo:
        return DatasetInfo(self.name, "table", self.description, _TYPED, self.citation)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "chinchilla_table1",
            ("params", "tokens"),
            "Hoffmann et al. (2022) Table 1, 'Current LLMs': parameters and training tokens of six models.",
            _HOFFMANN,
        ),
        TableSpec(
            "chinchilla_table2",
            ("a", "a_p10", "a_p90", "b", "b_p10", "b_p90"),
            "Hoffmann et al. (2022) Table 2: exponents a (N_opt ~ C^a) and b (D_opt ~ C^b) of the three "
            "approaches and Kaplan's, with bootstrap 10th/90th percentiles.",
            _HOFFMANN,
        ),
        TableSpec(
            "chinchilla_table3",
            ("params", "flops", "flops_gopher_units", "tokens"),
            "Hoffmann et al. (2022) Table 3: Approach 1's compute-optimal FLOPs and tokens for 9 model "
            "sizes. flops_gopher_units_printed is the cell as printed (e.g. '1/29,968'); "
            "flops_gopher_units is its value.",
            _HOFFMANN,
        ),
        TableSpec(
            "chinchilla_table_a3",
            (
                "params",
                "approach2_flops",
                "approach2_tokens",
                "approach3_flops",
                "approach3_tokens",
            ),
            "Hoffmann et al. (2022) Table A3: Approaches 2 and 3's compute-optimal FLOPs and tokens. The "
            "175B Approach-3 FLOPs are typed as printed (1.26e24), a typo for 1.26e25 (see the note column).",
            _HOFFMANN,
        ),
        TableSpec(
            "chinchilla_table4",
            (
                "params",
                "layers",
                "heads",
                "kv_size",
                "d_model",
                "max_lr",
                "batch_tokens_start",
                "batch_tokens_end",
            ),
            "Hoffmann et al. (2022) Table 4: the architectures and training settings of Gopher 280B and "
            "Chinchilla 70B (batch size ramps from batch_tokens_start to batch_tokens_end).",
            _HOFFMANN,
        ),
        TableSpec(
            "chinchilla_table_a4",
            ("params", "flop_ratio"),
            "Hoffmann et al. (2022) Table A4: the ratio of their full FLOP count (Appendix F) to 6ND.",
            _HOFFMANN,
        ),
        TableSpec(
            "kaplan_table5",
            ("exponent", "scale"),
            "Kaplan et al. (2020) Table 5: the fitted exponents and scales of L(N), L(D), L(C), "
            "L(C_min), B_crit(L) and the S term of L(N, S).",
            _KAPLAN,
        ),
        TableSpec(
            "kaplan_table6",
            ("exponent", "scale"),
            "Kaplan et al. (2020) Table 6: compute-efficient N_opt, B, S_min and D_opt as power laws "
            "of C_min (in PF-days).",
            _KAPLAN,
        ),
        TableSpec(
            "wei_table1",
            ("train_flops", "params"),
            "Wei et al. (2022) Table 1: emergent abilities and the training FLOPs and parameters at which "
            "they emerge. Cells merged with the row above in the PDF are filled in (see note); the "
            "'Many BIG-Bench tasks' row has NaN numbers.",
            "Wei, J., et al. (2022). Emergent Abilities of Large Language Models. TMLR. arXiv:2206.07682.",
        ),
        TableSpec(
            "henighan_table1",
            ("L_inf", "x0", "exponent"),
            "Henighan et al. (2020) Table 1: L = L_inf + (x / x0)^exponent for x = N (non-embedding "
            "parameters) and x = C (PF-days), and N_opt = (C / x0)^exponent; loss in nats per token. "
            "L_inf is NaN where the table prints none (the form then has no constant term).",
            "Henighan, T., et al. (2020). Scaling Laws for Autoregressive Generative Modeling. arXiv:2010.14701.",
        ),
        TableSpec(
            "downstream_forecasts",
            ("value",),
            "Published forecasts of downstream ability before training: the GPT-4 report's loss and "
            "HumanEval forecasts (OpenAI 2023, sections 3.1-3.2) and the scale of Llama 3's "
            "two-step ARC-Challenge forecast (Grattafiori et al. 2024, section 3.2.1); one row per "
            "number, with its unit and where the paper states it.",
            "OpenAI (2023). GPT-4 Technical Report. arXiv:2303.08774; Grattafiori, A., et al. (2024). "
            "The Llama 3 Herd of Models. arXiv:2407.21783.",
        ),
        TableSpec(
            "model_zoo",
            ("params", "tokens", "compute_flops"),
            "Well-known language models: parameters, training tokens and, where the paper prints it, "
            "training compute (FLOPs). NaN where a number is not published. 'released' is the "
            "year and month (YYYY-MM) of the paper or announcement that introduced the model, "
            "named in 'released_from' (an arXiv identifier's first four digits are that month).",
            "Per row, in the source column.",
        ),
    )
}


def load_table(name: str) -> pd.DataFrame:
    """Read the shipped table ``name`` with its numeric columns as float64 and the rest as strings.

    Parameters
    ----------
    name : str
        A key of :data:`TABLES`, e.g. ``"chinchilla_table3"``.

    Returns
    -------
    pandas.DataFrame
        The table in file order. Empty text cells are empty strings; empty
        numeric cells are NaN.
    """
    spec = TABLES[name]
    with (
        resources.files("scalinglaws")
        .joinpath("data", spec.filename)
        .open("r", encoding="utf-8") as handle
    ):
        # Read every cell as text first so that printed strings such as '1/46'
        # or '3M → 6M' are never mangled into numbers (or numbers into strings).
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    for column in spec.numeric:
        text = frame[column].str.strip()
        frame[column] = pd.to_numeric(text.where(text != ""), errors="raise").astype(
            float
        )
    if (
        frame["source"].str.strip() == ""
    ).any():  # a shipped table without a source is a bug
        raise RuntimeError(f"{spec.filename} has a row without a source")
    return frame


def table_path(name: str):
    """The shipped CSV of table ``name`` (an importlib Traversable, a real path in normal installs)."""
    return resources.files("scalinglaws").joinpath("data", TABLES[name].filename)
