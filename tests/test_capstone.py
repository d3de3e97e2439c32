"""scalinglaws.book.capstone: the isoFLOP design, target runs and forecasts of chapter 10."""

import numpy as np
import pytest

from scalinglaws.book import capstone
from scalinglaws.fitting import fit_parametric
from scalinglaws.laws import ChinchillaLaw
from scalinglaws.train import describe_model, recipes, run


def _n(config):
    return describe_model(config)["n_params_non_embedding"]


# ------------------------------------------------------------------ design


def test_design_spends_each_budget_and_slides_the_window():
    design = recipes.parity_isoflop_design([1e10, 1e9], n_sizes=5)
    assert len(design) == 10
    budgets = [c.tags["budget"] for c in design]
    assert budgets == [1e9] * 5 + [1e10] * 5  # sorted by budget
    for c in design:
        # D = C / 6N to within one batch (tokens are whole batches).
        assert (
            abs(6 * _n(c) * c.tokens - c.tags["budget"])
            <= 6 * _n(c) * c.tokens_per_step
        )
        assert c.tokens % c.tokens_per_step == 0
        assert c.data["label_noise"] == 0.1
    small = [c.model["width"] for c in design[:5]]
    large = [c.model["width"] for c in design[5:]]
    assert small == [2, 4, 8, 16, 32]
    assert large == [8, 16, 32, 64, 128]  # centre 16 (1e10 / 3e9)^0.5 = 29 -> 32


def test_design_matches_the_books_committed_grid_at_low_budgets():
    # The committed parity isoFLOP grid (train.recipes.PARITY_ISOFLOP) uses the same windows up to 3e10.
    from scalinglaws.train.recipes import PARITY_ISOFLOP

    for budget in (3e9, 1e10, 3e10):
        widths = [
            c.model["width"]
            for c in recipes.parity_isoflop_design([budget, 2 * budget])[:5]
        ]
        assert widths == PARITY_ISOFLOP[budget]


def test_parity_run_is_the_books_recipe():
    from scalinglaws.train.recipes import parity_isoflop

    committed = [
        c
        for c in parity_isoflop(0.1, "parity_isoflop_noisy")
        if c.tags["budget"] == 1e10
    ]
    mine = recipes.parity_run(
        committed[0].model["width"], 1e10, sweep="parity_isoflop_noisy"
    )
    assert mine.tokens == committed[0].tokens
    assert mine.data == committed[0].data
    assert mine.lr == committed[0].lr and mine.batch_size == committed[0].batch_size


@pytest.mark.parametrize("bad", [[1e9], [1e9, 1e9], [1e9, -1.0], [1e9, np.nan]])
def test_design_rejects_bad_budgets(bad):
    with pytest.raises(ValueError, match="budget"):
        recipes.parity_isoflop_design(bad)


def test_design_and_run_reject_bad_arguments():
    with pytest.raises(ValueError, match="n_sizes"):
        recipes.parity_isoflop_design([1e9, 3e9], n_sizes=2)
    with pytest.raises(ValueError, match="width"):
        recipes.parity_run(0, 1e9)
    with pytest.raises(ValueError, match="label_noise"):
        recipes.parity_run(8, 1e9, label_noise=0.5)
    with pytest.raises(ValueError, match="budget"):
        recipes.parity_run(8, [1e9, 2e9])


def test_width_for_params_inverts_the_parameter_count():
    for width in (3, 17, 235, 1000):
        n = _n(recipes.parity_run(width, 1e10))
        assert recipes.width_for_params(n) == width
        assert (
            recipes.width_for_params(n + 40) == width
        )  # one unit of width adds 139 parameters
    with pytest.raises(ValueError, match="n_params"):
        recipes.width_for_params(0)


def test_a_design_run_trains_to_a_loss_above_the_floor():
    config = recipes.parity_isoflop_design([1e8, 3e8], n_sizes=3)[0]
    record = run(config.to_dict())
    assert record["irreducible_loss"] == pytest.approx(
        -(0.1 * np.log(0.1) + 0.9 * np.log(0.9))
    )
    assert record["irreducible_loss"] < record["final_loss"] < np.log(2) + 0.05


# ------------------------------------------------------------------ forecasts

TRUE = ChinchillaLaw(E=0.3, A=20.0, B=200.0, alpha=0.4, beta=0.5)


def _synthetic_grid(seed=0, noise=0.004):
    """Runs on an isoFLOP grid whose losses follow TRUE, with multiplicative noise."""
    rng = np.random.default_rng(seed)
    N, C = [], []
    for budget in (1e9, 3e9, 1e10, 3e10):
        n_opt, _ = TRUE.compute_optimal(budget)
        for factor in (0.25, 0.5, 1.0, 2.0, 4.0):
            N.append(n_opt * factor)
            C.append(budget)
    N, C = np.array(N), np.array(C)
    D = C / (6 * N)
    L = TRUE.loss(N, D) * np.exp(noise * rng.standard_normal(N.size))
    return N, D, C, L


