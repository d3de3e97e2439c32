"""An isoFLOP study read every way: three approaches x two ways of counting parameters.

Hoffmann et al. (2022) estimate the compute-optimal allocation three ways
(section 3): the lower envelope of training curves (Approach 1, section 3.1,
:func:`~scalinglaws.fitting.fit_envelope`), a parabola through each isoFLOP
profile (Approach 2, section 3.2, :func:`~scalinglaws.fitting.fit_isoflop`)
and the parametric loss of their eq. (2) fitted by eq. (11) (Approach 3,
section 3.3, :func:`~scalinglaws.fitting.fit_parametric`). Each ends with an
exponent a of N_opt ~ C^a and a ratio D_opt / N_opt at a given budget.

Which N? Kaplan et al. (2020) count non-embedding parameters and
Hoffmann et al. count all of them. Pearce and Song (2024, "Reconciling
Kaplan and Chinchilla scaling laws") show that the choice alone moves the
exponent at small scale, where the embedding is a large share of N, and
Porian et al. (2024, "Resolving discrepancies in compute-optimal scaling of
language models") list it first among the causes of the disagreement (with
the last layer's FLOPs, warm-up and learning-rate tuning).
:func:`allocation_study` therefore fits every approach twice, on the same
runs, with N counted each way and C = 6 N D counted with that N, and puts
the FLOPs the model actually spends (``flops_counted``) beside 6 N D.

Intervals are 80% bootstrap percentile intervals, as Hoffmann et al.'s
Table 2 (10th to 90th percentile): runs resampled with replacement for
Approaches 1 and 3, and within each budget for Approach 2 (a resample of all
runs can leave a budget with too few sizes for a parabola; resampling within
budgets keeps the design, and a budget left with fewer than three distinct
sizes sits out that refit).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scalinglaws._validation import as_count, as_level, as_seed, positive_scalar
from scalinglaws.fitting._inputs import positive_points
from scalinglaws.fitting.bootstrap import refit_on_rows
from scalinglaws.fitting.envelope import fit_envelope
from scalinglaws.fitting.isoflop import IsoflopFit, profile_minimum
from scalinglaws.fitting.loglinear import fit_log_linear
from scalinglaws.fitting.parametric import fit_parametric
from scalinglaws.fitting.result import attach
from scalinglaws.fitting.statistics import allocation_statistics
from scalinglaws.laws import MUENNIGHOFF_2023_DATA_CONSTRAINED

#: Counting name -> the run column holding that N.
COUNTINGS = {"all": "n_params", "non-embedding": "n_params_non_embedding"}

#: Approach names, in Hoffmann et al.'s order (section 3.1, 3.2, 3.3).
APPROACHES = ("envelope", "isoflop", "parametric")

#: Sizes a budget needs for a parabola in Approach 2.
MIN_SIZES = 3


def fit_isoflop_counted(N, D, budget, L) -> IsoflopFit:
    """Approach 2 (Hoffmann et al. 2022, section 3.2) with N counted any way.

    The runs of one nominal budget share C = 6 N D for one count of N only
    (the one the grid was designed with). Counted another way, the runs of
    a profile spend slightly different C. Per profile this fits the parabola
    L = p0 + p1 log N + p2 (log N)^2, takes its vertex as N_opt, reads D_opt
    off the straight line log D ~ log N through the profile's runs, and
    gives the profile the compute C_opt = 6 N_opt D_opt in the same count.
    With N the count the grid was designed with, C_opt is the budget and
    this is :func:`~scalinglaws.fitting.fit_isoflop`.

    Parameters
    ----------
    N, D, L : array_like, shape (n,)
        Parameters (any count), tokens and final loss of each run.
    budget : array_like, shape (n,)
        The nominal budget of each run: runs with equal values form a profile.

    Returns
    -------
    IsoflopFit
        With ``budgets`` = C_opt of each profile kept. Profiles with fewer
        than three distinct sizes, or a parabola opening downwards, are left
        out (``dropped_budgets`` holds the nominal budgets).

    Raises
    ------
    ValueError
        On bad inputs, or fewer than two profiles with a minimum.
    """
    N, D, budget, L = positive_points(2 * MIN_SIZES, N=N, D=D, budget=budget, L=L)
    c_opt, n_opt, l_opt, parabolas, dropped = [], [], [], [], []
    for b in np.unique(budget):
        at = budget == b
        log_n, log_d, loss = np.log(N[at]), np.log(D[at]), L[at]
        if np.unique(log_n).size < MIN_SIZES:
            dropped.append(float(b))
            continue
        parabola = profile_minimum(log_n, loss)
        if parabola is None:
            dropped.append(float(b))
            continue
        vertex, loss_at_vertex, coefficients = parabola
        slope, intercept = np.polyfit(log_n, log_d, 1)
        c_opt.append(6.0 * np.exp(vertex) * np.exp(intercept + slope * vertex))
        n_opt.append(float(np.exp(vertex)))
        l_opt.append(loss_at_vertex)
        parabolas.append(coefficients)
    if len(c_opt) < 2:
        raise ValueError(
            f"only {len(c_opt)} isoFLOP profile(s) have a minimum; the exponent needs two."
        )
    c_opt, n_opt = np.array(c_opt), np.array(n_opt)
    d_opt = c_opt / (6.0 * n_opt)
    fit = IsoflopFit(
        method="parabola",
        budgets=c_opt,
        N_opt=n_opt,
        D_opt=d_opt,
        L_opt=np.array(l_opt),
        n_law=fit_log_linear(c_opt, n_opt),
        d_law=fit_log_linear(c_opt, d_opt),
        parabolas=np.array(parabolas),
        dropped_budgets=tuple(dropped),
    )
    return attach(fit, fit_isoflop_counted, N, D, budget, L)


def stratified_resamples(groups, n_resamples, seed=0) -> np.ndarray:
    """Bootstrap resamples drawn within groups: each row keeps every group's size.

    Parameters
    ----------
    groups : array_like, shape (n,)
        Group label of each point (e.g. its budget).
    n_resamples : int
    seed : int

    Returns
    -------
    ndarray of int, shape (n_resamples, n)
        Row r holds, at the positions of each group, indices drawn with
        replacement from that group.
    """
    groups = np.asarray(groups)
    n_resamples = as_count(n_resamples, "n_resamples", minimum=1)
    rng = np.random.default_rng(as_seed(seed))
    idx = np.empty((n_resamples, groups.size), dtype=np.int64)
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        idx[:, members] = rng.choice(members, size=(n_resamples, members.size))
    return idx


def effective_tokens(D, unique_tokens, law=MUENNIGHOFF_2023_DATA_CONSTRAINED):
    """Muennighoff et al.'s (2023) effective tokens D' of D tokens drawn from a stock of unique ones.

    D' = U + U R* (1 - exp(-R / R*)) with R = D / U - 1 repetitions
    (their eq. 5, R_D* = 15.4); D' = D while D <= U.
    """
    D = np.asarray(D, dtype=float)
    U = np.minimum(positive_scalar(unique_tokens, "unique_tokens"), D)
    return np.asarray(law.effective_data(D, U), dtype=float)


@dataclass(frozen=True)
class AllocationStudy:
    """Result of :func:`allocation_study`.

    Attributes
    ----------
    table : pandas.DataFrame
        Index (approach, counting); columns ``a``, ``a_lo``, ``a_hi``,
        ``tokens_per_parameter``, ``tpp_lo``, ``tpp_hi`` (D_opt / N_opt at
        :attr:`reference_budget`), ``n_failed`` (bootstrap refits left out).
    flops : pandas.DataFrame
        Index counting; ``flops_counted`` / (6 N D) over the runs: ``min``,
        ``median``, ``max``.
    fits : dict
        (approach, counting) -> the full-data fit.
    reference_budget : float
        FLOPs (6 N D in each counting) at which tokens per parameter are read.
    level : float
        Coverage of the intervals.
    """

    table: pd.DataFrame
    flops: pd.DataFrame
    fits: dict = field(repr=False)
    reference_budget: float
    level: float


def allocation_study(
    runs,
    *,
    n_bootstrap=1000,
    seed=0,
    level=0.8,
    reference_budget=None,
    unique_tokens=None,
    approaches=None,
    countings=None,
) -> AllocationStudy:
    """Fit Hoffmann et al.'s three approaches to an isoFLOP sweep, counting N two ways.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per run (e.g. :func:`scalinglaws.train.load_runs`): columns
        ``n_params``, ``n_params_non_embedding``, ``tokens``, ``final_loss``,
        ``budget`` (the nominal budget), ``flops_counted``, and the learning
        curve ``curve_tokens`` / ``curve_loss`` (lists) for Approach 1.
    n_bootstrap : int, default 1000
        Bootstrap resamples per fit.
    seed : int, default 0
    level : float, default 0.8
        Interval coverage (0.8: 10th to 90th percentile, Hoffmann et al. Table 2).
    reference_budget : float, optional
        Budget at which tokens per parameter are read; default the largest
        nominal budget.
    unique_tokens : float, optional
        Size of the training set. When given, Approach 3 is also fitted on
        Muennighoff et al.'s effective tokens (:func:`effective_tokens`),
        as approach ``"parametric, D'"``.
    approaches : sequence of str, optional
        Fit only these approaches (of ``"envelope"``, ``"isoflop"``,
        ``"parametric"`` and ``"parametric, D'"``); default all.
    countings : sequence of str, optional
        Count N only these ways (keys of :data:`COUNTINGS`); default both.

    Returns
    -------
    AllocationStudy
    """
    level = as_level(level)
    budget = runs["budget"].to_numpy(dtype=float)
    C_ref = float(budget.max() if reference_budget is None else reference_budget)
    D = runs["tokens"].to_numpy(dtype=float)
    L = runs["final_loss"].to_numpy(dtype=float)
    stat = allocation_statistics(C_ref)
    countings = _chosen(countings, COUNTINGS, "countings")
    rows, fits, ratios = [], {}, {}
    for counting, column in countings.items():
        N = runs[column].to_numpy(dtype=float)
        ratios[counting] = runs["flops_counted"].to_numpy(dtype=float) / (6 * N * D)
        curves = (
            [
                6.0 * n * np.asarray(t, dtype=float)
                for n, t in zip(N, runs["curve_tokens"])
            ],
            [np.asarray(x, dtype=float) for x in runs["curve_loss"]],
        )
        inputs = {
            "envelope": (N, *curves, (budget.min(), budget.max())),
            "isoflop": (N, D, budget, L),
            "parametric": (N, D, L),
        }
        if unique_tokens is not None:
            inputs["parametric, D'"] = (N, effective_tokens(D, unique_tokens), L)
        for approach, arrays in _chosen(approaches, inputs, "approaches").items():
            fit, row = _fit_with_intervals(
                approach, arrays, stat, C_ref, n_bootstrap, seed, level
            )
            fits[approach, counting] = fit
            rows.append({"approach": approach, "counting": counting, **row})
    table = pd.DataFrame(rows).set_index(["approach", "counting"])
    flops = pd.DataFrame(
        {
            c: {"min": r.min(), "median": np.median(r), "max": r.max()}
            for c, r in ratios.items()
        }
    ).T
    return AllocationStudy(table, flops, fits, C_ref, level)


def _chosen(names, options, what):
    """The entries of ``options`` named in ``names`` (all when None), in their order."""
    if names is None:
        return options
    unknown = sorted(set(names) - set(options))
    if unknown or not names:
        raise ValueError(
            f"{what} must name some of {list(options)}, got {list(names)!r}."
        )
    return {k: v for k, v in options.items() if k in names}


def _fit_with_intervals(approach, arrays, stat, C_ref, n_bootstrap, seed, level):
    """One approach's full-data fit, and its a and D/N at C_ref with bootstrap intervals."""
    with warnings.catch_warnings():
        # Refits without a trend or a minimum are left out and counted (n_failed).
        warnings.simplefilter("ignore", RuntimeWarning)
        if approach.startswith("parametric"):  # Approach 3 bootstraps itself, batched
            with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
                fit = fit_parametric(
                    *arrays,
                    n_bootstrap=n_bootstrap,
                    seed=seed,
                    budget=C_ref,
                    level=level,
                )
            return fit, {
                "a": fit.law.a,
                "a_lo": fit.ci["a"][0],
                "a_hi": fit.ci["a"][1],
                "tokens_per_parameter": fit.law.tokens_per_parameter(C_ref),
                "tpp_lo": fit.ci["tokens_per_parameter"][0],
                "tpp_hi": fit.ci["tokens_per_parameter"][1],
                "n_failed": fit.bootstrap().n_failed,
            }
        if approach == "envelope":
            N, flops, losses, flop_range = arrays
            fit = fit_envelope(N, flops, losses, flop_range=flop_range)
            result = fit.bootstrap(n_bootstrap, seed, stat_fn=stat, level=level)
        else:
            fit = fit_isoflop_counted(*arrays)
            idx = stratified_resamples(arrays[2], n_bootstrap, seed)
            result = refit_on_rows(
                fit_isoflop_counted, fit.data, idx, stat_fn=stat, level=level, seed=seed
            )
    dn_lo, dn_hi = result.intervals[stat.names[4]]
    return fit, {
        "a": fit.a,
        "a_lo": result.intervals["a"][0],
        "a_hi": result.intervals["a"][1],
        "tokens_per_parameter": 10 ** result.estimate[4],
        "tpp_lo": 10**dn_lo,
        "tpp_hi": 10**dn_hi,
        "n_failed": result.n_failed,
    }


