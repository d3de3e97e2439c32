"""fitting.replication: Hoffmann et al.'s subsample intervals, their rescaling, and Epoch's runs-needed argument."""

import warnings

import numpy as np
import pytest

from scalinglaws.fitting import BootstrapResult, bootstrap, fit_envelope, fit_isoflop
from scalinglaws.fitting.replication import (
    allocation_exponent_se,
    interval_width,
    rescale_subsample_spread,
    runs_for_interval_width,
    subsample_indices,
    subsample_refits,
)
from scalinglaws.laws import MUENNIGHOFF_2023_C4


def _mean(x):
    return float(np.mean(x))


# --- subsample_indices ------------------------------------------------------------------


def test_subsamples_are_distinct_seeded_and_the_right_size():
    idx = subsample_indices(240, 100, 0.8, seed=3)
    assert idx.shape == (100, 192)
    assert all(np.unique(row).size == 192 for row in idx)  # without replacement
    assert idx.min() >= 0 and idx.max() <= 239
    assert np.array_equal(idx, subsample_indices(240, 100, 0.8, seed=3))
    assert not np.array_equal(idx, subsample_indices(240, 100, 0.8, seed=4))
    # Over many subsamples every point is left out sometimes.
    assert np.unique(idx).size == 240


def test_grouped_subsamples_keep_the_share_of_every_group():
    groups = np.repeat([1e10, 3e10, 1e11, 3e11], [5, 5, 6, 4])
    idx = subsample_indices(groups.size, 50, 0.8, seed=0, groups=groups)
    for row in idx:
        kept = groups[row]
        assert [np.sum(kept == g) for g in (1e10, 3e10, 1e11, 3e11)] == [4, 4, 5, 3]


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((10, 5, 1.0), {}, "fraction"),
        ((10, 5, 0.0), {}, "fraction"),
        ((10, 5, 0.01), {}, "keeps 0 of 10"),
        ((10, 0, 0.8), {}, "n_subsamples"),
        ((10.5, 5, 0.8), {}, "n_points"),
        ((10, 5, 0.8), {"seed": -1}, "seed"),
        ((10, 5, 0.8), {"groups": [0, 1]}, "one label per point"),
        ((4, 5, 0.8), {"groups": [0, 0, 0, 1]}, "a group of 1 points"),
    ],
)
def test_subsample_indices_refuses_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        subsample_indices(*args, **kwargs)


# --- subsample_refits and its rescaling ---------------------------------------------------


def test_raw_subsample_spread_understates_the_sampling_spread_and_rescaling_fixes_it():
    rng = np.random.default_rng(0)
    x = rng.normal(0.0, 1.0, 400)
    true_se = x.std(ddof=1) / np.sqrt(x.size)
    res = subsample_refits(
        _mean, (x,), n_subsamples=4000, fraction=0.8, seed=1, names=["mean"]
    )
    assert (res.n_points, res.subsample_size) == (400, 320)
    assert res.raw.estimate[0] == pytest.approx(x.mean())
    # For a mean of 80% subsamples without replacement the spread is exactly
    # sqrt((1 - 0.8) / 0.8) = 1/2 of the standard error of the full mean.
    assert res.raw.std("mean") == pytest.approx(0.5 * true_se, rel=0.05)
    assert res.rescaled.std("mean") == pytest.approx(true_se, rel=0.05)
    assert res.rescaled.std("mean") == pytest.approx(2 * res.raw.std("mean"), rel=1e-9)
    assert np.allclose(
        res.rescaled.samples, rescale_subsample_spread(res.raw, 400, 320).samples
    )
    # ... and then agrees with the ordinary bootstrap.
    boot = bootstrap(_mean, (x,), n_bootstrap=4000, seed=1)
    assert res.rescaled.std("mean") == pytest.approx(boot.std("s0"), rel=0.06)


