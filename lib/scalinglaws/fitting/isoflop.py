"""Approach 2 of Hoffmann et al. (2022): IsoFLOP profiles.

Hoffmann et al. (2022), section 3.2 and Fig. 3: for each of a set of fixed
FLOP budgets, train models of several sizes; along each budget ("IsoFLOP
profile") the final loss against log N is roughly a parabola, whose minimum
is that budget's compute-optimal N_opt, with D_opt = C / (6 N_opt). Power laws
N_opt = k_N C^a and D_opt = k_D C^b through those optima give the exponents of
their Table 2 (a = 0.49, b = 0.51). Chapter 4 uses this on CS336's isoFLOP
data, whose handout asks for the simpler rule of taking each budget's
lowest-loss run.

Two variants, chosen with ``method``:

``"parabola"`` (Hoffmann et al.'s Approach 2)
    fit L = p0 + p1 u + p2 u^2 with u = log N through each budget's runs and
    take its vertex as N_opt; it can land between the sizes actually trained.
``"lowest"`` (the CS336 assignment 3 rule)
    take the size of the run with the lowest loss at each budget; N_opt is
    then always one of the sizes trained.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import partial

import numpy as np

from scalinglaws._validation import as_nonnegative
from scalinglaws.fitting._inputs import positive_points, require_spread
from scalinglaws.fitting.loglinear import AllocationLaws, LogLinearFit, fit_log_linear
from scalinglaws.fitting.result import attach

METHODS = ("parabola", "lowest")


@dataclass(frozen=True)
class IsoflopFit(AllocationLaws):
    """Result of :func:`fit_isoflop`.

    Attributes
    ----------
    method : str
        ``"parabola"`` or ``"lowest"``.
    budgets : ndarray, shape (k,)
        FLOP budget of each IsoFLOP profile used.
    N_opt, D_opt, L_opt : ndarray, shape (k,)
        Estimated optimal parameters, tokens (C / 6 N_opt) and loss per budget.
    n_law, d_law : LogLinearFit
        N_opt = k_N C^a and D_opt = k_D C^b through the per-budget optima.
    parabolas : ndarray, shape (k, 3) or None
        (p0, p1, p2) of L = p0 + p1 log N + p2 (log N)^2 per budget (``"parabola"`` only).
    dropped_budgets : tuple of float
        Budgets left out because their parabola opens downwards (no minimum).
    """

    method: str
    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    L_opt: np.ndarray
    n_law: LogLinearFit
    d_law: LogLinearFit
    parabolas: np.ndarray | None = None
    dropped_budgets: tuple = ()

    def _optimum_flops(self):
        return self.budgets


def fit_isoflop(
    N, C, L, *, method: str = "parabola", budget_rtol: float = 1e-6
) -> IsoflopFit:
    """Estimate N_opt(C) and D_opt(C) from IsoFLOP profiles (Hoffmann et al. 2022, Approach 2).

    Parameters
    ----------
    N, C, L : array_like, shape (n,)
        Parameters, training FLOPs and final loss of each run.
    method : {"parabola", "lowest"}, default "parabola"
        Per-budget optimum: vertex of a parabola in log N (Hoffmann et al.),
        or the lowest-loss run (CS336 assignment 3). See the module docstring.
    budget_rtol : float, default 1e-6
        Runs whose C differ by at most this relative amount (after sorting,
        neighbour to neighbour) form one budget; raise it for data whose
        budgets are only approximately equal (e.g. values read off a plot).

    Returns
    -------
    IsoflopFit

    Raises
    ------
    ValueError
        On bad inputs, all runs at one N, fewer than two budgets with a
        usable optimum, or a budget with too few distinct sizes (3 for a
        parabola, 2 for the lowest run).

    Warns
    -----
    RuntimeWarning
        When a budget's parabola has no minimum (it is dropped) or its vertex
        lies outside the sizes trained at that budget (an extrapolation).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}.")
    min_sizes = 3 if method == "parabola" else 2
    N, C, L = positive_points(2 * min_sizes, N=N, C=C, L=L)
    require_spread(N, "N", "an IsoFLOP profile")
    rtol = float(as_nonnegative(budget_rtol, "budget_rtol"))
    labels = _group_budgets(C, rtol)
    n_groups = labels.max() + 1
    if n_groups < 2:
        raise ValueError(
            "all runs share one FLOP budget; fitting N_opt ~ C^a needs at least two budgets."
        )

    budgets, n_opt, l_opt, parabolas, dropped = [], [], [], [], []
    for g in range(n_groups):
        members = labels == g
        budget = float(np.exp(np.mean(np.log(C[members]))))
        log_n, loss = np.log(N[members]), L[members]
        if np.unique(log_n).size < min_sizes:
            raise ValueError(
                f"the budget C = {budget:.3g} has runs at {np.unique(log_n).size} distinct sizes; "
                f"method {method!r} needs at least {min_sizes}."
            )
        if method == "lowest":
            best = int(np.argmin(loss))
            budgets.append(budget)
            n_opt.append(float(N[members][best]))
            l_opt.append(float(loss[best]))
            continue
        parabola = profile_minimum(log_n, loss)
        if parabola is None:
            dropped.append(budget)
            warnings.warn(
                f"the IsoFLOP parabola at C = {budget:.3g} opens downwards (no minimum); that budget is left out.",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        vertex, loss_at_vertex, coefficients = parabola
        if not log_n.min() <= vertex <= log_n.max():
            warnings.warn(
                f"at C = {budget:.3g} the parabola's minimum N = {np.exp(vertex):.3g} lies outside the sizes "
                f"trained ({np.exp(log_n.min()):.3g} to {np.exp(log_n.max()):.3g}); it is an extrapolation.",
                RuntimeWarning,
                stacklevel=2,
            )
        budgets.append(budget)
        n_opt.append(float(np.exp(vertex)))
        l_opt.append(loss_at_vertex)
        parabolas.append(coefficients)

    if len(budgets) < 2:
        raise ValueError(
            f"only {len(budgets)} budget(s) have a usable optimum; fitting N_opt ~ C^a needs at least two."
        )
    budgets = np.array(budgets)
    n_opt = np.array(n_opt)
    d_opt = budgets / (6.0 * n_opt)
    fit = IsoflopFit(
        method=method,
        budgets=budgets,
        N_opt=n_opt,
        D_opt=d_opt,
        L_opt=np.array(l_opt),
        n_law=fit_log_linear(budgets, n_opt),
        d_law=fit_log_linear(budgets, d_opt),
        parabolas=np.array(parabolas) if method == "parabola" else None,
        dropped_budgets=tuple(dropped),
    )
    return attach(fit, partial(fit_isoflop, method=method, budget_rtol=rtol), N, C, L)


def profile_minimum(log_n, loss):
    """The minimum of one isoFLOP profile: the vertex of L = p0 + p1 log N + p2 (log N)^2.

    Hoffmann et al. (2022), section 3.2 (Approach 2) fit this parabola to each
    budget's runs and read the compute-optimal size off its vertex.

    Parameters
    ----------
    log_n, loss : ndarray, shape (n,)
        log N and the final loss of the profile's runs (n >= 3, distinct sizes).

    Returns
    -------
    tuple or None
        ``(vertex, loss_at_vertex, (p0, p1, p2))`` with the vertex in log N, or None
        when the parabola opens downwards and has no minimum.
    """
    p2, p1, p0 = np.polyfit(log_n, loss, 2)
    if not p2 > 0:
        return None
    vertex = -p1 / (2.0 * p2)
    return vertex, float(p0 + p1 * vertex + p2 * vertex**2), (p0, p1, p2)


def _group_budgets(C: np.ndarray, rtol: float) -> np.ndarray:
    """Label runs by budget: sorted neighbours within relative ``rtol`` share a label."""
    order = np.argsort(C, kind="stable")
    gaps = np.diff(np.log(C[order])) > np.log1p(rtol)
    sorted_labels = np.concatenate([[0], np.cumsum(gaps)])
    labels = np.empty_like(sorted_labels)
    labels[order] = sorted_labels
    return labels
