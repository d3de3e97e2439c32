"""A recipe for a larger budget, and a forecast of its loss stated before the run (``markov_recipe_forecast``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws.fitting import fit_power_law
from scalinglaws.fitting.allocation_study import (
    fit_isoflop_counted,
    stratified_resamples,
)
from scalinglaws.fitting.bootstrap import refit_on_rows
from scalinglaws.fitting.loss_forecast import LossForecast
from scalinglaws.train import recipes
from scalinglaws.train.run import describe_model


def frontier_forecast(runs, budget, *, n_bootstrap=200, seed=0, level=0.8):
    """The compute-optimal loss at ``budget``: Approach 2's minima above the known floor, as a power law in C.

    Each budget's parabola minimum L_opt(C) (Hoffmann et al. 2022, section
    3.2) less the exact floor E of the Markov language is fitted by
    (C0/C)^alpha (the form of Henighan et al. 2020, eq. 1.1, with E known, as
    chapter 4 measures it) and extrapolated; resampling the runs within each
    budget gives the interval.

    Parameters
    ----------
    runs : pandas.DataFrame
        An isoFLOP sweep with a known floor (``irreducible_loss``), e.g. ``markov_isoflop``.
    budget : float
        FLOPs (C = 6ND, N non-embedding) to forecast at.
    n_bootstrap, seed, level
        The resamples and the interval's coverage.

    Returns
    -------
    LossForecast
    """
    budget = float(budget)
    floor = float(runs["irreducible_loss"].iloc[0])
    if not np.isfinite(floor):
        raise ValueError(
            "the runs need a known floor (irreducible_loss), as the Markov language has."
        )
    arrays = tuple(
        runs[c].to_numpy(float)
        for c in ("n_params_non_embedding", "tokens", "budget", "final_loss")
    )

    def predict(N, D, nominal, L):
        iso = fit_isoflop_counted(N, D, nominal, L)
        law = fit_power_law(iso.budgets, iso.L_opt - floor)
        return float(floor + law.predict(budget))

    boot = refit_on_rows(
        predict,
        arrays,
        stratified_resamples(arrays[2], n_bootstrap, seed),
        stat_fn=lambda value: [value],
        names=("loss",),
        level=level,
        seed=seed,
    )
    lo, hi = boot.intervals["loss"]
    return LossForecast(
        float(boot.estimate[0]), float(lo), float(hi), float(level), boot.samples[:, 0]
    )


@dataclass(frozen=True)
class RecipePlan:
    """The recipe :func:`plan_recipe` chooses for a budget, and the loss it forecasts.

    Attributes
    ----------
    budget : float
        FLOPs, C = 6 N D with N non-embedding.
    n_opt : float
        Approach 3's compute-optimal N at the budget (continuous).
    shape : tuple
        (d_model, n_layers, n_heads) of the trained size nearest ``n_opt`` in log N.
    n_params : int
        Its non-embedding parameters.
    tokens : int
        C / 6N, rounded to whole steps of the batch.
    lr : float
        eta_opt(C) from the fitted law, rounded to two significant figures.
    batch_size : int
        B_opt(C) from the fitted law in sequences of ``seq_len`` tokens, rounded.
    forecast : LossForecast
        The compute-optimal loss at the budget from :func:`frontier_forecast`.
    """

    budget: float
    n_opt: float
    shape: tuple
    n_params: int
    tokens: int
    lr: float
    batch_size: int
    forecast: LossForecast


def _markov_params(shape):
    base = recipes.markov_isoflop()[0]
    return describe_model(base.replace(model=recipes._shape(*shape)))[
        "n_params_non_embedding"
    ]


def plan_recipe(
    budget, parametric_fit, hyperparameter_fit, isoflop_runs, *, shapes=None
):
    """The size, tokens, learning rate and batch for a Markov run at ``budget``, from the fitted laws.

    Parameters
    ----------
    budget : float
        FLOPs (C = 6ND, N non-embedding), typically beyond the fitted range.
    parametric_fit : ParametricFit
        Approach 3 (it gives N_opt, fitted to every run at once).
    hyperparameter_fit : HyperparameterFit
        From :func:`hyperparameter_laws` (it gives the rate and batch).
    isoflop_runs : pandas.DataFrame
        The isoFLOP sweep the forecast of the loss extrapolates
        (:func:`frontier_forecast`).
    shapes : sequence of (d_model, n_layers, n_heads), optional
        Candidate sizes; default :data:`scalinglaws.train.recipes.SHAPES`.

    Returns
    -------
    RecipePlan
    """
    budget = float(budget)
    if not np.isfinite(budget) or budget <= 0:
        raise ValueError(f"budget must be a positive number of FLOPs, got {budget!r}.")
    shapes = list(recipes.SHAPES if shapes is None else shapes)
    n_opt = float(parametric_fit.law.compute_optimal(budget)[0])
    sizes = np.array([_markov_params(s) for s in shapes], dtype=float)
    pick = int(np.argmin(np.abs(np.log(sizes / n_opt))))
    seq_len = recipes.MARKOV_SEQ_LEN
    batch = max(1, int(round(hyperparameter_fit.batch_tokens(budget) / seq_len)))
    step = batch * seq_len
    tokens = max(1, int(round(budget / (6.0 * sizes[pick]) / step))) * step
    return RecipePlan(
        budget=budget,
        n_opt=n_opt,
        shape=tuple(shapes[pick]),
        n_params=int(sizes[pick]),
        tokens=tokens,
        lr=float(f"{float(hyperparameter_fit.lr(budget)):.2g}"),
        batch_size=batch,
        forecast=frontier_forecast(isoflop_runs, budget),
    )
