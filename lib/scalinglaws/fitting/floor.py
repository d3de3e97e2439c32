"""Can a fit find the floor? The irreducible loss against the range of scale used.

Henighan et al. (2020), "Scaling Laws for Autoregressive Generative
Modeling", eq. (1.1): L(x) = E + (x0/x)^alpha, where E estimates the
entropy of the data and the power law the KL divergence of the model from it
(their eq. 1.2). Chapter 4 (*The irreducible loss*) asks three questions of
that form, and this module answers each with one function:

* What does leaving E out do? On log-log axes L(x) bends towards the
  floor, so a pure power law fitted to a window of scales finds an exponent
  that shrinks as the window moves to larger x: :func:`sliding_fits`.
* How much scale does it take to pin E down? Fit the offset to the
  compute frontier of a set of runs (:func:`loss_frontier`,
  :func:`fit_frontier_floor`) cut at growing largest budgets, and watch its
  bootstrap interval over resampled runs: :func:`floor_by_range`; or
  simulate a known law with a given measurement noise:
  :func:`simulated_floor_intervals`.
* What does the floor mean for returns on compute? Dividing the reducible
  loss by k takes k^(1/alpha) times more of x, whatever x is now:
  :func:`scale_multiplier_to_divide_reducible`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_count, as_level, as_positive
from scalinglaws.fitting._inputs import positive_points, require_spread
from scalinglaws.fitting.bootstrap import DEFAULT_LEVEL, bootstrap, percentile_interval
from scalinglaws.fitting.powerlaw import fit_power_law
from scalinglaws.laws import ChinchillaLaw, SaturatingPowerLaw


def _sorted_points(x, y, minimum):
    x, y = positive_points(minimum, x=x, y=y)
    require_spread(x, "x", "fitting a power law")
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


# --------------------------------------------------------------- sliding windows


@dataclass(frozen=True)
class WindowFits:
    """Result of :func:`sliding_fits`: one fit per window of scales.

    Attributes
    ----------
    x_low, x_high : ndarray, shape (k,)
        Smallest and largest x of the points in each window.
    alpha : ndarray, shape (k,)
        Fitted exponent in each window.
    E : ndarray, shape (k,)
        Fitted offset in each window (all 0 when ``offset`` is False).
    n_points : ndarray of int, shape (k,)
        Points in each window.
    offset : bool
        Whether the offset was fitted.
    """

    x_low: np.ndarray
    x_high: np.ndarray
    alpha: np.ndarray
    E: np.ndarray
    n_points: np.ndarray
    offset: bool

    @property
    def x_centre(self) -> np.ndarray:
        """Geometric centre sqrt(x_low * x_high) of each window, where its local exponent is plotted."""
        return np.sqrt(self.x_low * self.x_high)


def sliding_fits(
    x, y, decades: float = 1.0, *, offset: bool = False, min_points: int = 4
) -> WindowFits:
    """Fit y = E + (x0/x)^alpha (or E = 0) in every window of ``decades`` orders of magnitude.

    A window starts at each point and holds every point with x up to
    10**decades times larger; windows that would run past the largest x, or
    hold fewer than ``min_points`` points, are skipped. With a floor in the
    data the pure power law's exponent falls from one window to the next:
    the local slope of log L against log x is -alpha (L - E) / L, which
    shrinks as L approaches E. Chapter 4 plots it against the window's centre.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Positive values, in any order (they are sorted by x).
    decades : float, default 1.0
        Width of each window in orders of magnitude of x (> 0).
    offset : bool, default False
        Fit the offset E too (Henighan et al. 2020, eq. 1.1).
    min_points : int, default 4
        Fewest points a window may hold (>= 2, >= 3 with an offset).

    Returns
    -------
    WindowFits
        One fit per window, ordered by x.

    Raises
    ------
    ValueError
        On bad input, or if no window of that width holds enough points.
    """
    decades = float(as_positive(decades, "decades"))
    min_points = as_count(min_points, "min_points", 3 if offset else 2)
    x, y = _sorted_points(x, y, min_points)
    log_x = np.log10(x)
    rows = []
    for i in range(x.size):
        if log_x[i] + decades > log_x[-1] + 1e-9:
            break
        inside = (log_x >= log_x[i]) & (log_x <= log_x[i] + decades + 1e-9)
        if inside.sum() < min_points or np.unique(x[inside]).size < min_points:
            continue
        fit = fit_power_law(x[inside], y[inside], offset=offset)
        rows.append((x[inside][0], x[inside][-1], fit.alpha, fit.E, int(inside.sum())))
    if not rows:
        raise ValueError(
            f"no window of {decades:g} decades holds {min_points} distinct points; "
            "use wider windows or more points."
        )
    cols = list(zip(*rows))
    return WindowFits(
        x_low=np.array(cols[0]),
        x_high=np.array(cols[1]),
        alpha=np.array(cols[2]),
        E=np.array(cols[3]),
        n_points=np.array(cols[4], dtype=int),
        offset=offset,
    )


# --------------------------------------------------------------- the compute frontier


def _curves(flops, losses):
    if len(flops) != len(losses):
        raise ValueError(
            f"flops and losses must describe the same runs, but have {len(flops)} and {len(losses)} entries."
        )
    if len(flops) == 0:
        raise ValueError("no runs given; pass one curve (or one point) per run.")
    out = []
    for k, (c, loss) in enumerate(zip(flops, losses)):
        c = np.atleast_1d(as_positive(c, f"flops[{k}]"))
        loss = np.atleast_1d(as_positive(loss, f"losses[{k}]"))
        if c.ndim != 1 or c.shape != loss.shape:
            raise ValueError(
                f"flops[{k}] and losses[{k}] must be 1-D and of equal length, got {c.shape} and {loss.shape}."
            )
        out.append((c, loss))
    return out


def compute_curves(runs):
    """The learning curves of stored runs, in compute: C = 6 N D at each evaluation.

    Kaplan et al. (2020, Sec. 2.1) count C = 6 N FLOPs per training token for a
    model of N non-embedding parameters (forward and backward pass), so a run
    that has seen D tokens has spent C = 6 N D. This turns the curves stored by
    :func:`scalinglaws.train.load_runs` into the ``flops, losses`` pair that
    :func:`loss_frontier`, :func:`fit_frontier_floor` and :func:`floor_by_range`
    take.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per run with columns ``n_params_non_embedding``,
        ``curve_tokens`` (tokens seen at each evaluation) and ``curve_loss``
        (held-out loss there).

    Returns
    -------
    flops, losses : list of ndarray
        One curve per run: FLOPs spent at each evaluation, and the loss there.
    """
    flops = [
        6.0 * float(n) * np.asarray(t, dtype=float)
        for n, t in zip(runs["n_params_non_embedding"], runs["curve_tokens"])
    ]
    losses = [np.asarray(loss, dtype=float) for loss in runs["curve_loss"]]
    return flops, losses


def loss_frontier(flops, losses):
    """The compute frontier of a set of learning curves: the points that no cheaper point beats.

    Kaplan et al. (2020, Fig. 1) and Henighan et al. (2020) read L(C) off
    the lower envelope of their runs' learning curves. Here the envelope is
    kept as measured points: a point (C, L) of any run is on the frontier if
    every point with C' <= C has a higher loss. Unlike an interpolated
    envelope it never invents a loss between two evaluations.

    Near a floor, where neighbouring points differ by less than their
    measurement noise, the frontier keeps the luckiest of them, so a floor
    fitted to it is pulled slightly low.

    Parameters
    ----------
    flops, losses : sequence of array_like
        One curve per run: FLOPs spent at each evaluation and the held-out
        loss there. A run may be a single point (its final loss).

    Returns
    -------
    C, L : ndarray
        The frontier, by increasing C (and strictly decreasing L).
    """
    curves = _curves(flops, losses)
    C = np.concatenate([c for c, _ in curves])
    L = np.concatenate([loss for _, loss in curves])
    order = np.lexsort((L, C))
    C, L = C[order], L[order]
    best_before = np.concatenate([[np.inf], np.minimum.accumulate(L)[:-1]])
    keep = L < best_before
    return C[keep], L[keep]


def fit_frontier_floor(flops, losses, *, flop_range=None):
    """Fit L(C) = E + (C0/C)^alpha to the compute frontier of some runs (Henighan et al. 2020, eq. 1.1).

    Parameters
    ----------
    flops, losses : sequence of array_like
        One learning curve (or one final point) per run, as in :func:`loss_frontier`.
    flop_range : (float, float), optional
        Use only frontier points with C in this range (default: all). Start
        it after any early plateau, where no power law holds.

    Returns
    -------
    PowerLawFit
        With ``offset=True``; ``fit.E`` is the estimated floor.

    Raises
    ------
    ValueError
        If fewer than three distinct frontier points fall in the range.
    """
    C, L = loss_frontier(flops, losses)
    if flop_range is not None:
        bounds = as_positive(flop_range, "flop_range")
        if bounds.shape != (2,) or not bounds[1] > bounds[0]:
            raise ValueError(
                f"flop_range must be (low, high) with high > low, got {flop_range!r}."
            )
        inside = (C >= bounds[0]) & (C <= bounds[1])
        C, L = C[inside], L[inside]
    if np.unique(C).size < 3:
        raise ValueError(
            f"only {np.unique(C).size} frontier point(s) in the range; fitting E, C0 and alpha needs at least 3."
        )
    return fit_power_law(C, L, offset=True)


# --------------------------------------------------------------- growing ranges


@dataclass(frozen=True)
class FloorScan:
    """Fitted floor E with an interval, for each of several ranges of scale.

    Attributes
    ----------
    x_low, x_high : ndarray, shape (k,)
        Ends of each range (for runs: the FLOP range the frontier was cut to).
    E : ndarray, shape (k,)
        Offset fitted on each range (for a simulation, the median over simulations).
    E_low, E_high : ndarray, shape (k,)
        Percentile interval of E at :attr:`level` (bootstrap or simulation).
    alpha : ndarray, shape (k,)
        Exponent fitted alongside E (for a simulation, the median).
    n_failed : ndarray of int, shape (k,)
        Bootstrap refits or simulations that failed (left out of the intervals).
    level : float
        Coverage of the intervals.
    """

    x_low: np.ndarray
    x_high: np.ndarray
    E: np.ndarray
    E_low: np.ndarray
    E_high: np.ndarray
    alpha: np.ndarray
    n_failed: np.ndarray
    level: float

    @property
    def decades(self) -> np.ndarray:
        """log10(x_high / x_low): how many orders of magnitude each range spans."""
        return np.log10(self.x_high / self.x_low)

    def covers(self, value) -> np.ndarray:
        """Whether each interval [E_low, E_high] contains ``value`` (e.g. the exact floor)."""
        value = float(as_positive(value, "value"))
        return (self.E_low <= value) & (value <= self.E_high)


def floor_by_range(
    flops,
    losses,
    min_flops,
    max_flops,
    *,
    n_bootstrap: int = 100,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
) -> FloorScan:
    """The floor fitted on the compute frontier cut at each of several largest budgets, with bootstrap intervals.

    For each value in ``max_flops`` the frontier of the runs is cut to
    [min_flops, max_flops] and :func:`fit_frontier_floor` fits it. The
    interval resamples whole runs (with replacement) and rebuilds the
    frontier each time, so it counts the uncertainty of which runs happened
    to be trained, not only the scatter of points along one frontier.

    Parameters
    ----------
    flops, losses : sequence of array_like
        One learning curve (or one final point) per run.
    min_flops : float
        Start of every range.
    max_flops : array_like of float
        End of each range, each > ``min_flops``.
    n_bootstrap : int, default 100
        Resamples of the runs per range.
    seed : int, default 0
        Seed of the resamples (the same resamples for every range).
    level : float, default 0.8
        Coverage of the percentile intervals.

    Returns
    -------
    FloorScan
        One row per value of ``max_flops``, in the order given.

    Raises
    ------
    ValueError
        On bad input, or a range holding fewer than three frontier points.
    """
    curves = _curves(flops, losses)
    low = float(as_positive(min_flops, "min_flops"))
    highs = np.atleast_1d(as_positive(max_flops, "max_flops")).astype(float)
    if highs.ndim != 1 or np.any(highs <= low):
        raise ValueError(
            "max_flops must be a number or 1-D array of numbers, each > min_flops."
        )
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", 1)
    level = as_level(level)
    run_flops = [c for c, _ in curves]
    run_losses = [loss for _, loss in curves]
    rows = []
    for high in highs:
        span = (low, high)
        fit = fit_frontier_floor(run_flops, run_losses, flop_range=span)
        with (
            warnings.catch_warnings()
        ):  # failed resamples are counted in n_failed instead
            warnings.simplefilter("ignore", RuntimeWarning)
            boot = bootstrap(
                lambda f, loss: fit_frontier_floor(f, loss, flop_range=span),
                (run_flops, run_losses),
                n_bootstrap=n_bootstrap,
                seed=seed,
                stat_fn=lambda f: (f.E, f.alpha),
                names=("E", "alpha"),
                level=level,
            )
        lo, hi = boot.interval("E")
        rows.append((low, high, fit.E, lo, hi, fit.alpha, boot.n_failed))
    cols = list(zip(*rows))
    return FloorScan(
        x_low=np.array(cols[0]),
        x_high=np.array(cols[1]),
        E=np.array(cols[2]),
        E_low=np.array(cols[3]),
        E_high=np.array(cols[4]),
        alpha=np.array(cols[5]),
        n_failed=np.array(cols[6], dtype=int),
        level=level,
    )


def simulated_floor_intervals(
    law: SaturatingPowerLaw,
    x_low,
    decades,
    *,
    points_per_decade: int = 4,
    noise: float = 0.01,
    n_sims: int = 100,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
) -> FloorScan:
    """How well an offset fit recovers a known floor, by simulation, against the decades of scale measured.

    For each span in ``decades``, draw ``n_sims`` data sets
    y_i = law(x_i) * exp(noise * z_i), z_i standard normal, at
    ``points_per_decade`` log-spaced x per decade from ``x_low``; fit
    y = E + (x0/x)^alpha to each, and report the spread of the fitted E.
    Multiplicative noise matches how the fits weigh points (in log space).

    Parameters
    ----------
    law : SaturatingPowerLaw
        The truth, with floor ``law.E`` (> 0 for a meaningful question).
    x_low : float
        Smallest x measured.
    decades : array_like of float
        Spans to try, each > 0; the largest x is x_low * 10**decades.
    points_per_decade : int, default 4
        Measurement density (at least 3 points are always used).
    noise : float, default 0.01
        Standard deviation of the log of each measurement (0.01 is 1%).
    n_sims : int, default 100
    seed : int, default 0
    level : float, default 0.8

    Returns
    -------
    FloorScan
        ``E`` and ``alpha`` are medians over the simulations; ``E_low``,
        ``E_high`` the percentile interval at ``level``. How close the runs
        got to the floor is ``law.reducible(x_high) / law.E``.

    Raises
    ------
    ValueError
        If ``law`` is not a SaturatingPowerLaw or an argument is out of range.
    """
    if not isinstance(law, SaturatingPowerLaw):
        raise ValueError(f"law must be a SaturatingPowerLaw, got {type(law).__name__}.")
    x_low = float(as_positive(x_low, "x_low"))
    spans = np.atleast_1d(as_positive(decades, "decades")).astype(float)
    if spans.ndim != 1:
        raise ValueError(
            f"decades must be a number or a 1-D array of numbers, got shape {spans.shape}."
        )
    points_per_decade = as_count(points_per_decade, "points_per_decade", 1)
    noise = float(as_positive(noise, "noise"))
    n_sims = as_count(n_sims, "n_sims", 2)
    level = as_level(level)
    rng = np.random.default_rng(as_count(seed, "seed", 0))
    rows = []
    for span in spans:
        n = max(3, int(round(points_per_decade * span)) + 1)
        xs = np.geomspace(x_low, x_low * 10.0**span, n)
        truth = np.asarray(law.loss(xs))
        E = np.full(n_sims, np.nan)
        alpha = np.full(n_sims, np.nan)
        for s in range(n_sims):
            ys = truth * np.exp(noise * rng.standard_normal(n))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                try:
                    fit = fit_power_law(xs, ys, offset=True)
                except ValueError:
                    continue
            if fit.converged:
                E[s], alpha[s] = fit.E, fit.alpha
        lo, hi = percentile_interval(E, level)
        rows.append(
            (
                xs[0],
                xs[-1],
                np.nanmedian(E),
                lo,
                hi,
                np.nanmedian(alpha),
                int(np.isnan(E).sum()),
            )
        )
    cols = list(zip(*rows))
    return FloorScan(
        x_low=np.array(cols[0]),
        x_high=np.array(cols[1]),
        E=np.array(cols[2]),
        E_low=np.array(cols[3]),
        E_high=np.array(cols[4]),
        alpha=np.array(cols[5]),
        n_failed=np.array(cols[6], dtype=int),
        level=level,
    )


# --------------------------------------------------------------- diminishing returns


def frontier_reducible_exponent(law: ChinchillaLaw) -> float:
    """Exponent of the reducible loss along the compute-optimal frontier of a Chinchilla-form law.

    At the optimum of Hoffmann et al. (2022) eq. (4) both terms of
    A/N^alpha + B/D^beta fall as C^-(alpha beta / (alpha + beta)), so
    L_opt(C) - E = K C^-(alpha beta/(alpha + beta)): a saturating power law in
    compute with that exponent.
    """
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(f"law must be a ChinchillaLaw, got {type(law).__name__}.")
    return law.alpha * law.beta / (law.alpha + law.beta)


def scale_multiplier_to_divide_reducible(law, factor: float = 2.0) -> float:
    """How many times more scale divides the reducible loss by ``factor``.

    For L = E + (x0/x)^alpha the reducible loss falls by ``factor`` when x
    grows by factor^(1/alpha), wherever on the curve one starts: the
    diminishing returns of a power law are the same at every scale, in
    relative terms, while the absolute gain shrinks with the reducible loss
    itself. Chapter 4 uses it for compute (Henighan et al. 2020, Table 1) and
    for the compute-optimal frontier of a Chinchilla-form law.

    Parameters
    ----------
    law : SaturatingPowerLaw or ChinchillaLaw
        A saturating power law in the scale x (its alpha is used), or a
        Chinchilla-form law, for which x is training compute along the
        compute-optimal frontier and the exponent is
        :func:`frontier_reducible_exponent`.
    factor : float, default 2.0
        How many times smaller the reducible loss should become (> 1).

    Returns
    -------
    float
        The multiplier on x (on compute, for a ChinchillaLaw).
    """
    factor = float(as_positive(factor, "factor"))
    if factor <= 1.0:
        raise ValueError(
            f"factor must be > 1 (how many times smaller the reducible loss gets), got {factor!r}."
        )
    if isinstance(law, SaturatingPowerLaw):
        exponent = law.alpha
    elif isinstance(law, ChinchillaLaw):
        exponent = frontier_reducible_exponent(law)
    else:
        raise ValueError(
            f"law must be a SaturatingPowerLaw or a ChinchillaLaw, got {type(law).__name__}."
        )
    return float(factor ** (1.0 / exponent))
