"""What a finite test set can see: accuracies below 1/n read as zero.

Schaeffer, Miranda & Koyejo (2023), Sec. 2, list "insufficient resolution"
as the second cause of apparent emergence: a test set of n examples measures
accuracy in steps of 1/n, so a model family whose true exact-match rate rises
smoothly from 1e-6 to 1e-2 shows a row of zeros, then a jump. Chapter 7
simulates this with :func:`measured_accuracy`.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_nonnegative, as_positive, scalar_or_array


def _as_test_size(n_examples) -> np.ndarray:
    n = as_positive(n_examples, "n_examples")
    if np.any(n != np.round(n)):
        raise ValueError(
            f"n_examples must be a whole number of test examples (>= 1), got {n_examples!r}."
        )
    return n


def _as_accuracy(accuracy) -> np.ndarray:
    acc = as_nonnegative(accuracy, "accuracy")
    if np.any(acc > 1):
        raise ValueError(
            f"accuracy must lie in [0, 1], got {acc[acc > 1].ravel()[0]!r}."
        )
    return acc


def resolution_limit(n_examples):
    """The smallest non-zero accuracy a test set of ``n_examples`` can report: ``1/n``.

    Schaeffer et al. (2023), Sec. 2: resolution is set by 1 / (test dataset size).
    """
    return scalar_or_array(1.0 / _as_test_size(n_examples))


def probability_of_reading_zero(accuracy, n_examples):
    """Chance that a model with true accuracy ``a`` gets every one of ``n`` test examples wrong: ``(1-a)^n``.

    Parameters
    ----------
    accuracy : array_like
        True per-example success probability, in [0, 1].
    n_examples : int or array_like of int
        Test-set size, >= 1.

    Returns
    -------
    float or ndarray
        About ``exp(-a n)`` for small ``a``: near 1 while ``a << 1/n``.
    """
    acc = _as_accuracy(accuracy)
    return scalar_or_array((1.0 - acc) ** _as_test_size(n_examples))


def measured_accuracy(accuracy, n_examples, rng):
    """Accuracy measured on a finite test set: ``Binomial(n, a) / n``.

    Parameters
    ----------
    accuracy : array_like
        True per-example success probability of each model, in [0, 1].
    n_examples : int or array_like of int
        Test-set size, >= 1; broadcasts against ``accuracy``.
    rng : numpy.random.Generator or int
        Source of randomness (an int seeds a fresh generator).

    Returns
    -------
    float or ndarray
        The fraction of the ``n`` examples answered correctly, a multiple of ``1/n``.
    """
    acc = _as_accuracy(accuracy)
    n = _as_test_size(n_examples)
    acc, n = np.broadcast_arrays(acc, n)
    correct = np.random.default_rng(rng).binomial(n.astype(np.int64), acc)
    return scalar_or_array(correct / n)
