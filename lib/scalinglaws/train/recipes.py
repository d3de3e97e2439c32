"""The book's recipes: every run the book trains, the sweeps ``make sweeps`` runs, and why these.

Each sweep is a function returning a list of
:class:`~scalinglaws.train.config.RunConfig`; :data:`SWEEPS` names them. The
results live in ``lib/scalinglaws/data/runs/<name>.csv`` (with the sweep's
configs in ``<name>.json``) and are loaded with
:func:`scalinglaws.train.load_runs`.

Designs
-------
*Parity* (Michaud et al. 2023, multitask sparse parity), scaled to
a CPU: 128 tasks of 3-bit parities over 8 task bits, Zipf exponent 1.4 as
in the paper, a one-hidden-layer MLP, Adam(W) without weight decay.

- ``parity_width`` / ``parity_width_noisy``: widths 4 to 256 at a fixed 4M
  examples, for L(N) (Michaud et al. sweep widths 10-500); the noisy copy
  has label noise 0.1, so its floor is H(0.1) = 0.325 nats exactly.
- ``parity_data``: width 128 on training sets of 2e4 to 4e6 examples, each
  trained for the same 4M examples seen (so small sets are repeated many
  times), for L(D) (Michaud et al.'s data sweep). The smallest sets overfit
  (their final held-out loss exceeds ln 2): read L(D) as the lowest point
  of each learning curve, i.e. with early stopping.
- ``parity_isoflop`` / ``parity_isoflop_noisy``: six budgets from 3e9 to
  1e12 FLOPs (C = 6ND), five widths per budget, D = C / 6N.

*Markov language* (:class:`~scalinglaws.synthetic.MarkovLanguage`, order 2,
16 tokens, 4 successors per context) with the transformer, context 32:

- ``markov_isoflop``: four budgets from 1e10 to 3e11 FLOPs, five shapes per
  budget, learning curves recorded along every run.

*Tiny Shakespeare* at the character level with the transformer, context 64:

- ``shakespeare``: five shapes trained on the same 1M characters, with
  learning curves.
- ``shakespeare_lr`` / ``shakespeare_isoflop``: chapter 5's isoFLOP study of
  real text. A learning-rate grid (9 shapes x 3 peak rates on 1M
  characters), then five budgets from 1e11 to 3.2e12 FLOPs with six or
  seven shapes each, every shape at its best rate, the cosine matched to
  each run; runs longer than the 1.0M-character training split repeat it
  (up to 19 epochs) and record their epochs (:func:`shakespeare_isoflop`
  says why, and how the analysis corrects for it).
- ``markov_schedule``: chapter 6's learning-rate schedule experiment
  (:func:`schedule_study_configs`): one isoFLOP grid trained with a cosine
  matched to each run, one long cosine read early, and a constant rate.

*The capstone* (chapter 10) designs its own parity isoFLOP grid with the
same recipe (:func:`parity_isoflop_design`, :func:`parity_run`,
:func:`width_for_params`).

*Digits* (scikit-learn's 8x8 images, :mod:`~scalinglaws.train.digits`) with
the MLP, for chapter 11:

- ``digits_scaling``: error against training images (width 128, 25 to
  1,300 images) and against width (1 to 256, all 1,300 images), five seeds
  each, 40,000 examples seen by every run.

Budgets use Kaplan's C = 6ND with N the non-embedding parameters (eq. 2.1
and section 2.1 of Kaplan et al. 2020); the exact matmul count of every
run is stored beside it (``flops_counted``).
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_count, as_positive, positive_scalar
from scalinglaws.train.config import RunConfig
from scalinglaws.train.run import describe_model

# ------------------------------------------------------------------ shared settings

PARITY_DATA = {"n_tasks": 128, "n_bits": 8, "k": 3, "zipf_exponent": 1.4, "seed": 0}
PARITY_NOISE = 0.1
PARITY_TRAINING = {
    "batch_size": 256,
    "lr": 1e-2,
    "warmup_fraction": 0.05,
    "final_lr_fraction": 0.1,
    "weight_decay": 0.0,
    "eval_size": 20_000,
}

MARKOV_DATA = {
    "vocab_size": 16,
    "order": 2,
    "branching": 4,
    "zipf_exponent": 1.0,
    "unigram_exponent": 1.0,
    "seed": 0,
}
TRANSFORMER_TRAINING = {
    "batch_size": 32,
    "lr": 1e-2,
    "warmup_fraction": 0.05,
    "final_lr_fraction": 0.1,
    "weight_decay": 0.0,
    "grad_clip": 1.0,
}
MARKOV_SEQ_LEN = 32
SHAKESPEARE_SEQ_LEN = 64

#: Transformer shapes (d_model, n_layers, n_heads), smallest first.
SHAPES = [
    (8, 1, 2),
    (12, 1, 2),
    (16, 1, 2),
    (24, 1, 2),
    (32, 1, 2),
    (32, 2, 2),
    (48, 2, 4),
    (64, 2, 4),
]

N_EVALS = 8


def eval_points(tokens, tokens_per_step, n=N_EVALS, first=None):
    """``n`` log-spaced token counts from ``first`` (default 10 steps) to ``tokens``, where learning curves are read."""
    first = 10 * tokens_per_step if first is None else first
    first = min(first, tokens)
    return sorted({int(t) for t in np.geomspace(first, tokens, n)})


def _round_tokens(tokens, tokens_per_step):
    return max(1, int(round(tokens / tokens_per_step))) * tokens_per_step


def isoflop(base, sizes, budget, **tags):
    """Configs that spend ``budget`` FLOPs (C = 6 N D, N non-embedding) on each model size.

    Parameters
    ----------
    base : RunConfig
        Everything but the model and the tokens.
    sizes : list of dict
        ``model`` settings, one per run.
    budget : float
        Nominal compute C; each run gets D = C / (6 N) tokens, rounded to whole steps.

    Returns
    -------
    list of RunConfig
        Tagged with ``budget`` plus ``tags``.
    """
    out = []
    for model in sizes:
        sized = base.replace(model=model)
        n = describe_model(sized)["n_params_non_embedding"]
        tokens = _round_tokens(budget / (6.0 * n), base.tokens_per_step)
        out.append(
            sized.replace(
                tokens=tokens,
                eval_at=eval_points(tokens, base.tokens_per_step),
                tags={**base.tags, **tags, "budget": float(budget)},
            )
        )
    return out


# ------------------------------------------------------------------ parity


def _parity_base(label_noise, sweep):
    noise = float(label_noise)
    if not 0.0 <= noise < 0.5:
        raise ValueError(f"label_noise must be in [0, 0.5), got {label_noise!r}.")
    return RunConfig(
        family="parity",
        model={"width": 1},
        data={**PARITY_DATA, "label_noise": noise},
        tokens=PARITY_TRAINING["batch_size"],
        tags={"sweep": sweep},
        **PARITY_TRAINING,
    )


PARITY_WIDTHS = [4, 8, 16, 32, 64, 128, 256]
PARITY_WIDTH_TOKENS = 4_000_000


def parity_width(label_noise=0.0, sweep="parity_width"):
    """L(N): widths 4..256, each trained on 4M fresh examples."""
    base = _parity_base(label_noise, sweep)
    tokens = _round_tokens(PARITY_WIDTH_TOKENS, base.tokens_per_step)
    return [
        base.replace(
            model={"width": w},
            tokens=tokens,
            eval_at=eval_points(tokens, base.tokens_per_step),
        )
        for w in PARITY_WIDTHS
    ]


PARITY_DATASET_SIZES = [20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 4_000_000]


def parity_data():
    """L(D): width 128 on fixed training sets of 2e4..4e6 examples, 4M examples seen by each."""
    base = _parity_base(0.0, "parity_data")
    tokens = _round_tokens(PARITY_WIDTH_TOKENS, base.tokens_per_step)
    return [
        base.replace(
            model={"width": 128},
            tokens=tokens,
            dataset_size=n,
            eval_at=eval_points(tokens, base.tokens_per_step),
            tags={"sweep": "parity_data", "dataset_size": n},
        )
        for n in PARITY_DATASET_SIZES
    ]


#: Budget -> widths. Windows slide with the budget so that every run gets 200+ steps.
PARITY_ISOFLOP = {
    3e9: [4, 8, 16, 32, 64],
    1e10: [8, 16, 32, 64, 128],
    3e10: [16, 32, 64, 128, 256],
    1e11: [16, 32, 64, 128, 256],
    3e11: [32, 64, 128, 256, 512],
    1e12: [64, 128, 256, 512, 1024],
}


def parity_isoflop(label_noise=0.0, sweep="parity_isoflop"):
    """IsoFLOP grid: 6 budgets (3e9..1e12 FLOPs) x 5 widths."""
    base = _parity_base(label_noise, sweep)
    return [
        c
        for budget, widths in PARITY_ISOFLOP.items()
        for c in isoflop(base, [{"width": w} for w in widths], budget)
    ]


# ------------------------------------------------------------------ transformers


def _shape(d, L, H):
    return {"d_model": d, "n_layers": L, "n_heads": H, "d_ff": None}


MARKOV_ISOFLOP = {
    1e10: SHAPES[0:5],
    3e10: SHAPES[0:5],
    1e11: SHAPES[1:6],
    3e11: SHAPES[2:7],
}


def _markov_base(sweep, **settings):
    """The Markov language's recipe (data, context, training) for a sweep; ``settings`` override it."""
    config = RunConfig(
        family="markov",
        model=_shape(*SHAPES[0]),
        data=dict(MARKOV_DATA),
        tokens=10**6,
        seq_len=MARKOV_SEQ_LEN,
        eval_size=1024,
        tags={"sweep": sweep},
        **TRANSFORMER_TRAINING,
    )
    return config.replace(**settings) if settings else config


