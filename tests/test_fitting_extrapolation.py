"""Local slopes and bootstrap prediction bands of fitted power laws."""

import numpy as np
import pytest

from scalinglaws.fitting import bootstrap, fit_power_law
from scalinglaws.fitting.extrapolation import (
    POWER_LAW_STATISTICS,
    PredictionBand,
    bootstrap_power_law,
    local_slope,
    prediction_band,
)
from scalinglaws.laws import KAPLAN_2020, SaturatingPowerLaw


def test_local_slope_of_a_pure_power_law_is_minus_alpha():
    # Kaplan et al. (2020) eq. (1.1): alpha_N = 0.076 on an uneven grid.
    N = np.sort(np.concatenate([np.geomspace(1e3, 1e9, 7), [3.3e4, 2.2e7]]))
    np.testing.assert_allclose(
        local_slope(N, KAPLAN_2020.loss_n(N)), -0.076, rtol=1e-10
    )


def test_local_slope_of_a_saturating_law_matches_the_formula():
    law = SaturatingPowerLaw(x0=4.8e7, alpha=0.34, E=1.69)
    x = np.geomspace(1e6, 1e12, 400)
    y = law.loss(x)
    exact = -0.34 * (y - 1.69) / y
    np.testing.assert_allclose(local_slope(x, y), exact, atol=2e-5)


@pytest.mark.parametrize(
    "x, y, match",
    [
        ([1, 2], [1, 2], "at least 3"),
        ([1, 3, 2], [1, 2, 3], "strictly increasing"),
        ([1, 2, 2], [1, 2, 3], "strictly increasing"),
        ([1, 2, 3], [1, 2], "same length"),
        ([1, 2, 3], [1, -2, 3], "positive"),
        ([[1, 2, 3]], [[1, 2, 3]], "1-D"),
    ],
)
def test_local_slope_refuses_bad_input(x, y, match):
    with pytest.raises(ValueError, match=match):
        local_slope(x, y)


def _noisy_power_law(n_points=15, noise=0.02, seed=0):
    x = np.geomspace(1e5, 1e8, n_points)
    rng = np.random.default_rng(seed)
    return x, (1e3 / x) ** 0.3 * np.exp(rng.normal(0.0, noise, n_points))


def _generic(x, y, n, seed, offset=False):
    return bootstrap(
        lambda a, b: fit_power_law(a, b, offset=offset),
        (x, y),
        n_bootstrap=n,
        seed=seed,
        stat_fn=lambda f: (f.alpha, f.x0, f.E),
    )


def test_bootstrap_power_law_is_the_generic_bootstrap_of_fit_power_law():
    # The pure law is bootstrapped in one vectorised step; it must match refitting one by one.
    x, y = _noisy_power_law()
    boot = bootstrap_power_law(x, y, n_bootstrap=200, seed=4)
    by_hand = _generic(x, y, 200, 4)
    assert boot.names == POWER_LAW_STATISTICS
    np.testing.assert_allclose(boot.samples, by_hand.samples, rtol=1e-9)
    full = fit_power_law(x, y)
    np.testing.assert_allclose(boot.estimate, [full.alpha, full.x0, 0.0], rtol=1e-12)
    assert (
        np.all(boot.samples[:, 2] == 0.0) and boot.n_failed == 0
    )  # no offset: E is set, not fitted


def test_bootstrap_with_an_offset_is_the_generic_bootstrap():
    x = np.geomspace(1e5, 1e8, 8)
    y = 1.5 + (1e3 / x) ** 0.4 * np.exp(
        np.random.default_rng(1).normal(0.0, 0.01, x.size)
    )
    boot = bootstrap_power_law(x, y, offset=True, n_bootstrap=20, seed=2)
    np.testing.assert_allclose(
        boot.samples, _generic(x, y, 20, 2, offset=True).samples, rtol=1e-12
    )
    assert np.all(boot.samples[:, 2] > 0.0)


def test_unfittable_resamples_are_counted_and_left_out_as_in_the_generic_bootstrap():
    # With three points, about one resample in nine puts every point at one x.
    x, y = np.array([1e3, 1e4, 1e5]), np.array([1.0, 0.5, 0.26])
    with pytest.warns(RuntimeWarning, match="failed"):
        boot = bootstrap_power_law(x, y, n_bootstrap=300, seed=0)
    with pytest.warns(RuntimeWarning, match="failed"):
        by_hand = _generic(x, y, 300, 0)
    assert boot.n_failed == by_hand.n_failed > 0
    np.testing.assert_array_equal(np.isnan(boot.samples), np.isnan(by_hand.samples))
    np.testing.assert_allclose(boot.samples, by_hand.samples, rtol=1e-9)
    assert all(np.isfinite(boot.interval(name)).all() for name in POWER_LAW_STATISTICS)


