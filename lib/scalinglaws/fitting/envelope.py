"""Approach 1 of Hoffmann et al. (2022): the envelope of training curves.

Hoffmann et al. (2022), section 3.1 and Fig. 2: train models of several
sizes, record each one's loss against FLOPs spent so far, and at every FLOP
value take the lowest loss any run reached there. The run attaining it is
the best size for that budget, so the envelope's N (and D = C / 6N) against C
traces the compute-optimal frontier; power laws N_opt = k_N C^a and
D_opt = k_D C^b through it give the first row of their Table 2
(a = 0.50, b = 0.50). They read the envelope at 1,500 log-spaced FLOP values
(published_numbers.md section 2.5); so does this module by default.

Each curve is interpolated linearly in (log C, log L) and only inside the
FLOPs it covers: a run says nothing about budgets it never reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive
from scalinglaws.fitting._inputs import require_spread
from scalinglaws.fitting.loglinear import AllocationLaws, LogLinearFit, fit_log_linear

#: Number of log-spaced FLOP values Hoffmann et al. (2022, section 3.1) read the envelope at.
HOFFMANN_GRID_SIZE = 1500


@dataclass(frozen=True)
class EnvelopeFit(AllocationLaws):
    """Result of :func:`fit_envelope`.

    Attributes
    ----------
    flops : ndarray, shape (m,)
        Log-spaced FLOP values at which the envelope was read (those covered by some run).
    loss : ndarray, shape (m,)
        Lowest loss across runs at each FLOP value.
    run : ndarray of int, shape (m,)
        Index of the run attaining it.
    N_opt, D_opt : ndarray, shape (m,)
        That run's parameters, and tokens C / (6 N_opt) it had seen by then.
    n_law, d_law : LogLinearFit
        N_opt = k_N C^a and D_opt = k_D C^b fitted through all m points.
    """

    flops: np.ndarray
    loss: np.ndarray
    run: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    n_law: LogLinearFit
    d_law: LogLinearFit


def fit_envelope(N, flops, losses, *, n_grid: int = HOFFMANN_GRID_SIZE, flop_range=None) -> EnvelopeFit:
    """Lower envelope of loss-versus-FLOPs curves and the power laws through it (Approach 1).

    Parameters
    ----------
    N : array_like, shape (R,)
        Parameters of each run.
    flops : sequence of R array_like
        FLOPs spent at each recorded point of each run, strictly increasing.
    losses : sequence of R array_like
        Loss at those points (same lengths as ``flops``).
    n_grid : int, default 1500
        Number of log-spaced FLOP values at which to read the envelope.
    flop_range : (float, float), optional
        Range of FLOPs to read; default from the smallest first FLOP value of
        any run to the largest last one.

    Returns
    -------
    EnvelopeFit

    Raises
    ------
    ValueError
        On bad values, curves of mismatched or too-short length, FLOPs that
        do not increase, fewer than two runs, all runs at one N, or an
        envelope attained by a single run throughout (no trend to fit).
    """
    sizes = as_positive(N, "N")
    if sizes.ndim != 1:
        raise ValueError(f"N must be a 1-D array (one size per run), got shape {sizes.shape}.")
    R = sizes.size
    if len(flops) != R or len(losses) != R:
        raise ValueError(f"N, flops and losses must describe the same runs, but have {R}, {len(flops)} and {len(losses)} entries.")
    if R < 2:
        raise ValueError("got 1 run; the envelope needs curves from at least two runs.")
    require_spread(sizes, "N", "an envelope of training curves")
    curves = [_as_curve(c, l, k) for k, (c, l) in enumerate(zip(flops, losses))]
    if isinstance(n_grid, bool) or not isinstance(n_grid, (int, np.integer)) or n_grid < 2:
        raise ValueError(f"n_grid must be an integer >= 2, got {n_grid!r}.")

    if flop_range is None:
        log_lo = min(log_c[0] for log_c, _ in curves)
        log_hi = max(log_c[-1] for log_c, _ in curves)
    else:
        bounds = as_positive(flop_range, "flop_range")
        if bounds.shape != (2,) or not bounds[1] > bounds[0]:
            raise ValueError(f"flop_range must be (low, high) with high > low, got {flop_range!r}.")
        log_lo, log_hi = np.log(bounds)
    log_grid = np.linspace(log_lo, log_hi, int(n_grid))

    log_loss = np.full((R, log_grid.size), np.inf)
    for k, (log_c, log_l) in enumerate(curves):
        inside = (log_grid >= log_c[0]) & (log_grid <= log_c[-1])
        log_loss[k, inside] = np.interp(log_grid[inside], log_c, log_l)
    covered = np.isfinite(log_loss).any(axis=0)
    if covered.sum() < 2:
        raise ValueError("fewer than two FLOP values in the range are covered by any run; widen flop_range.")
    log_loss = log_loss[:, covered]
    best_run = np.argmin(log_loss, axis=0)
    grid = np.exp(log_grid[covered])
    n_opt = sizes[best_run]
    if np.unique(n_opt).size < 2:
        raise ValueError("one run attains the envelope at every FLOP value, so it shows no trend of N_opt with C.")
    d_opt = grid / (6.0 * n_opt)
    return EnvelopeFit(
        flops=grid,
        loss=np.exp(log_loss[best_run, np.arange(grid.size)]),
        run=best_run,
        N_opt=n_opt,
        D_opt=d_opt,
        n_law=fit_log_linear(grid, n_opt),
        d_law=fit_log_linear(grid, d_opt),
    )


def _as_curve(c, l, k):
    c = as_positive(c, f"flops[{k}]")
    l = as_positive(l, f"losses[{k}]")
    if c.ndim != 1 or l.ndim != 1 or c.size != l.size:
        raise ValueError(f"flops[{k}] and losses[{k}] must be 1-D and of equal length, got shapes {c.shape} and {l.shape}.")
    if c.size < 2:
        raise ValueError(f"run {k} has {c.size} point; a training curve needs at least 2.")
    if np.any(np.diff(c) <= 0):
        raise ValueError(f"flops[{k}] must be strictly increasing (FLOPs spent so far at each logged step).")
    return np.log(c), np.log(l)
