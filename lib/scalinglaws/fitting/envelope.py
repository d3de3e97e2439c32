"""Approach 1 of Hoffmann et al. (2022): the envelope of training curves.

Hoffmann et al. (2022), section 3.1 and Fig. 2: train models of several
sizes, record each one's loss against FLOPs spent so far, and at every FLOP
value take the lowest loss any run reached there. The run attaining it is
the best size for that budget, so the envelope's N (and D = C / 6N) against C
traces the compute-optimal frontier; power laws N_opt = k_N C^a and
D_opt = k_D C^b through it give the first row of their Table 2
(a = 0.50, b = 0.50). They read the envelope at 1,500 log-spaced FLOP values
(their Sec. 3.1); so does this module by default.

Each curve is interpolated linearly in (log C, log L) and only inside the
FLOPs it covers: a run says nothing about budgets it never reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from scalinglaws._validation import as_count, as_positive
from scalinglaws.fitting._inputs import require_spread
from scalinglaws.fitting.loglinear import AllocationLaws, LogLinearFit, fit_log_linear
from scalinglaws.fitting.result import attach

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

    def _optimum_flops(self):
        return self.flops


def fit_envelope(
    N, flops, losses, *, n_grid: int = HOFFMANN_GRID_SIZE, flop_range=None
) -> EnvelopeFit:
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
        raise ValueError(
            f"N must be a 1-D array (one size per run), got shape {sizes.shape}."
        )
    R = sizes.size
    if len(flops) != R or len(losses) != R:
        raise ValueError(
            f"N, flops and losses must describe the same runs, but have {R}, {len(flops)} and {len(losses)} entries."
        )
    if R < 2:
        raise ValueError("got 1 run; the envelope needs curves from at least two runs.")
    require_spread(sizes, "N", "an envelope of training curves")
    curves = [
        as_curve(c, loss, f"flops[{k}]", f"losses[{k}]")
        for k, (c, loss) in enumerate(zip(flops, losses))
    ]
    n_grid = as_count(n_grid, "n_grid", 2)

    if flop_range is None:
        log_lo = np.log(min(c[0] for c, _ in curves))
        log_hi = np.log(max(c[-1] for c, _ in curves))
    else:
        bounds = as_positive(flop_range, "flop_range")
        if bounds.shape != (2,) or not bounds[1] > bounds[0]:
            raise ValueError(
                f"flop_range must be (low, high) with high > low, got {flop_range!r}."
            )
        log_lo, log_hi = np.log(bounds)
    log_grid = np.linspace(log_lo, log_hi, int(n_grid))

    envelope, best = lower_envelope(
        [c for c, _ in curves], [loss for _, loss in curves], np.exp(log_grid)
    )
    covered = best >= 0
    if covered.sum() < 2:
        raise ValueError(
            "fewer than two FLOP values in the range are covered by any run; widen flop_range."
        )
    best_run = best[covered]
    grid = np.exp(log_grid[covered])
    n_opt = sizes[best_run]
    if np.unique(n_opt).size < 2:
        raise ValueError(
            "one run attains the envelope at every FLOP value, so it shows no trend of N_opt with C."
        )
    d_opt = grid / (6.0 * n_opt)
    fit = EnvelopeFit(
        flops=grid,
        loss=envelope[covered],
        run=best_run,
        N_opt=n_opt,
        D_opt=d_opt,
        n_law=fit_log_linear(grid, n_opt),
        d_law=fit_log_linear(grid, d_opt),
    )
    return attach(
        fit,
        partial(fit_envelope, n_grid=n_grid, flop_range=flop_range),
        sizes,
        list(flops),
        list(losses),
    )


def as_curve(x, loss, x_name, loss_name):
    """Validate one curve: equal-length 1-D positive arrays, x strictly increasing, >= 2 points."""
    x, loss = as_positive(x, x_name), as_positive(loss, loss_name)
    if x.ndim != 1 or loss.ndim != 1 or x.size != loss.size:
        raise ValueError(
            f"{x_name} and {loss_name} must be 1-D and of equal length, got shapes {x.shape} and {loss.shape}."
        )
    if x.size < 2:
        raise ValueError(f"{x_name} has {x.size} point; a curve needs at least 2.")
    if np.any(np.diff(x) <= 0):
        raise ValueError(
            f"{x_name} must be strictly increasing (tokens or FLOPs seen so far at each evaluation)."
        )
    return x, loss


def lower_envelope(xs, losses, grid):
    """Lowest loss that any curve reached at each value of ``grid``.

    Each curve is interpolated linearly in (log x, log loss), and only inside
    the span of x it covers: a run says nothing about budgets it never
    reached. With x the tokens seen this is the data envelope, an estimate of
    Kaplan et al.'s L(D) (2020, eq. 1.2) from runs on fresh data; with x the
    compute spent it is the compute frontier of their Fig. 1 (eq. 1.3).

    Parameters
    ----------
    xs : sequence of array_like
        One strictly increasing, positive array per curve (tokens or FLOPs).
    losses : sequence of array_like
        Matching losses, one array per curve.
    grid : array_like, shape (g,)
        Positive values of x at which to read the envelope.

    Returns
    -------
    envelope : ndarray, shape (g,)
        The lowest loss at each grid value; NaN where no curve covers it.
    best : ndarray of int, shape (g,)
        Index of the curve attaining it; -1 where no curve covers it.

    Raises
    ------
    ValueError
        On bad values, a different number of x and loss arrays, no curves,
        or a curve with fewer than 2 points or x that does not increase.
    """
    if len(xs) != len(losses):
        raise ValueError(
            f"xs and losses must hold the same curves, but have {len(xs)} and {len(losses)} entries."
        )
    if len(xs) == 0:
        raise ValueError("no curves given; pass at least one (x, loss) curve.")
    grid = as_positive(grid, "grid")
    if grid.ndim != 1:
        raise ValueError(
            f"grid must be a 1-D array of x values, got shape {grid.shape}."
        )
    log_grid = np.log(grid)
    table = np.full((len(xs), grid.size), np.inf)
    for k, (x, loss) in enumerate(zip(xs, losses)):
        x, loss = as_curve(x, loss, f"xs[{k}]", f"losses[{k}]")
        log_x = np.log(x)
        inside = (log_grid >= log_x[0]) & (log_grid <= log_x[-1])
        table[k, inside] = np.interp(log_grid[inside], log_x, np.log(loss))
    best = np.argmin(table, axis=0)
    envelope = table[best, np.arange(grid.size)]
    covered = np.isfinite(envelope)
    return np.where(covered, np.exp(envelope), np.nan), np.where(covered, best, -1)
