"""Tests of scalinglaws.planning.reconcile: Pearce & Song's non-embedding frontier and Porian et al.'s sequence."""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from scalinglaws import compute, laws
from scalinglaws.planning import reconcile

EPOCH = laws.BESIROGLU_2024
GAMMA = compute.PEARCE_SONG_GAMMA


def test_non_embedding_from_total_inverts_pearce_song():
    N_E = np.geomspace(10.0, 1e13, 25)
    N_T = compute.total_from_non_embedding(N_E)
    assert np.allclose(reconcile.non_embedding_from_total(N_T), N_E, rtol=1e-10)
    # Scalars in, scalar out.
    assert isinstance(reconcile.non_embedding_from_total(1e9 + GAMMA * 1e3), float)
    assert reconcile.non_embedding_from_total(1e9 + GAMMA * 1e3) == pytest.approx(
        1e9, rel=1e-12
    )


@pytest.mark.parametrize(
    "law", list(laws.CHINCHILLA_FORM_LAWS.values()), ids=list(laws.CHINCHILLA_FORM_LAWS)
)
def test_budget_of_each_size_is_where_a_direct_search_puts_the_optimum(law):
    # Independent check: minimise L(N_T(N_E), C_E / 6 N_E) over N_E numerically.
    for N_E in (1e3, 1e6, 1e9):
        C_E = reconcile.optimal_budget_non_embedding(law, N_E)

        def loss(log_n):
            return law.loss(
                compute.total_from_non_embedding(np.exp(log_n)),  # noqa: E731
                C_E / (6 * np.exp(log_n)),
            )

        found = minimize_scalar(
            loss,
            bounds=(np.log(N_E) - 5, np.log(N_E) + 5),
            method="bounded",
            options={"xatol": 1e-10},
        )
        assert np.exp(found.x) == pytest.approx(N_E, rel=1e-4)


@pytest.mark.parametrize(
    "law", list(laws.CHINCHILLA_FORM_LAWS.values()), ids=list(laws.CHINCHILLA_FORM_LAWS)
)
def test_frontier_is_monotone_so_every_budget_has_one_optimum(law):
    N_E = np.geomspace(1e-3, 1e16, 4000)
    assert np.all(np.diff(np.log(reconcile.optimal_budget_non_embedding(law, N_E))) > 0)


def test_optimum_inverts_the_budget_map():
    N_E = np.geomspace(100.0, 1e12, 30)
    C_E = reconcile.optimal_budget_non_embedding(EPOCH, N_E)
    assert np.allclose(reconcile.non_embedding_optimum(EPOCH, C_E), N_E, rtol=1e-9)


def test_local_exponent_matches_finite_differences_and_limits():
    N_E = np.geomspace(10.0, 1e14, 400)
    C_E = reconcile.optimal_budget_non_embedding(EPOCH, N_E)
    numeric = np.gradient(np.log(N_E), np.log(C_E))
    analytic = reconcile.local_exponent_non_embedding(EPOCH, N_E)
    assert np.allclose(analytic[1:-1], numeric[1:-1], atol=2e-4)
    # Embeddings dominate at small N_E: N_T ~ gamma N_E^(1/3) gives 3 beta / (3 beta + alpha).
    small = 3 * EPOCH.beta / (3 * EPOCH.beta + EPOCH.alpha)
    assert reconcile.local_exponent_non_embedding(EPOCH, 1e-3) == pytest.approx(
        small, abs=2e-3
    )
    # At large N_E embeddings vanish and Hoffmann's a = beta / (alpha + beta) returns.
    assert reconcile.local_exponent_non_embedding(EPOCH, 1e16) == pytest.approx(
        EPOCH.a, abs=2e-3
    )


def test_pearce_song_exponents_are_recovered_over_kaplans_range():
    # Pearce & Song (2024): simulating Epoch's law over Kaplan's sizes gives
    # N_opt ~ C^0.78 counted in non-embedding terms and C^0.51 in total terms.
    C_range = reconcile.optimal_budget_non_embedding(
        EPOCH, reconcile.KAPLAN_NON_EMBEDDING_RANGE
    )
    non_embedding = reconcile.frontier_exponent(EPOCH, C_range).exponent
    total = reconcile.frontier_exponent(EPOCH, C_range, counting="total").exponent
    assert 0.76 < non_embedding < 0.80
    assert total == pytest.approx(EPOCH.a, abs=1e-9)
    assert round(total, 2) == 0.51
    # The frontier bends: steeper than either limit in between.
    assert reconcile.local_exponent_non_embedding(EPOCH, 1e6) > 0.9


def test_porian_sequence_is_the_published_one():
    # published_numbers.md section 11.3: 0.834 -> 0.701 -> 0.604 -> 0.571 -> 0.497.
    values = [a for _, a in reconcile.PORIAN_2024_STEPS]
    assert values == [0.834, 0.701, 0.604, 0.571, 0.497]
    assert reconcile.PORIAN_2024_OPENWEBTEXT2 == (0.870, 0.518)


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="ChinchillaLaw"):
        reconcile.optimal_budget_non_embedding("epoch", 1e6)
    with pytest.raises(ValueError, match="positive"):
        reconcile.non_embedding_from_total(-5.0)
    with pytest.raises(ValueError, match="gamma"):
        reconcile.local_exponent_non_embedding(EPOCH, 1e6, gamma=[1.0, 2.0])
    with pytest.raises(ValueError, match="counting"):
        reconcile.frontier_exponent(EPOCH, (1e15, 1e20), counting="embedding")
    with pytest.raises(ValueError, match="low < high"):
        reconcile.frontier_exponent(EPOCH, (1e20, 1e15))
    with pytest.raises(ValueError, match="n_points"):
        reconcile.frontier_exponent(EPOCH, (1e15, 1e20), n_points=1)
    with pytest.raises(ValueError, match="between"):
        reconcile.non_embedding_optimum(EPOCH, 1e-30)