def markov_isoflop():
    """IsoFLOP grid on the Markov language: 4 budgets (1e10..3e11 FLOPs) x 5 shapes."""
    base = _markov_base("markov_isoflop")
    return [
        c
        for budget, shapes in MARKOV_ISOFLOP.items()
        for c in isoflop(base, [_shape(*s) for s in shapes], budget)
    ]


SHAKESPEARE_SHAPES = [(16, 1, 2), (32, 1, 2), (48, 2, 4), (64, 2, 4), (96, 2, 4)]
SHAKESPEARE_BATCH = 16
SHAKESPEARE_TOKENS = 1_000_000


def shakespeare():
    """Five shapes on 1M characters of Tiny Shakespeare, learning curves along each."""
    base = RunConfig(
        family="shakespeare",
        model=_shape(*SHAKESPEARE_SHAPES[0]),
        tokens=10**6,
        seq_len=SHAKESPEARE_SEQ_LEN,
        eval_size=512,
        tags={"sweep": "shakespeare"},
        **{**TRANSFORMER_TRAINING, "batch_size": SHAKESPEARE_BATCH},
    )
    tokens = _round_tokens(SHAKESPEARE_TOKENS, base.tokens_per_step)
    return [
        base.replace(
            model=_shape(*s),
            tokens=tokens,
            eval_at=eval_points(tokens, base.tokens_per_step),
        )
        for s in SHAKESPEARE_SHAPES
    ]


