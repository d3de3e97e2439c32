"""The training loop: it applies exactly AdamW with the scheduled rates, and records learning curves."""

import numpy as np
import pytest

from scalinglaws.synthetic import MultitaskSparseParity
from scalinglaws.train.loop import eval_steps, evaluate, train
from scalinglaws.train.mlp import MLP
from scalinglaws.train.optim import AdamW, schedule_for_budget


class LinearRegression:
    """A model with the trainer's interface and a closed-form gradient, to check the loop's arithmetic."""

    def __init__(self, dim, seed=0):
        self.params = {"w": np.random.default_rng(seed).standard_normal((dim, 1))}

    def loss(self, inputs, targets, reduction="mean"):
        per_example = 0.5 * ((inputs @ self.params["w"])[:, 0] - targets) ** 2
        return per_example if reduction == "none" else float(per_example.mean())

    def loss_and_grads(self, inputs, targets):
        residual = (inputs @ self.params["w"])[:, 0] - targets
        return float(0.5 * np.mean(residual**2)), {
            "w": inputs.T @ residual[:, None] / len(targets)
        }


def _batches(dim, batch, seed):
    rng = np.random.default_rng(seed)
    truth = np.arange(1, dim + 1, dtype=float)

    def next_batch():
        x = rng.standard_normal((batch, dim))
        return x, x @ truth

    return next_batch


def test_loop_applies_adamw_with_the_budgeted_schedule():
    dim, batch, tokens = 3, 8, 8 * 25
    eval_x = np.eye(dim)
    eval_y = np.arange(1, dim + 1, dtype=float)
    model = LinearRegression(dim)
    result = train(
        model,
        _batches(dim, batch, 1),
        eval_x,
        eval_y,
        tokens=tokens,
        tokens_per_step=batch,
        peak_lr=0.1,
        warmup_fraction=0.2,
        weight_decay=0.01,
        grad_clip=None,
        betas=(0.9, 0.99),
    )
    # The same updates by hand.
    ref = LinearRegression(dim)
    opt = AdamW(ref.params, betas=(0.9, 0.99), weight_decay=0.01)
    schedule = schedule_for_budget(0.1, tokens, batch, warmup_fraction=0.2)
    next_batch = _batches(dim, batch, 1)
    for step in range(25):
        _, grads = ref.loss_and_grads(*next_batch())
        opt.step(grads, schedule(step))
    # The same operations in the same order; compared to rounding because BLAS may take
    # another path for differently aligned arrays.
    np.testing.assert_allclose(
        model.params["w"], ref.params["w"], rtol=1e-12, atol=1e-15
    )
    assert result.steps == 25 and result.tokens == tokens
    assert result.final_loss == pytest.approx(ref.loss(eval_x, eval_y), rel=1e-12)


def test_longer_schedule_changes_the_run_but_not_its_length():
    kwargs = dict(tokens=8 * 40, tokens_per_step=8, peak_lr=0.05, grad_clip=None)
    x, y = np.eye(3), np.arange(1.0, 4.0)
    short = LinearRegression(3)
    train(short, _batches(3, 8, 2), x, y, **kwargs)
    long = LinearRegression(3)
    result = train(long, _batches(3, 8, 2), x, y, schedule_tokens=8 * 400, **kwargs)
    assert result.steps == 40
    assert not np.array_equal(short.params["w"], long.params["w"])


def test_learning_curve_is_recorded_at_the_requested_token_counts():
    assert eval_steps([0, 100, 250, 10_000], tokens_per_step=100, total_steps=20) == [
        0,
        1,
        3,
        20,
    ]
    src = MultitaskSparseParity(n_tasks=4, n_bits=6, k=2, seed=0)
    rng = np.random.default_rng(0)
    ex, ey, et = src.sample(2000, np.random.default_rng(1))
    model = MLP(src.input_dim, 32, seed=0)
    seen = []
    result = train(
        model,
        lambda: src.sample(128, rng)[:2],
        ex,
        ey,
        tokens=128 * 200,
        tokens_per_step=128,
        peak_lr=1e-2,
        eval_at=[0, 1280, 6400],
        on_eval=lambda losses: seen.append(losses.shape) or 7,
    )
    assert result.curve_tokens == [0, 1280, 6400, 25600]
    assert result.curve_steps == [0, 10, 50, 200]
    assert result.curve_extra == [7, 7, 7, 7] and seen == [(2000,)] * 4
    assert np.isnan(result.curve_train_loss[0])
    assert result.curve_loss[0] == pytest.approx(
        evaluate(MLP(src.input_dim, 32, seed=0), ex, ey).mean()
    )
    # Two-bit parities over 6 bits are learned in 200 steps: the held-out loss falls well below chance.
    assert result.final_loss < 0.5 * np.log(2) < result.curve_loss[0]


def test_training_is_deterministic():
    src = MultitaskSparseParity(n_tasks=4, n_bits=6, k=2, seed=0)
    ex, ey, _ = src.sample(500, np.random.default_rng(1))
    finals = []
    for _ in range(2):
        rng = np.random.default_rng(5)
        model = MLP(src.input_dim, 16, seed=3)
        finals.append(
            train(
                model,
                lambda: src.sample(64, rng)[:2],
                ex,
                ey,
                tokens=64 * 30,
                tokens_per_step=64,
                peak_lr=1e-2,
            ).final_loss
        )
    assert finals[0] == finals[1]


def test_budget_smaller_than_one_batch_is_refused():
    with pytest.raises(ValueError, match="tokens"):
        train(
            LinearRegression(2),
            _batches(2, 8, 0),
            np.eye(2),
            np.ones(2),
            tokens=7,
            tokens_per_step=8,
            peak_lr=0.1,
        )
    with pytest.raises(ValueError, match="tokens"):
        train(
            LinearRegression(2),
            _batches(2, 8, 0),
            np.eye(2),
            np.ones(2),
            tokens=0,
            tokens_per_step=8,
            peak_lr=0.1,
        )


@pytest.mark.filterwarnings("ignore:overflow")
def test_divergence_is_reported():
    with pytest.raises(FloatingPointError, match="learning rate"):
        train(
            LinearRegression(2),
            _batches(2, 8, 0),
            np.eye(2),
            np.ones(2),
            tokens=8 * 50,
            tokens_per_step=8,
            peak_lr=1e200,
            warmup_fraction=0.0,
            grad_clip=None,
        )