def test_predict_parametric_recovers_a_known_law():
    N, D, C, L = _synthetic_grid()
    fit = fit_parametric(N, D, L, n_bootstrap=100, seed=0)
    n_t, d_t = TRUE.compute_optimal(2e11)
    forecast = capstone.predict_parametric(fit, n_t, d_t)
    assert forecast.estimate == pytest.approx(fit.law.loss(n_t, d_t))
    assert forecast.lo <= forecast.estimate <= forecast.hi
    assert forecast.samples.shape == (100,)
    assert forecast.estimate == pytest.approx(TRUE.loss(n_t, d_t), rel=0.02)
    # Each sample is eq. 2 with that resample's constants.
    row = fit.bootstrap().samples[0]
    names = list(fit.bootstrap().names)
    by_hand = (
        row[names.index("E")]
        + row[names.index("A")] / n_t ** row[names.index("alpha")]
        + row[names.index("B")] / d_t ** row[names.index("beta")]
    )
    assert forecast.samples[0] == pytest.approx(by_hand)
    wider = capstone.predict_parametric(fit, n_t, d_t, level=0.95)
    assert wider.lo <= forecast.lo and wider.hi >= forecast.hi


def test_predict_parametric_needs_a_bootstrap_and_positive_sizes():
    N, D, C, L = _synthetic_grid()
    fit = fit_parametric(N, D, L)
    with pytest.raises(ValueError, match="bootstrap"):
        capstone.predict_parametric(fit, 1e5, 1e6)
    boot = fit_parametric(N, D, L, n_bootstrap=10)
    with pytest.raises(ValueError, match="N"):
        capstone.predict_parametric(boot, -1.0, 1e6)


def test_predict_isoflop_extrapolates_a_known_law():
    N, D, C, L = _synthetic_grid()
    forecast = capstone.predict_isoflop(N, C, L, 2e11, n_bootstrap=60, seed=1)
    n_true, _ = TRUE.compute_optimal(2e11)
    assert forecast.budget == 2e11
    # The allocation exponent of the true law is beta / (alpha + beta) = 5/9.
    assert forecast.fit.a == pytest.approx(5 / 9, abs=0.03)
    assert forecast.N_opt == pytest.approx(n_true, rel=0.1)
    assert forecast.N_interval[0] <= forecast.N_opt <= forecast.N_interval[1]
    assert forecast.loss.lo <= forecast.loss.estimate <= forecast.loss.hi
    assert forecast.loss.estimate == pytest.approx(TRUE.loss_at_optimum(2e11), rel=0.02)
    assert forecast.loss.contains(forecast.loss.estimate)
    assert 0 <= forecast.n_failed < 60
    again = capstone.predict_isoflop(N, C, L, 2e11, n_bootstrap=60, seed=1)
    # Same seed, same resamples. The refits agree to rounding, not bit for bit: BLAS
    # may take another path for differently aligned arrays.
    np.testing.assert_allclose(again.loss.samples, forecast.loss.samples, rtol=1e-10)


def test_predict_isoflop_validates_its_inputs():
    N, D, C, L = _synthetic_grid()
    with pytest.raises(ValueError, match="three budgets"):
        keep = C < 1e10
        capstone.predict_isoflop(N[keep], C[keep], L[keep], 1e11, n_bootstrap=5)
    with pytest.raises(ValueError):
        capstone.predict_isoflop(N[:-1], C, L, 1e11)
    with pytest.raises(ValueError, match="n_bootstrap"):
        capstone.predict_isoflop(N, C, L, 1e11, n_bootstrap=0)
    with pytest.raises(ValueError, match="budget"):
        capstone.predict_isoflop(N, C, L, 0.0)


# ------------------------------------------------------------------ tables


def test_design_table_lists_each_run_of_the_design():
    design = recipes.parity_isoflop_design([1e9, 3e9], n_sizes=3)
    table = capstone.design_table(design)
    assert list(table.columns) == ["budget (FLOPs)", "width", "N", "D (examples)"]
    assert len(table) == 6
    assert list(table["width"]) == [c.model["width"] for c in design]
    assert list(table["N"]) == [_n(c) for c in design]
    assert list(table["D (examples)"]) == [c.tokens for c in design]


def test_forecast_table_says_whether_each_interval_holds_the_run():
    inside = capstone.LossForecast(0.5, 0.4, 0.6, 0.8, np.array([0.5]))
    above = capstone.LossForecast(0.7, 0.65, 0.75, 0.8, np.array([0.7]))
    table = capstone.forecast_table({"a": inside, "b": above}, 0.55)
    assert list(table.index) == ["a", "b"]
    assert list(table["inside"]) == [True, False]
    assert table.loc["b", "hi (90%)"] == 0.75
    assert (table["observed"] == 0.55).all()


def test_sweep_cost_is_the_sum_of_6nd_and_about_sizes_times_budgets():
    design = recipes.parity_isoflop_design([1e9, 3e9], n_sizes=3, label_noise=0.1)
    expected = sum(
        6 * describe_model(c)["n_params_non_embedding"] * c.tokens for c in design
    )
    assert capstone.sweep_cost(design) == pytest.approx(expected)
    assert capstone.sweep_cost(design) == pytest.approx(3 * 4e9, rel=0.05)


def test_default_target_is_the_default_designs_target_run():
    target = capstone.default_target()
    assert target.model["width"] == capstone.DEFAULT_TARGET_WIDTH
    assert target.tags["budget"] == pytest.approx(6.7 * 3e10)
