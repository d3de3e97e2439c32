"""The learning-curve extrapolation benchmark of Alabdulmohsin, Neyshabur & Zhai (2022).

"Revisiting Neural Scaling Laws in Language and Vision" (NeurIPS 2022) released
its learning curves as two CSV files, returned here with their columns as
published. One row is one point of one curve:

- ``Domain``: ``IC`` (few-shot image classification), ``NMT`` (neural machine
  translation), ``LM`` (language modelling) or ``BB`` (BIG-bench);
- ``Task`` and ``Model``: together they name the curve (for example task
  ``bird_5``, model ``MiX/B/16``);
- ``Seen Examples``: the training examples seen so far, the curve's x;
- ``Loss``: the quantity that scales with x (an error rate for the image and
  BIG-bench tasks, a log-perplexity for NMT and LM);
- ``Training``: 1 for the points an estimator may fit, 0 for the later points
  it must predict.

The vision file holds 72 curves (18,883 points), the language file 20 curves
(1,399 points).
"""

from __future__ import annotations

import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL


def _read(name: str) -> pd.DataFrame:
    (remote,) = EXTERNAL[name].files
    table = pd.read_csv(local_path(remote))
    # Plain object columns whatever pandas' string default is, like the other loaders.
    for column in ("Domain", "Task", "Model"):
        table[column] = table[column].astype(object)
    return table


def load_revisiting_vision() -> pd.DataFrame:
    """Load the 72 few-shot image-classification curves (ViT, BiT and MLP-Mixer models)."""
    return _read("revisiting_vision")


def load_revisiting_lang() -> pd.DataFrame:
    """Load the 20 language curves: machine translation, language modelling and BIG-bench."""
    return _read("revisiting_lang")
