"""The shared bootstrap: seeded resamples, percentile intervals, refits of any fit."""

import warnings

import numpy as np
import pytest

from scalinglaws.fitting import (
    BootstrapResult,
    bootstrap,
    fit_envelope,
    fit_isoflop,
    fit_power_law,
    percentile_interval,
    resample_indices,
)
from scalinglaws.laws import MUENNIGHOFF_2023_C4


def test_resample_indices_are_seeded_and_in_range():
    a = resample_indices(30, 200, seed=4)
    assert a.shape == (200, 30) and a.min() >= 0 and a.max() <= 29
    assert np.array_equal(a, resample_indices(30, 200, seed=4))
    assert not np.array_equal(a, resample_indices(30, 200, seed=5))
    # with replacement: some resamples repeat a point
    assert any(np.unique(row).size < 30 for row in a)


def test_percentile_interval_is_the_central_quantiles():
    samples = np.column_stack([np.arange(1001.0), np.r_[np.arange(1000.0), np.nan]])
    lo, hi = percentile_interval(samples, level=0.8)
    assert lo[0] == pytest.approx(100.0) and hi[0] == pytest.approx(900.0)
    assert np.isfinite(lo[1]) and np.isfinite(hi[1])  # NaN rows are ignored


def test_power_law_bootstrap_covers_the_truth_and_is_reproducible():
    rng = np.random.default_rng(0)
    x = np.geomspace(1e6, 1e10, 40)
    y = (1e8 / x) ** 0.3 * np.exp(rng.normal(0, 0.05, x.size))

    def run(seed):
        return bootstrap(
            fit_power_law,
            (x, y),
            n_bootstrap=300,
            seed=seed,
            stat_fn=lambda f: [f.alpha],
            names=["alpha"],
        )

    res = run(1)
    lo, hi = res.intervals["alpha"]
    assert lo < 0.3 < hi
    assert hi - lo < 0.05
    assert res.estimate[0] == pytest.approx(fit_power_law(x, y).alpha)
    # the bootstrap standard error is close to least squares' own
    slope_se = 0.05 / np.sqrt(np.sum((np.log(x) - np.log(x).mean()) ** 2))
    assert res.std("alpha") == pytest.approx(slope_se, rel=0.3)
    # Same seed, same resamples; the refits agree to rounding (BLAS may take another
    # path for differently aligned arrays), and another seed gives other samples.
    np.testing.assert_allclose(run(1).samples, res.samples, rtol=1e-10)
    assert not np.allclose(run(2).samples, res.samples)


def test_isoflop_fit_can_be_bootstrapped():
    law = MUENNIGHOFF_2023_C4
    N, C = [], []
    for budget in np.geomspace(1e18, 1e21, 6):
        n_opt, _ = law.compute_optimal(budget)
        N.append(np.geomspace(n_opt / 4, n_opt * 4, 12))
        C.append(np.full(12, budget))
    N, C = np.concatenate(N), np.concatenate(C)
    L = law.loss(N, C / (6 * N)) * np.exp(
        np.random.default_rng(2).normal(0, 0.002, N.size)
    )
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", RuntimeWarning
        )  # a resample may miss a budget's sizes
        res = bootstrap(
            fit_isoflop,
            (N, C, L),
            n_bootstrap=40,
            seed=0,
            stat_fn=lambda f: [f.a],
            names=["a"],
        )
    lo, hi = res.intervals["a"]
    assert lo < 0.5 < hi


def test_runs_with_whole_curves_can_be_resampled():
    sizes = np.geomspace(1e7, 1e10, 12)
    tokens = np.geomspace(1e8, 1e12, 60)
    flops = [6 * n * tokens for n in sizes]
    losses = [MUENNIGHOFF_2023_C4.loss(n, tokens) for n in sizes]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = bootstrap(
            lambda n, f, loss: fit_envelope(n, f, loss, n_grid=100),
            (sizes, flops, losses),
            n_bootstrap=10,
            stat_fn=lambda fit: [fit.a],
            names=["a"],
        )
    assert np.nanmax(np.abs(res.samples - 0.5)) < 0.1


def test_failed_refits_are_counted_and_warned():
    x = np.array([1.0, 1.0, 1.0, 2.0])  # most resamples have a single x
    y = np.array([1.0, 1.1, 0.9, 0.5])
    with pytest.warns(RuntimeWarning, match="failed"):
        res = bootstrap(
            fit_power_law, (x, y), n_bootstrap=50, seed=0, stat_fn=lambda f: [f.alpha]
        )
    assert res.n_failed > 0
    assert np.isnan(res.samples).any(axis=1).sum() == res.n_failed


def test_result_accessors():
    samples = np.random.default_rng(0).normal(size=(500, 2)) * [1.0, 3.0]
    res = BootstrapResult(names=("u", "v"), estimate=np.zeros(2), samples=samples)
    assert res.covariance().shape == (2, 2)
    assert res.std("v") == pytest.approx(3.0, rel=0.15)
    assert res.interval("u", level=0.5)[1] < res.interval("u")[1]
    with pytest.raises(ValueError, match="no bootstrap statistic"):
        res.std("w")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(fit_fn=42), "callable"),
        (dict(arrays=([1.0, 2.0, 3.0], [1.0, 2.0])), "same length"),
        (dict(n_bootstrap=0), "n_resamples"),
        (dict(seed=-1), "seed"),
        (dict(level=80), "level"),
        (dict(names=["a", "b", "c"]), "names"),
    ],
)
def test_bad_input_raises(kwargs, match):
    args = dict(
        fit_fn=fit_power_law,
        arrays=([1.0, 2.0, 4.0, 8.0], [4.0, 3.0, 2.0, 1.5]),
        n_bootstrap=5,
        seed=0,
        stat_fn=lambda f: [f.alpha, f.x0],
    )
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        bootstrap(**args)
