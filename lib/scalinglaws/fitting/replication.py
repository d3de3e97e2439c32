"""How wide should a scaling-law fit's intervals be? Hoffmann's procedure and Epoch's check of it.

Hoffmann et al. (2022) give every exponent of their Table 2 with the 10th
and 90th percentiles of refits on "80% of the dataset sampled 100 times".
Besiroglu et al. (2024, Epoch AI) refit Approach 3 on 240 runs extracted
from the paper and find the allocation exponent a = beta / (alpha + beta)
with a standard error of about 0.020, an 80% interval about 0.05 wide, where
Hoffmann et al. print (0.454, 0.455), 0.001 wide. Since an interval narrows
as one over the square root of the number of runs, matching that width would
take about 600,000 runs rather than the few hundred trained
(Besiroglu et al. 2024, Sec. 3 and Table 1). Chapters 2 and 5 redo
the argument with the pieces here:

- :func:`subsample_refits`: Hoffmann et al.'s interval procedure, refits on
  subsamples drawn without replacement, optionally within groups (the budgets
  of an isoFLOP grid). Subsamples overlap, so their refits vary less than
  fits to fresh data would (half as much for 80% subsamples); the result
  also holds them rescaled into an estimate of the full fit's spread by the
  delete-d jackknife (:func:`rescale_subsample_spread`).
- :func:`epoch_refit`: Besiroglu et al.'s refit of Approach 3 on their 240 runs, the
  one every chapter that needs it shares (chapters 2, 4 and 5).
- :func:`allocation_exponent_se`: the delta-method standard error of a.
- :func:`interval_width` and :func:`runs_for_interval_width`: from a standard
  error to an interval, and from an interval to the runs it would need.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy import stats

from scalinglaws._validation import (
    as_count,
    as_finite,
    as_level,
    as_positive,
    as_seed,
    positive_scalar,
)
from scalinglaws.datasets import load

# The generic bootstrap's own helpers: a refit here must treat its inputs and
# statistics exactly as a bootstrap refit does.
from scalinglaws.fitting.bootstrap import (
    DEFAULT_LEVEL,
    BootstrapResult,
    per_point_arrays,
    refit_on_rows,
)
from scalinglaws.fitting.parametric import fit_parametric

#: Fraction of the runs in each of Hoffmann et al.'s refits (Table 2 caption:
#: "80% of the dataset is sampled 100 times").
HOFFMANN_FRACTION = 0.8
#: Number of refits behind each interval of Hoffmann et al.'s Table 2.
HOFFMANN_N_SUBSAMPLES = 100


def subsample_indices(
    n_points: int,
    n_subsamples: int = HOFFMANN_N_SUBSAMPLES,
    fraction: float = HOFFMANN_FRACTION,
    seed: int = 0,
    groups=None,
) -> np.ndarray:
    """Indices of subsamples drawn without replacement, as in Hoffmann et al. (2022) Table 2.

    Parameters
    ----------
    n_points : int
        Number of points (runs) to draw from.
    n_subsamples : int, default 100
        Number of subsamples (rows).
    fraction : float, default 0.8
        Share of the points in each subsample, in (0, 1).
    seed : int, default 0
        Seed of numpy's default generator.
    groups : array_like of shape (n_points,), optional
        A label per point (e.g. its FLOP budget). When given, ``fraction`` of
        each group is drawn, so every group keeps the same share of its points.

    Returns
    -------
    ndarray of int, shape (n_subsamples, m)
        Each row lists m distinct indices in increasing order; m is
        ``round(fraction * n_points)``, or the sum over groups of
        ``round(fraction * group size)``.

    Raises
    ------
    ValueError
        If a count is not a positive integer, ``fraction`` is not in (0, 1),
        ``groups`` has the wrong length, or a subsample (or a group's share)
        would be empty or the whole sample.
    """
    n_points = as_count(n_points, "n_points", minimum=2)
    n_subsamples = as_count(n_subsamples, "n_subsamples", minimum=1)
    fraction = _fraction(fraction)
    seed = as_seed(seed)
    labels = (
        np.zeros(n_points, dtype=int)
        if groups is None
        else _group_labels(groups, n_points)
    )
    members = [np.flatnonzero(labels == g) for g in np.unique(labels)]
    takes = [int(round(fraction * m.size)) for m in members]
    for m, take in zip(members, takes):
        if not 0 < take < m.size:
            where = "the sample" if groups is None else f"a group of {m.size} points"
            raise ValueError(
                f"a fraction of {fraction} of {where} keeps {take} of {m.size} points; a subsample must keep "
                "at least one point and leave at least one out. Choose another fraction or larger groups."
            )
    rng = np.random.default_rng(seed)
    rows = np.empty((n_subsamples, sum(takes)), dtype=int)
    for r in range(n_subsamples):
        rows[r] = np.sort(
            np.concatenate(
                [rng.choice(m, size=t, replace=False) for m, t in zip(members, takes)]
            )
        )
    return rows


@dataclass(frozen=True)
class SubsampleRefits:
    """Result of :func:`subsample_refits`.

    Attributes
    ----------
    raw : BootstrapResult
        The refits as Hoffmann et al.'s procedure gives them: their
        percentiles are the intervals of a Table 2.
    rescaled : BootstrapResult
        The same refits with each deviation from the full-data estimate
        multiplied by sqrt(m / (n_points - m)) (:func:`rescale_subsample_spread`):
        an estimate of how much a fit to ``n_points`` new runs would vary.
    n_points : int
        Points in the full data.
    subsample_size : int
        Points in each subsample (m).
    """

    raw: BootstrapResult
    rescaled: BootstrapResult
    n_points: int
    subsample_size: int


def subsample_refits(
    fit_fn,
    arrays,
    n_subsamples: int = HOFFMANN_N_SUBSAMPLES,
    fraction: float = HOFFMANN_FRACTION,
    seed: int = 0,
    stat_fn=None,
    *,
    groups=None,
    names=None,
    level: float = DEFAULT_LEVEL,
) -> SubsampleRefits:
    """Refit on subsamples drawn without replacement: the intervals of Hoffmann et al. (2022) Table 2.

    Parameters
    ----------
    fit_fn : callable
        ``fit_fn(*arrays)`` fits the data, e.g. ``fit_isoflop``.
    arrays : sequence of array_like
        Equal-length per-point arrays; a subsample takes the same rows of
        each. Entries may be lists of curves (one per run), as for ``fit_envelope``.
    n_subsamples : int, default 100
        Number of subsamples (Hoffmann et al. used 100).
    fraction : float, default 0.8
        Share of the points in each subsample (Hoffmann et al. used 80%).
    seed : int, default 0
    stat_fn : callable, optional
        ``stat_fn(fit) -> sequence of floats``, the statistics to keep; by
        default ``fit`` itself must be a number or a sequence of numbers.
        Keep positive quantities (model sizes, token counts) as logarithms,
        so that their rescaled spread stays meaningful.
    groups : array_like, optional
        Labels to subsample within (see :func:`subsample_indices`); an
        isoFLOP fit needs its budgets kept, or a budget may lose its parabola.
    names : sequence of str, optional
        Names of the statistics (default ``"s0", "s1", ...``).
    level : float, default 0.8
        Coverage of the percentile intervals.

    Returns
    -------
    SubsampleRefits
        ``raw`` and ``rescaled`` intervals. Each has ``estimate`` (the fit to
        all points) and one row of ``samples`` per subsample, NaN where
        ``fit_fn`` raised ValueError or reported ``converged = False``
        (counted in ``n_failed``, with a warning).

    Raises
    ------
    ValueError
        On bad arguments (see :func:`subsample_indices`), arrays of unequal
        length, or a ``stat_fn`` that does not return numbers.

    Notes
    -----
    Two subsamples of 80% share most of their points, so the raw refits vary
    less than fits to fresh data would: for a mean, by a factor
    sqrt((1 - 0.8) / 0.8) = 1/2 exactly. Whether Hoffmann et al. drew with or
    without replacement is not stated; without replacement is the reading
    of "80% of the dataset", and the one that gives distinct subsamples.

    With ``groups``, the rescaling uses the overall share kept, m / n_points;
    it is exact only when rounding leaves every group the same share (as
    for equal groups).
    """
    arrays, n_points = per_point_arrays(fit_fn, arrays)
    idx = subsample_indices(n_points, n_subsamples, fraction, seed, groups)
    raw = refit_on_rows(
        fit_fn,
        arrays,
        idx,
        stat_fn=stat_fn,
        names=names,
        level=level,
        seed=seed,
        what="subsample",
    )
    m = idx.shape[1]
    return SubsampleRefits(
        raw=raw,
        rescaled=rescale_subsample_spread(raw, n_points, m),
        n_points=n_points,
        subsample_size=m,
    )


def rescale_subsample_spread(
    result: BootstrapResult, n_points: int, subsample_size: int
) -> BootstrapResult:
    """Turn refits on subsamples of ``subsample_size`` of ``n_points`` into an estimate of the full fit's spread.

    Each refit's deviation from the full-data estimate is multiplied by
    sqrt(m / (n - m)) (m = ``subsample_size``, n = ``n_points``): the
    delete-d jackknife of Shao & Wu (1989, Ann. Statist. 17(3)). For a mean
    of independent points this is exact: the deviations of m-point
    subsamples drawn without replacement have variance
    sigma^2 (n - m) / (m n), against sigma^2 / n for the full mean.

    Parameters
    ----------
    result : BootstrapResult
        Refits on subsamples, e.g. from :func:`subsample_refits`.
    n_points, subsample_size : int
        Size of the full data and of each subsample, 0 < m < n.

    Returns
    -------
    BootstrapResult
        Same estimate, rescaled samples (and intervals).
    """
    if not isinstance(result, BootstrapResult):
        raise ValueError(
            f"result must be a BootstrapResult, got {type(result).__name__}."
        )
    n_points = as_count(n_points, "n_points", minimum=2)
    m = as_count(subsample_size, "subsample_size", minimum=1)
    if m >= n_points:
        raise ValueError(
            f"subsample_size ({m}) must be smaller than n_points ({n_points})."
        )
    samples = result.estimate + (result.samples - result.estimate) * np.sqrt(
        m / (n_points - m)
    )
    return replace(result, samples=samples)


def allocation_exponent_se(alpha, beta, covariance) -> float:
    """Delta-method standard error of a = beta / (alpha + beta) (Hoffmann et al. 2022, eq. 4).

    Besiroglu et al. (2024) report a = 0.513 with SE 0.020 from their
    bootstrap of the refit on 240 runs; this is the first-order version of
    that number from the covariance of (alpha, beta).

    Parameters
    ----------
    alpha, beta : float
        Exponents of the parameter and data terms, both > 0.
    covariance : array_like, shape (2, 2)
        Covariance of (alpha, beta), e.g. across bootstrap refits
        (``fit.bootstrap().covariance(["alpha", "beta"])``).

    Returns
    -------
    float
        sqrt(g^T Sigma g) with g = (-beta, alpha) / (alpha + beta)^2, the gradient of a.
    """
    alpha = positive_scalar(alpha, "alpha")
    beta = positive_scalar(beta, "beta")
    cov = as_finite(covariance, "covariance")
    if cov.shape != (2, 2):
        raise ValueError(
            f"covariance must be the 2 x 2 covariance of (alpha, beta), got shape {cov.shape}."
        )
    if (
        not np.isclose(cov[0, 1], cov[1, 0], rtol=1e-8, atol=0.0)
        or cov[0, 0] < 0
        or cov[1, 1] < 0
    ):
        raise ValueError(
            "covariance must be symmetric with non-negative variances on its diagonal."
        )
    gradient = np.array([-beta, alpha]) / (alpha + beta) ** 2
    variance = float(gradient @ cov @ gradient)
    # Rounding can leave a tiny negative number where the true variance is 0.
    scale = float(np.abs(gradient) @ np.abs(cov) @ np.abs(gradient))
    if variance < -1e-12 * scale:
        raise ValueError(
            "covariance is not positive semi-definite: it gives a negative variance for a."
        )
    return float(np.sqrt(max(variance, 0.0)))


def interval_width(se, level: float = DEFAULT_LEVEL):
    """Width of a central normal interval of coverage ``level``: 2 z se (0.8: z = 1.2816).

    Parameters
    ----------
    se : float or array_like
        Standard error(s), > 0.
    level : float, default 0.8
        Coverage; 0.8 matches the 10th-90th percentiles of Hoffmann et al.'s Table 2.
    """
    se = as_positive(se, "se")
    z = stats.norm.ppf(0.5 + as_level(level) / 2.0)
    width = 2.0 * z * se
    return float(width) if width.ndim == 0 else width


def runs_for_interval_width(width, n_runs, target_width):
    """Runs needed to shrink an interval from ``width`` (with ``n_runs`` runs) to ``target_width``.

    A standard error, and with it any interval, narrows as one over the
    square root of the number of independent runs, so the runs needed are
    n (width / target_width)^2. Besiroglu et al. (2024) apply this to the
    allocation exponent a: about 0.051 wide from 240 runs against
    Hoffmann et al.'s 0.001 (Table 2) gives over 600,000 runs.

    Parameters
    ----------
    width : float or array_like
        Interval width obtained with ``n_runs`` runs, > 0.
    n_runs : float
        Number of runs behind ``width``, > 0.
    target_width : float or array_like
        Interval width wanted, > 0.

    Returns
    -------
    float or ndarray
        Runs needed (not rounded).
    """
    width = as_positive(width, "width")
    n_runs = as_positive(n_runs, "n_runs")
    target = as_positive(target_width, "target_width")
    runs = n_runs * (width / target) ** 2
    return float(runs) if np.ndim(runs) == 0 else runs


def _fraction(value):
    arr = as_finite(value, "fraction")
    if arr.ndim != 0 or not 0.0 < float(arr) < 1.0:
        raise ValueError(
            f"fraction must be a single number between 0 and 1 (e.g. 0.8), got {value!r}."
        )
    return float(arr)


def _group_labels(groups, n_points):
    raw = np.asarray(groups)
    if raw.ndim != 1 or raw.size != n_points:
        raise ValueError(
            f"groups must give one label per point ({n_points}), got shape {raw.shape}."
        )
    return np.unique(raw, return_inverse=True)[1]


#: Resamples behind :func:`epoch_refit`'s intervals: enough that the 10th and 90th
#: percentiles move by less than 0.002 in a from one seed to another.
EPOCH_REFIT_N_BOOTSTRAP = 1000


@lru_cache(maxsize=4)
def epoch_refit(n_bootstrap: int = EPOCH_REFIT_N_BOOTSTRAP, seed: int = 0):
    """Besiroglu et al.'s (2024) refit of Hoffmann et al.'s eq. 11, redone: one shared fit.

    Epoch extracted 245 runs from Hoffmann et al.'s Figure 4, dropped the five with
    the highest loss (all trained on under a billion tokens) and refitted Approach 3
    with Hoffmann et al.'s settings (Huber delta 1e-3 on log losses, the grid of
    4,500 start points of their Appendix D.2). Chapters 2, 4 and 5 all use this fit;
    computing it here, once per session and with one setting, keeps their numbers the
    same.

    Parameters
    ----------
    n_bootstrap : int, default EPOCH_REFIT_N_BOOTSTRAP
        Bootstrap resamples of the runs behind the fit's intervals (``.ci``).
    seed : int, default 0
        Seed of the resampling.

    Returns
    -------
    ParametricFit
        As :func:`scalinglaws.fitting.fit_parametric` returns it, with ``.law`` the
        refitted :class:`~scalinglaws.laws.ChinchillaLaw` and ``.ci`` its intervals.
        The result is cached: treat it as read-only.

    Raises
    ------
    ValueError
        If ``n_bootstrap`` is not a positive count or ``seed`` is not a seed; see
        :func:`scalinglaws.datasets.load` when the dataset cannot be found.
    """
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", 1)
    seed = as_seed(seed)
    runs = load("epoch_chinchilla", drop_highest=5)
    return fit_parametric(
        runs["N"].to_numpy(),
        runs["D"].to_numpy(),
        runs["loss"].to_numpy(),
        n_bootstrap=n_bootstrap,
        seed=seed,
    )
