"""Approach 3 of Hoffmann et al. (2022): fit L(N, D) = E + A/N^alpha + B/D^beta to every run.

Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
eqs. (2), (3) and (11) and Appendix D.2; redone by Besiroglu et al. (2024),
"Chinchilla Scaling: A replication attempt", whose data and procedure
chapter 4 follows. The fit minimises

    sum_i Huber_delta( LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i )

over (a, b, e, alpha, beta), with A, B, E = exp(a), exp(b), exp(e), by
L-BFGS from each point of a start grid, keeping the best (see
:mod:`~scalinglaws.fitting.multistart`).

How it is made fast
-------------------
A plain loop of scipy's L-BFGS-B over Hoffmann's 4,500 starts takes 27-28 s
on the book's 2-core machine, most of it Python and scipy overhead around a
5-parameter, 240-point objective; the fit here takes about 0.95 s (28-30x),
and with a 1,000-resample bootstrap about 3 s (``benchmarks/bench_fitting.py``,
one BLAS thread, load average under 2). How many iterations the crawling
starts take varies by some 20% with the last bits of the arithmetic, so
these times move by as much when the arithmetic is reordered.

In order of what each step buys:

1. All starts run as rows of one array
   (:mod:`~scalinglaws.fitting.batched_lbfgs`): one vectorised objective
   call per iteration for every start, rows leaving as they converge. This
   is nearly all of the gain.
2. The objective (:mod:`~scalinglaws.fitting.lse_objective`) works in the
   linear domain, A/N^alpha + B/D^beta + E, with log N, log D and log L
   computed once: two exponentials per point (E is one number per row), no
   max-shift, both varying terms' exponents from one matrix product and the
   gradient from one more, in-place work arrays sized to stay in cache;
   rows that would over- or underflow are redone with the max-shifted
   log-sum-exp. About 7 ns per point and start: the arithmetic is bound by
   the passes numpy makes over the arrays, not by the exponentials.
3. The batched L-BFGS keeps its running rows packed, memory included, and
   its memory in a ring, so an iteration copies nothing it does not use.
   Objective evaluations are now about 70% of the time (355,000 start-
   evaluations of 240 points for the grid on Epoch's runs), Python the rest.
4. Every start still runs to convergence: the search is exhaustive. What
   would have cut the number of evaluations was measured and rejected.
   Pruning starts loses the global optimum: successive halving in 6 of 12
   data sets with many minima, and so does screening every start to a
   loose tolerance and finishing only those near the best, since starts
   that end at the optimum can stall on the way well above others (see
   :mod:`~scalinglaws.fitting.multistart` and ``benchmarks/bench_halving.py``).
   Second-order methods from every start need more evaluations, not fewer:
   with most residuals outside the Huber band the objective is nearly
   piecewise linear, its curvature concentrated where residuals cross
   +-delta. Measured on Epoch's runs from the whole grid, Newton's method
   with the exact Hessian and a line search took 47 iterations of about 4
   evaluations each on average, a trust-region Newton 100 and Gauss-Newton
   with Huber weights 122, against L-BFGS's 62 of about 1.3; full BFGS
   (d = 5) used 12% more evaluations than L-BFGS.
5. Bootstrap refits are warm-started (see :func:`fit_parametric`) and
   finished by Newton's method with the exact Hessian
   (:mod:`~scalinglaws.fitting.batched_newton`), which near an optimum,
   where the set of residuals inside the band has settled, converges in
   two steps where L-BFGS crawls along the flat valley in which log A and
   log B trade off against the exponents, and stops short of the optimum
   by ~1e-6 (relative) in the parameters.

``benchmarks/bench_fitting.py`` measures all of this against the plain loop.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import partial

import numpy as np

from scalinglaws._validation import as_level, positive_scalar
from scalinglaws.fitting._inputs import positive_points, require_spread
from scalinglaws.fitting.batched_lbfgs import minimize_batched
from scalinglaws.fitting.batched_newton import newton_batched
from scalinglaws.fitting.bootstrap import (
    DEFAULT_LEVEL,
    BootstrapResult,
    resample_indices,
)
from scalinglaws.fitting.grid import as_start_array
from scalinglaws.fitting.huber import check_delta
from scalinglaws.fitting.lse_objective import LseHuberObjective
from scalinglaws.fitting.multistart import SCREEN_OPTIONS, multistart_minimize, polish
from scalinglaws.fitting.result import FitResult, attach
from scalinglaws.laws import ChinchillaLaw

#: Gopher's training budget, 5.76e23 FLOPs (Hoffmann et al. 2022, Fig. 2
#: caption and Table 3), the budget at which the book compares allocations.
GOPHER_FLOPS = 5.76e23

#: Statistics kept for each bootstrap resample, in column order. ``a`` and
#: ``b`` are the allocation exponents of eq. (4) (N_opt ~ C^a, D_opt ~ C^b),
#: not eq. (11)'s log A and log B.
BOOTSTRAP_STATISTICS = (
    "E",
    "A",
    "B",
    "alpha",
    "beta",
    "a",
    "b",
    "tokens_per_parameter",
)

#: Bootstrap refits start from the full-data optimum and from this many grid
#: starts (those whose screened runs ended lowest on the full data).
BOOTSTRAP_GRID_STARTS = 4

#: Newton finish of every bootstrap start (see
#: :mod:`~scalinglaws.fitting.batched_newton`): from the screen's end point
#: it converges in a few steps where L-BFGS would crawl for a hundred.
FINISH_OPTIONS = dict(max_iter=30, ftol=1e-15, gtol=1e-10)

#: Starts whose screened objective is within this fraction of their
#: resample's lowest are finished; the screen leaves a start at most ~1e-6
#: (relative) above the minimum of its basin.
FINISH_MARGIN = 1e-4


@dataclass(frozen=True)
class ParametricFit(FitResult):
    """Result of :func:`fit_parametric`.

    Attributes
    ----------
    law : ChinchillaLaw
        The fitted law, E + A/N^alpha + B/D^beta.
    theta : ndarray, shape (5,)
        The optimum in eq. (11)'s parameters (a, b, e, alpha, beta) = (log A, log B, log E, alpha, beta).
    objective : float
        Summed Huber loss at the optimum (eq. 11).
    converged : bool
        Whether scipy's L-BFGS-B polish of the best start reported convergence.
    message : str
        The optimiser's stopping message.
    delta : float
        Huber threshold used.
    n_starts : int
        Number of start points.
    residuals : ndarray, shape (n,)
        log L_hat - log L for every point at the optimum.
    budget : float
        FLOP budget at which ``tokens_per_parameter`` is bootstrapped.
    bootstrap_result : BootstrapResult or None
        Refits on resampled points made by the fit itself (``n_bootstrap > 0``),
        statistics :data:`BOOTSTRAP_STATISTICS`; :meth:`bootstrap` returns it.
    bootstrap_starts : ndarray of shape (k, 5)
        Start points of every refit (:meth:`refit`, :meth:`bootstrap`): the
        full-data optimum, then the grid starts that ended lowest on the full data.
    """

    law: ChinchillaLaw
    theta: np.ndarray
    objective: float
    converged: bool
    message: str
    delta: float
    n_starts: int
    residuals: np.ndarray
    budget: float = GOPHER_FLOPS
    bootstrap_result: BootstrapResult | None = None
    bootstrap_starts: np.ndarray | None = None

    @property
    def params(self) -> dict:
        """{"E", "A", "B", "alpha", "beta"} of eq. (2), from :attr:`law`."""
        law = self.law
        return {
            "E": law.E,
            "A": law.A,
            "B": law.B,
            "alpha": law.alpha,
            "beta": law.beta,
        }

    @property
    def ci(self) -> dict | None:
        """Percentile intervals {name: (lo, hi)} of :data:`BOOTSTRAP_STATISTICS`, or None without a bootstrap."""
        return (
            None if self.bootstrap_result is None else self.bootstrap_result.intervals
        )

    def _default_n_bootstrap(self) -> int:
        if self.bootstrap_result is not None:
            return self.bootstrap_result.samples.shape[0]
        return super()._default_n_bootstrap()

    def _default_seed(self) -> int:
        return 0 if self.bootstrap_result is None else self.bootstrap_result.seed

    def _compute_bootstrap(self, n_bootstrap, seed, *, stat_fn, names, level):
        """The batched bootstrap of :func:`fit_parametric` for the default statistics, the generic one otherwise.

        The default statistics are the parameters followed by the allocation
        exponents and tokens per parameter (:data:`BOOTSTRAP_STATISTICS`).
        """
        if stat_fn is not None or names is not None:
            return super()._compute_bootstrap(
                n_bootstrap, seed, stat_fn=stat_fn, names=names, level=level
            )
        logs = tuple(np.log(a) for a in self.data)
        return _bootstrap_result(
            logs,
            self.delta,
            self.theta,
            self.bootstrap_starts,
            n_bootstrap,
            seed,
            self.budget,
            level,
        )

    def predict(self, N, D):
        """Fitted loss at (N, D); same as ``self.law.loss(N, D)``."""
        return self.law.loss(N, D)


def _best_start(objective, start_array):
    """The multistart optimum of eq. 11's objective, refused unless it is a falling law."""
    best = multistart_minimize(objective, start_array)
    if not np.isfinite(best.objective):
        raise ValueError(
            "the objective is not finite at any start point; check the start points."
        )
    theta = best.theta
    if theta[3] <= 0 or theta[4] <= 0:
        raise ValueError(
            f"the best fit has alpha = {theta[3]:.4g} and beta = {theta[4]:.4g}; both must be > 0 for a law "
            "whose loss falls with N and D. The data do not support such a law."
        )
    if not best.converged:
        warnings.warn(
            f"fit_parametric did not converge: {best.message}",
            RuntimeWarning,
            stacklevel=3,
        )
    return best


