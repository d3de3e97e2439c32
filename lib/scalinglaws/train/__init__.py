"""The book's numpy trainer: models, optimiser, training loop and sweep runner.

Models share one interface (``params``, ``loss_and_grads``, ``loss``,
``predict_logits``, ``n_params``, ``n_params_embedding``,
``n_params_non_embedding``, ``train_flops_per_token``):

- :class:`MLP`: one hidden ReLU layer, for multitask sparse parity and for
  scikit-learn's 8x8 digits (:mod:`scalinglaws.train.digits`, chapter 11);
- :class:`Transformer` (in :mod:`scalinglaws.train.transformer`): a small
  decoder-only transformer for the Markov language and Tiny Shakespeare.

Training: :class:`AdamW`, :class:`WarmupCosineSchedule` and :func:`train`,
which records the held-out loss at chosen token counts;
:class:`WarmupStableDecaySchedule` and :func:`train_branches` train runs of
one model that differ only in length from one shared stable phase. Sweeps:
:class:`RunConfig` describes one run, :func:`run` trains it (and
:func:`run_branches` the branches of one stable run),
:func:`run_sweep` trains many through any ``concurrent.futures`` executor
into a resumable CSV file (:mod:`~scalinglaws.train.runner`), and
:func:`load_runs` reads the book's committed sweeps back
(:mod:`~scalinglaws.train.results`). Every recipe the book trains, and the
registry of sweeps that ``make sweeps`` regenerates, is in
:mod:`scalinglaws.train.recipes`.

The trainer is numpy only: importing this package imports neither pandas
nor matplotlib (the results reader imports pandas when it reads a file).

Examples
--------
>>> from scalinglaws.train import load_runs
>>> runs = load_runs("markov_isoflop")   # doctest: +SKIP
>>> runs.groupby("budget")["final_loss"].min()   # doctest: +SKIP
"""

from scalinglaws.train.config import RunConfig
from scalinglaws.train.loop import TrainResult, evaluate, train, train_branches
from scalinglaws.train.mlp import MLP
from scalinglaws.train.optim import (
    AdamW,
    WarmupCosineSchedule,
    WarmupStableDecaySchedule,
    clip_by_global_norm,
    schedule_for_budget,
)
from scalinglaws.train.results import learning_curves, load_runs, read_results
from scalinglaws.train.run import describe_model, run, run_branches
from scalinglaws.train.runner import run_sweep
from scalinglaws.train.transformer import Transformer

__all__ = [
    "MLP",
    "AdamW",
    "RunConfig",
    "TrainResult",
    "Transformer",
    "WarmupCosineSchedule",
    "WarmupStableDecaySchedule",
    "clip_by_global_norm",
    "describe_model",
    "evaluate",
    "learning_curves",
    "load_runs",
    "read_results",
    "run",
    "run_branches",
    "run_sweep",
    "schedule_for_budget",
    "train",
    "train_branches",
]
