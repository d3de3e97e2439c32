"""Figures of chapter 7 (*Emergent abilities*): layout only, no analysis.

Each function draws one of the chapter's figures from numbers the chapter has
already computed (a table, a fit, a set of measured scores) and returns the
:class:`matplotlib.figure.Figure`. The analysis the reader should see (the
metrics, the emergence score, the fits) stays in the chapter; what lives here
is axes, labels, legends and colours. The papers behind the figures:

- Wei et al. (2022), "Emergent Abilities of Large Language Models", Table 1;
- Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large
  Language Models a Mirage?", section 2 (the :math:`p^L` argument);
- Ruan, Maddison & Hashimoto (2024), "Observational Scaling Laws";
- Biderman et al. (2023), "Pythia";
- Michaud et al. (2023), "The Quantization Model of Neural Scaling".
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from scalinglaws.plotting import (
    BOOK_COLOURS,
    REFERENCE_GREY,
    SI_FORMATTER,
    format_si,
    loglog_axes,
    semilogx_axes,
)


def wei_table1(table, band=(50e9, 100e9)):
    """Each ability of Wei et al.'s Table 1 at the compute and size where it appeared.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of ``datasets.load("wei_table1")`` with numbers: columns
        ``ability``, ``category`` ("few-shot" or "augmented"), ``model``,
        ``train_flops`` and ``params``.
    band : (float, float), default (50e9, 100e9)
        Range of parameters shaded on the right panel.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels sharing the ability axis: training FLOPs (left) and
        parameters (right) at emergence, coloured by model family.
    """
    families = sorted(table["model"].unique())
    colour = dict(zip(families, (*BOOK_COLOURS, REFERENCE_GREY)))
    marker = {"few-shot": "o", "augmented": "s"}
    rows = table.sort_values("train_flops").reset_index(drop=True)
    fig, axes = plt.subplots(1, 2, figsize=(11, 6.4), sharey=True)
    for ax, column, xlabel in [
        (axes[0], "train_flops", "training compute at emergence (FLOPs)"),
        (axes[1], "params", "parameters at emergence"),
    ]:
        ax.set_xscale("log")
        ax.set_xlabel(xlabel)
        for position, row in rows.iterrows():
            ax.scatter(
                row[column],
                position,
                color=colour[row["model"]],
                marker=marker[row["category"]],
                s=45,
                zorder=3,
            )
        ax.grid(axis="y", alpha=0.15)
    axes[1].xaxis.set_major_formatter(SI_FORMATTER)
    axes[1].axvspan(*band, color=REFERENCE_GREY, alpha=0.15, zorder=0)
    label = f"{format_si(band[0])}-{format_si(band[1])}"
    axes[1].text(
        np.sqrt(band[0] * band[1]), len(rows) - 0.9, label, ha="center", fontsize=8.5
    )
    axes[0].set_yticks(range(len(rows)), rows["ability"], fontsize=8.5)
    axes[0].set_ylim(-0.7, len(rows) - 0.3)
    handles = [
        plt.Line2D([], [], color=colour[f], marker="o", linestyle="", label=f)
        for f in families
    ]
    handles += [
        plt.Line2D([], [], color="black", marker=m, linestyle="", label=f"{k} ability")
        for k, m in marker.items()
    ]
    axes[1].legend(handles=handles, loc="upper left", fontsize=8.5)
    fig.suptitle("Wei et al. (2022), Table 1: the scale at which each ability emerged")
    return fig


def mirage_panels(family, N, lengths):
    """Schaeffer et al.'s section 2 in four panels: one loss, two metrics, two axes.

    Parameters
    ----------
    family : scalinglaws.emergence.MirageModel
        The per-token loss of a family of models.
    N : array_like
        Parameter counts at which to draw the curves.
    lengths : sequence of int
        Answer lengths :math:`L` (one curve each; at most eight).

    Returns
    -------
    matplotlib.figure.Figure
        (a) the per-token loss, (b) exact match :math:`p^L` on a linear axis,
        (c) the same on a log axis, (d) token edit distance :math:`L(1-p)`.
    """
    fig, axes = plt.subplots(2, 2, figsize=(10.5, 7.6))
    (loss_ax, linear_ax), (log_ax, edit_ax) = axes
    loglog_axes(loss_ax, "parameters N", "per-token cross-entropy (nats)", si_x=True)
    loss_ax.plot(N, family.cross_entropy(N), color="black", label=r"$(N/c)^{\alpha}$")
    loss_ax.legend(loc="upper right")
    for L, colour in zip(lengths, BOOK_COLOURS):
        for ax in (linear_ax, log_ax):
            ax.plot(N, family.exact_match(N, L), color=colour, label=f"L = {L}")
        edit_ax.plot(N, family.token_edit_distance(N, L), color=colour)
    semilogx_axes(linear_ax, "parameters N", r"exact match, $p^L$", si_x=True)
    loglog_axes(log_ax, "parameters N", r"exact match, $p^L$ (log scale)", si_x=True)
    log_ax.set_ylim(1e-6, 2)
    loglog_axes(edit_ax, "parameters N", r"token edit distance, $L(1-p)$", si_x=True)
    linear_ax.legend(loc="upper left", title="answer length")
    loss_ax.set_title("(a) the loss: a power law")
    linear_ax.set_title("(b) exact match: looks emergent")
    log_ax.set_title("(c) the same exact match, log axis")
    edit_ax.set_title("(d) token edit distance: smooth")
    return fig


def measured_on_test_sets(N, true_accuracy, models, measured, length, floor=3e-7):
    """A true accuracy curve and its measurements on test sets of several sizes.

    Parameters
    ----------
    N, true_accuracy : array_like
        The true accuracy curve, drawn in black.
    models : array_like, shape [m]
        Parameter counts of the measured models.
    measured : dict of int to array_like, shape [m]
        Test-set size ``n`` to the accuracies measured on ``n`` questions.
    length : int
        Answer length, for the axis label.
    floor : float, default 3e-7
        Where a measured zero is drawn (as a triangle) on the log axis.

    Returns
    -------
    matplotlib.figure.Figure
        Measured accuracies (dots; zeros as triangles at ``floor``) and the
        resolution :math:`1/n` of each test set (dotted lines).
    """
    models = np.asarray(models, dtype=float)
    fig, ax = plt.subplots(figsize=(6.6, 4.4))
    ylabel = f"exact match over L = {length} tokens"
    loglog_axes(ax, "parameters N", ylabel, si_x=True)
    ax.plot(N, true_accuracy, color="black", label="true accuracy, $p^L$")
    shifts = np.linspace(0.9, 1.1, len(measured))  # keep equal x apart
    for (n, values), colour, shift in zip(measured.items(), BOOK_COLOURS, shifts):
        seen = np.asarray(values) > 0
        ax.scatter(
            models[seen] * shift,
            np.asarray(values)[seen],
            color=colour,
            zorder=3,
            label=f"measured, n = {n:,}",
        )
        ax.scatter(
            models[~seen] * shift,
            np.full((~seen).sum(), floor),
            color=colour,
            marker="v",
            zorder=3,
        )
        ax.axhline(1 / n, color=colour, linestyle=":", linewidth=1)
        ax.text(models[-1] / 5, 1.4 / n, f"1/n = {1 / n:g}", color=colour, fontsize=8.5)
    ax.set_ylim(floor / 2, 2)
    ax.text(models[4], floor, "measured 0", fontsize=8.5, va="center")
    ax.legend(loc="lower right")
    return fig


def family_curves(
    data, columns, families, *, ylabels, titles, log_y=False, others=True
):
    """Scores of model families against training compute, one panel per column.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per model, with ``"Model Family"``, ``"flops"`` and ``columns``.
    columns : sequence of str
        The score drawn in each panel.
    families : sequence of str
        Families drawn as coloured lines (at most eight).
    ylabels, titles : sequence of str
        One per panel.
    log_y : bool or sequence of bool, default False
        Log scale on the y axis, for all panels or per panel.
    others : bool, default True
        Draw the models of every other family as grey dots.

    Returns
    -------
    matplotlib.figure.Figure
    """
    log_y = [log_y] * len(columns) if np.ndim(log_y) == 0 else list(log_y)
    fig, axes = plt.subplots(1, len(columns), figsize=(11, 4.3))
    for ax, column, ylabel, title, log in zip(axes, columns, ylabels, titles, log_y):
        known = data.dropna(subset=["flops", column])
        if others:
            rest = known[~known["Model Family"].isin(families)]
            ax.scatter(
                rest["flops"],
                rest[column],
                s=14,
                color=REFERENCE_GREY,
                alpha=0.6,
                label="other models",
            )
        for name, colour in zip(families, BOOK_COLOURS):
            members = known[known["Model Family"] == name].sort_values("flops")
            x, y = members["flops"], members[column]
            ax.plot(x, y, "o-", color=colour, markersize=4, linewidth=1.4, label=name)
        semilogx_axes(ax, "training compute C (FLOPs)")
        ax.set_yscale("log" if log else "linear")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
    axes[0].legend(loc="upper left", fontsize=8, ncol=2)
    return fig


def pythia_lambada(final, trained):
    """Pythia's LAMBADA accuracy against size, perplexity against size, and one on the other.

    Parameters
    ----------
    final : pandas.DataFrame
        The final checkpoint of each model: columns ``params``, ``acc``, ``ppl``.
    trained : pandas.DataFrame
        Every checkpoint to draw in the right panel: ``params``, ``step``,
        ``acc``, ``ppl``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    sizes = sorted(trained["params"].unique())
    fig, axes = plt.subplots(1, 3, figsize=(12.5, 4.0))
    axes[0].plot(final["params"], final["acc"], "o-", color="black")
    semilogx_axes(axes[0], "parameters N", "LAMBADA accuracy", si_x=True)
    axes[0].set_title("accuracy against size")
    loglog_axes(axes[1], "parameters N", "perplexity of the last word", si_x=True)
    axes[1].plot(final["params"], final["ppl"], "o-", color="black")
    axes[1].set_title("perplexity against size")
    for size, colour in zip(sizes, BOOK_COLOURS):
        run = trained[trained["params"] == size].sort_values("step")
        axes[2].plot(
            run["ppl"],
            run["acc"],
            "o-",
            color=colour,
            markersize=3,
            linewidth=0.8,
            label=format_si(size),
        )
    ppl = np.geomspace(trained["ppl"].min(), trained["ppl"].max(), 100)
    axes[2].plot(ppl, 1 / ppl, "k--", linewidth=1, label="1 / perplexity")
    semilogx_axes(axes[2], "perplexity of the last word (log scale)")
    axes[2].set_ylabel("LAMBADA accuracy")
    axes[2].set_title("every size and checkpoint")
    axes[2].legend(fontsize=7.5, title="parameters", title_fontsize=8, ncol=2)
    fig.suptitle(
        "Pythia on LAMBADA: final checkpoints (left, middle), "
        "checkpoints from step 1,000 (right)"
    )
    return fig


