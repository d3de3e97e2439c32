"""The allocation study recovers a known allocation from synthetic isoFLOP runs, under both countings."""

import numpy as np
import pandas as pd
import pytest

from scalinglaws.fitting import fit_isoflop
from scalinglaws.fitting.allocation_study import (
    allocation_study,
    effective_tokens,
    fit_isoflop_counted,
    stratified_resamples,
)
from scalinglaws.laws import ChinchillaLaw

# alpha = beta gives a = 0.5; A/B = 20^(-0.35) puts the optimum at 20 tokens per parameter.
ALPHA = BETA = 0.35
TRUTH = ChinchillaLaw(E=1.5, A=20.0**-0.35 * 400.0, B=400.0, alpha=ALPHA, beta=BETA)
BUDGETS = np.geomspace(1e11, 3.2e12, 5)


def synthetic_runs(embedding=lambda n: 0.0 * n, noise=0.0, seed=0):
    """An isoFLOP grid whose losses follow TRUTH in the non-embedding count."""
    rng = np.random.default_rng(seed)
    rows = []
    for C in BUDGETS:
        centre = TRUTH.compute_optimal(C)[0]
        for n in centre * 1.8 ** np.arange(-3, 4):
            D = C / (6 * n)
            tokens = D * np.geomspace(0.05, 1.0, 8)
            rows.append(
                {
                    "n_params_non_embedding": n,
                    "n_params": n + embedding(n),
                    "tokens": D,
                    "budget": C,
                    "final_loss": TRUTH.loss(n, D) + noise * rng.standard_normal(),
                    "flops_counted": 1.1 * 6 * n * D,
                    "curve_tokens": list(tokens),
                    "curve_loss": list(TRUTH.loss(n, tokens)),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def study():
    return allocation_study(synthetic_runs(), n_bootstrap=40, unique_tokens=1e300)


def test_each_approach_recovers_the_true_allocation(study):
    t = study.table.xs("non-embedding", level="counting")
    C = BUDGETS.max()
    truth = TRUTH.tokens_per_parameter(C)
    assert np.isclose(truth, 20.0)
    assert np.isclose(t.loc["parametric", "a"], 0.5, atol=0.005)
    assert np.isclose(t.loc["parametric", "tokens_per_parameter"], truth, rtol=0.02)
    assert np.isclose(t.loc["isoflop", "a"], 0.5, atol=0.02)
    assert np.isclose(t.loc["isoflop", "tokens_per_parameter"], truth, rtol=0.15)
    # The envelope can only pick the sizes trained (a factor 1.8 apart).
    assert np.isclose(t.loc["envelope", "a"], 0.5, atol=0.1)
    assert 10 < t.loc["envelope", "tokens_per_parameter"] < 40
    assert (t["a_lo"] <= t["a"] + 1e-9).all() and (t["a"] <= t["a_hi"] + 1e-9).all()
    # With an infinite stock of unique tokens, the repetition correction changes nothing.
    assert np.isclose(t.loc["parametric, D'", "a"], t.loc["parametric", "a"])


def test_without_an_embedding_the_two_countings_agree(study):
    t = study.table
    for approach in ("envelope", "isoflop", "parametric"):
        assert np.isclose(
            t.loc[(approach, "all"), "a"], t.loc[(approach, "non-embedding"), "a"]
        )
    assert np.allclose(study.flops["median"], 1.1)
    assert study.reference_budget == BUDGETS.max()


def test_an_embedding_that_shrinks_in_share_lowers_a_counted_with_all_parameters():
    # An embedding of 30 sqrt(N) parameters: a large share of small models, a small
    # share of large ones. Counting it makes the small optima bigger, so N_opt grows
    # more slowly with C (Pearce & Song 2024).
    runs = synthetic_runs(embedding=lambda n: 30.0 * np.sqrt(n))
    N_all, N_ne = runs["n_params"], runs["n_params_non_embedding"]
    fit_all = fit_isoflop_counted(
        N_all, runs["tokens"], runs["budget"], runs["final_loss"]
    )
    fit_ne = fit_isoflop_counted(
        N_ne, runs["tokens"], runs["budget"], runs["final_loss"]
    )
    assert fit_all.a < fit_ne.a - 0.01
    # Each profile's compute is 6 N D in the count used.
    assert np.all(fit_all.budgets > fit_ne.budgets)


def test_counted_isoflop_is_fit_isoflop_in_the_designed_count():
    runs = synthetic_runs(noise=0.01)
    N = runs["n_params_non_embedding"]
    ours = fit_isoflop_counted(N, runs["tokens"], runs["budget"], runs["final_loss"])
    theirs = fit_isoflop(N, runs["budget"], runs["final_loss"])
    assert np.allclose(ours.N_opt, theirs.N_opt)
    assert np.allclose(ours.budgets, theirs.budgets)
    assert np.isclose(ours.a, theirs.a)


def test_stratified_resamples_stay_within_their_groups():
    groups = np.repeat([1.0, 2.0, 3.0], [4, 5, 6])
    idx = stratified_resamples(groups, 200, seed=1)
    assert idx.shape == (200, 15)
    assert np.all(groups[idx] == groups[None, :])
    assert np.array_equal(idx, stratified_resamples(groups, 200, seed=1))


def test_effective_tokens_follow_muennighoff():
    U = 1e6
    D = np.array([5e5, 1e6, 4e6, 2e7])
    Dp = effective_tokens(D, U)
    assert np.allclose(Dp[:2], D[:2])
    R = D[2:] / U - 1
    assert np.allclose(Dp[2:], U + U * 15.387756 * (1 - np.exp(-R / 15.387756)))
    assert 0.9 < Dp[2] / D[2] < 1.0 and Dp[3] / D[3] < 0.6


def test_the_comparison_table_puts_the_published_rows_below(study):
    from scalinglaws import datasets
    from scalinglaws.fitting.allocation_study import compare_with_published

    table2 = datasets.load("chinchilla_table2")
    shown = compare_with_published(study, table2)
    assert len(shown) == len(study.table) + len(table2)
    kaplan = shown.xs("Kaplan et al. 2020", level="source")
    assert kaplan.iloc[0]["a (80% interval)"] == "0.73"
    assert kaplan.index.get_level_values("counting")[0] == "non-embedding"
    ours = shown.xs("Tiny Shakespeare (this book)", level="source")
    assert ours.iloc[0]["a (80% interval)"].startswith(
        f"{study.table['a'].iloc[0]:.2f} ("
    )
