"""Warm-up-stable-decay, and runs branched from one stable phase, against runs trained alone."""

import math

import numpy as np
import pytest

from scalinglaws.train.config import RunConfig
from scalinglaws.train.optim import (
    WarmupCosineSchedule,
    WarmupStableDecaySchedule,
    schedule_for_budget,
)
from scalinglaws.train.run import branch_key, run, run_branches, run_job
from scalinglaws.train.runner import _jobs, run_sweep

# ------------------------------------------------------------------ the schedule


def test_wsd_shape():
    s = WarmupStableDecaySchedule(
        peak_lr=1.0, warmup_steps=10, total_steps=110, cooldown_steps=20
    )
    assert s(0) == pytest.approx(0.1) and s(9) == pytest.approx(1.0)
    assert s(10) == 1.0 and s(89) == 1.0  # stable until the cool-down
    assert s.cooldown_start == 90
    assert s(94) == pytest.approx(1.0 - math.sqrt(5 / 20))  # (1 - sqrt) shape
    assert s(109) == pytest.approx(0.0)  # the last step runs at the floor
    lrs = [s(i) for i in range(90, 110)]
    assert all(a > b for a, b in zip(lrs, lrs[1:]))


def test_wsd_floor_and_shared_stable_phase():
    short = WarmupStableDecaySchedule(1.0, 5, 50, 10, final_lr_fraction=0.1)
    long = WarmupStableDecaySchedule(1.0, 5, 200, 40, final_lr_fraction=0.1)
    assert short(49) == pytest.approx(0.1)
    # Before the first cool-down the two runs follow one schedule.
    assert [short(i) for i in range(40)] == [long(i) for i in range(40)]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"cooldown_steps": 0}, "cooldown_steps"),
        ({"cooldown_steps": 96}, "must not exceed"),
        ({"warmup_steps": -1}, "warmup_steps"),
        ({"final_lr_fraction": 2.0}, "final_lr_fraction"),
        ({"peak_lr": 0.0}, "peak_lr"),
    ],
)
def test_wsd_rejects_bad_settings(kwargs, match):
    settings = dict(peak_lr=1.0, warmup_steps=5, total_steps=100, cooldown_steps=20)
    settings.update(kwargs)
    with pytest.raises(ValueError, match=match):
        WarmupStableDecaySchedule(**settings)


def test_schedule_for_budget_gives_wsd_when_a_cooldown_is_set():
    s = schedule_for_budget(
        1e-3, tokens=10_000, tokens_per_step=100, cooldown_tokens=2_000
    )
    assert isinstance(s, WarmupStableDecaySchedule)
    assert (s.total_steps, s.cooldown_steps, s.warmup_steps) == (100, 20, 5)
    assert isinstance(
        schedule_for_budget(1e-3, tokens=10_000, tokens_per_step=100),
        WarmupCosineSchedule,
    )
    with pytest.raises(ValueError, match="exclude each other"):
        schedule_for_budget(
            1e-3, 10_000, 100, schedule_tokens=20_000, cooldown_tokens=2_000
        )


# ------------------------------------------------------------------ configs

BASE = RunConfig(
    family="markov",
    model={"d_model": 8, "n_layers": 1, "n_heads": 2},
    data={"vocab_size": 16, "order": 2, "branching": 4},
    tokens=8 * 16 * 60,
    batch_size=8,
    seq_len=16,
    lr=1e-2,
    eval_size=64,
)


