"""Multi-start minimisation of Hoffmann's eq. (11) objective: batched screen, then scipy polish.

Hoffmann et al. (2022, App. D.2) run L-BFGS from every start of a grid and
keep the best result. Here all starts run together in
:func:`~scalinglaws.fitting.batched_lbfgs.minimize_batched` (the screen); the
few best distinct end points are then re-run with the batched code to tight
tolerances and polished with scipy's L-BFGS-B with an analytic gradient, so
the reported optimum is a converged L-BFGS optimum in the ordinary sense,
not an artefact of the batched code.

Every start runs to convergence: the search is exhaustive. Pruning the
grid by successive halving (ten iterations for every start, then only the
lowest eighth runs on) would make the screen about three times cheaper and
finds the same optimum on Epoch's data, but it is not safe in general: on
synthetic runs that mix two laws, eq. (11) has many local minima, the
global one is reached from one or two of the 4,500 starts, and after ten
(or forty) iterations those starts can rank anywhere, even last. Halving
lost the global optimum in 6 of 12 such data sets, so it is not used. (On
such data even the exhaustive search is fragile: its global optimum is
reached from so few starts that a change in the last bits of the
arithmetic can change which local optimum it reports.)
Nor is a cheaper screen (every start to a loose tolerance, ftol = 1e-6,
then only those within a margin of the best run on): the starts that end
at the optimum stall on the way, well above others. With that screen,
every start that reaches the optimum on Epoch's runs had stopped at least
4% above the screen's best, and on eight mixtures of two laws 0.7-64%
above it in seven of them.

When scipy's polish ends abnormally (its line search finds no decrease,
which happens when it starts at the optimum to the last bits), Newton's
method with the exact Hessian checks the point: it counts as converged
when Newton's own convergence tests pass there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from scalinglaws.fitting.batched_lbfgs import STATUS_TEXT, minimize_batched
from scalinglaws.fitting.batched_newton import newton_batched

#: Screen tolerances: loose enough that rows crawling along a flat, hopeless
#: valley stop early (scipy's L-BFGS-B defaults would stop them too), tight
#: enough that the good rows end within ~1e-15 of their optimum.
SCREEN_OPTIONS = dict(max_iter=300, ftol=1e-10, gtol=1e-8)

#: The few candidates kept from the screen are first run on by the batched
#: code to tight tolerances (cheap: a handful of rows), so that scipy's
#: polish starts at a near-converged point and needs few iterations.
REFINE_OPTIONS = dict(max_iter=500, ftol=1e-15, gtol=1e-12)

#: Polish tolerances, applied to the objective divided by its screened value
#: so that scipy's tests (relative to max(|f|, 1)) bite at the scale of f.
POLISH_OPTIONS = dict(maxiter=15000, ftol=1e-14, gtol=1e-9, maxls=50)

#: Newton's method with the exact Hessian checks a polish that scipy ended
#: abnormally (its line search found no decrease, as happens when it starts
#: at the optimum to the last bits): converged if Newton's own tests pass.
CONFIRM_OPTIONS = dict(max_iter=30, ftol=1e-15, gtol=1e-10)


@dataclass(frozen=True)
class MultistartResult:
    """Best point of a multi-start run and how it was reached."""

    theta: np.ndarray
    objective: float
    converged: bool
    message: str
    screen_objectives: np.ndarray
    screen_points: np.ndarray


def multistart_minimize(
    objective, starts: np.ndarray, n_polish: int = 3
) -> MultistartResult:
    """Minimise ``objective`` (an :class:`LseHuberObjective`) from every row of ``starts``.

    Parameters
    ----------
    objective : LseHuberObjective
        The eq. (11) objective on the data (1-D weights or none).
    starts : ndarray, shape (k, 5)
        Start points (a, b, e, alpha, beta).
    n_polish : int, default 3
        How many of the best distinct screened end points scipy polishes.

    Returns
    -------
    MultistartResult
    """
    screen = minimize_batched(
        lambda X, rows: objective.batch(X), starts, **SCREEN_OPTIONS
    )
    return finish_screen(objective, screen, n_polish)


def finish_screen(objective, screen, n_polish: int = 3) -> MultistartResult:
    """Refine and polish the ``n_polish`` best distinct end points of a screen; return the best."""
    finite = np.flatnonzero(np.isfinite(screen.fun))
    if finite.size == 0:
        return MultistartResult(
            theta=np.full(5, np.nan),
            objective=np.inf,
            converged=False,
            message="the objective is not finite at any start point",
            screen_objectives=screen.fun,
            screen_points=screen.x,
        )
    candidates = distinct_best(screen.x[finite], screen.fun[finite], n_polish)
    refined = minimize_batched(
        lambda X, rows: objective.batch(X), candidates, **REFINE_OPTIONS
    )
    candidates = np.where(np.isfinite(refined.fun)[:, None], refined.x, candidates)
    best = None
    for theta0 in candidates:
        polished = polish(objective, theta0)
        if best is None or polished.objective < best.objective:
            best = polished
    if not best.converged:
        best = confirm_by_newton(objective, best)
    return MultistartResult(
        theta=best.theta,
        objective=best.objective,
        converged=best.converged,
        message=best.message,
        screen_objectives=screen.fun,
        screen_points=screen.x,
    )


def distinct_best(
    points: np.ndarray, values: np.ndarray, k: int, tol: float = 1e-4
) -> np.ndarray:
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
        # scipy found nothing better than the start (recomputed unscaled, its end point
        # can come out higher in the last bits): keep the start, which is the optimum
        # when scipy reports convergence there.
        return Polished(
            np.asarray(theta0, dtype=float),
            f0,
            bool(res.success) and np.isfinite(f0),
            "polish did not improve the start: " + message,
        )
    return Polished(theta, f, bool(res.success), "L-BFGS-B: " + message)


def confirm_by_newton(objective, polished: Polished) -> Polished:
    """Run Newton's method with the exact Hessian (:data:`CONFIRM_OPTIONS`) from a polish that did not converge.

    Returns Newton's end point, counted as converged, when Newton meets its
    own convergence test there without raising the objective; otherwise the
    polish unchanged.
    """
    res = newton_batched(
        lambda X, rows: objective.hessian(X),
        lambda X, rows: objective.batch(X),
        np.asarray(polished.theta, dtype=float)[None, :],
        **CONFIRM_OPTIONS,
    )
    if not (res.converged[0] and res.fun[0] <= polished.objective):
        return polished
    return Polished(
        res.x[0],
        float(res.fun[0]),
        True,
        f"{polished.message}; confirmed by Newton's method with the exact Hessian "
        f"({STATUS_TEXT[res.status[0]]})",
    )
