"""fit_isoflop (Hoffmann et al. 2022 Approach 2): recovery, CS336's data, bad input."""

import os
from pathlib import Path

import numpy as np
import pytest

from scalinglaws import datasets
from scalinglaws.fitting import fit_isoflop
from scalinglaws.laws import HOFFMANN_2022, MUENNIGHOFF_2023_C4

DATA_MIRROR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "github"


@pytest.fixture(autouse=True)
def _data_mirror(monkeypatch):
    if "SCALINGLAWS_DATA_MIRROR" not in os.environ:
        monkeypatch.setenv("SCALINGLAWS_DATA_MIRROR", str(DATA_MIRROR))


def isoflop_runs(law, budgets, sizes_per_budget=9, spread=8.0):
    """Runs on IsoFLOP profiles of ``law``: sizes log-spaced from N_opt/spread to N_opt*spread."""
    N, C = [], []
    for budget in budgets:
        n_opt, _ = law.compute_optimal(budget)
        sizes = np.geomspace(n_opt / spread, n_opt * spread, sizes_per_budget)
        N.append(sizes)
        C.append(np.full(sizes_per_budget, budget))
    N, C = np.concatenate(N), np.concatenate(C)
    return N, C, law.loss(N, C / (6 * N))


BUDGETS = np.geomspace(
    6e18, 3e21, 9
)  # Hoffmann et al. (2022) section 3.2: 9 budgets, 6e18 to 3e21


def test_parabola_recovers_the_allocation_exponents_of_a_known_law():
    # Muennighoff et al.'s C4 law has alpha = beta, so a = b = 0.5 exactly.
    N, C, L = isoflop_runs(
        MUENNIGHOFF_2023_C4, BUDGETS, sizes_per_budget=15, spread=3.0
    )
    fit = fit_isoflop(N, C, L)
    assert fit.method == "parabola"
    assert fit.a == pytest.approx(MUENNIGHOFF_2023_C4.a, abs=0.01)
    assert fit.b == pytest.approx(MUENNIGHOFF_2023_C4.b, abs=0.01)
    n_pred, _ = fit.predict(1e23)
    n_true, _ = MUENNIGHOFF_2023_C4.compute_optimal(1e23)
    assert n_pred == pytest.approx(n_true, rel=0.1)


def test_parabola_with_an_unequal_law_and_noise():
    rng = np.random.default_rng(0)
    N, C, L = isoflop_runs(HOFFMANN_2022, BUDGETS, sizes_per_budget=15, spread=3.0)
    L = L * np.exp(rng.normal(0, 0.001, L.size))
    fit = fit_isoflop(N, C, L)
    assert fit.a == pytest.approx(HOFFMANN_2022.a, abs=0.03)
    assert fit.a + fit.b == pytest.approx(1.0, abs=1e-9)  # D_opt = C / 6 N_opt


def test_lowest_run_picks_a_trained_size_and_tracks_the_truth():
    N, C, L = isoflop_runs(
        MUENNIGHOFF_2023_C4, BUDGETS, sizes_per_budget=25, spread=4.0
    )
    fit = fit_isoflop(N, C, L, method="lowest")
    assert np.all(np.isin(fit.N_opt, N))
    assert fit.a == pytest.approx(0.5, abs=0.03)
    assert fit.parabolas is None


def test_cs336_isoflops_both_variants():
    df = datasets.load("cs336_isoflops")
    for method in ("parabola", "lowest"):
        fit = fit_isoflop(df["N"], df["C"], df["loss"], method=method)
        assert fit.budgets.size == 9
        assert 0.4 < fit.a < 0.6 and fit.a + fit.b == pytest.approx(1.0, abs=1e-9)
        for budget in (1e23, 1e24):
            n_opt, d_opt = fit.predict(budget)
            assert 6 * n_opt * d_opt == pytest.approx(budget, rel=1e-9)
    lowest = fit_isoflop(df["N"], df["C"], df["loss"], method="lowest")
    assert np.all(np.isin(lowest.N_opt, df["N"]))


def test_budgets_read_off_a_plot_are_grouped_with_a_tolerance():
    N, C, L = isoflop_runs(
        MUENNIGHOFF_2023_C4, BUDGETS[:4], sizes_per_budget=7, spread=3.0
    )
    jitter = np.exp(np.random.default_rng(1).uniform(-0.01, 0.01, C.size))
    with pytest.raises(ValueError, match="distinct sizes"):
        fit_isoflop(N, C * jitter, L)  # every run its own "budget"
    fit = fit_isoflop(N, C * jitter, L, budget_rtol=0.05)
    assert fit.budgets.size == 4


def test_a_budget_without_a_minimum_is_dropped_with_a_warning():
    N, C, L = isoflop_runs(
        MUENNIGHOFF_2023_C4, BUDGETS[:3], sizes_per_budget=5, spread=3.0
    )
    first = C == C.min()
    L = L.copy()
    L[first] = (
        5.0 - (np.log(N[first]) - np.log(N[first]).mean()) ** 2
    )  # concave profile
    with pytest.warns(RuntimeWarning, match="opens downwards"):
        fit = fit_isoflop(N, C, L)
    assert fit.dropped_budgets == (pytest.approx(C.min()),)
    assert fit.budgets.size == 2


@pytest.mark.parametrize(
    "N, C, L, kwargs, match",
    [
        ([1e8] * 6, [1e19] * 3 + [1e20] * 3, [3.0] * 6, {}, "same N"),
        (
            [1e8, 2e8, 3e8, 1e8, 2e8],
            [1e19] * 3 + [1e20] * 3,
            [3.0] * 6,
            {},
            "same length",
        ),
        (
            [1e8, 2e8, 3e8, 1e8, 2e8, np.nan],
            [1e19] * 3 + [1e20] * 3,
            [3.0] * 6,
            {},
            "NaN",
        ),
        (
            [1e8, 2e8, 3e8, 1e8, 2e8, 3e8],
            [1e19] * 3 + [-1e20] * 3,
            [3.0] * 6,
            {},
            "positive",
        ),
        (
            [1e8, 2e8, 3e8],
            [1e19] * 3,
            [3.0, 2.9, 3.1],
            {"method": "lowest"},
            "at least 4",
        ),
        (
            [1e8, 2e8, 3e8, 4e8],
            [1e19] * 4,
            [3.0, 2.9, 3.0, 3.1],
            {"method": "lowest"},
            "two budgets",
        ),
        (
            [1e8, 2e8, 1e8, 2e8, 1e8, 2e8],
            [1e19] * 3 + [1e20] * 3,
            [3.0] * 6,
            {},
            "distinct sizes",
        ),
        (
            [1e8, 2e8, 3e8, 1e8, 2e8, 3e8],
            [1e19] * 3 + [1e20] * 3,
            [3.0] * 6,
            {"method": "vertex"},
            "method",
        ),
    ],
)
def test_bad_input_raises(N, C, L, kwargs, match):
    with pytest.raises(ValueError, match=match):
        fit_isoflop(N, C, L, **kwargs)
