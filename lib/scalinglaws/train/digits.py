"""Scikit-learn's 8x8 handwritten digits as a training family: ``family="digits"``.

The data set (1,797 grey-level images of 8x8 pixels, 10 classes; the UCI
optical recognition of handwritten digits test set) ships inside
scikit-learn, so loading it needs no network. It is split once, by a seeded
permutation, into a held-out test set of ``n_test`` images and a training
pool of the rest; a run trains the book's one-hidden-layer MLP on the first
``dataset_size`` images of its own shuffle of the pool (all of it when
``dataset_size`` is None) and reports the held-out cross-entropy and, per
class, the held-out accuracy. Chapter 11 reads the error rate
``1 - accuracy`` from it: the vision curves of the book at laptop scale.
"""

from __future__ import annotations

import numpy as np

N_IMAGES = 1797
N_CLASSES = 10
INPUT_DIM = 64


class DigitsSplit:
    """The digits, scaled to [0, 1] and split into a training pool and a held-out test set.

    Parameters
    ----------
    n_test : int
        Images held out (the rest form the training pool).
    split_seed : int
        Seeds the permutation that decides the split.
    """

    input_dim = INPUT_DIM
    n_classes = N_CLASSES

    def __init__(self, n_test=497, split_seed=0):
        try:
            from sklearn.datasets import load_digits
        except ImportError:  # pragma: no cover - scikit-learn is in requirements.txt
            raise ImportError(
                "the digits family needs scikit-learn: pip install scikit-learn"
            ) from None
        if not 0 < n_test < N_IMAGES:
            raise ValueError(
                f"n_test must lie between 1 and {N_IMAGES - 1}, got {n_test!r}."
            )
        data = load_digits()
        x = (data.data / 16.0).astype(np.float32)
        y = data.target.astype(np.int64)
        order = np.random.default_rng(split_seed).permutation(len(y))
        test, pool = order[:n_test], order[n_test:]
        self.test_x, self.test_y = x[test], y[test]
        self.pool_x, self.pool_y = x[pool], y[pool]

    @property
    def class_counts(self):
        """Held-out images of each class, shape [10]."""
        return np.bincount(self.test_y, minlength=N_CLASSES)

    def error_rate(self, per_class_accuracy):
        """Held-out error rate from per-class accuracies: 1 - sum(acc_k n_k) / n."""
        acc = np.asarray(per_class_accuracy, dtype=float)
        if acc.shape != (N_CLASSES,):
            raise ValueError(
                f"per_class_accuracy must hold {N_CLASSES} values, got shape {acc.shape}."
            )
        counts = self.class_counts
        return float(1.0 - (acc * counts).sum() / counts.sum())


def digits_data(config, source, model, data_seed):
    """Batches, held-out set and per-class metrics of one digits run.

    Returns ``next_batch``, ``eval_x``, ``eval_y`` and ``on_eval`` (per-class
    held-out loss and accuracy at each evaluation, from the model's logits).
    """
    rng = np.random.default_rng(data_seed)
    n = len(source.pool_y) if config.dataset_size is None else config.dataset_size
    if n > len(source.pool_y):
        raise ValueError(
            f"dataset_size {n} exceeds the training pool of {len(source.pool_y)} images."
        )
    chosen = rng.permutation(len(source.pool_y))[:n]
    train_x, train_y = source.pool_x[chosen], source.pool_y[chosen]
    bs = config.batch_size
    order = np.empty(0, dtype=np.int64)

    def next_batch():
        nonlocal order
        while order.size < bs:  # epochs of a random permutation
            order = np.concatenate([order, rng.permutation(n)])
        idx, order = order[:bs], order[bs:]
        return train_x[idx], train_y[idx]

    eval_x, eval_y = source.test_x, source.test_y
    counts = np.maximum(source.class_counts, 1)

    def on_eval(losses):
        correct = (model.predict_logits(eval_x).argmax(axis=1) == eval_y).astype(float)
        per_loss = np.bincount(eval_y, weights=losses, minlength=N_CLASSES) / counts
        per_acc = np.bincount(eval_y, weights=correct, minlength=N_CLASSES) / counts
        return per_loss, per_acc

    return next_batch, eval_x, eval_y, on_eval


def error_rates(runs, split=None):
    """Held-out error rate of each run of a digits sweep (a frame from ``load_runs``).

    Parameters
    ----------
    runs : pandas.DataFrame
        Rows of family ``"digits"`` with their ``per_task_accuracy`` lists.
    split : DigitsSplit, optional
        The split the runs used (default: the default split).

    Returns
    -------
    ndarray of float
        1 - accuracy on the held-out images, one per row.
    """
    if len(runs) == 0 or set(runs["family"]) != {"digits"}:
        raise ValueError(
            "runs must be a non-empty frame of digits runs (family 'digits')."
        )
    split = DigitsSplit() if split is None else split
    return np.array([split.error_rate(acc) for acc in runs["per_task_accuracy"]])
