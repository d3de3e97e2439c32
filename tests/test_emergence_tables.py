"""Tests for scalinglaws.emergence.tables: chapter 7's tables hold what the library computes."""

import numpy as np
import pandas as pd
import pytest

from scalinglaws import emergence


def test_score_table_puts_the_emergence_score_before_the_values():
    curves = {"smooth": [0.1, 0.2, 0.3, 0.4], "jump": [0.0, 0.0, 0.0, 1.0]}
    table = emergence.score_table(curves, ["a", "b", "c", "d"])
    assert list(table.columns) == ["emergence score", "a", "b", "c", "d"]
    assert table.loc["smooth", "emergence score"] == pytest.approx(
        emergence.emergence_score(curves["smooth"])
    )
    assert np.isinf(table.loc["jump", "emergence score"])
    np.testing.assert_allclose(table.loc["smooth", "a":], curves["smooth"])


def test_scores_by_family_orders_each_family_by_scale():
    frame = pd.DataFrame(
        {
            "Model Family": ["A", "A", "A", "A", "B", "B", "B"],
            "flops": [4e21, 1e21, 3e21, np.nan, 1e22, 2e22, 3e22],
            "em": [0.3, 0.0, 0.0, 0.9, 0.1, 0.2, 0.4],
        }
    )
    table = emergence.scores_by_family(frame, ["B", "A"], {"exact": "em"})
    assert list(table.index) == ["B", "A"]
    assert table.loc["A", "models"] == 3  # the model without compute is dropped
    assert table.loc["A", "exact, first"] == 0.0
    assert table.loc["A", "exact, last"] == 0.3
    assert table.loc["A", "exact, largest"] == 0.3
    assert table.loc["B", "exact: emergence score"] == pytest.approx(
        emergence.emergence_score([0.1, 0.2, 0.4])
    )


def test_holdout_rmse_table_matches_forecast_from_weaker():
    rng = np.random.default_rng(0)
    x = np.geomspace(1e20, 1e24, 12)
    u = np.log10(x)
    frame = pd.DataFrame(
        {
            "flops": x,
            "capability": u - 22 + 0.01 * rng.standard_normal(12),
            "task": 1 / (1 + np.exp(-3 * (u - 22))),
        }
    )
    frame.loc[0, "capability"] = np.nan
    coordinates = {"compute": ("flops", True), "capability": ("capability", False)}
    options = dict(fraction=0.6, floor=0.0, ceiling=1.0, on_failure="ignore")
    table = emergence.holdout_rmse_table(frame, ["task"], coordinates, **options)
    assert table.loc["task", "models"] == 11
    both = frame.dropna()
    expected = emergence.forecast_from_weaker(
        both["flops"], both["task"], log_scale=True, **options
    ).rmse
    assert table.loc["task", "held-out RMSE, compute"] == pytest.approx(expected)