# ------------------------------------------------------------------ Chinchilla on Tiny Shakespeare

# An isoFLOP study of the book's transformer on real text (Hoffmann et al.
# 2022, section 3.2), in two sweeps: a learning-rate grid per size
# (``shakespeare_lr``), whose best rate each size then trains with in the
# isoFLOP grid (``shakespeare_isoflop``). The analysis is
# :func:`scalinglaws.fitting.allocation_study.allocation_study`.

#: The ladder of shapes (d_model, n_layers, n_heads) of the study, smallest
#: first: non-embedding counts 4.4k, 8.9k, 15k, 28k, 60k, 104k, 161k, 230k
#: and 405k, about a factor 1.8 apart.
SHAKESPEARE_STUDY_SHAPES = [
    (16, 1, 2),
    (24, 1, 2),
    (32, 1, 2),
    (32, 2, 2),
    (48, 2, 4),
    (64, 2, 4),
    (80, 2, 4),
    (96, 2, 4),
    (128, 2, 4),
]

#: Peak learning rates tried for every shape of the study (a factor 3 apart).
SHAKESPEARE_LRS = (0.003, 0.01, 0.03)

#: Characters every run of the learning-rate grid trains on: one pass over
#: the 1.0M-character training split, as the ``shakespeare`` sweep, and the
#: geometric middle of the token counts of the isoFLOP grid.
SHAKESPEARE_LR_TOKENS = 1_000_000


def _shakespeare_base(sweep):
    return RunConfig(
        family="shakespeare",
        model=_shape(*SHAKESPEARE_STUDY_SHAPES[0]),
        tokens=SHAKESPEARE_LR_TOKENS,
        seq_len=SHAKESPEARE_SEQ_LEN,
        eval_size=512,
        tags={"sweep": sweep},
        **{**TRANSFORMER_TRAINING, "batch_size": SHAKESPEARE_BATCH},
    )


def shakespeare_lr():
    """The learning-rate grid of the isoFLOP study: every shape at every rate of :data:`SHAKESPEARE_LRS`.

    Each run trains on 1M characters (about one epoch of the training split)
    with the recipe of the ``shakespeare`` sweep (context 64, batch 16,
    warm-up 5%, cosine to 10% of the peak). The best rate of each shape is
    written into :data:`SHAKESPEARE_TUNED_LR`, which the isoFLOP grid uses;
    a unit test checks that the table matches the committed runs.
    """
    base = _shakespeare_base("shakespeare_lr")
    tokens = _round_tokens(SHAKESPEARE_LR_TOKENS, base.tokens_per_step)
    return [
        base.replace(
            model=_shape(*s),
            lr=lr,
            tokens=tokens,
            eval_at=eval_points(tokens, base.tokens_per_step, n=4),
        )
        for s in SHAKESPEARE_STUDY_SHAPES
        for lr in SHAKESPEARE_LRS
    ]


#: Shape -> the peak learning rate of :data:`SHAKESPEARE_LRS` with the lowest
#: held-out loss in the committed ``shakespeare_lr`` sweep (a unit test keeps
#: the two in step). The best rate falls with size: 0.03 for the two
#: smallest shapes, 0.01 in the middle, 0.003 for the largest.
SHAKESPEARE_TUNED_LR = {
    (16, 1, 2): 0.03,
    (24, 1, 2): 0.03,
    (32, 1, 2): 0.01,
    (32, 2, 2): 0.01,
    (48, 2, 4): 0.01,
    (64, 2, 4): 0.01,
    (80, 2, 4): 0.01,
    (96, 2, 4): 0.01,
    (128, 2, 4): 0.003,
}

#: Budget (C = 6 N D, N non-embedding) -> the shapes trained at it. Five
#: budgets a factor 2.37 apart span 1.5 decades; each window of six or seven
#: shapes (a factor 15-37 in N) slides with the budget and runs from about
#: 1.5 tokens per parameter to 700-2,000, so an optimum anywhere from about 3
#: to 500 is bracketed. The small-model ends were widened after the first
#: runs of the largest budget put its minimum near 150 tokens per parameter.
SHAKESPEARE_ISOFLOP = {
    1.0e11: SHAKESPEARE_STUDY_SHAPES[0:6],
    2.4e11: SHAKESPEARE_STUDY_SHAPES[0:7],
    5.6e11: SHAKESPEARE_STUDY_SHAPES[1:8],
    1.3e12: SHAKESPEARE_STUDY_SHAPES[2:9],
    3.2e12: SHAKESPEARE_STUDY_SHAPES[3:9],
}

#: Characters of Tiny Shakespeare's training split (90% of 1,115,394).
SHAKESPEARE_TRAIN_CHARACTERS = 1_003_855


