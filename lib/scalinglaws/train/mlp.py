"""A one-hidden-layer ReLU network, the model Michaud et al. (2023) train on sparse parity.

``logits = relu(x W1 + b1) W2 + b2``, trained with softmax cross-entropy.
Michaud et al. ("The quantization model of neural scaling", 2023)
sweep the hidden width from 10 to 500;
the book's parity sweeps do the same at a smaller scale.

Its layers (dense, ReLU, softmax cross-entropy) are the ones the
transformer uses, from :mod:`scalinglaws.train.layers`. The model follows
the interface every trainer model does (``params``, ``loss_and_grads``,
``loss``, ``predict_logits``, ``n_params*``, ``train_flops_per_token``).
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_float_dtype, as_positive_int, as_seed
from scalinglaws.train.layers import (
    cross_entropy_backward,
    cross_entropy_forward,
    linear_backward,
    linear_forward,
    relu_backward,
    relu_forward,
)


class MLP:
    """One-hidden-layer ReLU classifier: ``relu(x W1 + b1) W2 + b2``.

    Parameters
    ----------
    input_dim : int
        Features per example (for sparse parity, ``n_tasks + n_bits``).
    width : int
        Hidden units; the size knob of the parity sweeps.
    n_classes : int
        Output logits (2 for parity).
    seed : int
        Seeds ``np.random.default_rng``: the initial weights are a function of it.
    dtype : numpy dtype
        ``np.float32`` (training) or ``np.float64`` (gradient checks).

    Attributes
    ----------
    params : dict[str, ndarray]
        ``hidden.weight`` [input_dim, width], ``hidden.bias`` [width],
        ``output.weight`` [width, n_classes], ``output.bias`` [n_classes].
    n_params : int
        ``input_dim * width + width + width * n_classes + n_classes``.
    n_params_embedding : int
        0: the MLP has no embedding tables (Kaplan et al. 2020 section 2.1
        counts only token and position embeddings as such).
    n_params_non_embedding : int
        Equal to ``n_params``.

    Notes
    -----
    He initialisation for the ReLU layer (weights ~ N(0, 2 / input_dim)),
    N(0, 1 / width) for the output layer, zero biases. Draws are made in
    float64 and cast, so float32 and float64 models with one seed agree up to rounding.
    """

    def __init__(self, input_dim, width, n_classes=2, seed=0, dtype=np.float32):
        self.input_dim = as_positive_int(input_dim, "input_dim")
        self.width = as_positive_int(width, "width")
        self.n_classes = as_positive_int(n_classes, "n_classes")
        if self.n_classes < 2:
            raise ValueError(f"n_classes must be at least 2, got {self.n_classes}.")
        self.seed = as_seed(seed)
        self.dtype = as_float_dtype(dtype)
        rng = np.random.default_rng(self.seed)
        d, w, c = self.input_dim, self.width, self.n_classes
        self.params = {
            "hidden.weight": (rng.standard_normal((d, w)) * np.sqrt(2.0 / d)).astype(
                self.dtype
            ),
            "hidden.bias": np.zeros(w, dtype=self.dtype),
            "output.weight": (rng.standard_normal((w, c)) * np.sqrt(1.0 / w)).astype(
                self.dtype
            ),
            "output.bias": np.zeros(c, dtype=self.dtype),
        }
        self.n_params = int(sum(p.size for p in self.params.values()))
        self.n_params_embedding = 0
        self.n_params_non_embedding = self.n_params

    def _check_inputs(self, inputs):
        x = np.asarray(inputs)
        if x.ndim != 2 or x.shape[1] != self.input_dim or x.shape[0] == 0:
            raise ValueError(
                f"inputs must have shape [n, input_dim={self.input_dim}] with n >= 1, got {x.shape}."
            )
        return x.astype(self.dtype, copy=False)

    def _check_targets(self, targets, n):
        y = np.asarray(targets)
        if y.shape != (n,) or not np.issubdtype(y.dtype, np.integer):
            raise ValueError(
                f"targets must be an integer array of shape [{n}], got {y.dtype} {y.shape}."
            )
        if y.min() < 0 or y.max() >= self.n_classes:
            raise ValueError(f"targets must lie in [0, n_classes={self.n_classes}).")
        return y

    def _forward(self, x):
        p = self.params
        hidden = relu_forward(linear_forward(x, p["hidden.weight"], p["hidden.bias"]))
        logits = linear_forward(hidden, p["output.weight"], p["output.bias"])
        return logits, hidden

    def predict_logits(self, inputs):
        """Class scores, shape [n, n_classes]."""
        return self._forward(self._check_inputs(inputs))[0]

    def loss(self, inputs, targets, reduction="mean"):
        """Cross-entropy in nats, forward only.

        Parameters
        ----------
        inputs : array_like, shape [n, input_dim]
        targets : array_like of int, shape [n]
        reduction : {"mean", "none"}
            ``"none"`` returns the per-example losses, shape [n].
        """
        if reduction not in ("mean", "none"):
            raise ValueError(f"reduction must be 'mean' or 'none', got {reduction!r}.")
        x = self._check_inputs(inputs)
        y = self._check_targets(targets, x.shape[0])
        losses, _ = cross_entropy_forward(self._forward(x)[0], y)
        return losses if reduction == "none" else float(losses.mean(dtype=np.float64))

    def loss_and_grads(self, inputs, targets):
        """Mean cross-entropy in nats and its gradient with respect to every parameter.

        Returns
        -------
        loss : float
        grads : dict[str, ndarray]
            Same keys, shapes and dtype as :attr:`params`.
        """
        x = self._check_inputs(inputs)
        y = self._check_targets(targets, x.shape[0])
        p = self.params
        logits, hidden = self._forward(x)
        losses, probs = cross_entropy_forward(logits, y)
        loss = float(losses.mean(dtype=np.float64))
        d_logits = cross_entropy_backward(probs, y, 1.0 / x.shape[0])
        grads = {}
        d_hidden, grads["output.weight"], grads["output.bias"] = linear_backward(
            d_logits, hidden, p["output.weight"]
        )
        d_pre = relu_backward(d_hidden, hidden)
        # The first layer's input gradient is never needed (nothing upstream
        # learns), so only its weight and bias gradients are computed.
        _, grads["hidden.weight"], grads["hidden.bias"] = linear_backward(
            d_pre, x, p["hidden.weight"], need_dx=False
        )
        return loss, {name: grads[name] for name in p}

    def forward_flops_per_token(self):
        """Matmul FLOPs of the forward pass per example: ``2 (input_dim width + width n_classes)``.

        A multiply-add counts as 2 FLOPs. Elementwise work (bias adds, ReLU,
        softmax) is ignored: it is O(width) per example against the matmuls' O(input_dim * width).
        """
        return 2.0 * (self.input_dim * self.width + self.width * self.n_classes)

    def train_flops_per_token(self):
        """Exact matmul FLOPs of one training step per example (here a "token" is one example).

        Forward ``2 (d w + w c)``; backward ``4 w c`` for the output layer
        (weight and input gradients) and ``2 d w`` for the hidden layer,
        whose input gradient is not computed because the inputs are data.
        Total ``4 d w + 6 w c``, slightly less than Kaplan's ``6N``
        (Kaplan et al. 2020, section 2.1), which assumes every layer's
        input gradient is needed. Elementwise work is ignored.
        """
        d, w, c = self.input_dim, self.width, self.n_classes
        return 4.0 * d * w + 6.0 * w * c
