"""fit_kaplan_joint (Kaplan et al. 2020 eq. 1.5): recovery of Table 2's law, bad input."""

import numpy as np
import pytest
from scipy.optimize import least_squares

from scalinglaws.fitting import fit_kaplan_joint, kaplan_joint
from scalinglaws.laws import KAPLAN_2020

RNG = np.random.default_rng(5)
# Kaplan et al. (2020) section 2: 768 to 1.5e9 parameters, 22e6 to 23e9 tokens.
N = np.exp(RNG.uniform(np.log(1e6), np.log(1.5e9), 80))
D = np.exp(RNG.uniform(np.log(2.2e7), np.log(2.3e10), 80))


def test_table_2_law_is_recovered_from_clean_data():
    # Table 2: alpha_N = 0.076, alpha_D = 0.103, N_c = 6.4e13, D_c = 1.8e13.
    fit = fit_kaplan_joint(N, D, KAPLAN_2020.loss_nd(N, D))
    assert fit.converged
    assert fit.alpha_N == pytest.approx(0.076, rel=1e-6)
    assert fit.alpha_D == pytest.approx(0.103, rel=1e-6)
    assert fit.N_c == pytest.approx(6.4e13, rel=1e-4)
    assert fit.D_c == pytest.approx(1.8e13, rel=1e-4)
    assert fit.predict(1e9, 1e10) == pytest.approx(
        KAPLAN_2020.loss_nd(1e9, 1e10), rel=1e-8
    )


def test_noisy_data_gives_nearby_exponents():
    L = KAPLAN_2020.loss_nd(N, D) * np.exp(RNG.normal(0, 0.005, N.size))
    fit = fit_kaplan_joint(N, D, L)
    assert fit.alpha_N == pytest.approx(0.076, abs=0.01)
    assert fit.alpha_D == pytest.approx(0.103, abs=0.015)
    assert np.std(fit.residuals) < 0.01


def test_a_law_far_from_the_start_grid_is_recovered():
    alpha_N, alpha_D, N_c, D_c = 0.5, 0.2, 3e7, 1e9
    L = ((N_c / N) ** (alpha_N / alpha_D) + D_c / D) ** alpha_D
    fit = fit_kaplan_joint(N, D, L)
    assert (fit.alpha_N, fit.alpha_D) == (
        pytest.approx(alpha_N, rel=1e-6),
        pytest.approx(alpha_D, rel=1e-6),
    )
    assert fit.N_c == pytest.approx(N_c, rel=1e-4) and fit.D_c == pytest.approx(
        D_c, rel=1e-4
    )


@pytest.mark.parametrize(
    "n, d, loss, match",
    [
        (N[:5], D[:4], np.ones(5), "same length"),
        (N[:5], D[:5], [3.0, 2.0, np.inf, 2.0, 2.0], "infinite"),
        (N[:5], D[:5], [3.0, 2.0, 0.0, 2.0, 2.0], "positive"),
        (N[:3], D[:3], np.ones(3), "at least 4"),
        (np.full(5, 1e8), D[:5], np.ones(5), "same N"),
        (N[:5], np.full(5, 1e9), np.ones(5), "same D"),
    ],
)
def test_bad_input_raises(n, d, loss, match):
    with pytest.raises(ValueError, match=match):
        fit_kaplan_joint(n, d, loss)


def test_a_fit_that_stops_early_says_so(monkeypatch):
    monkeypatch.setattr(
        kaplan_joint,
        "least_squares",
        lambda *a, **k: least_squares(*a, **{**k, "max_nfev": 1}),
    )
    with pytest.warns(RuntimeWarning, match="did not converge"):
        fit = fit_kaplan_joint(N, D, KAPLAN_2020.loss_nd(N, D) * 1.01)
    assert not fit.converged
