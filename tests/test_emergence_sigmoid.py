"""Tests for the sigmoid-in-log-compute fit and its report of failure."""

import warnings

import numpy as np
import pytest

from scalinglaws import emergence as em


def _logistic(flops, midpoint_decade, slope, floor=0.0, ceiling=1.0):
    return floor + (ceiling - floor) / (
        1 + np.exp(-slope * (np.log10(flops) - midpoint_decade))
    )


def test_recovers_a_noiseless_sigmoid_with_fixed_limits():
    flops = np.geomspace(1e19, 1e25, 13)
    fit = em.fit_sigmoid(flops, _logistic(flops, 22.3, 2.5), floor=0.0, ceiling=1.0)
    assert fit.converged
    assert np.log10(fit.midpoint) == pytest.approx(22.3, abs=1e-6)
    assert fit.slope == pytest.approx(2.5, rel=1e-6)
    assert fit.width == pytest.approx(2 * np.log(9) / 2.5)
    np.testing.assert_allclose(
        fit.predict(flops), _logistic(flops, 22.3, 2.5), atol=1e-8
    )


def test_recovers_free_floor_and_ceiling_from_noisy_data():
    rng = np.random.default_rng(0)
    flops = np.geomspace(1e19, 1e25, 25)
    truth = _logistic(
        flops, 22.0, 3.0, floor=0.25, ceiling=0.9
    )  # a 4-way multiple choice
    fit = em.fit_sigmoid(flops, truth + rng.normal(0, 0.01, flops.size))
    assert fit.converged
    assert np.log10(fit.midpoint) == pytest.approx(22.0, abs=0.05)
    assert fit.floor == pytest.approx(0.25, abs=0.02)
    assert fit.ceiling == pytest.approx(0.9, abs=0.02)
    assert set(fit.stderr) == {"u0", "slope", "floor", "ceiling"}
    assert 0 < fit.stderr["u0"] < 0.1


def test_forecast_from_models_that_have_started_to_rise():
    # Fit on the smaller half, where the curve has begun to lift off the floor,
    # then predict the larger models.
    flops = np.geomspace(1e20, 1e24, 9)
    truth = _logistic(flops, 22.6, 2.0)
    small = flops < 3e22
    fit = em.fit_sigmoid(
        flops[small],
        truth[small] + np.array([0.002, -0.002, 0.001, 0.0, -0.001]),
        floor=0.0,
        ceiling=1.0,
    )
    assert fit.converged
    np.testing.assert_allclose(fit.predict(flops[~small]), truth[~small], atol=0.05)


def test_models_all_at_chance_make_the_fit_fail_loudly():
    flops = np.geomspace(1e20, 1e22, 5)
    flat = np.array([0.0, 0.001, 0.0, 0.002, 0.001])  # noise around zero, no rise
    with pytest.warns(em.SigmoidFitWarning, match="did not converge"):
        fit = em.fit_sigmoid(flops, flat, floor=0.0, ceiling=1.0)
    assert not fit.converged
    assert "locate the rise" in fit.message
    with pytest.raises(em.SigmoidFitError):
        em.fit_sigmoid(flops, flat, floor=0.0, ceiling=1.0, on_failure="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = em.fit_sigmoid(flops, flat, floor=0.0, ceiling=1.0, on_failure="ignore")
    assert not quiet.converged


def test_a_flat_curve_exactly_at_the_floor_also_fails():
    flops = np.geomspace(1e20, 1e22, 6)
    fit = em.fit_sigmoid(
        flops, np.zeros(6), floor=0.0, ceiling=1.0, on_failure="ignore"
    )
    assert not fit.converged


def test_linear_axis_for_a_capability_score():
    capability = np.linspace(
        -3, 3, 13
    )  # e.g. a principal component, negative values allowed
    y = 1 / (1 + np.exp(-1.5 * (capability - 0.4)))
    fit = em.fit_sigmoid(capability, y, floor=0.0, ceiling=1.0, log_scale=False)
    assert fit.converged and not fit.log_scale
    assert fit.midpoint == pytest.approx(0.4, abs=1e-6)
    assert fit.predict(0.4) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(scale=[1e20, -1, 1e22, 1e23], score=[0, 0, 1, 1]), "positive"),
        (dict(scale=[1e20, 1e21, 1e22], score=[0, 0.5]), "same length"),
        (dict(scale=[1e20, 1e21, 1e22], score=[0, np.nan, 1]), "NaN"),
        (
            dict(
                scale=[1e20, 1e21, 1e22, 1e23],
                score=[0, 0, 1, 1],
                floor=1.0,
                ceiling=0.0,
            ),
            "below ceiling",
        ),
        (
            dict(scale=[1e20, 1e21, 1e22, 1e23], score=[0, 0, 1, 1]),
            "more than 4 points",
        ),
        (
            dict(scale=[1e20, 1e21], score=[0, 1], floor=0.0, ceiling=1.0),
            "more than 2 points",
        ),
        (
            dict(scale=[1e21, 1e21, 1e21], score=[0, 0.5, 1], floor=0.0, ceiling=1.0),
            "single distinct",
        ),
        (
            dict(scale=[1e20, 1e21, 1e22], score=[0, 0.5, 1], floor=[0.0, 0.1]),
            "single number",
        ),
        (
            dict(scale=[1e20, 1e21, 1e22], score=[0, 0.5, 1], on_failure="shout"),
            "on_failure",
        ),
    ],
)
def test_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        em.fit_sigmoid(**kwargs)


