"""The book's figure style and the log-log helpers every chapter uses.

Scaling laws are power laws, so nearly every figure in the book is a
log-log plot of loss against parameters, tokens or FLOPs, or a map of the
parameters-tokens plane crossed by lines of constant compute. This module
holds the few pieces those figures share, so that every chapter looks the
same and no notebook cell has to define a plotting function. Chapter 1
(*Scaling laws at a glance*) introduces all of them.

Figure helpers for one chapter's subject live in modules of their own in this
package (``from scalinglaws.plotting import isoflop``, say); what every chapter
uses is here.

Nothing here computes a law: callers pass functions or numbers from
:mod:`scalinglaws.laws` and :mod:`scalinglaws.compute`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import numpy as np
from matplotlib import cycler  # matplotlib's re-export: no separate dependency
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from scalinglaws import compute
from scalinglaws._validation import as_count, as_finite, as_positive, same_length

# The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): its
# colours stay distinguishable under the common forms of colour blindness
# and in greyscale print. Yellow comes last because it is faint on white.
BOOK_COLOURS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)

#: Colour for reference lines (isoFLOP lines, tokens-per-parameter lines)
#: that should sit behind the data.
REFERENCE_GREY = "#7f7f7f"

#: matplotlib rcParams for every figure in the book: type large enough to
#: read on a phone, a light major grid (log axes are hard to read without
#: one), no top/right spines, and a default size that fills the width of a
#: page of the website at about its natural resolution.
BOOK_STYLE = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.prop_cycle": cycler(color=list(BOOK_COLOURS)),
    "axes.grid": True,
    "axes.grid.which": "major",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "grid.color": "#b0b0b0",
    "grid.alpha": 0.4,
    "grid.linewidth": 0.6,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6.0,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
}

# Suffixes for counts of parameters, tokens and FLOPs. The field writes
# billions as "B" (GPT-3 175B), not the SI "G", so we follow it.
_SI_STEPS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def use_book_style() -> None:
    """Apply the book's figure style to every figure made from now on.

    Chapters call this once, right after their imports. To style only a
    block of code, use :func:`book_style` as a context manager instead.
    """
    mpl.rcParams.update(BOOK_STYLE)


def book_style():
    """Return a context manager that applies the book's style inside a ``with`` block.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with book_style():
    ...     fig, ax = plt.subplots()
    """
    return mpl.rc_context(BOOK_STYLE)


def _scalar(value, name: str) -> float:
    arr = as_finite(value, name)
    if arr.ndim != 0:
        raise ValueError(
            f"{name} must be a single number, got an array of shape {arr.shape}."
        )
    return float(arr)


def _check_digits(digits) -> int:
    digits = as_count(digits, "digits", 1)
    return digits


def format_si(x, digits: int = 3) -> str:
    """Write a count of parameters, tokens or FLOPs the way papers do: 1.4e12 -> "1.4T".

    Parameters
    ----------
    x : float
        The number. Magnitudes from a thousand to below a quadrillion get a
        suffix (k, M, B for billion, T for trillion); smaller magnitudes are
        written plainly and larger ones in e-notation (``"5.76e23"``), since
        no paper writes FLOPs with a suffix.
    digits : int, default 3
        Significant digits kept; trailing zeros are dropped.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``x`` is not a single finite number or ``digits`` is not a
        positive integer.

    Examples
    --------
    >>> format_si(1.4e12), format_si(70e9), format_si(175e9), format_si(768)
    ('1.4T', '70B', '175B', '768')
    """
    value = _scalar(x, "x")
    digits = _check_digits(digits)
    if value == 0:
        return "0"
    # Round first, so that 999.96e9 becomes "1T" rather than "1e+03B".
    rounded = float(f"{value:.{digits}g}")
    magnitude = abs(rounded)
    if magnitude >= 1e15:
        mantissa, exponent = f"{rounded:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{int(exponent)}"
    for scale, suffix in _SI_STEPS:
        if magnitude >= scale:
            return f"{rounded / scale:.{digits}g}{suffix}"
    return f"{rounded:.{digits}g}"


def format_sci(x, digits: int = 3) -> str:
    """Write a number as mathtext in scientific notation: 5.76e23 -> ``$5.76\\times10^{23}$``.

    Powers of ten are written without a mantissa (1e21 -> ``$10^{21}$``).
    Used for FLOP budgets in labels, where suffixes would be unfamiliar.

    Parameters
    ----------
    x : float
        The number; must be finite and non-zero.
    digits : int, default 3
        Significant digits of the mantissa; trailing zeros are dropped.

    Returns
    -------
    str
        A matplotlib mathtext string (wrapped in ``$``).

    Raises
    ------
    ValueError
        If ``x`` is zero or not a single finite number, or ``digits`` is not
        a positive integer.
    """
    value = _scalar(x, "x")
    digits = _check_digits(digits)
    if value == 0:
        raise ValueError("x must be non-zero to be written in scientific notation.")
    mantissa_text, exponent_text = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent_text)
    mantissa = float(mantissa_text)
    if abs(mantissa) == 1.0:
        sign = "-" if mantissa < 0 else ""
        return f"${sign}10^{{{exponent}}}$"
    mantissa_text = (
        mantissa_text.rstrip("0").rstrip(".") if "." in mantissa_text else mantissa_text
    )
    return f"${mantissa_text}\\times10^{{{exponent}}}$"


def _si_tick(value: float, _position) -> str:
    # Tick locators can hand the formatter values at or below zero on
    # shared or autoscaled axes; a log axis never shows them, so leave blank.
    if not np.isfinite(value) or value <= 0:
        return ""
    return format_si(value)


#: A tick formatter that labels counts as 1k, 10M, 1B, 1T.
SI_FORMATTER = FuncFormatter(_si_tick)


def _check_label(text, name: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(
            f"{name} must be a non-empty string naming the quantity and its unit."
        )
    return text


#: Where plain-number ticks go on a log axis: 1, 2, 3, 4, 5, 6 and 8 times
#: each power of ten, close enough to even spacing on a log scale.
_PLAIN_TICK_MULTIPLES = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)


def _plain_number_ticks(axis) -> None:
    axis.set_major_locator(LogLocator(base=10.0, subs=_PLAIN_TICK_MULTIPLES))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def loglog_axes(
    ax,
    xlabel: str,
    ylabel: str,
    *,
    si_x: bool = False,
    si_y: bool = False,
    plain_y: bool = False,
):
    """Make ``ax`` a log-log plot with labelled axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    xlabel, ylabel : str
        Axis labels; name the quantity and its unit, e.g.
        ``"parameters N (non-embedding)"`` or ``"loss (nats/token)"``.
    si_x, si_y : bool, default False
        Label that axis's ticks as counts (1M, 1B, 1T) rather than powers
        of ten; right for parameters and tokens, wrong for PF-days.
    plain_y : bool, default False
        Label the y ticks as plain numbers (2, 3, 4, 6) at 1, 2, 3, 4, 5, 6
        and 8 times each power of ten. Right for a loss axis, which spans
        less than a decade and would otherwise show labels such as
        "4 x 10^0"; too dense for an axis spanning many decades.

    Returns
    -------
    matplotlib.axes.Axes
        The same axes, for chaining.

    Raises
    ------
    ValueError
        If a label is empty or not a string, or both ``si_y`` and
        ``plain_y`` are asked for.
    """
    if si_y and plain_y:
        raise ValueError(
            "choose one of si_y and plain_y for the y tick labels, not both."
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(_check_label(xlabel, "xlabel"))
    ax.set_ylabel(_check_label(ylabel, "ylabel"))
    if si_x:
        ax.xaxis.set_major_formatter(SI_FORMATTER)
    if si_y:
        ax.yaxis.set_major_formatter(SI_FORMATTER)
    if plain_y:
        _plain_number_ticks(ax.yaxis)
    return ax


def semilogx_axes(ax, xlabel: str, ylabel: str | None = None, *, si_x: bool = False):
    """Logarithmic x, linear y: for a score, a slope or a loss on a linear scale.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    xlabel : str
        The resource on the x axis and its unit, e.g. ``"parameters N"``.
    ylabel : str, optional
        The y axis's label; left unset when None.
    si_x : bool, default False
        Label the x ticks as counts (1M, 1B, 1T) rather than powers of ten.

    Returns
    -------
    matplotlib.axes.Axes
        The same axes, for chaining.

    Raises
    ------
    ValueError
        If a label is empty or not a string.
    """
    ax.set_xscale("log")
    ax.set_xlabel(_check_label(xlabel, "xlabel"))
    if ylabel is not None:
        ax.set_ylabel(_check_label(ylabel, "ylabel"))
    if si_x:
        ax.xaxis.set_major_formatter(SI_FORMATTER)
    return ax


def _positive_range(x_range, name: str) -> tuple[float, float]:
    bounds = as_positive(x_range, name)
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(
            f"{name} must be two positive numbers (low, high) with low < high, got {x_range!r}."
        )
    return float(bounds[0]), float(bounds[1])


def plot_power_law(
    ax,
    law_fn: Callable[[np.ndarray], np.ndarray],
    x_range,
    label: str | None = None,
    *,
    n_points: int = 200,
    **line_kwargs,
):
    """Draw ``y = law_fn(x)`` for ``x`` log-spaced over ``x_range``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    law_fn : callable
        Vectorised function from an array of x to an array of y, e.g.
        ``laws.KAPLAN_2020.loss_n``. Its values must be finite and > 0, as
        they are drawn on a log axis.
    x_range : (float, float)
        Lowest and highest x, both > 0.
    label : str, optional
        Legend entry.
    n_points : int, default 200
        Number of log-spaced points; a power law with an offset bends, so
        a straight line through two points would not do.
    **line_kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.lines.Line2D

    Raises
    ------
    ValueError
        If ``x_range`` is not two increasing positive numbers, ``n_points``
        is below 2, or ``law_fn`` returns values that cannot go on a log axis.
    """
    low, high = _positive_range(x_range, "x_range")
    n_points = as_count(n_points, "n_points", 2)
    x = np.geomspace(low, high, n_points)
    y = np.asarray(law_fn(x), dtype=float)
    if y.shape != x.shape:
        raise ValueError(
            f"law_fn must return one value per x (shape {x.shape}), got shape {y.shape}."
        )
    if not np.all(np.isfinite(y)) or np.any(y <= 0):
        raise ValueError(
            "law_fn returned NaN, infinite or non-positive values over x_range; "
            "a log axis needs finite values > 0."
        )
    (line,) = ax.plot(x, y, label=label, **line_kwargs)
    return line


def _visible_n_range(ax, n_range) -> tuple[float, float]:
    if n_range is None:
        n_range = ax.get_xlim()
    return _positive_range(n_range, "n_range")


def add_isoflop_lines(
    ax,
    C_values,
    *,
    n_range=None,
    label_lines: bool = True,
    legend_label: str | None = "isoFLOP lines, C = 6ND",
    **line_kwargs,
):
    """Draw lines of constant training compute C = 6ND on the N-D plane.

    The axes must have parameters N on x and tokens D on y, both on log
    scales, with limits already set: each line spans ``n_range`` (default:
    the current x-limits) and its label sits inside the current y-limits.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    C_values : array_like
        Training budgets in FLOPs, each > 0.
    n_range : (float, float), optional
        Parameter range to draw over; defaults to ``ax.get_xlim()``.
    label_lines : bool, default True
        Write each budget next to its line.
    legend_label : str or None
        Legend entry for the first line (the rest share it); None for none.
    **line_kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`; defaults are thin,
        dashed and grey so the lines stay behind the data.

    Returns
    -------
    list of matplotlib.lines.Line2D
        One line per budget, in the order given.

    Notes
    -----
    C = 6ND is Kaplan et al. (2020), Sec. 2.1 and Hoffmann et al. (2022),
    eq. (4)'s FLOP model; the conversion lives in
    :func:`scalinglaws.compute.training_flops`.
    """
    budgets = np.atleast_1d(as_positive(C_values, "C_values"))
    low, high = _visible_n_range(ax, n_range)
    n = np.geomspace(low, high, 50)
    # training_flops(N, 1) is the cost of one training token, so C divided
    # by it is the number of tokens the budget buys at that size.
    flops_per_token = np.asarray(compute.training_flops(n, 1.0), dtype=float)
    style = {"color": REFERENCE_GREY, "linestyle": "--", "linewidth": 0.9, "zorder": 1}
    style.update(line_kwargs)
    y_low, y_high = ax.get_ylim()
    lines = []
    for i, budget in enumerate(budgets):
        tokens = budget / flops_per_token
        (line,) = ax.plot(n, tokens, label=legend_label if i == 0 else None, **style)
        lines.append(line)
        if label_lines:
            inside = (tokens >= y_low) & (tokens <= y_high)
            if np.any(inside):
                # Label a few points in from the upper-left end of the
                # visible stretch, clear of the axes' edge.
                j = np.flatnonzero(inside)[min(4, int(inside.sum()) - 1)]
                ax.annotate(
                    format_sci(budget) + " FLOPs",
                    (n[j], tokens[j]),
                    xytext=(3, 3),
                    textcoords="offset points",
                    fontsize=8,
                    color=style["color"],
                )
    return lines


def add_tokens_per_parameter_line(
    ax,
    tokens_per_parameter,
    *,
    n_range=None,
    label: str | None = None,
    **line_kwargs,
):
    """Draw the line D = r N (a fixed number of training tokens per parameter).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes with parameters N on x and tokens D on y.
    tokens_per_parameter : float
        The ratio r = D / N, > 0; 20 is the rule of thumb read off
        Hoffmann et al. (2022), Table 3.
    n_range : (float, float), optional
        Parameter range to draw over; defaults to ``ax.get_xlim()``.
    label : str, optional
        Legend entry; defaults to ``"D = r N"`` with r filled in.
    **line_kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    ratio = float(
        as_positive(
            _scalar(tokens_per_parameter, "tokens_per_parameter"),
            "tokens_per_parameter",
        )
    )
    low, high = _visible_n_range(ax, n_range)
    n = np.array([low, high])
    if label is None:
        label = f"D = {ratio:g} N"
    style = {"color": "black", "linestyle": ":", "linewidth": 1.5, "zorder": 2}
    style.update(line_kwargs)
    (line,) = ax.plot(n, ratio * n, label=label, **style)
    return line


def annotate_points(
    ax,
    x,
    y,
    labels: Sequence[str],
    *,
    offsets: Sequence[tuple[float, float]] | None = None,
    fontsize: float = 8.5,
    **text_kwargs,
):
    """Write a label next to each point (x[i], y[i]).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x, y : array_like
        Point coordinates in data units; finite, same length as ``labels``.
    labels : sequence of str
    offsets : sequence of (float, float), optional
        Per-point text offset in typographic points; default (4, 3) for
        all, i.e. just above and to the right. Pass explicit offsets
        where labels of neighbouring points would collide.
    fontsize : float, default 8.5
    **text_kwargs
        Passed to :meth:`matplotlib.axes.Axes.annotate`. By default each
        label sits on a translucent white box, so that it stays legible
        where it crosses a line; pass ``bbox=None`` to turn that off.

    Returns
    -------
    list of matplotlib.text.Annotation

    Raises
    ------
    ValueError
        If the inputs differ in length or coordinates are not finite.
    """
    xs = np.atleast_1d(as_finite(x, "x"))
    ys = np.atleast_1d(as_finite(y, "y"))
    labels = [str(text) for text in labels]
    if offsets is None:
        offsets = [(4.0, 3.0)] * len(labels)
    same_length(
        x=xs, y=ys, labels=np.empty(len(labels)), offsets=np.empty(len(offsets))
    )
    text_kwargs.setdefault(
        "bbox",
        {
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.75,
        },
    )
    annotations = []
    for xi, yi, text, (dx, dy) in zip(xs, ys, labels, offsets):
        annotations.append(
            ax.annotate(
                text,
                (xi, yi),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=fontsize,
                **text_kwargs,
            )
        )
    return annotations


def plot_models_over_time(
    ax_size,
    ax_ratio,
    models,
    *,
    turn: str = "Chinchilla",
    rule_of_thumb: float = 20.0,
    labelled: Sequence[str] = (),
):
    """Parameters and training tokens of published models against their release date.

    Two panels tell the story of chapter 8: on ``ax_size`` each model's
    parameters (filled) and training tokens (open) on a log axis; on
    ``ax_ratio`` its tokens per parameter, with the rule-of-thumb line. Models
    released before the ``turn`` model are drawn in one colour, the turn in a
    second and later models in a third, and the turn's month is marked on
    both panels. Models without a token count are left out.

    Parameters
    ----------
    ax_size, ax_ratio : matplotlib.axes.Axes
    models : pandas.DataFrame
        Rows of ``datasets.load("model_zoo")`` (columns ``params``,
        ``tokens``, ``released`` as ``"YYYY-MM"``), indexed by model name.
    turn : str, default "Chinchilla"
        The model whose release month divides the two eras.
    rule_of_thumb : float, default 20
        Tokens per parameter drawn as a horizontal line on ``ax_ratio``
        (Hoffmann et al. 2022, Table 3).
    labelled : sequence of str, optional
        Models to name next to their point on ``ax_ratio``.

    Raises
    ------
    ValueError
        If ``turn`` or a ``labelled`` model is not among the models, or a
        needed column is missing.
    """
    import matplotlib.dates as mdates
    import pandas as pd  # only this helper needs it

    missing = {"params", "tokens", "released"} - set(models.columns)
    if missing:
        raise ValueError(
            f"models lacks the columns {sorted(missing)}; pass rows of the model zoo."
        )
    unknown = [name for name in (turn, *labelled) if name not in models.index]
    if unknown:
        raise ValueError(
            f"{unknown} are not models of the table (turn and labelled must be)."
        )
    shown = models.dropna(subset=["tokens"])
    dates = pd.to_datetime(shown["released"], format="%Y-%m")
    turn_date = pd.to_datetime(models.loc[turn, "released"], format="%Y-%m")
    ratio = shown["tokens"] / shown["params"]
    eras = [
        (dates < turn_date, BOOK_COLOURS[1], f"before {turn}"),
        (dates == turn_date, BOOK_COLOURS[2], turn),
        (dates > turn_date, BOOK_COLOURS[0], f"after {turn}"),
    ]
    for mask, colour, label in eras:
        ax_size.scatter(
            dates[mask], shown.loc[mask, "params"], color=colour, s=28, zorder=3
        )
        ax_size.scatter(
            dates[mask],
            shown.loc[mask, "tokens"],
            facecolors="white",
            edgecolors=colour,
            marker="s",
            s=28,
            zorder=3,
        )
        ax_ratio.scatter(
            dates[mask], ratio[mask], color=colour, s=28, zorder=3, label=label
        )
    ax_size.scatter([], [], color="black", s=28, label="parameters")
    ax_size.scatter(
        [],
        [],
        facecolors="white",
        edgecolors="black",
        marker="s",
        s=28,
        label="training tokens",
    )
    for ax in (ax_size, ax_ratio):
        ax.set_yscale("log")
        ax.axvline(turn_date, color=REFERENCE_GREY, linestyle="--", linewidth=1.0)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("release (paper or announcement)")
    ax_size.yaxis.set_major_formatter(SI_FORMATTER)
    ax_size.set_ylabel("parameters and training tokens")
    ax_size.legend(loc="upper left", fontsize=8.5)
    ax_ratio.set_ylabel("training tokens per parameter")
    ax_ratio.axhline(
        rule_of_thumb,
        color="black",
        linestyle=":",
        linewidth=1.5,
        label=f"{rule_of_thumb:g} tokens per parameter",
    )
    ax_ratio.legend(loc="upper left", fontsize=8.5)
    if labelled:
        names = list(labelled)
        annotate_points(
            ax_ratio, mdates.date2num(dates[names]), ratio[names], names, fontsize=7.5
        )


def kaplan_compute_range(kaplan, decades: float = 8.0) -> tuple[float, float]:
    """The span of C_min, in PF-days, that Kaplan et al.'s Figure 1 covers.

    The paper gives it only in words, "eight orders of magnitude in C_min"
    (section 1.2). It ends at the cost of their largest run, a model of
    ``kaplan.n_range[1]`` non-embedding parameters trained for the default
    2.5e5 steps of 2^19 tokens (section 2), and starts ``decades`` lower.

    Parameters
    ----------
    kaplan : scalinglaws.laws.KaplanLaws
    decades : float, default 8

    Returns
    -------
    (float, float)
        Lowest and highest C_min in PF-days.
    """
    decades = float(as_positive(_scalar(decades, "decades"), "decades"))
    tokens = kaplan.default_steps * kaplan.default_batch_tokens
    largest = compute.flops_to_pf_days(
        compute.training_flops(kaplan.n_range[1], tokens)
    )
    return float(largest) / 10.0**decades, float(largest)


def plot_kaplan_figure1(axes, kaplan, *, c_range=None, curves=None, envelope=None):
    """Kaplan et al. (2020), Figure 1, redrawn from the constants of their Table 5.

    Three panels share the loss axis: loss against compute C_min (eq. 1.3),
    dataset size (eq. 1.2) and non-embedding parameters (eq. 1.1), each over
    the range the paper's runs covered (section 2). Chapter 1 shows the lines
    alone; chapter 3 adds the learning curves of eq. 1.6 and their envelope.

    Parameters
    ----------
    axes : sequence of three matplotlib.axes.Axes
        Compute, data and parameter panels, in that order.
    kaplan : scalinglaws.laws.KaplanLaws
    c_range : (float, float), optional
        Compute span in PF-days; :func:`kaplan_compute_range` by default.
    curves : (list of arrays, list of arrays), optional
        Learning curves (compute in PF-days, loss) drawn thin on the compute
        panel, coloured from small to large model.
    envelope : (array, array), optional
        Their lower envelope (compute, loss), drawn dashed.

    Raises
    ------
    ValueError
        If ``axes`` does not hold three axes, or a range is not increasing.
    """
    if len(axes) != 3:
        raise ValueError(
            f"axes must hold three axes (compute, data, parameters), got {len(axes)}."
        )
    c_range = _positive_range(
        kaplan_compute_range(kaplan) if c_range is None else c_range, "c_range"
    )
    ax_c = axes[0]
    loglog_axes(
        ax_c,
        r"compute $C_\mathrm{min}$ (PF-days)",
        "test loss (nats/token)",
        plain_y=True,
    )
    if curves is not None:
        import matplotlib.pyplot as plt  # the colour map only

        compute_curves, loss_curves = curves
        colours = plt.cm.viridis(np.linspace(0.05, 0.9, len(compute_curves)))
        for c, loss, colour in zip(compute_curves, loss_curves, colours):
            ax_c.plot(c, loss, color=colour, linewidth=0.9, alpha=0.8)
        ax_c.plot(
            [],
            [],
            color=colours[len(colours) // 2],
            linewidth=0.9,
            label="eq. 1.6, one model each",
        )
    if envelope is not None:
        ax_c.plot(
            *envelope,
            color="black",
            linestyle="--",
            linewidth=1.6,
            label="their envelope",
        )
    panels = [
        (
            ax_c,
            kaplan.loss_c,
            c_range,
            None,
            BOOK_COLOURS[1],
            rf"eq. 1.3, $\alpha_C^\mathrm{{min}}$ = {kaplan.alpha_C_min:.3f}",
        ),
        (
            axes[1],
            kaplan.loss_d,
            kaplan.d_range,
            "dataset size D (tokens)",
            BOOK_COLOURS[2],
            rf"eq. 1.2, $\alpha_D$ = {kaplan.alpha_D:.3f}",
        ),
        (
            axes[2],
            kaplan.loss_n,
            kaplan.n_range,
            "parameters N (non-embedding)",
            BOOK_COLOURS[0],
            rf"eq. 1.1, $\alpha_N$ = {kaplan.alpha_N:.3f}",
        ),
    ]
    for ax, law, x_range, xlabel, colour, label in panels:
        if xlabel is not None:
            loglog_axes(ax, xlabel, "test loss (nats/token)", si_x=True, plain_y=True)
        plot_power_law(ax, law, x_range, label, color=colour)
        ax.legend(
            loc="lower left" if ax is ax_c and curves is not None else "upper right",
            fontsize=8.5,
        )
        ax.label_outer()  # one y label for the three panels
    ax_c.set_xlim(*c_range)
