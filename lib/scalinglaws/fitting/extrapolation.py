"""Reading a fitted power law beyond the data: local slopes and prediction bands.

A scaling law is fitted to be extrapolated, and chapter 2 (*Power laws and
how to fit them*) asks how far that can be trusted. Two tools:

- :func:`local_slope`: d log y / d log x along a curve. A pure power law
  (Kaplan et al. 2020, eqs. 1.1-1.3) has the same slope everywhere; a law
  with an irreducible offset (Henighan et al. 2020, eq. 1.1) flattens as it
  nears its floor, which is why an exponent fitted without the offset
  depends on the range it was fitted over.
- :func:`bootstrap_power_law` and :func:`prediction_band`: refit the power
  law on resampled points (the bootstrap of Hoffmann et al. 2022, Table 2,
  and Besiroglu et al. 2024, section 3) and read the spread of the refits'
  predictions at any x, inside or outside the fitted range. The band widens
  with the distance from the data, because an error in the exponent is
  multiplied by the number of decades extrapolated over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_finite, as_level, as_positive, same_length
from scalinglaws.fitting.bootstrap import (
    DEFAULT_LEVEL,
    BootstrapResult,
    percentile_interval,
)
from scalinglaws.fitting.powerlaw import fit_power_law

#: Statistics :func:`bootstrap_power_law` keeps for each resample, in column order.
POWER_LAW_STATISTICS = ("alpha", "x0", "E")  # the parameters of a PowerLawFit, in order


def local_slope(x, y):
    """Local slope d log y / d log x of a curve sampled at points ``x``.

    Central differences in (log x, log y), second-order accurate inside and
    one-sided at the two ends (:func:`numpy.gradient`); the points need not
    be evenly spaced.

    Parameters
    ----------
    x : array_like, shape (n,)
        Positive, strictly increasing; n >= 3.
    y : array_like, shape (n,)
        Positive values of the curve at ``x``.

    Returns
    -------
    ndarray, shape (n,)
        The slope at each x: -alpha everywhere for y = (x0/x)^alpha;
        -alpha (y - E) / y for y = E + (x0/x)^alpha.

    Raises
    ------
    ValueError
        If x or y is not positive, not 1-D, of different lengths, has fewer
        than 3 points, or x is not strictly increasing.
    """
    x, y = as_positive(x, "x"), as_positive(y, "y")
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError(
            f"x and y must be 1-D arrays, got shapes {x.shape} and {y.shape}."
        )
    n = same_length(x=x, y=y)
    if n < 3:
        raise ValueError(
            f"a local slope needs at least 3 points of the curve, got {n}."
        )
    if np.any(np.diff(x) <= 0):
        raise ValueError(
            "x must be strictly increasing; sort the points by x and drop repeated x values."
        )
    return np.gradient(np.log(y), np.log(x), edge_order=2)


def bootstrap_power_law(
    x,
    y,
    *,
    offset: bool = False,
    n_bootstrap: int = 1000,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
) -> BootstrapResult:
    """Refit y = E + (x0/x)^alpha (E = 0 without offset) on ``n_bootstrap`` resamples of the points.

    Each resample draws the points (x_i, y_i) with replacement and refits
    with :func:`~scalinglaws.fitting.fit_power_law`, the bootstrap Hoffmann et
    al. (2022, Table 2) and Besiroglu et al. (2024, section 3) put around
    their fits. Without an offset the least-squares line has a closed form,
    and all resamples are refitted in one vectorised step that gives the
    same numbers as :func:`~scalinglaws.fitting.bootstrap` would, thousands
    of times faster.

    Parameters
    ----------
    x, y : array_like, shape (m,)
        Positive; m >= 2 (m >= 3 with an offset), x not all equal.
    offset : bool, default False
        Fit the irreducible offset E too.
    n_bootstrap : int, default 1000
        Number of resamples.
    seed : int, default 0
        Seed of the resampling; the same seed gives the same result.
    level : float, default 0.8
        Coverage of the intervals (0.8: 10th to 90th percentile, as in
        Hoffmann et al. 2022, Table 2).

    Returns
    -------
    BootstrapResult
        Statistics :data:`POWER_LAW_STATISTICS` ("alpha", "x0", "E"). A
        resample whose points all sit at one x cannot be fitted; it is
        counted in ``n_failed`` and left out of the intervals.

    Raises
    ------
    ValueError
        If the full-data fit fails (bad input or too few points).
    """
    return fit_power_law(x, y, offset=offset).bootstrap(n_bootstrap, seed, level=level)


@dataclass(frozen=True)
class PredictionBand:
    """Bootstrap band of a fitted law's predictions at positions ``x``.

    Attributes
    ----------
    x : ndarray, shape (k,)
        Where the law was evaluated.
    estimate : ndarray, shape (k,)
        Prediction of the fit to all the data.
    lo, hi : ndarray, shape (k,)
        Lower and upper percentiles of the resamples' predictions.
    level : float
        Coverage of the band (0.8: 10th to 90th percentile).
    """

    x: np.ndarray
    estimate: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    level: float

    @property
    def relative_width(self) -> np.ndarray:
        """(hi - lo) / estimate at each x: the band's width as a fraction of the prediction."""
        return (self.hi - self.lo) / self.estimate

    def contains(self, y) -> np.ndarray:
        """Whether each observed ``y`` (one per x) lies inside the band, ends included."""
        y = as_finite(y, "y")
        if y.shape != self.x.shape:
            raise ValueError(
                f"y must have one value per x, shape {self.x.shape}, got shape {y.shape}."
            )
        return (self.lo <= y) & (y <= self.hi)

    @classmethod
    def from_predictions(
        cls, x, estimate, predictions, level: float = DEFAULT_LEVEL
    ) -> "PredictionBand":
        """Band from any law's predictions, one row per resample.

        Parameters
        ----------
        x : array_like, shape (k,)
        estimate : array_like, shape (k,)
            The full-data fit's predictions at ``x``.
        predictions : array_like, shape (n_resamples, k)
            Each resample's predictions at ``x``; NaN rows (failed refits) are ignored.
        level : float, default 0.8
        """
        x = np.atleast_1d(as_finite(x, "x"))
        estimate = np.atleast_1d(as_finite(estimate, "estimate"))
        predictions = np.asarray(predictions, dtype=float)
        if (
            predictions.ndim != 2
            or predictions.shape[1] != x.size
            or estimate.shape != x.shape
        ):
            raise ValueError(
                f"predictions must have shape (n_resamples, {x.size}) and estimate shape ({x.size},) "
                f"to match x; got {predictions.shape} and {estimate.shape}."
            )
        if not np.any(np.all(np.isfinite(predictions), axis=1)):
            raise ValueError(
                "every row of predictions holds NaN or infinite values; no refit succeeded."
            )
        level = as_level(level)
        lo, hi = percentile_interval(predictions, level)
        return cls(
            x=x, estimate=estimate, lo=np.asarray(lo), hi=np.asarray(hi), level=level
        )


