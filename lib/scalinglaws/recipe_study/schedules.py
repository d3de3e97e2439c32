"""Warm-up-stable-decay against matched cosines (``markov_wsd`` against ``markov_schedule``).

Hägele et al. (2024, section 3): a constant rate with a short cool-down
matches a cosine matched to the run, and runs of one model that differ only
in length share their stable phase. :func:`wsd_points` lines up every
design's loss at each (budget, size) cell, :func:`wsd_study` fits the
allocation to each, and :func:`design_cost` counts what each design trains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scalinglaws.schedule_study import analyse_schedule_study, study_points


def runs_of(runs, *, d_model, arm, n_layers=1):
    """The runs of one model shape and one design arm (``tags["arm"]``) of a sweep."""
    keep = [
        c["model"]["d_model"] == d_model
        and c["model"]["n_layers"] == n_layers
        and (t or {}).get("arm") == arm
        for c, t in zip(runs["config"], runs["tags"])
    ]
    return runs[keep]


def wsd_points(schedule_runs, wsd_runs):
    """Every design's loss at each (budget, size) cell: matched cosines and the warm-up-stable-decay arms.

    Parameters
    ----------
    schedule_runs : pandas.DataFrame
        The committed ``markov_schedule`` sweep (its ``matched`` arm is used).
    wsd_runs : pandas.DataFrame
        The committed ``markov_wsd`` sweep (arms in ``tags["arm"]``).

    Returns
    -------
    pandas.DataFrame
        Columns ``arm`` (``"matched"`` first), ``budget``, ``d_model``,
        ``n_layers``, ``n_params_non_embedding``, ``tokens``, ``loss``,
        ``cooldown_tokens`` (0 for a cosine).
    """
    cosine = study_points(schedule_runs)
    cosine = cosine[cosine["arm"] == "matched"].assign(cooldown_tokens=0)
    wsd = pd.DataFrame(
        {
            "arm": [t["arm"] for t in wsd_runs["tags"]],
            "budget": [float(t["budget"]) for t in wsd_runs["tags"]],
            "d_model": [c["model"]["d_model"] for c in wsd_runs["config"]],
            "n_layers": [c["model"]["n_layers"] for c in wsd_runs["config"]],
            "n_params_non_embedding": wsd_runs["n_params_non_embedding"],
            "tokens": wsd_runs["tokens"],
            "loss": wsd_runs["final_loss"],
            "cooldown_tokens": [c["cooldown_tokens"] for c in wsd_runs["config"]],
        }
    )
    columns = list(wsd.columns)
    out = pd.concat([cosine[columns].astype({"arm": str}), wsd], ignore_index=True)
    return out.sort_values(
        ["arm", "budget", "n_params_non_embedding"], key=_matched_first
    )


def _matched_first(column):
    return column.map(lambda a: (a != "matched", a)) if column.name == "arm" else column


def design_cost(points):
    """Tokens and FLOPs each design trains to produce the grid, and the runs it needs.

    A cosine design trains every (budget, size) cell from scratch. A
    warm-up-stable-decay design trains each size's stable phase once, up
    to its latest cool-down, then every cool-down.

    Parameters
    ----------
    points : pandas.DataFrame
        :func:`wsd_points`.

    Returns
    -------
    pandas.DataFrame
        Index arm; columns ``runs_from_scratch``, ``tokens``, ``flops_6nd``
        and ``flops_vs_matched`` (the FLOPs as a fraction of the matched cosines').
    """
    rows = {}
    for arm, group in points.groupby("arm", sort=False):
        sizes = group.groupby("n_params_non_embedding")
        if (group["cooldown_tokens"] == 0).all():
            tokens = group["tokens"]
            flops = 6.0 * group["n_params_non_embedding"] * tokens
            runs = len(group)
        else:
            stable = sizes.apply(
                lambda g: (g["tokens"] - g["cooldown_tokens"]).max(),
                include_groups=False,
            )
            cooldowns = sizes["cooldown_tokens"].sum()
            tokens = stable + cooldowns
            flops = 6.0 * tokens.index.to_numpy(float) * tokens
            runs = sizes.ngroups
        rows[arm] = {
            "runs_from_scratch": runs,
            "tokens": float(np.sum(tokens)),
            "flops_6nd": float(np.sum(flops)),
        }
    table = pd.DataFrame(rows).T
    table["flops_vs_matched"] = table["flops_6nd"] / table.loc["matched", "flops_6nd"]
    return table.astype({"runs_from_scratch": int})


def wsd_study(points, *, n_subsamples=200, seed=0):
    """The allocation exponent of each design, with paired subsample intervals against the matched cosines.

    Returns
    -------
    ScheduleStudy
        See :func:`scalinglaws.schedule_study.analyse_schedule_study`; rows
        ``a_wsd - a_matched`` and ``a_wsd_floor - a_matched`` are the shifts.
    """
    return analyse_schedule_study(
        points, reference="matched", n_subsamples=n_subsamples, seed=seed
    )


def wsd_against_cosine(cosine_runs, wsd_runs):
    """Each cosine run beside its warm-up-stable-decay twin, matched by (budget, size).

    Parameters
    ----------
    cosine_runs, wsd_runs : pandas.DataFrame
        Runs of an isoFLOP grid (with ``budget``) and their twins (e.g.
        ``shakespeare_isoflop`` and ``shakespeare_wsd``).

    Returns
    -------
    pandas.DataFrame
        Index (budget, N); columns ``cosine``, ``wsd`` (final losses) and
        ``wsd - cosine``.

    Raises
    ------
    ValueError
        If a twin has no cosine run in the same cell.
    """
    key = ["budget", "n_params_non_embedding"]
    cosine = cosine_runs.set_index(key)["final_loss"].rename("cosine")
    wsd = wsd_runs.set_index(key)["final_loss"].rename("wsd")
    missing = wsd.index.difference(cosine.index)
    if len(missing):
        raise ValueError(
            f"no cosine run in the cells {list(missing)[:3]} of the twins."
        )
    table = pd.concat([cosine.loc[wsd.index], wsd], axis=1)
    table["wsd - cosine"] = table["wsd"] - table["cosine"]
    return table


def wsd_cells(points):
    """The loss of every design at each (budget, size) cell: index (budget, N), one column per arm."""
    return points.pivot_table(
        index=["budget", "n_params_non_embedding"], columns="arm", values="loss"
    )


def wsd_summary(points, study):
    """Per design: runs from scratch, FLOPs against the matched cosines, and the exponent a with its interval.

    Parameters
    ----------
    points : pandas.DataFrame
        :func:`wsd_points`.
    study : ScheduleStudy
        :func:`wsd_study` of the same points.

    Returns
    -------
    pandas.DataFrame
        Index arm; columns ``runs_from_scratch``, ``flops_vs_matched``,
        ``a``, ``a_lo``, ``a_hi`` (paired subsample interval).
    """
    cost = design_cost(points)[["runs_from_scratch", "flops_vs_matched"]]
    table = study.table()
    exponents = table.loc[[f"a_{arm}" for arm in cost.index]].set_axis(cost.index)
    return cost.join(
        exponents.rename(columns={"estimate": "a", "lo": "a_lo", "hi": "a_hi"})
    )
