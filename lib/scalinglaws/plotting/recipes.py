"""Figures of the training-recipe chapter: schedules branched from one run, and the learning-rate x batch basin.

- :func:`plot_wsd_branches`: one model size's learning-rate schedules and
  learning curves, cosines matched to each budget against one stable run
  with cool-downs branched off it (Hägele et al. 2024).
- :func:`plot_lr_batch_basins`: each budget's final loss over the grid of
  peak learning rate x batch size, relative to its best run, with the
  near-optimal runs' geometric mean.
- :func:`plot_hyperparameter_laws`: the per-budget optima against compute,
  the fitted power laws, and DeepSeek LLM's exponents for comparison
  (Bi et al. 2024, section 3.1).
"""

from __future__ import annotations

import numpy as np

from scalinglaws.plotting import (
    BOOK_COLOURS,
    REFERENCE_GREY,
    format_sci,
    loglog_axes,
    semilogx_axes,
)
from scalinglaws.train.config import RunConfig


def _schedule_curve(config):
    config = RunConfig.from_dict(config)
    schedule = config.schedule()
    steps = np.arange(config.tokens // config.tokens_per_step)
    return (steps + 1) * config.tokens_per_step, np.array(
        [schedule(int(t)) for t in steps]
    )


def plot_wsd_branches(axes, cosine_runs, wsd_runs):
    """Schedules (left) and held-out learning curves (right) of one size: matched cosines against WSD branches.

    Parameters
    ----------
    axes : pair of matplotlib.axes.Axes
    cosine_runs, wsd_runs : pandas.DataFrame
        Runs of one model size (rows of :func:`scalinglaws.train.load_runs`),
        one per budget in each, with ``config``, ``curve_tokens`` and ``curve_loss``.

    Returns
    -------
    pair of matplotlib.axes.Axes
    """
    if len(cosine_runs) == 0 or len(wsd_runs) == 0:
        raise ValueError("cosine_runs and wsd_runs must each hold at least one run.")
    left, right = axes
    semilogx_axes(left, "tokens seen", "learning rate", si_x=True)
    semilogx_axes(right, "tokens seen", "held-out loss (nats/token)", si_x=True)
    designs = [
        (cosine_runs, BOOK_COLOURS[0], "-", "cosine matched to each run"),
        (wsd_runs, BOOK_COLOURS[1], "--", "stable run + 20% cool-downs"),
    ]
    for runs, colour, style, label in designs:
        for k, r in enumerate(runs.sort_values("tokens").itertuples()):
            tokens, lr = _schedule_curve(r.config)
            name = label if k == 0 else None
            left.plot(tokens, lr, color=colour, linestyle=style, label=name)
            right.plot(
                r.curve_tokens, r.curve_loss, color=colour, linestyle=style, label=name
            )
            right.scatter(r.tokens, r.final_loss, color=colour, s=18, zorder=3)
    left.legend(fontsize=8, loc="lower left")
    right.legend(fontsize=8, loc="upper right")
    return axes


def plot_lr_batch_basins(axes, table, optima):
    """One panel per budget: final loss over learning rate x batch size, relative to the budget's best run; a star at the near-optimal runs' geometric mean.

    Parameters
    ----------
    axes : sequence of matplotlib.axes.Axes
        One per budget, in increasing order of budget.
    table : pandas.DataFrame
        :func:`scalinglaws.recipe_study.lr_batch_table`.
    optima : pandas.DataFrame
        :func:`scalinglaws.recipe_study.lr_batch_optima` (its ``lr_opt``, ``batch_opt`` are marked).

    Returns
    -------
    matplotlib.image.AxesImage
        The last panel's image (for a shared colour bar).
    """
    budgets = sorted(table["budget"].unique())
    if len(axes) != len(budgets):
        raise ValueError(f"need one axis per budget ({len(budgets)}), got {len(axes)}.")
    image = None
    for ax, budget in zip(axes, budgets):
        grid = table[table["budget"] == budget].pivot(
            index="batch_tokens", columns="lr", values="loss"
        )
        excess = 100 * (grid / grid.min().min() - 1)  # percent above the best run
        lrs, batches = grid.columns.to_numpy(float), grid.index.to_numpy(float)
        image = ax.imshow(
            excess.to_numpy(),
            origin="lower",
            cmap="viridis_r",
            vmin=0,
            vmax=10,
            aspect="auto",
            extent=(-0.5, len(lrs) - 0.5, -0.5, len(batches) - 0.5),
        )
        at = optima.loc[budget]
        ax.scatter(
            np.interp(np.log(at["lr_opt"]), np.log(lrs), np.arange(len(lrs))),
            np.interp(
                np.log(at["batch_opt"]), np.log(batches), np.arange(len(batches))
            ),
            marker="*",
            s=90,
            color="white",
            edgecolor="black",
        )
        ax.set_xticks(range(len(lrs)), [f"{x:g}" for x in lrs], rotation=90, fontsize=7)
        ax.set_yticks(range(len(batches)), [f"{int(b)}" for b in batches], fontsize=7)
        ax.set_title(f"{format_sci(budget, 1)} FLOPs", fontsize=9)
        ax.set_xlabel("peak learning rate", fontsize=8)
    axes[0].set_ylabel("batch (tokens)", fontsize=8)
    return image


def plot_hyperparameter_laws(axes, fit, published):
    """eta_opt(C) and B_opt(C): the per-budget optima, the fitted power laws and the published exponents.

    Parameters
    ----------
    axes : pair of matplotlib.axes.Axes
    fit : scalinglaws.recipe_study.HyperparameterFit
    published : pair of HyperparameterLaw
        (learning rate, batch size); drawn with their exponents through the
        middle budget's fitted value, since their compute is counted
        differently (their C includes attention FLOPs).

    Returns
    -------
    pair of matplotlib.axes.Axes
    """
    C = fit.optima["flops"].to_numpy(float)
    span = np.geomspace(C.min() / 1.5, C.max() * 1.5, 50)
    middle = np.sqrt(C.min() * C.max())
    panels = [
        ("peak learning rate", "lr_opt", "lr_best", fit.lr, fit.lr_exponent),
        (
            "batch size (tokens)",
            "batch_opt",
            "batch_best",
            fit.batch_tokens,
            fit.batch_exponent,
        ),
    ]
    for ax, (label, column, best, law, exponent), ref in zip(axes, panels, published):
        loglog_axes(ax, "compute C = 6ND (FLOPs)", f"optimal {label}", plain_y=True)
        ax.scatter(
            C,
            fit.optima[column],
            color=BOOK_COLOURS[0],
            zorder=3,
            label="near-optimal runs (geometric mean)",
        )
        ax.scatter(
            C,
            fit.optima[best],
            color=REFERENCE_GREY,
            marker="x",
            label="best run of the grid",
        )
        ax.plot(
            span,
            law(span),
            color=BOOK_COLOURS[0],
            label=f"fit: exponent {exponent:+.2f}",
        )
        ax.plot(
            span,
            law(middle) * (span / middle) ** ref.exponent,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=f"DeepSeek's exponent {ref.exponent:+.3f}",
        )
        ax.legend(fontsize=8)
    return axes
