"""AdamW and the warm-up + cosine schedule against their definitions."""

import math

import numpy as np
import pytest

from scalinglaws.train.optim import (
    AdamW,
    WarmupCosineSchedule,
    clip_by_global_norm,
    schedule_for_budget,
)


def test_schedule_shape():
    s = WarmupCosineSchedule(
        peak_lr=1.0, warmup_steps=10, total_steps=110, final_lr_fraction=0.1
    )
    assert s(0) == pytest.approx(0.1)
    assert s(9) == pytest.approx(1.0)  # warm-up ends at the peak
    assert s(10) == pytest.approx(1.0)
    assert s(60) == pytest.approx(0.1 + 0.9 * 0.5)  # half-way through the cosine
    assert s(110) == pytest.approx(0.1) and s(500) == pytest.approx(0.1)
    lrs = [s(i) for i in range(10, 111)]
    assert all(a >= b for a, b in zip(lrs, lrs[1:]))  # monotone decay


def test_schedule_length_from_budget_or_set_independently():
    default = schedule_for_budget(
        1e-3, tokens=10_000, tokens_per_step=100, warmup_fraction=0.1
    )
    assert default.total_steps == 100 and default.warmup_steps == 10
    longer = schedule_for_budget(
        1e-3,
        tokens=10_000,
        tokens_per_step=100,
        warmup_fraction=0.1,
        schedule_tokens=40_000,
    )
    assert longer.total_steps == 400
    # Cut short, the longer schedule is still high where the default one has decayed.
    assert (
        longer(99)
        > default(99)
        == pytest.approx(default.peak_lr * default.final_lr_fraction, rel=0.01)
    )


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"peak_lr": 0.0, "warmup_steps": 0, "total_steps": 10}, "peak_lr"),
        ({"peak_lr": 1.0, "warmup_steps": -1, "total_steps": 10}, "warmup_steps"),
        ({"peak_lr": 1.0, "warmup_steps": 0, "total_steps": 0}, "total_steps"),
        ({"peak_lr": 1.0, "warmup_steps": 20, "total_steps": 10}, "warmup_steps"),
        (
            {
                "peak_lr": 1.0,
                "warmup_steps": 0,
                "total_steps": 10,
                "final_lr_fraction": 2.0,
            },
            "final_lr_fraction",
        ),
    ],
)
def test_schedule_rejects_bad_settings(kwargs, field):
    with pytest.raises(ValueError, match=field):
        WarmupCosineSchedule(**kwargs)


def test_adamw_matches_the_textbook_update():
    """Compare with a direct transcription of Loshchilov & Hutter (2019), Algorithm 2."""
    rng = np.random.default_rng(0)
    params = {"w": rng.standard_normal((3, 4)), "b": rng.standard_normal(4)}
    ref = {k: v.copy() for k, v in params.items()}
    b1, b2, eps, wd = 0.9, 0.99, 1e-8, 0.1
    opt = AdamW(params, betas=(b1, b2), eps=eps, weight_decay=wd)
    m = {k: np.zeros_like(v) for k, v in ref.items()}
    v = {k: np.zeros_like(x) for k, x in ref.items()}
    for t in range(1, 6):
        grads = {k: rng.standard_normal(x.shape) for k, x in ref.items()}
        lr = 0.01 * t
        opt.step({k: g.copy() for k, g in grads.items()}, lr)
        for k in ref:
            m[k] = b1 * m[k] + (1 - b1) * grads[k]
            v[k] = b2 * v[k] + (1 - b2) * grads[k] ** 2
            m_hat, v_hat = m[k] / (1 - b1**t), v[k] / (1 - b2**t)
            decay = wd * ref[k] if ref[k].ndim >= 2 else 0.0  # matrices only
            ref[k] = ref[k] - lr * (m_hat / (np.sqrt(v_hat) + eps) + decay)
        for k in ref:
            np.testing.assert_allclose(params[k], ref[k], rtol=1e-12, atol=1e-12)


def test_adamw_keeps_float32_and_minimises_a_quadratic():
    params = {"x": np.array([3.0, -2.0], dtype=np.float32)}
    opt = AdamW(params, betas=(0.9, 0.999))
    for _ in range(500):
        opt.step({"x": 2 * params["x"]}, lr=0.05)
    assert params["x"].dtype == np.float32
    assert np.all(np.abs(params["x"]) < 1e-2)


def test_clip_by_global_norm():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    norm = clip_by_global_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert math.sqrt(sum(float((g**2).sum()) for g in grads.values())) == pytest.approx(
        1.0
    )
    small = {"a": np.array([0.1])}
    clip_by_global_norm(small, 1.0)
    assert (
        small["a"][0] == 0.1
    )  # exact: a norm under the limit leaves the gradient untouched


def test_adamw_rejects_bad_settings():
    with pytest.raises(ValueError, match="betas"):
        AdamW({"x": np.zeros(2)}, betas=(1.0, 0.9))
    with pytest.raises(ValueError, match="weight_decay"):
        AdamW({"x": np.zeros(2)}, weight_decay=-1.0)
    with pytest.raises(ValueError, match="params"):
        AdamW({})
    opt = AdamW({"x": np.zeros(2)})
    with pytest.raises(ValueError, match="keys"):
        opt.step({"y": np.zeros(2)}, 0.1)
