"""The laws' and compute accounting's behaviour: vectorisation, identities, bad input."""

import numpy as np
import pytest

from scalinglaws import compute, laws

ALL_CHINCHILLA_FORM = list(laws.CHINCHILLA_FORM_LAWS.values())


@pytest.mark.parametrize("law", ALL_CHINCHILLA_FORM, ids=lambda law: law.name)
def test_compute_optimal_spends_the_budget_and_minimises_the_loss(law):
    C = np.logspace(18, 28, 11)
    N_opt, D_opt = law.compute_optimal(C)
    assert np.allclose(6 * N_opt * D_opt, C, rtol=1e-12)
    # Moving along the isoFLOP line in either direction raises the loss.
    for factor in (0.8, 1.25):
        assert np.all(law.loss(N_opt * factor, D_opt / factor) > law.loss(N_opt, D_opt))
    # More budget never gives a smaller model.
    assert np.all(np.diff(N_opt) > 0) and np.all(np.diff(D_opt) > 0)
    assert law.a + law.b == pytest.approx(1.0)


def test_scalar_in_scalar_out_and_broadcasting():
    law = laws.HOFFMANN_2022
    assert isinstance(law.loss(1e9, 2e10), float)
    grid = law.loss(np.array([1e8, 1e9])[:, None], np.array([1e9, 1e10, 1e11])[None, :])
    assert grid.shape == (2, 3)
    assert isinstance(laws.KAPLAN_2020.loss_n(1e9), float)
    assert laws.KAPLAN_2020.loss_n([1e8, 1e9]).shape == (2,)


@pytest.mark.parametrize(
    "call",
    [
        lambda: laws.HOFFMANN_2022.loss(0, 1e9),
        lambda: laws.HOFFMANN_2022.loss(1e9, -1),
        lambda: laws.HOFFMANN_2022.loss(np.nan, 1e9),
        lambda: laws.HOFFMANN_2022.compute_optimal(np.inf),
        lambda: laws.HOFFMANN_2022.compute_optimal([1e20, -1e20]),
        lambda: laws.HOFFMANN_2022.loss("many", 1e9),
        lambda: laws.KAPLAN_2020.loss_n(0),
        lambda: laws.KAPLAN_2020.loss_c(-3),
        lambda: laws.KAPLAN_2020.critical_batch(np.nan),
        lambda: laws.MUENNIGHOFF_2023_DATA_CONSTRAINED.loss(1e9, 1e10, 2e10),  # U > D
        lambda: laws.HENIGHAN_2020["Language"].loss_n.loss(0),
        lambda: laws.SaturatingPowerLaw(x0=1.0, alpha=-0.1),
        lambda: laws.ChinchillaLaw(E=1.7, A=400, B=400, alpha=0.0, beta=0.3),
        lambda: laws.ChinchillaLaw(E=-1, A=400, B=400, alpha=0.3, beta=0.3),
        lambda: compute.training_flops(1e9, 0),
        lambda: compute.non_embedding_params(0, 512),
        lambda: compute.training_time_seconds(1e24, 1e15, utilisation=1.5),
        lambda: laws.HENIGHAN_2020["Im-to-Text (Text)"].n_opt(1.0),
    ],
)
def test_bad_input_raises_value_error_with_a_sentence(call):
    with pytest.raises(ValueError) as err:
        call()
    assert len(str(err.value).split()) >= 4  # a sentence, not a bare value


def test_error_message_names_the_argument():
    with pytest.raises(ValueError, match=r"^D must be positive"):
        laws.HOFFMANN_2022.loss(1e9, 0)


def test_saturating_power_law_inverse():
    law = laws.SaturatingPowerLaw(x0=1e3, alpha=0.3, E=1.5)
    x = law.scale_for_reducible(0.25)
    assert law.reducible(x) == pytest.approx(0.25)
    assert law.loss(x) == pytest.approx(1.75)


def test_with_constants_makes_a_modified_copy():
    law = laws.HOFFMANN_2022.with_constants(E=0.0, name="no floor")
    assert law.E == 0.0 and law.A == laws.HOFFMANN_2022.A
    assert laws.HOFFMANN_2022.E == 1.69


def test_parameter_and_flop_accounting():
    # Kaplan eq. (2.1) exact form and eq. (2.2).
    assert compute.non_embedding_params(12, 768) == 12 * 12 * 768**2
    assert compute.non_embedding_params(2, 64, d_attn=32, d_ff=128) == 2 * 64 * 2 * (
        2 * 32 + 128
    )
    assert compute.embedding_params(50257, 1024, 768) == (50257 + 1024) * 768
    assert (
        compute.total_params(12, 768, 50257, 1024)
        == 12 * 12 * 768**2 + (50257 + 1024) * 768
    )
    N = compute.non_embedding_params(12, 768)
    assert compute.forward_flops_per_token(12, 768, 1024) == 2 * N + 2 * 12 * 1024 * 768
    assert compute.training_flops_per_token(12, 768, 1024) == 3 * (
        2 * N + 2 * 12 * 1024 * 768
    )
    # C ~ 6N per token once d_model >> n_ctx / 12: the context term is < 1% here.
    per_token = compute.training_flops_per_token(96, 12288, 2048)
    assert per_token / (6 * compute.non_embedding_params(96, 12288)) == pytest.approx(
        1.0, abs=0.015
    )


def test_pf_days_round_trip_and_training_time():
    assert compute.flops_to_pf_days(compute.pf_days_to_flops(3.0)) == pytest.approx(3.0)
    # 8.64e19 FLOPs at 1e15 FLOP/s and full utilisation is one day.
    assert compute.training_time_seconds(
        compute.PF_DAY, 1e15, utilisation=1.0
    ) == pytest.approx(86400)
    assert compute.training_time_seconds(
        compute.PF_DAY, 1e15, utilisation=0.5, n_devices=2
    ) == pytest.approx(86400)


def test_pearce_song_total_parameters():
    # N_T = N_E + 47491 N_E^(1/3): for N_E = 1e9 the embedding share is 47491 * 1000.
    assert compute.total_from_non_embedding(1e9) == pytest.approx(1e9 + 47491 * 1e3)
