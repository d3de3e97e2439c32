"""Tests for the back-test summaries of chapter 12: the scorecard and step 2's off-curve table."""

import numpy as np
import pandas as pd
import pytest

from scalinglaws.emergence import off_curve, scorecard
from scalinglaws.emergence.two_step import fit_two_step

E, C0, ALPHA = 1.7, 3e17, 0.3
MID, SLOPE, CHANCE = 2.2, 4.0, 0.25


def _loss(c):
    return E + (C0 / c) ** ALPHA


def _accuracy(loss):
    return CHANCE + (1 - CHANCE) / (1 + np.exp(SLOPE * (loss - MID)))


def test_scorecard_keeps_method_order_and_summarises_errors():
    table = pd.DataFrame(
        {
            "method": ["naive", "fit", "naive", "fit"],
            "error": [0.1, -0.2, -0.3, 0.0],
            "covered": [True, False, False, False],
        }
    )
    card = scorecard(table)
    assert list(card.index) == ["naive", "fit"]
    assert card.loc["naive", "mean_abs_error"] == pytest.approx(0.2)
    assert card.loc["naive", "mean_error"] == pytest.approx(-0.1)
    assert card.loc["naive", "coverage"] == pytest.approx(0.5)
    assert card.loc["fit", "forecasts"] == 2


def test_off_curve_is_zero_on_the_curve_and_sees_a_shift():
    flops = np.geomspace(1e19, 1e23, 8)
    grid = np.linspace(1.8, 4.0, 15)
    f = fit_two_step(flops, _loss(flops), grid, _accuracy(grid), floor=CHANCE)
    held = np.array([1.9, 2.1, 2.5])
    on = off_curve({"task": f}, held, pd.DataFrame({"task": _accuracy(held)}))
    assert list(on.index) == ["task"]
    np.testing.assert_allclose(on.to_numpy(), 0.0, atol=1e-5)
    above = off_curve({"task": f}, held, pd.DataFrame({"task": _accuracy(held) + 0.05}))
    assert above.loc["task", "held-out models: mean"] == pytest.approx(0.05, abs=1e-5)
    assert above.loc["task", "held-out models: RMS"] == pytest.approx(0.05, abs=1e-5)
