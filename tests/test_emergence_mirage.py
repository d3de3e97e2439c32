"""Tests for the mirage argument (p^L), test-set resolution and the emergence score."""

import numpy as np
import pytest

from scalinglaws import emergence as em
from scalinglaws.laws import SaturatingPowerLaw


def test_schaeffer_section_2_formulas():
    # Schaeffer et al. (2023), Sec. 2: L_CE(N) = (N/c)^alpha with alpha < 0,
    # p = exp(-L_CE), Accuracy = p^L, Token Edit Distance = L (1 - p).
    c, alpha = 3e8, -0.3
    model = em.MirageModel(SaturatingPowerLaw(x0=c, alpha=-alpha))
    N = np.geomspace(1e7, 1e12, 11)
    ce = (N / c) ** alpha
    np.testing.assert_allclose(model.cross_entropy(N), ce)
    np.testing.assert_allclose(model.token_probability(N), np.exp(-ce))
    for length in (1, 3, 5):
        np.testing.assert_allclose(model.exact_match(N, length), np.exp(-ce) ** length)
        np.testing.assert_allclose(
            model.token_edit_distance(N, length), length * (1 - np.exp(-ce))
        )


def test_exact_match_of_one_token_is_the_token_probability():
    p = np.linspace(0, 1, 7)
    np.testing.assert_allclose(em.exact_match_from_token_probability(p, 1), p)
    np.testing.assert_allclose(em.edit_distance_from_token_probability(p, 1), 1 - p)


def test_longer_answers_look_more_emergent():
    # The same smooth per-token curve scored by exact match over more tokens gives a
    # sharper-looking curve: a larger emergence score over the same model sizes.
    model = em.MirageModel(SaturatingPowerLaw(x0=1e9, alpha=0.35))
    N = np.geomspace(1e6, 1e13, 15)
    scores = [em.emergence_score(model.exact_match(N, L)) for L in (1, 2, 5, 10)]
    assert scores == sorted(scores) and scores[-1] > 2 * scores[0]
    smooth = em.emergence_score(-model.token_edit_distance(N, 10))
    assert smooth < scores[-1]


def test_scale_at_exact_match_inverts_the_curve_and_moves_right_with_length():
    model = em.MirageModel(SaturatingPowerLaw(x0=1e9, alpha=0.5, E=0.01))
    for length in (1, 4, 16):
        N_half = model.scale_at_exact_match(0.5, length)
        assert model.exact_match(N_half, length) == pytest.approx(0.5)
    pure = em.MirageModel(SaturatingPowerLaw(x0=1e9, alpha=0.5))
    ratio = pure.scale_at_exact_match(0.5, 8) / pure.scale_at_exact_match(0.5, 1)
    assert ratio == pytest.approx(8 ** (1 / 0.5))  # L^(1/|alpha|)
    # with a floor on the loss, a high accuracy over many tokens is out of reach
    assert model.scale_at_exact_match(0.9, 100) == np.inf


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: em.exact_match_from_token_probability(1.2, 3), r"\[0, 1\]"),
        (lambda: em.exact_match_from_token_probability(0.5, 2.5), "whole number"),
        (lambda: em.exact_match_from_token_probability(0.5, 0), "positive"),
        (lambda: em.edit_distance_from_token_probability(-0.1, 3), ">= 0"),
        (lambda: em.token_probability_from_loss(-1.0), ">= 0"),
        (lambda: em.MirageModel((1e9, 0.5)), "SaturatingPowerLaw"),
        (
            lambda: em.MirageModel(SaturatingPowerLaw(1e9, 0.5)).exact_match(-5, 3),
            "positive",
        ),
        (
            lambda: em.MirageModel(SaturatingPowerLaw(1e9, 0.5)).scale_at_exact_match(
                1.0, 3
            ),
            r"\(0, 1\)",
        ),
    ],
)
def test_mirage_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_resolution_limit_and_probability_of_reading_zero():
    assert em.resolution_limit(500) == pytest.approx(0.002)
    assert em.probability_of_reading_zero(0.0, 500) == 1.0
    assert em.probability_of_reading_zero(1e-2, 100) == pytest.approx(0.99**100)
    # a model at a tenth of the resolution limit reads as zero about 90% of the time
    assert em.probability_of_reading_zero(1e-4, 1000) == pytest.approx(
        np.exp(-0.1), rel=1e-3
    )


