"""AdamW and the learning-rate schedules of the book's runs: warm-up then cosine, or warm-up, stable, decay.

Kaplan et al. (2020, section 2) train with Adam, a 3000-step linear warm-up
and a cosine decay to zero; Hoffmann et al. (2022, Fig. A1) show that the
cosine should end where the run ends: overshooting the run's length by more
than 25% degrades the final loss, and their learning rate decays 10x
(section 3.1), which is this module's default floor. So the schedule's
length is set from the run's token budget by default, and can be set
independently for the chapter that trains with a schedule longer than the
run and reads intermediate checkpoints.

The second schedule, warm-up-stable-decay (WSD), holds the peak rate after
the warm-up and decays only over a final cool-down. Hägele et al. (2024,
"Scaling laws and compute-optimal training beyond fixed training
durations", section 3) find that a cool-down of about 20% of the run matches
a cosine matched to the run's length, with a (1 - sqrt) shape doing best;
because every WSD run of one model is the same constant-rate run until its
cool-down starts, one stable run can be branched into cool-downs at many
budgets (:func:`scalinglaws.train.loop.train_branches`).

AdamW is Adam with decoupled weight decay (Loshchilov & Hutter 2019,
"Decoupled weight decay regularization", Algorithm 2), in the form most
libraries use: ``theta <- theta - lr * (m_hat / (sqrt(v_hat) + eps) + wd * theta)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_nonnegative, as_positive


@dataclass(frozen=True)
class WarmupCosineSchedule:
    """Learning rate as a function of the step: linear warm-up, cosine decay, then flat.

    Parameters
    ----------
    peak_lr : float
        The rate at the end of the warm-up, > 0.
    warmup_steps : int
        Steps of linear increase from ``peak_lr / warmup_steps`` to ``peak_lr``; 0 for none.
    total_steps : int
        Step at which the cosine reaches its floor; it may exceed the number of
        steps actually run (a schedule "longer than the run").
    final_lr_fraction : float
        The floor as a fraction of ``peak_lr`` (0 decays to zero as Kaplan et al. do).

    Notes
    -----
    ``lr(s)`` is the rate of update ``s`` (0-based)::

        s < W:        peak * (s + 1) / W
        W <= s < S:   floor + (peak - floor) * (1 + cos(pi * (s - W) / (S - W))) / 2
        s >= S:       floor
    """

    peak_lr: float
    warmup_steps: int
    total_steps: int
    final_lr_fraction: float = 0.1

    def __post_init__(self):
        as_positive(self.peak_lr, "peak_lr")
        if int(self.warmup_steps) != self.warmup_steps or self.warmup_steps < 0:
            raise ValueError(
                f"warmup_steps must be an integer >= 0, got {self.warmup_steps!r}."
            )
        if int(self.total_steps) != self.total_steps or self.total_steps < 1:
            raise ValueError(
                f"total_steps must be an integer >= 1, got {self.total_steps!r}."
            )
        if self.warmup_steps > self.total_steps:
            raise ValueError(
                f"warmup_steps ({self.warmup_steps}) must not exceed total_steps ({self.total_steps})."
            )
        fraction = float(as_nonnegative(self.final_lr_fraction, "final_lr_fraction"))
        if fraction > 1:
            raise ValueError(f"final_lr_fraction must lie in [0, 1], got {fraction!r}.")

    def __call__(self, step: int) -> float:
        if step < 0:
            raise ValueError(f"step must be >= 0, got {step}.")
        peak, W, S = float(self.peak_lr), int(self.warmup_steps), int(self.total_steps)
        if step < W:
            return peak * (step + 1) / W
        floor = peak * float(self.final_lr_fraction)
        if step >= S:
            return floor
        progress = (step - W) / (S - W)
        return floor + (peak - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def _check_steps(value, name, minimum):
    if int(value) != value or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}.")


@dataclass(frozen=True)
class WarmupStableDecaySchedule:
    """Learning rate as a function of the step: linear warm-up, constant, then a (1 - sqrt) cool-down.

    Parameters
    ----------
    peak_lr : float
        The rate of the stable phase, > 0.
    warmup_steps : int
        Steps of linear increase to ``peak_lr``; 0 for none.
    total_steps : int
        Steps of the whole run; the cool-down ends here.
    cooldown_steps : int
        Steps of the final decay, >= 1, at most ``total_steps - warmup_steps``.
    final_lr_fraction : float
        Where the cool-down ends, as a fraction of ``peak_lr``.

    Notes
    -----
    With ``K = total_steps - cooldown_steps`` (the first cool-down step)::

        s < W:        peak * (s + 1) / W
        W <= s < K:   peak
        K <= s:       floor + (peak - floor) * (1 - sqrt((s - K + 1) / cooldown_steps))

    so the last step runs at the floor. The (1 - sqrt) shape is the one
    Hägele et al. (2024, section 3, Fig. 4) found best among the cool-downs
    they tried. The rate of a step before ``K`` does not depend on
    ``total_steps``: runs that differ only in length share their stable phase.
    """

    peak_lr: float
    warmup_steps: int
    total_steps: int
    cooldown_steps: int
    final_lr_fraction: float = 0.0

    def __post_init__(self):
        as_positive(self.peak_lr, "peak_lr")
        _check_steps(self.warmup_steps, "warmup_steps", 0)
        _check_steps(self.total_steps, "total_steps", 1)
        _check_steps(self.cooldown_steps, "cooldown_steps", 1)
        if self.warmup_steps + self.cooldown_steps > self.total_steps:
            raise ValueError(
                f"warmup_steps ({self.warmup_steps}) + cooldown_steps ({self.cooldown_steps}) "
                f"must not exceed total_steps ({self.total_steps})."
            )
        fraction = float(as_nonnegative(self.final_lr_fraction, "final_lr_fraction"))
        if fraction > 1:
            raise ValueError(f"final_lr_fraction must lie in [0, 1], got {fraction!r}.")

    @property
    def cooldown_start(self) -> int:
        """The first step of the cool-down; every earlier step runs as in a constant-rate run."""
        return int(self.total_steps) - int(self.cooldown_steps)

    def __call__(self, step: int) -> float:
        if step < 0:
            raise ValueError(f"step must be >= 0, got {step}.")
        peak, W, K = float(self.peak_lr), int(self.warmup_steps), self.cooldown_start
        if step < W:
            return peak * (step + 1) / W
        if step < K:
            return peak
        floor = peak * float(self.final_lr_fraction)
        progress = min(1.0, (step - K + 1) / int(self.cooldown_steps))
        return floor + (peak - floor) * (1.0 - math.sqrt(progress))


def schedule_for_budget(
    peak_lr,
    tokens,
    tokens_per_step,
    warmup_fraction=0.05,
    schedule_tokens=None,
    final_lr_fraction=0.1,
    cooldown_tokens=None,
):
    """The schedule of a run of ``tokens`` tokens, or of a longer one cut short.

    Parameters
    ----------
    peak_lr : float
    tokens : int
        The run's token budget D (examples, for the MLP).
    tokens_per_step : int
        Tokens per optimiser step (batch size times sequence length).
    warmup_fraction : float
        Warm-up length as a fraction of the schedule, in [0, 1].
    schedule_tokens : int, optional
        Length of the cosine in tokens; default ``tokens`` (the cycle ends
        with the run, Hoffmann et al. 2022 Fig. A1). Longer values give a
        schedule that the run stops partway through.
    final_lr_fraction : float
    cooldown_tokens : int, optional
        Give a warm-up-stable-decay schedule whose cool-down spans this many
        tokens (rounded to whole steps, at least one) instead of a cosine;
        the warm-up is then ``warmup_fraction`` of the run.

    Returns
    -------
    WarmupCosineSchedule or WarmupStableDecaySchedule
    """
    tokens = float(as_positive(tokens, "tokens"))
    tokens_per_step = float(as_positive(tokens_per_step, "tokens_per_step"))
    length = (
        tokens
        if schedule_tokens is None
        else float(as_positive(schedule_tokens, "schedule_tokens"))
    )
    fraction = float(as_nonnegative(warmup_fraction, "warmup_fraction"))
    if fraction > 1:
        raise ValueError(f"warmup_fraction must lie in [0, 1], got {fraction!r}.")
    total_steps = max(1, int(length // tokens_per_step))
    if cooldown_tokens is not None:
        if schedule_tokens is not None:
            raise ValueError(
                "schedule_tokens (a cosine longer than the run) and cooldown_tokens "
                "(a warm-up-stable-decay schedule) exclude each other; give one."
            )
        cooldown = float(as_positive(cooldown_tokens, "cooldown_tokens"))
        return WarmupStableDecaySchedule(
            peak_lr=float(peak_lr),
            warmup_steps=int(round(fraction * total_steps)),
            total_steps=total_steps,
            cooldown_steps=max(1, int(round(cooldown / tokens_per_step))),
            final_lr_fraction=final_lr_fraction,
        )
    return WarmupCosineSchedule(
        peak_lr=float(peak_lr),
        warmup_steps=int(round(fraction * total_steps)),
        total_steps=total_steps,
        final_lr_fraction=final_lr_fraction,
    )


def clip_by_global_norm(grads, max_norm):
    """Scale all gradients in place so their joint L2 norm is at most ``max_norm``.

    Returns
    -------
    float
        The norm before clipping.
    """
    max_norm = float(as_positive(max_norm, "max_norm"))
    norm = math.sqrt(sum(float(np.vdot(g, g)) for g in grads.values()))
    if norm > max_norm:
        scale = max_norm / (norm + 1e-12)
        for g in grads.values():
            g *= scale
    return norm


class AdamW:
    """Adam with decoupled weight decay, updating a model's parameter arrays in place.

    Parameters
    ----------
    params : dict[str, ndarray]
        The model's parameters; updated in place by :meth:`step`.
    betas : tuple of float
        Decay rates of the first and second moment estimates, in [0, 1).
    eps : float
        Added to ``sqrt(v_hat)``, > 0.
    weight_decay : float
        Decoupled decay coefficient ``wd`` >= 0, applied to matrices only
        (arrays with two or more axes): decaying biases and LayerNorm gains
        towards zero has no regularising purpose.

    Notes
    -----
    The moment buffers take the parameters' dtype (float32 in training) and
    every update is done in place, so a step allocates only one scratch array per parameter.
    """

    def __init__(self, params, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0):
        if not isinstance(params, dict) or not params:
            raise ValueError("params must be a non-empty dict of name -> ndarray.")
        beta1, beta2 = (float(b) for b in betas)
        for name, b in (("betas[0]", beta1), ("betas[1]", beta2)):
            if not 0.0 <= b < 1.0:
                raise ValueError(f"{name} must lie in [0, 1), got {b!r}.")
        self.beta1, self.beta2 = beta1, beta2
        self.eps = float(as_positive(eps, "eps"))
        self.weight_decay = float(as_nonnegative(weight_decay, "weight_decay"))
        self.params = params
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self._scratch = {k: np.empty_like(v) for k, v in params.items()}
        self.steps = 0

    def step(self, grads, lr):
        """Apply one update with learning rate ``lr``; ``grads`` has the same keys as ``params``."""
        if grads.keys() != self.params.keys():
            raise ValueError("grads must have exactly the keys of params.")
        self.steps += 1
        t = self.steps
        b1, b2 = self.beta1, self.beta2
        # Bias corrections folded into the step size and into eps (Kingma & Ba 2015, section 2).
        step_size = lr * math.sqrt(1.0 - b2**t) / (1.0 - b1**t)
        eps_hat = self.eps * math.sqrt(1.0 - b2**t)
        for name, p in self.params.items():
            g, m, v, s = grads[name], self.m[name], self.v[name], self._scratch[name]
            m *= b1
            m += (1.0 - b1) * g
            np.multiply(g, g, out=s)
            s *= 1.0 - b2
            v *= b2
            v += s
            if self.weight_decay and p.ndim >= 2:
                p *= 1.0 - lr * self.weight_decay
            np.sqrt(v, out=s)
            s += eps_hat
            np.divide(m, s, out=s)
            s *= step_size
            p -= s
