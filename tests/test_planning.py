"""The compute-optimal planner: closed forms, consistency, budgets, intervals, bad input.

Oracles: Hoffmann et al. (2022) eq. (4) computed here from each law's five
constants, Kaplan et al. (2020) Table 6, and the DERIVED optima at the Gopher
budget in shared/reference/published_numbers.md section 10.
"""

import dataclasses
import json
from types import SimpleNamespace

import numpy as np
import pytest

from scalinglaws import compute, laws
from scalinglaws.planning import (
    LAW_NAMES,
    Hardware,
    Plan,
    bootstrap_laws,
    compute_optimal_allocation,
    plan,
    resolve_law,
    training_budget,
)

CHINCHILLA_NAMES = ["hoffmann", "hoffmann-unrounded", "epoch", "muennighoff"]
BUDGETS = [1e18, 1e21, 5.76e23, 1e25, 1e28]
GOPHER_BUDGET = 5.76e23  # Hoffmann et al. (2022), Fig. 2 caption


def eq4(law, C):
    """Hoffmann et al. (2022) eq. (4), written out from the law's constants."""
    E, A, B, alpha, beta = law.E, law.A, law.B, law.alpha, law.beta
    G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    N = G * (C / 6) ** (beta / (alpha + beta))
    D = (C / 6) ** (alpha / (alpha + beta)) / G
    return N, D, E + A / N**alpha + B / D**beta


@pytest.mark.parametrize("name", CHINCHILLA_NAMES)
@pytest.mark.parametrize("C", BUDGETS)
def test_plan_matches_hoffmann_eq4(name, C):
    N, D, L = eq4(laws.CHINCHILLA_FORM_LAWS[name], C)
    p = plan(C, law=name)
    assert p.params == pytest.approx(N, rel=1e-12)
    assert p.tokens == pytest.approx(D, rel=1e-12)
    assert p.loss == pytest.approx(L, rel=1e-12)
    assert p.tokens_per_parameter == pytest.approx(D / N, rel=1e-12)
    assert p.mode == "compute-optimal"


@pytest.mark.parametrize(
    "name, N_billion, D_trillion",
    [
        # published_numbers.md section 10 (DERIVED from the printed constants)
        ("hoffmann", 32.19, 2.982),
        ("hoffmann-unrounded", 40.36, 2.379),
        ("epoch", 72.25, 1.329),
        ("muennighoff", 69.96, 1.372),
    ],
)
def test_plan_at_the_gopher_budget_matches_the_reference_sheet(
    name, N_billion, D_trillion
):
    p = plan(GOPHER_BUDGET, law=name)
    assert p.params / 1e9 == pytest.approx(N_billion, abs=0.006)
    assert p.tokens / 1e12 == pytest.approx(D_trillion, abs=0.0006)


def test_hoffmann_loss_at_the_gopher_budget():
    # published_numbers.md section 10: L = 1.9307 for the rounded eq. (10) constants
    assert plan(GOPHER_BUDGET, law="hoffmann").loss == pytest.approx(1.9307, abs=5e-5)


@pytest.mark.parametrize("name", LAW_NAMES)
@pytest.mark.parametrize("C", BUDGETS)
def test_budget_is_spent_exactly(name, C):
    p = plan(C, law=name)
    assert 6 * p.params * p.tokens == pytest.approx(C, rel=1e-12)
    assert p.training_flops == pytest.approx(C, rel=1e-12)
    assert compute.training_flops(p.params, p.tokens) == pytest.approx(C, rel=1e-12)


@pytest.mark.parametrize("name", LAW_NAMES)
def test_more_budget_never_gives_a_smaller_model_or_fewer_tokens(name):
    budgets = np.geomspace(1e17, 1e29, 61)
    allocation = compute_optimal_allocation(name, budgets)
    assert np.all(np.diff(allocation.params) > 0)
    assert np.all(np.diff(allocation.tokens) > 0)
    assert np.all(np.diff(allocation.loss) < 0)


def test_kaplan_plan_uses_table_6_in_pf_days():
    C = 1e24
    p = plan(C, law="kaplan")
    pf_days = C / 8.64e19  # one PF-day, Kaplan et al. (2020) section 1.3
    assert p.params == pytest.approx(1.3e9 * pf_days**0.73, rel=1e-12)  # Table 6
    assert p.tokens == pytest.approx(C / (6 * p.params), rel=1e-12)
    assert p.loss == pytest.approx((3.1e8 / pf_days) ** 0.050, rel=1e-12)  # eq. (1.3)
    assert p.loss_comparable is False
    assert any("not comparable" in note for note in p.notes)
    assert "Kaplan units" in str(p)


