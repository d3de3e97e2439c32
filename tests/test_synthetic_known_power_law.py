"""KnownPowerLaw: the truth it holds, the noise it draws, and bad input."""

import numpy as np
import pytest

from scalinglaws.fitting import fit_power_law
from scalinglaws.laws import SaturatingPowerLaw
from scalinglaws.synthetic.known_power_law import KnownPowerLaw

X = np.geomspace(1e6, 1e10, 9)


def test_noiseless_sample_is_the_law():
    truth = KnownPowerLaw(alpha=0.34, x0=4.8e7, E=1.69)
    expected = 1.69 + (4.8e7 / X) ** 0.34
    np.testing.assert_allclose(truth.sample(X), expected, rtol=1e-14)
    np.testing.assert_allclose(truth.loss(X), expected, rtol=1e-14)
    assert truth.law == SaturatingPowerLaw(x0=4.8e7, alpha=0.34, E=1.69)


def test_local_slope_matches_a_numerical_derivative():
    truth = KnownPowerLaw(alpha=0.34, x0=4.8e7, E=1.69)
    h = 1e-6
    numerical = (
        np.log(truth.loss(X * np.exp(h))) - np.log(truth.loss(X * np.exp(-h)))
    ) / (2 * h)
    np.testing.assert_allclose(truth.local_slope(X), numerical, rtol=1e-7)
    # Without an offset the slope is -alpha everywhere.
    np.testing.assert_allclose(
        KnownPowerLaw(alpha=0.076, x0=8.8e13).local_slope(X), -0.076, rtol=1e-14
    )


def test_relative_noise_has_the_requested_spread_in_log_space():
    truth = KnownPowerLaw(alpha=0.5, x0=1e4, noise=0.05)
    samples = truth.sample(X, seed=3, n_datasets=4000)
    assert samples.shape == (4000, X.size)
    log_ratio = np.log(samples / truth.loss(X))
    # 36,000 draws: the mean is within 4 standard errors of 0, the sd within 2%.
    assert abs(log_ratio.mean()) < 4 * 0.05 / np.sqrt(log_ratio.size)
    assert log_ratio.std() == pytest.approx(0.05, rel=0.02)


def test_absolute_noise_has_the_requested_spread_in_linear_space():
    truth = KnownPowerLaw(alpha=0.3, x0=1e4, E=2.0, noise=0.02, noise_kind="absolute")
    samples = truth.sample(X, seed=5, n_datasets=4000)
    diff = samples - truth.loss(X)
    assert abs(diff.mean()) < 4 * 0.02 / np.sqrt(diff.size)
    assert diff.std() == pytest.approx(0.02, rel=0.02)


def test_same_seed_same_sample_and_different_seed_different_sample():
    truth = KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.01)
    np.testing.assert_array_equal(truth.sample(X, seed=7), truth.sample(X, seed=7))
    assert not np.array_equal(truth.sample(X, seed=7), truth.sample(X, seed=8))


def test_a_fit_recovers_the_known_exponent():
    truth = KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.01)
    fit = fit_power_law(X, truth.sample(X, seed=0))
    # Standard error of the slope: 0.01 / sqrt(sum (log x - mean)^2) ~ 0.0014.
    assert fit.alpha == pytest.approx(0.3, abs=0.006)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"alpha": 0.0, "x0": 1.0}, "alpha"),
        ({"alpha": 0.3, "x0": -1.0}, "x0"),
        ({"alpha": 0.3, "x0": 1.0, "E": -0.1}, "E must be"),
        ({"alpha": 0.3, "x0": 1.0, "noise": -0.1}, "noise"),
        ({"alpha": 0.3, "x0": 1.0, "noise": float("nan")}, "noise"),
        ({"alpha": 0.3, "x0": 1.0, "noise_kind": "gaussian"}, "noise_kind"),
    ],
)
def test_bad_parameters_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        KnownPowerLaw(**kwargs)


def test_bad_sample_requests_are_refused():
    truth = KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.01)
    with pytest.raises(ValueError, match="positive"):
        truth.sample([1.0, 0.0])
    with pytest.raises(ValueError, match="1-D"):
        truth.sample(np.ones((2, 2)))
    with pytest.raises(ValueError, match="seed"):
        truth.sample(X, seed=-1)
    with pytest.raises(ValueError, match="n_datasets"):
        truth.sample(X, n_datasets=0)
    too_noisy = KnownPowerLaw(alpha=0.5, x0=1e4, noise=1.0, noise_kind="absolute")
    with pytest.raises(ValueError, match="lower the noise"):
        too_noisy.sample(X, n_datasets=100)
