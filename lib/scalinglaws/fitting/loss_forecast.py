"""A loss forecast with its bootstrap interval, read off an Approach 3 fit.

Hoffmann et al. (2022) fit L(N, D) = E + A/N^alpha + B/D^beta (their eq. 2)
with eq. 11 and read predictions off it; a bootstrap of the fit gives each
prediction a percentile interval: evaluate every resample's refitted
constants at the same (N, D). The capstone (chapter 10) and the
training-recipe chapter (chapter 9) state such forecasts before training the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_level, positive_scalar
from scalinglaws.fitting.bootstrap import percentile_interval


@dataclass(frozen=True)
class LossForecast:
    """A predicted loss and its bootstrap percentile interval.

    Attributes
    ----------
    estimate : float
        Prediction from the fit to all runs (nats per example).
    lo, hi : float
        Percentile interval across bootstrap refits.
    level : float
        Coverage of the interval (0.8: 10th to 90th percentile).
    samples : ndarray, shape (n_resamples,)
        The prediction of each bootstrap refit (NaN where a refit failed).
    """

    estimate: float
    lo: float
    hi: float
    level: float
    samples: np.ndarray

    def contains(self, loss) -> bool:
        """Whether ``loss`` lies inside [lo, hi]."""
        return bool(self.lo <= float(loss) <= self.hi)


def predict_parametric(fit, N, D, *, level=None):
    """Loss forecast at (N, D) from an Approach 3 fit with a bootstrap (Hoffmann et al. 2022, eq. 2).

    Parameters
    ----------
    fit : ParametricFit
        From :func:`scalinglaws.fitting.fit_parametric` with ``n_bootstrap > 0``.
    N, D : float
        Parameters and training tokens (examples) of the run to predict.
    level : float, optional
        Interval coverage; default the fit's own (0.8).

    Returns
    -------
    LossForecast
        ``estimate`` is ``fit.law.loss(N, D)``; each sample is
        E + A/N^alpha + B/D^beta with one resample's refitted constants.
    """
    boot = getattr(fit, "bootstrap_result", None)
    if boot is None:
        raise ValueError(
            "fit has no bootstrap; fit it with fit_parametric(..., n_bootstrap=200) or more."
        )
    N = positive_scalar(N, "N")
    D = positive_scalar(D, "D")
    level = boot.level if level is None else as_level(level)
    s = {name: boot.samples[:, i] for i, name in enumerate(boot.names)}
    samples = s["E"] + s["A"] / N ** s["alpha"] + s["B"] / D ** s["beta"]
    lo, hi = percentile_interval(samples, level)
    return LossForecast(
        float(fit.law.loss(N, D)), float(lo), float(hi), float(level), samples
    )
