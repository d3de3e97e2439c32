"""The training loop: AdamW on a model, held-out loss recorded at chosen token counts.

One run gives a learning curve: the held-out loss (nats) after every token
count in ``eval_at``, and at the end. That is what Kaplan et al. (2020,
section 3) plot as L(D) and what the compute-frontier and checkpoint chapters
read. Any model with the trainer's interface (``params``,
``loss_and_grads``, ``loss``) and any source of batches can be trained.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from scalinglaws._validation import as_positive
from scalinglaws.train.optim import AdamW, clip_by_global_norm, schedule_for_budget


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
    weight_decay=0.0,
    betas=(0.9, 0.95),
    grad_clip=1.0,
    eval_at=(),
    eval_batch_size=1024,
    on_eval=None,
):
    """Train ``model`` in place with AdamW and a warm-up + cosine schedule.

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
    peak_lr, warmup_fraction, final_lr_fraction, schedule_tokens
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
    tokens = int(as_positive(tokens, "tokens"))
    tokens_per_step = int(as_positive(tokens_per_step, "tokens_per_step"))
    if tokens < tokens_per_step:
        raise ValueError(
            f"tokens ({tokens}) is smaller than one batch ({tokens_per_step} tokens); "
            "raise the budget or shrink the batch."
        )
    total_steps = tokens // tokens_per_step
    schedule = schedule_for_budget(
        peak_lr,
        total_steps * tokens_per_step,
        tokens_per_step,
        warmup_fraction,
        schedule_tokens,
        final_lr_fraction,
    )
    optimizer = AdamW(model.params, betas=betas, weight_decay=weight_decay)
    checkpoints = eval_steps(eval_at, tokens_per_step, total_steps)
    checkpoint_set = set(checkpoints)
    result = TrainResult()
    start = time.perf_counter()

    def record(step, train_losses):
        losses = evaluate(model, eval_inputs, eval_targets, eval_batch_size)
        result.curve_tokens.append(step * tokens_per_step)
        result.curve_steps.append(step)
        result.curve_loss.append(float(losses.mean()))
        result.curve_train_loss.append(
            float(np.mean(train_losses)) if train_losses else float("nan")
        )
        result.curve_extra.append(on_eval(losses) if on_eval is not None else None)

    if checkpoints[0] == 0:
        record(0, [])
    train_losses = []
    for step in range(total_steps):
        inputs, targets = next_batch()
        loss, grads = model.loss_and_grads(inputs, targets)
        if not math.isfinite(loss):
            raise FloatingPointError(
                f"training loss became {loss} at step {step}; lower the learning rate."
            )
        train_losses.append(loss)
        if grad_clip is not None:
            clip_by_global_norm(grads, grad_clip)
        optimizer.step(grads, schedule(step))
        if step + 1 in checkpoint_set:
            record(step + 1, train_losses)
            train_losses = []
    result.steps = total_steps
    result.tokens = total_steps * tokens_per_step
    result.seconds = time.perf_counter() - start
    return result
