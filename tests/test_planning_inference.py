"""Inference-aware allocation (Sardana et al. 2024) and the compute-overhead curve (de Vries 2023).

Oracles: with no inference demand the optimum is Hoffmann et al.'s eq. (4);
otherwise a brute-force scan of 6 N D + 2 N D_inf along the level set of the
loss, built here from the law's formula and nothing in the planner.
"""

import numpy as np
import pytest

from scalinglaws import laws
from scalinglaws.planning import (
    compute_overhead,
    critical_size_ratio,
    data_ratio_for_size,
    implied_inference_tokens,
    inference_aware_optimum,
    lifetime_flops,
    plan,
    tokens_to_reach,
)

CHINCHILLA_NAMES = ["hoffmann", "hoffmann-unrounded", "epoch", "muennighoff"]


def level_set_minimum(law, target, demand, n=200_001):
    """Lifetime compute minimised by scanning log N along L(N, D) = target."""
    N_floor = (law.A / (target - law.E)) ** (
        1 / law.alpha
    )  # below this no D reaches the target
    N = N_floor * np.geomspace(1 + 1e-9, 1e4, n)
    data_term = target - law.E - law.A / N**law.alpha
    D = (law.B / data_term) ** (1 / law.beta)
    cost = 6 * N * D + 2 * N * demand
    best = np.argmin(cost)
    return N[best], D[best], cost[best]


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
@pytest.mark.parametrize("C", [1e20, 5.76e23, 1e26])
def test_zero_demand_gives_the_chinchilla_optimum(name, C):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    N_opt, D_opt = law.compute_optimal(C)
    opt = inference_aware_optimum(law, law.loss(N_opt, D_opt), 0.0)
    assert opt.params == pytest.approx(N_opt, rel=1e-9)
    assert opt.training_tokens == pytest.approx(D_opt, rel=1e-9)
    assert opt.training_flops == pytest.approx(C, rel=1e-9)
    assert opt.inference_flops == 0


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
def test_tiny_demand_is_continuous_with_the_chinchilla_optimum(name):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    N_opt, D_opt = law.compute_optimal(1e23)
    opt = inference_aware_optimum(law, law.loss(N_opt, D_opt), 1e-6 * D_opt)
    assert opt.params == pytest.approx(N_opt, rel=1e-5)
    assert opt.params < N_opt


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
def test_more_demand_means_a_smaller_model_trained_longer(name):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    target = law.loss_at_optimum(1e23)
    demand = np.array([0.0, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15])
    opt = inference_aware_optimum(law, target, demand)
    assert np.all(np.diff(opt.params) < 0)
    assert np.all(np.diff(opt.training_tokens) > 0)
    assert np.all(np.diff(opt.tokens_per_parameter) > 0)
    assert law.loss(opt.params, opt.training_tokens) == pytest.approx(
        np.full(demand.size, target), rel=1e-12
    )


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
@pytest.mark.parametrize("demand", [1e11, 3e12, 1e14])
def test_optimum_matches_a_brute_force_scan(name, demand):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    target = law.loss_at_optimum(1e22)
    opt = inference_aware_optimum(law, target, demand)
    N_scan, D_scan, cost_scan = level_set_minimum(law, target, demand)
    assert opt.lifetime_flops <= cost_scan * (1 + 1e-9)
    assert opt.lifetime_flops == pytest.approx(cost_scan, rel=1e-6)
    assert opt.params == pytest.approx(N_scan, rel=2e-3)
    assert lifetime_flops(opt.params, opt.training_tokens, demand) == pytest.approx(
        opt.lifetime_flops
    )


def test_optimum_is_a_minimum_along_the_level_set():
    law = laws.HOFFMANN_2022
    target, demand = 2.1, 5e12
    opt = inference_aware_optimum(law, target, demand)
    for factor in (0.98, 0.995, 1.005, 1.02):
        N = opt.params * factor
        D = tokens_to_reach(law, target, N)
        assert lifetime_flops(N, D, demand) > opt.lifetime_flops


def test_extreme_demand_stays_finite():
    law = laws.BESIROGLU_2024
    opt = inference_aware_optimum(law, law.loss_at_optimum(1e21), 1e20)
    assert np.isfinite(opt.params) and np.isfinite(opt.training_tokens)
    assert opt.tokens_per_parameter > 1e4


