"""Tests of the numpy transformer: finite-difference gradients, counts, behaviour, validation."""

import numpy as np
import pytest

from scalinglaws.train import layers
from scalinglaws.train.gradcheck import numerical_gradient
from scalinglaws.train.transformer import (
    Transformer,
    compare_with_6n,
    compare_with_kaplan_params,
)

# The tiny model of the gradient checks: vocab 7, T 5, d 8, 2 layers, 2 heads.
TINY = dict(vocab_size=7, seq_len=5, d_model=8, n_layers=2, n_heads=2)
STEP = (
    1e-6  # central-difference step in float64: truncation ~STEP^2, rounding ~1e-16/STEP
)
TOL = 1e-4


def relative_error(analytic, numeric):
    """||a - n|| / (||a|| + ||n||), the norm-wise relative error of a gradient."""
    denom = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    assert denom > 0, "both gradients are zero: the check would prove nothing"
    return np.linalg.norm(analytic - numeric) / denom


def numeric_gradient(f, array):
    """Central differences of ``f()`` with respect to ``array``, at this file's step."""
    return numerical_gradient(f, array, STEP)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


def randomised_tiny_model(seed=3, **overrides):
    """A float64 tiny model whose parameters are all moved away from their init.

    GPT-2's init has unit LayerNorm gains and zero biases, which would leave
    some gradient paths untested; random values exercise every term.
    """
    model = Transformer(**{**TINY, **overrides}, seed=seed, dtype=np.float64)
    rng = np.random.default_rng(seed + 100)
    for p in model.params.values():
        p += rng.normal(0.0, 0.3, p.shape)
    return model


# ----------------------------------------------------------------- layers


def test_embedding_gradients_accumulate_repeated_tokens(rng):
    tokens = np.array([[0, 3, 3, 1, 0], [3, 2, 0, 0, 6]])  # repeats must add up
    tok = rng.normal(size=(7, 8))
    pos = rng.normal(size=(6, 8))  # one row longer than the batch: its gradient is 0
    weights = rng.normal(size=(10, 8))

    def f():
        return np.sum(layers.embedding_forward(tokens, tok, pos) * weights)

    d_tok, d_pos = layers.embedding_backward(weights, tokens, 7, 6)
    assert relative_error(d_tok, numeric_gradient(f, tok)) < TOL
    assert relative_error(d_pos, numeric_gradient(f, pos)) < TOL
    assert np.all(d_pos[5] == 0)