def prediction_band(
    boot: BootstrapResult, x, *, level: float | None = None
) -> PredictionBand:
    """Bootstrap band of a power law's predictions E + (x0/x)^alpha at ``x``.

    Parameters
    ----------
    boot : BootstrapResult
        From :func:`bootstrap_power_law` (statistics "alpha", "x0", "E").
    x : array_like, shape (k,)
        Positions to predict at (positive), inside or beyond the fitted range.
    level : float, optional
        Coverage of the band; defaults to ``boot.level``.

    Returns
    -------
    PredictionBand
        The band at each x and the full-data fit's prediction.

    Raises
    ------
    ValueError
        If ``boot`` does not hold the statistics "alpha", "x0" and "E", or
        ``x`` is not positive.
    """
    if not isinstance(boot, BootstrapResult) or not set(POWER_LAW_STATISTICS) <= set(
        boot.names
    ):
        raise ValueError(
            "boot must be a BootstrapResult with statistics 'alpha', 'x0' and 'E', "
            "as returned by bootstrap_power_law."
        )
    x = np.atleast_1d(as_positive(x, "x"))
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D array of positions, got shape {x.shape}.")
    columns = [boot.names.index(name) for name in POWER_LAW_STATISTICS]
    alpha, x0, E = boot.samples[:, columns].T
    log_x = np.log(x)
    # One row per resample; NaN rows (failed refits) stay NaN and are ignored.
    predictions = E[:, None] + np.exp(
        alpha[:, None] * (np.log(x0)[:, None] - log_x[None, :])
    )
    a0, x00, E0 = boot.estimate[columns]
    estimate = E0 + np.exp(a0 * (np.log(x00) - log_x))
    return PredictionBand.from_predictions(
        x, estimate, predictions, boot.level if level is None else level
    )
