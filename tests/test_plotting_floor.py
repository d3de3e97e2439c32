"""Tests for scalinglaws.plotting.floor: chapter 4's figures draw what they are given."""

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import fitting, laws  # noqa: E402
from scalinglaws.fitting import floor  # noqa: E402
from scalinglaws.plotting import BOOK_COLOURS  # noqa: E402
from scalinglaws.plotting import floor as floor_figures  # noqa: E402

TRUTH = laws.SaturatingPowerLaw(x0=1e8, alpha=0.5, E=1.0)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _runs():
    """Three noiseless learning curves of a law with floor 1, and their fits."""
    flops = [np.geomspace(1e8, top, 8) for top in (1e10, 1e11, 1e12)]
    losses = [TRUTH.loss(c) for c in flops]
    C, L = floor.loss_frontier(flops, losses)
    fits = {
        "pure": fitting.fit_power_law(C, L),
        "offset": fitting.fit_power_law(C, L, offset=True),
    }
    return flops, losses, C, L, fits


def test_frontier_fits_draw_one_panel_per_source_with_the_exact_floor():
    flops, losses, _, _, fits = _runs()
    curves = {"a": (flops, losses), "b": (flops, losses)}
    fig = floor_figures.plot_frontier_fits(
        curves, {"a": 1e8, "b": 1e9}, {"a": fits, "b": fits}, {"a": 1.0, "b": 1.0}
    )
    assert len(fig.axes) == 2
    for ax in fig.axes:
        floors = [line for line in ax.get_lines() if list(line.get_ydata()) == [1, 1]]
        assert len(floors) == 1
        assert ax.get_xscale() == ax.get_yscale() == "log"


def test_exponent_drift_draws_the_local_slope_of_the_fit_with_a_floor():
    _, _, C, L, fits = _runs()
    windows = floor.sliding_fits(C, L, decades=1.0)
    fig = floor_figures.plot_exponent_drift(
        {"a": windows, "b": windows},
        {"a": fits["offset"], "b": fits["offset"]},
        {"a": (C.min(), C.max()), "b": (C.min(), C.max())},
    )
    line = fig.axes[0].get_lines()[1]
    x, y = line.get_data()
    offset = fits["offset"]
    expected = offset.alpha * (offset.predict(x) - offset.E) / offset.predict(x)
    np.testing.assert_allclose(y, expected)


def test_floor_scans_and_simulations_and_laws_draw_without_error():
    scan = floor.FloorScan(
        x_low=np.array([1e8, 1e8]),
        x_high=np.array([1e10, 1e11]),
        E=np.array([0.9, 0.95]),
        E_low=np.array([0.8, 0.9]),
        E_high=np.array([1.0, 0.99]),
        alpha=np.array([0.5, 0.5]),
        n_failed=np.array([0, 0]),
        level=0.8,
    )
    fig = floor_figures.plot_floor_scans(
        {"a": scan, "b": scan}, {"a": 1, "b": 1}, {"a": 1e8, "b": 1e8}
    )
    labels = [text.get_text() for text in fig.legends[0].get_texts()]
    assert "fitted floor, 80% bootstrap interval" in labels
    simulated = {
        0.5: (np.array([1.0, 2.0]), np.array([0.3, 0.03]), np.array([0.2, 0.02]))
    }
    fig = floor_figures.plot_simulated_widths(simulated, reached={"runs": 0.05})
    assert fig.axes[1].get_xlim()[0] > fig.axes[1].get_xlim()[1]  # reversed
    fig = floor_figures.plot_compute_laws({"x": TRUTH}, (1e6, 1e12))
    assert fig.axes[0].get_lines()[0].get_color() == BOOK_COLOURS[0]
    fig = floor_figures.plot_optimal_loss(
        [laws.BESIROGLU_2024], (1e20, 1e26), mark=1e23, mark_label="here"
    )
    assert fig.axes[0].texts[0].get_text() == "here"
