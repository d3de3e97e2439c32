"""fit_envelope (Hoffmann et al. 2022 Approach 1): recovery from synthetic training curves, bad input."""

import numpy as np
import pytest

from scalinglaws.fitting import fit_envelope
from scalinglaws.laws import HOFFMANN_2022, MUENNIGHOFF_2023_C4


def training_curves(law, sizes, tokens=np.geomspace(1e8, 1e12, 300)):
    """Loss against FLOPs of runs that follow ``law`` at every token count seen (C = 6 N D)."""
    flops = [6 * n * tokens for n in sizes]
    losses = [law.loss(n, tokens) for n in sizes]
    return flops, losses


SIZES = np.geomspace(1e7, 1e10, 40)


@pytest.mark.parametrize("law", [HOFFMANN_2022, MUENNIGHOFF_2023_C4])
def test_envelope_recovers_the_allocation_exponents(law):
    flops, losses = training_curves(law, SIZES)
    fit = fit_envelope(SIZES, flops, losses, flop_range=(1e18, 1e21))
    assert fit.flops.size == 1500
    assert fit.a == pytest.approx(law.a, abs=0.01)
    assert fit.b == pytest.approx(law.b, abs=0.01)
    n_pred, d_pred = fit.predict(1e20)
    n_true, d_true = law.compute_optimal(1e20)
    assert n_pred == pytest.approx(n_true, rel=0.15)
    assert 6 * n_pred * d_pred == pytest.approx(1e20, rel=0.02)


def test_envelope_is_the_pointwise_minimum_and_names_the_run():
    flops, losses = training_curves(HOFFMANN_2022, SIZES[::8])
    fit = fit_envelope(SIZES[::8], flops, losses, n_grid=50)
    for C, L, run in zip(fit.flops, fit.loss, fit.run):
        at_c = [
            np.exp(
                np.interp(np.log(C), np.log(f), np.log(loss), left=np.inf, right=np.inf)
            )
            for f, loss in zip(flops, losses)
        ]
        assert L == pytest.approx(min(at_c), rel=1e-12)
        assert at_c[run] == pytest.approx(L, rel=1e-12)
    assert np.allclose(fit.D_opt, fit.flops / (6 * fit.N_opt))


def test_curves_only_count_inside_the_flops_they_cover():
    # A huge model that only ran briefly cannot win at budgets beyond its curve.
    tokens = np.geomspace(1e8, 1e9, 20)
    flops = [6 * 1e8 * np.geomspace(1e8, 1e12, 50), 6 * 1e11 * tokens]
    losses = [HOFFMANN_2022.loss(1e8, flops[0] / 6e8), np.full(20, 0.1)]
    fit = fit_envelope([1e8, 1e11], flops, losses, n_grid=200)
    beyond = fit.flops > flops[1][-1] * (1 + 1e-9)
    assert np.all(fit.run[beyond] == 0)
    assert np.any(fit.run == 1)


@pytest.mark.parametrize(
    "N, flops, losses, match",
    [
        ([1e8], [[1e18, 1e19]], [[3.0, 2.9]], "at least two runs"),
        ([1e8, 1e8], [[1e18, 1e19], [1e18, 1e19]], [[3.0, 2.9], [3.0, 2.8]], "same N"),
        ([1e8, 1e9], [[1e18, 1e19]], [[3.0, 2.9], [3.0, 2.8]], "same runs"),
        ([1e8, 1e9], [[1e18, 1e19], [1e18, 1e19]], [[3.0, 2.9], [3.0]], "equal length"),
        (
            [1e8, 1e9],
            [[1e18, 1e19], [1e19, 1e18]],
            [[3.0, 2.9], [3.0, 2.8]],
            "increasing",
        ),
        ([1e8, 1e9], [[1e18, 1e19], [1e18, 1e19]], [[3.0, np.nan], [3.0, 2.8]], "NaN"),
        (
            [1e8, -1e9],
            [[1e18, 1e19], [1e18, 1e19]],
            [[3.0, 2.9], [3.0, 2.8]],
            "positive",
        ),
        ([1e8, 1e9], [[1e18], [1e18]], [[3.0], [3.0]], "at least 2"),
        (
            [1e8, 1e9],
            [[1e18, 1e19], [1e18, 1e19]],
            [[3.0, 2.9], [3.1, 3.0]],
            "one run attains",
        ),
    ],
)
def test_bad_input_raises(N, flops, losses, match):
    with pytest.raises(ValueError, match=match):
        fit_envelope(N, flops, losses)
