"""Chi-squared test of a published law against a bootstrapped refit (Besiroglu et al. 2024)."""

import numpy as np
import pytest
from scipy import stats

from scalinglaws.fitting import chi2_statistic, fit_parametric, law_chi2_test
from scalinglaws.laws import BESIROGLU_2024, HOFFMANN_2022_UNROUNDED

_NG, _DG = np.meshgrid(np.geomspace(5e7, 1e10, 8), np.geomspace(1e9, 3e11, 8))
N, D = _NG.ravel(), _DG.ravel()


@pytest.fixture(scope="module")
def noisy_fit():
    """A bootstrapped refit of data drawn from Hoffmann's unrounded law with 1% noise."""
    L = HOFFMANN_2022_UNROUNDED.loss(N, D) * np.exp(
        np.random.default_rng(0).normal(0, 0.01, N.size)
    )
    starts = [[6.0, 6.0, 0.5, 0.3, 0.3], [10.0, 5.0, 0.0, 0.5, 0.5]]
    return fit_parametric(N, D, L, starts=starts, n_bootstrap=100, seed=0)


def test_statistic_is_the_mahalanobis_distance():
    d = np.array([1.0, -2.0, 0.5])
    res = chi2_statistic(d, np.diag([1.0, 4.0, 0.25]))
    assert res.statistic == pytest.approx(1.0 + 1.0 + 1.0)
    assert res.df == 3
    assert res.p_value == pytest.approx(stats.chi2.sf(3.0, 3))
    cov = np.array([[2.0, 0.9], [0.9, 1.0]])
    assert chi2_statistic([1.0, 1.0], cov).statistic == pytest.approx(
        np.array([1, 1]) @ np.linalg.solve(cov, [1, 1])
    )


def test_the_true_law_is_not_rejected_and_a_different_one_is(noisy_fit):
    for parametrisation in ("natural", "log"):
        truth = law_chi2_test(noisy_fit, HOFFMANN_2022_UNROUNDED, parametrisation)
        assert truth.df == 5
        assert truth.p_value > 0.05, parametrisation
        other = law_chi2_test(noisy_fit, BESIROGLU_2024, parametrisation)
        assert other.p_value < 1e-6, parametrisation
    assert law_chi2_test(noisy_fit, BESIROGLU_2024, "log").names[0] == "log A"


def test_bad_input_raises(noisy_fit):
    with pytest.raises(ValueError, match="positive definite"):
        chi2_statistic([1.0, 1.0], [[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(ValueError, match="shape"):
        chi2_statistic([1.0, 1.0], np.eye(3))
    with pytest.raises(ValueError, match="NaN"):
        chi2_statistic([1.0, np.nan], np.eye(2))
    with pytest.raises(ValueError, match="parametrisation"):
        law_chi2_test(noisy_fit, BESIROGLU_2024, "logit")
    unbootstrapped = fit_parametric(
        N, D, HOFFMANN_2022_UNROUNDED.loss(N, D), starts=[[6.0, 6.0, 0.5, 0.3, 0.3]]
    )
    with pytest.raises(ValueError, match="n_bootstrap"):
        law_chi2_test(unbootstrapped, BESIROGLU_2024)
