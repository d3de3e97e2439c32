"""scalinglaws.fitting.floor: drifting exponents, compute frontiers, floors by range, diminishing returns."""

import numpy as np
import pytest
from scipy.optimize import brentq

from scalinglaws import laws
from scalinglaws.fitting import fit_power_law, floor
from scalinglaws.laws import SaturatingPowerLaw

# Henighan et al. (2020) Table 1, Image 8x8: L(C) = 3.13 + (C / 1.8e-8)^-0.19, C in PF-days.
IMAGE_8X8 = laws.HENIGHAN_2020["Image 8x8"].loss_c


# ------------------------------------------------------------------ sliding windows


def test_pure_fits_in_windows_follow_the_local_slope_of_a_floored_law():
    C = np.geomspace(1e-10, 1e-2, 65)
    windows = floor.sliding_fits(C, IMAGE_8X8.loss(C), decades=1.0)
    centre = windows.x_centre
    expected = IMAGE_8X8.alpha * IMAGE_8X8.reducible(centre) / IMAGE_8X8.loss(centre)
    np.testing.assert_allclose(windows.alpha, expected, rtol=0.02)
    assert np.all(np.diff(windows.alpha) < 0)  # the drift: smaller at larger C
    assert not windows.offset and np.all(windows.E == 0)
    assert np.all(windows.n_points == 9)  # one decade at 8 points per decade, both ends
    np.testing.assert_allclose(np.log10(windows.x_high / windows.x_low), 1.0)


def test_fits_with_the_offset_recover_the_law_in_every_window():
    C = np.geomspace(1e-10, 1e-2, 33)
    windows = floor.sliding_fits(C, IMAGE_8X8.loss(C), decades=2.0, offset=True)
    np.testing.assert_allclose(windows.alpha, IMAGE_8X8.alpha, rtol=1e-5)
    np.testing.assert_allclose(windows.E, IMAGE_8X8.E, rtol=1e-6)


def test_a_pure_power_law_has_no_drift():
    # Kaplan et al. (2020) eq. (1.1): alpha_N = 0.076, N_c = 8.8e13.
    N = np.geomspace(1e6, 1e11, 26)
    windows = floor.sliding_fits(N, laws.KAPLAN_2020.loss_n(N), decades=1.5)
    np.testing.assert_allclose(windows.alpha, 0.076, rtol=1e-9)


def test_sliding_fits_sort_their_input():
    C = np.geomspace(1e-8, 1e-4, 17)
    shuffled = np.random.default_rng(1).permutation(C.size)
    a = floor.sliding_fits(C, IMAGE_8X8.loss(C))
    b = floor.sliding_fits(C[shuffled], IMAGE_8X8.loss(C)[shuffled])
    np.testing.assert_allclose(
        a.alpha, b.alpha, rtol=1e-12
    )  # the same fits, to rounding


def test_sliding_fits_refuse_windows_without_enough_points():
    C = np.geomspace(1, 100, 5)
    with pytest.raises(ValueError, match="no window of 3 decades"):
        floor.sliding_fits(C, 1 / C, decades=3.0)
    with pytest.raises(ValueError, match="decades must be positive"):
        floor.sliding_fits(C, 1 / C, decades=0.0)
    with pytest.raises(ValueError, match="min_points must be an integer >= 3"):
        floor.sliding_fits(C, 1 / C, offset=True, min_points=2)


# ------------------------------------------------------------------ the frontier