def test_layer_norm_gradients(rng):
    x = rng.normal(size=(6, 8)) * 3 + 1
    gain, bias = rng.normal(size=8), rng.normal(size=8)
    weights = rng.normal(size=(6, 8))

    def f():
        return np.sum(layers.layer_norm_forward(x, gain, bias)[0] * weights)

    y, cache = layers.layer_norm_forward(x, gain, bias)
    dx, d_gain, d_bias = layers.layer_norm_backward(weights, cache)
    for analytic, array in [(dx, x), (d_gain, gain), (d_bias, bias)]:
        assert relative_error(analytic, numeric_gradient(f, array)) < TOL
    # Each row of the normalised output has mean 0 and variance 1 before the affine map.
    x_hat = (y - bias) / gain
    np.testing.assert_allclose(x_hat.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(x_hat.var(axis=1), 1, rtol=1e-4)


def test_linear_gradients(rng):
    x, w, b = rng.normal(size=(6, 8)), rng.normal(size=(8, 5)), rng.normal(size=5)
    weights = rng.normal(size=(6, 5))

    def f():
        return np.sum(layers.linear_forward(x, w, b) * weights)

    dx, dw, db = layers.linear_backward(weights, x, w)
    for analytic, array in [(dx, x), (dw, w), (db, b)]:
        assert relative_error(analytic, numeric_gradient(f, array)) < TOL


def test_gelu_gradient_and_values(rng):
    x = rng.normal(size=(4, 9)) * 2
    weights = rng.normal(size=(4, 9))

    def f():
        return np.sum(layers.gelu_forward(x)[0] * weights)

    y, cache = layers.gelu_forward(x)
    assert (
        relative_error(layers.gelu_backward(weights, cache), numeric_gradient(f, x))
        < TOL
    )
    # The tanh form is within 1e-3 of the exact x * Phi(x) (Hendrycks & Gimpel 2016, §2).
    from scipy.special import erf

    exact = 0.5 * x * (1 + erf(x / np.sqrt(2)))
    np.testing.assert_allclose(y, exact, atol=1e-3)


def test_causal_attention_gradients(rng):
    n, T, d, heads = 2, 5, 8, 2
    qkv = rng.normal(size=(n, T, 3 * d))
    mask = layers.causal_mask_bias(T, np.float64)
    weights = rng.normal(size=(n * T, d))

    def f():
        return np.sum(layers.causal_attention_forward(qkv, heads, mask)[0] * weights)

    _, cache = layers.causal_attention_forward(qkv, heads, mask)
    d_qkv = layers.causal_attention_backward(weights, cache)
    assert relative_error(d_qkv.reshape(qkv.shape), numeric_gradient(f, qkv)) < TOL


def test_causal_attention_matches_a_loop_over_heads_and_positions(rng):
    n, T, d, heads = 2, 5, 8, 2
    qkv = rng.normal(size=(n, T, 3 * d))
    out, _ = layers.causal_attention_forward(
        qkv, heads, layers.causal_mask_bias(T, np.float64)
    )
    out = out.reshape(n, T, d)
    dh = d // heads
    for i in range(n):
        for h in range(heads):
            cols = slice(h * dh, (h + 1) * dh)
            q, k, v = (
                qkv[i, :, cols],
                qkv[i, :, d:][:, cols],
                qkv[i, :, 2 * d :][:, cols],
            )
            for t in range(T):
                scores = k[: t + 1] @ q[t] / np.sqrt(dh)
                p = np.exp(scores - scores.max())
                np.testing.assert_allclose(
                    out[i, t, cols], (p / p.sum()) @ v[: t + 1], atol=1e-12
                )


def test_cross_entropy_gradient_and_values(rng):
    logits = rng.normal(size=(6, 7)) * 3
    targets = rng.integers(0, 7, size=6)

    def f():
        return layers.cross_entropy_forward(logits, targets)[0].mean()

    losses, probs = layers.cross_entropy_forward(logits, targets)
    d_logits = layers.cross_entropy_backward(probs, targets, 1.0 / 6)
    assert relative_error(d_logits, numeric_gradient(f, logits)) < TOL
    log_softmax = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(losses, -log_softmax[np.arange(6), targets], rtol=1e-12)


# ------------------------------------------------------------ whole model


def test_whole_model_gradients_match_finite_differences(rng):
    model = randomised_tiny_model()
    inputs = rng.integers(0, 7, size=(3, 5))
    targets = rng.integers(0, 7, size=(3, 5))
    loss, grads = model.loss_and_grads(inputs, targets)
    assert loss == pytest.approx(model.loss(inputs, targets), rel=1e-12)
    assert grads.keys() == model.params.keys()
    for name, p in model.params.items():
        assert grads[name].shape == p.shape and grads[name].dtype == p.dtype
        numeric = numeric_gradient(lambda: model.loss(inputs, targets), p)
        assert relative_error(grads[name], numeric) < TOL, name


def test_gradients_for_sequences_shorter_than_seq_len(rng):
    model = randomised_tiny_model(seed=5)
    inputs = rng.integers(0, 7, size=(2, 3))
    targets = rng.integers(0, 7, size=(2, 3))
    _, grads = model.loss_and_grads(inputs, targets)
    for name in ["position_embedding", "block1.attn.qkv.weight"]:
        numeric = numeric_gradient(
            lambda: model.loss(inputs, targets), model.params[name]
        )
        assert relative_error(grads[name], numeric) < TOL, name
    assert np.all(grads["position_embedding"][3:] == 0)


def test_float32_gradients_agree_with_float64(rng):
    m32 = Transformer(**TINY, seed=7)
    m64 = Transformer(**TINY, seed=7, dtype=np.float64)
    inputs = rng.integers(0, 7, size=(4, 5))
    targets = rng.integers(0, 7, size=(4, 5))
    loss32, g32 = m32.loss_and_grads(inputs, targets)
    loss64, g64 = m64.loss_and_grads(inputs, targets)
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    for name in g64:
        assert g32[name].dtype == np.float32
        assert relative_error(g32[name].astype(np.float64), g64[name]) < 1e-3, name


def test_model_is_causal(rng):
    model = randomised_tiny_model()
    inputs = rng.integers(0, 7, size=(1, 5))
    base = model.predict_logits(inputs)
    for t in range(5):
        changed = inputs.copy()
        changed[0, t] = (changed[0, t] + 1) % 7
        diff = np.abs(model.predict_logits(changed) - base).max(axis=-1)[0]
        assert np.all(diff[:t] == 0), f"changing token {t} moved earlier logits"
        assert diff[t] > 1e-6


def test_loss_is_mean_of_per_position_cross_entropy(rng):
    model = randomised_tiny_model()
    inputs = rng.integers(0, 7, size=(3, 4))
    targets = rng.integers(0, 7, size=(3, 4))
    logits = model.predict_logits(inputs)
    assert logits.shape == (3, 4, 7)
    log_probs = logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    expected = -np.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]
    per_position = model.loss(inputs, targets, reduction="none")
    assert per_position.shape == (3, 4)
    np.testing.assert_allclose(per_position, expected, rtol=1e-10)
    assert model.loss(inputs, targets) == pytest.approx(expected.mean(), rel=1e-10)


