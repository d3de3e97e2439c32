"""The training-recipe experiments of chapter 9: weight decay, warm-up-stable-decay, learning rate and batch size.

Each experiment is a committed sweep paired with a control trained with the
same seeds and the same stream of data (:mod:`scalinglaws.train.recipes`
builds them), so that a difference between arms is the recipe's and not
the luck of a seed:

``markov_adamw`` against ``markov_isoflop``
    The Markov isoFLOP grid with AdamW's decoupled weight decay 0.1 against
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
    allocation to each, and :func:`design_cost` counts what each design trains.
``markov_lr_batch``
    Peak learning rate x batch size at five budgets along the compute
    frontier: :func:`lr_batch_optima` takes each budget's near-optimal runs
    (reducible loss within 25% of the best run's) and their geometric-mean
    rate and batch; :func:`fit_hyperparameter_laws` fits eta_opt(C) and
    B_opt(C) as power laws through them, as DeepSeek LLM do with their band
    of near-optimal runs (Bi et al. 2024, section 3.1), with bootstrap
    intervals over the runs of each budget.
``markov_recipe_forecast``
    :func:`plan_recipe` turns the fits into the recipe of a run at ten
    times the largest budget (size, tokens, rate, batch) and a forecast of
    its loss, stated before the run is trained; the committed sweep then
    trains that recipe beside the book's default one.

:func:`load_sweep` reads a committed sweep, or re-trains it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from scalinglaws._validation import as_count, as_level
from scalinglaws.fitting import fit_power_law
from scalinglaws.fitting.allocation_study import (
    allocation_study,
    fit_isoflop_counted,
    stratified_resamples,
)
from scalinglaws.fitting.bootstrap import refit_on_rows
from scalinglaws.fitting.loss_forecast import LossForecast
from scalinglaws.schedule_study import analyse_schedule_study, study_points
from scalinglaws.train import recipes
from scalinglaws.train.config import RunConfig
from scalinglaws.train.optim import schedule_for_budget
from scalinglaws.train.results import load_runs
from scalinglaws.train.run import describe_model
from scalinglaws.train.runner import run_sweep


def load_sweep(name, retrain=False, *, workers=2):
    """A committed sweep of :data:`scalinglaws.train.recipes.SWEEPS`, or the same runs trained afresh.

    Parameters
    ----------
    name : str
        The sweep's name (e.g. ``"markov_adamw"``).
    retrain : bool, default False
        Train every run again in a temporary folder (minutes to tens of
        minutes, see ``make sweeps``) instead of reading the committed results.
    workers : int, default 2

    Returns
    -------
    pandas.DataFrame
        As :func:`scalinglaws.train.load_runs`.
    """
    if name not in recipes.SWEEPS:
        raise ValueError(
            f"unknown sweep {name!r}; the sweeps are {sorted(recipes.SWEEPS)}."
        )
    if not retrain:
        return load_runs(name)
    path = Path(tempfile.mkdtemp(prefix=f"{name}_")) / f"{name}.csv"
    run_sweep(recipes.SWEEPS[name](), path, workers=workers, progress=False)
    return load_runs(path)


#: The committed sweeps of each experiment: (control, treated).
WEIGHT_DECAY_SWEEPS = {
    "markov": ("markov_isoflop", "markov_adamw"),
    "shakespeare": ("shakespeare_isoflop", "shakespeare_adamw"),
}

# ------------------------------------------------------------------ weight decay


def _cells(runs, arm):
    """One row per (budget, size) of an isoFLOP sweep, in the columns the paired fits read."""
    return pd.DataFrame(
        {
            "arm": arm,
            "budget": runs["budget"].to_numpy(float),
            "n_params_non_embedding": runs["n_params_non_embedding"].to_numpy(float),
            "tokens": runs["tokens"].to_numpy(float),
            "loss": runs["final_loss"].to_numpy(float),
        }
    )


@dataclass(frozen=True)
class WeightDecayStudy:
    """Result of :func:`weight_decay_study`.

    Attributes
    ----------
    table : pandas.DataFrame
        Index (approach, arm) for Approaches 2 (``"isoflop"``) and 3
        (``"parametric"``), N non-embedding; columns ``a``, ``a_lo``,
        ``a_hi`` and ``tokens_per_parameter``, ``tpp_lo``, ``tpp_hi`` at the
        largest budget (bootstrap intervals of each arm alone).
    paired : pandas.DataFrame
        Approach 2 on both arms with the same cells dropped in every
        subsample: rows ``a_adam``, ``a_adamw``, ``a_adamw - a_adam``;
        columns ``estimate``, ``lo``, ``hi``.
    frontier : pandas.DataFrame
        Index budget; the lowest loss of each arm on the grid and their difference.
    fits : dict
        (approach, arm) -> the full-data fit (``IsoflopFit`` or ``ParametricFit``).
    level : float
    """

    table: pd.DataFrame
    paired: pd.DataFrame
    frontier: pd.DataFrame
    fits: dict = field(repr=False)
    level: float = 0.8


def weight_decay_study(control, treated, *, n_bootstrap=400, seed=0, level=0.8):
    """Does weight decay move the compute-optimal allocation? Approaches 2 and 3 on both arms.

    Parameters
    ----------
    control, treated : pandas.DataFrame
        The same isoFLOP grid trained with weight decay 0 and with weight
        decay (:func:`scalinglaws.train.load_runs` of the sweeps in
        :data:`WEIGHT_DECAY_SWEEPS`), run for run.
    n_bootstrap : int, default 400
        Resamples per fit, and subsamples of the paired fit.
    seed : int, default 0
    level : float, default 0.8

    Returns
    -------
    WeightDecayStudy

    Raises
    ------
    ValueError
        If the two sweeps do not cover the same (budget, size) cells.
    """
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=10)
    level = as_level(level)
    arms = {"adam": control, "adamw": treated}
    cells = {arm: _cells(runs, arm) for arm, runs in arms.items()}
    keys = [
        sorted(zip(c["budget"], c["n_params_non_embedding"])) for c in cells.values()
    ]
    if keys[0] != keys[1]:
        raise ValueError(
            "control and treated must be the same isoFLOP grid: their (budget, size) cells differ."
        )
    rows, fits = [], {}
    for arm, runs in arms.items():
        study = allocation_study(
            runs,
            n_bootstrap=n_bootstrap,
            seed=seed,
            level=level,
            approaches=("isoflop", "parametric"),
            countings=("non-embedding",),
        )
        for approach in ("isoflop", "parametric"):
            row = study.table.loc[(approach, "non-embedding")]
            rows.append({"approach": approach, "arm": arm, **row.to_dict()})
            fits[approach, arm] = study.fits[approach, "non-embedding"]
    table = pd.DataFrame(rows).set_index(["approach", "arm"]).sort_index()
    paired = analyse_schedule_study(
        pd.concat(cells.values(), ignore_index=True),
        reference="adam",
        n_subsamples=n_bootstrap,
        seed=seed,
    ).table()
    frontier = pd.DataFrame(
        {arm: c.groupby("budget")["loss"].min() for arm, c in cells.items()}
    )
    frontier["adamw - adam"] = frontier["adamw"] - frontier["adam"]
    return WeightDecayStudy(table, paired, frontier, fits, level)


def weight_decay_shrinkage(runs, weight_decay=None):
    """How far decoupled weight decay alone would shrink a matrix over each run: prod_t (1 - eta_t lambda).

    AdamW multiplies every matrix by (1 - eta_t lambda) at each step t
    (Loshchilov & Hutter 2019, Algorithm 2, in the form of
    :class:`scalinglaws.train.optim.AdamW`). Over a run the factors compound:
    a run of more steps, at the same rate and lambda, is regularised more.
    This is the run's whole exposure to the decay, in one number.

    Parameters
    ----------
    runs : pandas.DataFrame
        Runs with their ``config`` (as :func:`scalinglaws.train.load_runs` reads them).
    weight_decay : float, optional
        lambda; default each run's own (which is 0 for runs without decay).

    Returns
    -------
    numpy.ndarray
        The factor of each run, in (0, 1].
    """
    out = []
    for config in runs["config"]:
        config = RunConfig.from_dict(config)
        lam = config.weight_decay if weight_decay is None else float(weight_decay)
        if lam < 0:
            raise ValueError(f"weight_decay must be >= 0, got {lam!r}.")
        step = config.tokens_per_step
        total = config.tokens // step
        schedule = schedule_for_budget(
            config.lr,
            total * step,
            step,
            config.warmup_fraction,
            config.schedule_tokens,
            config.final_lr_fraction,
            config.cooldown_tokens,
        )
        rates = np.array([schedule(t) for t in range(total)])
        out.append(float(np.exp(np.sum(np.log1p(-rates * lam)))))
    return np.array(out)


def decay_exposure(pairs):
    """Each run's penalty from weight decay beside its shrinkage, for several paired sweeps.

    Parameters
    ----------
    pairs : dict
        ``{name: (control, treated)}``: the same runs without and with weight
        decay, row for row (e.g. the sweeps of :data:`WEIGHT_DECAY_SWEEPS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``data`` (the name), ``shrinkage``
        (:func:`weight_decay_shrinkage` of the treated run) and ``penalty``
        (its final loss minus the control's, nats).
    """
    frames = []
    for name, (control, treated) in pairs.items():
        if len(control) != len(treated):
            raise ValueError(f"{name}: control and treated must pair run for run.")
        frames.append(
            pd.DataFrame(
                {
                    "data": name,
                    "shrinkage": weight_decay_shrinkage(treated),
                    "penalty": treated["final_loss"].to_numpy(float)
                    - control["final_loss"].to_numpy(float),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def exposure_correlation(exposure):
    """Spearman rank correlation of penalty and shrinkage within each data set of :func:`decay_exposure`."""
    return (
        exposure.groupby("data")[["shrinkage", "penalty"]]
        .apply(lambda g: g["shrinkage"].corr(g["penalty"], method="spearman"))
        .rename("rank correlation")
    )


# ------------------------------------------------------------------ warm-up-stable-decay


def runs_of(runs, *, d_model, arm, n_layers=1):
    """The runs of one model shape and one design arm (``tags["arm"]``) of a sweep."""
    keep = [
        c["model"]["d_model"] == d_model
        and c["model"]["n_layers"] == n_layers
        and (t or {}).get("arm") == arm
        for c, t in zip(runs["config"], runs["tags"])
    ]
    return runs[keep]


def wsd_points(schedule_runs, wsd_runs):
    """Every design's loss at each (budget, size) cell: matched cosines and the warm-up-stable-decay arms.

    Parameters
    ----------
    schedule_runs : pandas.DataFrame
        The committed ``markov_schedule`` sweep (its ``matched`` arm is used).
    wsd_runs : pandas.DataFrame
        The committed ``markov_wsd`` sweep (arms in ``tags["arm"]``).

    Returns
    -------
    pandas.DataFrame
        Columns ``arm`` (``"matched"`` first), ``budget``, ``d_model``,
        ``n_layers``, ``n_params_non_embedding``, ``tokens``, ``loss``,
        ``cooldown_tokens`` (0 for a cosine).
    """
    cosine = study_points(schedule_runs)
    cosine = cosine[cosine["arm"] == "matched"].assign(cooldown_tokens=0)
    wsd = pd.DataFrame(
        {
            "arm": [t["arm"] for t in wsd_runs["tags"]],
            "budget": [float(t["budget"]) for t in wsd_runs["tags"]],
            "d_model": [c["model"]["d_model"] for c in wsd_runs["config"]],
            "n_layers": [c["model"]["n_layers"] for c in wsd_runs["config"]],
            "n_params_non_embedding": wsd_runs["n_params_non_embedding"],
            "tokens": wsd_runs["tokens"],
            "loss": wsd_runs["final_loss"],
            "cooldown_tokens": [c["cooldown_tokens"] for c in wsd_runs["config"]],
        }
    )
    columns = list(wsd.columns)
    out = pd.concat([cosine[columns].astype({"arm": str}), wsd], ignore_index=True)
    return out.sort_values(
        ["arm", "budget", "n_params_non_embedding"], key=_matched_first
    )


def _matched_first(column):
    return column.map(lambda a: (a != "matched", a)) if column.name == "arm" else column


def design_cost(points):
    """Tokens and FLOPs each design trains to produce the grid, and the runs it needs.

    A cosine design trains every (budget, size) cell from scratch. A
    warm-up-stable-decay design trains each size's stable phase once, up
    to its latest cool-down, then every cool-down.

    Parameters
    ----------
    points : pandas.DataFrame
        :func:`wsd_points`.

    Returns
    -------
    pandas.DataFrame
        Index arm; columns ``runs_from_scratch``, ``tokens``, ``flops_6nd``
        and ``flops_vs_matched`` (the FLOPs as a fraction of the matched cosines').
    """
    rows = {}
    for arm, group in points.groupby("arm", sort=False):
        sizes = group.groupby("n_params_non_embedding")
        if (group["cooldown_tokens"] == 0).all():
            tokens = group["tokens"]
            flops = 6.0 * group["n_params_non_embedding"] * tokens
            runs = len(group)
        else:
            stable = sizes.apply(
                lambda g: (g["tokens"] - g["cooldown_tokens"]).max(),
                include_groups=False,
            )
            cooldowns = sizes["cooldown_tokens"].sum()
            tokens = stable + cooldowns
            flops = 6.0 * tokens.index.to_numpy(float) * tokens
            runs = sizes.ngroups
        rows[arm] = {
            "runs_from_scratch": runs,
            "tokens": float(np.sum(tokens)),
            "flops_6nd": float(np.sum(flops)),
        }
    table = pd.DataFrame(rows).T
    table["flops_vs_matched"] = table["flops_6nd"] / table.loc["matched", "flops_6nd"]
    return table.astype({"runs_from_scratch": int})


def wsd_study(points, *, n_subsamples=200, seed=0):
    """The allocation exponent of each design, with paired subsample intervals against the matched cosines.

    Returns
    -------
    ScheduleStudy
        See :func:`scalinglaws.schedule_study.analyse_schedule_study`; rows
        ``a_wsd - a_matched`` and ``a_wsd_floor - a_matched`` are the shifts.
    """
    return analyse_schedule_study(
        points, reference="matched", n_subsamples=n_subsamples, seed=seed
    )


def wsd_cells(points):
    """The loss of every design at each (budget, size) cell: index (budget, N), one column per arm."""
    return points.pivot_table(
        index=["budget", "n_params_non_embedding"], columns="arm", values="loss"
    )


def wsd_summary(points, study):
    """Per design: runs from scratch, FLOPs against the matched cosines, and the exponent a with its interval.

    Parameters
    ----------
    points : pandas.DataFrame
        :func:`wsd_points`.
    study : ScheduleStudy
        :func:`wsd_study` of the same points.

    Returns
    -------
    pandas.DataFrame
        Index arm; columns ``runs_from_scratch``, ``flops_vs_matched``,
        ``a``, ``a_lo``, ``a_hi`` (paired subsample interval).
    """
    cost = design_cost(points)[["runs_from_scratch", "flops_vs_matched"]]
    table = study.table()
    exponents = table.loc[[f"a_{arm}" for arm in cost.index]].set_axis(cost.index)
    return cost.join(
        exponents.rename(columns={"estimate": "a", "lo": "a_lo", "hi": "a_hi"})
    )


# ------------------------------------------------------------------ learning rate x batch size


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


def fit_hyperparameter_laws(
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


# ------------------------------------------------------------------ a recipe for a larger budget


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
        From :func:`fit_hyperparameter_laws` (it gives the rate and batch).
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