#: Row labels of :func:`compare_with_published` for the study's approaches.
APPROACH_LABELS = {
    "envelope": "1. envelope of training curves",
    "isoflop": "2. isoFLOP parabolas",
    "parametric": "3. parametric fit",
    "parametric, D'": "3. parametric fit, repetition-corrected D'",
}


def compare_with_published(study, table2, tokens_per_parameter=20.0):
    """The study's table beside Hoffmann et al.'s Table 2, formatted for reading.

    Parameters
    ----------
    study : AllocationStudy
    table2 : pandas.DataFrame
        Hoffmann et al. (2022) Table 2 (``datasets.load("chinchilla_table2")``):
        columns ``approach``, ``a``, ``a_p10``, ``a_p90``; its last row is
        Kaplan et al. (2020), who count non-embedding parameters.
    tokens_per_parameter : float, default 20
        The published ratio shown beside Hoffmann et al.'s rows (Chinchilla:
        1.4T tokens for 70B parameters, their Table 1).

    Returns
    -------
    pandas.DataFrame
        Index (source, approach, counting); columns ``a (80% interval)``
        and ``D/N at <budget> (80% interval)``, as text.
    """
    t = study.table
    ratio = f"D/N at {study.reference_budget:.2g} FLOPs (80% interval)"
    rows = [
        {
            "source": "Tiny Shakespeare (this book)",
            "approach": APPROACH_LABELS.get(approach, approach),
            "counting": counting,
            "a (80% interval)": f"{r.a:.2f} ({r.a_lo:.2f} to {r.a_hi:.2f})",
            ratio: f"{r.tokens_per_parameter:.0f} ({r.tpp_lo:.0f} to {r.tpp_hi:.0f})",
        }
        for (approach, counting), r in t.iterrows()
    ]
    for _, r in table2.iterrows():
        kaplan = r.approach.startswith("Kaplan")
        interval = "" if np.isnan(r.a_p10) else f" ({r.a_p10:.3g} to {r.a_p90:.3g})"
        rows.append(
            {
                "source": "Kaplan et al. 2020" if kaplan else "Hoffmann et al. 2022",
                "approach": "eq. 6.1" if kaplan else r.approach,
                "counting": "non-embedding" if kaplan else "all",
                "a (80% interval)": f"{r.a:.2f}{interval}",
                ratio: "" if kaplan else f"about {tokens_per_parameter:.0f}",
            }
        )
    return pd.DataFrame(rows).set_index(["source", "approach", "counting"])