def test_initial_loss_is_close_to_uniform_guess(rng):
    model = Transformer(
        vocab_size=50, seq_len=16, d_model=32, n_layers=2, n_heads=4, seed=0
    )
    inputs = rng.integers(0, 50, size=(8, 16))
    targets = rng.integers(0, 50, size=(8, 16))
    # Small init (std 0.02) gives near-zero logits, so the loss starts near ln V.
    assert model.loss(inputs, targets) == pytest.approx(np.log(50), abs=0.05)


def test_gradient_descent_learns_a_repeating_sequence():
    model = Transformer(
        vocab_size=8, seq_len=8, d_model=16, n_layers=1, n_heads=2, seed=0
    )
    sequence = np.tile(np.arange(8), 3)
    inputs = np.stack([sequence[s : s + 8] for s in range(8)])
    targets = np.stack([sequence[s + 1 : s + 9] for s in range(8)])
    first = model.loss(inputs, targets)
    for _ in range(150):
        _, grads = model.loss_and_grads(inputs, targets)
        for name, g in grads.items():
            model.params[name] -= 0.5 * g
    assert first > 2.0 and model.loss(inputs, targets) < 0.2


def test_deterministic_given_seed_and_float32_by_default(rng):
    a, b = Transformer(**TINY, seed=11), Transformer(**TINY, seed=11)
    c = Transformer(**TINY, seed=12)
    inputs = rng.integers(0, 7, size=(2, 5))
    targets = rng.integers(0, 7, size=(2, 5))
    for name in a.params:
        assert a.params[name].dtype == np.float32
        np.testing.assert_array_equal(a.params[name], b.params[name])
    assert not np.array_equal(a.params["token_embedding"], c.params["token_embedding"])
    la, ga = a.loss_and_grads(inputs, targets)
    lb, gb = b.loss_and_grads(inputs, targets)
    assert la == lb and all(np.array_equal(ga[k], gb[k]) for k in ga)
    assert a.predict_logits(inputs).dtype == np.float32
    assert isinstance(la, float)


# ------------------------------------------------------ counts and FLOPs


def test_parameter_counts_are_exact():
    V, T, d, L, f = 11, 9, 12, 3, 20
    model = Transformer(V, T, d, L, n_heads=3, d_ff=f)
    per_block = (
        (2 * d)
        + (d * 3 * d + 3 * d)
        + (d * d + d)
        + (2 * d)
        + (d * f + f)
        + (f * d + d)
    )
    assert model.n_params == sum(p.size for p in model.params.values())
    assert model.n_params == (V + T) * d + L * per_block + 2 * d + (d * V + V)
    assert model.n_params_embedding == (V + T) * d
    assert model.n_params_non_embedding == model.n_params - (V + T) * d
    assert model.n_params_unembedding == d * V + V


def test_kaplan_parameter_comparison():
    V, T, d, L = 64, 32, 48, 4
    model = Transformer(V, T, d, L, n_heads=4)  # d_ff = 4 d, so eq. 2.1 is 12 L d^2
    cmp = compare_with_kaplan_params(model)
    assert cmp["kaplan_eq_2_1"] == 12 * L * d**2
    # What eq. 2.1 leaves out: 13 d of biases and LayerNorm per block, and the final LayerNorm.
    assert (
        cmp["non_embedding_without_unembedding"] - cmp["kaplan_eq_2_1"]
        == L * 13 * d + 2 * d
    )
    assert cmp["non_embedding"] - cmp["non_embedding_without_unembedding"] == d * V + V
    assert cmp["ratio_with_unembedding"] > cmp["ratio_without_unembedding"] > 1


