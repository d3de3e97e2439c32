"""The figure of an isoFLOP study: its profiles, and its optima counted two ways.

Draws the results of :func:`scalinglaws.fitting.allocation_study.allocation_study`
(chapter 5's isoFLOP study of Tiny Shakespeare): on the left, Hoffmann et
al.'s (2022, Fig. 3) isoFLOP profiles with their parabolas; on the right,
each profile's optimum N_opt against its compute, with N counted with and
without the embedding (Pearce & Song 2024), beside the slopes of Chinchilla
(a = 0.5) and Kaplan et al. (2020, a = 0.73).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from scalinglaws.plotting import BOOK_COLOURS, REFERENCE_GREY, format_sci, loglog_axes

#: Reference slopes drawn on the right panel: name -> exponent a of N_opt ~ C^a.
REFERENCE_SLOPES = {"Chinchilla, a = 0.5": 0.5, "Kaplan et al., a = 0.73": 0.73}


def plot_isoflop_profiles(ax, runs, fit, column="n_params_non_embedding", legend=True):
    """Loss against N at each budget, with each profile's parabola and its minimum.

    Parameters
    ----------
    ax : matplotlib Axes
    runs : pandas.DataFrame
        The sweep (``budget``, ``final_loss`` and ``column``).
    fit : IsoflopFit
        Approach 2 on the same runs, N counted as ``column``; its profiles
        are in increasing budget order, one per budget of ``runs``.
    column : str
        The parameter count on the x-axis.
    legend : bool, default True
        Draw the legend inside the axes.
    """
    loglog_axes(
        ax,
        "parameters N (non-embedding)",
        "held-out loss (nats/char)",
        si_x=True,
        plain_y=True,
    )
    budgets = np.sort(runs["budget"].unique())
    for k, (budget, (p0, p1, p2)) in enumerate(zip(budgets, fit.parabolas)):
        at = runs[runs["budget"] == budget]
        colour = f"C{k % 8}"
        ax.scatter(at[column], at["final_loss"], s=16, color=colour)
        log_n = np.linspace(np.log(at[column].min()), np.log(at[column].max()), 100)
        ax.plot(
            np.exp(log_n),
            p0 + p1 * log_n + p2 * log_n**2,
            color=colour,
            linewidth=1.2,
            label=f"{format_sci(budget, 2)} FLOPs",
        )
    ax.scatter(
        fit.N_opt, fit.L_opt, marker="*", s=80, color="black", zorder=4, label="minimum"
    )
    if legend:
        ax.legend(fontsize=7.5, loc="upper right")
    ax.set_title("isoFLOP profiles (approach 2)")


def plot_optima_by_counting(ax, fits):
    """N_opt against C for each count of N, with the fitted power laws and reference slopes.

    Parameters
    ----------
    ax : matplotlib Axes
    fits : dict
        Label -> IsoflopFit (or any fit with ``budgets``/``N_opt`` and ``n_law``).
    """
    loglog_axes(
        ax,
        "compute C = 6ND (FLOPs, N as counted)",
        "optimal parameters N_opt",
        si_y=True,
    )
    for (label, fit), colour in zip(fits.items(), BOOK_COLOURS):
        ax.scatter(fit.budgets, fit.N_opt, color=colour, s=22, zorder=3)
        C = np.geomspace(fit.budgets.min(), fit.budgets.max(), 50)
        ax.plot(C, fit.n_law(C), color=colour, label=f"{label}: a = {fit.a:.2f}")
    anchor = next(iter(fits.values()))
    C0 = float(np.exp(np.mean(np.log(anchor.budgets))))
    N0 = float(anchor.n_law(C0))
    C = np.geomspace(anchor.budgets.min(), anchor.budgets.max(), 50)
    for (label, a), style in zip(REFERENCE_SLOPES.items(), ("--", ":")):
        ax.plot(
            C, N0 * (C / C0) ** a, color=REFERENCE_GREY, linestyle=style, label=label
        )
    ax.legend(fontsize=7.5, loc="upper left")
    ax.set_title("optima, two ways of counting N")


def plot_allocation_study(runs, study, figsize=(9.8, 4.4)):
    """Both panels of the study's figure; returns the matplotlib Figure.

    Parameters
    ----------
    runs : pandas.DataFrame
        The isoFLOP sweep.
    study : AllocationStudy
        :func:`~scalinglaws.fitting.allocation_study.allocation_study` of ``runs``.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize)
    plot_isoflop_profiles(
        left, runs, study.fits["isoflop", "non-embedding"], legend=False
    )
    fig.legend(
        *left.get_legend_handles_labels(),
        loc="outside lower center",
        ncol=6,
        fontsize=7.5,
    )
    plot_optima_by_counting(
        right,
        {
            "non-embedding": study.fits["isoflop", "non-embedding"],
            "all parameters": study.fits["isoflop", "all"],
        },
    )
    return fig
