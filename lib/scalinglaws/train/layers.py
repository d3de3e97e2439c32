"""Forward and backward passes of the layers of a decoder-only transformer.

Each layer is a pair of plain functions: ``*_forward`` returns the output and
whatever the backward pass will need (the *cache*); ``*_backward`` takes the
gradient of the loss with respect to the output and returns the gradients
with respect to the inputs and parameters. ``train/transformer.py`` chains
them into the model; ``tests/test_transformer.py`` checks every pair against
central finite differences.

The functions work in the dtype of their inputs (float32 for training,
float64 for gradient checks) and do not validate their arguments: they are
called in the inner loop of training, after the model has checked the
batch once at its boundary.

Shapes: ``n`` sequences of ``T`` tokens, ``m = n * T`` token positions,
model width ``d``, ``H`` heads of width ``d_head = d / H``, vocabulary ``V``.
Dense layers act on ``[m, d]`` matrices so that every matmul is one large
BLAS call; attention uses batched ``np.matmul`` over ``[n, H]``.

Speed: every large intermediate array is written into a buffer taken from a
:class:`Workspace` (``ws``, with a ``name`` unique to the call site) and
reused at the next step, through ``out=`` arguments and in-place operators.
Without ``ws`` the functions allocate fresh arrays, which is simpler to
read and is what the tests do. Parameter gradients are always fresh arrays,
so a caller may keep them.

References
----------
Vaswani et al. (2017), "Attention is all you need", eq. 1 (scaled
dot-product attention). Ba, Kiros & Hinton (2016), "Layer normalization",
eqs. 3-4. Hendrycks & Gimpel (2016), "Gaussian error linear units (GELUs)",
section 2 (tanh approximation).
"""

from __future__ import annotations

import numpy as np


class Workspace:
    """Named arrays that are reused from one training step to the next.

    numpy gives every intermediate result a fresh array. For arrays of more
    than a few hundred kilobytes the C allocator returns the memory to the
    operating system when the array is freed, and the next step faults it
    back in page by page; on a small model that costs more than the
    arithmetic of LayerNorm or GELU (measured on a 2-core machine: a
    training step of a d_model=128, 4-layer model took 210 ms of CPU time
    with fresh arrays and 165 ms with reused ones). A step needs the same arrays every time, so each
    call site asks for its buffer by name and gets last step's array back.

    Arrays handed out are overwritten by the next call that asks for the
    same name: anything returned to a user must be copied or freshly made.
    """

    def __init__(self):
        self._arrays: dict[str, np.ndarray] = {}

    def empty(self, name, shape, dtype):
        """An uninitialised array of ``shape`` and ``dtype``, reused for the same ``name``."""
        arr = self._arrays.get(name)
        if arr is None or arr.shape != tuple(shape) or arr.dtype != dtype:
            arr = self._arrays[name] = np.empty(shape, dtype)
        return arr


def _empty(ws, name, shape, dtype):
    """A buffer from the workspace, or a fresh array when there is none."""
    return np.empty(shape, dtype) if ws is None else ws.empty(name, shape, dtype)


# ---------------------------------------------------------------------------
# Embedding: token lookup plus learned position vectors.
# ---------------------------------------------------------------------------


def embedding_forward(
    tokens, token_embedding, position_embedding, ws=None, name="embed"
):
    """Token embedding plus positional embedding.

    Parameters
    ----------
    tokens : ndarray of int, shape [n, T]
    token_embedding : ndarray, shape [V, d]
    position_embedding : ndarray, shape [T_max, d], with T <= T_max

    Returns
    -------
    x : ndarray, shape [n * T, d]
        Row ``i * T + t`` is ``token_embedding[tokens[i, t]] + position_embedding[t]``.
    """
    n, T = tokens.shape
    d = token_embedding.shape[1]
    x = _empty(ws, name, (n * T, d), token_embedding.dtype)
    # mode="clip" lets take write straight into x (mode="raise" buffers a copy);
    # the model has already checked that every id is in range.
    np.take(token_embedding, tokens.reshape(-1), axis=0, out=x, mode="clip")
    x.reshape(n, T, d)[...] += position_embedding[:T]
    return x