def subtask_accuracy(ax, x, accuracy, tasks, frequency, xlabel):
    """Held-out accuracy of a few subtasks against scale, on ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : array_like, shape [r]
        Scale of each run (parameters or training-set size).
    accuracy : array_like, shape [r, k]
        Held-out accuracy of each run on each subtask.
    tasks : sequence of int
        The subtasks to draw (at most eight).
    frequency : array_like, shape [k]
        Each subtask's frequency, for the legend.
    xlabel : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    accuracy = np.asarray(accuracy, dtype=float)
    for task, colour in zip(tasks, BOOK_COLOURS):
        label = f"p = {frequency[task]:.3f}"
        ax.plot(x, accuracy[:, task], "o-", color=colour, markersize=4, label=label)
    ax.axhline(0.5, color=REFERENCE_GREY, linestyle=":", linewidth=1)
    semilogx_axes(ax, xlabel, "held-out accuracy on one subtask", si_x=True)
    ax.legend(
        loc="lower right", fontsize=8, title="subtask frequency", title_fontsize=8
    )
    return ax


def mean_loss(ax, x, loss, xlabel, model_loss=None):
    """Mean held-out loss against scale on log-log ``ax``, with an optional model.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x, loss : array_like
        Scale of each run and its mean held-out loss (nats).
    xlabel : str
    model_loss : array_like, optional
        The quantization model's loss of the same runs (ln 2 times the
        frequency of the subtasks not yet learned; Michaud et al. 2023).

    Returns
    -------
    matplotlib.axes.Axes
    """
    loglog_axes(ax, xlabel, "mean held-out loss (nats)", si_x=True)
    ax.plot(x, loss, "o-", color="black", label="measured")
    if model_loss is not None:
        ax.plot(
            x,
            model_loss,
            "s--",
            color=BOOK_COLOURS[1],
            markersize=5,
            label="quantization model: ln 2 x frequency\n"
            "of the subtasks not yet learned",
        )
    ax.legend(loc="lower left", fontsize=8.5)
    return ax


def onset_panel(ax, frequency, onset, fit, theory_slope, theory_label, ylabel):
    """Scale at which each subtask emerges against its frequency, with two slopes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frequency, onset : array_like
        Each subtask's frequency and the scale at which it emerged.
    fit : scalinglaws.fitting.PowerLawFit
        Power law fitted to ``onset`` against ``frequency``.
    theory_slope : float
        The predicted slope, drawn (negated) through the centre of the points.
    theory_label, ylabel : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    p, scale = np.asarray(frequency, float), np.asarray(onset, float)
    loglog_axes(ax, "subtask frequency p", ylabel, si_y=True)
    label = f"{len(p)} distinct subtasks"
    ax.scatter(p, scale, color="black", s=18, zorder=3, label=label)
    grid = np.geomspace(p.min(), p.max(), 50)
    label = f"fit: slope {-fit.alpha:.2f}"
    ax.plot(grid, fit.predict(grid), color=BOOK_COLOURS[0], label=label)
    anchor = np.exp(np.mean(np.log(scale) + theory_slope * np.log(p)))
    ax.plot(
        grid,
        anchor * grid**-theory_slope,
        color=BOOK_COLOURS[1],
        linestyle="--",
        label=f"{theory_label}, slope {-theory_slope:.2f}",
    )
    ax.legend(fontsize=8)
    return ax


