"""The registry of checkable exercises: what each answer is, its tolerance and a hint.

An entry names the function in :mod:`scalinglaws.book.checks.answers` that computes the
expected answer, so the expected value is computed from the library when a check runs,
never stored. Tolerances are relative (``|answer / expected - 1| <= rtol`` for every
element) and chosen per exercise: tight where the answer is a closed form, looser where
a reader may reasonably round or read a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import answers


def answer_name(label: str) -> str:
    """The name an exercise's answer is bound to: ``ex-05-3`` -> ``answer_05_3``.

    Examples
    --------
    >>> answer_name("ex-05-3")
    'answer_05_3'
    """
    match = re.fullmatch(r"ex-(\d{2})-(\d+)", str(label))
    if not match:
        raise ValueError(
            f"expected an exercise label such as 'ex-05-3', got {label!r}."
        )
    return f"answer_{match.group(1)}_{match.group(2)}"


@dataclass(frozen=True)
class ExerciseCheck:
    """One checkable exercise.

    Parameters
    ----------
    label : str
        The exercise's label in its chapter, ``ex-NN-k``.
    description : str
        What the answer is, in a few words, with its unit.
    expected : callable
        Computes the expected answer (a float or a 1-D array) from the library.
    rtol : float
        Largest relative error counted as right.
    hint : str
        Said when the answer is wrong: where to look, not what the answer is.
    shape : tuple of int
        ``()`` for a single number, ``(n,)`` for an array of n numbers.
    parts : tuple of str
        For a multi-part exercise, what each element of the answer is: the check
        judges and reports every part on its own. Empty for one number, or for an
        array whose elements are one answer (a curve, say).
    """

    label: str
    description: str
    expected: Callable[[], object]
    rtol: float
    hint: str
    shape: tuple = ()
    parts: tuple = ()

    @property
    def variable(self) -> str:
        """The name the solution binds the answer to, ``answer_NN_k`` (the check passes it)."""
        return answer_name(self.label)

    def __post_init__(self):
        if self.parts and self.shape != (len(self.parts),):
            raise ValueError(
                f"{self.label}: {len(self.parts)} parts need shape ({len(self.parts)},), "
                f"got {self.shape}."
            )


_ENTRIES = [
    ExerciseCheck(
        "ex-01-1",
        "doublings of N that halve L(N)",
        answers.ex_01_1,
        1e-3,
        "A doubling multiplies the loss by 2**-alpha_N; solve (2**-alpha_N)**k = 1/2 for k.",
    ),
    ExerciseCheck(
        "ex-01-2",
        "N_opt at 5.76e23 FLOPs, unrounded constants, in parameters",
        answers.ex_01_2,
        0.01,
        "Eq. 4 gives N_opt in closed form; the unrounded parameter set is one of the library's named laws.",
    ),
    ExerciseCheck(
        "ex-01-3",
        "Llama 3 8B under Epoch's law",
        answers.ex_01_3,
        0.01,
        "The budget is C = 6ND with Llama 3 8B's own N and D; then ask Epoch's law for its "
        "compute-optimal split, and compare the two models' predicted losses at that budget.",
        (3,),
        (
            "(a) tokens per parameter",
            "(b) compute-optimal N, in parameters",
            "(b) how much lower its loss is, in nats per token",
        ),
    ),
    ExerciseCheck(
        "ex-01-4",
        "alpha_C_min predicted by eq. 1.8",
        answers.ex_01_4,
        1e-3,
        "Add the reciprocals of alpha_S, alpha_B and alpha_N, then take the reciprocal of the sum.",
    ),
    ExerciseCheck(
        "ex-02-1",
        "N where the local slope is -alpha/2, in parameters",
        answers.ex_02_1,
        0.02,
        "The slope is -alpha (L - E) / L: it is half of -alpha where the reducible loss equals E.",
    ),
    ExerciseCheck(
        "ex-02-3",
        "exponent of the log-space least-squares fit to the clean data of Figure 2.3",
        answers.ex_02_3,
        1e-6,
        "Set both partial derivatives of the summed squared log-residuals to zero: the first "
        "puts the line through the means of log x and log y, and alpha is minus its slope.",
    ),
    ExerciseCheck(
        "ex-03-1",
        "L(N) of the wide model over the deep one",
        answers.ex_03_1,
        1e-4,
        "Count each model's non-embedding parameters with eq. 2.1 (12 n_layer d_model^2), then compare "
        "the two losses L(N) gives: the wide model's over the deep one's.",
    ),
    ExerciseCheck(
        "ex-03-2",
        "tokens GPT-3 175B needs by eq. 4.4",
        answers.ex_03_2,
        0.01,
        "Eq. 4.4 takes the non-embedding parameter count, not the 175 billion of the model's name.",
    ),
    ExerciseCheck(
        "ex-03-3",
        "tokens that keep a 1e9-parameter model's over-fitting penalty at 1%",
        answers.ex_03_3,
        1e-3,
        "Set eq. 4.3's penalty equal to epsilon and solve for D with Table 2's constants; "
        "put your D back into the penalty to see that it gives 0.01.",
    ),
    ExerciseCheck(
        "ex-03-5",
        "compute C* where the two laws cross, in PF-days",
        answers.ex_03_5,
        0.01,
        "The two laws cross where their losses are equal: find the root of the difference of their "
        "logarithms, working in log C_min (PF-days).",
    ),
    ExerciseCheck(
        "ex-04-3",
        "share of the compute-optimal reducible loss due to the parameter term A/N^alpha",
        answers.ex_04_3,
        1e-3,
        "On the line 6ND = C, d ln D = -d ln N: differentiate the reducible loss with "
        "respect to ln N and set it to zero; the ratio of the two terms follows.",
    ),
    ExerciseCheck(
        "ex-04-4",
        "0.95 bits/byte at 4.1 bytes/token, in nats/token",
        answers.ex_04_4,
        1e-3,
        "Multiply by bytes per token to get bits per token, then by ln 2 to get nats.",
    ),
    ExerciseCheck(
        "ex-04-5",
        "multiple of Chinchilla's compute to come within 0.01 nats of E",
        answers.ex_04_5,
        0.01,
        "On the compute frontier the reducible loss falls as a power of C; how many times smaller must "
        "today's gap get, and what power of that is the compute factor?",
    ),
    ExerciseCheck(
        "ex-05-1",
        "N_opt at 3.8e25 FLOPs under Hoffmann's unrounded constants, in parameters",
        answers.ex_05_1,
        0.01,
        "The planner takes a budget and a law's name; the budget is Llama 3.1 405B's training "
        "compute.",
    ),
    ExerciseCheck(
        "ex-05-2",
        "log10 of the budget in FLOPs at which each law gives 20 tokens per parameter",
        answers.ex_05_2,
        0.003,
        "Set the closed-form ratio D_opt/N_opt equal to 20 and solve for C with each law's "
        "own G, a and b; take log10 of each budget.",
        (3,),
        (
            "Hoffmann et al., rounded (eq. 10)",
            "Hoffmann et al., unrounded",
            "Epoch's refit",
        ),
    ),
    ExerciseCheck(
        "ex-06-1",
        "Chinchilla 70B's non-embedding parameters",
        answers.ex_06_1,
        1e-6,
        "Eq. 2.1: N = 12 n_layer d_model**2, with Table 4's 80 layers of width 8192.",
    ),
    ExerciseCheck(
        "ex-06-3",
        "Epoch's compute-optimal N at 3e21 FLOPs, in parameters",
        answers.ex_06_3,
        1e-3,
        "N_opt = G (C/6)**a with G = (alpha A / (beta B))**(1/(alpha + beta)) and a = beta/(alpha + beta).",
    ),
    ExerciseCheck(
        "ex-07-1",
        "size ratio for 20-token over 1-token exact match of 1/2",
        answers.ex_07_1,
        1e-3,
        "p(N)**L = 1/2 gives p = 2**(-1/L); the threshold grows as L**(1/|alpha|).",
    ),
    ExerciseCheck(
        "ex-08-2",
        "Llama 2 7B under Epoch's law",
        answers.ex_08_2,
        0.01,
        "Ask which served-token count makes Llama 2 7B's own N and D the inference-aware optimum "
        "under Epoch's law (the planning module inverts that relation); then compare its training "
        "compute with that of the compute-optimal model reaching the same loss.",
        (2,),
        (
            "(a) served tokens",
            "(b) extra training compute, as a fraction of the compute-optimal model's",
        ),
    ),
    ExerciseCheck(
        "ex-08-3",
        "smallest k = N/N_opt at 10% extra compute, Epoch's law",
        answers.ex_08_3,
        0.005,
        "The extra compute of a model k times the optimal size grows as k shrinks: find the k where "
        "it reaches 10%, between the critical size ratio and 1.",
    ),
    ExerciseCheck(
        "ex-08-4",
        "epochs of the data-constrained plan at 1e23 FLOPs, 200B tokens",
        answers.ex_08_4,
        0.01,
        "Plan under Muennighoff et al.'s data-constrained law with the unique tokens given; the "
        "plan reports its epochs.",
    ),
    ExerciseCheck(
        "ex-09-1",
        "budget where DeepSeek's B_opt is 1,024 tokens, in FLOPs",
        answers.ex_09_1,
        0.005,
        "Set the batch law equal to 32 x 32 tokens and solve for C: divide by the "
        "coefficient and raise to one over the exponent.",
    ),
    ExerciseCheck(
        "ex-09-2",
        "WSD tokens over matched-cosine tokens, 5 doubling budgets",
        answers.ex_09_2,
        0.002,
        "The cosines train every length from scratch (a geometric series); WSD trains the "
        "longest run's stable 80% once and every 20% cool-down.",
    ),
    ExerciseCheck(
        "ex-09-3",
        "largest excess of the default recipe over the best run, in percent",
        answers.ex_09_3,
        0.01,
        "Per budget, divide the loss of the run at rate 0.01 and 1,024-token batches by the "
        "lowest loss of that budget; take the largest excess over the five budgets.",
    ),
    ExerciseCheck(
        "ex-10-5",
        "forecast of the default target run's held-out loss, in nats per example",
        answers.ex_10_5,
        0.02,
        "Spend the sweep's compute where the forecast needs it: profiles that bracket "
        "their minima, budgets that reach towards the target's. Then forecast with the "
        "approach that answers the target run's question, before looking at its loss.",
    ),
    ExerciseCheck(
        "ex-11-1",
        "BiT/101/3's ImageNet 10-shot error at its last held-out point, as a fraction",
        answers.ex_11_1,
        0.05,
        "Fit only the rows marked for fitting and predict at the largest held-out x; the "
        "saturating forms bend where the pure power law does not.",
    ),
    ExerciseCheck(
        "ex-11-2",
        "factor of training images that halves the digits error (M1)",
        answers.ex_11_2,
        0.01,
        "Average the error over seeds at each training-set size, fit M1 (log error on log images), "
        "and solve factor**c = 1/2 for the factor.",
    ),
    ExerciseCheck(
        "ex-11-3",
        "mean misclassified held-out digits of the width-256 runs",
        answers.ex_11_3,
        0.01,
        "Each run's held-out error rate times the 497 held-out images is its count; average over "
        "the width-256 runs.",
    ),
    ExerciseCheck(
        "ex-12-1",
        "compute where the Pythia loss law reaches 1.3 nats, in FLOPs",
        answers.ex_12_1,
        0.01,
        "Solve 1.3 = E + (x0/C)**alpha for C with the fit's E, x0 and alpha.",
    ),
    ExerciseCheck(
        "ex-12-2",
        "step-2 accuracy at the width-128 run's subtask-10 loss",
        answers.ex_12_2,
        0.005,
        "Read the width-128 run's loss on subtask 10 from the committed runs and map it to an "
        "accuracy with the fitted second step.",
    ),
    ExerciseCheck(
        "ex-12-3",
        "step-2 ARC-Easy accuracy at Pythia-12B's final LAMBADA loss",
        answers.ex_12_3,
        0.005,
        "Take Pythia-12B's LAMBADA loss at its last step and map it to ARC-Easy accuracy with the "
        "fitted second step.",
    ),
    ExerciseCheck(
        "ex-12-4",
        "decades of reach: Llama 3, then Pythia-12B over 2.8B",
        answers.ex_12_4,
        0.005,
        "log10 of the flagship's FLOPs over the largest scaling run's, and of 12e9 over 2.8e9.",
        (2,),
    ),
]

#: Every checkable exercise, by label.
REGISTRY: dict[str, ExerciseCheck] = {entry.label: entry for entry in _ENTRIES}
