"""The figure helpers of chapter 2: a curve beside its local slope, and prediction bands."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scalinglaws.fitting.extrapolation import (  # noqa: E402
    bootstrap_power_law,
    prediction_band,
)
from scalinglaws.plotting import power_laws  # noqa: E402


def test_the_slope_panel_shows_the_exponent_of_a_law_with_a_floor():
    x = np.geomspace(1e4, 1e10, 200)
    alpha, x0, E = 0.3, 1e4, 1.7
    y = E + (x0 / x) ** alpha
    fig, (ax_curve, ax_slope) = plt.subplots(1, 2)
    power_laws.local_slope_axes(ax_slope, "parameters N", si_x=True)
    slope = power_laws.plot_with_local_slope(ax_curve, ax_slope, x, y, color="C0")
    # Henighan et al. (2020): s = -alpha (L - E) / L.
    np.testing.assert_allclose(slope, -alpha * (y - E) / y, atol=1e-4)
    assert ax_slope.get_xscale() == "log" and ax_slope.get_yscale() == "linear"
    np.testing.assert_allclose(ax_slope.lines[0].get_ydata(), slope)
    np.testing.assert_allclose(ax_curve.lines[0].get_ydata(), y)
    plt.close(fig)


def test_bad_inputs_are_refused():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError):
        power_laws.local_slope_axes(ax, "")
    with pytest.raises(ValueError):
        power_laws.plot_with_local_slope(ax, ax, [1.0, 2.0, 3.0], [1.0, 0.5])
    plt.close(fig)


def test_a_band_is_its_estimate_and_its_shading():
    x = np.geomspace(1e5, 1e7, 10)
    y = (1e4 / x) ** 0.3 * np.exp(0.01 * np.sin(np.arange(10)))
    band = prediction_band(bootstrap_power_law(x, y, n_bootstrap=50), x)
    fig, ax = plt.subplots()
    power_laws.plot_band(ax, band, color="C1", label="fit")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), band.estimate)
    assert len(ax.collections) == 1
    plt.close(fig)
