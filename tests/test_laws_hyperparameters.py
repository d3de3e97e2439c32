"""The recipe's published laws: DeepSeek LLM's eta_opt(C) and B_opt(C), and the findings table."""

import numpy as np
import pytest

from scalinglaws import laws
from scalinglaws.laws import DEEPSEEK_2024_BATCH, DEEPSEEK_2024_LR, HyperparameterLaw


def test_deepseek_constants_are_the_papers():
    # Bi et al. 2024, section 3.1, eq. 1.
    assert (DEEPSEEK_2024_LR.coefficient, DEEPSEEK_2024_LR.exponent) == (
        0.3118,
        -0.1250,
    )
    assert (DEEPSEEK_2024_BATCH.coefficient, DEEPSEEK_2024_BATCH.exponent) == (
        0.2920,
        0.3271,
    )


def test_deepseek_laws_evaluate_the_power_law():
    # Worked by hand: 1e20^-0.125 = 10^-2.5 and 1e20^0.3271 = 10^6.542.
    assert DEEPSEEK_2024_LR(1e20) == pytest.approx(0.3118 * 10**-2.5, rel=1e-12)
    assert DEEPSEEK_2024_BATCH(1e20) == pytest.approx(0.2920 * 10**6.542, rel=1e-12)
    c = np.array([1e17, 1e19, 1e21])
    lr = DEEPSEEK_2024_LR(c)
    assert lr.shape == (3,) and np.all(np.diff(lr) < 0)  # smaller rates at scale
    assert np.all(np.diff(DEEPSEEK_2024_BATCH(c)) > 0)  # larger batches at scale
    # Ten times the compute: the rate falls by 10^-0.125 (about 25%).
    assert DEEPSEEK_2024_LR.ratio(10) == pytest.approx(0.7499, abs=1e-4)
    assert DEEPSEEK_2024_LR(1e21) / DEEPSEEK_2024_LR(1e20) == pytest.approx(
        DEEPSEEK_2024_LR.ratio(10)
    )


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan])
def test_hyperparameter_law_rejects_non_positive_compute(bad):
    with pytest.raises(ValueError, match="C"):
        DEEPSEEK_2024_LR(bad)
    with pytest.raises(ValueError, match="coefficient"):
        HyperparameterLaw(coefficient=bad, exponent=1.0)


def test_findings_each_carry_a_source():
    assert laws.HAGELE_2024_COOLDOWN_FRACTION == 0.2
    papers = {f.paper.split()[0] for f in laws.RECIPE_FINDINGS}
    assert {"Hoffmann", "Porian", "Hägele", "Bi"} <= papers
    assert all(f.where and f.finding and f.topic for f in laws.RECIPE_FINDINGS)
