"""Tables of emergence scores and held-out forecasts that chapter 7 shows.

Each function assembles a :class:`pandas.DataFrame` from the library's
:func:`~scalinglaws.emergence.score.emergence_score` (Schaeffer, Miranda &
Koyejo 2023) and :func:`~scalinglaws.emergence.forecast.forecast_from_weaker`
(Ruan, Maddison & Hashimoto 2024), so that a chapter cell shows the result
rather than the bookkeeping.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scalinglaws.emergence.forecast import forecast_from_weaker
from scalinglaws.emergence.score import emergence_score


def score_table(curves, columns) -> pd.DataFrame:
    """Emergence score and values of several curves measured at the same scales.

    Parameters
    ----------
    curves : dict of str -> array_like, shape [n]
        Each curve's values, ordered by increasing scale.
    columns : sequence of str, length n
        A label for each scale (for example ``"N = 1.2M"``).

    Returns
    -------
    pandas.DataFrame
        One row per curve: its emergence score (Schaeffer et al. 2023),
        then its values.
    """
    rows = {
        name: [emergence_score(values), *np.asarray(values, dtype=float)]
        for name, values in curves.items()
    }
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=["emergence score", *columns]
    )


def scores_by_family(frame, families, metrics, *, scale="flops", family="Model Family"):
    """Emergence score of each model family under several metrics.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per model, with columns ``family``, ``scale`` and each metric.
    families : sequence of str
        The families to tabulate, in order.
    metrics : dict of str -> str
        Label -> column of ``frame`` holding that metric.
    scale : str, default "flops"
        The column that orders a family's models; models without it are dropped.
    family : str, default "Model Family"
        The column naming each model's family.

    Returns
    -------
    pandas.DataFrame
        Indexed by family: ``"models"``, then for each metric label ``m``
        ``"m: emergence score"``, ``"m, first"``, ``"m, last"`` (the
        smallest and largest model by ``scale``) and ``"m, largest"``
        (the highest value).
    """
    rows = {}
    for name in families:
        members = frame[frame[family] == name].dropna(subset=[scale])
        members = members.sort_values(scale)
        row = {"models": len(members)}
        for label, column in metrics.items():
            values = members[column].to_numpy(dtype=float)
            row[f"{label}: emergence score"] = emergence_score(values)
            row[f"{label}, first"] = values[0]
            row[f"{label}, last"] = values[-1]
            row[f"{label}, largest"] = values.max()
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(family.lower())


def holdout_rmse_table(frame, tasks, coordinates, **forecast_options) -> pd.DataFrame:
    """Held-out error of forecasts from the weaker models, per task and coordinate.

    For each task, the models with every coordinate and the task's score are
    kept, and :func:`~scalinglaws.emergence.forecast.forecast_from_weaker`
    forecasts the stronger ones from the weaker ones along each coordinate
    (the comparison of Ruan, Maddison & Hashimoto 2024).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per model.
    tasks : sequence of str
        Columns of ``frame`` holding each task's score.
    coordinates : dict of str -> (str, bool)
        Name -> (column of ``frame``, whether to fit in its logarithm).
    **forecast_options
        Passed to :func:`~scalinglaws.emergence.forecast.forecast_from_weaker`
        (``fraction``, ``floor``, ``ceiling``, ``on_failure``).

    Returns
    -------
    pandas.DataFrame
        Indexed by task: ``"models"``, then ``"held-out RMSE, <name>"`` for
        each coordinate.
    """
    columns = [column for column, _ in coordinates.values()]
    rows = {}
    for task in tasks:
        both = frame.dropna(subset=[*columns, task])
        row = {"models": len(both)}
        for name, (column, log_scale) in coordinates.items():
            holdout = forecast_from_weaker(
                both[column], both[task], log_scale=log_scale, **forecast_options
            )
            row[f"held-out RMSE, {name}"] = holdout.rmse
        rows[task] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("task")
