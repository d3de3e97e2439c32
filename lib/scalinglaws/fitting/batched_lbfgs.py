"""A limited-memory BFGS minimiser that runs many independent problems in lock-step.

Hoffmann et al. (2022, App. D.2) minimise their eq. (11) objective with L-BFGS
from each of 4,500 starting points and keep the best. Run one start at a time,
that loop spends nearly all its time in Python and scipy overhead on a
5-parameter problem. Here every start is a row of one array: the objective and
gradient of all rows come from one vectorised call, the L-BFGS two-loop
recursion runs on all rows at once, and a backtracking line search advances
each row with its own step length. A row leaves the batch as soon as it has
converged, so the batch shrinks as the fit proceeds.

The method is the textbook one (Nocedal & Wright, *Numerical Optimization*,
2nd ed., Algorithm 7.4 for the two-loop recursion and Algorithm 3.1 with
quadratic interpolation for the backtracking Armijo search). Pairs (s, y)
with non-positive curvature are not stored, which keeps every implied
inverse-Hessian positive definite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Status codes of :class:`BatchedResult.status`.
RUNNING, GRADIENT_SMALL, NO_PROGRESS, LINE_SEARCH_FAILED, MAX_ITER, BAD_START = range(6)

STATUS_TEXT = {
    RUNNING: "still running",
    GRADIENT_SMALL: "converged: largest gradient component below gtol",
    NO_PROGRESS: "converged: objective decrease below ftol",
    LINE_SEARCH_FAILED: "stopped: the line search found no decrease along a steepest-descent step",
    MAX_ITER: "stopped: reached max_iter iterations",
    BAD_START: "stopped: objective not finite at the start point",
}


@dataclass
class BatchedResult:
    """End state of every row of a :func:`minimize_batched` run.

    Attributes
    ----------
    x : ndarray, shape (S, d)
        Final point of each row.
    fun : ndarray, shape (S,)
        Objective at ``x``.
    grad : ndarray, shape (S, d)
        Gradient at ``x``.
    n_iter : ndarray of int, shape (S,)
        Iterations each row took.
    status : ndarray of int, shape (S,)
        One of the codes in :data:`STATUS_TEXT`.
    n_evaluations : int
        Rows evaluated in total (a measure of work: one row = one objective
        and gradient evaluation).
    """

    x: np.ndarray
    fun: np.ndarray
    grad: np.ndarray
    n_iter: np.ndarray
    status: np.ndarray
    n_evaluations: int

    @property
    def converged(self) -> np.ndarray:
        """True for rows that met a convergence test (gradient or objective change)."""
        return (self.status == GRADIENT_SMALL) | (self.status == NO_PROGRESS)


def minimize_batched(
    fun_and_grad,
    x0,
    *,
    memory: int = 10,
    max_iter: int = 500,
    gtol: float = 1e-9,
    ftol: float = 1e-13,
    max_backtracks: int = 40,
) -> BatchedResult:
    """Minimise S independent smooth functions of d variables with L-BFGS, all at once.

    Parameters
    ----------
    fun_and_grad : callable
        ``fun_and_grad(X, rows) -> (f, g)`` with ``X`` of shape (k, d) and
        ``rows`` the indices (into the batch) of those k problems; returns
        ``f`` of shape (k,) and ``g`` of shape (k, d). ``f = inf`` marks a
        point outside the domain; the line search then steps back.
    x0 : array_like, shape (S, d)
        One start point per row.
    memory : int, default 10
        Number of (s, y) pairs kept per row.
    max_iter : int, default 500
        Iteration cap per row.
    gtol : float, default 1e-9
        A row has converged when its largest absolute gradient component is below this.
    ftol : float, default 1e-13
        ... or when one iteration lowers its objective by no more than
        ``ftol * max(|f|, 1)`` (scipy's L-BFGS-B uses the same form of test).
    max_backtracks : int, default 40
        Step halvings tried before the line search gives up.

    Returns
    -------
    BatchedResult
    """
    # Trial points far from the optimum overflow exp() in the objective; they come back as
    # f = inf, which the line search treats as "outside the domain". Silence numpy's
    # warnings for them: they are expected, not a sign of trouble.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        X = np.array(x0, dtype=float, copy=True)
        if X.ndim != 2:
            raise ValueError(
                f"x0 must be a 2-D array (one start per row), got shape {X.shape}."
            )
        S, d = X.shape
        all_rows = np.arange(S)
        F, G = fun_and_grad(X, all_rows)
        n_eval = S
        s_hist = np.zeros((S, memory, d))
        y_hist = np.zeros((S, memory, d))
        rho = np.zeros((S, memory))  # 0 marks an empty slot: it contributes nothing
        n_iter = np.zeros(S, dtype=int)
        status = np.full(S, RUNNING)
        status[~np.isfinite(F)] = BAD_START
        status[(status == RUNNING) & (np.abs(G).max(axis=1) <= gtol)] = GRADIENT_SMALL

        while True:
            act = np.flatnonzero(status == RUNNING)
            if act.size == 0:
                break
            direction, slope = _search_direction(G, s_hist, y_hist, rho, act)

            x_new, f_new, g_new, ok, used = _backtrack(
                fun_and_grad, act, X[act], F[act], slope, direction, max_backtracks
            )
            n_eval += used
            n_iter[act] += 1

            # Rows whose line search failed: retry once from steepest descent if
            # they had memory, otherwise stop.
            failed = act[~ok]
            had_memory = np.any(rho[failed] != 0.0, axis=1)
            rho[failed[had_memory]] = 0.0
            status[failed[~had_memory]] = LINE_SEARCH_FAILED

            moved = act[ok]
            s = x_new[ok] - X[moved]
            y = g_new[ok] - G[moved]
            f_old = F[moved]
            X[moved] = x_new[ok]
            F[moved] = f_new[ok]
            G[moved] = g_new[ok]
            _remember(s_hist, y_hist, rho, moved, s, y)

            _mark_converged(status, moved, f_old, F[moved], G[moved], gtol, ftol)
            over = act[(n_iter[act] >= max_iter) & (status[act] == RUNNING)]
            status[over] = MAX_ITER

        return BatchedResult(
            x=X, fun=F, grad=G, n_iter=n_iter, status=status, n_evaluations=n_eval
        )


def _remember(s_hist, y_hist, rho, rows, s, y):
    """Push the newest step ``s`` and gradient change ``y`` of ``rows`` into slot 0 of their memory.

    A pair with too little curvature (s'y not clearly positive) would make the
    inverse-Hessian estimate indefinite, so it is not kept.
    """
    sy = np.einsum("ij,ij->i", s, y)
    keep = sy > 1e-12 * np.linalg.norm(s, axis=1) * np.linalg.norm(y, axis=1)
    kept = rows[keep]
    s_hist[kept] = np.roll(s_hist[kept], 1, axis=1)
    y_hist[kept] = np.roll(y_hist[kept], 1, axis=1)
    rho[kept] = np.roll(rho[kept], 1, axis=1)
    s_hist[kept, 0] = s[keep]
    y_hist[kept, 0] = y[keep]
    rho[kept, 0] = 1.0 / sy[keep]


def _two_loop(g, s_hist, y_hist, rho):
    """Apply each row's L-BFGS inverse-Hessian estimate to its gradient (Nocedal & Wright Alg. 7.4).

    Slot 0 holds the newest pair. Empty slots have ``rho = 0`` and leave ``q`` unchanged.
    """
    q = g.copy()
    m = rho.shape[1]
    alphas = np.empty_like(rho)
    for k in range(m):  # newest to oldest
        alphas[:, k] = rho[:, k] * np.einsum("ij,ij->i", s_hist[:, k], q)
        q -= alphas[:, k, None] * y_hist[:, k]
    # Initial scaling gamma = s'y / y'y from the newest pair (N&W eq. 7.20);
    # without any pair, a step of unit length along the gradient.
    yy = np.einsum("ij,ij->i", y_hist[:, 0], y_hist[:, 0])
    has_pair = rho[:, 0] > 0
    gamma = np.where(
        has_pair,
        1.0 / np.where(has_pair, rho[:, 0] * yy, 1.0),
        1.0 / np.maximum(np.linalg.norm(g, axis=1), 1e-300),
    )
    r = gamma[:, None] * q
    for k in range(m - 1, -1, -1):  # oldest to newest
        beta = rho[:, k] * np.einsum("ij,ij->i", y_hist[:, k], r)
        r += (alphas[:, k] - beta)[:, None] * s_hist[:, k]
    return r


def _backtrack(fun_and_grad, rows, x, f, slope, direction, max_backtracks, c1=1e-4):
    """Armijo backtracking for all rows at once; each row keeps its own step length.

    Starts at step 1 (the natural quasi-Newton step), and on failure takes the
    minimiser of the quadratic through f(0), f'(0) and f(t), kept within
    [0.1 t, 0.5 t] (Nocedal & Wright §3.5).

    Returns the new points, their objective and gradient, a mask of rows that
    found a decrease, and the number of rows evaluated.
    """
    k = rows.size
    step = np.ones(k)
    x_new = x.copy()
    f_new = f.copy()
    g_new = np.zeros_like(x)
    ok = np.zeros(k, dtype=bool)
    pending = np.arange(k)
    used = 0
    for _ in range(max_backtracks):
        trial = x[pending] + step[pending, None] * direction[pending]
        f_t, g_t = fun_and_grad(trial, rows[pending])
        used += pending.size
        accept = np.isfinite(f_t) & (
            f_t <= f[pending] + c1 * step[pending] * slope[pending]
        )
        # A "decrease" of exactly zero along a real direction is no progress;
        # counting it would stall a row forever.
        accept &= ~np.all(trial == x[pending], axis=1)
        done = pending[accept]
        x_new[done] = trial[accept]
        f_new[done] = f_t[accept]
        g_new[done] = g_t[accept]
        ok[done] = True
        rest = ~accept
        pending, f_t, t = pending[rest], f_t[rest], step[pending[rest]]
        if pending.size == 0:
            break
        denom = 2.0 * (f_t - f[pending] - t * slope[pending])
        with np.errstate(divide="ignore", invalid="ignore"):
            t_quad = -slope[pending] * t * t / denom
        t_quad = np.where(np.isfinite(t_quad), t_quad, 0.5 * t)
        step[pending] = np.clip(t_quad, 0.1 * t, 0.5 * t)
    return x_new, f_new, g_new, ok, used


def _search_direction(G, s_hist, y_hist, rho, act):
    """L-BFGS directions of the active rows, and their slopes along them.

    A direction that is not downhill means the memory is stale: those rows restart
    from steepest descent with a unit-length first step (their memory is cleared).
    """
    g = G[act]
    direction = -_two_loop(g, s_hist[act], y_hist[act], rho[act])
    slope = np.einsum("ij,ij->i", g, direction)
    uphill = ~(slope < 0)
    if np.any(uphill):
        rho[act[uphill]] = 0.0
        gn = np.linalg.norm(g[uphill], axis=1, keepdims=True)
        direction[uphill] = -g[uphill] / np.maximum(gn, 1e-300)
        slope[uphill] = np.einsum("ij,ij->i", g[uphill], direction[uphill])
    return direction, slope


def _mark_converged(status, moved, f_old, f_new, g_new, gtol, ftol) -> None:
    """Stop the rows that moved and now have a small gradient or made no progress."""
    small_grad = np.abs(g_new).max(axis=1) <= gtol
    no_progress = (f_old - f_new) <= ftol * np.maximum(
        np.maximum(np.abs(f_old), np.abs(f_new)), 1.0
    )
    status[moved[no_progress]] = NO_PROGRESS
    status[moved[small_grad]] = GRADIENT_SMALL
