"""The training-recipe experiments of chapter 9: weight decay, warm-up-stable-decay, learning rate and batch size.

Each experiment is a committed sweep paired with a control trained with the
same seeds and the same stream of data (:mod:`scalinglaws.train.recipes`
builds them), so that a difference between arms is the recipe's and not
the luck of a seed:

``markov_adamw`` against ``markov_isoflop``, ``shakespeare_adamw`` against ``shakespeare_isoflop``
    The isoFLOP grids with AdamW's decoupled weight decay 0.1 against
    weight decay 0 (Adam, as far as the decay goes). Hoffmann et al. (2022,
    section 4.1) count the switch from Adam to AdamW among the changes
    from Gopher to Chinchilla. :func:`weight_decay_study` fits
    Approaches 2 and 3 to each arm with bootstrap intervals
    (:func:`~scalinglaws.fitting.allocation_study.allocation_study`) and
    the paired difference of the allocation exponent with the subsample
    intervals of chapter 6
    (:func:`~scalinglaws.schedule_study.analyse_schedule_study`).
``markov_wsd`` against the matched cosines of ``markov_schedule``
    Warm-up-stable-decay (Hägele et al. 2024) with one stable run per size
    and cool-downs branched off it: :func:`wsd_points` lines up every
    design's loss at each (budget, size) cell, :func:`wsd_study` fits the
    allocation to each, and :func:`design_cost` counts what each design
    trains. ``shakespeare_wsd`` repeats the comparison on Tiny Shakespeare
    (:func:`wsd_against_cosine`).
``markov_lr_batch``
    Peak learning rate x batch size at five budgets along the compute
    frontier: :func:`lr_batch_optima` takes each budget's near-optimal runs
    (reducible loss within 25% of the best run's) and their geometric-mean
    rate and batch; :func:`hyperparameter_laws` fits eta_opt(C) and
    B_opt(C) as power laws through them, as DeepSeek LLM do with their band
    of near-optimal runs (Bi et al. 2024, section 3.1), with bootstrap
    intervals over the runs of each budget.
``markov_recipe_forecast``
    :func:`plan_recipe` turns the fits into the recipe of a run at ten
    times the largest budget (size, tokens, rate, batch) and a forecast of
    its loss, stated before the run is trained; the committed sweep then
    trains that recipe beside the book's default one.

:func:`load_sweep` reads a committed sweep, or re-trains it. One module per
experiment: :mod:`.weight_decay`, :mod:`.schedules`, :mod:`.hyperparameters`
and :mod:`.forecast`; everything a chapter calls is re-exported here.
"""

from scalinglaws.recipe_study.forecast import (
    RecipePlan,
    frontier_forecast,
    plan_recipe,
)
from scalinglaws.recipe_study.hyperparameters import (
    NEAR_OPTIMAL_BAND,
    HyperparameterFit,
    hyperparameter_laws,
    load_lr_batch,
    lr_batch_optima,
    lr_batch_table,
    near_optimal,
)
from scalinglaws.recipe_study.schedules import (
    design_cost,
    runs_of,
    wsd_against_cosine,
    wsd_cells,
    wsd_points,
    wsd_study,
    wsd_summary,
)
from scalinglaws.recipe_study.sweeps import WEIGHT_DECAY_SWEEPS, load_sweep
from scalinglaws.recipe_study.weight_decay import (
    WeightDecayStudy,
    decay_exposure,
    exposure_correlation,
    weight_decay_shrinkage,
    weight_decay_study,
)

__all__ = [
    "NEAR_OPTIMAL_BAND",
    "WEIGHT_DECAY_SWEEPS",
    "HyperparameterFit",
    "RecipePlan",
    "WeightDecayStudy",
    "decay_exposure",
    "design_cost",
    "exposure_correlation",
    "hyperparameter_laws",
    "frontier_forecast",
    "load_lr_batch",
    "load_sweep",
    "lr_batch_optima",
    "lr_batch_table",
    "near_optimal",
    "plan_recipe",
    "runs_of",
    "weight_decay_shrinkage",
    "weight_decay_study",
    "wsd_against_cosine",
    "wsd_cells",
    "wsd_points",
    "wsd_study",
    "wsd_summary",
]
