"""The description of one training run: :class:`RunConfig`, validated and hashable.

A :class:`RunConfig` names everything that determines a run: the family
(which data and which model), the model's sizes, the data's parameters, the
token budget, the optimiser's settings, where to evaluate, and the seed. Two
runs with equal configs give bitwise equal results on the same BLAS kernel
(see :mod:`scalinglaws.train.blas`), so a config's hash is the run's identity:
the sweep runner uses it to skip finished runs. Every setting is checked
when the config is made, and a bad one raises ``ValueError`` naming it.

Families
--------
``"parity"``
    :class:`~scalinglaws.synthetic.MultitaskSparseParity` with the
    :class:`~scalinglaws.train.mlp.MLP`; one token is one example. Fresh
    examples every step, or a fixed training set of ``dataset_size`` examples
    reused over epochs (Michaud et al. 2023's data sweep).
``"markov"``
    :class:`~scalinglaws.synthetic.MarkovLanguage` with the
    :class:`~scalinglaws.train.transformer.Transformer`; fresh sequences every step.
``"shakespeare"``
    :class:`~scalinglaws.synthetic.CharText` (Tiny Shakespeare) with the transformer;
    random training windows, held-out loss on the last 10% of the text.
``"digits"``
    scikit-learn's 8x8 handwritten digits (:mod:`scalinglaws.train.digits`)
    with the MLP; a fixed training set of ``dataset_size`` images (default:
    the whole pool) reused over epochs, a fixed held-out test set.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import numbers
from dataclasses import asdict, dataclass, field, fields

FAMILIES = ("parity", "markov", "shakespeare", "digits")

#: Model and data settings of each family, with their defaults. A config is
#: completed with these, so the stored config of a run is the whole recipe.
MODEL_KEYS = {
    "parity": {"width": None},
    "markov": {"d_model": None, "n_layers": None, "n_heads": None, "d_ff": None},
    "shakespeare": {"d_model": None, "n_layers": None, "n_heads": None, "d_ff": None},
    "digits": {"width": None},
}
DATA_KEYS = {
    "parity": {
        "n_tasks": 100,
        "n_bits": 16,
        "k": 3,
        "zipf_exponent": 1.4,
        "label_noise": 0.0,
        "seed": 0,
    },
    "markov": {
        "vocab_size": 64,
        "order": 2,
        "branching": 8,
        "zipf_exponent": 1.0,
        "unigram_exponent": 1.0,
        "seed": 0,
    },
    "shakespeare": {"name": "tinyshakespeare", "validation_fraction": 0.1},
    "digits": {"n_test": 497, "split_seed": 0},
}
_REQUIRED_MODEL_KEYS = {
    "parity": ("width",),
    "markov": ("d_model", "n_layers", "n_heads"),
    "shakespeare": ("d_model", "n_layers", "n_heads"),
    "digits": ("width",),
}


def _complete(section, given, defaults, family, required):
    if not isinstance(given, dict):
        raise ValueError(
            f"{section} must be a dict of settings, got {type(given).__name__}."
        )
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise ValueError(
            f"unknown config key {section}.{unknown[0]!r} for family {family!r}; "
            f"known {section} keys are {sorted(defaults)}."
        )
    missing = [k for k in required if given.get(k) is None]
    if missing:
        raise ValueError(
            f"config key {section}.{missing[0]!r} is required for family {family!r}."
        )
    return {**defaults, **given}


def _count(value, name, minimum=1, optional=False):
    if value is None and optional:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or value < minimum
    ):
        raise ValueError(
            f"config key {name!r} must be an integer >= {minimum}, got {value!r}."
        )
    return int(value)


def _number(value, name, low=0.0, high=math.inf, low_open=False):
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
    ):
        raise ValueError(f"config key {name!r} must be a finite number, got {value!r}.")
    if value < low or value > high or (low_open and value == low):
        bracket = "(" if low_open else "["
        raise ValueError(
            f"config key {name!r} must lie in {bracket}{low}, {high}], got {value!r}."
        )
    return float(value)


@dataclass(frozen=True)
class RunConfig:
    """Everything that determines one training run.

    Parameters
    ----------
    family : {"parity", "markov", "shakespeare"}
    model : dict
        Parity: ``width``. Transformer families: ``d_model``, ``n_layers``,
        ``n_heads`` and optionally ``d_ff`` (default ``4 d_model``).
    data : dict
        The data source's settings (see :data:`DATA_KEYS` for keys and defaults).
    tokens : int
        Token budget D (examples, for parity). Must cover at least one batch.
    batch_size : int
        Examples (parity) or sequences (transformers) per step.
    seq_len : int or None
        Context length T of the transformer families; None for parity.
    lr : float
        Peak learning rate.
    warmup_fraction, final_lr_fraction : float
        Schedule shape (see :func:`scalinglaws.train.optim.schedule_for_budget`).
    schedule_tokens : int or None
        Cosine length in tokens; None ends it with the run.
    cooldown_tokens : int or None
        None (the default) trains with a warm-up and a cosine; a number of
        tokens trains with warm-up-stable-decay instead, whose cool-down spans
        that many tokens at the end of the run (see
        :class:`scalinglaws.train.optim.WarmupStableDecaySchedule`). Left out
        of :meth:`to_dict` when None, so the runs made before it existed keep their ids.
    weight_decay : float
    betas : tuple of two floats
    grad_clip : float or None
    eval_at : tuple of int
        Token counts at which to record the held-out loss (the end is always recorded).
    eval_size : int
        Held-out examples (parity) or sequences (transformers).
    dataset_size : int or None
        Parity only: train on a fixed set of this many examples (reused over
        epochs) instead of fresh ones.
    seed : int
        Seeds the model's initialisation and the order of the data.
    tags : dict
        Free-form labels kept with the run (sweep name, nominal budget, ...).
        They are part of the run's identity.
    """

    family: str
    model: dict
    data: dict = field(default_factory=dict)
    tokens: int = 0
    batch_size: int = 0
    seq_len: int | None = None
    lr: float = 1e-3
    warmup_fraction: float = 0.05
    final_lr_fraction: float = 0.1
    schedule_tokens: int | None = None
    cooldown_tokens: int | None = None
    weight_decay: float = 0.0
    betas: tuple = (0.9, 0.95)
    grad_clip: float | None = 1.0
    eval_at: tuple = ()
    eval_size: int = 4096
    dataset_size: int | None = None
    seed: int = 0
    tags: dict = field(default_factory=dict)

    def __post_init__(self):
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen dataclass)
        if self.family not in FAMILIES:
            raise ValueError(
                f"config key 'family' must be one of {FAMILIES}, got {self.family!r}."
            )
        f = self.family
        set_(
            "model",
            _complete("model", self.model, MODEL_KEYS[f], f, _REQUIRED_MODEL_KEYS[f]),
        )
        for key, value in self.model.items():
            _count(value, f"model.{key}", optional=(key == "d_ff"))
        set_("data", _complete("data", self.data, DATA_KEYS[f], f, ()))
        set_("tokens", _count(self.tokens, "tokens"))
        set_("batch_size", _count(self.batch_size, "batch_size"))
        if f in ("parity", "digits"):
            if self.seq_len is not None:
                raise ValueError(
                    f"config key 'seq_len' must be None for family {f!r} (one example per token)."
                )
        else:
            set_("seq_len", _count(self.seq_len, "seq_len"))
            if self.dataset_size is not None:
                raise ValueError(
                    f"config key 'dataset_size' applies to 'parity' and 'digits' only, not {f!r}."
                )
        if self.tokens < self.tokens_per_step:
            raise ValueError(
                f"config key 'tokens' ({self.tokens}) is smaller than one batch "
                f"({self.tokens_per_step} tokens = batch_size x seq_len); raise it or shrink the batch."
            )
        set_("lr", _number(self.lr, "lr", low_open=True))
        set_(
            "warmup_fraction",
            _number(self.warmup_fraction, "warmup_fraction", high=1.0),
        )
        set_(
            "final_lr_fraction",
            _number(self.final_lr_fraction, "final_lr_fraction", high=1.0),
        )
        set_(
            "schedule_tokens",
            _count(self.schedule_tokens, "schedule_tokens", optional=True),
        )
        set_(
            "cooldown_tokens",
            _count(self.cooldown_tokens, "cooldown_tokens", optional=True),
        )
        if self.cooldown_tokens is not None:
            if self.schedule_tokens is not None:
                raise ValueError(
                    "config keys 'schedule_tokens' (a longer cosine) and 'cooldown_tokens' "
                    "(warm-up-stable-decay) exclude each other; set one of them."
                )
            if self.cooldown_tokens > self.tokens:
                raise ValueError(
                    f"config key 'cooldown_tokens' ({self.cooldown_tokens}) exceeds "
                    f"'tokens' ({self.tokens}); the cool-down is part of the run."
                )
        set_("weight_decay", _number(self.weight_decay, "weight_decay"))
        if len(tuple(self.betas)) != 2:
            raise ValueError(
                f"config key 'betas' must be two numbers, got {self.betas!r}."
            )
        set_("betas", tuple(_number(b, "betas", high=0.999999) for b in self.betas))
        if self.grad_clip is not None:
            set_("grad_clip", _number(self.grad_clip, "grad_clip", low_open=True))
        set_(
            "eval_at",
            tuple(sorted({_count(t, "eval_at", minimum=0) for t in self.eval_at})),
        )
        set_("eval_size", _count(self.eval_size, "eval_size"))
        set_("dataset_size", _count(self.dataset_size, "dataset_size", optional=True))
        set_("seed", _count(self.seed, "seed", minimum=0))
        if not isinstance(self.tags, dict):
            raise ValueError(
                f"config key 'tags' must be a dict, got {type(self.tags).__name__}."
            )
        json.dumps(self.tags)  # tags must be JSON-serialisable to be stored

    @property
    def tokens_per_step(self) -> int:
        return self.batch_size * (self.seq_len or 1)

    def schedule(self):
        """The learning-rate schedule this run trains with, over its whole steps.

        Returns
        -------
        WarmupCosineSchedule or WarmupStableDecaySchedule
            See :func:`scalinglaws.train.optim.schedule_for_budget`.
        """
        from scalinglaws.train.optim import schedule_for_budget

        step = self.tokens_per_step
        return schedule_for_budget(
            self.lr,
            (self.tokens // step) * step,
            step,
            self.warmup_fraction,
            self.schedule_tokens,
            self.final_lr_fraction,
            self.cooldown_tokens,
        )

    @classmethod
    def from_dict(cls, settings):
        """Build a config from a dict, refusing keys it does not know (ValueError naming the key)."""
        if not isinstance(settings, dict):
            raise ValueError(
                f"a run config must be a dict, got {type(settings).__name__}."
            )
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ValueError(
                f"unknown config key {unknown[0]!r}; known keys are {sorted(known)}."
            )
        settings = dict(settings)
        if "betas" in settings:
            settings["betas"] = tuple(settings["betas"])
        if "eval_at" in settings:
            settings["eval_at"] = tuple(settings["eval_at"])
        return cls(**settings)

    def to_dict(self):
        """A JSON-ready dict that :meth:`from_dict` turns back into an equal config."""
        d = asdict(self)
        if (
            d["cooldown_tokens"] is None
        ):  # keeps the ids of the runs made before it existed
            del d["cooldown_tokens"]
        d["betas"] = list(self.betas)
        d["eval_at"] = list(self.eval_at)
        return d

    def to_json(self):
        """Canonical JSON (sorted keys, no spaces): the same config always gives the same string."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @property
    def run_id(self) -> str:
        """First 16 hex digits of the SHA-256 of :meth:`to_json`."""
        return hashlib.sha256(self.to_json().encode()).hexdigest()[:16]

    def replace(self, **changes):
        """A copy with some settings changed (validated again)."""
        d = copy.deepcopy(self.to_dict())
        d.update(changes)
        return RunConfig.from_dict(d)