def fit_parametric(
    N,
    D,
    L,
    *,
    delta: float = 1e-3,
    starts="hoffmann",
    n_bootstrap: int = 0,
    seed: int = 0,
    budget: float = GOPHER_FLOPS,
    level: float = DEFAULT_LEVEL,
) -> ParametricFit:
    """Fit Hoffmann et al.'s parametric loss to runs (N_i, D_i, L_i) exactly as their eq. (11).

    Parameters
    ----------
    N, D, L : array_like, shape (n,)
        Parameters, training tokens and final loss (nats/token) of each run; n >= 5.
    delta : float, default 1e-3
        Huber threshold on log-loss residuals (Hoffmann et al. 2022, App. D.2).
    starts : "hoffmann" or array_like of shape (k, 5), default "hoffmann"
        Start points (a, b, e, alpha, beta); ``"hoffmann"`` is their
        4,500-point grid (:func:`~scalinglaws.fitting.grid.hoffmann_grid`).
    n_bootstrap : int, default 0
        Number of bootstrap resamples of the points (0: none).
    seed : int, default 0
        Seed of the resamples.
    budget : float, default 5.76e23
        FLOPs at which to bootstrap the compute-optimal tokens per parameter.
    level : float, default 0.8
        Coverage of the bootstrap percentile intervals (0.8: 10th-90th percentile).

    Returns
    -------
    ParametricFit

    Raises
    ------
    ValueError
        On NaN, non-positive or mismatched inputs, fewer than 5 points, all
        runs at one N or one D, or a best fit with a non-positive exponent
        (the data do not fall with N or D, so no law of this form fits them).

    Warns
    -----
    RuntimeWarning
        If the optimiser did not converge (``.converged`` is then False), or
        some bootstrap refits did not converge.

    Notes
    -----
    Every start runs at once in a batched L-BFGS written for this library
    (:mod:`~scalinglaws.fitting.batched_lbfgs`); the best few distinct end
    points are polished with scipy's L-BFGS-B and the lowest is returned.

    The bootstrap refits every resample in one batched run, each resample
    warm-started from the full-data optimum and from the
    :data:`BOOTSTRAP_GRID_STARTS` grid starts that ended lowest on the full
    data, rather than from the whole grid: a resample's optimum lies near
    the full-data one. Every start runs the batched L-BFGS to convergence,
    and Newton's method with the exact Hessian finishes the starts that
    could hold the resample's optimum; 1,000 resamples take a few seconds.
    Resamples are drawn by :func:`~scalinglaws.fitting.bootstrap.resample_indices`,
    so ``bootstrap(lambda *a: fit_parametric(*a, starts=...), (N, D, L), n, seed)``
    sees the same resamples.
    """
    N, D, L = positive_points(5, N=N, D=D, L=L)
    require_spread(N, "N", "estimating the parameter exponent alpha")
    require_spread(D, "D", "estimating the data exponent beta")
    delta = check_delta(delta)
    start_array = as_start_array(starts)
    budget = positive_scalar(budget, "budget")
    level = as_level(level)
    if (
        isinstance(n_bootstrap, bool)
        or not isinstance(n_bootstrap, (int, np.integer))
        or n_bootstrap < 0
    ):
        raise ValueError(
            f"n_bootstrap must be a non-negative integer, got {n_bootstrap!r}."
        )

    logs = (np.log(N), np.log(D), np.log(L))
    objective = LseHuberObjective(*logs, delta)
    best = _best_start(objective, start_array)
    theta = best.theta
    law = law_from_theta(
        theta,
        name="fit_parametric",
        source="fitted with scalinglaws.fitting.fit_parametric (Hoffmann et al. 2022 eq. 11)",
    )

    finite = np.isfinite(best.screen_objectives)
    order = np.argsort(np.where(finite, best.screen_objectives, np.inf), kind="stable")
    warm = np.vstack([theta, start_array[order[:BOOTSTRAP_GRID_STARTS]]])
    boot = None
    if n_bootstrap > 0:
        boot = _bootstrap_result(
            logs, delta, theta, warm, n_bootstrap, seed, budget, level
        )

    fit = ParametricFit(
        law=law,
        theta=theta,
        objective=float(best.objective),
        converged=bool(best.converged),
        message=best.message,
        delta=delta,
        n_starts=start_array.shape[0],
        residuals=objective.residuals(theta),
        budget=budget,
        bootstrap_result=boot,
        bootstrap_starts=warm,
    )
    if boot is not None:  # what fit.bootstrap() returns for these resamples
        object.__setattr__(
            fit, "_bootstrap_cache", {(n_bootstrap, int(seed), level, None, None): boot}
        )
    return attach(
        fit,
        partial(fit_parametric, delta=delta, starts=warm, budget=budget, level=level),
        N,
        D,
        L,
    )


