"""Tests for scalinglaws.plotting.chinchilla: chapter 5's figures and tables."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import fitting, laws  # noqa: E402
from scalinglaws.fitting import replication  # noqa: E402
from scalinglaws.plotting import chinchilla  # noqa: E402

LAW = laws.HOFFMANN_2022_UNROUNDED
BUDGETS = (1e18, 1e19, 1e20)


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


@pytest.fixture(scope="module")
def isoflop_runs():
    """Five sizes around each budget's optimum, with losses exactly on the law."""
    rows = []
    for C in BUDGETS:
        N_opt, _ = LAW.compute_optimal(C)
        for N in N_opt * np.geomspace(0.25, 4, 5):
            rows.append((N, C, LAW.loss(N, C / (6 * N))))
    return tuple(np.array(column) for column in zip(*rows))


def test_isoflop_profiles_draw_one_parabola_per_budget(ax, isoflop_runs):
    fit = fitting.fit_isoflop(*isoflop_runs)
    chinchilla.plot_isoflop_profiles(ax, fit, *isoflop_runs, floor=LAW.E)
    assert len(ax.lines) == len(BUDGETS) + 1  # parabolas and the floor
    # The minima drawn are the law's own optima, which the parabolas recover.
    N_opt = LAW.compute_optimal(np.array(BUDGETS))[0]
    np.testing.assert_allclose(fit.N_opt, N_opt, rtol=0.05)


def test_isoflop_profiles_reject_unequal_runs(ax, isoflop_runs):
    fit = fitting.fit_isoflop(*isoflop_runs)
    N, C, L = isoflop_runs
    with pytest.raises(ValueError):
        chinchilla.plot_isoflop_profiles(ax, fit, N[:-1], C, L)


def test_envelope_draws_every_curve_and_the_envelope(ax):
    sizes = np.array([1e6, 4e6, 1.6e7])
    tokens = np.geomspace(1e7, 1e10, 12)
    curve_flops = [6 * n * tokens for n in sizes]
    curve_loss = [LAW.loss(n, tokens) for n in sizes]
    envelope = fitting.fit_envelope(
        sizes, curve_flops, curve_loss, flop_range=(1e15, 1e17)
    )
    chinchilla.plot_envelope(ax, sizes, curve_flops, curve_loss, envelope)
    # Three curves, one legend entry per size, the envelope and its legend entry.
    assert len(ax.lines) == 3 + 3 + 2
    with pytest.raises(ValueError):
        chinchilla.plot_envelope(ax, sizes[:2], curve_flops, curve_loss, envelope)


def test_published_models_ratio_to_the_optimum(ax):
    N, D = LAW.compute_optimal(5.76e23)
    models = pd.DataFrame(
        {"params": [N, 280e9], "tokens": [D, 300e9]}, index=["on", "Gopher"]
    )
    ratio = chinchilla.plot_published_models(
        ax, models, {"law": LAW, "Kaplan": "kaplan"}, named=["Gopher"]
    )
    assert ratio["on"] == pytest.approx(1.0)
    assert ratio["Gopher"] < 0.2  # 1 token per parameter against 59
    with pytest.raises(ValueError):
        chinchilla.plot_published_models(ax, models, {})


def test_subsample_interval_table_rescaled_is_twice_as_wide(isoflop_runs):
    N, C, L = isoflop_runs
    noisy = L * (1 + 0.002 * np.random.default_rng(0).standard_normal(L.size))
    statistics = fitting.allocation_statistics(1e21)
    refits = replication.subsample_refits(
        fitting.fit_isoflop, (N, C, noisy), n_subsamples=20, groups=C,
        stat_fn=statistics,
    )  # fmt: skip
    table = chinchilla.subsample_interval_table(refits, statistics.names)
    assert list(table.index[:3]) == ["a", "b", "N_opt at 1e+21"]
    assert table.loc["N_opt at 1e+21", "estimate"].endswith(("M", "B", "T"))
    low, high = map(float, table.loc["a", "rescaled (jackknife)"].split(" to "))
    raw_low, raw_high = map(float, table.loc["a", "80% subsamples (as Hoffmann)"].split(" to "))  # fmt: skip
    assert high - low > raw_high - raw_low


def test_allocation_summary_from_both_kinds_of_fit(isoflop_runs):
    fit = fitting.fit_isoflop(*isoflop_runs)
    statistics = fitting.allocation_statistics(1e19)
    spread = replication.subsample_refits(
        fitting.fit_isoflop,
        isoflop_runs,
        10,
        groups=isoflop_runs[1],
        stat_fn=statistics,
    ).rescaled
    parametric = SimpleNamespace(
        law=LAW, ci={"a": (0.45, 0.46), "tokens_per_parameter": (50.0, 70.0)}
    )
    summary = chinchilla.allocation_summary(
        {
            ("synthetic", "approach 2"): (fit, spread, 1e19),
            ("Hoffmann", "approach 3"): (parametric, None, 5.76e23),
        }
    )
    assert summary.loc[("Hoffmann", "approach 3"), "D/N"] == pytest.approx(
        58.93, abs=0.01
    )
    assert summary.loc[("synthetic", "approach 2"), "a"] == pytest.approx(fit.a)
    shown = chinchilla.format_allocation_summary(summary)
    assert shown.loc[("Hoffmann", "approach 3"), "a, 80%"] == "0.45 to 0.46"
    with pytest.raises(ValueError, match="log10 D/N"):
        chinchilla.allocation_summary({("x", "y"): (fit, spread, 1e20)})
