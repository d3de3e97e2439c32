"""Why Kaplan et al. found N_opt ~ C^0.73 and Hoffmann et al. N_opt ~ C^0.50.

Kaplan et al. (2020, eq. 6.1 and Table 6) fit N_opt ~ C_min^0.73; Hoffmann et
al. (2022, Table 2) find exponents near 0.5 by three methods. Two later
papers explain most of the gap without either study being wrong about
language models:

**Counting parameters** (Pearce & Song 2024). Kaplan et al. count
non-embedding parameters N_E and compute C_E = 6 N_E D (their section 2.1).
If the loss really follows a Chinchilla law in *total* parameters
N_T = N_E + gamma N_E^(1/3) (gamma = 47491 fitted to Chinchilla's model
shapes; :func:`scalinglaws.compute.total_from_non_embedding`), the frontier
N_E*(C_E) is not a power law: its local exponent runs from
3 beta / (3 beta + alpha) at small scale, where embeddings dominate, through
values near 1, down to beta / (alpha + beta) at large scale. Fitted with
one straight line over the budgets of Kaplan's models (768 to 1.5 billion
non-embedding parameters, their section 2), the frontier of Epoch's law
(Besiroglu et al. 2024) has slope near 0.78 (Pearce & Song print 0.78); in
total parameters and compute it has slope 0.51. :func:`non_embedding_optimum`,
:func:`local_exponent_non_embedding` and :func:`frontier_exponent` compute these.

**Training details** (Porian et al. 2024). Reproducing Kaplan's setup and
removing one difference at a time moves the fitted exponent from 0.834 to
0.497 (:data:`PORIAN_2024_STEPS`).

Chapter 6 (*Why Kaplan and Chinchilla disagree*) uses this module. It fits
nothing: it is the allocation of :mod:`~scalinglaws.planning.allocation` under
another way of counting parameters, hence its place in ``planning``.
"""

from __future__ import annotations

import numpy as np

from scalinglaws import compute
from scalinglaws._validation import as_count, as_positive, scalar_or_array
from scalinglaws.fitting.loglinear import LogLinearFit, fit_log_linear
from scalinglaws.laws import KAPLAN_2020, ChinchillaLaw

#: Kaplan et al. (2020), section 2: "768 to 1.5 billion non-embedding parameters".
KAPLAN_NON_EMBEDDING_RANGE = KAPLAN_2020.n_range

#: Porian, Wortsman, Jitsev, Schmidt & Carmon (2024), Fig. 1 (RefinedWeb): the
#: exponent a of N_opt ~ C^a as each difference from Kaplan et al.'s setup is
#: removed, cumulatively and in this order (their Fig. 1;
#: panel labels from the configuration of the authors' code). The last step
#: tunes AdamW's learning rate, batch size and beta_2 per model size and uses
#: a constant learning rate (no decay).
PORIAN_2024_STEPS = (
    ("Kaplan et al.'s setup reproduced", 0.834),
    ("count the last layer's FLOPs", 0.701),
    ("shorter warm-up", 0.604),
    ("cosine decay matched to each budget", 0.571),
    ("AdamW tuned per size, no decay", 0.497),
)

#: Porian et al. (2024) on OpenWebText2: the first and last exponents of the
#: same sequence (their Fig. 1).
PORIAN_2024_OPENWEBTEXT2 = (0.870, 0.518)

COUNTINGS = ("non_embedding", "total")


def _check_law(law):
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(
            f"law must be a ChinchillaLaw (e.g. laws.BESIROGLU_2024), got {type(law).__name__}."
        )


def _check_gamma(gamma):
    gamma = as_positive(gamma, "gamma")
    if gamma.ndim != 0:
        raise ValueError(
            f"gamma must be a single number (47491 in Pearce & Song 2024), got shape {gamma.shape}."
        )
    return float(gamma)