def _bootstrap_result(
    logs, delta, theta, warm, n_bootstrap, seed, budget, level
) -> BootstrapResult:
    samples, n_failed = _bootstrap_thetas(logs, delta, warm, n_bootstrap, seed)
    if n_failed:
        warnings.warn(
            f"{n_failed} of {n_bootstrap} bootstrap refits did not converge; they are left out of the intervals.",
            RuntimeWarning,
            stacklevel=3,
        )
    return BootstrapResult(
        names=BOOTSTRAP_STATISTICS,
        estimate=derived_statistics(theta[None, :], budget)[0],
        samples=derived_statistics(samples, budget),
        level=level,
        seed=int(seed),
        n_failed=n_failed,
    )


def law_from_theta(theta, name: str = "", source: str = "") -> ChinchillaLaw:
    """The ChinchillaLaw of eq. (11)'s parameters (a, b, e, alpha, beta): A, B, E = exp(a), exp(b), exp(e)."""
    a, b, e, alpha, beta = (float(v) for v in theta)
    return ChinchillaLaw(
        E=float(np.exp(e)),
        A=float(np.exp(a)),
        B=float(np.exp(b)),
        alpha=alpha,
        beta=beta,
        name=name,
        source=source,
    )


def theta_from_law(law: ChinchillaLaw) -> np.ndarray:
    """Eq. (11)'s parameters (log A, log B, log E, alpha, beta) of a law."""
    return np.array([np.log(law.A), np.log(law.B), np.log(law.E), law.alpha, law.beta])