def _wsd(steps, warmup_steps=4, eval_at=(0, 8 * 16 * 10, 8 * 16 * 40)):
    step = BASE.tokens_per_step
    tokens = steps * step
    return BASE.replace(
        tokens=tokens,
        cooldown_tokens=max(1, steps // 5) * step,
        warmup_fraction=warmup_steps / steps,
        final_lr_fraction=0.0,
        eval_at=list(eval_at),
    )


def test_config_cooldown_is_validated_and_keeps_old_ids():
    assert "cooldown_tokens" not in BASE.to_dict()  # ids of older runs unchanged
    wsd = _wsd(30)
    assert RunConfig.from_dict(wsd.to_dict()) == wsd
    with pytest.raises(ValueError, match="cooldown_tokens"):
        BASE.replace(cooldown_tokens=BASE.tokens + 1)
    with pytest.raises(ValueError, match="exclude each other"):
        BASE.replace(cooldown_tokens=128, schedule_tokens=2 * BASE.tokens)


def test_branch_key_groups_runs_that_differ_only_in_length():
    a, b = _wsd(30), _wsd(60)
    assert branch_key(a) == branch_key(b) is not None
    assert branch_key(BASE) is None  # a cosine run has no stable phase to share
    assert branch_key(a.replace(lr=2e-2)) != branch_key(a)
    assert branch_key(_wsd(30, warmup_steps=3)) != branch_key(b)
    parity = RunConfig(
        family="parity", model={"width": 4}, tokens=512, batch_size=64
    ).replace(cooldown_tokens=128)
    assert branch_key(parity) is None


# ------------------------------------------------------------------ branching


def _same_record(a, b):
    assert a["run_id"] == b["run_id"]
    assert a["curve_tokens"] == b["curve_tokens"] and a["steps"] == b["steps"]
    # One process, one kernel, the same operations in the same order: the
    # numbers agree to the last bit; the tolerance only guards other BLAS paths.
    np.testing.assert_allclose(a["curve_loss"], b["curve_loss"], rtol=1e-12, atol=0)
    np.testing.assert_allclose(
        a["curve_train_loss"], b["curve_train_loss"], rtol=1e-12, atol=0
    )


def test_branched_runs_equal_the_runs_trained_alone():
    configs = [_wsd(60), _wsd(25), _wsd(40)]  # not in cool-down order
    branched = run_branches(configs)
    for config, record in zip(configs, branched):
        _same_record(record, run(config))
    # Each cool-down restores the saved state: the branches are not all one run.
    assert len({r["final_loss"] for r in branched}) == 3


def test_a_wsd_run_differs_from_the_constant_run_only_after_its_cooldown():
    wsd = _wsd(50, eval_at=range(0, 50 * 128 + 1, 5 * 128))
    constant = wsd.replace(cooldown_tokens=None, final_lr_fraction=1.0)
    constant = constant.replace(warmup_fraction=4 / 50)
    a, b = run(wsd), run(constant)
    start = 40 * wsd.tokens_per_step  # cool-down of 10 steps
    before = [i for i, t in enumerate(a["curve_tokens"]) if t <= start]
    np.testing.assert_allclose(
        [a["curve_loss"][i] for i in before], [b["curve_loss"][i] for i in before]
    )
    assert a["final_loss"] != b["final_loss"]


@pytest.mark.parametrize(
    "configs, match",
    [
        ([BASE, BASE.replace(tokens=2 * BASE.tokens)], "warm-up-stable-decay"),
        ([_wsd(30), _wsd(30).replace(lr=5e-3)], "one stable phase"),
        ([], "warm-up-stable-decay"),
    ],
)
def test_run_branches_rejects_runs_without_one_stable_phase(configs, match):
    with pytest.raises(ValueError, match=match):
        run_branches(configs)


def test_sweep_runner_trains_branches_as_one_job(tmp_path):
    configs = [_wsd(25), _wsd(40), BASE]
    jobs = _jobs(configs)
    assert sorted(len(j) for j in jobs) == [1, 2]
    assert run_job([BASE.to_dict()])[0]["run_id"] == BASE.run_id
    df = run_sweep(configs, tmp_path / "s.csv", workers=1, progress=False)
    assert list(df["run_id"]) == [c.run_id for c in configs]
    np.testing.assert_allclose(
        df["final_loss"].iloc[0], run(configs[0])["final_loss"], rtol=1e-12
    )


# ------------------------------------------------------------------ any batch size


@pytest.mark.parametrize("batch_size", [1, 7, 13])
def test_any_batch_size_trains_whole_steps(batch_size):
    config = BASE.replace(batch_size=batch_size, tokens=1000, eval_at=[500])
    record = run(config)
    step = batch_size * BASE.seq_len
    assert record["steps"] == 1000 // step
    assert record["tokens"] == record["steps"] * step
    assert record["curve_tokens"][-1] == record["tokens"]
    assert np.isfinite(record["final_loss"])


def test_a_config_names_its_schedule():
    cosine, wsd = BASE.schedule(), _wsd(50).schedule()
    assert isinstance(cosine, WarmupCosineSchedule)
    assert cosine.total_steps == BASE.tokens // BASE.tokens_per_step
    assert isinstance(wsd, WarmupStableDecaySchedule)
    assert (wsd.total_steps, wsd.cooldown_steps, wsd.warmup_steps) == (50, 10, 4)
