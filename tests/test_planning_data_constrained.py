"""Data-constrained allocation (Muennighoff et al. 2023).

Oracles: the authors' README example (published_numbers.md section 7.3),
Hoffmann's eq. (4) when unique data is plentiful, and a brute-force scan.
"""

import numpy as np
import pytest

from scalinglaws import laws
from scalinglaws.planning import (
    data_constrained_law,
    data_constrained_loss,
    data_constrained_optimum,
    plan,
)

# Muennighoff et al.'s README: scaling_law(6.34e9, 242e9, 25e9) = 2.2256440889984477
README_N, README_D, README_U, README_LOSS = 6.34e9, 242e9, 25e9, 2.2256440889984477


def test_the_authors_example_loss():
    assert data_constrained_loss(
        "muennighoff", README_N, README_D, README_U
    ) == pytest.approx(README_LOSS, abs=1e-12)


def test_the_planner_does_at_least_as_well_as_the_authors_example():
    C = 6 * README_N * README_D
    opt = data_constrained_optimum("muennighoff", C, README_U)
    assert opt.flops == pytest.approx(C, rel=1e-12)
    # The loss is flat near the optimum: the README's allocation is within
    # 2e-4 nats of the best one, and the planner must not do worse.
    assert README_LOSS - 2e-4 < opt.loss <= README_LOSS
    assert opt.params == pytest.approx(README_N, rel=0.1)
    assert opt.epochs == pytest.approx(opt.tokens / README_U)


def test_the_optimum_beats_a_brute_force_scan_of_the_same_budget():
    C, U = 1e23, 1e11
    opt = data_constrained_optimum("muennighoff", C, U)
    N = np.geomspace(opt.params / 3, opt.params * 3, 20_001)
    scan = data_constrained_loss("muennighoff", N, C / (6 * N), U)
    assert opt.loss <= scan.min() + 1e-12
    assert opt.params == pytest.approx(N[np.argmin(scan)], rel=1e-3)


@pytest.mark.parametrize("name", ["muennighoff", "hoffmann", "epoch"])
@pytest.mark.parametrize("C", [1e20, 1e23])
def test_plentiful_unique_data_gives_hoffmanns_closed_form(name, C):
    law = laws.CHINCHILLA_FORM_LAWS[name]
    N_opt, D_opt = law.compute_optimal(C)
    opt = data_constrained_optimum(name, C, 10 * D_opt)
    assert opt.params == pytest.approx(N_opt, rel=1e-4)
    assert opt.loss == pytest.approx(law.loss(N_opt, D_opt), rel=1e-9)
    assert opt.epochs < 1


def test_less_unique_data_means_more_loss_and_more_epochs():
    C = 1e23
    stock = np.geomspace(1e12, 1e10, 9)
    results = [data_constrained_optimum("muennighoff", C, U) for U in stock]
    assert np.all(np.diff([r.loss for r in results]) > 0)
    assert np.all(np.diff([r.epochs for r in results]) > 0)


def test_more_budget_never_gives_a_smaller_model_at_fixed_unique_data():
    budgets = np.geomspace(1e19, 1e25, 13)
    sizes = [data_constrained_optimum("muennighoff", C, 1e11).params for C in budgets]
    assert np.all(np.diff(sizes) > 0)


def test_four_epochs_cost_almost_nothing():
    # Muennighoff et al. (2023), abstract: "up to 4 epochs of repeated data yields
    # negligible changes to loss compared to having unique data".
    dc = laws.MUENNIGHOFF_2023_DATA_CONSTRAINED
    N, D = dc.base.compute_optimal(5.76e23)
    unique = dc.loss(N, D, D)
    four = dc.loss(N, D, D / 4)
    forty = dc.loss(N, D, D / 40)
    assert (four - unique) / unique < 0.005
    assert (forty - unique) / unique > 0.04


def test_effective_data_plateaus_at_one_plus_r_d_star_unique_sets():
    C, U = 1e26, 1e10
    opt = data_constrained_optimum("muennighoff", C, U)
    assert opt.effective_tokens <= U * (1 + 15.387756)
    assert opt.effective_tokens < opt.tokens / 100
    assert any(
        "worth little" in note
        for note in plan(C, law="muennighoff", unique_tokens=U).notes
    )


def test_plan_in_data_constrained_mode():
    C, U = 5.76e23, 3e11
    p = plan(C, law="muennighoff", unique_tokens=U)
    opt = data_constrained_optimum("muennighoff", C, U)
    assert p.mode == "data-constrained"
    assert (p.params, p.tokens, p.loss) == (opt.params, opt.tokens, opt.loss)
    assert p.reference_loss < p.loss
    assert p.epochs == pytest.approx(p.tokens / U)
    assert not any(
        "extrapolation" in note for note in p.notes
    )  # Muennighoff's own base law
    assert any("C4" in note for note in p.notes)
    assert any(
        "extrapolation" in note for note in plan(C, law="epoch", unique_tokens=U).notes
    )


def test_data_constrained_law_reuses_the_published_decay_constants():
    assert data_constrained_law("muennighoff") is laws.MUENNIGHOFF_2023_DATA_CONSTRAINED
    other = data_constrained_law("epoch")
    assert other.base is laws.BESIROGLU_2024
    assert (other.R_N_star, other.R_D_star) == (5.309743, 15.387756)


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: data_constrained_optimum("kaplan", 1e23, 1e11), "Chinchilla-form"),
        (lambda: data_constrained_optimum("muennighoff", 1e23, -1.0), "positive"),
        (
            lambda: data_constrained_optimum("muennighoff", [1e22, 1e23], 1e11),
            "single number",
        ),
        (lambda: data_constrained_loss("muennighoff", 1e9, 0.0, 1e9), "positive"),
    ],
)
def test_bad_input_raises(call, fragment):
    with pytest.raises(ValueError) as info:
        call()
    assert fragment in str(info.value)