def non_embedding_from_total(N_total, gamma=compute.PEARCE_SONG_GAMMA):
    """Invert N_T = N_E + gamma N_E^(1/3) (Pearce & Song 2024): non-embedding from total parameters.

    With x = N_E^(1/3) the relation is the cubic x^3 + gamma x - N_T = 0,
    which for gamma > 0 has exactly one real root (Cardano's formula).

    Parameters
    ----------
    N_total : array_like
        Total parameters N_T, > 0.
    gamma : float, default 47491
        Embedding coefficient fitted to Chinchilla's model shapes.

    Returns
    -------
    float or ndarray
        N_E, with ``compute.total_from_non_embedding(N_E, gamma) == N_total``.
    """
    N_total = as_positive(N_total, "N_total")
    gamma = _check_gamma(gamma)
    p3 = (gamma / 3.0) ** 3
    root = np.sqrt((N_total / 2.0) ** 2 + p3)
    # cbrt(q + r) - cbrt(r - q) loses digits when N_T is small; the product
    # form cbrt(q + r) - p/(3 cbrt(q + r)) with p = gamma does not.
    u = np.cbrt(N_total / 2.0 + root)
    x = u - (gamma / 3.0) / u
    return scalar_or_array(x**3)


def _embedding_terms(N, gamma):
    """N_T and s = d ln N_T / d ln N_E at non-embedding size N."""
    third = gamma * np.cbrt(N)
    total = N + third
    return total, (N + third / 3.0) / total


def optimal_budget_non_embedding(law, N_non_embedding, gamma=compute.PEARCE_SONG_GAMMA):
    """The budget C_E = 6 N_E D at which N_E is the compute-optimal non-embedding size.

    The loss is ``law`` in total parameters, L = E + A N_T^-alpha + B D^-beta
    with N_T = N_E + gamma N_E^(1/3) (Pearce & Song 2024), and compute is
    counted as Kaplan et al. (2020, section 2.1) count it, C_E = 6 N_E D.
    Setting dL/d ln N_E = 0 along C_E fixed gives C_E in closed form::

        C_E = 6 N_E (beta B / (alpha A s N_T^-alpha))^(1/beta),  s = d ln N_T / d ln N_E.

    Parameters
    ----------
    law : ChinchillaLaw
    N_non_embedding : array_like
        Non-embedding parameters N_E, > 0.
    gamma : float, default 47491

    Returns
    -------
    float or ndarray
        C_E in FLOPs. It increases with N_E for the published laws (the
        tests check it), so each budget has exactly one optimum.
    """
    _check_law(law)
    N = as_positive(N_non_embedding, "N_non_embedding")
    total, s = _embedding_terms(N, _check_gamma(gamma))
    ratio = law.beta * law.B / (law.alpha * law.A * s * total ** (-law.alpha))
    return scalar_or_array(6.0 * N * ratio ** (1.0 / law.beta))


def local_exponent_non_embedding(law, N_non_embedding, gamma=compute.PEARCE_SONG_GAMMA):
    """Local exponent d ln N_E* / d ln C_E of the non-embedding frontier, where N_E is optimal.

    From :func:`optimal_budget_non_embedding`,
    d ln C_E / d ln N_E = 1 + (alpha s - d ln s / d ln N_E) / beta, and the
    local exponent is its reciprocal. It tends to 3 beta / (3 beta + alpha)
    for N_E << gamma^(3/2) (embeddings dominate, N_T ~ gamma N_E^(1/3)) and to
    Hoffmann et al.'s a = beta / (alpha + beta) for N_E >> gamma^(3/2).

    Parameters
    ----------
    law : ChinchillaLaw
    N_non_embedding : array_like
        Non-embedding sizes at which to evaluate, > 0.
    gamma : float, default 47491

    Returns
    -------
    float or ndarray
    """
    _check_law(law)
    N = as_positive(N_non_embedding, "N_non_embedding")
    gamma = _check_gamma(gamma)
    _, s = _embedding_terms(N, gamma)
    x = np.cbrt(N) ** 2  # s = (x + gamma/3) / (x + gamma) with x = N_E^(2/3)
    dlns = (2.0 / 3.0) * (x / (x + gamma / 3.0) - x / (x + gamma))
    return scalar_or_array(1.0 / (1.0 + (law.alpha * s - dlns) / law.beta))


