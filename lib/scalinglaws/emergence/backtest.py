"""Score forecasts on held-out models: the back-test table, and the naive forecast to beat.

A forecast of a larger model is only worth its fitting if it beats the
forecast that needs no fit at all: "the next model scores what the largest
model we have scores". :class:`LastValueForecast` is that baseline, and
:func:`backtest` lines up any forecasts (the two-step and one-step ones of
:mod:`~scalinglaws.emergence.two_step`, or the naive one) against what the
held-out models actually scored, with each forecast's interval and whether
it covered the truth. Chapter 11 runs it on Pythia and on the book's own
sparse-parity runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from scalinglaws._validation import as_finite, as_level, as_positive, scalar_or_array
from scalinglaws.fitting.bootstrap import DEFAULT_LEVEL


@dataclass(frozen=True)
class LastValueForecast:
    """Predict, at any larger compute, the accuracy of the largest model fitted.

    Attributes
    ----------
    value : float
        The last observed accuracy.
    stderr : float
        Its sampling standard error (0 if unknown); the interval is the normal
        interval of that measurement, the only uncertainty this forecast knows.
    """

    value: float
    stderr: float = 0.0

    def __post_init__(self):
        for name in ("value", "stderr"):
            number = as_finite(getattr(self, name), name)
            if number.ndim != 0:
                raise ValueError(
                    f"{name} must be a single number, got shape {number.shape}."
                )
        if self.stderr < 0:
            raise ValueError(f"stderr must be >= 0, got {self.stderr!r}.")

    def predict(self, compute):
        """``value`` at every ``compute`` (FLOPs, > 0)."""
        c = as_positive(compute, "compute")
        return scalar_or_array(np.full(np.shape(c), float(self.value)))

    def interval(self, compute, level: float = DEFAULT_LEVEL):
        """``value`` plus or minus the normal quantile of ``level`` times ``stderr``."""
        half = norm.ppf(0.5 + as_level(level) / 2) * float(self.stderr)
        centre = np.asarray(self.predict(compute), dtype=float)
        return scalar_or_array(centre - half), scalar_or_array(centre + half)


def backtest(
    forecasts: dict, compute, actual, *, labels=None, level: float = DEFAULT_LEVEL
) -> pd.DataFrame:
    """Score each forecast on the held-out models.

    Parameters
    ----------
    forecasts : dict of str to forecast
        Name -> an object with ``predict(compute)`` and ``interval(compute, level)``
        (:class:`~scalinglaws.emergence.two_step.TwoStepForecast`,
        :class:`~scalinglaws.emergence.two_step.OneStepForecast`,
        :class:`LastValueForecast`).
    compute : array_like, shape [n]
        Training FLOPs of the held-out models (> 0).
    actual : array_like, shape [n]
        What they scored.
    labels : sequence of str, optional
        Model names; default ``"model 0"``, ``"model 1"``, ...
    level : float, default 0.8
        Coverage of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per (model, method): ``model``, ``method``, ``compute``,
        ``predicted``, ``lo``, ``hi``, ``actual``, ``error`` (predicted minus
        actual) and ``covered`` (lo <= actual <= hi).

    Raises
    ------
    ValueError
        If ``forecasts`` is empty, the arrays differ in length, are not 1-D or
        hold NaN, compute is not positive, or ``labels`` has the wrong length.
    """
    if not forecasts:
        raise ValueError("forecasts is empty; pass at least one name -> forecast.")
    c = as_positive(compute, "compute")
    y = as_finite(actual, "actual")
    if c.ndim != 1 or y.ndim != 1 or c.size != y.size:
        raise ValueError(
            f"compute and actual must be 1-D and of one length, got shapes {c.shape} and {y.shape}."
        )
    names = (
        [f"model {i}" for i in range(c.size)]
        if labels is None
        else [str(v) for v in labels]
    )
    if len(names) != c.size:
        raise ValueError(
            f"labels must name each of the {c.size} held-out models, got {len(names)}."
        )
    level = as_level(level)
    rows = []
    for method, forecast in forecasts.items():
        predicted = np.atleast_1d(np.asarray(forecast.predict(c), dtype=float))
        lo, hi = (
            np.atleast_1d(np.asarray(v, dtype=float))
            for v in forecast.interval(c, level)
        )
        for i, name in enumerate(names):
            rows.append(
                {
                    "model": name,
                    "method": method,
                    "compute": c[i],
                    "predicted": predicted[i],
                    "lo": lo[i],
                    "hi": hi[i],
                    "actual": y[i],
                    "error": predicted[i] - y[i],
                    "covered": bool(lo[i] <= y[i] <= hi[i]),
                }
            )
    return pd.DataFrame(rows)