def test_measured_accuracy_is_on_the_grid_of_1_over_n_and_unbiased():
    n = 200
    got = em.measured_accuracy(np.full(4000, 0.03), n, rng=0)
    np.testing.assert_allclose(got * n, np.round(got * n))
    assert got.mean() == pytest.approx(0.03, abs=0.002)
    # Exact by construction: integer counts divided by n.
    np.testing.assert_array_equal(
        em.measured_accuracy(np.array([0.0, 1.0]), n, rng=1), [0.0, 1.0]
    )
    np.testing.assert_array_equal(
        em.measured_accuracy([0.2, 0.5], 50, rng=3),
        em.measured_accuracy([0.2, 0.5], 50, rng=3),
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: em.resolution_limit(0), "positive"),
        (lambda: em.resolution_limit(10.5), "whole number"),
        (lambda: em.measured_accuracy(1.5, 10, rng=0), r"\[0, 1\]"),
        (lambda: em.probability_of_reading_zero(np.nan, 10), "NaN"),
    ],
)
def test_resolution_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_emergence_score_formula():
    # Schaeffer et al. (2023), Sec. 4: sign(argmax - argmin) (max - min) / sqrt(median (y_i - y_{i-1})^2)
    y = np.array([0.02, 0.01, 0.05, 0.03, 0.6, 0.9])
    steps = np.diff(y)
    expected = (y.max() - y.min()) / np.sqrt(np.median(steps**2))
    assert em.emergence_score(y) == pytest.approx(expected)
    assert em.emergence_score(y[::-1]) == pytest.approx(
        -expected
    )  # falling curves score negative


def test_emergence_score_known_answers():
    assert em.emergence_score([0.1, 0.2, 0.3, 0.4]) == pytest.approx(
        3.0
    )  # n-1 equal steps
    assert em.emergence_score([0.3, 0.3, 0.3]) == 0.0
    assert em.emergence_score([0.0, 0.0, 0.0, 1.0]) == np.inf
    assert em.emergence_score([1.0, 0.0, 0.0, 0.0]) == -np.inf
    # a linear rise of n points always scores n - 1, whatever its slope
    for n in (3, 7, 20):
        assert em.emergence_score(np.linspace(0, 5, n)) == pytest.approx(n - 1)


def test_emergence_score_sorts_by_scale_when_given():
    scale = np.array([1e10, 1e8, 1e9, 1e11])
    y = np.array([0.3, 0.1, 0.2, 0.4])
    assert em.emergence_score(y, scale) == pytest.approx(3.0)
    assert em.emergence_score(y) != pytest.approx(3.0)


@pytest.mark.parametrize(
    "scores, scale, message",
    [
        ([0.1, 0.2], None, "at least 3"),
        ([0.1, np.nan, 0.3], None, "NaN"),
        ([0.1, 0.2, 0.3], [1, 2], "same length"),
        ([[0.1, 0.2, 0.3]], None, "1-D"),
    ],
)
def test_emergence_score_rejects_bad_input(scores, scale, message):
    with pytest.raises(ValueError, match=message):
        em.emergence_score(scores, scale)


def test_emergence_scale_interpolates_in_log_scale():
    assert em.emergence_scale([1e9, 1e10, 1e11], [0.0, 0.2, 0.8], 0.5) == pytest.approx(
        10**10.5
    )
    assert em.emergence_scale([1e9, 1e10], [0.0, 0.5], 0.5) == pytest.approx(1e10)
    assert (
        em.emergence_scale([1e9, 1e10], [0.6, 0.9], 0.5) == 1e9
    )  # emerged at or before the smallest
    assert np.isnan(em.emergence_scale([1e9, 1e10], [0.0, 0.1], 0.5))
    # unsorted input is put in order of scale first
    assert em.emergence_scale([1e11, 1e9, 1e10], [0.8, 0.0, 0.2], 0.5) == pytest.approx(
        10**10.5
    )


@pytest.mark.parametrize(
    "scale, scores, threshold, message",
    [
        ([0, 1e9], [0.1, 0.2], 0.5, "positive"),
        ([1e9], [0.1], 0.5, "at least 2"),
        ([1e9, 1e10], [0.1, 0.2], [0.5, 0.6], "single number"),
    ],
)
def test_emergence_scale_rejects_bad_input(scale, scores, threshold, message):
    with pytest.raises(ValueError, match=message):
        em.emergence_scale(scale, scores, threshold)


def test_emergence_scale_handles_many_curves_at_once():
    scale = np.array([1e9, 1e10, 1e11])
    curves = np.array(
        [[0.0, 0.6, 0.1], [0.2, 0.9, 0.2], [0.8, 1.0, 0.3]]
    )  # columns are curves
    got = em.emergence_scale(scale, curves, 0.5)
    assert got.shape == (3,)
    assert got[0] == pytest.approx(10**10.5)
    assert got[1] == 1e9
    assert np.isnan(got[2])
    for column in range(3):
        # One curve or many: the same interpolation, to rounding.
        np.testing.assert_allclose(
            em.emergence_scale(scale, curves[:, column], 0.5), got[column], rtol=1e-12
        )
