"""The MLP: exact parameter and FLOP counts, and its backward pass (through train.layers) against finite differences."""

import numpy as np
import pytest

from scalinglaws.train.gradcheck import numerical_gradient
from scalinglaws.train.layers import (
    cross_entropy_backward as softmax_cross_entropy_backward,
)
from scalinglaws.train.layers import cross_entropy_forward as softmax_cross_entropy
from scalinglaws.train.layers import linear_backward as dense_backward
from scalinglaws.train.layers import linear_forward as dense_forward
from scalinglaws.train.layers import relu_backward, relu_forward
from scalinglaws.train.mlp import MLP


def _rel_error(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-12)


def _batch(n=7, d=10, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    y = rng.integers(0, 3, size=n)
    return x, y


def test_dense_backward_matches_finite_differences():
    rng = np.random.default_rng(0)
    x, w, b = (
        rng.standard_normal((5, 4)),
        rng.standard_normal((4, 3)),
        rng.standard_normal(3),
    )
    upstream = rng.standard_normal((5, 3))  # loss = sum(upstream * dense(x))

    def loss():
        return np.sum(upstream * dense_forward(x, w, b))

    dx, dw, db = dense_backward(upstream, x, w)
    for analytic, wrt in ((dx, x), (dw, w), (db, b)):
        assert _rel_error(analytic, numerical_gradient(loss, wrt)) < 1e-8
    assert dense_backward(upstream, x, w, need_dx=False)[0] is None


def test_softmax_cross_entropy_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    logits, targets = rng.standard_normal((6, 4)) * 3, rng.integers(0, 4, size=6)
    losses, probs = softmax_cross_entropy(logits, targets)
    np.testing.assert_allclose(
        losses, -np.log(np.exp(logits)[np.arange(6), targets] / np.exp(logits).sum(1))
    )
    analytic = softmax_cross_entropy_backward(probs, targets, 1 / 6)
    numeric = numerical_gradient(
        lambda: softmax_cross_entropy(logits, targets)[0].mean(), logits
    )
    assert _rel_error(analytic, numeric) < 1e-8
    # Large logits do not overflow.
    assert np.isfinite(
        softmax_cross_entropy(np.array([[1000.0, -1000.0]]), np.array([1]))[0]
    ).all()


def test_relu_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((5, 6))
    x[np.abs(x) < 1e-3] = 0.5  # keep away from the kink, where the derivative jumps
    w = rng.standard_normal((5, 6))  # loss = sum(w * relu(x))
    analytic = relu_backward(w, relu_forward(x))
    numeric = numerical_gradient(lambda: np.sum(w * relu_forward(x)), x)
    assert _rel_error(analytic, numeric) < 1e-8


def test_mlp_gradients_match_finite_differences():
    model = MLP(input_dim=10, width=6, n_classes=3, seed=2, dtype=np.float64)
    x, y = _batch()
    loss, grads = model.loss_and_grads(x, y)
    assert loss == pytest.approx(model.loss(x, y), rel=1e-14)
    assert grads.keys() == model.params.keys()
    for name, p in model.params.items():
        assert grads[name].shape == p.shape and grads[name].dtype == np.float64
        numeric = numerical_gradient(lambda: model.loss(x, y), p)
        assert _rel_error(grads[name], numeric) < 1e-4, name


def test_mlp_counts_parameters_and_flops_exactly():
    model = MLP(input_dim=136, width=64, n_classes=2)
    assert model.n_params == 136 * 64 + 64 + 64 * 2 + 2
    assert sum(p.size for p in model.params.values()) == model.n_params
    assert (
        model.n_params_embedding == 0 and model.n_params_non_embedding == model.n_params
    )
    # Forward 2(dw + wc); backward: 4wc (output layer), 2dw (hidden weights only).
    assert model.train_flops_per_token() == 4 * 136 * 64 + 6 * 64 * 2
    assert model.train_flops_per_token() < 6 * model.n_params


def test_mlp_is_deterministic_float32_and_shapes():
    a, b = MLP(12, 5, seed=3), MLP(12, 5, seed=3)
    for name in a.params:
        assert a.params[name].dtype == np.float32
        # Exact by construction: the same seed draws the same numbers.
        np.testing.assert_array_equal(a.params[name], b.params[name])
    assert not np.array_equal(
        a.params["hidden.weight"], MLP(12, 5, seed=4).params["hidden.weight"]
    )
    x = np.random.default_rng(0).standard_normal((9, 12)).astype(np.float32)
    y = np.zeros(9, dtype=int)
    assert a.predict_logits(x).shape == (9, 2)
    per_example = a.loss(x, y, reduction="none")
    assert per_example.shape == (9,)
    assert per_example.mean() == pytest.approx(a.loss(x, y), rel=1e-6)
    _, grads = a.loss_and_grads(x, y)
    assert all(g.dtype == np.float32 for g in grads.values())


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"input_dim": 0, "width": 4}, "input_dim"),
        ({"input_dim": 4, "width": -2}, "width"),
        ({"input_dim": 4, "width": 2.5}, "width"),
        ({"input_dim": 4, "width": 4, "n_classes": 1}, "n_classes"),
        ({"input_dim": 4, "width": 4, "seed": -1}, "seed"),
    ],
)
def test_mlp_rejects_bad_sizes(kwargs, field):
    with pytest.raises(ValueError, match=field):
        MLP(**kwargs)


def test_mlp_rejects_bad_batches():
    model = MLP(4, 3)
    with pytest.raises(ValueError, match="inputs must have shape"):
        model.loss(np.zeros((2, 5)), np.zeros(2, dtype=int))
    with pytest.raises(ValueError, match="targets must"):
        model.loss(np.zeros((2, 4)), np.array([0, 2]))


def test_digits_family_trains_the_mlp_on_a_fixed_split():
    from scalinglaws.train.config import RunConfig
    from scalinglaws.train.digits import DigitsSplit
    from scalinglaws.train.run import run

    split = DigitsSplit()
    assert (
        len(split.test_y) == 497
        and len(split.pool_y) == 1300
        and split.class_counts.sum() == 497
    )
    assert split.pool_x.min() >= 0 and split.pool_x.max() <= 1
    config = RunConfig(
        family="digits",
        model={"width": 16},
        tokens=6400,
        batch_size=64,
        lr=1e-2,
        dataset_size=200,
    )
    record = run(config)
    assert record["n_params"] == 64 * 16 + 16 + 16 * 10 + 10
    error = split.error_rate(record["per_task_accuracy"])
    assert 0.0 < error < 0.3  # far better than the 0.9 of a random guess
    with pytest.raises(ValueError, match="seq_len"):
        RunConfig(
            family="digits", model={"width": 4}, tokens=64, batch_size=64, seq_len=8
        )
    with pytest.raises(ValueError, match="exceeds the training pool"):
        run(config.replace(dataset_size=1301))
    with pytest.raises(ValueError, match="10 values"):
        split.error_rate([1.0, 1.0])
