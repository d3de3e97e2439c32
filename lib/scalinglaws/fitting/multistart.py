"""Multi-start minimisation of Hoffmann's eq. (11) objective: halve, screen, then polish.

Hoffmann et al. (2022, App. D.2) run L-BFGS from every start of a grid and
keep the best result. Here all starts run together in
:func:`~scalinglaws.fitting.batched_lbfgs.minimize_batched` (the screen),
with one round of successive halving: every start gets
:data:`HALVING_ITERATIONS` iterations, and only the lowest
:data:`HALVING_KEEP` of them run on to convergence. On Hoffmann's grid most
starts sit far from any good fit and spend their iterations crawling along
flat, hopeless valleys; ten iterations are enough to rank them, and the
global optimum's basin is reached from starts that are among the lowest
after ten iterations (``tests/test_fitting_pruning.py`` checks this against
the exhaustive screen on resamples and on synthetic data with several
minima). ``halving=False`` runs every start to convergence instead.

The few best distinct end points are then run on by the batched code to
tight tolerances and polished with scipy's L-BFGS-B (analytic gradient),
so the reported optimum is a converged L-BFGS optimum in the ordinary
sense, not an artefact of the batched code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from scalinglaws.fitting.batched_lbfgs import MAX_ITER, BatchedResult, minimize_batched

#: Screen tolerances: loose enough that rows crawling along a flat, hopeless
#: valley stop early (scipy's L-BFGS-B defaults would stop them too), tight
#: enough that the good rows end within ~1e-15 of their optimum.
SCREEN_OPTIONS = dict(max_iter=300, ftol=1e-10, gtol=1e-8)

#: Successive halving of the screen: every start gets this many L-BFGS
#: iterations ...
HALVING_ITERATIONS = 10

#: ... and then only this fraction of them (the lowest objectives) runs on ...
HALVING_KEEP = 1 / 8

#: ... but never fewer starts than this (small start sets are not halved).
HALVING_MIN_KEPT = 64

#: The few candidates kept from the screen are first run on by the batched
#: code to tight tolerances (cheap: a handful of rows), so that scipy's
#: polish starts at a near-converged point and needs few iterations.
REFINE_OPTIONS = dict(max_iter=500, ftol=1e-15, gtol=1e-12)

#: Polish tolerances, applied to the objective divided by its screened value
#: so that scipy's tests (relative to max(|f|, 1)) bite at the scale of f.
POLISH_OPTIONS = dict(maxiter=15000, ftol=1e-14, gtol=1e-9, maxls=50)


@dataclass(frozen=True)
class MultistartResult:
    """Best point of a multi-start run and how it was reached.

    ``screen_objectives`` holds each start's objective where its screen
    stopped: at convergence for the starts that ran on, after
    :data:`HALVING_ITERATIONS` for the starts the halving set aside.
    """

    theta: np.ndarray
    objective: float
    converged: bool
    message: str
    screen_objectives: np.ndarray
    screen_points: np.ndarray


def multistart_minimize(objective, starts: np.ndarray, n_polish: int = 3, *, halving: bool = True) -> MultistartResult:
    """Minimise ``objective`` (an :class:`LseHuberObjective`) from every row of ``starts``.

    Parameters
    ----------
    objective : LseHuberObjective
        The eq. (11) objective on the data (1-D weights or none).
    starts : ndarray, shape (k, 5)
        Start points (a, b, e, alpha, beta).
    n_polish : int, default 3
        How many of the best distinct screened end points are finished.
    halving : bool, default True
        Screen with successive halving (:func:`screen_starts`); False runs
        every start to convergence (the exhaustive search).

    Returns
    -------
    MultistartResult
    """
    screen = screen_starts(objective, starts, halving=halving)
    finite = np.flatnonzero(np.isfinite(screen.fun))
    if finite.size == 0:
        return MultistartResult(
            theta=np.full(5, np.nan), objective=np.inf, converged=False,
            message="the objective is not finite at any start point",
            screen_objectives=screen.fun, screen_points=screen.x,
        )
    candidates = distinct_best(screen.x[finite], screen.fun[finite], n_polish)
    refined = minimize_batched(lambda X, rows: objective.batch(X), candidates, **REFINE_OPTIONS)
    candidates = np.where(np.isfinite(refined.fun)[:, None], refined.x, candidates)
    best = None
    for theta0 in candidates:
        polished = polish(objective, theta0)
        if best is None or polished.objective < best.objective:
            best = polished
    return MultistartResult(
        theta=best.theta, objective=best.objective, converged=best.converged, message=best.message,
        screen_objectives=screen.fun, screen_points=screen.x,
    )


def screen_starts(objective, starts: np.ndarray, *, halving: bool = True) -> BatchedResult:
    """Batched L-BFGS from every start to :data:`SCREEN_OPTIONS`' tolerances, with successive halving.

    With ``halving``, all starts run :data:`HALVING_ITERATIONS` iterations
    and only the lowest :data:`HALVING_KEEP` of them (at least
    :data:`HALVING_MIN_KEPT`) run on; the others keep the point they had
    reached, and their status says they were stopped at the iteration cap.
    """
    fun_and_grad = lambda X, rows: objective.batch(X)
    if not halving:
        return minimize_batched(fun_and_grad, starts, **SCREEN_OPTIONS)
    n_keep = max(int(np.ceil(HALVING_KEEP * len(starts))), HALVING_MIN_KEPT)
    first = minimize_batched(fun_and_grad, starts, **dict(SCREEN_OPTIONS, max_iter=HALVING_ITERATIONS))
    go_on = halve(first, np.zeros(len(starts), dtype=int), n_keep)
    if go_on.size:
        rest = minimize_batched(
            fun_and_grad, first.x[go_on], **dict(SCREEN_OPTIONS, max_iter=SCREEN_OPTIONS["max_iter"] - HALVING_ITERATIONS)
        )
        merge(first, go_on, rest)
    return first


def halve(first: BatchedResult, groups: np.ndarray, n_keep: int) -> np.ndarray:
    """Rows of ``first`` still running that rank among the ``n_keep`` lowest objectives of their group.

    ``groups[i]`` names the problem row ``i`` belongs to (one group for a
    plain multi-start; one per bootstrap resample). Rows that already
    converged are ranked with the rest (and take their place) but are not
    returned: they have nothing left to do.
    """
    f = np.where(np.isfinite(first.fun), first.fun, np.inf)
    order = np.lexsort((f, groups))  # by group, then by objective
    sorted_groups = groups[order]
    starts_of_group = np.searchsorted(sorted_groups, sorted_groups, side="left")
    rank = np.empty(len(f), dtype=int)
    rank[order] = np.arange(len(f)) - starts_of_group
    return np.flatnonzero((rank < n_keep) & (first.status == MAX_ITER) & np.isfinite(f))


def merge(first: BatchedResult, rows: np.ndarray, rest: BatchedResult) -> None:
    """Write ``rest`` (a run continued from ``first.x[rows]``) back into ``first`` in place."""
    for name in ("x", "fun", "grad", "status"):
        getattr(first, name)[rows] = getattr(rest, name)
    first.n_iter[rows] += rest.n_iter
    first.n_evaluations += rest.n_evaluations


def distinct_best(points: np.ndarray, values: np.ndarray, k: int, tol: float = 1e-4) -> np.ndarray:
    """Up to ``k`` of ``points`` with the lowest ``values``, skipping near-duplicates.

    Two points closer than ``tol`` in every coordinate count as one: many
    starts end at the same optimum, and polishing it several times would waste
    the polish on one basin.
    """
    chosen = []
    for i in np.argsort(values, kind="stable"):
        if all(np.max(np.abs(points[i] - points[j])) > tol for j in chosen):
            chosen.append(i)
        if len(chosen) == k:
            break
    return points[chosen]


@dataclass(frozen=True)
class Polished:
    """End point of :func:`polish`, its objective, and whether scipy reported convergence."""

    theta: np.ndarray
    objective: float
    converged: bool
    message: str


def polish(objective, theta0) -> Polished:
    """Run scipy's L-BFGS-B (analytic gradient, :data:`POLISH_OPTIONS`) from ``theta0`` on ``objective``."""
    f0 = objective.value(theta0)
    scale = 1.0 / f0 if np.isfinite(f0) and f0 > 0 else 1.0

    def scaled(theta):
        f, g = objective.value_and_grad(theta)
        return f * scale, g * scale

    res = minimize(scaled, theta0, jac=True, method="L-BFGS-B", options=POLISH_OPTIONS)
    theta = np.asarray(res.x, dtype=float)
    f = objective.value(theta)
    message = res.message if isinstance(res.message, str) else res.message.decode()
    if not np.isfinite(f) or f > f0:
        # scipy never returns a worse point than it started from, but guard anyway.
        return Polished(np.asarray(theta0, dtype=float), f0, False, "polish did not improve the start: " + message)
    return Polished(theta, f, bool(res.success), "L-BFGS-B: " + message)
