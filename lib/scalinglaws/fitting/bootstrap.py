"""The bootstrap every fit in the book uses: resample points, refit, read off percentiles.

Hoffmann et al. (2022, Table 2) give 10th-90th percentile intervals from
refits on resampled data, and Besiroglu et al. (2024) redo this with 4,000
resamples of the 240 extracted runs. One mechanism serves every fit here:
:func:`resample_indices` draws the resamples (points with replacement,
seeded, so the same seed gives the same resamples on every machine) and
:class:`BootstrapResult` holds the refitted statistics and their percentile
intervals. :func:`bootstrap` refits any fit function on each resample;
:func:`~scalinglaws.fitting.parametric.fit_parametric` draws the same
resamples but refits them all in one batched optimisation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from scalinglaws._validation import as_count, as_level, as_seed

#: Default interval: 10th to 90th percentile, as in Hoffmann et al. (2022)
#: Table 2 and the 80% intervals of Besiroglu et al. (2024).
DEFAULT_LEVEL = 0.8


def resample_indices(n_points: int, n_resamples: int, seed: int = 0) -> np.ndarray:
    """Indices of ``n_resamples`` bootstrap resamples of ``n_points`` points.

    Each row draws ``n_points`` indices uniformly with replacement from
    numpy's default generator seeded with ``seed``.

    Returns
    -------
    ndarray of int, shape (n_resamples, n_points)
    """
    n_points = as_count(n_points, "n_points", minimum=1)
    n_resamples = as_count(n_resamples, "n_resamples", minimum=1)
    rng = np.random.default_rng(as_seed(seed))
    return rng.integers(0, n_points, size=(n_resamples, n_points))


def percentile_interval(samples, level: float = DEFAULT_LEVEL):
    """Central percentile interval of each column of ``samples``, ignoring NaN.

    Parameters
    ----------
    samples : array_like, shape (n,) or (n, k)
    level : float, default 0.8
        Coverage; 0.8 gives the 10th and 90th percentiles.

    Returns
    -------
    lo, hi : float or ndarray of shape (k,)
    """
    level = as_level(level)
    arr = np.asarray(samples, dtype=float)
    tail = 50.0 * (1.0 - level)
    lo, hi = np.nanpercentile(arr, [tail, 100.0 - tail], axis=0)
    return lo, hi


@dataclass(frozen=True)
class BootstrapResult:
    """Statistics refitted on bootstrap resamples.

    Attributes
    ----------
    names : tuple of str
        Name of each statistic (column of ``samples``).
    estimate : ndarray, shape (k,)
        The statistics on the full data.
    samples : ndarray, shape (n_resamples, k)
        One row per resample; NaN where that resample's fit failed.
    level : float
        Coverage of :attr:`intervals`.
    seed : int
        Seed of :func:`resample_indices`.
    n_failed : int
        Resamples whose fit raised or did not converge (their rows are NaN).
    """

    names: tuple
    estimate: np.ndarray
    samples: np.ndarray
    level: float = DEFAULT_LEVEL
    seed: int = 0
    n_failed: int = 0
    intervals: dict = field(init=False, repr=False)

    def __post_init__(self):
        lo, hi = percentile_interval(self.samples, self.level)
        object.__setattr__(
            self,
            "intervals",
            {
                n: (float(a), float(b))
                for n, a, b in zip(self.names, np.atleast_1d(lo), np.atleast_1d(hi))
            },
        )

    def interval(self, name: str, level: float | None = None):
        """(lo, hi) percentile interval of statistic ``name`` (at ``level``, default :attr:`level`)."""
        col = self._column(name)
        if level is None:
            return self.intervals[name]
        lo, hi = percentile_interval(self.samples[:, col], level)
        return float(lo), float(hi)

    def summary(self, name: str, level: float | None = None) -> tuple:
        """(estimate, lo, hi) of statistic ``name``: the full-data value and its percentile interval."""
        lo, hi = self.interval(name, level)
        return float(self.estimate[self._column(name)]), lo, hi

    def std(self, name: str) -> float:
        """Bootstrap standard error of statistic ``name``."""
        col = self.samples[:, self._column(name)]
        return float(np.nanstd(col, ddof=1))

    def covariance(self, names=None) -> np.ndarray:
        """Covariance matrix of the named statistics across resamples (all by default).

        Resamples with any NaN among the chosen statistics are left out.
        """
        names = self.names if names is None else tuple(names)
        cols = self.samples[:, [self._column(n) for n in names]]
        cols = cols[np.all(np.isfinite(cols), axis=1)]
        return np.atleast_2d(np.cov(cols, rowvar=False))

    def _column(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise ValueError(
                f"no bootstrap statistic named {name!r}; available: {', '.join(self.names)}."
            ) from None


def bootstrap(
    fit_fn,
    arrays,
    n_bootstrap: int = 1000,
    seed: int = 0,
    stat_fn=None,
    *,
    names=None,
    level: float = DEFAULT_LEVEL,
):
    """Refit ``fit_fn`` on ``n_bootstrap`` resamples of the points in ``arrays``.

    Parameters
    ----------
    fit_fn : callable
        ``fit_fn(*arrays)`` fits the data (e.g. ``fit_power_law``).
    arrays : sequence of array_like
        Equal-length per-point arrays (e.g. ``(x, y)``); a resample takes the
        same rows of each. Entries may be object arrays (one training curve per
        entry) for fits over runs.
    n_bootstrap : int, default 1000
        Number of resamples.
    seed : int, default 0
        Seed of :func:`resample_indices`; the same seed gives the same result.
    stat_fn : callable, optional
        ``stat_fn(fit) -> sequence of floats``: the statistics to keep. By
        default the fit's parameters (``fit.params``, see
        :mod:`~scalinglaws.fitting.result`), or ``fit`` itself where it is a
        number or a sequence of numbers.
    names : sequence of str, optional
        Names of the statistics (default: the parameter names, or the
        statistic's own ``names`` attribute, else ``"s0", "s1", ...``).

    Notes
    -----
    Every fit result also offers this as a method,
    ``fit.bootstrap(n_bootstrap, seed)``, which needs no ``fit_fn`` or
    ``arrays``; the function is for fits written outside the library.
    level : float, default 0.8
        Coverage of the percentile intervals.

    Returns
    -------
    BootstrapResult
        Resamples on which ``fit_fn`` raises ``ValueError`` (e.g. a resample
        with every point at one size) count in ``n_failed`` and are NaN; a
        warning says how many.
    """
    arrays, n_points = per_point_arrays(fit_fn, arrays)
    idx = resample_indices(n_points, n_bootstrap, seed)
    return refit_on_rows(
        fit_fn, arrays, idx, stat_fn=stat_fn, names=names, level=level, seed=seed
    )


def per_point_arrays(fit_fn, arrays):
    """Check ``fit_fn`` and the equal-length per-point ``arrays`` of a refit scheme; return them and their length."""
    if not callable(fit_fn):
        raise ValueError(
            "fit_fn must be callable: a function that fits the arrays it is given."
        )
    arrays = [_as_indexable(a, k) for k, a in enumerate(arrays)]
    if not arrays:
        raise ValueError(
            "arrays is empty; pass at least one per-point array to resample."
        )
    lengths = {len(a) for a in arrays}
    if len(lengths) != 1:
        raise ValueError(
            f"arrays must all have the same length, got lengths {sorted(lengths)}."
        )
    return arrays, lengths.pop()


def refit_on_rows(
    fit_fn,
    arrays,
    idx,
    *,
    stat_fn=None,
    names=None,
    level: float = DEFAULT_LEVEL,
    seed: int = 0,
    what: str = "bootstrap",
) -> BootstrapResult:
    """Fit all points, then refit on ``arrays[rows]`` for each row of ``idx``; the loop every refit scheme shares.

    ``idx`` holds one row of point indices per refit: resamples with
    replacement (:func:`bootstrap`) or subsamples without
    (:func:`~scalinglaws.fitting.replication.subsample_refits`). Refits that
    raise ``ValueError`` or report ``converged = False`` are NaN and counted
    in ``n_failed``, with a warning naming ``what`` kind of refit failed.
    """
    level = as_level(level)
    full_fit = fit_fn(*arrays)
    if stat_fn is None:
        stat_fn = _parameters if hasattr(full_fit, "params") else _identity
        if names is None and hasattr(full_fit, "params"):
            names = tuple(full_fit.params)
    elif names is None and hasattr(stat_fn, "names"):
        names = tuple(stat_fn.names)
    estimate = _as_stat_row(stat_fn(full_fit))
    names = (
        tuple(names)
        if names is not None
        else tuple(f"s{k}" for k in range(estimate.size))
    )
    if len(names) != estimate.size:
        raise ValueError(
            f"names has {len(names)} entries but stat_fn returns {estimate.size} statistics."
        )
    samples = np.full((idx.shape[0], estimate.size), np.nan)
    n_failed = 0
    for r, rows in enumerate(idx):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = fit_fn(*[a[rows] for a in arrays])
        except ValueError:
            n_failed += 1
            continue
        if getattr(fit, "converged", True) is False:
            n_failed += 1
            continue
        samples[r] = _as_stat_row(stat_fn(fit))
    if n_failed:
        warnings.warn(
            f"{n_failed} of {idx.shape[0]} {what} refits failed or did not converge; "
            "they are left out of the intervals.",
            RuntimeWarning,
            stacklevel=3,
        )
    return BootstrapResult(
        names=names,
        estimate=estimate,
        samples=samples,
        level=level,
        seed=int(seed),
        n_failed=n_failed,
    )


def _identity(fit):
    return fit


def _parameters(fit):
    return list(fit.params.values())


def _as_stat_row(value) -> np.ndarray:
    row = np.atleast_1d(np.asarray(value, dtype=float))
    if row.ndim != 1:
        raise ValueError(
            f"stat_fn must return a number or a 1-D sequence of numbers, got shape {row.shape}."
        )
    return row


def _as_indexable(a, k):
    if isinstance(a, np.ndarray):
        return a
    if isinstance(a, (list, tuple)) and a and np.ndim(a[0]) > 0:
        out = np.empty(len(a), dtype=object)  # one curve per entry: keep them whole
        out[:] = list(a)
        return out
    return np.asarray(a)