def shakespeare_isoflop():
    """IsoFLOP grid on Tiny Shakespeare: 5 budgets (1e11..3.2e12 FLOPs) x 6-7 shapes, tuned rates.

    Every run spends its budget C = 6 N D (N non-embedding, Kaplan et al.
    2020, eq. 2.1) with a cosine matched to its own D (Hoffmann et al.
    2022, section 3.1) and the peak rate :data:`SHAKESPEARE_TUNED_LR` of its
    shape.

    Repetition: runs longer than the 1.0M-character training split repeat
    it (windows at random offsets), and the grid does not stay within
    four epochs: the smallest shape of the largest budget sees it 19 times.
    Keeping every run within four epochs would cap D at 4M characters,
    i.e. force N >= C / 24M = 133k at 3.2e12 FLOPs, far above that
    budget's minimum (near 60k), which then could not be bracketed. So
    each run's epochs are recorded (``tags["epochs"]``), and the analysis
    corrects for repetition with Muennighoff et al.'s (2023)
    data-constrained law: Approach 3 is refitted on effective tokens D'
    (their eq. 5) beside the raw fit, while Approaches 1 and 2 measure the
    allocation with repetition included and report each optimum's epochs.
    """
    base = _shakespeare_base("shakespeare_isoflop")
    out = []
    for budget, shapes in SHAKESPEARE_ISOFLOP.items():
        for s in shapes:
            (run,) = isoflop(
                base.replace(lr=SHAKESPEARE_TUNED_LR[s]), [_shape(*s)], budget
            )
            epochs = run.tokens / SHAKESPEARE_TRAIN_CHARACTERS
            out.append(run.replace(tags={**run.tags, "epochs": round(epochs, 3)}))
    return out


# ------------------------------------------------------------------ digits (chapter 11)

DIGITS_TRAINING = {
    "batch_size": 64,
    "lr": 1e-2,
    "warmup_fraction": 0.05,
    "final_lr_fraction": 0.1,
    "weight_decay": 0.0,
}
DIGITS_EXAMPLES = (
    40_000  # examples seen by every run: about 30 passes over the 1,300-image pool
)
DIGITS_SEEDS = (0, 1, 2, 3, 4)
DIGITS_DATASET_SIZES = [25, 50, 100, 200, 400, 800, 1300]
DIGITS_DATA_WIDTH = 128
DIGITS_WIDTHS = [1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128, 256]


def digits_scaling():
    """Chapter 11: the MLP on scikit-learn's 8x8 digits, error against data and against size.

    Data axis: width 128 on 25..1,300 training images. Size axis: widths
    1..256 on the whole 1,300-image pool. Five seeds each (initialisation,
    which images, their order); every run sees 40,000 examples.
    """
    base = RunConfig(
        family="digits",
        model={"width": DIGITS_DATA_WIDTH},
        tokens=DIGITS_EXAMPLES,
        eval_at=eval_points(DIGITS_EXAMPLES, DIGITS_TRAINING["batch_size"], n=4),
        eval_size=497,
        **DIGITS_TRAINING,
    )
    data = [
        base.replace(
            dataset_size=n, seed=s, tags={"sweep": "digits_scaling", "scaled": "data"}
        )
        for n in DIGITS_DATASET_SIZES
        for s in DIGITS_SEEDS
    ]
    size = [
        base.replace(
            model={"width": w},
            seed=s,
            tags={"sweep": "digits_scaling", "scaled": "size"},
        )
        for w in DIGITS_WIDTHS
        for s in DIGITS_SEEDS
    ]
    return data + size


# ------------------------------------------------------------------ the schedule study (chapter 6)

# One isoFLOP grid of the Markov language trained three ways: "matched" (a
# cosine ending at each run's D, Hoffmann et al. 2022), "long" (one cosine
# length for every size, read early, Kaplan et al. 2020) and "constant"
# (Porian et al. 2024); :mod:`scalinglaws.schedule_study` analyses the runs.

#: Name of the schedule study's committed sweep (``lib/scalinglaws/data/runs/<name>.csv``).
SCHEDULE_SWEEP = "markov_schedule"

#: The schedule study's three designs ("arms"), in the order chapter 6 presents them.
SCHEDULE_ARMS = ("long", "matched", "constant")

#: FLOP budgets (C = 6 N D, N non-embedding) -> transformer shapes (d_model,
#: n_layers, n_heads) trained at that budget. The windows slide with the
#: budget to bracket its optimum, which the committed ``markov_isoflop``
#: sweep puts near 2.5k non-embedding parameters at 1e10 FLOPs and 7k at 1e11.
STUDY_GRID = {
    3e9: [(4, 1, 2), (6, 1, 2), (8, 1, 2), (12, 1, 2), (16, 1, 2)],
    1e10: [(6, 1, 2), (8, 1, 2), (12, 1, 2), (16, 1, 2), (24, 1, 2)],
    3e10: [(8, 1, 2), (12, 1, 2), (16, 1, 2), (24, 1, 2), (32, 1, 2)],
    1e11: [(12, 1, 2), (16, 1, 2), (24, 1, 2), (32, 1, 2), (32, 2, 2)],
}

#: Warm-up of every run of one size, as a fraction of that size's shortest
#: run (the book's recipe warms up over 5% of a run).
WARMUP_FRACTION_OF_SHORTEST = 0.05


def _shape_model(shape):
    d, layers, heads = shape
    return {"d_model": d, "n_layers": layers, "n_heads": heads, "d_ff": None}


def _check_schedule_grid(grid):
    if not isinstance(grid, dict) or len(grid) < 2:
        raise ValueError(
            "grid must be a dict {budget: [shape, ...]} with at least two budgets."
        )
    for budget, shapes in grid.items():
        if not np.isfinite(budget) or budget <= 0:
            raise ValueError(
                f"every budget must be a positive number of FLOPs, got {budget!r}."
            )
        if len(shapes) < 3:
            raise ValueError(
                f"the budget {budget:.3g} has {len(shapes)} shapes; a parabola needs at least 3."
            )
        for shape in shapes:
            if len(tuple(shape)) != 3:
                raise ValueError(
                    f"a shape is (d_model, n_layers, n_heads), got {shape!r}."
                )


