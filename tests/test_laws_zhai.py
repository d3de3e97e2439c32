"""Zhai et al. (2022)'s saturating law and the paper's stated ranges (laws.zhai)."""

import numpy as np
import pytest

from scalinglaws import laws


def test_ranges_and_headline_results_are_the_papers():
    # Abstract and section 1 of Zhai et al. (2022): 5M-2B parameters, 1M-3B images,
    # under 1 to over 10,000 TPUv3 core-days; ViT-G/14 90.45% top-1, 84.86% 10-shot.
    z = laws.ZHAI_2022
    assert z.params_range == (5e6, 2e9)
    assert z.images_range == (1e6, 3e9)
    assert z.core_days_range == (1.0, 1e4)
    assert z.vit_g_imagenet_top1 == 0.9045
    assert z.vit_g_imagenet_10shot == 0.8486


def test_law_saturates_at_both_ends():
    law = laws.ZhaiLaw(a=0.5, b=0.4, c=0.1, d=2.0)
    assert law.error(0.0) == pytest.approx(0.5 * 2.0**-0.4 + 0.1)
    assert law.error_at_zero == pytest.approx(law.error(0.0))
    assert law.error(1e12) == pytest.approx(0.1, abs=1e-4)
    x = np.geomspace(1e-3, 1e6, 2000)
    slopes = law.local_exponent(x)
    assert (
        np.all(np.diff(slopes) > 0)
        and slopes[0] < 1e-3
        and slopes[-1] == pytest.approx(0.4, rel=1e-5)
    )
    # the local exponent is the numerical log-log slope of E - c
    lx = np.log(x)
    numeric = -np.gradient(np.log(law.reducible(x)), lx)
    np.testing.assert_allclose(numeric[5:-5], slopes[5:-5], rtol=1e-3, atol=1e-5)


def test_d_zero_is_henighans_form():
    z = laws.ZhaiLaw(a=3.0, b=0.3, c=0.2)
    h = laws.SaturatingPowerLaw(x0=3.0 ** (1 / 0.3), alpha=0.3, E=0.2)
    x = np.geomspace(1, 1e9, 7)
    np.testing.assert_allclose(z.error(x), h.loss(x), rtol=1e-12)
    assert z.error_at_zero == float("inf")
    with pytest.raises(ValueError, match="x must be positive"):
        z.error(0.0)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(a=0, b=1),
        dict(a=1, b=-1),
        dict(a=1, b=1, c=-0.1),
        dict(a=1, b=1, d=float("nan")),
    ],
)
def test_bad_constants_are_refused(kwargs):
    with pytest.raises(ValueError, match="must be a finite number"):
        laws.ZhaiLaw(**kwargs)
