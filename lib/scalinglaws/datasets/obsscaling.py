"""Observational-scaling evaluation tables (Ruan, Maddison & Hashimoto 2024).

Two CSV files from the authors' repository, returned with their columns as
published:

- ``base_llm_benchmark_eval.csv``: one row per public base model with ``Model``,
  ``Model Family``, ``Model Size (B)`` (billions of parameters),
  ``Pretraining Data Size (T)`` (trillions of tokens), ``FLOPs (1E21)`` and
  accuracies on MMLU, ARC-C, HellaSwag, Winograd, TruthfulQA, GSM8K, XWinograd
  and HumanEval (fractions in [0, 1]).
- ``base_llm_emergent_capability_eval.csv``: one row per model with BIG-bench
  2-shot scores; ``*_acc`` and ``*_exact_match`` are fractions, while
  ``ipa_transliterate_2_bleu`` is BLEU on a 0-100 scale.
"""

from __future__ import annotations

import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL


def _read(name: str) -> pd.DataFrame:
    (remote,) = EXTERNAL[name].files
    return pd.read_csv(local_path(remote))


def load_obsscaling_benchmarks() -> pd.DataFrame:
    """Load the benchmark table: 148 models, their size, tokens, FLOPs and 8 benchmark scores."""
    return _read("obsscaling_benchmarks")


def load_obsscaling_emergent() -> pd.DataFrame:
    """Load the BIG-bench emergent-task table: 84 models, exact-match, accuracy and BLEU scores."""
    return _read("obsscaling_emergent")