def schedule_study_configs(grid=None):
    """The runs of the schedule experiment: every arm of :data:`SCHEDULE_ARMS` on one isoFLOP grid.

    Parameters
    ----------
    grid : dict, optional
        ``{budget in FLOPs: [(d_model, n_layers, n_heads), ...]}``; default
        :data:`STUDY_GRID`. Each budget needs at least 3 shapes.

    Returns
    -------
    list of RunConfig
        The ``"matched"`` runs (tagged with their ``budget``), then one
        ``"long"`` and one ``"constant"`` run per shape, tagged with
        ``reads``: the ``[budget, tokens]`` pairs at which they stand in for
        finished runs. All runs are tagged ``sweep`` and ``arm``.

    Raises
    ------
    ValueError
        If the grid is malformed (see ``grid``).
    """
    grid = STUDY_GRID if grid is None else grid
    _check_schedule_grid(grid)
    base = _markov_base(SCHEDULE_SWEEP)  # the recipe of markov_isoflop
    step = base.tokens_per_step

    matched = []
    for budget, shapes in grid.items():
        matched += isoflop(
            base, [_shape_model(s) for s in shapes], budget, arm="matched"
        )
    # Read-outs of each shape: (budget, tokens) of its matched runs, so that
    # the arms are compared at exactly the same token counts.
    reads = {}
    for c in matched:
        key = tuple(c.model[k] for k in ("d_model", "n_layers", "n_heads"))
        reads.setdefault(key, []).append([c.tags["budget"], c.tokens])
    long_tokens = max(
        c.tokens for c in matched
    )  # one cosine length for every size, as Kaplan et al.

    def warmup_steps(shape):
        shortest = min(tokens for _, tokens in reads[shape])
        return max(1, int(round(WARMUP_FRACTION_OF_SHORTEST * shortest / step)))

    runs = [
        c.replace(warmup_fraction=warmup_steps(_shape_of(c)) * step / c.tokens)
        for c in matched
    ]
    for arm in ("long", "constant"):
        for shape, shape_reads in reads.items():
            last = max(tokens for _, tokens in shape_reads)
            schedule = long_tokens if arm == "long" else last
            eval_at = sorted({t for _, t in shape_reads} | set(eval_points(last, step)))
            runs.append(
                base.replace(
                    model=_shape_model(shape),
                    tokens=last,
                    schedule_tokens=schedule if arm == "long" else None,
                    warmup_fraction=warmup_steps(shape) * step / schedule,
                    final_lr_fraction=1.0
                    if arm == "constant"
                    else base.final_lr_fraction,
                    eval_at=eval_at,
                    tags={
                        "sweep": SCHEDULE_SWEEP,
                        "arm": arm,
                        "reads": sorted(shape_reads),
                    },
                )
            )
    return runs


def _shape_of(config):
    return tuple(config.model[k] for k in ("d_model", "n_layers", "n_heads"))


# ------------------------------------------------------------------ the training recipe (chapter 9)

# Three experiments on the recipe itself, each paired with a committed sweep
# that is its control (same seeds, same data stream): weight decay on the
# Markov and Shakespeare isoFLOP grids, warm-up-stable-decay against the
# schedule study's matched cosines, and a learning-rate x batch-size grid
# along the Markov compute frontier. :mod:`scalinglaws.recipe_study` analyses them.

#: AdamW's decoupled weight decay in the recipe experiments: the value GPT-3
#: used (Brown et al. 2020, appendix B) and Llama 2 uses (Touvron et al.
#: 2023, section 2.2), so the common one at scale.
RECIPE_WEIGHT_DECAY = 0.1

#: Budgets of the Shakespeare grid retrained with weight decay: the three
#: smallest of :data:`SHAKESPEARE_ISOFLOP` (the larger two would double the sweep time).
SHAKESPEARE_ADAMW_BUDGETS = (1.0e11, 2.4e11, 5.6e11)


def _shakespeare_recipe_cells():
    """The ``shakespeare_isoflop`` runs at :data:`SHAKESPEARE_ADAMW_BUDGETS`, the Shakespeare recipe experiments' controls."""
    return [
        c
        for c in shakespeare_isoflop()
        if c.tags["budget"] in SHAKESPEARE_ADAMW_BUDGETS
    ]


def _with_weight_decay(configs, sweep):
    return [
        c.replace(weight_decay=RECIPE_WEIGHT_DECAY, tags={**c.tags, "sweep": sweep})
        for c in configs
    ]


def markov_adamw():
    """The ``markov_isoflop`` grid again with decoupled weight decay 0.1: 4 budgets x 5 shapes."""
    return _with_weight_decay(markov_isoflop(), "markov_adamw")


def shakespeare_adamw():
    """The smaller three budgets of ``shakespeare_isoflop`` again with weight decay 0.1 (20 runs)."""
    return _with_weight_decay(_shakespeare_recipe_cells(), "shakespeare_adamw")


#: The cool-down of the warm-up-stable-decay runs, as a fraction of each run:
#: Hägele et al. (2024, section 3) find 20% matches a matched cosine.
WSD_COOLDOWN_FRACTION = 0.2


#: The floors of the warm-up-stable-decay runs: Hägele et al.'s cool-down to
#: zero, and the matched cosines' 10% of the peak, which isolates the shape.
WSD_FLOORS = {"wsd": 0.0, "wsd_floor": 0.1}


