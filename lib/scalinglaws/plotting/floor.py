"""Figures of chapter 4: loss curves that flatten onto a floor, and fits that look for it.

Henighan et al. (2020, eq. 1.1) write the loss as a floor plus a power law,
L(x) = L_inf + (x0/x)^alpha. The helpers here draw what chapter 4 (*The irreducible
loss*) does with that form: the published laws of their Table 1 with and without
their floors, compute frontiers of runs whose floor is known with fits with and
without one, the exponent that drifts when the floor is left out, the fitted floor
against the range of scale, simulated interval widths, and the compute-optimal loss
of Chinchilla-form laws (Hoffmann et al. 2022, eq. 2 and 4) flattening onto E.

Nothing here fits anything: callers pass laws and fitted objects from
:mod:`scalinglaws.laws` and :mod:`scalinglaws.fitting.floor`.

    >>> from scalinglaws.plotting import floor
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter

from scalinglaws.fitting.floor import loss_frontier
from scalinglaws.plotting import (
    BOOK_COLOURS,
    REFERENCE_GREY,
    loglog_axes,
    plot_power_law,
)

__all__ = [
    "plot_compute_laws",
    "plot_exponent_drift",
    "plot_floor_scans",
    "plot_frontier_fits",
    "plot_optimal_loss",
    "plot_simulated_widths",
]

#: The exact floor in every figure: a black dotted line.
FLOOR_STYLE = {"color": BOOK_COLOURS[6], "linestyle": ":", "linewidth": 1.2}


def _pair(figsize):
    fig, axes = plt.subplots(1, 2, figsize=figsize)
    return fig, axes


def plot_compute_laws(compute_laws, c_range, *, title=None):
    """Saturating laws in compute, with their floors (left) and reducible parts (right).

    Parameters
    ----------
    compute_laws : mapping of str to SaturatingPowerLaw
        One law L(C) = E + (C0/C)^alpha per domain, e.g. the ``loss_c`` laws of
        :data:`scalinglaws.laws.HENIGHAN_2020` (Henighan et al. 2020, Table 1).
    c_range : (float, float)
        Compute range to draw, in the laws' units.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, (ax_loss, ax_red) = _pair((9.6, 4.8))
    loglog_axes(ax_loss, "compute C (PF-days)", "loss (nats/token)", plain_y=True)
    loglog_axes(
        ax_red, "compute C (PF-days)", r"reducible loss $L - L_\infty$ (nats/token)"
    )
    for (name, law), colour in zip(compute_laws.items(), BOOK_COLOURS):
        plot_power_law(ax_loss, law.loss, c_range, name, color=colour)
        plot_power_law(ax_red, law.reducible, c_range, name, color=colour)
        if law.E > 0:
            ax_loss.axhline(law.E, color=colour, linestyle=":", linewidth=1.0)
    ax_loss.plot(
        [], [], color=REFERENCE_GREY, linestyle=":", label=r"floors $L_\infty$"
    )
    ax_loss.set_title("loss, with floors", fontsize=10)
    ax_red.set_title("the reducible part alone", fontsize=10)
    fig.legend(
        *ax_loss.get_legend_handles_labels(),
        loc="outside lower center",
        ncol=4,
        fontsize=8.5,
    )
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def _frontier_panel(ax, flops, losses, fit_from, pure, offset, exact):
    C, L = loss_frontier(flops, losses)
    ax.scatter(
        np.concatenate(flops),
        np.concatenate(losses),
        s=7,
        color=REFERENCE_GREY,
        alpha=0.35,
        label="evaluations along every run",
    )
    fitted = C >= fit_from
    ax.scatter(
        C[~fitted],
        L[~fitted],
        s=22,
        facecolors="none",
        edgecolors=BOOK_COLOURS[0],
        label="frontier, plateau (not fitted)",
    )
    ax.scatter(
        C[fitted],
        L[fitted],
        s=22,
        color=BOOK_COLOURS[0],
        zorder=3,
        label="frontier, fitted",
    )
    span = (fit_from, 10 * C.max())  # a decade beyond the data
    label = rf"no floor, $\alpha$ = {pure.alpha:.3f}"
    plot_power_law(ax, pure.predict, span, label, color=BOOK_COLOURS[1], linestyle="--")
    label = rf"with floor, $\alpha$ = {offset.alpha:.2f}, E = {offset.E:.3f}"
    plot_power_law(ax, offset.predict, span, label, color=BOOK_COLOURS[2])
    ax.axhline(exact, label=f"exact floor (held-out set), {exact:.3f}", **FLOOR_STYLE)
    ax.set_ylim(0.8 * exact, None)


