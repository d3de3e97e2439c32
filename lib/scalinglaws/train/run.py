"""Training the run a :class:`~scalinglaws.train.config.RunConfig` describes.

:func:`run` builds the config's data source and model, derives independent
seeds for the initialisation, the training stream and the held-out set,
trains with :func:`~scalinglaws.train.loop.train`, and returns a flat record
(parameter counts, FLOPs, learning curve, exact loss floor) that the sweep
runner writes as one CSV row. :func:`run_branches` trains several
warm-up-stable-decay runs that differ only in length from one shared stable
phase (:func:`~scalinglaws.train.loop.train_branches`), with the records
each would have given alone.
"""

from __future__ import annotations

import json

import numpy as np

from scalinglaws.synthetic import (
    CharText,
    MarkovLanguage,
    MultitaskSparseParity,
    per_task_accuracy,
    per_task_mean,
)
from scalinglaws.train.blas import core_name
from scalinglaws.train.config import RunConfig
from scalinglaws.train.loop import train, train_branches
from scalinglaws.train.mlp import MLP
from scalinglaws.train.transformer import Transformer

# ----------------------------------------------------------------- building a run


def make_source(config):
    """The data source of a config's family (a deterministic function of ``config.data``)."""
    d = config.data
    if config.family == "parity":
        return MultitaskSparseParity(
            d["n_tasks"],
            d["n_bits"],
            d["k"],
            d["zipf_exponent"],
            d["label_noise"],
            d["seed"],
        )
    if config.family == "markov":
        return MarkovLanguage(
            d["vocab_size"],
            d["order"],
            d["branching"],
            d["zipf_exponent"],
            d["unigram_exponent"],
            d["seed"],
        )
    if config.family == "digits":
        return _digits(d["n_test"], d["split_seed"])
    return _char_text(d["name"], d["validation_fraction"])


_DIGITS_CACHE: dict = {}


def _digits(n_test, split_seed):
    key = (n_test, split_seed)
    if key not in _DIGITS_CACHE:
        from scalinglaws.train.digits import DigitsSplit

        _DIGITS_CACHE[key] = DigitsSplit(n_test, split_seed)
    return _DIGITS_CACHE[key]


_TEXT_CACHE: dict = {}


def _char_text(name, validation_fraction):
    # Encoding a megabyte of text takes a tenth of a second; a process running
    # many Shakespeare runs does it once.
    key = (name, validation_fraction)
    if key not in _TEXT_CACHE:
        _TEXT_CACHE[key] = CharText.from_dataset(name, validation_fraction)
    return _TEXT_CACHE[key]


def make_model(config, source, seed):
    """The model of a config, initialised from ``seed``."""
    m = config.model
    if config.family in ("parity", "digits"):
        return MLP(
            source.input_dim,
            m["width"],
            n_classes=2 if config.family == "parity" else 10,
            seed=seed,
        )
    return Transformer(
        source.vocab_size,
        config.seq_len,
        m["d_model"],
        m["n_layers"],
        m["n_heads"],
        d_ff=m["d_ff"],
        seed=seed,
    )


def describe_model(config):
    """Parameter counts and FLOPs per token of a config's model, without training it.

    Returns
    -------
    dict
        ``n_params``, ``n_params_embedding``, ``n_params_non_embedding``,
        ``train_flops_per_token`` (exact matmul count).
    """
    model = make_model(config, make_source(config), seed=0)
    return {
        "n_params": int(model.n_params),
        "n_params_embedding": int(model.n_params_embedding),
        "n_params_non_embedding": int(model.n_params_non_embedding),
        "train_flops_per_token": float(model.train_flops_per_token()),
    }


def _seeds(seed):
    """Independent seeds for the model's initialisation, the training data and the held-out data."""
    children = np.random.SeedSequence([seed, 20240501]).spawn(3)
    return [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]


def _parity_data(config, source, data_seed, eval_seed):
    data_rng = np.random.default_rng(data_seed)
    eval_x, eval_y, eval_tasks = source.sample(
        config.eval_size, np.random.default_rng(eval_seed)
    )
    bs = config.batch_size
    if config.dataset_size is None:

        def next_batch():
            x, y, _ = source.sample(bs, data_rng)
            return x, y
    else:
        train_x, train_y, _ = source.sample(config.dataset_size, data_rng)
        order = np.empty(0, dtype=np.int64)

        def next_batch():
            nonlocal order
            # Epochs of a random permutation; a batch may straddle two epochs.
            while order.size < bs:
                order = np.concatenate(
                    [order, data_rng.permutation(config.dataset_size)]
                )
            idx, order = order[:bs], order[bs:]
            return train_x[idx], train_y[idx]

    def per_task(losses):
        # With two classes the prediction is right exactly when the label's
        # probability exceeds 1/2, i.e. when its loss is below ln 2.
        correct = (losses < np.log(2.0)).astype(float)
        return per_task_mean(losses, eval_tasks, source.n_tasks), per_task_mean(
            correct, eval_tasks, source.n_tasks
        )

    return next_batch, eval_x, eval_y, per_task, eval_tasks


