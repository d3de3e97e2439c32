"""How emergent does a curve look? Schaeffer's emergence score, and where a curve crosses a threshold.

Chapter 7 scores the same model family's results with several metrics and
compares: a discontinuous metric gives a large emergence score, a continuous
one a small score.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_finite, as_positive, same_length

#: The emergence score compares a jump with the typical step, so it needs a
#: few steps: with two points it is always +-1.
MIN_POINTS_FOR_SCORE = 3

#: What Schaeffer, Miranda & Koyejo (2023), Sec. 4, report from scoring BIG-bench
#: with :func:`emergence_score`: "of the 39
#: preferred metrics in BIG-bench, at most 5 display emergence", and "2 metrics
#: account for > 92% of claimed emergent abilities" (multiple-choice grade and
#: exact string match). Quoted results, not computed here: the BIG-bench
#: per-model outputs are not among the book's datasets.
SCHAEFFER_2023_BIGBENCH = {
    "preferred_metrics": 39,
    "metrics_displaying_emergence_at_most": 5,
    "share_of_claims_from_two_metrics_above": 0.92,
    "two_metrics": ("Multiple Choice Grade", "Exact String Match"),
}


def _ordered(
    scores, scale, minimum: int, positive_scale: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    y = as_finite(scores, "scores")
    if y.ndim != 1:
        raise ValueError(
            f"scores must be 1-D, one value per model, got shape {y.shape}."
        )
    if y.size < minimum:
        raise ValueError(
            f"scores has {y.size} values; pass at least {minimum}, one per model size."
        )
    if scale is None:
        return y, None
    x = (as_positive if positive_scale else as_finite)(scale, "scale")
    same_length(scores=y, scale=x)
    order = np.argsort(x, kind="stable")
    return y[order], x[order]


def emergence_score(scores, scale=None) -> float:
    """Schaeffer et al.'s emergence score: the total change over the typical step between models.

    Parameters
    ----------
    scores : array_like, shape [n]
        A metric's value for each model of a family, n >= 3.
    scale : array_like, shape [n], optional
        Each model's size or compute; when given, models are put in order
        of increasing scale first. Without it ``scores`` must already be in
        that order.

    Returns
    -------
    float
        ``sign(argmax y - argmin y) * (max y - min y) / sqrt(median_i (y_i - y_{i-1})^2)``.
        Large when most steps are small and one is large (a jump); near 1
        to a few when the curve changes by similar steps. Positive when the
        maximum comes after the minimum. 0 for a flat curve, and
        ``+-inf`` when more than half of the steps are exactly zero (a
        metric that sits at 0 and then jumps, as exact match often does).

    Raises
    ------
    ValueError
        If fewer than 3 scores are given, values are not finite, or
        ``scale`` does not match ``scores`` in length.

    Notes
    -----
    Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large
    Language Models a Mirage?", Sec. 4: the
    score used in their meta-analysis of BIG-bench, where "of the 39 preferred
    metrics ... at most 5 display emergence".

    Examples
    --------
    >>> emergence_score([0.0, 0.0, 0.0, 1.0])
    inf
    >>> round(emergence_score([0.1, 0.2, 0.3, 0.4]), 6)
    3.0
    """
    y, _ = _ordered(scores, scale, MIN_POINTS_FOR_SCORE, positive_scale=False)
    change = float(y.max() - y.min())
    if change == 0:
        return 0.0
    direction = float(np.sign(int(np.argmax(y)) - int(np.argmin(y))))
    typical_step = float(np.sqrt(np.median(np.diff(y) ** 2)))
    if typical_step == 0:
        return direction * np.inf
    return direction * change / typical_step


def emergence_scale(scale, scores, threshold):
    """The scale at which a rising curve first reaches ``threshold``, interpolated in log scale.

    Parameters
    ----------
    scale : array_like, shape [n]
        Model size or compute, > 0.
    scores : array_like, shape [n] or [n, m]
        The metric at each scale, n >= 2; a 2-D array holds ``m`` curves
        (one per column, e.g. one per task) measured on the same models.
    threshold : float
        The level that counts as "emerged", e.g. halfway between chance
        and perfect.

    Returns
    -------
    float, or ndarray of shape [m] for 2-D ``scores``
        Between the last model below ``threshold`` and the first at or above
        it, the point where the straight line in (log scale, score) crosses
        it. The smallest scale if even that model is at or above the
        threshold (the ability emerged at or before it); NaN if no model
        reaches it.

    Raises
    ------
    ValueError
        If scales are not positive, values are not finite, the lengths
        differ, fewer than 2 models are given, or ``threshold`` is not a
        single number.

    Notes
    -----
    Wei et al. (2022), "Emergent Abilities of Large Language Models", Table 1,
    list each ability with the first scale at which its performance rises
    above random; this is the same reading, made precise by a threshold.

    Examples
    --------
    >>> emergence_scale([1e9, 1e10, 1e11], [0.0, 0.2, 0.8], 0.5)  # doctest: +ELLIPSIS
    31622776601.6...
    """
    y = as_finite(scores, "scores")
    if y.ndim not in (1, 2):
        raise ValueError(
            f"scores must be 1-D (one curve) or 2-D [models, curves], got shape {y.shape}."
        )
    x = as_positive(scale, "scale")
    if x.ndim != 1 or x.size != y.shape[0]:
        raise ValueError(
            f"scale must hold one value per model, {y.shape[0]} for scores of shape {y.shape}, got shape {x.shape}."
        )
    if x.size < 2:
        raise ValueError(
            f"scores has {x.size} models; pass at least 2, one per model size."
        )
    level = as_finite(threshold, "threshold")
    if level.ndim != 0:
        raise ValueError(
            f"threshold must be a single number, got an array of shape {level.shape}."
        )
    order = np.argsort(x, kind="stable")
    log_x = np.log(x[order])
    curves = y[order].reshape(x.size, -1)
    reached = curves >= float(level)
    first = np.argmax(
        reached, axis=0
    )  # first model at or above the threshold (0 if none)
    before = np.maximum(first - 1, 0)
    columns = np.arange(curves.shape[1])
    low, high = curves[before, columns], curves[first, columns]
    with np.errstate(invalid="ignore", divide="ignore"):
        fraction = np.where(first > 0, (float(level) - low) / (high - low), 0.0)
    crossing = np.where(
        first > 0,
        np.exp(log_x[before] + fraction * (log_x[first] - log_x[before])),
        x[order][0],
    )
    crossing = np.where(reached.any(axis=0), crossing, np.nan)
    return float(crossing[0]) if y.ndim == 1 else crossing