def _wsd_twins(cosines, floors, sweep, *, equal_warmup=False):
    """Warm-up-stable-decay twins of cosine runs, one stable phase per shape and floor.

    Each twin keeps its cosine's model, data, seed, peak rate and tokens, holds
    the rate until the last :data:`WSD_COOLDOWN_FRACTION` of the run and cools
    down with Hägele et al.'s (1 - sqrt) shape to ``floor`` times the peak.
    The twins of one shape read at the same points and, with
    ``equal_warmup``, warm up over the same steps (5% of the shape's shortest
    run, :data:`WARMUP_FRACTION_OF_SHORTEST`), so that they share one stable
    phase and the runner branches them (:func:`scalinglaws.train.run.run_branches`).
    """
    step = cosines[0].tokens_per_step
    by_shape = {}
    for c in cosines:
        by_shape.setdefault(_shape_of(c), []).append(c)
    runs = []
    for arm, floor in floors.items():
        for shape_runs in by_shape.values():
            longest = max(c.tokens for c in shape_runs)
            shortest = min(c.tokens for c in shape_runs)
            warmup = max(1, int(round(WARMUP_FRACTION_OF_SHORTEST * shortest / step)))
            # One evaluation grid per shape: branches must read at the same points.
            reads = sorted(
                {c.tokens for c in shape_runs} | set(eval_points(longest, step))
            )
            for c in shape_runs:
                settings = {
                    "cooldown_tokens": _round_tokens(
                        WSD_COOLDOWN_FRACTION * c.tokens, step
                    ),
                    "final_lr_fraction": floor,
                    "eval_at": reads,
                    "tags": {**c.tags, "sweep": sweep, "arm": arm},
                }
                if equal_warmup:
                    settings["warmup_fraction"] = warmup * step / c.tokens
                runs.append(c.replace(**settings))
    return runs


def markov_wsd():
    """Warm-up-stable-decay on the schedule study's grid, one stable run per shape branched at every budget.

    Each run of the ``matched`` arm of ``markov_schedule`` (a cosine ending at
    its D, decaying to 10% of the peak) gets two twins with the same warm-up,
    seed and peak rate (:func:`_wsd_twins`): arm ``"wsd"`` cools down to zero,
    as Hägele et al. do, and arm ``"wsd_floor"`` to the cosine's 10%, so that
    the comparison with the cosine can tell the schedule's shape from its floor.
    """
    matched = [c for c in schedule_study_configs() if c.tags["arm"] == "matched"]
    return _wsd_twins(matched, WSD_FLOORS, "markov_wsd")


def shakespeare_wsd():
    """Warm-up-stable-decay twins of the ``shakespeare_adamw`` cells of ``shakespeare_isoflop`` (20 runs).

    The cosines warm up over 5% of each run; the twins of one shape share
    one warm-up (5% of its shortest run) so that they can share a stable phase,
    and cool down to zero. Otherwise each twin is its cosine's run (shape,
    tuned peak rate, tokens, seed).
    """
    return _wsd_twins(
        _shakespeare_recipe_cells(), {"wsd": 0.0}, "shakespeare_wsd", equal_warmup=True
    )


#: The learning-rate x batch-size grid: one shape per budget, near the
#: committed ``markov_isoflop`` optimum (N_opt grows about as C^0.5), every
#: peak rate with every batch size (sequences of 32 tokens), cosine matched.
#: The rates first stopped at 0.04; the three smaller budgets had their best
#: runs at that edge, so the grid was extended to 0.16 to bracket them.
LR_BATCH_SHAPES = {
    3e9: (8, 1, 2),
    1e10: (12, 1, 2),
    3e10: (16, 1, 2),
    1e11: (24, 1, 2),
    3e11: (32, 1, 2),
}
LR_BATCH_RATES = (0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16)
LR_BATCH_SIZES = (8, 16, 32, 64)


def markov_lr_batch():
    """Peak learning rate x batch size at five budgets (3e9..3e11 FLOPs) along the Markov frontier: 140 runs."""
    base = _markov_base("markov_lr_batch")
    runs = []
    for budget, shape in LR_BATCH_SHAPES.items():
        for batch in LR_BATCH_SIZES:
            for lr in LR_BATCH_RATES:
                (c,) = isoflop(
                    base.replace(batch_size=batch, lr=lr), [_shape(*shape)], budget
                )
                runs.append(c.replace(eval_at=()))
    return runs


#: The run chapter 9 plans for 3e12 FLOPs, ten times the grid's largest
#: budget, with :func:`scalinglaws.recipe_study.plan_recipe` from the committed
#: fits, copied here before it was trained (``tests/test_recipe_study.py``
#: checks that the plan still gives these settings).
RECIPE_FORECAST = {
    "budget": 3e12,
    "shape": (32, 2, 2),
    "tokens": 19_230_816,
    "lr": 0.0044,
    "batch_size": 11,
}


def markov_recipe_forecast():
    """The planned run at 3e12 FLOPs (:data:`RECIPE_FORECAST`) and a twin with the book's default rate and batch."""
    plan = RECIPE_FORECAST
    base = _markov_base(
        "markov_recipe_forecast", model=_shape(*plan["shape"]), tokens=plan["tokens"]
    )
    tags = {"sweep": "markov_recipe_forecast", "budget": plan["budget"]}
    planned = base.replace(lr=plan["lr"], batch_size=plan["batch_size"])
    default = base.replace(tokens=_round_tokens(plan["tokens"], base.tokens_per_step))
    return [
        c.replace(
            eval_at=eval_points(c.tokens, c.tokens_per_step),
            tags={**tags, "recipe": name},
        )
        for name, c in (("planned", planned), ("book default", default))
    ]


