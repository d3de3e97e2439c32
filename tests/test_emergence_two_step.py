"""Tests for the two-step (compute -> loss -> accuracy) forecast, its baselines and the back-test."""

import numpy as np
import pytest

from scalinglaws.emergence.backtest import LastValueForecast, backtest
from scalinglaws.emergence.two_step import fit_one_step, fit_two_step

E, C0, ALPHA = 1.7, 3e17, 0.3
MID, SLOPE, CHANCE = 2.2, 4.0, 0.25


def _loss(c):
    return E + (C0 / c) ** ALPHA


def _accuracy(loss):
    return CHANCE + (1 - CHANCE) / (1 + np.exp(SLOPE * (loss - MID)))


def test_recovers_both_steps_from_noiseless_curves():
    flops = np.geomspace(1e19, 1e23, 8)
    grid = np.linspace(1.8, 4.0, 15)
    f = fit_two_step(flops, _loss(flops), grid, _accuracy(grid), floor=CHANCE)
    assert f.converged, f.message
    assert f.params["E"] == pytest.approx(E, rel=1e-5)
    assert f.params["alpha"] == pytest.approx(ALPHA, rel=1e-5)
    assert f.params["C0"] == pytest.approx(C0, rel=1e-3)
    assert f.params["loss_mid"] == pytest.approx(MID, rel=1e-6)
    assert f.params["slope"] == pytest.approx(SLOPE, rel=1e-6)
    assert (f.params["floor"], f.params["ceiling"]) == (CHANCE, 1.0)
    far = np.array([1e24, 1e25])
    np.testing.assert_allclose(f.predict_loss(far), _loss(far), rtol=1e-5)
    np.testing.assert_allclose(f.predict(far), _accuracy(_loss(far)), atol=1e-5)
    assert f.n_points == 8 + 15
    assert f.residuals.shape == (15,)


def test_held_out_split_forecast_is_inside_its_interval_on_noisy_data():
    rng = np.random.default_rng(1)
    flops = np.geomspace(1e19, 1e24, 11)
    small, large = flops[:8], flops[8:]
    loss = _loss(small) * np.exp(rng.normal(0, 0.005, small.size))
    task_loss = np.linspace(2.0, 4.5, 30)
    acc = _accuracy(task_loss) + rng.normal(0, 0.01, task_loss.size)
    f = fit_two_step(small, loss, task_loss, acc, floor=CHANCE, n_bootstrap=200, seed=0)
    truth = _accuracy(_loss(large))
    assert np.max(np.abs(f.predict(large) - truth)) < 0.03
    lo, hi = f.interval(large, level=0.95)
    assert np.all(lo < f.predict(large)) and np.all(f.predict(large) < hi)
    assert np.all(hi - lo < 0.1)
    lo2, hi2 = f.accuracy_interval_at_loss(_loss(large), level=0.95)
    assert np.all(lo2 <= _accuracy(_loss(large)) + 0.02) and np.all(
        _accuracy(_loss(large)) - 0.02 <= hi2
    )
    assert (
        f.bootstrap_params.shape[1] == 7
        and f.bootstrap_params.shape[0] + f.n_failed == 200
    )


def test_one_step_recovers_a_sigmoid_in_log_compute():
    flops = np.geomspace(1e19, 1e25, 13)
    truth = CHANCE + (1 - CHANCE) / (1 + np.exp(-2.0 * (np.log10(flops) - 22.0)))
    f = fit_one_step(flops, truth, floor=CHANCE, n_bootstrap=20)
    assert f.converged
    assert np.log10(f.params["midpoint"]) == pytest.approx(22.0, abs=1e-6)
    assert f.params["slope"] == pytest.approx(2.0, rel=1e-6)
    lo, hi = f.interval(1e26)
    assert lo == pytest.approx(hi, abs=1e-6)  # noiseless: every refit is the same curve


def test_interval_needs_bootstrap_draws():
    flops = np.geomspace(1e19, 1e23, 6)
    grid = np.linspace(1.8, 4.0, 8)
    f = fit_two_step(flops, _loss(flops), grid, _accuracy(grid), floor=CHANCE)
    with pytest.raises(ValueError, match="n_bootstrap"):
        f.interval(1e24)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"compute": [1e19, -1, 1e21]}, "compute"),
        ({"loss": [2.0, 1.9]}, "same length"),
        ({"accuracy": [0.3, np.nan, 0.5, 0.6]}, "accuracy"),
        ({"floor": 1.0}, "floor must be below ceiling"),
        ({"n_bootstrap": -1}, "n_bootstrap"),
    ],
)
def test_two_step_rejects_bad_inputs(kwargs, match):
    args = {
        "compute": [1e19, 1e20, 1e21],
        "loss": [3.0, 2.5, 2.2],
        "task_loss": [3.0, 2.6, 2.3, 2.0],
        "accuracy": [0.3, 0.4, 0.5, 0.6],
        "floor": 0.25,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        fit_two_step(
            args.pop("compute"),
            args.pop("loss"),
            args.pop("task_loss"),
            args.pop("accuracy"),
            **args,
        )


def test_last_value_forecast_and_its_interval():
    naive = LastValueForecast(0.6, stderr=0.01)
    np.testing.assert_array_equal(naive.predict([1e22, 1e23]), [0.6, 0.6])
    lo, hi = naive.interval(1e23, level=0.95)
    assert (lo, hi) == (
        pytest.approx(0.6 - 1.959964 * 0.01),
        pytest.approx(0.6 + 1.959964 * 0.01),
    )
    with pytest.raises(ValueError, match="stderr"):
        LastValueForecast(0.6, stderr=-1)


def test_backtest_table_scores_each_method_on_each_model():
    flops = np.geomspace(1e19, 1e23, 8)
    grid = np.linspace(1.8, 4.0, 15)
    two = fit_two_step(
        flops, _loss(flops), grid, _accuracy(grid), floor=CHANCE, n_bootstrap=10
    )
    held = np.array([1e24, 1e25])
    actual = _accuracy(_loss(held))
    table = backtest(
        {"two-step": two, "naive": LastValueForecast(0.5)},
        held,
        actual,
        labels=["a", "b"],
    )
    assert list(table.columns) == [
        "model",
        "method",
        "compute",
        "predicted",
        "lo",
        "hi",
        "actual",
        "error",
        "covered",
    ]
    assert len(table) == 4
    exact = table[table.method == "two-step"]
    np.testing.assert_allclose(exact.error, 0.0, atol=1e-5)
    naive = table[table.method == "naive"]
    np.testing.assert_allclose(naive.error, 0.5 - actual)
    assert not naive.covered.any()
    with pytest.raises(ValueError, match="labels"):
        backtest({"naive": LastValueForecast(0.5)}, held, actual, labels=["a"])
    with pytest.raises(ValueError, match="empty"):
        backtest({}, held, actual)
