"""Published numbers the chapters quote that are not the constants of a law.

A budget, a count of runs, a test statistic: each is typed here once, with
the place it was printed, so that a chapter reads it instead of typing it and
``tests/test_laws_published.py`` pins it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BESIROGLU_2024_REPORTED",
    "GOPHER_FLOPS",
    "GOPHER_FLOPS_APPENDIX_F",
    "HOFFMANN_2022_MODELS_TRAINED",
    "EpochReport",
]

#: Gopher's (and Chinchilla's) training compute in FLOPs, as the caption of
#: Hoffmann et al. (2022) Fig. 2 prints it.
GOPHER_FLOPS = 5.76e23

#: The same budget by "a slightly more accurate calculation" (Hoffmann et al.
#: 2022, Appendix F).
GOPHER_FLOPS_APPENDIX_F = 6.3e23

#: "over 400 language models" (Hoffmann et al. 2022, abstract): the runs behind
#: their three approaches; a lower bound.
HOFFMANN_2022_MODELS_TRAINED = 400


@dataclass(frozen=True)
class EpochReport:
    """What Besiroglu et al. (2024) report about their refit of Hoffmann et al.'s runs.

    Attributes
    ----------
    E_standard_error : float
        Bootstrap standard error of E (the authors' notebook prints 0.02566;
        the paper's Table 1 rounds it to 0.03).
    chi2, chi2_df, chi2_p : float, int, float
        Their test of Hoffmann et al.'s published parameters against the
        extracted runs: chi-squared 238.40 on 5 degrees of freedom, p = 1.69e-49
        (the authors' notebook).
    a, a_standard_error : float
        The allocation exponent beta / (alpha + beta) of their refit and its
        standard error: 0.513 (0.020).
    runs_needed : int
        Runs needed for an 80% interval on a as narrow as Hoffmann et al.'s
        Table 2 prints (0.454 to 0.455), by the delta method: 632,740, the
        "over 600,000 experiments" of their abstract.
    """

    E_standard_error: float = 0.02566
    chi2: float = 238.40
    chi2_df: int = 5
    chi2_p: float = 1.69e-49
    a: float = 0.513
    a_standard_error: float = 0.020
    runs_needed: int = 632_740


#: Besiroglu et al. (2024), arXiv:2404.10102, and the authors' notebook
#: (epoch-research/analyzing-chinchilla, data_analysis.ipynb).
BESIROGLU_2024_REPORTED = EpochReport()
