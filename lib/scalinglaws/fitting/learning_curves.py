"""Learning curves: Kaplan et al.'s L(N, S), and reading a family of curves.

Kaplan et al. (2020), section 5.2, eq. (1.6) (= eq. 5.6) model the loss of a
model of N non-embedding parameters after S optimiser steps as

    L(N, S) = (N_c / N)^alpha_N + (S_c / S)^alpha_S,

with Table 3's fit alpha_N = 0.077, alpha_S = 0.76, N_c = 6.5e13,
S_c = 2.1e3 (S there is S_min, the steps at a batch far above the critical
one, eq. 5.4). The first term is the converged loss L(N, inf); the second is
how far training still has to go. :func:`fit_learning_curves` fits this
form to the points of many learning curves at once, optionally with an
irreducible loss E added in front (Henighan et al. 2020, eq. 1.1), which a
language with a known entropy rate needs.

Two helpers read a family of curves the way chapter 3 does:
:func:`tokens_to_reach` (how many tokens each model needs to reach a loss:
Kaplan's "larger models are more sample-efficient", section 1.1 and
Fig. 2) and :func:`lower_envelope` (the lowest loss any run reached after
a given amount of data or compute: the envelopes of Kaplan's Fig. 1).
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy.optimize import least_squares

from scalinglaws._validation import as_nonnegative, as_positive, scalar_or_array
from scalinglaws.fitting._inputs import positive_points, require_spread

# Re-exported: chapter 3 reads the data and compute envelopes of its learning curves from here.
from scalinglaws.fitting.envelope import as_curve, lower_envelope  # noqa: F401
from scalinglaws.fitting.result import FitResult, attach

#: Exponents (alpha_N, alpha_S) each fit starts from.
_START_EXPONENTS = (0.1, 0.4, 1.5)
#: Starting floors, as fractions of the smallest loss, when the floor is fitted.
_START_FLOOR_FRACTIONS = (0.0, 0.5, 0.9)


@dataclass(frozen=True)
class LearningCurveFit(FitResult):
    """Result of :func:`fit_learning_curves`: L = E + (N_c/N)^alpha_N + (S_c/S)^alpha_S.

    Attributes
    ----------
    alpha_N, alpha_S : float
        Exponents of model size and of training steps (or tokens).
    N_c, S_c : float
        Scales, in the units of the ``N`` and ``S`` that were fitted.
    E : float
        Irreducible loss: fixed by the caller, or fitted when ``E_fitted``.
    E_fitted : bool
        Whether E was a free parameter of the fit.
    residuals : ndarray
        log L_hat - log L at each point.
    converged : bool
    message : str
    """

    alpha_N: float
    alpha_S: float
    N_c: float
    S_c: float
    E: float
    E_fitted: bool
    residuals: np.ndarray
    converged: bool
    message: str

    @property
    def params(self) -> dict:
        """{"alpha_N", "alpha_S", "N_c", "S_c", "E"} of eq. (1.6) with the floor E."""
        return {
            "alpha_N": self.alpha_N,
            "alpha_S": self.alpha_S,
            "N_c": self.N_c,
            "S_c": self.S_c,
            "E": self.E,
        }

    def predict(self, N, S):
        """E + (N_c/N)^alpha_N + (S_c/S)^alpha_S at (N, S), Kaplan et al. (2020) eq. (1.6)."""
        N, S = as_positive(N, "N"), as_positive(S, "S")
        return scalar_or_array(
            self.E + (self.N_c / N) ** self.alpha_N + (self.S_c / S) ** self.alpha_S
        )

    def converged_loss(self, N):
        """E + (N_c/N)^alpha_N: the loss of N parameters trained without end, L(N, inf)."""
        N = as_positive(N, "N")
        return scalar_or_array(self.E + (self.N_c / N) ** self.alpha_N)


def fit_learning_curves(N, S, L, *, E=0.0) -> LearningCurveFit:
    """Fit L = E + (N_c/N)^alpha_N + (S_c/S)^alpha_S to learning-curve points.

    Kaplan et al. (2020), eq. (1.6) with Table 3's fit, plus an optional
    irreducible loss E. The fit is least squares on log L, so each point
    counts by its relative error, from a small grid of starting exponents.

    Parameters
    ----------
    N : array_like, shape (n,)
        Model size of each point (non-embedding parameters, in Kaplan's convention).
    S : array_like, shape (n,)
        Training progress at each point: optimiser steps (Kaplan's S_min) or,
        at a fixed batch size, tokens seen.
    L : array_like, shape (n,)
        Held-out loss in nats per token.
    E : float or None, default 0.0
        The irreducible loss (the floor, called ``E`` throughout the library).
        A number fixes it: 0 is Kaplan's eq. (1.6),
        and a language with a known entropy rate can pass that rate. None
        fits it, between 0 and the smallest loss.

    Returns
    -------
    LearningCurveFit

    Raises
    ------
    ValueError
        On NaN, non-positive or mismatched inputs; fewer points than the fit
        has parameters (4, or 5 with a fitted floor); all points at one N or
        at one S; or a fixed floor that is negative or not below every loss.

    Warns
    -----
    RuntimeWarning
        If the best start's optimisation did not converge.
    """
    fit_floor = E is None
    floor = E
    N, S, L = positive_points(5 if fit_floor else 4, N=N, S=S, L=L)
    require_spread(N, "N", "estimating alpha_N")
    require_spread(S, "S", "estimating alpha_S")
    l_min = float(L.min())
    if not fit_floor:
        floor = as_nonnegative(floor, "E")
        if floor.ndim != 0:
            raise ValueError(
                f"E must be a single number (or None to fit it), got shape {floor.shape}."
            )
        floor = float(floor)
        if floor >= l_min:
            raise ValueError(
                f"E = {floor:.6g} is not below the smallest loss ({l_min:.6g}); "
                "a fixed irreducible loss must lie under every measured loss."
            )
    x, s, t = np.log(N), np.log(S), np.log(L)
    floors = [l_min * f for f in _START_FLOOR_FRACTIONS] if fit_floor else [floor]
    upper_floor = np.nextafter(l_min, 0.0)
    best = None
    for (alpha_N, alpha_S), E in itertools.product(
        itertools.product(_START_EXPONENTS, repeat=2), floors
    ):
        # Each power-law term starts at half of the reducible loss at the median point.
        half = np.log(0.5 * np.median(L - E))
        start = [
            half + alpha_N * np.median(x),
            alpha_N,
            half + alpha_S * np.median(s),
            alpha_S,
        ]
        lower, upper = [-np.inf, 1e-8, -np.inf, 1e-8], [np.inf] * 4
        if fit_floor:
            start.append(min(E, upper_floor * (1 - 1e-12)))
            lower.append(0.0)
            upper.append(upper_floor)
        result = least_squares(
            _residuals,
            np.array(start),
            jac=_jacobian,
            args=(x, s, t, None if fit_floor else floor),
            bounds=(lower, upper),
            x_scale="jac",
            xtol=1e-14,
            ftol=1e-14,
            gtol=1e-14,
            max_nfev=5000,
        )
        if best is None or result.cost < best.cost:
            best = result
    c_N, alpha_N, c_S, alpha_S = (float(v) for v in best.x[:4])
    E = float(best.x[4]) if fit_floor else floor
    converged = bool(best.success)
    if not converged:
        warnings.warn(
            f"fit_learning_curves did not converge: {best.message}",
            RuntimeWarning,
            stacklevel=2,
        )
    fit = LearningCurveFit(
        alpha_N=alpha_N,
        alpha_S=alpha_S,
        N_c=float(np.exp(c_N / alpha_N)),
        S_c=float(np.exp(c_S / alpha_S)),
        E=E,
        E_fitted=fit_floor,
        residuals=_residuals(best.x, x, s, t, None if fit_floor else floor),
        converged=converged,
        message=str(best.message),
    )
    return attach(
        fit, partial(fit_learning_curves, E=None if fit_floor else floor), N, S, L
    )


def _terms(p, x, s, floor):
    # p = (c_N, alpha_N, c_S, alpha_S[, E]); each term is exp(c - alpha log z) = (z_c / z)^alpha.
    term_n = np.exp(p[0] - p[1] * x)
    term_s = np.exp(p[2] - p[3] * s)
    E = p[4] if floor is None else floor
    return term_n, term_s, E + term_n + term_s


def _residuals(p, x, s, t, floor):
    return np.log(_terms(p, x, s, floor)[2]) - t


def _jacobian(p, x, s, t, floor):
    term_n, term_s, total = _terms(p, x, s, floor)
    columns = [term_n / total, -term_n * x / total, term_s / total, -term_s * s / total]
    if floor is None:
        columns.append(1.0 / total)
    return np.column_stack(columns)


def tokens_to_reach(tokens, loss, target):
    """Tokens a learning curve needed to first reach each ``target`` loss.

    Kaplan et al. (2020), section 1.1 and Fig. 2: larger models reach a given
    loss after fewer tokens ("larger models are more sample-efficient").
    Between two evaluations the curve is interpolated linearly in
    (log tokens, log loss).

    Parameters
    ----------
    tokens : array_like, shape (m,)
        Tokens seen at each evaluation, strictly increasing and positive.
    loss : array_like, shape (m,)
        Held-out loss at each evaluation.
    target : float or array_like
        Loss(es) to reach.

    Returns
    -------
    float or ndarray
        Tokens at the first crossing of each target. NaN where the curve
        never gets down to the target, and where its first evaluation is
        already at or below it (the crossing happened before anything was
        measured, so the data cannot say when).

    Raises
    ------
    ValueError
        On non-positive or NaN values, curves of unequal length or fewer
        than 2 points, or tokens that do not increase.
    """
    tokens, loss = as_curve(tokens, loss, "tokens", "loss")
    target = as_positive(target, "target")
    log_t, log_l = np.log(tokens), np.log(loss)
    out = np.full(target.shape, np.nan)
    for index, goal in np.ndenumerate(np.log(target)):
        if log_l[0] <= goal:
            continue
        below = np.nonzero(log_l <= goal)[0]
        if below.size == 0:
            continue
        k = below[0]  # first evaluation at or below the target; k >= 1
        frac = (log_l[k - 1] - goal) / (log_l[k - 1] - log_l[k])
        out[index] = np.exp(log_t[k - 1] + frac * (log_t[k] - log_t[k - 1]))
    return scalar_or_array(out)