def test_isoflop_exponents_refit_on_subsamples_within_budgets():
    law = MUENNIGHOFF_2023_C4  # a = b = 0.5 exactly
    rng = np.random.default_rng(2)
    N, C = [], []
    for budget in np.geomspace(1e18, 1e21, 5):
        n_opt, _ = law.compute_optimal(budget)
        N.append(np.geomspace(n_opt / 8, n_opt * 8, 7))
        C.append(np.full(7, budget))
    N, C = np.concatenate(N), np.concatenate(C)
    L = law.loss(N, C / (6 * N)) * np.exp(rng.normal(0, 0.003, N.size))
    stat = lambda fit: (fit.a, fit.b)  # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter(
            "error"
        )  # no refit may fail: every budget keeps 6 of its 7 sizes
        res = subsample_refits(
            fit_isoflop,
            (N, C, L),
            n_subsamples=60,
            fraction=0.85,
            seed=0,
            groups=C,
            stat_fn=stat,
            names=["a", "b"],
        )
    assert res.raw.n_failed == 0 and res.subsample_size == 5 * 6
    assert res.raw.samples.shape == (60, 2)
    assert np.allclose(res.raw.samples.sum(axis=1), 1.0)  # a + b = 1 under C = 6ND
    lo, hi = res.raw.intervals["a"]
    assert lo < hi and abs(res.raw.estimate[0] - 0.5) < 0.05
    # Rescaling by sqrt(30 / 5) widens the interval about its estimate.
    wide_lo, wide_hi = res.rescaled.intervals["a"]
    assert wide_hi - wide_lo == pytest.approx(np.sqrt(6) * (hi - lo), rel=1e-9)


def test_runs_given_as_learning_curves_are_subsampled_whole():
    # Approach 1 refits take one curve per run; a subsample keeps whole curves.
    law = MUENNIGHOFF_2023_C4
    sizes = np.geomspace(1e7, 1e10, 10)
    tokens = np.geomspace(1e8, 1e12, 40)
    flops = [6 * n * tokens for n in sizes]
    losses = [law.loss(n, tokens) for n in sizes]
    res = subsample_refits(
        fit_envelope,
        (sizes, flops, losses),
        n_subsamples=20,
        seed=0,
        stat_fn=lambda fit: [fit.a],
        names=["a"],
    )
    assert res.subsample_size == 8 and res.raw.n_failed == 0
    assert res.raw.estimate[0] == pytest.approx(fit_envelope(sizes, flops, losses).a)
    assert np.all(np.abs(res.raw.samples[:, 0] - 0.5) < 0.1)  # the law's a is 0.5


def test_failed_refits_are_counted_and_warned():
    x = np.r_[np.linspace(-1.0, 1.0, 19), -3.0]

    def fit_without_outliers(v):
        # Stands for a fit that refuses some subsamples (e.g. an isoFLOP
        # budget left with too few sizes): here those that keep the outlier.
        if v.size < x.size and v.min() < -2.5:
            raise ValueError("refused")
        return float(v.mean())

    with pytest.warns(RuntimeWarning, match="subsample refits failed"):
        res = subsample_refits(fit_without_outliers, (x,), n_subsamples=200, seed=0)
    # The outlier is in 80% of the subsamples.
    assert res.raw.n_failed == pytest.approx(160, abs=25)
    assert np.isnan(res.raw.samples[:, 0]).sum() == res.raw.n_failed
    assert np.isnan(res.rescaled.samples[:, 0]).sum() == res.raw.n_failed


def test_subsample_refits_refuses_bad_input():
    with pytest.raises(ValueError, match="callable"):
        subsample_refits(None, (np.arange(5.0),))
    with pytest.raises(ValueError, match="same length"):
        subsample_refits(_mean, (np.arange(5.0), np.arange(6.0)))
    with pytest.raises(ValueError, match="names"):
        subsample_refits(_mean, (np.arange(10.0),), names=["a", "b"])
    with pytest.raises(ValueError, match="BootstrapResult"):
        rescale_subsample_spread("not a result", 10, 8)
    dummy = BootstrapResult(
        names=("x",), estimate=np.zeros(1), samples=np.zeros((3, 1))
    )
    with pytest.raises(ValueError, match="smaller than n_points"):
        rescale_subsample_spread(dummy, 10, 10)


# --- the delta method and the runs needed ---------------------------------------------------


