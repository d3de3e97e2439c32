"""Figures of Kaplan et al. (2020), *Scaling Laws for Neural Language Models*.

Chapter 3 redraws the paper's laws from their published constants: the joint
law L(N, D) with its over-fitting penalty (eqs. 1.5, 4.3, 4.4; Table 2), the
critical batch size and the steps-tokens trade-off (eqs. 1.4, 5.1-5.5), the
compute-efficient model size, batch and steps (eqs. 1.7, 6.1-6.2; Table 6),
and the residuals of a law refitted to other people's runs. The helpers here
draw those panels, so that the chapter's cells show the laws and the numbers,
not the layout. Figure 1 of the paper, which chapter 1 shows too, is
:func:`scalinglaws.plotting.plot_kaplan_figure1`.

Nothing here computes a law: every curve comes from a
:class:`scalinglaws.laws.KaplanLaws` or from arrays the caller computed.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullFormatter

from scalinglaws.plotting import (
    BOOK_COLOURS,
    REFERENCE_GREY,
    _positive_range,
    format_sci,
    format_si,
    loglog_axes,
    plot_kaplan_figure1,
    plot_power_law,
)


def _two_or_three(axes, n: int, what: str):
    if len(axes) != n:
        raise ValueError(f"axes must hold {n} axes ({what}), got {len(axes)}.")
    return axes


def plot_joint_law(axes, kaplan, sizes, *, d_range=(1e7, 1e12), noise: float = 0.02):
    """Kaplan's joint law L(N, D) and its over-fitting penalty, one line per N.

    Left: L(N, D) of eq. 1.5 with Table 2's constants against the tokens D;
    right: the relative penalty delta L = L(N, D) / L(N, inf) - 1 of eq. 4.3.
    A dot on each line marks the data requirement D = 5e3 N^0.74 of eq. 4.4,
    and a dashed line on the right the seed-to-seed noise the paper sets the
    requirement by ("roughly 0.02", section 4.2).

    Parameters
    ----------
    axes : sequence of two matplotlib.axes.Axes
        The loss panel and the penalty panel.
    kaplan : scalinglaws.laws.KaplanLaws
    sizes : array_like
        Non-embedding parameter counts, one line each (at most eight).
    d_range : (float, float), default (1e7, 1e12)
        Tokens spanned by the x axis.
    noise : float, default 0.02
        Height of the noise line on the penalty panel.

    Raises
    ------
    ValueError
        If ``axes`` does not hold two axes, ``d_range`` is not increasing, or
        there are more sizes than book colours.
    """
    ax_loss, ax_penalty = _two_or_three(axes, 2, "loss, over-fitting penalty")
    sizes = np.atleast_1d(np.asarray(sizes, dtype=float))
    if sizes.size > len(BOOK_COLOURS):
        raise ValueError(f"at most {len(BOOK_COLOURS)} sizes, got {sizes.size}.")
    D = np.geomspace(*_positive_range(d_range, "d_range"), 200)
    loglog_axes(
        ax_loss,
        "dataset size D (tokens)",
        "test loss (nats/token)",
        si_x=True,
        plain_y=True,
    )
    loglog_axes(
        ax_penalty,
        "dataset size D (tokens)",
        r"over-fitting $\delta L$ (relative)",
        si_x=True,
    )
    for N, colour in zip(sizes, BOOK_COLOURS):
        D_req = kaplan.data_requirement(N)
        label = f"N = {format_si(N)}"
        for ax, law in ((ax_loss, kaplan.loss_nd), (ax_penalty, kaplan.overfitting)):
            ax.plot(D, law(N, D), color=colour, label=label)
            ax.plot(D_req, law(N, D_req), "o", color=colour)
    ax_penalty.axhline(
        noise,
        color=REFERENCE_GREY,
        linestyle="--",
        linewidth=1.2,
        label=f"seed-to-seed noise, {noise:g}",
    )
    ax_loss.plot(
        [], [], "o", color="black", label=r"$D = 5\times10^3\,N^{0.74}$ (eq. 4.4)"
    )
    ax_loss.set_title("eq. 1.5, Table 2")
    ax_penalty.set_title("eq. 4.3")
    for ax in axes:
        ax.legend(loc="lower left", fontsize=8.5)


def plot_critical_batch(
    axes, kaplan, *, loss_range=(1.5, 6.0), batch_ratios=(0.1, 1, 10)
):
    """The critical batch size against the loss, and the steps-tokens hyperbola.

    Left: B_crit(L) = B_* / L^(1/alpha_B) (eqs. 1.4, 5.3) with both values of
    B_* the paper prints (Table 5's and the text's). Right: eq. 5.1,
    (S/S_min - 1)(E/E_min - 1) = 1, with the runs at batch B = r B_crit marked,
    which take E = (1 + r) E_min tokens and S = (1 + 1/r) S_min steps
    (eqs. 5.4, 5.5).

    Parameters
    ----------
    axes : sequence of two matplotlib.axes.Axes
    kaplan : scalinglaws.laws.KaplanLaws
    loss_range : (float, float), default (1.5, 6)
        Losses in nats per token on the left panel's x axis.
    batch_ratios : sequence of float, default (0.1, 1, 10)
        Batch sizes B / B_crit to mark on the hyperbola.

    Raises
    ------
    ValueError
        If ``axes`` does not hold two axes or a range or ratio is not positive.
    """
    ax_batch, ax_trade = _two_or_three(axes, 2, "critical batch, trade-off")
    loss = np.geomspace(*_positive_range(loss_range, "loss_range"), 100)
    ratios = np.atleast_1d(np.asarray(batch_ratios, dtype=float))
    if np.any(ratios <= 0):
        raise ValueError(f"batch_ratios must be > 0, got {batch_ratios!r}.")
    loglog_axes(
        ax_batch,
        "test loss L (nats/token)",
        r"critical batch $B_\mathrm{crit}$ (tokens)",
        si_y=True,
    )
    ticks = [t for t in (1.5, 2, 3, 4, 5, 6, 8) if loss[0] <= t <= loss[-1]]
    ax_batch.set_xticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax_batch.xaxis.set_minor_formatter(NullFormatter())
    for B_star, style, source in (
        (kaplan.B_star, "-", "eq. 1.4 and Table 5"),
        (kaplan.B_star_text, "--", "eqs. 1.4 and 5.3 as printed"),
    ):
        ax_batch.plot(
            loss,
            kaplan.critical_batch(loss, B_star=B_star),
            linestyle=style,
            label=f"{source}, $B_*$ = {format_sci(B_star)}",
        )
    ax_batch.legend(loc="upper right")
    loglog_axes(
        ax_trade,
        r"tokens processed $E / E_\mathrm{min}$",
        r"steps $S / S_\mathrm{min}$",
    )
    E = np.geomspace(1.01, 100, 200)
    ax_trade.plot(E, 1 + 1 / (E - 1), color=BOOK_COLOURS[2], label="eq. 5.1")
    ax_trade.plot(1 + ratios, 1 + 1 / ratios, "o", color="black")
    for r in ratios:
        ax_trade.annotate(
            rf"$B = {r:g}\,B_\mathrm{{crit}}$",
            (1 + r, 1 + 1 / r),
            xytext=(8, 4) if r <= 1 else (-10, 10),
            textcoords="offset points",
            fontsize=9,
        )
    ax_trade.legend(loc="upper right")


def plot_compute_efficient_frontier(axes, kaplan, c_grid, frontier, exponents, c_range):
    """Kaplan's compute-efficient N, B and S: Table 6's fits against a frontier.

    Three panels against C_min in PF-days: the fitted power laws of Table 6
    (eqs. 6.1, 6.2; ``kaplan.optimal_n``, ``optimal_batch``, ``optimal_steps``)
    drawn solid, and a frontier the caller computed (chapter 3 reads it off
    the envelope of eq. 1.6's learning curves) drawn dashed.

    Parameters
    ----------
    axes : sequence of three matplotlib.axes.Axes
        Model size, batch and steps panels, in that order.
    kaplan : scalinglaws.laws.KaplanLaws
    c_grid : array_like
        Compute in PF-days at which the frontier is given.
    frontier : mapping
        ``{"N": ..., "B": ..., "S": ...}``, arrays the length of ``c_grid``.
    exponents : mapping
        ``{"N": ..., "B": ..., "S": ...}``, the frontier's fitted exponents,
        printed in the legends.
    c_range : (float, float)
        Compute span of Table 6's lines, in PF-days.

    Raises
    ------
    ValueError
        If ``axes`` does not hold three axes or ``c_range`` is not increasing.
    """
    _two_or_three(axes, 3, "model size, batch, steps")
    c_range = _positive_range(c_range, "c_range")
    panels = [
        ("N", kaplan.optimal_n, kaplan.opt_p_N, "model size N (non-embedding)"),
        ("B", kaplan.optimal_batch, kaplan.opt_p_B, "batch size B (tokens)"),
        ("S", kaplan.optimal_steps, kaplan.opt_p_S, r"steps $S_\mathrm{min}$"),
    ]
    for ax, (key, law, p, ylabel), colour in zip(axes, panels, BOOK_COLOURS):
        loglog_axes(
            ax,
            r"compute $C_\mathrm{min}$ (PF-days)",
            ylabel,
            si_y=key != "S",
            plain_y=key == "S",
        )
        plot_power_law(ax, law, c_range, f"Table 6, exponent {p}", color=colour)
        ax.plot(
            c_grid,
            frontier[key],
            color="black",
            linestyle="--",
            linewidth=1.4,
            label=f"frontier of eq. 1.6, {exponents[key]:.2f}",
        )
        ax.legend(loc="upper left", fontsize=8.5)


def plot_relative_residuals(
    ax,
    x,
    residuals,
    *,
    xlabel="training compute C (FLOPs)",
    within=None,
    ylim=None,
):
    """Residuals of several laws on the same runs, in percent, against ``x``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : array_like
        One value per run (its compute, say), drawn on a log axis.
    residuals : mapping
        Legend label to the relative residuals fitted / measured - 1 of one
        law, one per run. The rms is added to each label.
    xlabel : str, default "training compute C (FLOPs)"
    within : float, optional
        A relative tolerance such as 0.02: each label then also gives the
        largest miss and the share of runs missed by less than ``within``.
    ylim : (float, float), optional
        Limits of the residual axis, in percent.

    Raises
    ------
    ValueError
        If a set of residuals does not have one value per run.
    """
    x = np.asarray(x, dtype=float)
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("fitted / measured loss - 1 (%)")
    for (label, r), marker in zip(residuals.items(), "osD^v"):
        r = np.asarray(r, dtype=float)
        if r.shape != x.shape:
            raise ValueError(f"{label!r}: {r.shape} residuals for {x.shape} runs.")
        rms = 100 * np.sqrt(np.mean(r**2))
        text = f"rms {rms:.1f}%"
        if within is not None:
            share = np.mean(np.abs(r) < within)
            text += f", largest {np.abs(r).max():.1%}, {share:.0%} within {within:.0%}"
        ax.scatter(
            x, 100 * r, s=14, alpha=0.7, marker=marker, label=f"{label} ({text})"
        )
    ax.axhline(0, color=REFERENCE_GREY, linewidth=1)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(loc="lower center")


def plot_learning_curve_envelope(
    axes, kaplan, curves, envelope, c_range, *, every: int = 67, ylim=(2, 8)
):
    """Kaplan et al.'s Figure 1 with the learning curves of eq. 1.6 and their envelope.

    Draws :func:`scalinglaws.plotting.plot_kaplan_figure1` (eqs. 1.1-1.3,
    Table 5) and adds, on the compute panel, every ``every``-th learning curve
    L(N, S_min) of eq. 1.6 (Table 3) against C_min = 6 N B_crit S_min, and
    their lower envelope, the best loss any model size reaches with each
    compute.

    Parameters
    ----------
    axes : sequence of three matplotlib.axes.Axes
        Compute, data and parameter panels, in that order.
    kaplan : scalinglaws.laws.KaplanLaws
    curves : (list of arrays, list of arrays)
        All learning curves, compute in PF-days and loss, from the smallest
        model to the largest.
    envelope : (array, array)
        The lower envelope (compute in PF-days, loss).
    c_range : (float, float)
        Compute span in PF-days.
    every : int, default 67
        Draw one curve in ``every`` (67 of 100 sizes per decade: two curves
        per three decades of N).
    ylim : (float, float), default (2, 8)
        Limits of the shared loss axis.

    Raises
    ------
    ValueError
        If ``every`` is not positive, the two lists of curves differ in
        length, or ``axes`` does not hold three axes.
    """
    compute, loss = curves
    if every < 1 or len(compute) != len(loss):
        raise ValueError(
            f"need every >= 1 and as many compute as loss arrays, got every={every}, "
            f"{len(compute)} and {len(loss)}."
        )
    shown = range(0, len(compute), every)
    plot_kaplan_figure1(
        axes,
        kaplan,
        c_range=c_range,
        curves=([compute[k] for k in shown], [loss[k] for k in shown]),
        envelope=envelope,
    )
    axes[0].set_ylim(*ylim)