# ------------------------------------------------------------------ the capstone (chapter 10)

#: Width at 3e9 FLOPs and the exponent of the centre width in C used to slide
#: the window of widths with the budget; they follow the book's committed
#: parity isoFLOP grid (:data:`PARITY_ISOFLOP`),
#: whose lowest runs sit near 16 units at 3e9 FLOPs and 64-128 at 1e11.
CENTRE_WIDTH = (3e9, 16.0)
CENTRE_EXPONENT = 0.5


def parity_run(width, budget, *, label_noise=0.1, sweep="capstone"):
    """One parity run of a given width spending ``budget`` FLOPs (C = 6 N D).

    Parameters
    ----------
    width : int
        Hidden units of the MLP (>= 1).
    budget : float
        Training compute C in FLOPs; the run gets D = C / (6 N) examples,
        N the non-embedding parameters (Kaplan et al. 2020, eq. 2.1; the
        MLP has no embedding), rounded to whole batches.
    label_noise : float, default 0.1
        Probability of a flipped label; the loss floor is H(label_noise).
    sweep : str
        Tag stored with the run.

    Returns
    -------
    RunConfig
        The book's parity recipe, tagged with ``budget``.
    """
    width = as_count(width, "width", 1)
    budget = positive_scalar(budget, "budget")
    base = _parity_base(label_noise, sweep).replace(model={"width": int(width)})
    n = describe_model(base)["n_params_non_embedding"]
    step = base.tokens_per_step
    tokens = max(1, int(round(budget / (6.0 * n) / step))) * step
    return base.replace(
        tokens=tokens,
        eval_at=eval_points(tokens, step),
        tags={"sweep": sweep, "budget": budget},
    )


def centre_width(budget):
    """Width at the centre of the window trained at ``budget``: 16 (C / 3e9)^0.5, a power of two."""
    budget = positive_scalar(budget, "budget")
    c0, w0 = CENTRE_WIDTH
    return int(2 ** round(np.log2(w0 * (budget / c0) ** CENTRE_EXPONENT)))