def test_a_law_object_and_a_fit_result_plan_like_their_name():
    by_name = plan(1e23, law="epoch")
    assert plan(1e23, law=laws.BESIROGLU_2024) == by_name
    fit = SimpleNamespace(law=laws.BESIROGLU_2024)
    assert plan(1e23, law=fit).params == by_name.params


def test_resolve_law_names():
    assert resolve_law("epoch") is laws.BESIROGLU_2024
    assert resolve_law(" Kaplan ") is laws.KAPLAN_2020
    assert set(LAW_NAMES) == set(laws.CHINCHILLA_FORM_LAWS) | {"kaplan"}


# --- budgets in hours and money ---------------------------------------------


def test_budget_in_accelerator_hours():
    hours, peak, u = 2.0e5, 989e12, 0.4
    p = plan(
        accelerator_hours=hours,
        peak_flops=peak,
        utilisation=u,
        n_accelerators=1000,
        law="epoch",
    )
    assert p.budget_flops == pytest.approx(hours * 3600 * peak * u, rel=1e-12)
    assert p.accelerator_hours == pytest.approx(hours, rel=1e-9)
    assert p.wall_clock_days == pytest.approx(hours / 1000 / 24, rel=1e-9)
    assert p.cost is None


def test_budget_in_money_costs_that_money():
    money, price, peak, u = 3.0e6, 2.5, 989e12, 0.45
    p = plan(
        money=money,
        price_per_hour=price,
        peak_flops=peak,
        utilisation=u,
        law="hoffmann",
    )
    assert p.budget_flops == pytest.approx(money / price * 3600 * peak * u, rel=1e-12)
    assert p.cost == pytest.approx(money, rel=1e-9)
    assert p.wall_clock_days is None


def test_flops_budget_with_hardware_gets_time_and_cost():
    p = plan(
        1e24, peak_flops=1e15, utilisation=0.5, price_per_hour=2.0, n_accelerators=100
    )
    hours = 1e24 / (1e15 * 0.5) / 3600
    assert p.accelerator_hours == pytest.approx(hours, rel=1e-9)
    assert p.cost == pytest.approx(2.0 * hours, rel=1e-9)
    assert p.wall_clock_days == pytest.approx(hours / 100 / 24, rel=1e-9)


def test_training_budget_round_trip():
    hw = Hardware(peak_flops=312e12, utilisation=0.5, price_per_hour=1.5)
    C = training_budget(money=1e5, hardware=hw)
    assert hw.cost(C) == pytest.approx(1e5, rel=1e-12)
    assert training_budget(
        accelerator_hours=hw.accelerator_hours(C), hardware=hw
    ) == pytest.approx(C, rel=1e-12)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({}, "exactly one way"),
        (
            {
                "flops": 1e24,
                "accelerator_hours": 10.0,
                "peak_flops": 1e15,
                "utilisation": 0.5,
            },
            "exactly one way",
        ),
        ({"flops": -1.0}, "positive"),
        ({"flops": float("nan")}, "NaN"),
        ({"flops": [1e23, 1e24]}, "single number"),
        ({"accelerator_hours": 10.0}, "peak"),
        ({"accelerator_hours": 10.0, "peak_flops": 1e15}, "utilisation is missing"),
        ({"money": 10.0, "peak_flops": 1e15, "utilisation": 0.5}, "price"),
        ({"flops": 1e24, "peak_flops": 1e15, "utilisation": 1.5}, "(0, 1]"),
        ({"flops": 1e24, "price_per_hour": 2.0}, "peak_flops"),
        (
            {
                "flops": 1e24,
                "peak_flops": 1e15,
                "utilisation": 0.5,
                "n_accelerators": 2.5,
            },
            "whole number",
        ),
        ({"flops": 1e24, "law": "gpt"}, "unknown law"),
        ({"flops": 1e24, "law": 42}, "law must be"),
        ({"flops": 1e24, "law": "kaplan", "inference_tokens": 1e12}, "Chinchilla-form"),
        ({"flops": 1e24, "law": "kaplan", "unique_tokens": 1e11}, "Chinchilla-form"),
        ({"flops": 1e24, "inference_tokens": 1e12, "unique_tokens": 1e11}, "not both"),
        ({"flops": 1e24, "inference_tokens": -1.0}, ">= 0"),
        ({"flops": 1e24, "unique_tokens": 0.0}, "positive"),
        ({"flops": 1e24, "bootstrap": [laws.HOFFMANN_2022], "level": 1.5}, "level"),
        ({"flops": 1e24, "bootstrap": ["not a law"]}, "ChinchillaLaw"),
    ],
)
def test_bad_input_raises_a_sentence(kwargs, fragment):
    with pytest.raises(ValueError, match=None) as info:
        plan(**kwargs)
    assert fragment in str(info.value)


# --- bootstrap intervals ------------------------------------------------------