def embedding_backward(dx, tokens, vocab_size, max_len):
    """Gradients of :func:`embedding_forward` for its two tables.

    A lookup's gradient is a scatter-add: every position that read row ``v``
    of the token table adds its gradient to row ``v``. Sorting the positions
    by token id and summing each run of equal ids does this with a few
    vectorised calls (``np.add.at`` does the same about five times slower).

    Returns
    -------
    d_token_embedding : ndarray, shape [V, d]
    d_position_embedding : ndarray, shape [max_len, d]
        Rows ``T..max_len-1`` are zero when the batch is shorter than ``max_len``.
    """
    n, T = tokens.shape
    d = dx.shape[1]
    ids = tokens.reshape(-1)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    run_starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    d_token = np.zeros((vocab_size, d), dtype=dx.dtype)
    d_token[sorted_ids[run_starts]] = np.add.reduceat(dx[order], run_starts, axis=0)
    d_position = np.zeros((max_len, d), dtype=dx.dtype)
    d_position[:T] = dx.reshape(n, T, d).sum(axis=0)
    return d_token, d_position


# ---------------------------------------------------------------------------
# LayerNorm over the last axis (Ba et al. 2016, eqs. 3-4).
# ---------------------------------------------------------------------------


def layer_norm_forward(x, gain, bias, eps=1e-5, ws=None, name="ln"):
    """Normalise each row of ``x`` to zero mean and unit variance, then scale and shift.

    Parameters
    ----------
    x : ndarray, shape [m, d]
    gain, bias : ndarray, shape [d]
    eps : float
        Added to the variance so constant rows do not divide by zero.

    Returns
    -------
    y : ndarray, shape [m, d]
    cache : tuple
        ``(x_hat, inv_std, gain)`` for :func:`layer_norm_backward`.
    """
    d = x.shape[1]
    x_hat = _empty(ws, name + ".x_hat", x.shape, x.dtype)
    np.subtract(x, x.mean(axis=1, keepdims=True), out=x_hat)
    var = np.einsum("ij,ij->i", x_hat, x_hat)[:, None] / d
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat *= inv_std
    y = np.multiply(x_hat, gain, out=_empty(ws, name + ".y", x.shape, x.dtype))
    y += bias
    return y, (x_hat, inv_std, gain)


def layer_norm_backward(dy, cache, ws=None, name="ln.back"):
    """Gradients of :func:`layer_norm_forward`.

    With ``g = dy * gain``, the input gradient is
    ``inv_std * (g - mean(g) - x_hat * mean(g * x_hat))``: the two means
    remove the components that the normalisation cannot change.

    Returns
    -------
    dx : ndarray, shape [m, d]
    d_gain, d_bias : ndarray, shape [d]
    """
    x_hat, inv_std, gain = cache
    d = x_hat.shape[1]
    d_bias = dy.sum(axis=0)
    d_gain = np.einsum("ij,ij->j", dy, x_hat)
    g = np.multiply(dy, gain, out=_empty(ws, name + ".g", dy.shape, dy.dtype))
    mean_g = g.mean(axis=1, keepdims=True)
    mean_g_xhat = np.einsum("ij,ij->i", g, x_hat)[:, None] / d
    dx = np.multiply(
        x_hat, -mean_g_xhat, out=_empty(ws, name + ".dx", dy.shape, dy.dtype)
    )
    dx += g
    dx -= mean_g
    dx *= inv_std
    return dx, d_gain, d_bias


# ---------------------------------------------------------------------------
# Dense (affine) layer.
# ---------------------------------------------------------------------------


def linear_forward(x, weight, bias, ws=None, name="linear"):
    """``x @ weight + bias`` for ``x`` of shape [m, k] and ``weight`` of shape [k, out]."""
    y = np.matmul(
        x, weight, out=_empty(ws, name, (x.shape[0], weight.shape[1]), x.dtype)
    )
    y += bias
    return y


