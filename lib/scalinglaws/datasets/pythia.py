"""Pythia's zero-shot evaluations through training (Biderman et al. 2023).

EleutherAI evaluated each of the 8 Pythia models (70M to 12B parameters) with
EleutherAI's lm-evaluation-harness at 27 checkpoints, from step 0 to the final
step 143000, and published one JSON file per model and checkpoint. Each file
holds ``results`` (task -> metric -> value, with ``<metric>_stderr`` beside
each metric), ``versions`` and ``config``. This module turns the 216 files into
one tidy table, one row per (model, step, task, metric).

The 1B model's folder is ``pythia-1b-bf16`` (it was evaluated in bfloat16) and
four of its files are named ``...-5shot_step*.json``; their ``config`` records
``num_fewshot = 0`` and the same 87 tasks as every other file, so they are read
as zero-shot results like the rest. The loader checks ``num_fewshot`` of every
file and raises if any is not 0.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL

#: Tokens per optimiser step: batch 1024 sequences x 2048 tokens (Pythia README,
#: EleutherAI/pythia; 143000 steps x 2,097,152 = 299,892,736,000 tokens).
PYTHIA_TOKENS_PER_STEP = 1024 * 2048

_FILE_PATTERN = re.compile(
    r"evals/pythia-v1/pythia-([0-9.]+)([mb])(?:-bf16)?/zero-shot/[^/]*_step(\d+)\.json"
)
_UNIT = {"m": 1e6, "b": 1e9}


def _describe(path: str) -> tuple[str, float, int]:
    """(model name, nominal parameter count, step) from a registry path of a Pythia file."""
    match = _FILE_PATTERN.fullmatch(path)
    if match is None:
        raise RuntimeError(
            f"unexpected Pythia evaluation path {path!r} in the registry"
        )
    size, unit, step = match.groups()
    return f"pythia-{size}{unit}", float(size) * _UNIT[unit], int(step)


def load_pythia_zero_shot() -> pd.DataFrame:
    """Load every Pythia zero-shot evaluation as one tidy table.

    Returns
    -------
    pandas.DataFrame
        One row per model, checkpoint, task and metric, sorted by ``params``,
        ``step``, ``task``, ``metric``. Columns:

        - ``model`` (str): ``"pythia-70m"`` ... ``"pythia-12b"``;
        - ``params`` (float): the nominal size in the name (70e6 ... 12e9), not
          the exact parameter count;
        - ``step`` (int): the checkpoint, 0 to 143000;
        - ``tokens`` (float): tokens seen, ``step * 2,097,152``;
        - ``task`` (str): the harness task, e.g. ``"lambada_openai"``, ``"piqa"``,
          ``"hendrycksTest-anatomy"``;
        - ``metric`` (str): e.g. ``"acc"``, ``"acc_norm"``, ``"ppl"``;
        - ``value`` (float) and ``stderr`` (float, NaN where the file gives none).

    Raises
    ------
    RuntimeError
        If a file is not a zero-shot evaluation (``config.num_fewshot != 0``).
    """
    columns: dict[str, list] = {
        k: [] for k in ("model", "params", "step", "task", "metric", "value", "stderr")
    }
    for remote in EXTERNAL["pythia_zero_shot"].files:
        model, params, step = _describe(remote.path)
        with open(local_path(remote), encoding="utf-8") as handle:
            evaluation = json.load(handle)
        if evaluation["config"].get("num_fewshot") != 0:
            raise RuntimeError(
                f"{remote.url} records num_fewshot={evaluation['config'].get('num_fewshot')!r}, "
                "but this loader only reads zero-shot evaluations."
            )
        for task, scores in evaluation["results"].items():
            for metric, value in scores.items():
                if metric.endswith("_stderr"):
                    continue
                columns["model"].append(model)
                columns["params"].append(params)
                columns["step"].append(step)
                columns["task"].append(task)
                columns["metric"].append(metric)
                columns["value"].append(float(value))
                columns["stderr"].append(
                    float(scores.get(f"{metric}_stderr", math.nan))
                )
    frame = pd.DataFrame(columns)
    frame.insert(3, "tokens", frame["step"].astype(float) * PYTHIA_TOKENS_PER_STEP)
    frame = frame.sort_values(["params", "step", "task", "metric"], kind="stable")
    return frame.reset_index(drop=True)


def pythia_task_table(tasks) -> pd.DataFrame:
    """One row per Pythia model and checkpoint: compute, LAMBADA loss and each task's accuracy.

    The table chapter 12 forecasts from. Pythia publishes no held-out
    pre-training loss per checkpoint, so the loss is LAMBADA's: the natural log
    of the harness's ``lambada_openai`` perplexity, in nats per token of the
    target word (Biderman et al. 2023 evaluate LAMBADA with the OpenAI
    preprocessing).

    Parameters
    ----------
    tasks : sequence of str
        Harness tasks with an ``acc`` metric, e.g. ``["lambada_openai", "arc_easy"]``.

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``params`` (nominal), ``step``, ``tokens``,
        ``compute`` (6 x params x tokens, FLOPs; 0 at step 0), ``loss`` (nats),
        and for each task ``<task>`` (accuracy) and ``<task>_stderr``; sorted by
        ``params`` then ``step``.

    Raises
    ------
    ValueError
        If ``tasks`` is empty or names a task without an ``acc`` metric.
    """
    tasks = [tasks] if isinstance(tasks, str) else list(tasks)
    if not tasks:
        raise ValueError(
            "tasks is empty; name at least one harness task, e.g. 'arc_easy'."
        )
    frame = load_pythia_zero_shot()
    known = set(frame.loc[frame["metric"] == "acc", "task"])
    missing = [t for t in tasks if t not in known]
    if missing:
        raise ValueError(
            f"no 'acc' metric for task(s) {missing}; tasks with one include 'arc_easy', 'piqa'."
        )
    keys = ["model", "params", "step", "tokens"]
    lambada = frame[(frame["task"] == "lambada_openai") & (frame["metric"] == "ppl")]
    table = lambada[keys].copy()
    table["compute"] = 6.0 * table["params"] * table["tokens"]
    table["loss"] = lambada["value"].map(math.log).to_numpy()
    for task in tasks:
        rows = frame[(frame["task"] == task) & (frame["metric"] == "acc")]
        rows = rows[["model", "step", "value", "stderr"]].rename(
            columns={"value": task, "stderr": f"{task}_stderr"}
        )
        table = table.merge(
            rows, on=["model", "step"], how="inner", validate="one_to_one"
        )
    return table.sort_values(["params", "step"], kind="stable").reset_index(drop=True)
