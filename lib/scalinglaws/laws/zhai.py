"""Zhai et al. (2022), "Scaling Vision Transformers": a law that saturates at both ends.

Zhai, Kolesnikov, Houlsby and Beyer (CVPR 2022; arXiv:2106.04560) train ViT
models from 5M to 2B parameters on 1M to 3B images, spending from under 1 to
over 10,000 TPUv3 core-days, and describe the error E of the frontier in
compute C with a saturating power law

    E(C) = a (C + d)^(-b) + c,

with the same form in model size and in data. Its two extra constants give
the double saturation the paper reports: c is the floor that even the largest
models do not pass, and d flattens the curve for the smallest budgets, where
E(0) = a d^(-b) + c is finite instead of infinite. Chapter 11 uses it.

What is, and is not, in this module
-----------------------------------
The functional form and the experimental ranges are stated in the paper's
abstract and section 1 (ranges) and section 3 (the fit); the headline
results are in its abstract: ViT-G/14 (about 2B parameters) reaches 90.45%
top-1 accuracy on ImageNet after fine-tuning and 84.86% with 10 examples per
class (10-shot linear probe). The numerical values of (a, b, c, d) fitted in
the paper's Figure 2 could not be confirmed from the paper's text while this
module was written, so none is typed here; chapter 11 says so, and fits the
form to the few-shot learning curves that Alabdulmohsin, Neyshabur and Zhai
(2022) released instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_nonnegative, as_positive, scalar_or_array


@dataclass(frozen=True)
class ZhaiLaw:
    """E(x) = a (x + d)^(-b) + c, Zhai et al. (2022) section 3.

    Parameters
    ----------
    a : float
        Scale of the reducible error (> 0), in units of E times x^b.
    b : float
        Exponent (> 0) of the power law between the two saturations.
    c : float
        Floor (>= 0): the error as x grows without bound.
    d : float
        Offset (>= 0) in the units of x: below x ~ d the curve flattens
        towards E(0) = a d^(-b) + c. With d = 0 the law is Henighan et
        al.'s E + (x0/x)^alpha.
    """

    a: float
    b: float
    c: float = 0.0
    d: float = 0.0

    def __post_init__(self):
        for name, low_open in (("a", True), ("b", True), ("c", False), ("d", False)):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0 or (low_open and value == 0):
                relation = "> 0" if low_open else ">= 0"
                raise ValueError(
                    f"{name} must be a finite number {relation}, got {value!r}."
                )

    def error(self, x):
        """The law at ``x`` (compute, parameters or images; vectorised; x = 0 allowed if d > 0)."""
        x = as_nonnegative(x, "x") if self.d > 0 else as_positive(x, "x")
        return scalar_or_array(self.a * (x + self.d) ** (-self.b) + self.c)

    def reducible(self, x):
        """E(x) - c = a (x + d)^(-b)."""
        return scalar_or_array(np.asarray(self.error(x)) - self.c)

    @property
    def error_at_zero(self) -> float:
        """E(0) = a d^(-b) + c: the small-scale saturation (infinite when d = 0)."""
        return (
            float("inf")
            if self.d == 0
            else float(self.a * self.d ** (-self.b) + self.c)
        )

    def local_exponent(self, x):
        """-d log(E - c) / d log x = b x / (x + d): the slope a log-log plot of E - c shows.

        It rises from 0 (for x << d) to b (for x >> d): the power law is only
        visible between the two saturations.
        """
        x = as_positive(x, "x")
        return scalar_or_array(self.b * x / (x + self.d))


@dataclass(frozen=True)
class ZhaiExperiment:
    """The ranges and headline results of Zhai et al. (2022), as the paper states them.

    Sources: abstract and section 1 (ranges: parameters, images, TPUv3
    core-days) and abstract (ViT-G/14: 90.45% ImageNet top-1 fine-tuned,
    84.86% ImageNet 10-shot).
    """

    params_range: tuple = (5e6, 2e9)
    images_range: tuple = (1e6, 3e9)
    core_days_range: tuple = (1.0, 1e4)  # "under 1" to "over 10,000" TPUv3 core-days
    vit_g_imagenet_top1: float = 0.9045
    vit_g_imagenet_10shot: float = 0.8486


#: Zhai et al. (2022): experimental ranges and headline accuracies (abstract, section 1).
ZHAI_2022 = ZhaiExperiment()