def test_bootstrap_spread_of_the_exponent_matches_least_squares_theory():
    # For a straight line in log space the standard error of the slope is
    # sigma / sqrt(sum (log x - mean log x)^2); the bootstrap must agree.
    x, y = _noisy_power_law(n_points=40, noise=0.02, seed=1)
    boot = bootstrap_power_law(x, y, n_bootstrap=2000, seed=0)
    lx = np.log(x)
    sigma = np.std(fit_power_law(x, y).residuals, ddof=2)
    theory = sigma / np.sqrt(np.sum((lx - lx.mean()) ** 2))
    assert boot.std("alpha") == pytest.approx(theory, rel=0.15)


def test_prediction_band_matches_refits_and_widens_away_from_the_data():
    x, y = _noisy_power_law()
    boot = bootstrap_power_law(x, y, n_bootstrap=400, seed=0)
    x_new = np.geomspace(1e5, 1e12, 8)
    band = prediction_band(boot, x_new)
    # Recompute one percentile by hand from the resampled fits.
    predictions = (boot.samples[:, 1][:, None] / x_new) ** boot.samples[:, 0][:, None]
    np.testing.assert_allclose(
        band.lo, np.percentile(predictions, 10, axis=0), rtol=1e-10
    )
    np.testing.assert_allclose(
        band.hi, np.percentile(predictions, 90, axis=0), rtol=1e-10
    )
    np.testing.assert_allclose(
        band.estimate, fit_power_law(x, y).predict(x_new), rtol=1e-10
    )
    # Beyond the data (x > 1e8) every extra decade widens the band.
    outside = x_new > 1e8
    assert np.all(np.diff(band.relative_width[outside]) > 0)
    assert band.relative_width[-1] > 3 * band.relative_width[x_new <= 1e8].max()
    assert np.all(band.lo <= band.estimate) and np.all(band.estimate <= band.hi)


def test_prediction_band_with_an_offset_and_a_narrower_level():
    law = SaturatingPowerLaw(x0=1e3, alpha=0.4, E=1.5)
    x = np.geomspace(1e5, 1e8, 12)
    rng = np.random.default_rng(2)
    y = law.loss(x) * np.exp(rng.normal(0.0, 0.003, x.size))
    boot = bootstrap_power_law(x, y, offset=True, n_bootstrap=60, seed=0)
    wide = prediction_band(boot, [1e9, 1e10])
    narrow = prediction_band(boot, [1e9, 1e10], level=0.5)
    assert np.all(narrow.lo >= wide.lo) and np.all(narrow.hi <= wide.hi)
    assert np.all(wide.lo > 1.0)  # every refit keeps a floor near 1.5
    assert list(wide.contains([wide.estimate[0], 100.0])) == [True, False]


def test_band_from_predictions_ignores_failed_rows():
    predictions = np.array([[1.0, 2.0], [np.nan, np.nan], [3.0, 4.0], [2.0, 3.0]])
    band = PredictionBand.from_predictions(
        [1.0, 2.0], [2.0, 3.0], predictions, level=0.5
    )
    np.testing.assert_allclose(band.lo, [1.5, 2.5])
    np.testing.assert_allclose(band.hi, [2.5, 3.5])


def test_prediction_band_refuses_bad_input():
    x, y = _noisy_power_law()
    boot = bootstrap_power_law(x, y, n_bootstrap=20)
    with pytest.raises(ValueError, match="bootstrap_power_law"):
        prediction_band(
            bootstrap(fit_power_law, (x, y), n_bootstrap=5, stat_fn=lambda f: f.alpha),
            [1e9],
        )
    with pytest.raises(ValueError, match="positive"):
        prediction_band(boot, [1e9, -1.0])
    with pytest.raises(ValueError, match="level"):
        prediction_band(boot, [1e9], level=1.5)
    band = prediction_band(boot, [1e9, 1e10])
    with pytest.raises(ValueError, match="one value per x"):
        band.contains([1.0])
    with pytest.raises(ValueError, match="shape"):
        PredictionBand.from_predictions([1.0, 2.0], [1.0, 2.0], np.ones((3, 3)))
    with pytest.raises(ValueError, match="no refit succeeded"):
        PredictionBand.from_predictions([1.0], [1.0], np.full((3, 1), np.nan))
    with pytest.raises(ValueError, match="positive"):
        bootstrap_power_law(x, -y)