def test_train_flops_count_every_weight_matmul_and_attention():
    V, T, d, L, f = 13, 10, 16, 3, 24
    model = Transformer(V, T, d, L, n_heads=4, d_ff=f)
    # The matmul weights are the 2-D parameters other than the two lookup tables;
    # each of their entries is one multiply-add (2 FLOPs) per token.
    weight_names = {name for name in model.params if name.endswith(".weight")}
    two_d = {name for name, p in model.params.items() if p.ndim == 2}
    assert weight_names == two_d - {"token_embedding", "position_embedding"}
    matmul_weights = sum(model.params[name].size for name in weight_names)
    causal_attention = (
        2 * L * (T + 1) * d
    )  # QK^T and PV over t + 1 keys, averaged over t
    dense_attention = 4 * L * T * d
    assert model.forward_flops_per_token() == 2 * matmul_weights + causal_attention
    assert model.train_flops_per_token() == 3 * (2 * matmul_weights + causal_attention)
    assert model.train_flops_per_token(causal=False) == 3 * (
        2 * matmul_weights + dense_attention
    )
    assert model.train_flops_per_token(seq_len=4) == 3 * (
        2 * matmul_weights + 2 * L * 5 * d
    )
    breakdown = model.forward_flops_by_operation()
    assert breakdown["unembedding"] == 2 * d * V
    assert breakdown["mlp"] == 2 * L * 2 * d * f


def test_six_n_comparison_fields():
    V, T, d, L = 64, 64, 32, 2
    model = Transformer(V, T, d, L, n_heads=2)
    cmp = compare_with_6n(model)
    N = model.n_params_non_embedding
    assert cmp["six_n_with_unembedding"] == 6 * N
    assert cmp["six_n_without_unembedding"] == 6 * (N - model.n_params_unembedding)
    context = (
        6 * L * T * d
    )  # 3x Kaplan's forward context term 2 n_layer n_ctx d_attn (eq. 2.2)
    assert cmp["six_n_plus_context_with_unembedding"] == 6 * N + context
    assert cmp["exact"] == model.train_flops_per_token()
    assert cmp["exact_dense_attention"] == model.train_flops_per_token(causal=False)
    # 6N is exact for the weights; it overcounts the vectors (biases, LayerNorm: no
    # matmul) and misses attention's context term.
    vectors = sum(p.size for p in model.params.values() if p.ndim == 1)
    assert cmp["exact"] == 6 * (N - vectors) + 6 * L * (T + 1) * d


def test_six_n_is_accurate_for_wide_models_only():
    narrow = compare_with_6n(Transformer(64, 64, 32, 2, 2))
    wide = compare_with_6n(Transformer(64, 64, 512, 2, 8))
    # Kaplan §2.1: C ≈ 6N holds for d_model >> n_ctx / 12.
    assert abs(wide["ratio_without_unembedding"] - 1) < 0.05
    assert narrow["ratio_without_unembedding"] > 1.2


# ------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "field, value",
    [
        ("vocab_size", 0),
        ("seq_len", -1),
        ("d_model", 8.0),
        ("n_layers", 0),
        ("n_heads", True),
        ("d_ff", 0),
        ("seed", -3),
    ],
)
def test_constructor_rejects_bad_sizes(field, value):
    with pytest.raises(ValueError, match=field):
        Transformer(**{**TINY, field: value})


def test_constructor_rejects_heads_that_do_not_divide_width():
    with pytest.raises(ValueError, match="divisible by n_heads"):
        Transformer(**{**TINY, "n_heads": 3})


def test_constructor_rejects_other_dtypes():
    with pytest.raises(ValueError, match="dtype"):
        Transformer(**TINY, dtype=np.int32)


@pytest.mark.parametrize(
    "inputs, message",
    [
        (np.zeros(5, dtype=int), "shape"),
        (np.zeros((2, 6), dtype=int), "seq_len"),
        (np.zeros((2, 0), dtype=int), "shape"),
        (np.full((2, 5), 7), r"\[0, vocab_size=7\)"),
        (np.full((2, 5), -1), r"\[0, vocab_size=7\)"),
        (np.zeros((2, 5)), "integer"),
    ],
)
def test_inputs_are_validated(inputs, message):
    model = Transformer(**TINY)
    with pytest.raises(ValueError, match=message):
        model.predict_logits(inputs)
    with pytest.raises(ValueError, match=message):
        model.loss_and_grads(inputs, inputs)


def test_targets_and_reduction_are_validated():
    model = Transformer(**TINY)
    inputs = np.zeros((2, 5), dtype=int)
    with pytest.raises(ValueError, match="same shape"):
        model.loss(inputs, np.zeros((2, 4), dtype=int))
    with pytest.raises(ValueError, match="targets"):
        model.loss(inputs, np.full((2, 5), 9))
    with pytest.raises(ValueError, match="reduction"):
        model.loss(inputs, inputs, reduction="sum")


def test_comparisons_reject_other_objects():
    with pytest.raises(ValueError, match="Transformer"):
        compare_with_6n("not a model")
    with pytest.raises(ValueError, match="Transformer"):
        compare_with_kaplan_params(None)