def test_predict_validates_its_input():
    flops = np.geomspace(1e19, 1e25, 7)
    fit = em.fit_sigmoid(flops, _logistic(flops, 22.0, 2.0), floor=0.0, ceiling=1.0)
    with pytest.raises(ValueError, match="positive"):
        fit.predict(0.0)


def test_binomial_fit_recovers_a_sigmoid_from_counts():
    rng = np.random.default_rng(5)
    flops = np.geomspace(1e19, 1e25, 13)
    n = 2_000
    measured = rng.binomial(n, _logistic(flops, 22.0, 2.0)) / n
    fit = em.fit_sigmoid(flops, measured, floor=0.0, ceiling=1.0, n_examples=n)
    assert fit.converged
    assert np.log10(fit.midpoint) == pytest.approx(
        22.0, abs=3 * fit.stderr["u0"] + 1e-3
    )
    assert fit.slope == pytest.approx(2.0, abs=3 * fit.stderr["slope"])
    assert fit.stderr["u0"] < 0.05


def test_counts_expose_a_fit_that_least_squares_calls_precise():
    # Three models at 0/1000 and one at 1/1000: least squares puts a curve through
    # the tiny values and reports a tiny error, the binomial fit knows that one
    # correct answer in a thousand locates nothing.
    flops = np.geomspace(1e20, 10**21.5, 4)
    scores = np.array([0.0, 0.0, 0.0, 0.001])
    least_squares = em.fit_sigmoid(
        flops, scores, floor=0.0, ceiling=1.0, on_failure="ignore"
    )
    binomial = em.fit_sigmoid(
        flops, scores, floor=0.0, ceiling=1.0, n_examples=1000, on_failure="ignore"
    )
    assert least_squares.converged and least_squares.stderr["u0"] < 0.1
    assert not binomial.converged and "locate the rise" in binomial.message


def test_n_examples_may_differ_per_model():
    flops = np.geomspace(1e19, 1e25, 7)
    truth = _logistic(flops, 22.0, 2.0)
    fit = em.fit_sigmoid(
        flops,
        truth,
        floor=0.0,
        ceiling=1.0,
        n_examples=[100, 200, 400, 800, 800, 400, 100],
    )
    assert fit.converged and np.log10(fit.midpoint) == pytest.approx(22.0, abs=1e-4)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(score=[0.0, 0.2, 1.5, 1.0, 1.0], n_examples=100), r"\[0, 1\]"),
        (dict(score=[0.0, 0.2, 0.5, 0.9, 1.0], n_examples=100.5), "whole numbers"),
        (dict(score=[0.0, 0.2, 0.5, 0.9, 1.0], n_examples=[100, 100]), "one per model"),
        (dict(score=[0.0, 0.2, 0.5, 0.9, 1.0], n_examples=0), "positive"),
        (
            dict(score=[0.0, 0.2, 0.5, 0.9, 1.0], n_examples=100, ceiling=2.0),
            "fractions",
        ),
    ],
)
def test_binomial_fit_rejects_bad_input(kwargs, message):
    flops = np.geomspace(1e19, 1e25, 5)
    options = dict(floor=0.0, ceiling=1.0) | kwargs
    with pytest.raises(ValueError, match=message):
        em.fit_sigmoid(flops, **options)


def test_forecast_from_weaker_holds_out_the_strongest_models():
    flops = np.geomspace(1e19, 1e25, 11)
    truth = _logistic(flops, 21.5, 1.5)
    forecast = em.forecast_from_weaker(
        flops, truth, fraction=0.6, floor=0.0, ceiling=1.0
    )
    np.testing.assert_array_equal(forecast.fitted, flops <= np.quantile(flops, 0.6))
    assert forecast.fit.n_points == forecast.fitted.sum() == 7
    assert forecast.rmse == pytest.approx(
        0.0, abs=1e-6
    )  # a right-shaped curve forecasts exactly
    shuffled = np.random.default_rng(0).permutation(11)
    again = em.forecast_from_weaker(
        flops[shuffled], truth[shuffled], floor=0.0, ceiling=1.0
    )
    assert again.rmse == pytest.approx(forecast.rmse, abs=1e-6)


@pytest.mark.parametrize(
    "fraction, message",
    [(1.0, r"\(0, 1\)"), (0.0, r"\(0, 1\)"), ([0.5, 0.6], "single")],
)
def test_forecast_from_weaker_rejects_bad_fractions(fraction, message):
    flops = np.geomspace(1e19, 1e25, 11)
    with pytest.raises(ValueError, match=message):
        em.forecast_from_weaker(
            flops, _logistic(flops, 22, 2), fraction=fraction, floor=0.0, ceiling=1.0
        )
