"""Figures of power laws read through their local slope, and of prediction bands.

Chapter 2 (*Power laws and how to fit them*) draws most of its laws twice: the
curve on log-log axes and, beside it, its local slope s(x) = d log L / d log x,
the exponent the curve has at each point (for L = E + (x0/x)^alpha,
s = -alpha (L - E) / L; Henighan et al. 2020, eq. 1.1). A pure power law is a
flat line in that panel; a floor makes it climb towards zero. The helpers here
draw those panels and the bootstrap bands of extrapolated fits, so that the
chapter's cells show the laws and the fits, not the matplotlib calls.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import same_length
from scalinglaws.fitting.extrapolation import local_slope

from . import semilogx_axes

#: Default label of a local-slope axis.
LOCAL_SLOPE_LABEL = r"local slope $d\log L/d\log x$"


def local_slope_axes(ax, xlabel: str, ylabel: str = LOCAL_SLOPE_LABEL, *, si_x=False):
    """Make ``ax`` a panel of local slopes: logarithmic x, linear y, labelled.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    xlabel : str
        The resource on the x axis and its unit, e.g. ``"parameters N"``.
    ylabel : str, default ``LOCAL_SLOPE_LABEL``
        Name the derivative, e.g. ``r"local slope $d\\log L/d\\log N$"``.
    si_x : bool, default False
        Label the x ticks as counts (1M, 1B) rather than powers of ten.

    Returns
    -------
    matplotlib.axes.Axes
        The same axes, for chaining.

    Raises
    ------
    ValueError
        If a label is empty or not a string.
    """
    return semilogx_axes(ax, xlabel, ylabel, si_x=si_x)


def plot_with_local_slope(ax_curve, ax_slope, x, y, **style) -> np.ndarray:
    """Draw y(x) on ``ax_curve`` and its local slope d log y / d log x on ``ax_slope``.

    Parameters
    ----------
    ax_curve, ax_slope : matplotlib.axes.Axes
        The curve's panel (usually from :func:`scalinglaws.plotting.loglog_axes`)
        and the slope's (from :func:`local_slope_axes`).
    x, y : array_like, shape (n,)
        Positive samples of the curve, x increasing, n >= 3.
    **style
        Passed to both ``plot`` calls (``color``, ``linestyle``, ``label``...),
        so that a curve and its slope look alike and a legend on either panel
        names both.

    Returns
    -------
    ndarray, shape (n,)
        The local slope, from
        :func:`scalinglaws.fitting.extrapolation.local_slope`.

    Raises
    ------
    ValueError
        As :func:`~scalinglaws.fitting.extrapolation.local_slope` raises: on
        non-positive, unsorted or mismatched samples.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    same_length(x=x, y=y)
    slope = local_slope(x, y)
    ax_curve.plot(x, y, **style)
    ax_slope.plot(x, slope, **style)
    return slope


def plot_band(ax, band, *, color, label=None, linestyle="-", alpha=0.25):
    """Draw a prediction band: its central prediction as a line, its interval shaded.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    band : PredictionBand
        From :func:`scalinglaws.fitting.extrapolation.prediction_band`, drawn
        at its own ``x``.
    color : str
        A book colour (``plotting.BOOK_COLOURS[k]``).
    label : str, optional
        Legend entry of the line.
    linestyle : str, default "-"
    alpha : float, default 0.25
        Opacity of the shading.

    Returns
    -------
    matplotlib.axes.Axes
        The same axes.

    """
    ax.fill_between(band.x, band.lo, band.hi, color=color, alpha=alpha, linewidth=0)
    ax.plot(band.x, band.estimate, color=color, linestyle=linestyle, label=label)
    return ax