def _language_data(config, source, data_seed, eval_seed):
    data_rng = np.random.default_rng(data_seed)
    n, T = config.batch_size, config.seq_len
    if config.family == "markov":
        eval_x, eval_y = source.sample_batch(
            config.eval_size, T, np.random.default_rng(eval_seed)
        )

        def next_batch():
            return source.sample_batch(n, T, data_rng)
    else:
        eval_x, eval_y = source.evaluation_windows(T, max_windows=config.eval_size)

        def next_batch():
            return source.sample_batch(n, T, data_rng)

    return next_batch, eval_x, eval_y, data_rng


def run(config, *, return_model=False):
    """Train the run described by ``config`` and return its record.

    Parameters
    ----------
    config : RunConfig or dict
    return_model : bool
        Also return the trained model (for notebooks that inspect it).

    Returns
    -------
    record : dict
        ``run_id``, ``family``, ``config`` (dict), parameter counts
        (``n_params``, ``n_params_embedding``, ``n_params_non_embedding``),
        ``tokens`` and ``steps`` actually run, ``flops_6nd`` (6 N D with N
        non-embedding, Kaplan et al. 2020 section 2.1), ``flops_counted``
        (the model's exact matmul FLOPs per token times D), ``final_loss``
        (held-out, nats), ``irreducible_loss`` (exact expected floor of the
        held-out loss, NaN for text), ``eval_floor`` (the true model's loss on
        this run's held-out set: the floor including its sampling noise, NaN
        for text), ``curve_tokens``, ``curve_loss``,
        ``curve_train_loss``, ``seconds``, ``blas_core`` (the OpenBLAS
        kernel that ran it, see :mod:`scalinglaws.train.blas`); for parity also
        ``per_task_loss_curve`` and ``per_task_accuracy_curve`` (per-task
        held-out loss and accuracy at each evaluation: the emergence of each
        skill) and ``per_task_accuracy`` (at the end, from the logits).
    model : the trained model, when ``return_model`` is True.
    """
    if not isinstance(config, RunConfig):
        config = RunConfig.from_dict(config)
    model_seed, data_seed, eval_seed = _seeds(config.seed)
    source = make_source(config)
    model = make_model(config, source, model_seed)
    next_batch, eval_x, eval_y, on_eval, eval_tasks, floor, eval_floor = _run_data(
        config, source, model, data_seed, eval_seed
    )
    result = train(
        model,
        next_batch,
        eval_x,
        eval_y,
        tokens=config.tokens,
        tokens_per_step=config.tokens_per_step,
        peak_lr=config.lr,
        warmup_fraction=config.warmup_fraction,
        final_lr_fraction=config.final_lr_fraction,
        schedule_tokens=config.schedule_tokens,
        cooldown_tokens=config.cooldown_tokens,
        on_eval=on_eval,
        eval_batch_size=_eval_batch_size(config),
        **_optimizer_settings(config),
    )
    record = _record(config, model, result, floor, eval_floor)
    _add_per_task_records(
        record, config, source, result, model, eval_x, eval_y, eval_tasks
    )
    return (record, model) if return_model else record