def parametric_objective(law: ChinchillaLaw, N, D, L, delta: float = 1e-3) -> float:
    """Summed Huber loss of eq. (11) that ``law`` scores on runs (N, D, L).

    Useful to compare a published law with a refit on the same data: the
    refit's ``.objective`` is this function at the refit's law.
    """
    N, D, L = positive_points(1, N=N, D=D, L=L)
    objective = LseHuberObjective(np.log(N), np.log(D), np.log(L), check_delta(delta))
    return objective.value(theta_from_law(law))


def derived_statistics(thetas, budget: float) -> np.ndarray:
    """Columns :data:`BOOTSTRAP_STATISTICS` for rows of eq. (11) parameters.

    The allocation exponents and tokens per parameter follow eq. (4) under
    C = 6ND: a = beta/(alpha+beta), b = alpha/(alpha+beta), and
    D_opt/N_opt = G^-2 (C/6)^(b-a) with G = (alpha A / (beta B))^(1/(alpha+beta)).
    Rows with a non-positive exponent get NaN for the derived columns.
    """
    thetas = np.atleast_2d(np.asarray(thetas, dtype=float))
    log_A, log_B, log_E, alpha, beta = thetas.T
    out = np.full((thetas.shape[0], len(BOOTSTRAP_STATISTICS)), np.nan)
    out[:, 0] = np.exp(log_E)
    out[:, 1] = np.exp(log_A)
    out[:, 2] = np.exp(log_B)
    out[:, 3] = alpha
    out[:, 4] = beta
    ok = (alpha > 0) & (beta > 0)
    al, be = alpha[ok], beta[ok]
    out[ok, 5] = be / (al + be)
    out[ok, 6] = al / (al + be)
    log_G = (np.log(al) + log_A[ok] - np.log(be) - log_B[ok]) / (al + be)
    out[ok, 7] = np.exp(-2.0 * log_G + (out[ok, 6] - out[ok, 5]) * np.log(budget / 6.0))
    return out