def plot_frontier_fits(curves, fit_from, fits, exact_floor, *, yticks=None):
    """Runs, their compute frontier, and power laws fitted without and with a floor.

    One panel per source: every evaluation of every run (grey), the frontier
    (:func:`scalinglaws.fitting.floor.loss_frontier`) open where it is not fitted
    and filled where it is, the fit without a floor (dashed) and with one
    (Henighan et al. 2020, eq. 1.1), both drawn a decade beyond the data, and the
    exact floor (dotted).

    Parameters
    ----------
    curves : mapping of str to (list of ndarray, list of ndarray)
        Per source, the FLOPs and losses of each run's learning curve.
    fit_from : mapping of str to float
        Per source, the compute where the fitted part of the frontier starts.
    fits : mapping of str to mapping
        Per source, ``{"pure": PowerLawFit, "offset": PowerLawFit}``.
    exact_floor : mapping of str to float
        Per source, the floor the fits should find.
    yticks : mapping of str to list of float, optional
        Per source, loss ticks to label.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = _pair((9.6, 4.3))
    for ax, (source, (flops, losses)) in zip(axes, curves.items()):
        loglog_axes(
            ax,
            "training compute C = 6ND (FLOPs)",
            "held-out loss (nats)",
            plain_y=True,
        )
        _frontier_panel(
            ax,
            flops,
            losses,
            fit_from[source],
            fits[source]["pure"],
            fits[source]["offset"],
            exact_floor[source],
        )
        if yticks and source in yticks:
            ax.set_yticks(yticks[source], [f"{t:g}" for t in yticks[source]])
            ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_title(source, fontsize=11)
        ax.legend(loc="upper right", fontsize=7.5)
    return fig


def plot_exponent_drift(windows, offset_fits, spans):
    """Exponents of no-floor fits in sliding windows, against alpha (L - E) / L.

    Differentiating L = E + (C0/C)^alpha gives the local slope
    d ln L / d ln C = -alpha (L - E) / L; a power law without a floor fitted in a
    window finds about that, so its exponent falls as the window nears the floor.

    Parameters
    ----------
    windows : mapping of str to WindowFits
        Per source, :func:`scalinglaws.fitting.floor.sliding_fits` of the frontier.
    offset_fits : mapping of str to PowerLawFit
        Per source, the fit with a floor whose local slope is drawn as a line.
    spans : mapping of str to (float, float)
        Per source, the compute range over which to draw the line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = _pair((9.6, 3.8))
    for ax, (source, fit) in zip(axes, windows.items()):
        offset = offset_fits[source]
        grid = np.geomspace(*spans[source], 100)
        implied = (
            offset.alpha * (offset.predict(grid) - offset.E) / offset.predict(grid)
        )
        ax.set_xscale("log")
        ax.plot(
            fit.x_centre,
            fit.alpha,
            "o",
            color=BOOK_COLOURS[1],
            label="no-floor fit in a one-decade window",
        )
        ax.plot(
            grid,
            implied,
            color=BOOK_COLOURS[2],
            label=r"$\alpha\,(L - E)/L$ from the fit with floor",
        )
        ax.set_xlabel("compute at the window's centre (FLOPs)")
        ax.set_ylabel(r"local exponent $\alpha$")
        ax.set_ylim(0, None)
        ax.set_title(source, fontsize=11)
        ax.legend(loc="upper right", fontsize=8)
    return fig


