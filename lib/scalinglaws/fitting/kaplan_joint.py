"""Kaplan et al.'s joint law of model size and data: L(N, D), eq. (1.5).

Kaplan et al. (2020), eq. (1.5) (= eq. 4.1):

    L(N, D) = [ (N_c / N)^(alpha_N / alpha_D) + D_c / D ]^alpha_D

with Table 2's fit alpha_N = 0.076, alpha_D = 0.103, N_c = 6.4e13,
D_c = 1.8e13. In logs it is alpha_D * LSE(p (log N_c - log N), log D_c - log D)
with p = alpha_N / alpha_D, which is how it is fitted here: least squares on
log-loss residuals over (log N_c, log D_c, alpha_N, alpha_D), from a small
grid of exponents with N_c, D_c started where each term alone would match
the median run. Chapter 3 uses it.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from scalinglaws._validation import as_positive, scalar_or_array
from scalinglaws.fitting._inputs import positive_points, require_spread
from scalinglaws.fitting.result import FitResult, attach

#: Exponent values (alpha_N, alpha_D) the fit starts from.
_START_EXPONENTS = (0.03, 0.1, 0.3, 1.0)


@dataclass(frozen=True)
class KaplanJointFit(FitResult):
    """Result of :func:`fit_kaplan_joint`.

    Attributes
    ----------
    alpha_N, alpha_D : float
        Exponents of eq. (1.5).
    N_c, D_c : float
        Scales of eq. (1.5) (parameters, tokens).
    residuals : ndarray
        log L_hat - log L at each point.
    converged : bool
    message : str
    """

    alpha_N: float
    alpha_D: float
    N_c: float
    D_c: float
    residuals: np.ndarray
    converged: bool
    message: str

    @property
    def params(self) -> dict:
        """{"alpha_N", "alpha_D", "N_c", "D_c"} of eq. (1.5)."""
        return {
            "alpha_N": self.alpha_N,
            "alpha_D": self.alpha_D,
            "N_c": self.N_c,
            "D_c": self.D_c,
        }

    def predict(self, N, D):
        """Eq. (1.5) at (N, D) with the fitted constants."""
        N, D = as_positive(N, "N"), as_positive(D, "D")
        theta = np.array(
            [np.log(self.N_c), np.log(self.D_c), self.alpha_N, self.alpha_D]
        )
        return scalar_or_array(np.exp(_log_model(theta, np.log(N), np.log(D))))


def fit_kaplan_joint(N, D, L) -> KaplanJointFit:
    """Fit Kaplan et al.'s eq. (1.5) to runs (N_i, D_i, L_i) by least squares on log L.

    Parameters
    ----------
    N, D, L : array_like, shape (n,)
        Parameters, tokens and loss (nats/token) of each run; n >= 4, with
        at least two distinct N and two distinct D.

    Returns
    -------
    KaplanJointFit

    Raises
    ------
    ValueError
        On NaN, non-positive or mismatched inputs, fewer than 4 points, or
        all runs at one N or one D.

    Warns
    -----
    RuntimeWarning
        If the best start's optimisation did not converge.
    """
    N, D, L = positive_points(4, N=N, D=D, L=L)
    require_spread(N, "N", "estimating alpha_N")
    require_spread(D, "D", "estimating alpha_D")
    x, y, t = np.log(N), np.log(D), np.log(L)
    best = None
    for alpha_N, alpha_D in itertools.product(_START_EXPONENTS, repeat=2):
        # Each term alone equal to the median loss at the median run.
        log_nc = np.median(x) + np.median(t) / alpha_N
        log_dc = np.median(y) + np.median(t) / alpha_D
        start = np.array([log_nc, log_dc, alpha_N, alpha_D])
        result = least_squares(
            _residuals,
            start,
            jac=_jacobian,
            args=(x, y, t),
            bounds=([-np.inf, -np.inf, 1e-8, 1e-8], np.inf),
            x_scale="jac",
            xtol=1e-14,
            ftol=1e-14,
            gtol=1e-14,
            max_nfev=5000,
        )
        if best is None or result.cost < best.cost:
            best = result
    log_nc, log_dc, alpha_N, alpha_D = (float(v) for v in best.x)
    converged = bool(best.success)
    if not converged:
        warnings.warn(
            f"fit_kaplan_joint did not converge: {best.message}",
            RuntimeWarning,
            stacklevel=2,
        )
    fit = KaplanJointFit(
        alpha_N=alpha_N,
        alpha_D=alpha_D,
        N_c=float(np.exp(log_nc)),
        D_c=float(np.exp(log_dc)),
        residuals=_residuals(best.x, x, y, t),
        converged=converged,
        message=str(best.message),
    )
    return attach(fit, fit_kaplan_joint, N, D, L)


def _log_model(theta, x, y):
    log_nc, log_dc, alpha_N, alpha_D = theta
    return alpha_D * np.logaddexp(alpha_N / alpha_D * (log_nc - x), log_dc - y)


def _residuals(theta, x, y, t):
    return _log_model(theta, x, y) - t


def _jacobian(theta, x, y, t):
    log_nc, log_dc, alpha_N, alpha_D = theta
    p = alpha_N / alpha_D
    z1 = p * (log_nc - x)
    lse = np.logaddexp(z1, log_dc - y)
    w1 = np.exp(z1 - lse)  # share of the N term
    w2 = 1.0 - w1
    return np.column_stack(
        [
            alpha_N * w1,
            alpha_D * w2,
            w1 * (log_nc - x),
            lse - w1 * p * (log_nc - x),
        ]
    )