def _ensemble(n=200, seed=1):
    """Laws scattered around Epoch's refit (a stand-in for a bootstrap)."""
    rng = np.random.default_rng(seed)
    base = laws.BESIROGLU_2024
    return [
        base.with_constants(
            alpha=base.alpha + 0.015 * a, beta=base.beta + 0.02 * b, E=base.E + 0.02 * e
        )
        for a, b, e in rng.standard_normal((n, 3))
    ]


def test_intervals_are_percentiles_of_the_ensemble_plans():
    ensemble = _ensemble()
    C = 1e24
    p = plan(C, law="epoch", bootstrap=ensemble)
    N = np.array([m.compute_optimal(C)[0] for m in ensemble])
    L = np.array([m.loss_at_optimum(C) for m in ensemble])
    assert p.n_bootstrap == len(ensemble)
    assert p.interval_level == 0.8
    assert p.intervals["params"] == pytest.approx(
        tuple(np.percentile(N, [10, 90])), rel=1e-12
    )
    assert p.intervals["loss"] == pytest.approx(
        tuple(np.percentile(L, [10, 90])), rel=1e-12
    )
    lo, hi = p.intervals["tokens_per_parameter"]
    assert lo < p.tokens_per_parameter < hi
    assert "training_flops" not in p.intervals  # 6ND = C for every member
    assert "80% interval (200 resamples)" in str(p)


def test_wider_level_gives_wider_intervals():
    ensemble = _ensemble()
    narrow = plan(1e22, law="epoch", bootstrap=ensemble, level=0.5).intervals["params"]
    wide = plan(1e22, law="epoch", bootstrap=ensemble, level=0.95).intervals["params"]
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


def test_ensemble_from_a_samples_table_in_either_parametrisation():
    ensemble = _ensemble(20)
    linear = np.array([[m.E, m.A, m.B, m.alpha, m.beta] for m in ensemble])
    table = SimpleNamespace(names=("E", "A", "B", "alpha", "beta"), samples=linear)
    logs = np.column_stack(
        [
            np.log(linear[:, 1]),
            np.log(linear[:, 2]),
            np.log(linear[:, 0]),
            linear[:, 3:],
        ]
    )
    log_table = SimpleNamespace(names=("a", "b", "e", "alpha", "beta"), samples=logs)
    for source in (
        table,
        log_table,
        SimpleNamespace(law=laws.BESIROGLU_2024, ci=table),
    ):
        got = bootstrap_laws(source)
        assert len(got) == 20
        for mine, theirs in zip(got, ensemble):
            assert mine.alpha == pytest.approx(
                theirs.alpha
            ) and mine.A == pytest.approx(theirs.A)


def test_failed_resamples_are_left_out_and_a_fit_carries_its_ensemble():
    ensemble = _ensemble(10)
    samples = np.array([[m.E, m.A, m.B, m.alpha, m.beta] for m in ensemble])
    samples[3] = np.nan
    fit = SimpleNamespace(
        law=laws.BESIROGLU_2024,
        ci=SimpleNamespace(names=("E", "A", "B", "alpha", "beta"), samples=samples),
    )
    p = plan(1e23, law=fit)
    assert p.n_bootstrap == 9
    assert set(p.intervals) == {"params", "tokens", "tokens_per_parameter", "loss"}
    assert bootstrap_laws(SimpleNamespace(law=laws.BESIROGLU_2024)) == ()


def test_unreadable_samples_raise():
    with pytest.raises(ValueError, match="expected E, A, B"):
        bootstrap_laws(SimpleNamespace(names=("x", "y"), samples=np.ones((3, 2))))


# --- the Plan object ------------------------------------------------------------


def test_plan_is_frozen_and_serialises():
    p = plan(
        1e24,
        law="epoch",
        peak_flops=989e12,
        utilisation=0.4,
        price_per_hour=2.0,
        bootstrap=_ensemble(30),
    )
    assert isinstance(p, Plan)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.params = 1.0
    with pytest.raises(TypeError):
        p.intervals["params"] = (0, 1)
    d = json.loads(json.dumps(p.to_dict()))
    assert d["params"] == p.params and d["cost"] == p.cost
    assert d["intervals"]["params"] == list(p.intervals["params"])
    text = str(p)
    for label in (
        "parameters N",
        "training tokens D",
        "tokens per parameter",
        "predicted loss",
        "accelerator-hours",
        "cost",
    ):
        assert label in text


def test_lifetime_compute_saved_is_zero_without_inference_and_positive_with_it():
    assert plan(1e24, law="epoch").lifetime_compute_saved == 0.0
    served = plan(1e24, law="epoch", inference_tokens=1e13)
    assert served.lifetime_compute_saved == pytest.approx(
        1 - served.lifetime_flops / served.reference_lifetime_flops
    )
    assert 0 < served.lifetime_compute_saved < 1