def scores_against_size(params, curves):
    """Several scores of the same models against their size, on one axis.

    Parameters
    ----------
    params : array_like
        Parameters of each model.
    curves : dict of str to array_like
        Label to the score of each model (at most eight curves).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(6.6, 4.2))
    styles = ["o-", "s-", "^-", "v-", "D-", "o--", "s--", "^--"]
    colours = ["black", BOOK_COLOURS[1], BOOK_COLOURS[0], *BOOK_COLOURS[2:]]
    for (label, values), style, colour in zip(curves.items(), styles, colours):
        ax.plot(params, values, style, color=colour, label=label)
    semilogx_axes(ax, "parameters N", "score on held-out examples", si_x=True)
    ax.legend(loc="lower right", fontsize=8.5)
    return fig


def forecasts_of_exact_match(N, truth, models, exact, panels, length):
    """Forecasts of exact match from the smallest models, one panel per method.

    Parameters
    ----------
    N, truth : array_like
        The true exact-match curve, drawn in black.
    models, exact : array_like, shape [m]
        The models, smallest first, and their measured exact match.
    panels : sequence of (str, int, dict of str to array_like)
        For each panel: its title, how many of the smallest models were
        fitted, and label to forecast curve (evaluated at ``N``).
    length : int
        Answer length, for the axis label.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(11, 4.2), sharey=True)
    colours = iter(BOOK_COLOURS)
    for ax, (title, n_used, forecasts) in zip(axes, panels):
        ax.plot(N, truth, color="black", linewidth=1, label="truth, $p^L$")
        fitted, held = slice(None, n_used), slice(n_used, None)
        ax.scatter(
            models[fitted], exact[fitted], color="black", zorder=4, label="fitted"
        )
        ax.scatter(
            models[held],
            exact[held],
            facecolor="white",
            edgecolor="black",
            zorder=4,
            label="held out",
        )
        for label, curve in forecasts.items():
            ax.plot(N, curve, color=next(colours), linestyle="--", label=label)
        semilogx_axes(ax, "parameters N", si_x=True).set_title(title)
        ax.legend(loc="upper left", fontsize=8.5)
    axes[0].set_ylabel(f"exact match over L = {length} tokens")
    return fig


