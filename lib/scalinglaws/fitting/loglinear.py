"""A straight line in log-log space: y = k x^p, the law every allocation fit ends with.

Hoffmann et al. (2022) Approaches 1 and 2 both finish by fitting
N_opt = k_N C^a and D_opt = k_D C^b through estimated optima (section 3,
Table 2). This is that last step, shared by :mod:`isoflop` and :mod:`envelope`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array
from scalinglaws.fitting.result import FitResult


@dataclass(frozen=True)
class LogLinearFit:
    """y = exp(intercept) * x**exponent, fitted by least squares on (log x, log y)."""

    exponent: float
    intercept: float

    @property
    def coefficient(self) -> float:
        """k = exp(intercept)."""
        return float(np.exp(self.intercept))

    def __call__(self, x):
        x = as_positive(x, "C")
        return scalar_or_array(np.exp(self.intercept + self.exponent * np.log(x)))


def fit_log_linear(x: np.ndarray, y: np.ndarray) -> LogLinearFit:
    """Least-squares line through (log x, log y); inputs already validated positive, >= 2 distinct x."""
    exponent, intercept = np.polyfit(np.log(x), np.log(y), 1)
    return LogLinearFit(exponent=float(exponent), intercept=float(intercept))


class AllocationLaws(FitResult):
    """N_opt ~ C^a and D_opt ~ C^b read from a fit's ``n_law`` and ``d_law``.

    Mixed into the results of Approaches 1 and 2 (:class:`~scalinglaws.fitting.envelope.EnvelopeFit`,
    :class:`~scalinglaws.fitting.isoflop.IsoflopFit`), which both end with these two lines.
    """

    n_law: LogLinearFit
    d_law: LogLinearFit

    #: Both lines are closed-form least squares: they always converge.
    converged = True
    message = "closed-form least squares on the estimated optima"

    @property
    def params(self) -> dict:
        """{"a", "b", "k_N", "k_D"}: N_opt = k_N C^a and D_opt = k_D C^b (C in FLOPs)."""
        return {
            "a": self.a,
            "b": self.b,
            "k_N": self.n_law.coefficient,
            "k_D": self.d_law.coefficient,
        }

    @property
    def residuals(self) -> np.ndarray:
        """log N_opt(C) of the fitted line minus log of each estimated optimum."""
        C = self._optimum_flops()
        return np.log(self.n_law(C)) - np.log(self.N_opt)

    @property
    def a(self) -> float:
        """Exponent a of N_opt ~ C^a."""
        return self.n_law.exponent

    @property
    def b(self) -> float:
        """Exponent b of D_opt ~ C^b."""
        return self.d_law.exponent

    def predict(self, C):
        """(N_opt, D_opt) that the fitted power laws give at budget(s) ``C`` (FLOPs)."""
        return self.n_law(C), self.d_law(C)