def parity_isoflop_design(budgets, *, n_sizes=5, label_noise=0.1, sweep="capstone"):
    """An isoFLOP grid on sparse parity: ``n_sizes`` widths at each budget (Hoffmann et al. 2022, sec. 3.2).

    At each budget the widths are consecutive powers of two centred on
    :func:`centre_width`, so the window slides with compute and the
    minimum of every profile lies inside it.

    Parameters
    ----------
    budgets : array_like of float
        At least two distinct FLOP budgets, each > 0.
    n_sizes : int, default 5
        Widths per budget (>= 3, which a parabola through the profile needs).
    label_noise : float, default 0.1
    sweep : str

    Returns
    -------
    list of RunConfig
        Budgets in increasing order, widths increasing within each.
    """
    budgets = np.atleast_1d(as_positive(budgets, "budgets"))
    if budgets.ndim != 1 or np.unique(budgets).size < 2:
        raise ValueError(
            "budgets must be a list of at least two distinct FLOP budgets."
        )
    n_sizes = as_count(n_sizes, "n_sizes", 3)
    out = []
    for budget in np.unique(budgets):
        log_centre = int(np.log2(centre_width(budget)))
        first = max(0, log_centre - (n_sizes - 1) // 2)
        for k in range(first, first + n_sizes):
            out.append(parity_run(2**k, budget, label_noise=label_noise, sweep=sweep))
    return out


def width_for_params(n_params, *, label_noise=0.1):
    """The integer width whose MLP has the non-embedding parameter count closest to ``n_params`` (in log)."""
    n_params = positive_scalar(n_params, "n_params")
    base = _parity_base(label_noise, "capstone")
    # The MLP's count is affine in the width: N(w) = N(1) + (w - 1) (N(2) - N(1)).
    n1 = describe_model(base.replace(model={"width": 1}))["n_params_non_embedding"]
    n2 = describe_model(base.replace(model={"width": 2}))["n_params_non_embedding"]
    guess = max(1, int((n_params - n1) / (n2 - n1)) + 1)
    candidates = [w for w in (guess - 1, guess, guess + 1) if w >= 1]
    return min(
        candidates, key=lambda w: abs(np.log((n1 + (w - 1) * (n2 - n1)) / n_params))
    )


# ------------------------------------------------------------------ registry

#: Sweep name -> function returning its configs; ``make sweeps`` runs them all.
SWEEPS = {
    "parity_width": lambda: parity_width(0.0, "parity_width"),
    "parity_width_noisy": lambda: parity_width(PARITY_NOISE, "parity_width_noisy"),
    "parity_data": parity_data,
    "parity_isoflop": lambda: parity_isoflop(0.0, "parity_isoflop"),
    "parity_isoflop_noisy": lambda: parity_isoflop(
        PARITY_NOISE, "parity_isoflop_noisy"
    ),
    "markov_isoflop": markov_isoflop,
    "shakespeare": shakespeare,
    "shakespeare_lr": shakespeare_lr,
    "shakespeare_isoflop": shakespeare_isoflop,
    SCHEDULE_SWEEP: lambda: schedule_study_configs(),
    "markov_adamw": markov_adamw,
    "shakespeare_adamw": shakespeare_adamw,
    "markov_wsd": markov_wsd,
    "shakespeare_wsd": shakespeare_wsd,
    "markov_lr_batch": markov_lr_batch,
    "markov_recipe_forecast": markov_recipe_forecast,
    "digits_scaling": digits_scaling,
}


#: Sweep name -> one-line description, stored in the sweep's JSON file.
DESCRIPTIONS = {
    "parity_width": "Multitask sparse parity, no label noise: MLP widths 4-256, 4M fresh examples each (L(N)).",
    "parity_width_noisy": "Multitask sparse parity, label noise 0.1 (floor H(0.1) nats): MLP widths 4-256, "
    "4M fresh examples each (L(N)).",
    "parity_data": "Multitask sparse parity, no label noise: width 128 on fixed training sets of 2e4-4e6 "
    "examples, 4M examples seen each (L(D)).",
    "parity_isoflop": "Multitask sparse parity, no label noise: isoFLOP grid, 6 budgets x 5 widths, D = C/6N.",
    "parity_isoflop_noisy": "Multitask sparse parity, label noise 0.1: isoFLOP grid, 6 budgets x 5 widths, D = C/6N.",
    "markov_isoflop": "Order-2 Markov language with exact entropy rate, transformer: isoFLOP grid, "
    "4 budgets x 5 shapes, D = C/6N, learning curves.",
    "shakespeare": "Tiny Shakespeare characters, transformer: 5 shapes on the same 1M characters, learning curves.",
    "shakespeare_lr": "Tiny Shakespeare characters, transformer: the learning-rate grid of the isoFLOP study, "
    "9 shapes (4.4k-405k non-embedding parameters) x 3 peak rates (0.003, 0.01, 0.03), 1M characters each.",
    "shakespeare_isoflop": "Tiny Shakespeare characters, transformer: isoFLOP grid, 5 budgets (1e11-3.2e12 FLOPs) "
    "x 6-7 shapes (33 runs), D = C/6N (N non-embedding), cosine matched to each run, peak rate tuned per shape "
    "(shakespeare_lr); runs beyond the 1.0M-character training split repeat it (epochs tagged).",
    "markov_schedule": "Order-2 Markov language, transformer: the learning-rate schedule experiment of chapter 6 "
    "on an isoFLOP grid (4 budgets x 5 shapes, D = C/6N). Arms: 'matched' (a cosine ending "
    "at each run's D), 'long' (one run per shape, every shape with the same cosine length, "
    "read at each D), 'constant' (constant learning rate, read at each D); equal warm-up in "
    "tokens and equal seed per shape.",
    "markov_adamw": "Order-2 Markov language, transformer: the markov_isoflop grid (4 budgets x 5 shapes) "
    "retrained with AdamW's decoupled weight decay 0.1 (same seeds and data).",
    "shakespeare_adamw": "Tiny Shakespeare characters, transformer: the three smallest budgets of "
    "shakespeare_isoflop (1e11, 2.4e11, 5.6e11 FLOPs; 20 runs) retrained with weight decay 0.1.",
    "markov_wsd": "Order-2 Markov language, transformer: warm-up-stable-decay twins of the matched-cosine "
    "arm of markov_schedule (4 budgets x 5 shapes), 20% (1 - sqrt) cool-down to zero ('wsd') "
    "or to the cosine's 10% ('wsd_floor'), one stable run per shape and arm with its "
    "cool-downs branched off it.",
    "shakespeare_wsd": "Tiny Shakespeare characters, transformer: warm-up-stable-decay twins of the 20 "
    "shakespeare_isoflop runs at 1e11, 2.4e11 and 5.6e11 FLOPs (tuned peak rates), 20% (1 - sqrt) "
    "cool-down to zero, one warm-up and one stable run per shape with its cool-downs branched off it.",
    "markov_lr_batch": "Order-2 Markov language, transformer: peak learning rate (0.0025-0.16, 7 values) x "
    "batch size (8-64 sequences of 32 tokens, 4 values) at 5 budgets (3e9-3e11 FLOPs), "
    "one shape per budget near the compute-optimal one, cosine matched.",
    "markov_recipe_forecast": "Order-2 Markov language, transformer: the run chapter 9 plans for 3e12 FLOPs "
    "from its fitted laws (size, tokens, peak rate, batch), and a twin with the book's default "
    "rate 0.01 and batch 32.",
    "digits_scaling": "scikit-learn's 8x8 digits (1,300-image pool, 497 held out), MLP, 40,000 examples seen: "
    "width 128 on 25-1,300 images (data axis) and widths 1-256 on all 1,300 (size axis), "
    "5 seeds each.",
}


def quick():
    """A small live subset (about a minute on two cores) for notebooks and smoke tests.

    One small run per family and a short width sweep on parity: the same
    recipes as the committed sweeps at a fraction of the tokens.
    """
    parity = [
        c.replace(
            tokens=300_032, eval_at=eval_points(300_032, 256), tags={"sweep": "quick"}
        )
        for c in parity_width(0.0)
        if c.model["width"] <= 64
    ]
    markov = [
        c.replace(tags={**c.tags, "sweep": "quick"})
        for c in markov_isoflop()
        if c.tags["budget"] == 1e10 and c.model["d_model"] <= 24
    ]
    text = shakespeare()[0]
    text = text.replace(
        tokens=204_800,
        eval_at=eval_points(204_800, text.tokens_per_step),
        tags={"sweep": "quick"},
    )
    return parity + markov + [text]