def linear_backward(dy, x, weight, ws=None, name="linear.back", need_dx=True):
    """Gradients of :func:`linear_forward`.

    Both the input gradient ``dy @ weight.T`` and the weight gradient
    ``x.T @ dy`` cost as many FLOPs as the forward matmul, which is why a
    training step costs three times a forward pass. A first layer, whose
    input nothing upstream learns, passes ``need_dx=False`` and gets
    ``dx = None``.

    Returns
    -------
    dx : ndarray, shape [m, k]
    d_weight : ndarray, shape [k, out]
    d_bias : ndarray, shape [out]
    """
    d_weight = x.T @ dy
    d_bias = dy.sum(axis=0)
    if not need_dx:
        return None, d_weight, d_bias
    dx = np.matmul(dy, weight.T, out=_empty(ws, name, x.shape, dy.dtype))
    return dx, d_weight, d_bias


# ---------------------------------------------------------------------------
# ReLU (the MLP's non-linearity).
# ---------------------------------------------------------------------------


def relu_forward(x):
    """``max(x, 0)`` elementwise; the output doubles as the cache (positive where x was)."""
    return np.maximum(x, 0)


def relu_backward(dy, y):
    """Gradient of :func:`relu_forward` given its output ``y``: ``dy`` where ``y > 0``, else 0.

    At ``x = 0`` exactly the derivative is taken as 0 (a subgradient).
    """
    return np.where(y > 0, dy, 0).astype(dy.dtype, copy=False)


# ---------------------------------------------------------------------------
# GELU, tanh approximation (Hendrycks & Gimpel 2016, section 2).
# ---------------------------------------------------------------------------

_C = float(np.sqrt(2.0 / np.pi))
_A = 0.044715 * _C


def gelu_forward(x, ws=None, name="gelu"):
    """``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))``, elementwise.

    Returns
    -------
    y : ndarray, same shape as ``x``
    cache : tuple
        ``(x, h)`` with ``h = 0.5 (1 + tanh(...))``, so that ``y = x h``.
    """
    h = np.multiply(x, x, out=_empty(ws, name + ".h", x.shape, x.dtype))
    h *= _A
    h += _C
    h *= x  # sqrt(2/pi) (x + 0.044715 x^3)
    np.tanh(h, out=h)
    h += 1.0
    h *= 0.5
    y = np.multiply(x, h, out=_empty(ws, name + ".y", x.shape, x.dtype))
    return y, (x, h)


def gelu_backward(dy, cache, ws=None, name="gelu.back"):
    """Gradient of :func:`gelu_forward`.

    With ``h = 0.5 (1 + t)`` and ``t`` the tanh term, ``1 - t^2 = 4 h (1 - h)``,
    so the derivative of ``x h`` is
    ``h (1 + 2 x (1 - h) sqrt(2/pi) (1 + 3 * 0.044715 x^2))``.
    """
    x, h = cache
    s = np.multiply(x, x, out=_empty(ws, name + ".s", x.shape, x.dtype))
    s *= 6.0 * _A
    s += 2.0 * _C
    s *= x
    s *= np.subtract(1.0, h, out=_empty(ws, name + ".one_minus_h", x.shape, x.dtype))
    s += 1.0
    s *= h
    s *= dy
    return s


# ---------------------------------------------------------------------------
# Causal multi-head self-attention (Vaswani et al. 2017, eq. 1), without the
# input and output projections, which are dense layers.
# ---------------------------------------------------------------------------


def causal_mask_bias(T, dtype):
    """An additive [T, T] mask: 0 where query ``t`` may look at key ``s <= t``, -inf above."""
    bias = np.zeros((T, T), dtype=dtype)
    bias[np.triu_indices(T, k=1)] = -np.inf
    return bias


