"""The training loop: AdamW on a model, held-out loss recorded at chosen token counts.

One run gives a learning curve: the held-out loss (nats) after every token
count in ``eval_at``, and at the end. That is what Kaplan et al. (2020,
section 3) plot as L(D) and what the compute-frontier and checkpoint chapters
read. Any model with the trainer's interface (``params``,
``loss_and_grads``, ``loss``) and any source of batches can be trained.

:func:`train` trains one run. :func:`train_branches` trains several
warm-up-stable-decay runs of one model that differ only in length (Hägele
et al. 2024, section 3): their stable phases are one run, trained once; at
each run's cool-down the whole training state (parameters, optimiser
moments, the data stream's random state) is saved, the cool-down is trained,
and the state is restored for the next. Both go through the same loop, so a
branched run gives exactly the numbers of the same run trained alone.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field

import numpy as np

from scalinglaws._validation import as_positive
from scalinglaws.train.optim import (
    AdamW,
    WarmupStableDecaySchedule,
    clip_by_global_norm,
    schedule_for_budget,
)


@dataclass
class TrainResult:
    """What one training run measured.

    Attributes
    ----------
    curve_tokens : list of int
        Tokens (examples, for the MLP) seen at each evaluation.
    curve_steps : list of int
        Optimiser steps taken at each evaluation.
    curve_loss : list of float
        Held-out loss in nats at each evaluation; the last is :attr:`final_loss`.
    curve_train_loss : list of float
        Mean training loss over the steps since the previous evaluation (NaN at step 0).
    curve_extra : list
        Whatever ``on_eval`` returned at each evaluation (per-task metrics, ...).
    steps, tokens : int
        Steps run and tokens seen in total.
    seconds : float
        Wall-clock time of the run, evaluations included.
    """

    curve_tokens: list = field(default_factory=list)
    curve_steps: list = field(default_factory=list)
    curve_loss: list = field(default_factory=list)
    curve_train_loss: list = field(default_factory=list)
    curve_extra: list = field(default_factory=list)
    steps: int = 0
    tokens: int = 0
    seconds: float = 0.0

    @property
    def final_loss(self) -> float:
        return self.curve_loss[-1]


def evaluate(model, inputs, targets, batch_size=1024):
    """Per-example held-out losses in nats, computed in chunks to bound memory.

    Returns
    -------
    ndarray of float64
        ``model.loss(..., reduction="none")`` for all examples, shape [n] or [n, T].
    """
    batch_size = int(as_positive(batch_size, "batch_size"))
    n = len(inputs)
    chunks = [
        np.asarray(
            model.loss(
                inputs[i : i + batch_size],
                targets[i : i + batch_size],
                reduction="none",
            ),
            dtype=np.float64,
        )
        for i in range(0, n, batch_size)
    ]
    return np.concatenate(chunks, axis=0)


def eval_steps(eval_at, tokens_per_step, total_steps):
    """The steps after which to evaluate: the first step at or past each token count, plus the last."""
    steps = set()
    for t in eval_at:
        t = float(t)
        if not math.isfinite(t) or t < 0:
            raise ValueError(f"eval_at must hold token counts >= 0, got {t!r}.")
        steps.add(min(total_steps, math.ceil(t / tokens_per_step)))
    steps.add(total_steps)
    return sorted(steps)


class _Training:
    """One model in training: its optimiser, its data stream and what it has measured so far.

    Every step's training loss and every evaluation are kept by step, so the
    learning curve of any set of checkpoints can be assembled afterwards
    (:meth:`result`), and the state can be saved and restored (:meth:`save`,
    :meth:`restore`) to branch runs off a shared prefix.
    """

    def __init__(self, model, next_batch, evaluation, optimizer_settings, data_rng):
        self.model, self.next_batch, self.data_rng = model, next_batch, data_rng
        self.eval_inputs, self.eval_targets, self.eval_batch_size, self.on_eval = (
            evaluation
        )
        betas, weight_decay, self.grad_clip = optimizer_settings
        self.optimizer = AdamW(model.params, betas=betas, weight_decay=weight_decay)
        self.step = 0
        self.step_losses = []
        self.evaluations = {}  # step -> (mean held-out loss, on_eval's result)
        self.seconds = 0.0

    def evaluate_now(self):
        if self.step in self.evaluations:
            return
        losses = evaluate(
            self.model, self.eval_inputs, self.eval_targets, self.eval_batch_size
        )
        extra = self.on_eval(losses) if self.on_eval is not None else None
        self.evaluations[self.step] = (float(losses.mean()), extra)

    def advance(self, until, schedule, evaluate_at):
        """Train up to step ``until``, evaluating after every step in ``evaluate_at``."""
        start = time.perf_counter()
        if self.step == 0 and 0 in evaluate_at:
            self.evaluate_now()
        while self.step < until:
            inputs, targets = self.next_batch()
            loss, grads = self.model.loss_and_grads(inputs, targets)
            if not math.isfinite(loss):
                raise FloatingPointError(
                    f"training loss became {loss} at step {self.step}; lower the learning rate."
                )
            self.step_losses.append(loss)
            if self.grad_clip is not None:
                clip_by_global_norm(grads, self.grad_clip)
            self.optimizer.step(grads, schedule(self.step))
            self.step += 1
            if self.step in evaluate_at:
                self.evaluate_now()
        self.seconds += time.perf_counter() - start

    def save(self):
        """Everything a restore needs to continue exactly as from here."""
        opt = self.optimizer
        arrays = {
            "params": {k: v.copy() for k, v in opt.params.items()},
            "m": {k: v.copy() for k, v in opt.m.items()},
            "v": {k: v.copy() for k, v in opt.v.items()},
        }
        return {
            "arrays": arrays,
            "optimizer_steps": opt.steps,
            "rng": copy.deepcopy(self.data_rng.bit_generator.state),
            "step": self.step,
            "seconds": self.seconds,
        }

    def restore(self, saved):
        opt = self.optimizer
        for name in ("params", "m", "v"):
            live = getattr(opt, name)
            for k, v in saved["arrays"][name].items():
                np.copyto(live[k], v)  # in place: the model holds these arrays
        opt.steps = saved["optimizer_steps"]
        self.data_rng.bit_generator.state = copy.deepcopy(saved["rng"])
        self.step = saved["step"]
        self.seconds = saved["seconds"]
        del self.step_losses[self.step :]
        self.evaluations = {s: e for s, e in self.evaluations.items() if s <= self.step}

    def result(self, checkpoints, tokens_per_step):
        """The learning curve at ``checkpoints`` (all evaluated) of the run trained so far."""
        result = TrainResult()
        previous = 0
        for step in checkpoints:
            loss, extra = self.evaluations[step]
            since = self.step_losses[previous:step]
            result.curve_tokens.append(step * tokens_per_step)
            result.curve_steps.append(step)
            result.curve_loss.append(loss)
            result.curve_train_loss.append(
                float(np.mean(since)) if since else float("nan")
            )
            result.curve_extra.append(extra)
            previous = step
        result.steps = self.step
        result.tokens = self.step * tokens_per_step
        result.seconds = self.seconds
        return result


def _total_steps(tokens, tokens_per_step):
    tokens = int(as_positive(tokens, "tokens"))
    tokens_per_step = int(as_positive(tokens_per_step, "tokens_per_step"))
    if tokens < tokens_per_step:
        raise ValueError(
            f"tokens ({tokens}) is smaller than one batch ({tokens_per_step} tokens); "
            "raise the budget or shrink the batch."
        )
    return tokens // tokens_per_step


def train(
    model,
    next_batch,
    eval_inputs,
    eval_targets,
    *,
    tokens,
    tokens_per_step,
    peak_lr,
    warmup_fraction=0.05,
    final_lr_fraction=0.1,
    schedule_tokens=None,
    cooldown_tokens=None,
    weight_decay=0.0,
    betas=(0.9, 0.95),
    grad_clip=1.0,
    eval_at=(),
    eval_batch_size=1024,
    on_eval=None,
):
    """Train ``model`` in place with AdamW and a warm-up + cosine (or warm-up-stable-decay) schedule.

    Parameters
    ----------
    model : object with the trainer's model interface
        ``params``, ``loss_and_grads(inputs, targets)``, ``loss(..., reduction="none")``.
    next_batch : callable
        ``next_batch() -> (inputs, targets)``, one training batch of
        ``tokens_per_step`` tokens per call.
    eval_inputs, eval_targets : ndarray
        The held-out set, fixed for the whole run.
    tokens : int
        The token budget D; the run takes ``tokens // tokens_per_step`` steps.
    tokens_per_step : int
        Tokens per batch (batch size times context length; examples for the MLP).
        Any batch size works: the budget is rounded down to whole steps.
    peak_lr, warmup_fraction, final_lr_fraction, schedule_tokens, cooldown_tokens
        The schedule, see :func:`scalinglaws.train.optim.schedule_for_budget`.
    weight_decay, betas
        AdamW's, see :class:`scalinglaws.train.optim.AdamW`.
    grad_clip : float or None
        Clip the global gradient norm to this value; None disables clipping.
    eval_at : sequence of int
        Token counts at which to evaluate (0 evaluates the initial model). The
        end of the run is always evaluated.
    eval_batch_size : int
        Examples per forward pass during evaluation.
    on_eval : callable, optional
        ``on_eval(per_example_losses) -> object``, called at each evaluation;
        its results are kept in :attr:`TrainResult.curve_extra`.

    Returns
    -------
    TrainResult

    Raises
    ------
    ValueError
        If the budget is smaller than one batch, or a setting is out of range.
    """
    total_steps = _total_steps(tokens, tokens_per_step)
    schedule = schedule_for_budget(
        peak_lr,
        total_steps * tokens_per_step,
        tokens_per_step,
        warmup_fraction,
        schedule_tokens,
        final_lr_fraction,
        cooldown_tokens,
    )
    checkpoints = eval_steps(eval_at, tokens_per_step, total_steps)
    training = _Training(
        model,
        next_batch,
        (eval_inputs, eval_targets, eval_batch_size, on_eval),
        (betas, weight_decay, grad_clip),
        data_rng=None,
    )
    training.advance(total_steps, schedule, set(checkpoints))
    return training.result(checkpoints, tokens_per_step)


def train_branches(
    model,
    next_batch,
    eval_inputs,
    eval_targets,
    *,
    data_rng,
    schedules,
    tokens_per_step,
    weight_decay=0.0,
    betas=(0.9, 0.95),
    grad_clip=1.0,
    eval_at=(),
    eval_batch_size=1024,
    on_eval=None,
):
    """Train several warm-up-stable-decay runs of one model, sharing their stable phase.

    The runs differ only in length: each schedule's rate before its
    cool-down is the same warm-up and the same constant. The stable phase is
    trained once, up to the latest cool-down; at each run's cool-down the
    state is saved, the cool-down is trained, and the state is restored, as
    Hägele et al. (2024, section 3) do to get a scaling law's runs at a
    fraction of the cost.

    Parameters
    ----------
    model, next_batch, eval_inputs, eval_targets, tokens_per_step, weight_decay,
    betas, grad_clip, eval_at, eval_batch_size, on_eval
        As in :func:`train`. Every run has the same ``eval_at``.
    data_rng : numpy.random.Generator
        The generator ``next_batch`` draws from; its state is saved with the
        model's, so that every cool-down sees the batches it would have seen
        alone. ``next_batch`` must depend on nothing else that changes.
    schedules : sequence of WarmupStableDecaySchedule
        One per run; equal ``peak_lr`` and ``warmup_steps``.

    Returns
    -------
    list of TrainResult
        In the order of ``schedules``; each equals what :func:`train` gives
        for that run alone (same model initialisation and data stream).
        ``seconds`` counts the stable phase up to the run's cool-down plus
        the cool-down, what the run would have taken alone.

    Raises
    ------
    ValueError
        If a schedule is not warm-up-stable-decay, or the schedules differ
        before their cool-downs.
    """
    schedules = list(schedules)
    if not schedules or not all(
        isinstance(s, WarmupStableDecaySchedule) for s in schedules
    ):
        raise ValueError(
            "schedules must be a non-empty list of WarmupStableDecaySchedule."
        )
    shared = {(float(s.peak_lr), int(s.warmup_steps)) for s in schedules}
    if len(shared) != 1:
        raise ValueError(
            "the schedules must share peak_lr and warmup_steps (one stable phase), "
            f"got {sorted(shared)}."
        )
    if not hasattr(data_rng, "bit_generator"):
        raise ValueError("data_rng must be the numpy Generator next_batch draws from.")
    checkpoints = [
        eval_steps(eval_at, tokens_per_step, s.total_steps) for s in schedules
    ]
    training = _Training(
        model,
        next_batch,
        (eval_inputs, eval_targets, eval_batch_size, on_eval),
        (betas, weight_decay, grad_clip),
        data_rng,
    )
    order = sorted(range(len(schedules)), key=lambda i: schedules[i].cooldown_start)
    results = [None] * len(schedules)
    for rank, i in enumerate(order):
        start = schedules[i].cooldown_start
        # The stable phase is every remaining run's: evaluate where any of them reads.
        stable_reads = {c for j in order[rank:] for c in checkpoints[j] if c <= start}
        training.advance(start, schedules[i], stable_reads)
        saved = training.save()
        training.advance(schedules[i].total_steps, schedules[i], set(checkpoints[i]))
        results[i] = training.result(checkpoints[i], tokens_per_step)
        training.restore(saved)
    return results
