"""Per-example metrics that turn a model's outputs into a score, continuous or all-or-nothing.

Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large Language
Models a Mirage?", argue that whether an ability looks emergent depends on the
metric: exact match and multiple-choice grade are discontinuous in the
model's per-token probabilities, while per-token probability, token edit
distance (:mod:`~scalinglaws.emergence.edit_distance`) and the Brier score
move smoothly with them (their Sec. 2 and Sec. 4). Chapter 7 scores the same
outputs both ways.

Every function returns one score per example, so that a caller can average,
bootstrap or split by task as it likes.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_finite
from scalinglaws.emergence._sequences import paired_sequences

#: How far each row of probabilities may stray from summing to 1.
_PROBABILITY_SUM_TOLERANCE = 1e-6


def exact_match(predictions, targets) -> np.ndarray:
    """1 where the predicted token sequence equals the target exactly, else 0.

    Parameters
    ----------
    predictions, targets : sequence of token sequences, same length n
        One sequence per example; a string is a sequence of characters.

    Returns
    -------
    ndarray of float, shape [n]
        1.0 for an exact match, 0.0 otherwise: one wrong token scores the
        same as a wholly wrong answer, which is what makes the metric
        "nonlinear" in Schaeffer et al. (2023), Sec. 2.

    Examples
    --------
    >>> exact_match(["1234", "1234"], ["1234", "1235"]).tolist()
    [1.0, 0.0]
    """
    predicted, wanted = paired_sequences(predictions, targets)
    return np.array([float(p == t) for p, t in zip(predicted, wanted)])


def _as_class_labels(labels, n_examples: int, n_classes: int) -> np.ndarray:
    values = as_finite(labels, "labels")
    if values.shape != (n_examples,):
        raise ValueError(
            f"labels must hold one class index per example, shape ({n_examples},), got shape {values.shape}."
        )
    if (
        np.any(values != np.round(values))
        or np.any(values < 0)
        or np.any(values >= n_classes)
    ):
        raise ValueError(
            f"labels must be integers in [0, {n_classes}), the index of each example's correct choice."
        )
    return values.astype(np.int64)


def _as_score_table(scores, name: str) -> np.ndarray:
    table = as_finite(scores, name)
    if table.ndim != 2 or table.shape[1] < 2:
        raise ValueError(
            f"{name} must have shape [n_examples, n_choices] with at least 2 choices, got shape {table.shape}."
        )
    return table


def multiple_choice_grade(scores, labels) -> np.ndarray:
    """1 where the correct choice has the highest score, else 0 (ties share the credit).

    Parameters
    ----------
    scores : array_like, shape [n, k]
        The model's score for each of the ``k`` choices of each example
        (log-probabilities, probabilities, logits: only the order matters).
    labels : array_like of int, shape [n]
        Index of the correct choice.

    Returns
    -------
    ndarray of float, shape [n]
        1.0 if the correct choice alone scores highest, 0.0 if another
        choice does, and ``1/m`` if the correct choice is one of ``m`` tied
        best choices: a model that scores every choice equally then earns
        the chance rate ``1/k``, not 1 or 0 by the accident of which index
        comes first.

    Notes
    -----
    The multiple-choice grade of BIG-bench, the first of the two metrics that
    Schaeffer et al. (2023), Sec. 4, find behind more than 92% of claimed
    emergent abilities; it changes only when the argmax changes.

    Examples
    --------
    >>> multiple_choice_grade([[0.1, 0.7, 0.2], [0.5, 0.5, 0.0]], [1, 0]).tolist()
    [1.0, 0.5]
    """
    table = _as_score_table(scores, "scores")
    correct = _as_class_labels(labels, table.shape[0], table.shape[1])
    best = table == table.max(axis=1, keepdims=True)
    n_best = best.sum(axis=1)
    return best[np.arange(table.shape[0]), correct] / n_best


def brier_score(probabilities, labels) -> np.ndarray:
    """Squared distance between the predicted class probabilities and the one-hot truth.

    Parameters
    ----------
    probabilities : array_like, shape [n, k]
        Each row a probability distribution over the ``k`` choices
        (entries in [0, 1], summing to 1 within 1e-6).
    labels : array_like of int, shape [n]
        Index of the correct choice.

    Returns
    -------
    ndarray of float, shape [n]
        ``sum_c (p_c - [c == label])^2``, from 0 (all mass on the correct
        choice) to 2 (all mass on a wrong one). Lower is better. A uniform
        guess over ``k`` choices scores ``1 - 1/k``.

    Notes
    -----
    Brier (1950), "Verification of forecasts expressed in terms of
    probability", with the sum over classes (some libraries divide by ``k``).
    Schaeffer et al. (2023), Sec. 4: re-scoring the LaMDA family's
    BIG-bench outputs with the Brier score instead of multiple-choice grade
    makes their emergence disappear.

    Examples
    --------
    >>> brier_score([[0.25, 0.75], [0.5, 0.5]], [1, 0]).tolist()
    [0.125, 0.5]
    """
    table = _as_score_table(probabilities, "probabilities")
    if np.any(table < 0) or np.any(table > 1):
        raise ValueError(
            "probabilities must lie in [0, 1]; pass probabilities, not logits or log-probabilities."
        )
    sums = table.sum(axis=1)
    if np.any(np.abs(sums - 1) > _PROBABILITY_SUM_TOLERANCE):
        worst = sums[np.argmax(np.abs(sums - 1))]
        raise ValueError(
            f"each row of probabilities must sum to 1, but one sums to {worst!r}."
        )
    correct = _as_class_labels(labels, table.shape[0], table.shape[1])
    truth = np.zeros_like(table)
    truth[np.arange(table.shape[0]), correct] = 1.0
    return ((table - truth) ** 2).sum(axis=1)


def per_token_probability(target_log_probs) -> np.ndarray:
    """Geometric-mean probability the model gives each token of the target: exp(-cross-entropy).

    Parameters
    ----------
    target_log_probs : array_like, shape [n, L], or a list of n 1-D arrays
        Natural-log probabilities the model assigns to the target's tokens,
        one row (of any length >= 1) per example; each value <= 0.

    Returns
    -------
    ndarray of float, shape [n]
        ``exp(mean_t log p_t)``: the per-token probability of the correct
        token, ``exp(-L_CE)`` with ``L_CE`` the example's per-token
        cross-entropy in nats. It is smooth in the loss, and its L-th power
        is the probability of the whole target (the exact-match rate of
        :func:`scalinglaws.emergence.mirage.exact_match_from_token_probability`).

    Notes
    -----
    Schaeffer et al. (2023), Sec. 2: p(single token correct) = exp(-L_CE(N)).

    Examples
    --------
    >>> import numpy as np
    >>> per_token_probability([np.log([0.5, 0.5]), np.log([0.9])]).round(3).tolist()
    [0.5, 0.9]
    """
    if isinstance(target_log_probs, np.ndarray) and target_log_probs.ndim == 2:
        rows = list(target_log_probs)
    elif isinstance(target_log_probs, (list, tuple)) and target_log_probs:
        rows = list(target_log_probs)
    else:
        raise ValueError(
            "target_log_probs must be a 2-D array [n_examples, n_tokens] or a non-empty list "
            "of 1-D arrays, one per example."
        )
    means = np.empty(len(rows))
    for index, row in enumerate(rows):
        values = np.atleast_1d(as_finite(row, f"target_log_probs[{index}]"))
        if values.ndim != 1:
            raise ValueError(
                f"target_log_probs[{index}] must be 1-D (one log-probability per token)."
            )
        if np.any(values > 0):
            raise ValueError(
                f"target_log_probs[{index}] has a value above 0; pass natural-log probabilities (<= 0)."
            )
        means[index] = values.mean()
    return np.exp(means)
