"""Figures and tables of chapter 5: isoFLOP profiles, envelopes, published models, allocations.

Hoffmann et al. (2022) estimate the compute-optimal allocation three ways: the
envelope of training curves (Approach 1), parabolas through isoFLOP profiles
(Approach 2, their Fig. 3) and a parametric loss (Approach 3, eq. 4). The helpers
here draw the first two from fits of :mod:`scalinglaws.fitting`, put published
models on the parameters-tokens plane against compute-optimal frontiers (after
Hoffmann et al.'s Fig. 1 and Besiroglu et al.'s 2024 Fig. 1), and collect the
allocation exponent ``a`` of several fits, with intervals, in one table.

Nothing here fits anything: callers pass fitted objects and numbers.

    >>> from scalinglaws.plotting import chinchilla
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from scalinglaws import compute
from scalinglaws._validation import as_finite, as_positive, same_length
from scalinglaws.planning import compute_optimal_allocation
from scalinglaws.plotting import (
    BOOK_COLOURS,
    REFERENCE_GREY,
    add_isoflop_lines,
    add_tokens_per_parameter_line,
    annotate_points,
    format_sci,
    format_si,
    loglog_axes,
)

__all__ = [
    "allocation_summary",
    "format_allocation_summary",
    "plot_envelope",
    "plot_isoflop_profiles",
    "plot_published_models",
    "subsample_interval_table",
]


def plot_isoflop_profiles(ax, fit, N, C, L, *, floor=None, xlabel="parameters N"):
    """Draw Approach 2: each budget's runs, its parabola in log N, and the minima.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    fit : IsoflopFit
        From :func:`scalinglaws.fitting.fit_isoflop` on the same runs (parabola
        method): ``budgets``, ``parabolas`` (p0, p1, p2 of L = p0 + p1 log N +
        p2 log^2 N), ``N_opt`` and ``L_opt``.
    N, C, L : array_like
        Parameters, budget (FLOPs) and final loss of every run.
    floor : float, optional
        An irreducible loss to draw as a dotted line.
    xlabel : str, default "parameters N"

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``N``, ``C`` and ``L`` differ in length or are not finite.
    """
    N, C, L = (np.atleast_1d(as_finite(v, k)) for k, v in zip("NCL", (N, C, L)))
    same_length(N=N, C=C, L=L)
    loglog_axes(ax, xlabel, "final loss (nats/token)", si_x=True, plain_y=True)
    colours = plt.cm.viridis(np.linspace(0, 0.88, len(fit.budgets)))
    for budget, (p0, p1, p2), colour in zip(fit.budgets, fit.parabolas, colours):
        at = np.isclose(C, budget)
        ax.scatter(N[at], L[at], s=14, color=colour)
        log_n = np.linspace(np.log(N[at].min()), np.log(N[at].max()), 100)
        ax.plot(
            np.exp(log_n),
            p0 + p1 * log_n + p2 * log_n**2,
            color=colour,
            linewidth=1.2,
            label=format_sci(budget, 1) + " FLOPs",
        )
    ax.scatter(
        fit.N_opt,
        fit.L_opt,
        marker="*",
        s=70,
        color="black",
        zorder=4,
        label="parabola minimum",
    )
    if floor is not None:
        ax.axhline(
            floor, color=REFERENCE_GREY, linestyle=":", linewidth=1.2, label="floor"
        )
    ax.legend(fontsize=7, ncol=2 if len(fit.budgets) > 5 else 1, loc="upper right")
    return ax


def plot_envelope(ax, N, curve_flops, curve_loss, envelope, *, floor=None):
    """Draw Approach 1: every run's learning curve against FLOPs, and their envelope.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    N : array_like
        Model size of each run; curves of one size share a colour.
    curve_flops, curve_loss : sequence of array_like
        Each run's FLOPs spent so far and loss at its evaluation points.
    envelope : EnvelopeFit
        From :func:`scalinglaws.fitting.fit_envelope`: ``flops`` and ``loss``.
    floor : float, optional
        An irreducible loss to draw as a dotted line.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``N`` and the curves differ in length.
    """
    N = np.atleast_1d(as_positive(N, "N"))
    same_length(N=N, curve_flops=np.empty(len(curve_flops)))
    same_length(N=N, curve_loss=np.empty(len(curve_loss)))
    loglog_axes(
        ax,
        "FLOPs spent so far (6 N tokens)",
        "held-out loss (nats/token)",
        plain_y=True,
    )
    sizes = np.unique(N)
    colours = dict(zip(sizes, plt.cm.plasma(np.linspace(0, 0.85, sizes.size))))
    for n, flops, loss in zip(N, curve_flops, curve_loss):
        ax.plot(flops, loss, color=colours[n], linewidth=1.0, alpha=0.8)
    for n in sizes:
        ax.plot([], [], color=colours[n], label=f"N = {n:,.0f}")
    ax.plot(envelope.flops, envelope.loss, color="black", linewidth=2.5)
    ax.plot([], [], color="black", linewidth=2.5, label="envelope")
    if floor is not None:
        ax.axhline(floor, color=REFERENCE_GREY, linestyle=":", linewidth=1.2)
    ax.legend(fontsize=7.5, loc="upper right")
    return ax


def plot_published_models(ax, models, frontiers, *, named=(), offsets=None):
    """Published models on the parameters-tokens plane against compute-optimal frontiers.

    Models are coloured by whether they saw fewer or more tokens than the first
    frontier's optimum for their own compute C = 6ND (Hoffmann et al. 2022, Fig. 1;
    Besiroglu et al. 2024, Fig. 1); isoFLOP lines and the 20-tokens-per-parameter
    line give the scale.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    models : pandas.DataFrame
        Indexed by model name, with columns ``params`` and ``tokens``.
    frontiers : dict
        ``{label: law}``, each law as :func:`scalinglaws.planning.resolve_law`
        takes it (a name such as ``"kaplan"``, a law, or a fit). The first
        frontier decides the colours.
    named : sequence of str, optional
        Models to label.
    offsets : sequence of (float, float), optional
        Label offsets in points, one per named model (see :func:`annotate_points`).

    Returns
    -------
    pandas.Series
        Each model's tokens divided by the first frontier's optimal tokens.

    Raises
    ------
    ValueError
        If ``frontiers`` is empty or a model has non-positive size or tokens.
    """
    if not frontiers:
        raise ValueError("frontiers must name at least one law.")
    N = as_positive(models["params"].to_numpy(float), "params")
    D = as_positive(models["tokens"].to_numpy(float), "tokens")
    C_frontier = np.geomspace(1e19, 1e27, 100)
    loglog_axes(ax, "parameters N", "training tokens D", si_x=True, si_y=True)
    ax.set_xlim(5e7, 3e12)
    ax.set_ylim(3e9, 1e14)
    add_isoflop_lines(ax, 10.0 ** np.arange(20, 27, 2))
    add_tokens_per_parameter_line(ax, 20, label="20 tokens per parameter")
    for (label, law), colour in zip(frontiers.items(), BOOK_COLOURS[0::6]):
        plan = compute_optimal_allocation(law, C_frontier)
        ax.plot(plan.params, plan.tokens, color=colour, label=label)
    first = next(iter(frontiers.values()))
    ratio = D / compute_optimal_allocation(first, compute.training_flops(N, D)).tokens
    under = ratio < 1
    for mask, colour, side in [(under, 1, "fewer"), (~under, 2, "more")]:
        ax.scatter(N[mask], D[mask], color=BOOK_COLOURS[colour], zorder=3, s=22,
                   label=f"{side} tokens than the optimum")  # fmt: skip
    if named:
        chosen = models.loc[list(named)]
        annotate_points(
            ax, chosen["params"], chosen["tokens"], chosen.index, offsets=offsets
        )
    ax.legend(loc="lower right", fontsize=8)
    return pd.Series(ratio, index=models.index, name="D / D_opt")


def subsample_interval_table(refits, names) -> pd.DataFrame:
    """Hoffmann et al.'s raw subsample intervals beside their jackknife rescaling.

    Parameters
    ----------
    refits : SubsampleRefits
        From :func:`scalinglaws.fitting.replication.subsample_refits`.
    names : sequence of str
        Statistics to show; names starting ``"log10 "`` are shown as counts
        (10 to the power), with that prefix dropped.

    Returns
    -------
    pandas.DataFrame
        One row per statistic: estimate, raw 80% interval, rescaled interval.
    """
    rows = {}
    for name in names:
        estimate, *raw = refits.raw.summary(name)
        rescaled = refits.rescaled.interval(name)
        show = "{:.3f}".format
        if name.startswith("log10 "):
            estimate, raw, rescaled = (
                10**estimate,
                10 ** np.array(raw),
                10 ** (np.array(rescaled)),
            )
            show = format_si
        rows[name.removeprefix("log10 ")] = {
            "estimate": show(estimate),
            "80% subsamples (as Hoffmann)": " to ".join(map(show, raw)),
            "rescaled (jackknife)": " to ".join(map(show, rescaled)),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("statistic")


def _allocation_row(fit, spread, budget) -> list:
    if spread is None:  # a ParametricFit: the law and its bootstrap intervals
        law = fit.law
        return [
            law.a,
            *fit.ci["a"],
            law.tokens_per_parameter(budget),
            *fit.ci["tokens_per_parameter"],
            budget,
        ]
    ratio = [n for n in spread.names if n == f"log10 D/N at {budget:.3g}"]
    if not ratio:
        raise ValueError(f"the refits keep no 'log10 D/N at {budget:.3g}'.")
    return [
        fit.a,
        *spread.interval("a"),
        *10 ** np.array(spread.summary(ratio[0])),
        budget,
    ]


def allocation_summary(entries: dict) -> pd.DataFrame:
    """Collect allocation exponents and tokens per parameter, with 80% intervals.

    Parameters
    ----------
    entries : dict
        ``{(data, fit label): (fit, spread, budget)}``. Either ``fit`` is a
        :class:`~scalinglaws.fitting.ParametricFit` and ``spread`` is None (its
        bootstrap ``ci`` gives the intervals, which must have been computed at
        ``budget``), or ``fit`` has an ``a`` and ``spread`` is a
        :class:`~scalinglaws.fitting.BootstrapResult` of
        :func:`~scalinglaws.fitting.allocation_statistics` including ``budget``
        (bootstrap or rescaled subsample refits).

    Returns
    -------
    pandas.DataFrame
        Indexed by (data, fit); columns a, a_lo, a_hi, D/N, D/N_lo, D/N_hi, C.
        Under C = 6ND, b = 1 - a (Hoffmann et al. 2022, eq. 4), so b is left out.

    Raises
    ------
    ValueError
        If a spread keeps no tokens-per-parameter statistic at its budget.
    """
    rows = [_allocation_row(*entry) for entry in entries.values()]
    columns = ["a", "a_lo", "a_hi", "D/N", "D/N_lo", "D/N_hi", "C"]
    index = pd.MultiIndex.from_tuples(list(entries), names=["data", "fit"])
    return pd.DataFrame(rows, columns=columns, index=index)


def format_allocation_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """The table of :func:`allocation_summary` as the book prints it.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`allocation_summary`.

    Returns
    -------
    pandas.DataFrame
        a and b = 1 - a rounded, intervals and ratios as text.
    """
    return pd.DataFrame(
        {
            "a": summary["a"].round(3),
            "a, 80%": [
                f"{lo:.2f} to {hi:.2f}" for lo, hi in summary[["a_lo", "a_hi"]].values
            ],
            "b": (1 - summary["a"]).round(3),
            "D/N": summary["D/N"].map("{:.3g}".format),
            "D/N, 80%": [
                f"{lo:.3g} to {hi:.3g}"
                for lo, hi in summary[["D/N_lo", "D/N_hi"]].values
            ],
            "at C (FLOPs)": summary["C"].map("{:.2g}".format),
        },
        index=summary.index,
    )
