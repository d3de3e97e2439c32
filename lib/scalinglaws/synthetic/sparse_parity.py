"""Multitask sparse parity: a task whose skills and their frequencies are known exactly.

Michaud et al. (2023), "The quantization model of neural scaling", the toy
dataset of their multitask sparse parity experiments. Each
example starts with ``n_tasks`` control bits, one-hot, that say which task it
belongs to, followed by
``n_bits`` random task bits. The label is the parity (sum mod 2) of a fixed
subset of ``k`` of the task bits, a different subset for every task. Task
``i`` (counting from 1) is drawn with probability proportional to
``i ** -zipf_exponent``; Michaud et al. use ``zipf_exponent = alpha + 1 = 1.4``.

With a label-noise rate ``eps`` every label is flipped with probability
``eps`` independently of everything else, so even a model that knows every
parity cannot do better than predicting the true parity with probability
``1 - eps``: the irreducible loss is exactly the binary entropy ``H(eps)``.
The emergence and scaling chapters use it to check that fitted offsets and
per-task learning curves recover what was put in.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_count, as_finite, as_nonnegative


def binary_entropy(p):
    """Entropy of a Bernoulli(p) variable in nats: ``-p ln p - (1-p) ln(1-p)``.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; ``H(0) = H(1) = 0``.
    """
    p = as_nonnegative(p, "p")
    if np.any(p > 1):
        raise ValueError(f"p must lie in [0, 1], got {p[p > 1].ravel()[0]!r}.")
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -(
            np.where(p > 0, p * np.log(p), 0.0)
            + np.where(p < 1, (1 - p) * np.log1p(-p), 0.0)
        )
    h = h + 0.0  # turn -0.0 into 0.0
    return float(h) if h.ndim == 0 else h


class MultitaskSparseParity:
    """The multitask sparse parity distribution of Michaud et al. (2023).

    Parameters
    ----------
    n_tasks : int
        Number of tasks, i.e. of one-hot control bits (Michaud et al.: 500).
    n_bits : int
        Number of random task bits (Michaud et al.: 100).
    k : int
        Bits per parity (Michaud et al.: 3); ``1 <= k <= n_bits``.
    zipf_exponent : float
        Task ``i = 1..n_tasks`` is drawn with probability proportional to
        ``i ** -zipf_exponent`` (Michaud et al.: ``alpha + 1 = 1.4``). Must be >= 0.
    label_noise : float
        Probability ``eps`` in [0, 0.5] that a label is flipped.
    seed : int
        Seeds the choice of each task's bit subset, so two instances with the
        same arguments define the same distribution.

    Attributes
    ----------
    subsets : ndarray of int, shape [n_tasks, k]
        The task bits whose parity is each task's label (sorted, distinct).
    task_probabilities : ndarray, shape [n_tasks]
        The exact Zipf task frequencies, summing to 1.
    input_dim : int
        ``n_tasks + n_bits``, the width of an input row.
    """

    def __init__(
        self, n_tasks=100, n_bits=16, k=3, zipf_exponent=1.4, label_noise=0.0, seed=0
    ):
        self.n_tasks = as_count(n_tasks, "n_tasks", allow_integral_float=True)
        self.n_bits = as_count(n_bits, "n_bits", allow_integral_float=True)
        self.k = as_count(k, "k", allow_integral_float=True)
        if self.k > self.n_bits:
            raise ValueError(
                f"k must be at most n_bits = {self.n_bits}, got k = {self.k}."
            )
        self.zipf_exponent = float(as_nonnegative(zipf_exponent, "zipf_exponent"))
        eps = float(as_nonnegative(label_noise, "label_noise"))
        if eps > 0.5:
            raise ValueError(
                f"label_noise must lie in [0, 0.5], got {eps!r}; above 0.5 the labels are inverted."
            )
        self.label_noise = eps
        self.seed = as_count(seed, "seed", minimum=0, allow_integral_float=True)
        rng = np.random.default_rng(self.seed)
        self.subsets = np.stack(
            [
                np.sort(rng.choice(self.n_bits, size=self.k, replace=False))
                for _ in range(self.n_tasks)
            ]
        )
        weights = np.arange(1, self.n_tasks + 1, dtype=float) ** -self.zipf_exponent
        self.task_probabilities = weights / weights.sum()
        self._task_cdf = np.cumsum(self.task_probabilities)
        self._task_cdf[-1] = 1.0  # guard the last bin against rounding

    @property
    def input_dim(self) -> int:
        return self.n_tasks + self.n_bits

    @property
    def irreducible_loss(self) -> float:
        """Exact Bayes cross-entropy in nats: the binary entropy of the label noise."""
        return binary_entropy(self.label_noise)

    def sample(self, n, rng):
        """Draw ``n`` labelled examples.

        Parameters
        ----------
        n : int
            Number of examples.
        rng : numpy.random.Generator or int
            Source of randomness (an int seeds a fresh generator).

        Returns
        -------
        inputs : ndarray of float32, shape [n, input_dim]
            One-hot control bits, then the task bits as 0.0 / 1.0.
        labels : ndarray of int64, shape [n]
            Parity of the task's subset, flipped with probability ``label_noise``.
        tasks : ndarray of int64, shape [n]
            The task index (0-based) of each example, for per-task metrics.
        """
        n = as_count(n, "n", allow_integral_float=True)
        rng = np.random.default_rng(rng)
        tasks = np.searchsorted(self._task_cdf, rng.random(n), side="right")
        bits = rng.integers(0, 2, size=(n, self.n_bits), dtype=np.int8)
        labels = (
            np.take_along_axis(bits, self.subsets[tasks], axis=1).sum(
                axis=1, dtype=np.int64
            )
            % 2
        )
        if self.label_noise > 0:
            labels ^= (rng.random(n) < self.label_noise).astype(np.int64)
        inputs = np.zeros((n, self.input_dim), dtype=np.float32)
        inputs[np.arange(n), tasks] = 1.0
        inputs[:, self.n_tasks :] = bits
        return inputs, labels, tasks

    def bayes_losses(self, inputs, labels):
        """Per-example loss in nats of the Bayes-optimal predictor on given examples.

        It predicts the task's true parity with probability ``1 - eps``, so its
        loss is ``-ln(1 - eps)`` where the label was not flipped and ``-ln eps``
        where it was. The mean over a held-out set is that set's own floor: it
        differs from :attr:`irreducible_loss` (the expectation) by sampling noise.

        Parameters
        ----------
        inputs : ndarray, shape [n, input_dim]
        labels : ndarray of int, shape [n]

        Returns
        -------
        ndarray, shape [n]
        """
        inputs = np.asarray(inputs)
        if inputs.ndim != 2 or inputs.shape[1] != self.input_dim:
            raise ValueError(
                f"inputs must have shape [n, {self.input_dim}], got {inputs.shape}."
            )
        tasks = inputs[:, : self.n_tasks].argmax(axis=1)
        bits = inputs[:, self.n_tasks :].astype(np.int64)
        clean = np.take_along_axis(bits, self.subsets[tasks], axis=1).sum(axis=1) % 2
        eps = self.label_noise
        with np.errstate(divide="ignore"):
            return np.where(
                clean == np.asarray(labels),
                -np.log1p(-eps),
                -np.log(eps) if eps > 0 else np.inf,
            )

    def loss_if_learned(self, learned):
        """Exact expected loss in nats when some tasks are learned perfectly and the rest not at all.

        A learned task is predicted with the Bayes probability ``1 - eps`` for
        the true parity (loss ``H(eps)``); an unlearned one with probability
        1/2 (loss ``ln 2``). This is the loss of Michaud et al.'s (2023)
        quantization model with quanta learned in any order:
        ``H(eps) + (ln 2 - H(eps)) * (total frequency of the unlearned tasks)``.

        Parameters
        ----------
        learned : int or array_like of bool, shape [n_tasks]
            Either the number of most frequent tasks learned, or a mask.
        """
        if np.ndim(learned) == 0:
            count = as_count(learned, "learned", minimum=0, allow_integral_float=True)
            if count > self.n_tasks:
                raise ValueError(
                    f"learned must be at most n_tasks = {self.n_tasks}, got {count}."
                )
            mask = np.arange(self.n_tasks) < count
        else:
            mask = np.asarray(learned, dtype=bool)
            if mask.shape != (self.n_tasks,):
                raise ValueError(
                    f"learned must be a mask of shape ({self.n_tasks},), got shape {mask.shape}."
                )
        unlearned_mass = float(self.task_probabilities[~mask].sum())
        h = self.irreducible_loss
        return h + (np.log(2.0) - h) * unlearned_mass


def per_task_mean(values, tasks, n_tasks):
    """Average a per-example quantity within each task.

    Parameters
    ----------
    values : array_like, shape [n]
        Per-example losses (nats), correctness indicators, ...
    tasks : array_like of int, shape [n]
        Task index of each example, as returned by
        :meth:`MultitaskSparseParity.sample`.
    n_tasks : int

    Returns
    -------
    ndarray, shape [n_tasks]
        The mean over the examples of each task; NaN for a task with no examples.
    """
    values = as_finite(values, "values").ravel()
    tasks = np.asarray(tasks).ravel()
    n_tasks = as_count(n_tasks, "n_tasks", allow_integral_float=True)
    if values.size != tasks.size:
        raise ValueError(
            f"values and tasks must have the same length, got {values.size} and {tasks.size}."
        )
    if (
        not np.issubdtype(tasks.dtype, np.integer)
        or tasks.min() < 0
        or tasks.max() >= n_tasks
    ):
        raise ValueError(
            f"tasks must be integers in [0, {n_tasks}), the task index of each example."
        )
    counts = np.bincount(tasks, minlength=n_tasks)
    sums = np.bincount(tasks, weights=values, minlength=n_tasks)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def per_task_accuracy(logits, labels, tasks, n_tasks):
    """Fraction of each task's examples whose highest logit is the label.

    Parameters
    ----------
    logits : array_like, shape [n, n_classes]
        Model outputs (any monotone transform of the class probabilities).
    labels : array_like of int, shape [n]
    tasks : array_like of int, shape [n]
    n_tasks : int

    Returns
    -------
    ndarray, shape [n_tasks]
        Accuracy per task, NaN where a task has no examples. With label
        noise ``eps`` a perfect model scores ``1 - eps`` on average.
    """
    logits = np.asarray(logits)
    labels = np.asarray(labels).ravel()
    if logits.ndim != 2 or logits.shape[0] != labels.size:
        raise ValueError(
            f"logits must have shape [n, n_classes] with n = len(labels) = {labels.size}, got {logits.shape}."
        )
    correct = (np.argmax(logits, axis=1) == labels).astype(float)
    return per_task_mean(correct, tasks, n_tasks)
