"""The learning-rate schedule experiment of chapter 6: one long cosine read early, or a cosine per budget.

Kaplan et al. (2020, section 2) trained every model with the same schedule
(a 3000-step warm-up, then a cosine decay over 2.5e5 steps) and read the
learning curves at intermediate steps as if each point were a finished
run. Hoffmann et al. (2022, Fig. A1 and their discussion of Kaplan et al.)
argue that a point read partway through a long cosine overestimates the loss
of a run whose cosine ends there, and that this pushed Kaplan et al. towards
large models; they match the schedule to every token budget instead. Porian et al. (2024)
measure the effect of that one change on the exponent of N_opt ~ C^a as
0.604 -> 0.571 on RefinedWeb, and find that a constant learning rate,
with the optimiser tuned, also gives Hoffmann's a ~ 0.5.

This module builds the three designs ("arms") on one isoFLOP grid of the
Markov language (budgets C_i times model sizes N_j, D_ij = C_i / 6 N_j with N
non-embedding, as in :func:`scalinglaws.train.recipes.isoflop`):

``"matched"`` (Hoffmann et al.)
    one run per (C_i, N_j), its cosine ending at D_ij.
``"long"`` (Kaplan et al.)
    one run per size, every size with the *same* cosine length D_long (the
    largest D_ij of the grid), stopped after its last read-out and read at
    each D_ij.
``"constant"`` (Porian et al.'s no-decay setting)
    one run per size at a constant learning rate after the warm-up, read at
    each D_ij.

Every cosine decays to 10% of the peak rate, as Hoffmann et al.'s do
(Kaplan et al. decayed to zero). Every run of a size warms up over the same
number of tokens (5% of that size's shortest run) and starts from the same seed, hence the same
initialisation and the same stream of training data: at any read-out the
arms differ in the decay of the learning rate only.

:func:`scalinglaws.train.recipes.schedule_study_configs` builds the runs (the
recipes live with the trainer, which this analysis module builds on), ``make sweeps`` (``python -m
scalinglaws.train.sweeps --only markov_schedule``) trains them into the committed
results ``lib/scalinglaws/data/runs/markov_schedule.csv``, :func:`study_points` turns
the runs into one row per (arm, budget, size) read-out, and
:func:`analyse_schedule_study` fits Approach 2 to each arm with paired subsample
intervals. Chapter 6 (*Why Kaplan and Chinchilla disagree*) uses all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scalinglaws.fitting import fit_isoflop
from scalinglaws.fitting.replication import SubsampleRefits, subsample_refits
from scalinglaws.train.recipes import SCHEDULE_ARMS as ARMS
from scalinglaws.train.recipes import SCHEDULE_SWEEP as SWEEP_NAME
from scalinglaws.train.recipes import STUDY_GRID, schedule_study_configs  # noqa: F401  (the designs, re-exported)
from scalinglaws.train.results import load_runs


def study_points(runs):
    """One row per read-out of the schedule experiment: the losses each arm stands in for a finished run.

    Parameters
    ----------
    runs : pandas.DataFrame
        Results of :func:`scalinglaws.train.recipes.schedule_study_configs` as :func:`scalinglaws.train.load_runs` reads them.

    Returns
    -------
    pandas.DataFrame
        Columns ``arm``, ``budget`` (nominal FLOPs), ``d_model``, ``n_layers``,
        ``n_params``, ``n_params_non_embedding``, ``tokens``, ``flops_6nd``
        (6 N D with N non-embedding), ``loss`` (held-out, nats/token),
        ``irreducible_loss``, ``schedule_tokens`` (the cosine's length) and
        ``schedule_fraction`` (tokens / schedule_tokens: 1 for a finished
        cosine), sorted by arm, budget and size.

    Raises
    ------
    ValueError
        If a run is not from the schedule experiment or lacks a read-out.
    """
    rows = []
    for r in runs.itertuples(index=False):
        tags, config = r.tags or {}, r.config
        arm = tags.get("arm")
        if arm not in ARMS:
            raise ValueError(
                f"run {r.run_id} has no schedule-experiment arm in its tags ({tags!r})."
            )
        reads = [[tags["budget"], r.tokens]] if arm == "matched" else tags["reads"]
        schedule = config["schedule_tokens"] or config["tokens"]
        for budget, tokens in reads:
            if tokens not in r.curve_tokens:
                raise ValueError(
                    f"run {r.run_id} was not evaluated at {tokens} tokens, a read-out of its design."
                )
            rows.append(
                {
                    "arm": arm,
                    "budget": float(budget),
                    "d_model": config["model"]["d_model"],
                    "n_layers": config["model"]["n_layers"],
                    "n_params": r.n_params,
                    "n_params_non_embedding": r.n_params_non_embedding,
                    "tokens": int(tokens),
                    "flops_6nd": 6.0 * r.n_params_non_embedding * tokens,
                    "loss": r.curve_loss[r.curve_tokens.index(tokens)],
                    "irreducible_loss": r.irreducible_loss,
                    "schedule_tokens": int(schedule),
                    "schedule_fraction": tokens / schedule,
                }
            )
    out = pd.DataFrame(rows)
    out["arm"] = pd.Categorical(out["arm"], categories=list(ARMS), ordered=True)
    return out.sort_values(["arm", "budget", "n_params_non_embedding"]).reset_index(
        drop=True
    )


def load_schedule_study():
    """The committed schedule experiment as read-outs (:func:`study_points` of ``markov_schedule.csv``)."""
    return study_points(load_runs(SWEEP_NAME))


@dataclass(frozen=True)
class ScheduleStudy:
    """Approach 2 fitted to each arm of the schedule experiment, with paired intervals.

    Attributes
    ----------
    fits : dict
        ``{arm: IsoflopFit}``: parabola per budget, then N_opt ~ C^a.
    refits : SubsampleRefits
        Refits on subsamples of the grid cells, the same cells dropped in
        every arm (statistics :attr:`names`).
    names : tuple of str
        ``"a_<arm>"`` for each arm, ``"a_<arm> - a_matched"`` for the
        others, then ``"log_tokens_per_parameter_<arm>"``: the natural log of
        D_opt / N_opt at :attr:`budget` from each arm's fitted power laws
        (a logarithm, so that its rescaled spread stays meaningful).
    budget : float
        The grid's largest budget in FLOPs, where tokens per parameter are read.
    """

    fits: dict
    refits: SubsampleRefits
    names: tuple
    budget: float

    def table(self, rescaled=True):
        """A DataFrame of every statistic with its estimate and interval (columns ``estimate``, ``lo``, ``hi``).

        Tokens per parameter are given as ratios, rows ``"D/N_<arm>"``.

        Parameters
        ----------
        rescaled : bool, default True
            Intervals rescaled to the spread of a fit to the full grid
            (:func:`scalinglaws.fitting.replication.rescale_subsample_spread`);
            False gives the raw subsample percentiles (Hoffmann et al.'s Table 2 procedure).
        """
        result = self.refits.rescaled if rescaled else self.refits.raw
        rows = []
        for name, estimate in zip(result.names, result.estimate):
            lo, hi = result.intervals[name]
            if name.startswith("log_tokens_per_parameter_"):
                name = "D/N_" + name.removeprefix("log_tokens_per_parameter_")
                estimate, lo, hi = np.exp([estimate, lo, hi])
            rows.append(
                {
                    "statistic": name,
                    "estimate": float(estimate),
                    "lo": float(lo),
                    "hi": float(hi),
                }
            )
        return pd.DataFrame(rows).set_index("statistic")


def analyse_schedule_study(
    points, *, reference="matched", n_subsamples=200, fraction=0.8, seed=0
):
    """Fit N_opt ~ C^a to each arm by isoFLOP parabolas, with paired subsample intervals.

    Parameters
    ----------
    points : pandas.DataFrame
        Read-outs from :func:`study_points` (or any table with columns
        ``arm``, ``budget``, ``n_params_non_embedding``, ``tokens``,
        ``loss``); every arm must cover the same (budget, size) cells.
    reference : str, default "matched"
        The arm the others are compared with (``"a_<arm> - a_<reference>"``).
    n_subsamples : int, default 200
        Subsamples of the cells (Hoffmann et al. 2022 used 100).
    fraction : float, default 0.8
        Share of each budget's cells kept in a subsample.
    seed : int, default 0

    Returns
    -------
    ScheduleStudy

    Raises
    ------
    ValueError
        If an arm is missing or the arms cover different cells.
    """
    column = points["arm"]
    order = column.cat.categories if hasattr(column, "cat") else pd.unique(column)
    arms = [a for a in order if (column == a).any()]
    if reference not in arms or len(arms) < 2:
        raise ValueError(
            f"points must hold the {reference!r} arm and at least one other; got arms {arms}."
        )
    cells = points.pivot_table(
        index=["budget", "n_params_non_embedding"],
        columns="arm",
        values="loss",
        observed=True,
    )
    if cells.isna().any().any() or len(cells) * len(arms) != len(points):
        raise ValueError(
            "every arm must have exactly one read-out at each (budget, size) cell of the grid."
        )
    budget = cells.index.get_level_values("budget").to_numpy(float)
    size = cells.index.get_level_values("n_params_non_embedding").to_numpy(float)
    # 6 N D of each cell; D = C / 6N was rounded to whole steps, so C varies by
    # a fraction of a percent within a budget.
    tokens = points[points["arm"] == reference].set_index(
        ["budget", "n_params_non_embedding"]
    )["tokens"]
    flops = 6.0 * size * tokens.loc[cells.index].to_numpy(float)
    losses = [cells[a].to_numpy(float) for a in arms]
    others = [a for a in arms if a != reference]
    names = (
        tuple(f"a_{a}" for a in arms)
        + tuple(f"a_{a} - a_{reference}" for a in others)
        + tuple(f"log_tokens_per_parameter_{a}" for a in arms)
    )
    top = float(budget.max())

    def fit_all(n, c, *ls):
        return [fit_isoflop(n, c, loss, budget_rtol=0.02) for loss in ls]

    def stats(fits):
        a = dict(zip(arms, (f.a for f in fits)))
        log_ratio = [float(np.log(f.d_law(top) / f.n_law(top))) for f in fits]
        return [a[x] for x in arms] + [a[x] - a[reference] for x in others] + log_ratio

    fits = dict(zip(arms, fit_all(size, flops, *losses)))
    refits = subsample_refits(
        fit_all,
        (size, flops, *losses),
        n_subsamples=n_subsamples,
        fraction=fraction,
        seed=seed,
        stat_fn=stats,
        groups=budget,
        names=names,
    )
    return ScheduleStudy(fits=fits, refits=refits, names=names, budget=top)
