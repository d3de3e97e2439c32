"""fit_power_law: recovery of known power laws, with and without offset, and bad input."""

import numpy as np
import pytest
from scipy.optimize import least_squares

from scalinglaws.fitting import fit_power_law, powerlaw
from scalinglaws.laws import SaturatingPowerLaw

X = np.geomspace(1e6, 1e11, 25)


def test_pure_power_law_is_recovered_exactly():
    # Kaplan et al. (2020) eq. (1.1) constants: alpha_N = 0.076, N_c = 8.8e13.
    y = (8.8e13 / X) ** 0.076
    fit = fit_power_law(X, y)
    assert fit.alpha == pytest.approx(0.076, rel=1e-10)
    assert fit.x0 == pytest.approx(8.8e13, rel=1e-8)
    assert fit.E == 0.0 and not fit.offset
    assert np.max(np.abs(fit.residuals)) < 1e-12
    assert fit.predict(1e9) == pytest.approx((8.8e13 / 1e9) ** 0.076, rel=1e-10)


def test_pure_power_law_with_noise_is_close():
    rng = np.random.default_rng(0)
    y = (1e8 / X) ** 0.3 * np.exp(rng.normal(0, 0.02, X.size))
    fit = fit_power_law(X, y)
    assert fit.alpha == pytest.approx(0.3, abs=0.01)
    assert np.log(fit.x0) == pytest.approx(np.log(1e8), abs=0.2)


def test_increasing_power_law_has_negative_alpha():
    # N_opt ~ C^0.5 written as (x0/x)^alpha has alpha = -0.5.
    y = 3e-3 * X**0.5
    fit = fit_power_law(X, y)
    assert fit.alpha == pytest.approx(-0.5, rel=1e-10)
    assert fit.predict(1e8) == pytest.approx(3e-3 * 1e4, rel=1e-9)
    with pytest.raises(ValueError, match="alpha"):
        fit.law


def test_offset_is_recovered_on_clean_data():
    true = SaturatingPowerLaw(x0=1e8, alpha=0.3, E=1.7)
    fit = fit_power_law(X, true.loss(X), offset=True)
    assert fit.converged
    assert fit.E == pytest.approx(1.7, rel=1e-8)
    assert fit.alpha == pytest.approx(0.3, rel=1e-7)
    assert fit.x0 == pytest.approx(1e8, rel=1e-6)
    assert fit.law.E == pytest.approx(1.7, rel=1e-8)


def test_offset_fit_on_a_pure_power_law_reports_zero_not_negative():
    fit = fit_power_law(X, (1e8 / X) ** 0.3, offset=True)
    assert 0.0 <= fit.E < 1e-6
    assert fit.alpha == pytest.approx(0.3, rel=1e-6)


def test_offset_with_noise_stays_physical_and_close():
    rng = np.random.default_rng(3)
    y = (2.0 + (1e8 / X) ** 0.35) * np.exp(rng.normal(0, 0.005, X.size))
    fit = fit_power_law(X, y, offset=True)
    assert 0.0 <= fit.E < y.min()
    assert fit.E == pytest.approx(2.0, abs=0.15)
    assert fit.alpha == pytest.approx(0.35, abs=0.08)


def test_offset_far_from_the_scan_start_is_found():
    # A large floor with a small reducible part: the scan must reach E close to min(y).
    true = SaturatingPowerLaw(x0=1e4, alpha=0.5, E=10.0)
    fit = fit_power_law(X, true.loss(X), offset=True)
    assert fit.E == pytest.approx(10.0, rel=1e-7)
    assert fit.alpha == pytest.approx(0.5, rel=1e-5)


@pytest.mark.parametrize(
    "x, y, offset, match",
    [
        ([1, 2, 3], [1, 2], False, "same length"),
        ([1, np.nan, 3], [1, 2, 3], False, "NaN"),
        ([1, 2, 3], [1, 0, 3], False, "positive"),
        ([1, -2, 3], [1, 2, 3], False, "positive"),
        ([1], [1], False, "at least 2"),
        ([1, 2], [3, 2], True, "at least 3"),
        ([5, 5, 5], [1, 2, 3], False, "same x"),
        ([[1, 2], [3, 4]], [[1, 2], [3, 4]], False, "1-D"),
    ],
)
def test_bad_input_raises(x, y, offset, match):
    with pytest.raises(ValueError, match=match):
        fit_power_law(x, y, offset=offset)


def test_flat_data_is_an_error_not_a_nonsense_x0():
    with pytest.raises(ValueError, match="slope"):
        fit_power_law([1.0, 2.0, 4.0], [3.0, 3.0, 3.0])


def test_offset_fit_that_stops_early_says_so(monkeypatch):
    monkeypatch.setattr(
        powerlaw,
        "least_squares",
        lambda *a, **k: least_squares(*a, **{**k, "max_nfev": 1}),
    )
    y = SaturatingPowerLaw(x0=1e8, alpha=0.3, E=1.7).loss(X) * np.exp(
        np.linspace(-0.01, 0.01, X.size)
    )
    with pytest.warns(RuntimeWarning, match="did not converge"):
        fit = fit_power_law(X, y, offset=True)
    assert not fit.converged