def _eval_batch_size(config):
    return 4096 if config.seq_len is None else max(1, 16384 // config.seq_len)


def _optimizer_settings(config):
    return {
        "weight_decay": config.weight_decay,
        "betas": config.betas,
        "grad_clip": config.grad_clip,
        "eval_at": config.eval_at,
    }


def _record(config, model, result, floor, eval_floor):
    """The flat record of one finished run (see :func:`run`)."""
    return {
        "run_id": config.run_id,
        "family": config.family,
        "config": config.to_dict(),
        "n_params": int(model.n_params),
        "n_params_embedding": int(model.n_params_embedding),
        "n_params_non_embedding": int(model.n_params_non_embedding),
        "tokens": int(result.tokens),
        "steps": int(result.steps),
        "flops_6nd": 6.0 * model.n_params_non_embedding * result.tokens,
        "flops_counted": float(model.train_flops_per_token()) * result.tokens,
        "final_loss": result.final_loss,
        "irreducible_loss": float(floor),
        "eval_floor": eval_floor,
        "curve_tokens": [int(t) for t in result.curve_tokens],
        "curve_loss": [float(x) for x in result.curve_loss],
        "curve_train_loss": [float(x) for x in result.curve_train_loss],
        "seconds": float(result.seconds),
        "blas_core": core_name(),
    }


#: Settings that may differ between the branches of one stable run.
_BRANCH_SETTINGS = ("tokens", "cooldown_tokens", "warmup_fraction", "tags")


def branch_key(config):
    """What a warm-up-stable-decay run shares with the runs it can branch from; None for other runs.

    Two runs with the same key have the same model, data, seed, peak rate,
    warm-up steps and evaluation points, and differ only in length: they are
    one stable run with different cool-downs (:func:`run_branches`).
    """
    if not isinstance(config, RunConfig):
        config = RunConfig.from_dict(config)
    if config.cooldown_tokens is None or config.family not in ("markov", "shakespeare"):
        return None
    shared = {k: v for k, v in config.to_dict().items() if k not in _BRANCH_SETTINGS}
    shared["warmup_steps"] = config.schedule().warmup_steps
    return json.dumps(shared, sort_keys=True)


def run_branches(configs):
    """Train warm-up-stable-decay runs of one model that differ only in length, sharing their stable phase.

    Parameters
    ----------
    configs : sequence of RunConfig or dict
        Runs with one :func:`branch_key` (transformer families only: their
        data stream is a function of one random generator, which is saved
        with the model at each branch).

    Returns
    -------
    list of dict
        The records :func:`run` would give for each config alone, in order.

    Raises
    ------
    ValueError
        If a config is not a warm-up-stable-decay run of a transformer family,
        or the configs do not share one stable phase.
    """
    configs = [
        c if isinstance(c, RunConfig) else RunConfig.from_dict(c) for c in configs
    ]
    keys = {branch_key(c) for c in configs}
    if not configs or None in keys:
        raise ValueError(
            "run_branches needs warm-up-stable-decay configs (cooldown_tokens set) "
            "of the 'markov' or 'shakespeare' family."
        )
    if len(keys) != 1:
        raise ValueError(
            "the configs do not share one stable phase: they must differ only in "
            f"{', '.join(_BRANCH_SETTINGS)}, with equal warm-up steps."
        )
    config = configs[0]
    model_seed, data_seed, eval_seed = _seeds(config.seed)
    source = make_source(config)
    model = make_model(config, source, model_seed)
    next_batch, eval_x, eval_y, data_rng = _language_data(
        config, source, data_seed, eval_seed
    )
    floor, eval_floor = _language_floors(config, source, eval_x, eval_y)
    results = train_branches(
        model,
        next_batch,
        eval_x,
        eval_y,
        data_rng=data_rng,
        schedules=[c.schedule() for c in configs],
        tokens_per_step=config.tokens_per_step,
        eval_batch_size=_eval_batch_size(config),
        **_optimizer_settings(config),
    )
    return [_record(c, model, r, floor, eval_floor) for c, r in zip(configs, results)]


def run_job(configs):
    """Records of a job of the sweep runner: one run, or the branches of one stable run.

    Parameters
    ----------
    configs : list of dict or RunConfig
        One config, or several with one :func:`branch_key`.

    Returns
    -------
    list of dict
    """
    if len(configs) == 1:
        return [run(configs[0])]
    return run_branches(configs)


def _run_data(config, source, model, data_seed, eval_seed):
    """The batches, held-out set, per-evaluation hook and floors of one run's family.

    Returns ``(next_batch, eval_x, eval_y, on_eval, eval_tasks, floor, eval_floor)``;
    ``eval_tasks`` is None and the floors NaN where the family has no known truth.
    """
    eval_tasks = None
    on_eval = None
    if config.family == "parity":
        next_batch, eval_x, eval_y, on_eval, eval_tasks = _parity_data(
            config, source, data_seed, eval_seed
        )
        floor = source.irreducible_loss
        eval_floor = float(source.bayes_losses(eval_x, eval_y).mean()) + 0.0  # no -0.0
    elif config.family == "digits":
        from scalinglaws.train.digits import digits_data

        next_batch, eval_x, eval_y, on_eval = digits_data(
            config, source, model, data_seed
        )
        floor = eval_floor = float("nan")
    else:
        next_batch, eval_x, eval_y, _ = _language_data(
            config, source, data_seed, eval_seed
        )
        floor, eval_floor = _language_floors(config, source, eval_x, eval_y)
    return next_batch, eval_x, eval_y, on_eval, eval_tasks, floor, eval_floor


def _language_floors(config, source, eval_x, eval_y):
    """The exact floor and the held-out set's floor of a Markov run; NaN for text (no known truth)."""
    if config.family != "markov":
        return float("nan"), float("nan")
    floor = source.irreducible_loss(config.seq_len)
    return floor, float(source.true_losses(eval_x, eval_y).mean())


def _add_per_task_records(
    record, config, source, result, model, eval_x, eval_y, eval_tasks
):
    """Per-class (digits) or per-task (parity) held-out loss and accuracy curves."""
    if config.family not in ("digits", "parity"):
        return
    record["per_task_loss_curve"] = [
        [float(v) for v in loss] for loss, _ in result.curve_extra
    ]
    record["per_task_accuracy_curve"] = [
        [float(v) for v in acc] for _, acc in result.curve_extra
    ]
    if config.family == "digits":  # the last evaluation's accuracy per class
        record["per_task_accuracy"] = record["per_task_accuracy_curve"][-1]
    else:  # parity: from the final logits
        logits = model.predict_logits(eval_x)
        record["per_task_accuracy"] = [
            float(v)
            for v in per_task_accuracy(logits, eval_y, eval_tasks, source.n_tasks)
        ]
