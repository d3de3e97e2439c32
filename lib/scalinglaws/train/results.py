"""The book's results files: their format, and reading them back.

One CSV row per run. Scalars are plain columns; lists (learning curves,
per-task metrics) and dicts (the full config, its tags) are JSON strings,
which :func:`read_results` decodes. Losses are written with Python's ``repr``,
so they read back bitwise. The runner that writes these files is
:mod:`scalinglaws.train.runner`; this module only knows their shape, and
imports pandas only when a file is read (the trainer itself is numpy only).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

#: The columns of a results file, in order.
COLUMNS = (
    "run_id",
    "family",
    "n_params",
    "n_params_embedding",
    "n_params_non_embedding",
    "tokens",
    "steps",
    "flops_6nd",
    "flops_counted",
    "final_loss",
    "irreducible_loss",
    "eval_floor",
    "seconds",
    "blas_core",
    "curve_tokens",
    "curve_loss",
    "curve_train_loss",
    "per_task_loss",
    "per_task_accuracy",
    "tags",
    "config",
)
_INT_COLUMNS = (
    "n_params",
    "n_params_embedding",
    "n_params_non_embedding",
    "tokens",
    "steps",
)
_FLOAT_COLUMNS = (
    "flops_6nd",
    "flops_counted",
    "final_loss",
    "irreducible_loss",
    "eval_floor",
    "seconds",
)
_JSON_COLUMNS = (
    "curve_tokens",
    "curve_loss",
    "curve_train_loss",
    "per_task_loss",
    "per_task_accuracy",
    "tags",
    "config",
)

#: Where the book's committed sweep results live.
RUNS_DIR = Path(__file__).resolve().parent.parent / "data" / "runs"


def _json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def record_to_row(record):
    """The CSV row (list of strings) of a run record returned by :func:`~scalinglaws.train.run.run`.

    Per-task metrics are stored at the final evaluation only (the record's
    per-task curve stays in memory), rounded to 6 decimals to keep files small.
    """
    row = dict(record)
    row["tags"] = record["config"].get("tags", {})
    curve = record.get("per_task_loss_curve")
    row["per_task_loss"] = (
        [None if math.isnan(v) else round(v, 6) for v in curve[-1]] if curve else None
    )
    acc = record.get("per_task_accuracy")
    row["per_task_accuracy"] = (
        [None if math.isnan(v) else round(v, 6) for v in acc] if acc else None
    )
    out = []
    for column in COLUMNS:
        value = row.get(column)
        if column in _JSON_COLUMNS:
            out.append("" if value is None else _json(value))
        elif isinstance(value, float):
            out.append(repr(value))
        else:
            out.append(str(value))
    return out


def read_results(path):
    """Read a results file into a DataFrame, decoding the JSON columns.

    Returns
    -------
    pandas.DataFrame
        One row per run, with the columns of :data:`COLUMNS`; ``config`` and
        ``tags`` hold dicts, the curve and per-task columns lists (or None).
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no results file at {path}.")
    import pandas as pd  # only the reader needs pandas

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in _INT_COLUMNS:
        df[column] = df[column].astype("int64")
    for column in _FLOAT_COLUMNS:
        df[column] = df[column].astype("float64")
    for column in _JSON_COLUMNS:
        df[column] = [json.loads(v) if v else None for v in df[column]]
    return df


def load_runs(name):
    """A committed sweep of the book (``lib/scalinglaws/data/runs/<name>.csv``), tags as columns.

    Parameters
    ----------
    name : str
        A sweep name (see :data:`scalinglaws.train.recipes.SWEEPS`) or a path to a results file.

    Returns
    -------
    pandas.DataFrame
        :func:`read_results` plus one column per tag key (``budget``, ``sweep``, ...).
    """
    path = Path(name)
    if path.suffix != ".csv":
        path = RUNS_DIR / f"{name}.csv"
        if not path.exists():
            available = sorted(p.stem for p in RUNS_DIR.glob("*.csv"))
            raise ValueError(
                f"no committed sweep named {name!r}; available: {available}."
            )
    df = read_results(path)
    for key in sorted({k for tags in df["tags"] for k in (tags or {})}):
        if key not in df.columns:
            df[key] = [(tags or {}).get(key) for tags in df["tags"]]
    return df


def learning_curves(df):
    """One row per (run, evaluation): the held-out loss along each run.

    Returns
    -------
    pandas.DataFrame
        Columns ``run_id``, ``n_params``, ``n_params_non_embedding``,
        ``tokens`` (seen so far), ``flops_6nd`` (6 N tokens so far),
        ``flops_counted``, ``loss``, ``train_loss``.
    """
    import pandas as pd

    rows = []
    for r in df.itertuples(index=False):
        per_token = r.flops_counted / r.tokens
        for tokens, loss, train_loss in zip(
            r.curve_tokens, r.curve_loss, r.curve_train_loss
        ):
            rows.append(
                {
                    "run_id": r.run_id,
                    "n_params": r.n_params,
                    "n_params_non_embedding": r.n_params_non_embedding,
                    "tokens": tokens,
                    "flops_6nd": 6.0 * r.n_params_non_embedding * tokens,
                    "flops_counted": per_token * tokens,
                    "loss": loss,
                    "train_loss": train_loss,
                }
            )
    return pd.DataFrame(rows)