def non_embedding_optimum(law, C_non_embedding, gamma=compute.PEARCE_SONG_GAMMA):
    """Compute-optimal non-embedding size N_E* at budgets C_E = 6 N_E D (Pearce & Song 2024).

    Inverts :func:`optimal_budget_non_embedding` by bisection on log N_E
    (to relative precision 1e-12), vectorised over the budgets.

    Parameters
    ----------
    law : ChinchillaLaw
        The loss in *total* parameters.
    C_non_embedding : array_like
        Budgets C_E in FLOPs, > 0.
    gamma : float, default 47491

    Returns
    -------
    float or ndarray
        N_E* for each budget.

    Raises
    ------
    ValueError
        If a budget is so small or large that its optimum lies outside
        1e-6 to 1e18 parameters.
    """
    _check_law(law)
    C = as_positive(C_non_embedding, "C_non_embedding")
    gamma = _check_gamma(gamma)
    lo, hi = np.full(C.shape, np.log(1e-6)), np.full(C.shape, np.log(1e18))
    log_c = np.log(C)
    edges = np.log(
        optimal_budget_non_embedding(law, np.exp([lo.flat[0], hi.flat[0]]), gamma)
    )
    if np.any(log_c < edges[0]) or np.any(log_c > edges[1]):
        raise ValueError(
            f"C_non_embedding must lie between {np.exp(edges[0]):.3g} and {np.exp(edges[1]):.3g} FLOPs, "
            "where the optimum is between 1e-6 and 1e18 parameters."
        )
    for _ in range(80):  # each halving of a 55-unit bracket; 80 reach below 1e-12
        mid = 0.5 * (lo + hi)
        above = np.log(optimal_budget_non_embedding(law, np.exp(mid), gamma)) > log_c
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    return scalar_or_array(np.exp(0.5 * (lo + hi)))


def frontier_exponent(
    law,
    C_range,
    *,
    counting="non_embedding",
    gamma=compute.PEARCE_SONG_GAMMA,
    n_points=200,
) -> LogLinearFit:
    """The straight line a study fitting N_opt ~ C^a over ``C_range`` would report.

    Parameters
    ----------
    law : ChinchillaLaw
        The true loss, in total parameters.
    C_range : (float, float)
        Lowest and highest budget in FLOPs, counted as ``counting`` says.
    counting : {"non_embedding", "total"}
        ``"non_embedding"``: N_E and C_E = 6 N_E D, as Kaplan et al. (2020);
        the frontier is :func:`non_embedding_optimum`. ``"total"``: N_T and
        C_T = 6 N_T D, as Hoffmann et al. (2022); the frontier is eq. (4),
        ``law.compute_optimal``, an exact power law with exponent ``law.a``.
    gamma : float, default 47491
    n_points : int, default 200
        Log-spaced budgets at which the frontier is read.

    Returns
    -------
    LogLinearFit
        Least-squares line through (log C, log N_opt); ``.exponent`` is the slope.
    """
    _check_law(law)
    bounds = as_positive(C_range, "C_range")
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(
            f"C_range must be (low, high) with 0 < low < high, got {C_range!r}."
        )
    if counting not in COUNTINGS:
        raise ValueError(f"counting must be one of {COUNTINGS}, got {counting!r}.")
    n_points = as_count(n_points, "n_points", 2)
    C = np.geomspace(bounds[0], bounds[1], int(n_points))
    if counting == "total":
        N = np.asarray(law.compute_optimal(C)[0])
    else:
        N = np.asarray(non_embedding_optimum(law, C, gamma))
    return fit_log_linear(C, N)
