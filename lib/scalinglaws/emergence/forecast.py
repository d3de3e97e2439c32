"""Test a forecast on models it has not seen: fit a sigmoid to the weaker models, score it on the rest.

Ruan, Maddison & Hashimoto (2024), "Observational Scaling Laws", judge their
forecasts of emergent abilities on models stronger than those fitted.
Chapter 7 does the same with training compute and with a benchmark-based
capability measure as the coordinate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_finite, same_length
from scalinglaws.emergence.sigmoid import SigmoidFit, fit_sigmoid


@dataclass(frozen=True)
class HoldoutForecast:
    """Result of :func:`forecast_from_weaker`.

    Attributes
    ----------
    fit : SigmoidFit
        The sigmoid fitted to the weaker models only.
    fitted : ndarray of bool, shape [n]
        Which models the fit saw (the rest were held out).
    rmse : float
        Root-mean-square error of the fit's predictions on the held-out models.
    """

    fit: SigmoidFit
    fitted: np.ndarray
    rmse: float


def forecast_from_weaker(
    scale, score, *, fraction=0.6, **fit_options
) -> HoldoutForecast:
    """Fit a sigmoid to the models below a quantile of ``scale`` and score its forecast of the rest.

    Parameters
    ----------
    scale, score : array_like, shape [n]
        As for :func:`fit_sigmoid`.
    fraction : float, default 0.6
        The models with ``scale`` at or below this quantile are fitted,
        the others held out; in (0, 1).
    **fit_options
        Passed to :func:`fit_sigmoid` (``floor``, ``ceiling``, ``log_scale``,
        ``on_failure``).

    Returns
    -------
    HoldoutForecast

    Raises
    ------
    ValueError
        If ``fraction`` is not in (0, 1), no model is held out, or
        :func:`fit_sigmoid` rejects the fitted models.
    """
    share = as_finite(fraction, "fraction")
    if share.ndim != 0 or not 0 < float(share) < 1:
        raise ValueError(
            f"fraction must be a single number in (0, 1), got {fraction!r}."
        )
    x = as_finite(scale, "scale")
    y = as_finite(score, "score")
    same_length(scale=x, score=y)
    fitted = x <= np.quantile(x, float(share))
    if fitted.all():
        raise ValueError(
            "every model is at or below the quantile, so none is held out; lower fraction."
        )
    fit = fit_sigmoid(x[fitted], y[fitted], **fit_options)
    rmse = float(np.sqrt(np.mean((fit.predict(x[~fitted]) - y[~fitted]) ** 2)))
    return HoldoutForecast(fit=fit, fitted=fitted, rmse=rmse)