def test_frontier_keeps_the_points_no_cheaper_point_beats():
    flops = [np.array([1.0, 2.0, 4.0, 8.0]), np.array([3.0, 6.0]), np.array([5.0])]
    losses = [np.array([5.0, 4.0, 3.5, 3.4]), np.array([3.8, 2.0]), np.array([3.0])]
    C, L = floor.loss_frontier(flops, losses)
    np.testing.assert_array_equal(C, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    np.testing.assert_array_equal(L, [5.0, 4.0, 3.8, 3.5, 3.0, 2.0])


def test_frontier_drops_ties_at_equal_loss_and_takes_the_best_at_equal_compute():
    C, L = floor.loss_frontier([[1.0, 2.0], [2.0, 3.0]], [[3.0, 2.5], [2.0, 2.0]])
    np.testing.assert_array_equal(C, [1.0, 2.0])
    np.testing.assert_array_equal(L, [3.0, 2.0])


def test_frontier_refuses_mismatched_curves():
    with pytest.raises(ValueError, match="same runs"):
        floor.loss_frontier([[1.0]], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="equal length"):
        floor.loss_frontier([[1.0, 2.0]], [[1.0]])
    with pytest.raises(ValueError, match="losses\\[0\\] must be positive"):
        floor.loss_frontier([[1.0]], [[0.0]])
    with pytest.raises(ValueError, match="no runs"):
        floor.loss_frontier([], [])


def _runs_on_a_law(law, ends, noise=0.0, seed=0, points=8):
    """Learning curves that reach the law at their last point and lie above it before.

    Each run's curve ends on the law; earlier points sit higher (an unfinished
    schedule), so the frontier is made of the runs' last points and of the parts
    of the curves that happen to lie below other runs.
    """
    rng = np.random.default_rng(seed)
    flops, losses = [], []
    for end in ends:
        c = np.geomspace(end / 100, end, points)
        excess = 1.0 + 0.3 * (
            1 - c / end
        )  # 30% above the law at the start, on it at the end
        noisy = np.exp(noise * rng.standard_normal(points))
        flops.append(c)
        losses.append(law.loss(c) * excess * noisy)
    return flops, losses


def test_compute_curves_count_six_flops_per_parameter_and_token():
    pd = pytest.importorskip("pandas")
    runs = pd.DataFrame(
        {
            "n_params_non_embedding": [10, 1000],
            "curve_tokens": [[1, 2], [5]],
            "curve_loss": [[3.0, 2.5], [2.0]],
        }
    )
    flops, losses = floor.compute_curves(runs)
    np.testing.assert_allclose(flops[0], [60.0, 120.0])
    np.testing.assert_allclose(flops[1], [30_000.0])
    np.testing.assert_allclose(losses[0], [3.0, 2.5])
    C, L = floor.loss_frontier(flops, losses)
    np.testing.assert_allclose(L, [3.0, 2.5, 2.0])


def test_frontier_floor_of_exact_runs_is_the_law():
    law = SaturatingPowerLaw(x0=1e6, alpha=0.4, E=1.2)
    flops, losses = _runs_on_a_law(law, np.geomspace(1e8, 1e13, 21))
    fit = floor.fit_frontier_floor(
        [c[-1:] for c in flops], [loss[-1:] for loss in losses]
    )
    assert fit.E == pytest.approx(1.2, rel=1e-6)
    assert fit.alpha == pytest.approx(0.4, rel=1e-6)
    # The flop_range keeps only frontier points inside it.
    part = floor.fit_frontier_floor(
        [c[-1:] for c in flops], [loss[-1:] for loss in losses], flop_range=(1e10, 1e13)
    )
    assert part.E == pytest.approx(1.2, rel=1e-6)
    with pytest.raises(ValueError, match="needs at least 3"):
        floor.fit_frontier_floor(flops, losses, flop_range=(5e12, 2e13))
    with pytest.raises(ValueError, match="high > low"):
        floor.fit_frontier_floor(flops, losses, flop_range=(1e12, 1e10))


# ------------------------------------------------------------------ floors by range


def test_floor_by_range_narrows_onto_the_floor_as_the_range_grows():
    law = SaturatingPowerLaw(x0=1e6, alpha=0.5, E=1.0)
    ends = np.geomspace(1e7, 1e12, 16)
    flops, losses = _runs_on_a_law(law, ends, noise=0.003, seed=2)
    finals = ([c[-1:] for c in flops], [loss[-1:] for loss in losses])
    scan = floor.floor_by_range(*finals, 1e7, [1e9, 1e12], n_bootstrap=60, seed=0)
    widths = scan.E_high - scan.E_low
    assert widths[1] < widths[0] < 0.05
    # Close, but not exactly on it: among nearly equal noisy points near the floor the
    # frontier keeps the lucky low ones, which pulls the fitted floor down a little.
    assert abs(scan.E[-1] - 1.0) < 0.005
    np.testing.assert_allclose(scan.decades, [2.0, 5.0])
    assert scan.level == 0.8 and np.all(scan.n_failed <= 60)
    again = floor.floor_by_range(*finals, 1e7, [1e9, 1e12], n_bootstrap=60, seed=0)
    np.testing.assert_allclose(
        scan.E_low, again.E_low, rtol=1e-10
    )  # seeded; refits agree to rounding


def test_floor_by_range_refuses_bad_ranges():
    law = SaturatingPowerLaw(x0=1e6, alpha=0.5, E=1.0)
    flops, losses = _runs_on_a_law(law, np.geomspace(1e8, 1e10, 5))
    with pytest.raises(ValueError, match="each > min_flops"):
        floor.floor_by_range(flops, losses, 1e9, [1e8])
    with pytest.raises(ValueError, match="n_bootstrap must be an integer >= 1"):
        floor.floor_by_range(flops, losses, 1e6, [1e10], n_bootstrap=0)
    with pytest.raises(ValueError, match="level"):
        floor.floor_by_range(flops, losses, 1e6, [1e10], level=80)


def test_simulated_floor_intervals_shrink_with_more_decades():
    law = SaturatingPowerLaw(x0=1.0, alpha=1.0, E=1.0)
    sim = floor.simulated_floor_intervals(
        law, 1.0, [0.5, 2.0], noise=0.01, n_sims=30, seed=0
    )
    widths = sim.E_high - sim.E_low
    assert widths[1] < widths[0] / 3
    assert sim.covers(1.0)[1]
    assert abs(np.median(sim.E[1]) - 1.0) < 0.01
    assert abs(sim.alpha[1] - 1.0) < 0.1
    np.testing.assert_allclose(sim.decades, [0.5, 2.0])
    again = floor.simulated_floor_intervals(
        law, 1.0, [0.5, 2.0], noise=0.01, n_sims=30, seed=0
    )
    np.testing.assert_allclose(
        sim.E, again.E, rtol=1e-10
    )  # seeded; refits agree to rounding


def test_simulated_floor_intervals_refuse_bad_input():
    with pytest.raises(ValueError, match="SaturatingPowerLaw"):
        floor.simulated_floor_intervals(laws.HOFFMANN_2022, 1.0, [1.0])
    law = SaturatingPowerLaw(x0=1.0, alpha=1.0, E=1.0)
    with pytest.raises(ValueError, match="noise must be positive"):
        floor.simulated_floor_intervals(law, 1.0, [1.0], noise=0.0)
    with pytest.raises(ValueError, match="decades must be positive"):
        floor.simulated_floor_intervals(law, 1.0, [-1.0])
    with pytest.raises(ValueError, match="n_sims"):
        floor.simulated_floor_intervals(law, 1.0, [1.0], n_sims=1)


# ------------------------------------------------------------------ diminishing returns


def test_frontier_exponent_is_that_of_the_compute_optimal_loss():
    for law in laws.CHINCHILLA_FORM_LAWS.values():
        exponent = floor.frontier_reducible_exponent(law)
        assert exponent == pytest.approx(law.alpha * law.beta / (law.alpha + law.beta))
        C = np.array([1e20, 1e24])
        reducible = law.loss_at_optimum(C) - law.E
        slope = -np.diff(np.log(reducible)) / np.diff(np.log(C))
        assert slope[0] == pytest.approx(exponent, rel=1e-9)
    # Hoffmann et al. (2022) eq. (10): 0.34 * 0.28 / 0.62.
    assert floor.frontier_reducible_exponent(laws.HOFFMANN_2022) == pytest.approx(
        0.1535484, rel=1e-6
    )


def test_multiplier_halves_the_reducible_loss_anywhere_on_the_curve():
    m = floor.scale_multiplier_to_divide_reducible(IMAGE_8X8)
    assert m == pytest.approx(2 ** (1 / 0.19))
    for C in (1e-6, 1.0, 1e3):
        assert IMAGE_8X8.reducible(m * C) == pytest.approx(IMAGE_8X8.reducible(C) / 2)
    m10 = floor.scale_multiplier_to_divide_reducible(IMAGE_8X8, factor=10.0)
    assert IMAGE_8X8.reducible(m10) == pytest.approx(IMAGE_8X8.reducible(1.0) / 10)


def test_multiplier_for_a_chinchilla_law_matches_a_numerical_solution():
    law = laws.BESIROGLU_2024
    C0 = 5.88e23  # 6 x 70e9 x 1.4e12, Chinchilla's own training compute
    target = (law.loss_at_optimum(C0) - law.E) / 2
    C_half = brentq(
        lambda c: law.loss_at_optimum(c) - law.E - target, C0, 1e6 * C0, rtol=1e-13
    )
    assert floor.scale_multiplier_to_divide_reducible(law) == pytest.approx(
        C_half / C0, rel=1e-8
    )


def test_multiplier_refuses_bad_input():
    with pytest.raises(ValueError, match="factor must be > 1"):
        floor.scale_multiplier_to_divide_reducible(IMAGE_8X8, factor=1.0)
    with pytest.raises(ValueError, match="SaturatingPowerLaw or a ChinchillaLaw"):
        floor.scale_multiplier_to_divide_reducible(laws.KAPLAN_2020)
    with pytest.raises(ValueError, match="ChinchillaLaw"):
        floor.frontier_reducible_exponent(IMAGE_8X8)


def test_a_fit_without_offset_underestimates_the_exponent_of_a_floored_law():
    # The chapter's opening claim, on exact data: leaving E out lowers alpha.
    C = np.geomspace(1e-8, 1e-2, 25)
    assert fit_power_law(C, IMAGE_8X8.loss(C)).alpha < IMAGE_8X8.alpha / 3
