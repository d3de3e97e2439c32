"""Newton's method with an exact Hessian for many small problems at once: the finish of every fit.

L-BFGS (:mod:`~scalinglaws.fitting.batched_lbfgs`) is cheap per step but,
on eq. (11), crawls along the flat valley in which log A and log B trade
off against the exponents: its curvature estimate is built from a few
recent steps, and the objective's Hessian there has a condition number of
order 10^8. Newton's method reads that curvature directly from the exact
Hessian (:meth:`~scalinglaws.fitting.lse_objective.LseHuberObjective.hessian`),
so from a point near an optimum it converges in a handful of steps however
ill-conditioned the valley; a 5 x 5 eigen-decomposition per row is nothing
beside the objective's cost.

Far from an optimum the Hessian may be indefinite. Each eigenvalue is then
replaced by its absolute value, floored at 1e-10 of the largest (Nocedal &
Wright, *Numerical Optimization*, 2nd ed., §3.4, modified Newton), which
keeps every step downhill; an Armijo backtracking search (the same one the
L-BFGS uses) takes care of the rest.
"""

from __future__ import annotations

import numpy as np

from scalinglaws.fitting.batched_lbfgs import (
    BAD_START,
    GRADIENT_SMALL,
    LINE_SEARCH_FAILED,
    MAX_ITER,
    NO_PROGRESS,
    RUNNING,
    BatchedResult,
    _backtrack,
)

#: Eigenvalues of a row's Hessian are floored at this fraction of its largest.
EIGEN_FLOOR = 1e-10


def newton_batched(
    fun_grad_hess,
    fun_and_grad,
    x0,
    *,
    max_iter: int = 100,
    gtol: float = 1e-10,
    ftol: float = 1e-15,
    max_backtracks: int = 40,
) -> BatchedResult:
    """Minimise S independent smooth functions of d variables by modified Newton steps, all at once.

    Parameters
    ----------
    fun_grad_hess : callable
        ``fun_grad_hess(X, rows) -> (f, g, H)``, ``H`` of shape (k, d, d).
    fun_and_grad : callable
        ``fun_and_grad(X, rows) -> (f, g)``, used by the line search.
    x0 : array_like, shape (S, d)
        One start point per row.
    max_iter : int, default 100
        Iteration cap per row.
    gtol : float, default 1e-10
        A row has converged when its largest absolute gradient component is below this ...
    ftol : float, default 1e-15
        ... or when a step lowers its objective by no more than
        ``ftol * max(|f|, 1)``, or when the line search finds no decrease
        where the quadratic model itself promised no more than that.
    max_backtracks : int, default 40
        Step shrinkings tried before the line search gives up.

    Returns
    -------
    BatchedResult
        As from :func:`~scalinglaws.fitting.batched_lbfgs.minimize_batched`.
    """
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        X = np.array(x0, dtype=float, copy=True)
        if X.ndim != 2:
            raise ValueError(
                f"x0 must be a 2-D array (one start per row), got shape {X.shape}."
            )
        S, d = X.shape
        F = np.full(S, np.inf)
        G = np.zeros((S, d))
        n_iter = np.zeros(S, dtype=int)
        status = np.full(S, RUNNING)
        n_eval = 0
        act = np.arange(S)
        while act.size:
            f, g, H = fun_grad_hess(X[act], act)
            n_eval += act.size
            F[act], G[act] = f, g
            bad = (
                ~np.isfinite(f)
                | ~np.all(np.isfinite(g), axis=1)
                | ~np.all(np.isfinite(H), axis=(1, 2))
            )
            status[act[bad]] = BAD_START
            small = ~bad & (np.abs(g).max(axis=1) <= gtol)
            status[act[small]] = GRADIENT_SMALL
            keep = ~bad & ~small & (n_iter[act] < max_iter)
            status[act[~bad & ~small & ~keep]] = MAX_ITER
            act, f, g, H = act[keep], f[keep], g[keep], H[keep]
            if act.size == 0:
                break
            lam, V = np.linalg.eigh(H)
            scale = np.abs(lam).max(axis=1, keepdims=True)
            lam = np.maximum(np.abs(lam), np.maximum(EIGEN_FLOOR * scale, 1e-300))
            direction = -np.einsum("sij,sj->si", V, np.einsum("sji,sj->si", V, g) / lam)
            slope = np.einsum("ij,ij->i", g, direction)
            x_new, f_new, _, ok, used = _backtrack(
                fun_and_grad, act, X[act], f, slope, direction, max_backtracks
            )
            n_eval += used
            n_iter[act] += 1
            tiny = ftol * np.maximum(np.abs(f), 1.0)
            # No decrease found where the model promised next to none: the row is at its optimum.
            status[act[~ok & (-0.5 * slope <= tiny)]] = NO_PROGRESS
            status[act[~ok & (-0.5 * slope > tiny)]] = LINE_SEARCH_FAILED
            X[act[ok]] = x_new[ok]
            done = ok & (f - f_new <= tiny)
            status[act[done]] = NO_PROGRESS
            # Rows that stopped on a step still need f and g at their final point.
            F[act[ok]] = f_new[ok]
            act = act[ok & ~done]
        # Refresh the gradient of rows that stopped after a step (F is already current).
        moved = np.flatnonzero(status == NO_PROGRESS)
        if moved.size:
            F[moved], G[moved] = fun_and_grad(X[moved], moved)
            n_eval += moved.size
        return BatchedResult(
            x=X, fun=F, grad=G, n_iter=n_iter, status=status, n_evaluations=n_eval
        )