def test_plan_with_inference_reaches_the_budget_loss_for_less_lifetime_compute():
    C, demand = 1e24, 2e13
    p = plan(C, law="epoch", inference_tokens=demand)
    reference = plan(C, law="epoch")
    assert p.mode == "inference-aware"
    assert p.loss == pytest.approx(reference.loss, rel=1e-12)
    assert p.params < reference.params
    assert p.training_flops > C
    assert p.training_flops == pytest.approx(6 * p.params * p.tokens, rel=1e-12)
    assert p.lifetime_flops < p.reference_lifetime_flops
    assert p.reference_lifetime_flops == pytest.approx(
        C + 2 * reference.params * demand, rel=1e-12
    )
    assert "saved" in str(p)


def test_plan_with_inference_prices_the_training_it_actually_needs():
    p = plan(
        1e23, law="hoffmann", inference_tokens=1e13, peak_flops=1e15, utilisation=0.5
    )
    assert p.accelerator_hours == pytest.approx(
        p.training_flops / (1e15 * 0.5 * 3600), rel=1e-9
    )


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
def test_implied_demand_inverts_the_optimum(name):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    target = law.loss_at_optimum(1e23)
    demand = np.array([0.0, 1e10, 1e12, 1e14])
    opt = inference_aware_optimum(law, target, demand)
    implied = implied_inference_tokens(law, opt.params, opt.training_tokens)
    assert implied == pytest.approx(demand, rel=1e-7, abs=1e-3 * opt.training_tokens[0])


def test_no_demand_justifies_a_model_larger_than_compute_optimal():
    # GPT-3 175B on 300B tokens (Brown et al. 2020, Table D.1): about 1.7 tokens per parameter.
    assert np.isnan(implied_inference_tokens("epoch", 175e9, 300e9))
    assert implied_inference_tokens("epoch", 8e9, 15e12) > 0


# --- the compute-overhead curve -------------------------------------------------


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
@pytest.mark.parametrize("C", [1e20, 1e24])
def test_overhead_matches_solving_for_the_tokens(name, C):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    N_opt, D_opt = law.compute_optimal(C)
    target = law.loss(N_opt, D_opt)
    k = np.array([0.3, 0.5, 0.75, 1.0, 1.5, 3.0])
    D = tokens_to_reach(law, target, k * N_opt)
    assert data_ratio_for_size(law, k) == pytest.approx(D / D_opt, rel=1e-9)
    assert compute_overhead(law, k) == pytest.approx(
        k * D / D_opt - 1, rel=1e-9, abs=1e-12
    )


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
def test_overhead_is_zero_at_the_optimum_and_positive_elsewhere(name):
    k = np.geomspace(0.2, 5, 101)
    k = k[k > critical_size_ratio(name) * 1.01]
    overhead = compute_overhead(name, k)
    assert compute_overhead(name, 1.0) == pytest.approx(0.0, abs=1e-12)
    assert np.all(overhead[np.abs(k - 1) > 1e-6] > 0)


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
def test_models_below_the_critical_size_cannot_reach_the_loss(name):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    k_c = critical_size_ratio(law)
    assert k_c == pytest.approx((1 + law.alpha / law.beta) ** (-1 / law.alpha))
    N_opt, D_opt = law.compute_optimal(1e22)
    target = law.loss(N_opt, D_opt)
    assert np.isinf(tokens_to_reach(law, target, 0.999 * k_c * N_opt))
    assert np.isfinite(tokens_to_reach(law, target, 1.001 * k_c * N_opt))
    assert np.isinf(compute_overhead(law, 0.999 * k_c))
    assert compute_overhead(law, 1.01 * k_c) > 1


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: inference_aware_optimum("kaplan", 2.5, 1e12), "Chinchilla-form"),
        (lambda: inference_aware_optimum("hoffmann", 1.5, 1e12), "irreducible"),
        (lambda: inference_aware_optimum("hoffmann", 2.0, -1.0), ">= 0"),
        (
            lambda: inference_aware_optimum("hoffmann", 2.0, float("inf")),
            "NaN or infinite",
        ),
        (lambda: compute_overhead("hoffmann", 0.0), "positive"),
        (lambda: tokens_to_reach("hoffmann", 1.69, 1e9), "irreducible"),
    ],
)
def test_bad_input_raises(call, fragment):
    with pytest.raises(ValueError) as info:
        call()
    assert fragment in str(info.value)