def test_delta_method_matches_monte_carlo():
    alpha, beta = 0.3478, 0.3658  # Besiroglu et al. (2024) Table 1
    cov = np.array(
        [[0.0154**2, 0.8 * 0.0154 * 0.0206], [0.8 * 0.0154 * 0.0206, 0.0206**2]]
    )
    rng = np.random.default_rng(5)
    draws = rng.multivariate_normal([alpha, beta], cov, size=200_000)
    a = draws[:, 1] / draws.sum(axis=1)
    assert allocation_exponent_se(alpha, beta, cov) == pytest.approx(a.std(), rel=0.02)
    # Perfectly correlated proportional errors leave a unchanged.
    proportional = np.outer([alpha, beta], [alpha, beta]) * 0.01
    assert allocation_exponent_se(alpha, beta, proportional) == pytest.approx(
        0.0, abs=1e-8
    )


def test_interval_width_is_the_normal_quantile_range():
    assert interval_width(1.0, 0.8) == pytest.approx(2 * 1.2815516, rel=1e-6)
    assert interval_width(0.5, 0.95) == pytest.approx(1.959964, rel=1e-6)
    assert np.allclose(interval_width([1.0, 2.0]), [2.5631, 5.1262], rtol=1e-3)


def test_runs_needed_for_hoffmanns_interval():
    # Besiroglu et al. (2024): a 0.051-wide 80% interval from 240 runs
    # (published_numbers.md section 3.2) against Hoffmann et al.'s (0.454, 0.455).
    runs = runs_for_interval_width(0.051, 240, 0.455 - 0.454)
    assert runs == pytest.approx(240 * 51**2, rel=1e-6)
    assert runs > 600_000  # "over 600,000 experiments"
    # Halving a width takes four times the runs, whatever the start.
    assert runs_for_interval_width(2.0, 10, 1.0) == pytest.approx(40.0)
    assert np.allclose(runs_for_interval_width(0.1, 100, [0.1, 0.05]), [100, 400])


def test_the_width_shrinks_as_one_over_root_n():
    # The scaling runs_for_interval_width assumes, checked on a least-squares slope.
    rng = np.random.default_rng(8)

    def slope_se(n, reps=2000):
        x = np.linspace(0, 1, n)
        y = 0.5 * x + rng.normal(0, 0.1, (reps, n))
        return np.polyfit(x, y.T, 1)[0].std()

    ratio = slope_se(30) / slope_se(120)
    assert ratio == pytest.approx(2.0, rel=0.1)
    assert runs_for_interval_width(ratio, 30, 1.0) == pytest.approx(120, rel=0.2)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: allocation_exponent_se(0.0, 0.3, np.eye(2)), "alpha"),
        (lambda: allocation_exponent_se(0.3, 0.3, np.eye(3)), "2 x 2"),
        (
            lambda: allocation_exponent_se(0.3, 0.3, [[1.0, 0.5], [0.2, 1.0]]),
            "symmetric",
        ),
        (
            lambda: allocation_exponent_se(0.3, 0.3, [[1.0, 2.0], [2.0, 1.0]]),
            "semi-definite",
        ),
        (lambda: allocation_exponent_se([0.3, 0.4], 0.3, np.eye(2)), "single number"),
        (lambda: interval_width(-1.0), "se must be positive"),
        (lambda: interval_width(1.0, level=1.5), "level"),
        (lambda: runs_for_interval_width(0.05, 0, 0.001), "n_runs"),
        (lambda: runs_for_interval_width(0.05, 240, np.nan), "target_width"),
    ],
)
def test_bad_input_raises(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_epoch_refit_reproduces_besiroglu_et_al_and_is_shared():
    from scalinglaws.fitting.replication import epoch_refit
    from scalinglaws.laws import BESIROGLU_2024

    fit = epoch_refit(n_bootstrap=20)
    # Besiroglu et al. (2024), Table 1: E 1.8172, alpha 0.3478, beta 0.3658.
    assert fit.law.E == pytest.approx(BESIROGLU_2024.E, abs=0.005)
    assert fit.law.alpha == pytest.approx(BESIROGLU_2024.alpha, abs=0.005)
    assert fit.law.beta == pytest.approx(BESIROGLU_2024.beta, abs=0.005)
    lo, hi = fit.ci["a"]
    assert lo < fit.law.a < hi
    assert epoch_refit(n_bootstrap=20) is fit  # one fit per session, not one per call
    with pytest.raises(ValueError, match="n_bootstrap"):
        epoch_refit(n_bootstrap=0)