def holdout_panels(panels, ylabel, title):
    """Sigmoid forecasts of the stronger models from the weaker, one panel per coordinate.

    Parameters
    ----------
    panels : sequence of (array_like, array_like, HoldoutForecast, str, bool)
        For each panel: the coordinate ``x`` of each model, its score ``y``,
        the :class:`~scalinglaws.emergence.HoldoutForecast` fitted on them,
        the x label, and whether ``x`` is on a log scale.
    ylabel, title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(11, 4.2), sharey=True)
    for ax, (x, y, holdout, xlabel, log_scale) in zip(axes, panels):
        x, y, weaker = np.asarray(x), np.asarray(y), holdout.fitted
        grid = (np.geomspace if log_scale else np.linspace)(x.min(), x.max(), 200)
        ax.scatter(
            x[weaker], y[weaker], s=18, color=BOOK_COLOURS[0], label="fitted (weaker)"
        )
        ax.scatter(
            x[~weaker],
            y[~weaker],
            s=18,
            facecolor="white",
            edgecolor=BOOK_COLOURS[1],
            label="held out",
        )
        ax.plot(
            grid,
            holdout.fit.predict(grid),
            "k--",
            label=f"sigmoid forecast, held-out RMSE {holdout.rmse:.3f}",
        )
        ax.set_xscale("log" if log_scale else "linear")
        ax.set_xlabel(xlabel)
        ax.legend(loc="upper left", fontsize=8.5)
    axes[0].set_ylabel(ylabel)
    fig.suptitle(title)
    return fig
