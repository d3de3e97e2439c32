"""A small decoder-only transformer in numpy, with its backward pass written by hand.

This is the model the book trains to reproduce Kaplan et al. (2020) at small
scale: a GPT-2-style decoder (Radford et al. 2019), the kind of model whose
parameters and FLOPs Kaplan et al. count in §2.1. Its parts, and why:

* **learned token and position embeddings**, added (Kaplan §2.1 counts both
  as "embedding parameters");
* ``n_layers`` **pre-LayerNorm blocks**: ``h += Attn(LN(h))`` then
  ``h += MLP(LN(h))`` (GPT-2, §2.3). Normalising the input of each branch
  and leaving the residual stream untouched keeps gradients well scaled at
  any depth (Xiong et al. 2020 show pre-LN transformers train stably even
  without learning-rate warm-up), which matters for a sweep that uses one
  recipe for every size;
* **causal multi-head self-attention** with ``d_attn = d_model`` (so
  ``d_head = d_model / n_heads``), the convention of Kaplan eq. 2.1;
* an **MLP** ``d_model -> d_ff -> d_model`` with the tanh-approximated
  **GELU** (GPT-2's choice; smooth, so finite-difference checks are clean);
* a **final LayerNorm** and an **untied unembedding** ``Linear(d_model, V)``
  with a bias. Untied means it is its own ``d_model x V`` matrix rather than
  the transpose of the token embedding; that keeps every layer's gradient
  separate and easy to read.

Every matmul is counted in :meth:`Transformer.forward_flops_by_operation`,
so the training FLOPs of a run are known exactly rather than estimated.

References
----------
Kaplan et al. (2020), "Scaling Laws for Neural Language Models",
arXiv:2001.08361, §2.1, eqs. 2.1-2.2 and Table 1.
Radford et al. (2019), "Language Models are Unsupervised Multitask
Learners" (GPT-2), §2.3 (pre-LayerNorm, final LayerNorm, residual init).
Radford et al. (2018), "Improving Language Understanding by Generative
Pre-Training" (GPT-1), §4.1 (initial weights from N(0, 0.02)).
Xiong et al. (2020), "On Layer Normalization in the Transformer
Architecture", arXiv:2002.04745.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_float_dtype, as_positive_int, as_seed
from scalinglaws.train import layers

#: Standard deviation of the initial weights (GPT-1, §4.1; kept by GPT-2).
INIT_STD = 0.02


class Transformer:
    """Decoder-only transformer language model (pre-LayerNorm, GELU, untied unembedding).

    See the module docstring for the architecture and why each choice was made.

    Parameters
    ----------
    vocab_size : int
        Number of token ids ``V``; inputs and targets lie in ``[0, V)``.
    seq_len : int
        Maximum context length ``n_ctx``; the positional table has this many rows.
    d_model : int
        Width of the residual stream.
    n_layers : int
        Number of transformer blocks.
    n_heads : int
        Attention heads per block; must divide ``d_model``.
    d_ff : int, optional
        Hidden width of the MLP; default ``4 * d_model`` (Kaplan eq. 2.1).
    seed : int
        Seeds ``np.random.default_rng``; the model is a deterministic function of it.
    dtype : numpy dtype
        ``np.float32`` (default, for training) or ``np.float64`` (gradient checks).

    Attributes
    ----------
    params : dict[str, ndarray]
        ``token_embedding`` [V, d], ``position_embedding`` [n_ctx, d];
        for each block ``i``: ``block{i}.ln1.gain/bias`` [d],
        ``block{i}.attn.qkv.weight`` [d, 3d] and ``.bias`` [3d],
        ``block{i}.attn.proj.weight`` [d, d] and ``.bias`` [d],
        ``block{i}.ln2.gain/bias`` [d], ``block{i}.mlp.fc.weight`` [d, d_ff]
        and ``.bias`` [d_ff], ``block{i}.mlp.proj.weight`` [d_ff, d] and
        ``.bias`` [d]; ``final_ln.gain/bias`` [d]; ``unembedding.weight``
        [d, V] and ``unembedding.bias`` [V]. Matmul weights end in ``.weight``.
    n_params, n_params_embedding, n_params_non_embedding : int
        Exact counts. Embedding = token + positional tables (Kaplan §2.1);
        non-embedding = everything else, **including the untied unembedding**
        (see :attr:`n_params_unembedding` and :func:`compare_with_kaplan_params`).

    Notes
    -----
    Initialisation follows GPT-1/GPT-2: weights ~ N(0, 0.02^2), with the two
    projections that write into the residual stream (``attn.proj`` and
    ``mlp.proj``) scaled down by ``1/sqrt(N)``, ``N = 2 n_layers`` residual
    layers (GPT-2 §2.3), so the stream's variance at initialisation does
    not grow with depth; biases 0,
    LayerNorm gains 1. Draws are made in float64 and cast, so a float32 and
    a float64 model with the same seed hold the same values up to rounding.
    """

    def __init__(
        self,
        vocab_size,
        seq_len,
        d_model,
        n_layers,
        n_heads,
        d_ff=None,
        seed=0,
        dtype=np.float32,
    ):
        self.vocab_size = as_positive_int(vocab_size, "vocab_size")
        self.seq_len = as_positive_int(seq_len, "seq_len")
        self.d_model = as_positive_int(d_model, "d_model")
        self.n_layers = as_positive_int(n_layers, "n_layers")
        self.n_heads = as_positive_int(n_heads, "n_heads")
        if self.d_model % self.n_heads:
            raise ValueError(
                f"d_model must be divisible by n_heads, got d_model={self.d_model} and "
                f"n_heads={self.n_heads}; each head gets d_model / n_heads dimensions."
            )
        self.d_ff = 4 * self.d_model if d_ff is None else as_positive_int(d_ff, "d_ff")
        self.seed = as_seed(seed)
        self.dtype = as_float_dtype(dtype)

        self.params = self._init_params(np.random.default_rng(self.seed))
        self._mask_biases: dict[int, np.ndarray] = {}
        # Reused intermediate arrays (see layers.Workspace); about 20 activation-sized
        # arrays per block stay allocated between calls.
        self._workspace = layers.Workspace()

        self.n_params = sum(p.size for p in self.params.values())
        self.n_params_embedding = (self.vocab_size + self.seq_len) * self.d_model
        self.n_params_non_embedding = self.n_params - self.n_params_embedding
        #: Entries of the untied unembedding (matrix and bias); part of the non-embedding count.
        self.n_params_unembedding = self.d_model * self.vocab_size + self.vocab_size

    # ------------------------------------------------------------------ init

    def _init_params(self, rng):
        d, V, f = self.d_model, self.vocab_size, self.d_ff
        residual_std = INIT_STD / np.sqrt(2 * self.n_layers)

        def normal(shape, std=INIT_STD):
            return (rng.standard_normal(shape) * std).astype(self.dtype)

        def zeros(size):
            return np.zeros(size, dtype=self.dtype)

        def ones(size):
            return np.ones(size, dtype=self.dtype)

        params = {
            "token_embedding": normal((V, d)),
            "position_embedding": normal((self.seq_len, d)),
        }
        for i in range(self.n_layers):
            b = f"block{i}."
            params[b + "ln1.gain"] = ones(d)
            params[b + "ln1.bias"] = zeros(d)
            params[b + "attn.qkv.weight"] = normal((d, 3 * d))
            params[b + "attn.qkv.bias"] = zeros(3 * d)
            params[b + "attn.proj.weight"] = normal((d, d), residual_std)
            params[b + "attn.proj.bias"] = zeros(d)
            params[b + "ln2.gain"] = ones(d)
            params[b + "ln2.bias"] = zeros(d)
            params[b + "mlp.fc.weight"] = normal((d, f))
            params[b + "mlp.fc.bias"] = zeros(f)
            params[b + "mlp.proj.weight"] = normal((f, d), residual_std)
            params[b + "mlp.proj.bias"] = zeros(d)
        params["final_ln.gain"] = ones(d)
        params["final_ln.bias"] = zeros(d)
        params["unembedding.weight"] = normal((d, V))
        params["unembedding.bias"] = zeros(V)
        return params

    # ------------------------------------------------------------ validation

    def _check_tokens(self, tokens, name="inputs"):
        arr = np.asarray(tokens)
        if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
            raise ValueError(
                f"{name} must be a 2-D integer array of shape [n, T] with n >= 1 and "
                f"1 <= T <= seq_len={self.seq_len}, got shape {arr.shape}."
            )
        if arr.shape[1] > self.seq_len:
            raise ValueError(
                f"{name} has T={arr.shape[1]} positions but the model's seq_len is "
                f"{self.seq_len}; pass at most seq_len tokens per sequence."
            )
        if not np.issubdtype(arr.dtype, np.integer):
            raise ValueError(
                f"{name} must hold integer token ids, got dtype {arr.dtype}."
            )
        low, high = arr.min(), arr.max()
        if low < 0 or high >= self.vocab_size:
            raise ValueError(
                f"{name} must lie in [0, vocab_size={self.vocab_size}), got values "
                f"from {low} to {high}."
            )
        return arr.astype(np.intp, copy=False)

    def _check_batch(self, inputs, targets):
        tokens = self._check_tokens(inputs, "inputs")
        target_ids = self._check_tokens(targets, "targets")
        if target_ids.shape != tokens.shape:
            raise ValueError(
                f"targets must have the same shape as inputs, got {target_ids.shape} "
                f"and {tokens.shape}; targets[i, t] is the token after inputs[i, t]."
            )
        return tokens, target_ids

    # --------------------------------------------------------------- forward

    def _mask_bias(self, T):
        if T not in self._mask_biases:
            self._mask_biases[T] = layers.causal_mask_bias(T, self.dtype)
        return self._mask_biases[T]

    def _forward(self, tokens, keep_cache):
        """Logits [n * T, V] and, when ``keep_cache``, what the backward pass needs.

        Every intermediate array lives in ``self._workspace`` under a name that
        starts with its block, so that the caches of all blocks survive
        until the backward pass; the logits are a workspace buffer too.
        """
        p, ws = self.params, self._workspace
        n, T = tokens.shape
        mask = self._mask_bias(T)
        h = layers.embedding_forward(
            tokens, p["token_embedding"], p["position_embedding"], ws, "h"
        )
        caches = []
        for i in range(self.n_layers):
            b = f"block{i}."
            a, ln1 = layers.layer_norm_forward(
                h, p[b + "ln1.gain"], p[b + "ln1.bias"], ws=ws, name=b + "ln1"
            )
            qkv = layers.linear_forward(
                a, p[b + "attn.qkv.weight"], p[b + "attn.qkv.bias"], ws, b + "qkv"
            )
            heads, attn = layers.causal_attention_forward(
                qkv.reshape(n, T, -1), self.n_heads, mask, ws, b + "attn"
            )
            # The residual stream h is updated in place: no backward formula needs it.
            h += layers.linear_forward(
                heads, p[b + "attn.proj.weight"], p[b + "attn.proj.bias"], ws, "branch"
            )
            c, ln2 = layers.layer_norm_forward(
                h, p[b + "ln2.gain"], p[b + "ln2.bias"], ws=ws, name=b + "ln2"
            )
            pre = layers.linear_forward(
                c, p[b + "mlp.fc.weight"], p[b + "mlp.fc.bias"], ws, b + "fc"
            )
            hidden, gelu = layers.gelu_forward(pre, ws, b + "gelu")
            h += layers.linear_forward(
                hidden, p[b + "mlp.proj.weight"], p[b + "mlp.proj.bias"], ws, "branch"
            )
            if keep_cache:
                caches.append((a, ln1, attn, heads, c, ln2, gelu, hidden))
        z, ln_f = layers.layer_norm_forward(
            h, p["final_ln.gain"], p["final_ln.bias"], ws=ws, name="final_ln"
        )
        logits = layers.linear_forward(
            z, p["unembedding.weight"], p["unembedding.bias"], ws, "logits"
        )
        return logits, (caches, z, ln_f) if keep_cache else None

    def predict_logits(self, inputs):
        """Next-token logits.

        Parameters
        ----------
        inputs : array_like of int, shape [n, T], T <= seq_len

        Returns
        -------
        ndarray, shape [n, T, vocab_size]
            ``[i, t]`` scores the token that follows ``inputs[i, :t+1]``.
        """
        tokens = self._check_tokens(inputs)
        logits, _ = self._forward(tokens, keep_cache=False)
        # A copy: the workspace buffer is overwritten by the next call.
        return logits.reshape(*tokens.shape, self.vocab_size).copy()

    def loss(self, inputs, targets, reduction="mean"):
        """Cross-entropy of the targets under the model, in nats (forward only).

        Parameters
        ----------
        inputs, targets : array_like of int, shape [n, T]
            ``targets[i, t]`` is the token that follows ``inputs[i, t]``.
        reduction : {"mean", "none"}
            ``"mean"``: a float averaged over all n * T positions.
            ``"none"``: per-position losses, shape [n, T].
        """
        if reduction not in ("mean", "none"):
            raise ValueError(f"reduction must be 'mean' or 'none', got {reduction!r}.")
        tokens, target_ids = self._check_batch(inputs, targets)
        logits, _ = self._forward(tokens, keep_cache=False)
        losses, _ = layers.cross_entropy_forward(
            logits, target_ids.reshape(-1), self._workspace
        )
        if reduction == "none":
            return losses.reshape(tokens.shape)
        return float(losses.mean(dtype=np.float64))

    # -------------------------------------------------------------- backward

    def loss_and_grads(self, inputs, targets):
        """Mean cross-entropy in nats and its gradient for every parameter.

        Parameters
        ----------
        inputs, targets : array_like of int, shape [n, T]

        Returns
        -------
        loss : float
        grads : dict[str, ndarray]
            Same keys, shapes and dtype as :attr:`params`.
        """
        tokens, target_ids = self._check_batch(inputs, targets)
        p, ws = self.params, self._workspace
        n, T = tokens.shape
        logits, (caches, z, ln_f) = self._forward(tokens, keep_cache=True)
        losses, probs = layers.cross_entropy_forward(logits, target_ids.reshape(-1), ws)
        loss = float(losses.mean(dtype=np.float64))

        # Backward buffers are shared by all blocks: each is dead before the next block needs it.
        grads = {}
        d_logits = layers.cross_entropy_backward(
            probs, target_ids.reshape(-1), 1.0 / (n * T)
        )
        d_z, grads["unembedding.weight"], grads["unembedding.bias"] = (
            layers.linear_backward(
                d_logits, z, p["unembedding.weight"], ws, "unembedding.back"
            )
        )
        # dh, the gradient of the residual stream, accumulates every block's branches.
        dh, grads["final_ln.gain"], grads["final_ln.bias"] = layers.layer_norm_backward(
            d_z, ln_f, ws, "final_ln.back"
        )
        for i in reversed(range(self.n_layers)):
            b = f"block{i}."
            a, ln1, attn, heads, c, ln2, gelu, hidden = caches.pop()
            # MLP branch: h_out = h_mid + proj(gelu(fc(LN2(h_mid)))).
            d_hidden, grads[b + "mlp.proj.weight"], grads[b + "mlp.proj.bias"] = (
                layers.linear_backward(
                    dh, hidden, p[b + "mlp.proj.weight"], ws, "mlp.proj.back"
                )
            )
            d_pre = layers.gelu_backward(d_hidden, gelu, ws)
            d_c, grads[b + "mlp.fc.weight"], grads[b + "mlp.fc.bias"] = (
                layers.linear_backward(
                    d_pre, c, p[b + "mlp.fc.weight"], ws, "mlp.fc.back"
                )
            )
            d_c, grads[b + "ln2.gain"], grads[b + "ln2.bias"] = (
                layers.layer_norm_backward(d_c, ln2, ws)
            )
            dh += d_c  # residual: the stream's gradient plus the branch's
            # Attention branch: h_mid = h_in + proj(attn(qkv(LN1(h_in)))).
            d_heads, grads[b + "attn.proj.weight"], grads[b + "attn.proj.bias"] = (
                layers.linear_backward(
                    dh, heads, p[b + "attn.proj.weight"], ws, "attn.proj.back"
                )
            )
            d_qkv = layers.causal_attention_backward(d_heads, attn, ws)
            d_a, grads[b + "attn.qkv.weight"], grads[b + "attn.qkv.bias"] = (
                layers.linear_backward(
                    d_qkv, a, p[b + "attn.qkv.weight"], ws, "attn.qkv.back"
                )
            )
            d_a, grads[b + "ln1.gain"], grads[b + "ln1.bias"] = (
                layers.layer_norm_backward(d_a, ln1, ws)
            )
            dh += d_a
        grads["token_embedding"], grads["position_embedding"] = (
            layers.embedding_backward(dh, tokens, self.vocab_size, self.seq_len)
        )
        return loss, {name: grads[name] for name in p}

    # ------------------------------------------------------------ accounting

    def forward_flops_by_operation(self, seq_len=None, causal=True):
        """Forward-pass matmul FLOPs per token, by operation (Kaplan 2020, Table 1).

        A multiply-add counts as 2 FLOPs. Each entry of a weight matrix takes
        part in exactly one multiply-add per token, so a dense layer costs
        ``2 * (its weight count)`` per token. Attention's two context
        matmuls, ``Q K^T`` and ``P V``, cost ``2 * d_model`` per (query, key)
        pair each; with the causal mask the query at position ``t`` meets
        ``t + 1`` keys, so averaged over a sequence of ``T`` tokens both
        together cost ``2 * (T + 1) * d_model`` per token and layer: Kaplan's
        context term ``2 n_layer n_ctx d_attn`` (eq. 2.2) with ``n_ctx -> T + 1``.

        Elementwise work (bias adds, LayerNorm, GELU, softmax, the embedding
        lookup and the residual adds) is ignored, as in Kaplan's count; it is
        O(d_model + n_heads T) per token against the O(d_model^2) of the matmuls.

        Parameters
        ----------
        seq_len : int, optional
            Context length ``T`` of the training sequences; default the
            model's ``seq_len``.
        causal : bool
            True (default): count only the (query, key) pairs the mask keeps,
            the work a causal model needs. False: count the full ``T x T``
            score and value matmuls, which is what this numpy implementation
            executes (it computes the masked half and discards it).

        Returns
        -------
        dict[str, float]
            ``attention_qkv``, ``attention_context`` (QK^T and PV),
            ``attention_projection``, ``mlp``, ``unembedding``; FLOPs per token.
        """
        T = self.seq_len if seq_len is None else as_positive_int(seq_len, "seq_len")
        L, d, f, V = self.n_layers, self.d_model, self.d_ff, self.vocab_size
        pairs_per_query = (T + 1) / 2 if causal else T
        return {
            "attention_qkv": 2.0 * L * d * 3 * d,
            "attention_context": 2.0 * L * 2 * pairs_per_query * d,
            "attention_projection": 2.0 * L * d * d,
            "mlp": 2.0 * L * 2 * d * f,
            "unembedding": 2.0 * d * V,
        }

    def forward_flops_per_token(self, seq_len=None, causal=True):
        """Sum of :meth:`forward_flops_by_operation`: forward matmul FLOPs per token."""
        return float(sum(self.forward_flops_by_operation(seq_len, causal).values()))

    def train_flops_per_token(self, seq_len=None, causal=True):
        """Exact matmul FLOPs of one forward + backward pass per training token.

        The backward pass of every matmul ``Y = X W`` computes both
        ``dX = dY W^T`` and ``dW = X^T dY``, each as costly as the forward
        product, so training costs 3x the forward pass. This includes the
        input gradient of the first block, which the embedding tables need,
        and the four backward products of attention (``dP``, ``dV``, ``dQ``,
        ``dK``). Elementwise operations are ignored (see
        :meth:`forward_flops_by_operation`, which also explains ``seq_len``
        and ``causal``).

        Returns
        -------
        float
            FLOPs per token; multiply by tokens processed for a run's compute.
        """
        return 3.0 * self.forward_flops_per_token(seq_len, causal)


# ------------------------------------------------------------- comparisons


def _check_model(model):
    if not isinstance(model, Transformer):
        raise ValueError(f"model must be a Transformer, got {type(model).__name__}.")


def compare_with_kaplan_params(model: Transformer) -> dict:
    """Exact parameter counts of ``model`` next to Kaplan's approximation (eq. 2.1).

    Kaplan et al. (2020), eq. 2.1: ``N ≈ 2 d_model n_layer (2 d_attn + d_ff)``,
    which is ``12 n_layer d_model^2`` for ``d_attn = d_ff / 4 = d_model``.
    It counts the attention and MLP weight matrices only, excluding
    "biases and other sub-leading terms" and the embedding matrices.

    Kaplan's Table 1 lists the de-embedding with FLOPs (``2 d_model n_vocab``)
    but no parameters of its own, as for an unembedding tied to the token
    embedding (GPT-2 ties them). Our unembedding is untied, and
    :attr:`Transformer.n_params_non_embedding` counts it (it is a dense
    layer doing a matmul per token, like the blocks);
    ``non_embedding_without_unembedding`` is the count on Kaplan's footing.
    Both are returned so a chapter can show the difference.

    Returns
    -------
    dict
        ``kaplan_eq_2_1``; ``non_embedding`` (exact, with unembedding);
        ``non_embedding_without_unembedding``; ``embedding``; ``total``;
        ``ratio_with_unembedding`` and ``ratio_without_unembedding``
        (exact / eq. 2.1).
    """
    _check_model(model)
    kaplan = 2 * model.d_model * model.n_layers * (2 * model.d_model + model.d_ff)
    without_unembedding = model.n_params_non_embedding - model.n_params_unembedding
    return {
        "kaplan_eq_2_1": kaplan,
        "non_embedding": model.n_params_non_embedding,
        "non_embedding_without_unembedding": without_unembedding,
        "embedding": model.n_params_embedding,
        "total": model.n_params,
        "ratio_with_unembedding": model.n_params_non_embedding / kaplan,
        "ratio_without_unembedding": without_unembedding / kaplan,
    }


def compare_with_6n(model: Transformer, seq_len=None) -> dict:
    """Exact training FLOPs per token next to ``C ≈ 6N`` (Kaplan 2020, §2.1).

    Kaplan's estimate is ``6N`` FLOPs per training token with ``N`` the
    non-embedding parameters, and, keeping the context term of eq. 2.2,
    ``6N + 6 n_layer n_ctx d_attn``. Both are given for the two conventions
    of ``N`` (with and without the untied unembedding; see
    :func:`compare_with_kaplan_params`).

    Parameters
    ----------
    model : Transformer
    seq_len : int, optional
        Training context; default ``model.seq_len``.

    Returns
    -------
    dict
        ``exact`` (causal count, :meth:`Transformer.train_flops_per_token`);
        ``exact_dense_attention`` (full T x T attention, what numpy executes);
        ``six_n_with_unembedding``, ``six_n_without_unembedding``;
        ``six_n_plus_context_with_unembedding``,
        ``six_n_plus_context_without_unembedding``; and
        ``ratio_with_unembedding``, ``ratio_without_unembedding``
        (exact / 6N).
    """
    _check_model(model)
    T = model.seq_len if seq_len is None else as_positive_int(seq_len, "seq_len")
    n_with = model.n_params_non_embedding
    n_without = n_with - model.n_params_unembedding
    context = 6.0 * model.n_layers * T * model.d_model
    exact = model.train_flops_per_token(T)
    return {
        "exact": exact,
        "exact_dense_attention": model.train_flops_per_token(T, causal=False),
        "six_n_with_unembedding": 6.0 * n_with,
        "six_n_without_unembedding": 6.0 * n_without,
        "six_n_plus_context_with_unembedding": 6.0 * n_with + context,
        "six_n_plus_context_without_unembedding": 6.0 * n_without + context,
        "ratio_with_unembedding": exact / (6.0 * n_with),
        "ratio_without_unembedding": exact / (6.0 * n_without),
    }
