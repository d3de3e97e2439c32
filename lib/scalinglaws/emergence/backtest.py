"""Score forecasts on held-out models: the back-test table, and the naive forecast to beat.

A forecast of a larger model is only worth its fitting if it beats the
forecast that needs no fit at all: "the next model scores what the largest
model we have scores". :class:`LastValueForecast` is that baseline, and
:func:`backtest` lines up any forecasts (the two-step and one-step ones of
:mod:`~scalinglaws.emergence.two_step`, or the naive one) against what the
held-out models actually scored, with each forecast's interval and whether
it covered the truth. Chapter 12 runs it on Pythia and on the book's own
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


def scorecard(table: pd.DataFrame) -> pd.DataFrame:
    """Summarise a back-test per method: accuracy, bias and coverage of its forecasts.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`backtest` (several may be concatenated): needs the columns
        ``method``, ``error`` (predicted minus actual) and ``covered``.

    Returns
    -------
    pandas.DataFrame
        One row per method, in order of first appearance: ``mean_abs_error``,
        ``mean_error`` (the bias; negative: forecasts too low), ``coverage``
        (share of actual scores inside the interval) and ``forecasts`` (count).
    """
    return table.groupby("method", sort=False).agg(
        mean_abs_error=("error", lambda e: np.mean(np.abs(e))),
        mean_error=("error", "mean"),
        coverage=("covered", "mean"),
        forecasts=("error", "size"),
    )


def off_curve(forecasts: dict, loss, scores: pd.DataFrame) -> pd.DataFrame:
    """How far measured scores lie from each forecast's loss-to-accuracy curve (step 2).

    A two-step forecast (:func:`~scalinglaws.emergence.two_step.fit_two_step`)
    assumes that accuracy is one function of loss whatever the model's size.
    This table tests that on models the fit did not see: the offset of their
    measured accuracy from the curve at their measured loss.

    Parameters
    ----------
    forecasts : dict of str to TwoStepForecast
        Task name -> forecast; each task must be a column of ``scores``.
    loss : array_like, shape [n]
        Measured loss of the held-out checkpoints.
    scores : pandas.DataFrame
        Their measured accuracy, one column per task, n rows.

    Returns
    -------
    pandas.DataFrame
        One row per task: ``fitted models: RMS`` (RMS of step 2's residuals on
        its own points), ``held-out models: mean`` (mean of measured minus
        curve; positive: the held-out models score above the curve) and
        ``held-out models: RMS``.
    """
    loss = np.asarray(loss, dtype=float)
    rows = {}
    for task, f in forecasts.items():
        gap = np.asarray(scores[task], dtype=float) - f.accuracy_at_loss(loss)
        rows[task] = {
            "fitted models: RMS": np.sqrt(np.mean(f.residuals**2)),
            "held-out models: mean": np.mean(gap),
            "held-out models: RMS": np.sqrt(np.mean(gap**2)),
        }
    return pd.DataFrame(rows).T
