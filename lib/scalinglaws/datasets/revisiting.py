"""Alabdulmohsin, Neyshabur & Zhai (2022)'s learning-curve extrapolation benchmark.

"Revisiting Neural Scaling Laws in Language and Vision" (NeurIPS 2022,
arXiv:2209.06640) released 92 learning curves, each split by the authors
into rows to fit (the earlier part of the curve) and rows to predict (the
later part), so that a scaling-law estimator is judged by how well it
extrapolates. Two files, Apache-2.0:

- ``benchmark.vision.csv``: 72 image-classification curves (domain ``IC``):
  6 models (ViT/S/16, ViT/B/16, BiT/50/1, BiT/101/3, MiX/B/16, MiX/L/16) x
  4 downstream data sets (Birds, CIFAR-100, Caltech-101, ImageNet) x 3
  shot counts (5, 10, 25). The metric is the n-shot error rate of a linear
  probe on the pre-trained representation, against examples seen in
  pre-training.
- ``benchmark.lang.csv``: 20 language curves: 5 neural machine translation
  models (domain ``NMT``, log-perplexity), 5 decoder-only language models
  (``LM``, validation log-loss) and 10 BIG-bench curves (``BB``, 5 tasks at
  1 and 2 shots, the tasks' preferred metrics, rescaled as errors).

Chapter 11 uses both.
"""

from __future__ import annotations

import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL

#: The columns of the loaded frames, in order, with what each holds.
COLUMNS = {
    "curve": "one learning curve's key, 'domain | task | model'",
    "domain": "IC (image classification), NMT, LM or BB (BIG-bench)",
    "task": "downstream task, e.g. 'inet_10' (ImageNet 10-shot) or \"('date', '1-shot')\"",
    "model": "architecture, e.g. 'ViT/B/16', or a model size for LM",
    "examples": "examples (or tokens) seen in training: batch size x steps (float)",
    "loss": "the metric at that point, lower is better (error rate or log-loss; float)",
    "fit": "True for rows the authors mark for fitting, False for rows to predict",
}

_RENAME = {
    "Domain": "domain",
    "Task": "task",
    "Model": "model",
    "Seen Examples": "examples",
    "Loss": "loss",
    "Training": "fit",
}


def _load(name: str) -> pd.DataFrame:
    (remote,) = EXTERNAL[name].files
    raw = pd.read_csv(local_path(remote))
    if list(raw.columns) != list(_RENAME):
        raise RuntimeError(
            f"{remote.path} has columns {list(raw.columns)}, expected {list(_RENAME)}"
        )
    df = raw.rename(columns=_RENAME)
    for column in ("domain", "task", "model"):
        df[column] = df[column].astype(str)
    df["examples"] = df["examples"].astype(float)
    df["loss"] = df["loss"].astype(float)
    df["fit"] = df["fit"].astype(int).astype(bool)
    df.insert(0, "curve", df["domain"] + " | " + df["task"] + " | " + df["model"])
    return df[list(COLUMNS)].reset_index(drop=True)


def load_revisiting_vision() -> pd.DataFrame:
    """The 72 image-classification curves of the benchmark (18,883 rows).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`COLUMNS`, in file order.
    """
    return _load("revisiting_vision")


def load_revisiting_lang() -> pd.DataFrame:
    """The 20 language curves of the benchmark (1,399 rows): NMT, LM and BIG-bench.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`COLUMNS`, in file order.
    """
    return _load("revisiting_lang")