def causal_attention_forward(qkv, n_heads, mask_bias, ws=None, name="attn"):
    """Scaled dot-product attention of every position over itself and earlier positions.

    Parameters
    ----------
    qkv : ndarray, shape [n, T, 3 d]
        Queries, keys and values side by side, each split into ``n_heads``
        consecutive blocks of ``d_head = d / n_heads`` columns.
    n_heads : int
    mask_bias : ndarray, shape [T, T]
        From :func:`causal_mask_bias`.

    Returns
    -------
    out : ndarray, shape [n * T, d]
        Heads concatenated in the same column order as the input.
    cache : tuple
        For :func:`causal_attention_backward`.
    """
    n, T, three_d = qkv.shape
    d = three_d // 3
    d_head = d // n_heads
    dtype = qkv.dtype
    # [n, T, 3, H, d_head] -> three views of shape [n, H, T, d_head]; no copies.
    q, k, v = qkv.reshape(n, T, 3, n_heads, d_head).transpose(2, 0, 3, 1, 4)
    scale = d_head**-0.5  # a Python float, so float32 inputs stay float32
    # Scaling q (T x d_head per head) is cheaper than scaling the T x T scores.
    q = np.multiply(q, scale, out=_empty(ws, name + ".q", q.shape, dtype))
    probs = _empty(ws, name + ".probs", (n, n_heads, T, T), dtype)
    np.matmul(q, k.swapaxes(-1, -2), out=probs)
    probs += mask_bias
    # Softmax over keys, in place; subtracting the row max keeps exp from overflowing.
    probs -= probs.max(axis=-1, keepdims=True)
    np.exp(probs, out=probs)
    probs /= probs.sum(axis=-1, keepdims=True)
    # Write each head's output straight into its columns of the [n*T, d] result.
    out = _empty(ws, name + ".out", (n * T, d), dtype)
    np.matmul(probs, v, out=out.reshape(n, T, n_heads, d_head).transpose(0, 2, 1, 3))
    return out, (q, k, v, probs, scale)


def causal_attention_backward(d_out, cache, ws=None, name="attn.back"):
    """Gradient of :func:`causal_attention_forward` with respect to ``qkv``.

    Softmax backward per row: ``dS = P * (dP - sum(dP * P))``. Masked
    entries have ``P = 0``, so no gradient flows to future positions.

    Returns
    -------
    d_qkv : ndarray, shape [n * T, 3 d]
    """
    q, k, v, probs, scale = cache
    n, n_heads, T, d_head = q.shape
    d = n_heads * d_head
    dtype = d_out.dtype
    d_heads = d_out.reshape(n, T, n_heads, d_head).transpose(0, 2, 1, 3)
    d_qkv = _empty(ws, name + ".d_qkv", (n, T, 3, n_heads, d_head), dtype)
    dq, dk, dv = d_qkv.transpose(2, 0, 3, 1, 4)  # writable views into d_qkv
    np.matmul(probs.swapaxes(-1, -2), d_heads, out=dv)
    d_scores = _empty(ws, name + ".d_scores", probs.shape, dtype)
    np.matmul(d_heads, v.swapaxes(-1, -2), out=d_scores)
    row_sums = np.einsum("...ij,...ij->...i", d_scores, probs)[..., None]
    d_scores -= row_sums
    d_scores *= probs
    np.matmul(d_scores, k, out=dq)
    dq *= scale
    np.matmul(d_scores.swapaxes(-1, -2), q, out=dk)
    return d_qkv.reshape(n * T, 3 * d)


# ---------------------------------------------------------------------------
# Softmax cross-entropy over the vocabulary, in nats.
# ---------------------------------------------------------------------------


def cross_entropy_forward(logits, targets, ws=None, name="xent"):
    """Per-position cross-entropy ``-log softmax(logits)[target]`` in nats.

    Parameters
    ----------
    logits : ndarray, shape [m, V]
    targets : ndarray of int, shape [m]

    Returns
    -------
    losses : ndarray, shape [m]
    probs : ndarray, shape [m, V]
        The softmax, kept for :func:`cross_entropy_backward`.
    """
    rows = np.arange(logits.shape[0])
    probs = _empty(ws, name + ".probs", logits.shape, logits.dtype)
    np.subtract(logits, logits.max(axis=1, keepdims=True), out=probs)
    target_logit = probs[
        rows, targets
    ]  # shifted by the row max, like the log-sum-exp below
    np.exp(probs, out=probs)
    sums = probs.sum(axis=1)
    losses = np.log(sums) - target_logit
    probs /= sums[:, None]
    return losses, probs


def cross_entropy_backward(probs, targets, scale):
    """Gradient of ``scale * sum(losses)`` with respect to the logits: ``scale * (P - onehot)``.

    ``scale = 1 / m`` gives the gradient of the mean loss. ``probs`` is
    overwritten.
    """
    probs[np.arange(probs.shape[0]), targets] -= 1.0
    probs *= scale
    return probs