def plot_floor_scans(scans, exact_floor, fit_from):
    """The fitted floor and its interval against the largest compute in the fit.

    Parameters
    ----------
    scans : mapping of str to FloorScan
        Per source, :func:`scalinglaws.fitting.floor.floor_by_range`.
    exact_floor : mapping of str to float
        Per source, the floor the fits should find (dotted line).
    fit_from : mapping of str to float
        Per source, where every fitted range starts (for the panel's title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = _pair((9.6, 4.2))
    for ax, (source, scan) in zip(axes, scans.items()):
        ax.set_xscale("log")
        ax.errorbar(
            scan.x_high,
            scan.E,
            yerr=[scan.E - scan.E_low, scan.E_high - scan.E],
            fmt="o",
            capsize=4,
            color=BOOK_COLOURS[0],
            label=f"fitted floor, {scan.level:.0%} bootstrap interval",
        )
        ax.axhline(
            exact_floor[source], label="exact floor (held-out set)", **FLOOR_STYLE
        )
        ax.set_xlim(scan.x_high.min() / 2, scan.x_high.max() * 2)
        ax.xaxis.set_minor_formatter(NullFormatter())  # label powers of ten only
        ax.set_xlabel("largest compute used in the fit (FLOPs)")
        ax.set_ylabel("floor E (nats)")
        ax.set_title(f"{source}, fitted from {fit_from[source]:.0e} FLOPs", fontsize=11)
    fig.legend(
        *axes[0].get_legend_handles_labels(),
        loc="outside lower center",
        ncol=2,
        fontsize=9,
    )
    return fig


def plot_simulated_widths(simulated, reached=None):
    """Width of the fitted floor's interval against decades measured and gap to the floor.

    Parameters
    ----------
    simulated : mapping of float to (ndarray, ndarray, ndarray)
        Per exponent alpha: decades measured, the gap (L - E)/E at the largest
        scale, and the interval's width relative to the floor, as computed from
        :func:`scalinglaws.fitting.floor.simulated_floor_intervals`.
    reached : mapping of str to float, optional
        Gaps that real runs reach, drawn as vertical lines on the right panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, (ax_dec, ax_gap) = _pair((9.6, 3.9))
    for (alpha, (decades, gap, width)), colour in zip(simulated.items(), BOOK_COLOURS):
        ax_dec.plot(decades, width, "o-", color=colour, label=rf"$\alpha$ = {alpha}")
        ax_gap.plot(gap, width, "o-", color=colour, label=rf"$\alpha$ = {alpha}")
    ax_dec.set_yscale("log")
    ax_dec.set_xlabel("decades of scale measured")
    ax_dec.set_ylabel("80% interval of the fitted floor / floor")
    loglog_axes(
        ax_gap,
        "gap to the floor at the largest scale, (L - E)/E",
        "80% interval of the fitted floor / floor",
    )
    ax_gap.set_xlim(2.0, 1e-3)  # reversed: closer to the floor to the right
    for (source, gap), colour in zip(
        (reached or {}).items(), (BOOK_COLOURS[6], REFERENCE_GREY)
    ):
        ax_gap.axvline(
            gap,
            color=colour,
            linestyle=":",
            linewidth=1.2,
            label=f"our {source} runs reach",
        )
    ax_dec.legend(loc="lower left", fontsize=8)
    ax_gap.legend(loc="upper right", fontsize=8)
    return fig


def plot_optimal_loss(chinchilla_laws, c_range, *, mark=None, mark_label=None):
    """Compute-optimal loss of Chinchilla-form laws (left) and its reducible part (right).

    Along the frontier of Hoffmann et al. (2022) eq. 4 the loss flattens onto E
    while L_opt(C) - E falls as a power law in C.

    Parameters
    ----------
    chinchilla_laws : iterable of ChinchillaLaw
        The laws to draw, labelled by their ``name``.
    c_range : (float, float)
        Compute range in FLOPs.
    mark : float, optional
        A compute to mark with a dashed vertical line on both panels.
    mark_label : str, optional
        Text written beside the mark on the left panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, (ax_loss, ax_red) = _pair((9.6, 4.0))
    ax_loss.set_xscale("log")  # the loss itself on a linear axis: it flattens
    ax_loss.set_xlabel("training compute C (FLOPs)")
    ax_loss.set_ylabel("compute-optimal loss (nats/token)")
    loglog_axes(
        ax_red, "training compute C (FLOPs)", "reducible loss L - E (nats/token)"
    )
    for law, colour in zip(chinchilla_laws, BOOK_COLOURS):
        plot_power_law(ax_loss, law.loss_at_optimum, c_range, law.name, color=colour)
        ax_loss.axhline(law.E, color=colour, linestyle=":", linewidth=1.0)
        plot_power_law(
            ax_red,
            lambda c, law=law: law.loss_at_optimum(c) - law.E,
            c_range,
            law.name,
            color=colour,
        )
    if mark is not None:
        for ax in (ax_loss, ax_red):
            ax.axvline(mark, color=REFERENCE_GREY, linestyle="--", linewidth=1.0)
        if mark_label:
            top = ax_loss.get_ylim()[1]
            ax_loss.text(
                mark * 1.5,
                top - 0.3 * (top - ax_loss.get_ylim()[0]),
                mark_label,
                fontsize=8,
                color=REFERENCE_GREY,
                va="top",
            )
    ax_loss.plot([], [], color=REFERENCE_GREY, linestyle=":", label="floors E")
    ax_loss.legend(loc="upper right", fontsize=7.5)
    return fig
