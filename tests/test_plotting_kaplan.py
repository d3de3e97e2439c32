"""Tests for scalinglaws.plotting.kaplan: the panels of Kaplan et al.'s laws."""

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import laws  # noqa: E402
from scalinglaws.plotting import kaplan as kaplan_plots  # noqa: E402

K = laws.KAPLAN_2020


@pytest.fixture
def axes3():
    fig, axes = plt.subplots(1, 3)
    yield axes
    plt.close(fig)


def test_joint_law_marks_the_data_requirement(axes3):
    sizes = [1e7, 1e9]
    kaplan_plots.plot_joint_law(axes3[:2], K, sizes)
    dots = [line for line in axes3[1].lines if line.get_marker() == "o"]
    assert len(dots) == 2
    # Each dot sits at eq. 4.4's requirement, on eq. 4.3's penalty.
    for dot, N in zip(dots, sizes):
        (D,), (penalty,) = dot.get_data()
        assert np.isclose(D, K.data_requirement(N))
        assert np.isclose(penalty, K.overfitting(N, D))
    with pytest.raises(ValueError):
        kaplan_plots.plot_joint_law(axes3, K, sizes)


def test_critical_batch_points_lie_on_eq_5_1(axes3):
    kaplan_plots.plot_critical_batch(axes3[:2], K, batch_ratios=(0.5, 2))
    (points,) = [line for line in axes3[1].lines if line.get_marker() == "o"]
    E, S = (np.asarray(v) for v in points.get_data())
    assert np.allclose((S - 1) * (E - 1), 1)
    with pytest.raises(ValueError):
        kaplan_plots.plot_critical_batch(axes3[:2], K, batch_ratios=(0, 1))


def test_frontier_draws_table6_and_the_given_frontier(axes3):
    c = np.geomspace(1e-6, 1e2, 5)
    frontier = {"N": K.optimal_n(c), "B": K.optimal_batch(c), "S": K.optimal_steps(c)}
    exponents = {"N": K.opt_p_N, "B": K.opt_p_B, "S": K.opt_p_S}
    kaplan_plots.plot_compute_efficient_frontier(
        axes3, K, c, frontier, exponents, (1e-6, 1e2)
    )
    for ax, key in zip(axes3, "NBS"):
        assert np.allclose(ax.lines[-1].get_ydata(), frontier[key])
    with pytest.raises(ValueError):
        kaplan_plots.plot_compute_efficient_frontier(
            axes3[:2], K, c, frontier, exponents, (1e-6, 1e2)
        )


def test_relative_residuals_in_percent(axes3):
    x = np.array([1e18, 1e19, 1e20])
    kaplan_plots.plot_relative_residuals(axes3[0], x, {"law": [0.01, -0.02, 0.0]})
    (points,) = axes3[0].collections
    assert np.allclose(points.get_offsets()[:, 1], [1, -2, 0])
    assert "rms 1.3%" in axes3[0].get_legend().get_texts()[0].get_text()
    with pytest.raises(ValueError):
        kaplan_plots.plot_relative_residuals(axes3[1], x, {"law": [0.01]})


def test_relative_residuals_report_the_largest_miss(axes3):
    x = np.array([1e18, 1e19, 1e20, 1e21])
    kaplan_plots.plot_relative_residuals(
        axes3[0], x, {"law": [0.01, -0.03, 0.0, 0.015]}, within=0.02, ylim=(-5, 5)
    )
    text = axes3[0].get_legend().get_texts()[0].get_text()
    assert "largest 3.0%" in text and "75% within 2%" in text
    assert axes3[0].get_ylim() == (-5, 5)


def test_learning_curve_envelope_draws_every_kth_curve(axes3):
    steps = np.geomspace(1, 1e12, 50)
    sizes = np.geomspace(1e3, 1e9, 7)
    curves = ([1e-15 * N * steps for N in sizes], [K.loss_ns(N, steps) for N in sizes])
    envelope = (np.geomspace(1e-3, 1e2, 5), np.linspace(5, 3, 5))
    n_before = len(axes3[0].lines)
    kaplan_plots.plot_learning_curve_envelope(
        axes3, K, curves, envelope, (1e-3, 1e2), every=3
    )
    drawn = [line.get_ydata() for line in axes3[0].lines[n_before:]]
    # Curves 0, 3 and 6 are drawn, each once, and the envelope is drawn.
    for k in (0, 3, 6):
        assert sum(np.array_equal(y, curves[1][k]) for y in drawn) == 1
    assert sum(np.array_equal(y, curves[1][1]) for y in drawn) == 0
    assert any(np.array_equal(y, envelope[1]) for y in drawn)
    assert axes3[0].get_ylim() == (2, 8)
    with pytest.raises(ValueError):
        kaplan_plots.plot_learning_curve_envelope(
            axes3, K, (curves[0], curves[1][:2]), envelope, (1e-3, 1e2)
        )