def _bootstrap_thetas(logs, delta, warm, n_bootstrap, seed):
    """Refit eq. (11) on every resample at once; return (thetas of shape (n_bootstrap, 5), n_failed).

    Every resample starts from every row of ``warm``; every start runs the
    batched L-BFGS to the screen's tolerances
    (:data:`~scalinglaws.fitting.multistart.SCREEN_OPTIONS`), then Newton's
    method (:mod:`~scalinglaws.fitting.batched_newton`) finishes those that
    ended within :data:`FINISH_MARGIN` of their resample's best.

    A resample's refit counts as converged when its lowest objective was
    reached (to 1e-9 relative) by at least one of its finished starts that
    met a convergence test; the few that were not are re-run from their best
    point with scipy's L-BFGS-B, and only those that still fail are NaN.
    """
    n = logs[0].size
    idx = resample_indices(n, n_bootstrap, seed)
    # A resample's objective is the full-data sum with each point weighted by
    # how often it was drawn; counts per resample via one bincount.
    offsets = (np.arange(n_bootstrap) * n)[:, None]
    counts = (
        np.bincount((idx + offsets).ravel(), minlength=n_bootstrap * n)
        .reshape(n_bootstrap, n)
        .astype(float)
    )
    objective = LseHuberObjective(*logs, delta, weights=counts)
    k = warm.shape[0]
    x0 = np.tile(warm, (n_bootstrap, 1))
    resample_of_row = np.repeat(np.arange(n_bootstrap), k)

    def fun_and_grad(X, rows):
        return objective.batch(X, resample_of_row[rows])

    screen = minimize_batched(fun_and_grad, x0, **SCREEN_OPTIONS)
    # Newton finishes the starts that could hold their resample's optimum: those
    # within FINISH_MARGIN of its lowest screened objective, converged or still
    # crawling at the screen's iteration cap. The rest keep their screened end.
    f = np.where(np.isfinite(screen.fun), screen.fun, np.inf)
    contender = f.reshape(n_bootstrap, k) <= f.reshape(n_bootstrap, k).min(
        axis=1, keepdims=True
    ) * (1 + FINISH_MARGIN)
    finish = np.flatnonzero(contender.ravel() & np.isfinite(f))
    finished = newton_batched(
        lambda X, rows: objective.hessian(X, resample_of_row[finish[rows]]),
        lambda X, rows: objective.batch(X, resample_of_row[finish[rows]]),
        screen.x[finish],
        **FINISH_OPTIONS,
    )
    converged = screen.converged.copy()
    points = screen.x.copy()
    better = np.isfinite(finished.fun) & (finished.fun <= f[finish])
    f[finish[better]] = finished.fun[better]
    points[finish[better]] = finished.x[better]
    converged[finish] = finished.converged & better
    f = f.reshape(n_bootstrap, k)
    best_f = f.min(axis=1)
    thetas = points[np.arange(n_bootstrap) * k + np.argmin(f, axis=1)].copy()
    confirmed = np.any(
        converged.reshape(n_bootstrap, k) & (f <= best_f[:, None] * (1 + 1e-9)), axis=1
    )
    confirmed &= np.isfinite(best_f)
    n_failed = 0
    for r in np.flatnonzero(~confirmed):
        single = LseHuberObjective(*logs, delta, weights=counts[r])
        polished = polish(single, thetas[r]) if np.isfinite(best_f[r]) else None
        if polished is not None and polished.converged:
            thetas[r] = polished.theta
        else:
            thetas[r] = np.nan
            n_failed += 1
    return thetas, n_failed
