"""The learning rate and batch size as power laws in compute (``markov_lr_batch``).

Peak learning rate x batch size at five budgets along the compute
frontier: :func:`lr_batch_optima` takes each budget's near-optimal runs
(reducible loss within 25% of the best run's) and their geometric-mean
rate and batch; :func:`hyperparameter_laws` fits eta_opt(C) and B_opt(C)
as power laws through them, as DeepSeek LLM do with their band of
near-optimal runs (Bi et al. 2024, section 3.1), with bootstrap intervals
over the runs of each budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scalinglaws._validation import as_count, as_level
from scalinglaws.fitting.allocation_study import (
    stratified_resamples,
)
from scalinglaws.fitting.bootstrap import refit_on_rows
from scalinglaws.train.results import load_runs


def lr_batch_table(runs):
    """The learning-rate x batch-size sweep as one row per run.

    Returns
    -------
    pandas.DataFrame
        Columns ``budget``, ``flops_6nd``, ``n_params_non_embedding``, ``lr``,
        ``batch_tokens`` (sequences x context), ``loss`` and
        ``irreducible_loss`` (the Markov language's exact floor).
    """
    return pd.DataFrame(
        {
            "budget": runs["budget"].to_numpy(float),
            "flops_6nd": runs["flops_6nd"].to_numpy(float),
            "n_params_non_embedding": runs["n_params_non_embedding"].to_numpy(float),
            "lr": [c["lr"] for c in runs["config"]],
            "batch_tokens": [c["batch_size"] * c["seq_len"] for c in runs["config"]],
            "loss": runs["final_loss"].to_numpy(float),
            "irreducible_loss": runs["irreducible_loss"].to_numpy(float),
        }
    )


#: A run is near-optimal when its reducible loss L - E is within this factor
#: of its budget's best run's (Bi et al. 2024 fit their laws to a band of
#: near-optimal runs rather than to the single best one).
NEAR_OPTIMAL_BAND = 1.25


def _band_optimum(log_lr, log_batch, reducible, band):
    """Geometric means of the rate and batch of the runs whose reducible loss is within ``band`` of the best."""
    near = reducible <= band * reducible.min()
    return log_lr[near].mean(), log_batch[near].mean(), int(near.sum())


@dataclass(frozen=True)
class HyperparameterFit:
    """eta_opt(C) and B_opt(C) fitted as power laws to the near-optimal runs of a learning-rate x batch grid.

    Attributes
    ----------
    optima : pandas.DataFrame
        Index budget; ``flops`` (mean 6ND of the budget's runs), ``lr_opt``
        and ``batch_opt`` (tokens): geometric means over the near-optimal
        runs, ``n_near`` of them; ``lr_best``, ``batch_best``, ``loss_best``
        of the best run.
    lr_exponent, batch_exponent : float
        Slopes of ln eta_opt and ln B_opt against ln C.
    lr_coefficient, batch_coefficient : float
        The laws' values at C = 1 FLOP (power-law prefactors).
    intervals : dict
        ``{"lr_exponent": (lo, hi), "batch_exponent": (lo, hi)}``, bootstrap
        percentile intervals from resampling the runs within each budget.
    band : float
        The near-optimal band (:data:`NEAR_OPTIMAL_BAND`).
    level : float
    """

    optima: pd.DataFrame
    lr_exponent: float
    batch_exponent: float
    lr_coefficient: float
    batch_coefficient: float
    intervals: dict = field(repr=False)
    band: float = NEAR_OPTIMAL_BAND
    level: float = 0.8

    def lr(self, C):
        """The fitted eta_opt at ``C`` FLOPs."""
        return self.lr_coefficient * np.asarray(C, float) ** self.lr_exponent

    def batch_tokens(self, C):
        """The fitted B_opt (tokens) at ``C`` FLOPs."""
        return self.batch_coefficient * np.asarray(C, float) ** self.batch_exponent


def _fit_laws(budget, flops, log_lr, log_batch, reducible, band=NEAR_OPTIMAL_BAND):
    """Each budget's near-optimal band, then ln eta_opt and ln B_opt linear in ln C: (slope, intercept) of each."""
    lc, lx, ly = [], [], []
    for b in np.unique(budget):
        rows = budget == b
        x, y, _ = _band_optimum(log_lr[rows], log_batch[rows], reducible[rows], band)
        lc.append(np.log(flops[rows].mean()))
        lx.append(x)
        ly.append(y)
    return np.polyfit(lc, lx, 1), np.polyfit(lc, ly, 1)


def _reducible(table):
    reducible = (table["loss"] - table["irreducible_loss"]).to_numpy(float)
    if not np.all(reducible > 0):
        raise ValueError(
            "every run's loss must lie above its irreducible loss (a known floor is needed)."
        )
    return reducible


def near_optimal(table, band=NEAR_OPTIMAL_BAND):
    """The near-optimal runs of each budget: reducible loss within ``band`` times the budget's best."""
    reducible = pd.Series(_reducible(table), index=table.index)
    best = reducible.groupby(table["budget"]).transform("min")
    return table[reducible <= band * best]


def lr_batch_optima(table, band=NEAR_OPTIMAL_BAND):
    """Each budget's optimum: the near-optimal band's geometric means, and the best run.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lr_batch_table`.
    band : float, default 1.25
        Runs whose reducible loss is at most ``band`` times the best run's
        are near-optimal.

    Returns
    -------
    pandas.DataFrame
        See :attr:`HyperparameterFit.optima`.
    """
    if not band >= 1:
        raise ValueError(f"band must be >= 1, got {band!r}.")
    table = table.assign(reducible=_reducible(table))
    rows = {}
    for b, g in table.groupby("budget"):
        x, y, n = _band_optimum(
            np.log(g["lr"]).to_numpy(),
            np.log(g["batch_tokens"]).to_numpy(),
            g["reducible"].to_numpy(),
            band,
        )
        best = g.loc[g["loss"].idxmin()]
        rows[b] = {
            "flops": g["flops_6nd"].mean(),
            "lr_opt": float(np.exp(x)),
            "batch_opt": float(np.exp(y)),
            "n_near": n,
            "lr_best": best["lr"],
            "batch_best": int(best["batch_tokens"]),
            "loss_best": best["loss"],
        }
    return pd.DataFrame(rows).T.rename_axis("budget").astype({"n_near": int})


def hyperparameter_laws(
    table, *, band=NEAR_OPTIMAL_BAND, n_bootstrap=1000, seed=0, level=0.8
):
    """Fit eta_opt(C) = k C^e and B_opt(C) = k' C^e' through each budget's near-optimal runs.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lr_batch_table`: at least two budgets, each a grid of rates x batch sizes.
    band : float, default 1.25
        See :func:`lr_batch_optima`.
    n_bootstrap : int, default 1000
        Resamples of the runs, drawn with replacement within each budget.
    seed : int, default 0
    level : float, default 0.8

    Returns
    -------
    HyperparameterFit
    """
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=10)
    level = as_level(level)
    budget = table["budget"].to_numpy(float)
    if np.unique(budget).size < 2:
        raise ValueError("fitting a law in C needs at least two budgets.")
    arrays = (
        budget,
        table["flops_6nd"].to_numpy(float),
        np.log(table["lr"].to_numpy(float)),
        np.log(table["batch_tokens"].to_numpy(float)),
        _reducible(table),
    )
    optima = lr_batch_optima(table, band)

    def fit_fn(*columns):
        return _fit_laws(*columns, band=band)

    (lr_slope, lr_icpt), (b_slope, b_icpt) = fit_fn(*arrays)
    boot = refit_on_rows(
        fit_fn,
        arrays,
        stratified_resamples(budget, n_bootstrap, seed),
        stat_fn=lambda fits: [fits[0][0], fits[1][0]],
        names=("lr_exponent", "batch_exponent"),
        level=level,
        seed=seed,
    )
    return HyperparameterFit(
        optima=optima,
        lr_exponent=float(lr_slope),
        batch_exponent=float(b_slope),
        lr_coefficient=float(np.exp(lr_icpt)),
        batch_coefficient=float(np.exp(b_icpt)),
        intervals=dict(boot.intervals),
        band=band,
        level=level,
    )


def load_lr_batch():
    """The committed ``markov_lr_batch`` sweep as :func:`lr_batch_table`."""
    return lr_batch_table(load_runs("markov_lr_batch"))
