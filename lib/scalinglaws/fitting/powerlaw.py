"""Power laws y = (x0/x)^alpha, with or without an irreducible offset E.

The pure form is Kaplan et al. (2020) eqs. (1.1)-(1.3); the saturating form
y = E + (x0/x)^alpha is Henighan et al. (2020) eq. (1.1), with E the
irreducible loss. Chapters 1-3 fit both to losses against N, D and C.

Both are fitted in log space, where a power law is a straight line and each
point counts by its relative error: the pure form by ordinary least squares
on (log x, log y); the saturating form by least squares on
log(E + (x0/x)^alpha) - log y with 0 <= E < min(y), started from the best of
a scan over E. The bounds are what keep E honest: a negative floor, or one
above the smallest observed loss, is not a loss anyone could reach.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from scalinglaws._validation import as_level, as_positive, scalar_or_array
from scalinglaws.fitting._inputs import positive_points, require_spread
from scalinglaws.fitting.bootstrap import BootstrapResult, resample_indices
from scalinglaws.fitting.result import FitResult, attach
from scalinglaws.laws import SaturatingPowerLaw

#: Fractions of min(y) tried as the offset E before the joint refinement.
_OFFSET_SCAN = np.concatenate([[0.0], 1.0 - np.geomspace(1.0, 1e-4, 60)[1:]])


@dataclass(frozen=True)
class PowerLawFit(FitResult):
    """Result of :func:`fit_power_law`: y = E + (x0/x)^alpha (E = 0 without offset).

    Attributes
    ----------
    alpha : float
        Exponent; positive when y falls with x.
    x0 : float
        Scale where the power-law term equals 1 (units of x).
    E : float
        Offset (irreducible part); 0.0 for the pure power law.
    offset : bool
        Whether E was fitted.
    residuals : ndarray
        log(y_hat) - log(y) at every point.
    converged : bool
        Whether the optimiser reported success (always True for the pure form,
        which has a closed-form solution).
    message : str
    """

    alpha: float
    x0: float
    E: float
    offset: bool
    residuals: np.ndarray
    converged: bool = True
    message: str = "closed-form least squares"

    @property
    def params(self) -> dict:
        """{"alpha", "x0", "E"}: exponent, scale (units of x) and offset (units of y)."""
        return {"alpha": self.alpha, "x0": self.x0, "E": self.E}

    def _compute_bootstrap(self, n_bootstrap, seed, *, stat_fn, names, level):
        if stat_fn is not None or names is not None:
            return super()._compute_bootstrap(
                n_bootstrap, seed, stat_fn=stat_fn, names=names, level=level
            )
        if self.offset:  # a refit per resample
            return super()._compute_bootstrap(
                n_bootstrap, seed, stat_fn=None, names=None, level=level
            )
        return _bootstrap_pure_power_law(
            *self.data, n_bootstrap=n_bootstrap, seed=seed, level=level
        )

    @property
    def coefficient(self) -> float:
        """k in the equivalent form y - E = k x^(-alpha), i.e. x0**alpha."""
        return float(self.x0**self.alpha)

    def predict(self, x):
        """E + (x0/x)^alpha at ``x`` (positive)."""
        x = as_positive(x, "x")
        return scalar_or_array(
            self.E + np.exp(self.alpha * (np.log(self.x0) - np.log(x)))
        )

    @property
    def law(self) -> SaturatingPowerLaw:
        """The fit as a :class:`~scalinglaws.laws.SaturatingPowerLaw` (needs alpha > 0)."""
        if not self.alpha > 0:
            raise ValueError(
                f"alpha = {self.alpha:.4g} is not > 0: y grows with x, which a SaturatingPowerLaw cannot hold."
            )
        return SaturatingPowerLaw(x0=self.x0, alpha=self.alpha, E=self.E)


def fit_power_law(x, y, offset: bool = False) -> PowerLawFit:
    """Fit y = (x0/x)^alpha, or y = E + (x0/x)^alpha with ``offset=True``, in log space.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Positive values; n >= 2 (n >= 3 with an offset), x not all equal.
    offset : bool, default False
        Fit the irreducible offset E too (Henighan et al. 2020, eq. 1.1).

    Returns
    -------
    PowerLawFit

    Raises
    ------
    ValueError
        On non-positive, NaN or mismatched inputs, too few points, all
        points at one x, or a fitted exponent of zero (x0 is then undefined).

    Warns
    -----
    RuntimeWarning
        If the offset fit did not converge (``.converged`` is then False).
    """
    x, y = positive_points(3 if offset else 2, x=x, y=y)
    require_spread(x, "x", "fitting a power law")
    lx, ly = np.log(x), np.log(y)
    if not offset:
        slope, intercept = np.polyfit(lx, ly, 1)
        if abs(slope) < 1e-12:
            raise ValueError(
                "the fitted slope is 0 (to 1e-12), so x0 is undefined; y does not vary with x."
            )
        alpha = -slope
        log_x0 = intercept / alpha
        residuals = intercept + slope * lx - ly
        fit = PowerLawFit(
            alpha=float(alpha),
            x0=float(np.exp(log_x0)),
            E=0.0,
            offset=False,
            residuals=residuals,
        )
    else:
        fit = _fit_with_offset(lx, ly, y.min())
    return attach(fit, _refit_with_offset if offset else fit_power_law, x, y)


def _refit_with_offset(x, y):
    return fit_power_law(x, y, offset=True)


def _fit_with_offset(lx, ly, y_min) -> PowerLawFit:
    # Parameters p = (E, c, alpha) with the power-law term exp(c - alpha log x),
    # c = alpha log x0. For a fixed E the best (c, alpha) is a straight-line fit
    # of log(y - E); scanning E that way gives a start in the right basin.
    best = None
    for frac in _OFFSET_SCAN:
        E = frac * y_min
        slope, c = np.polyfit(lx, np.log(np.exp(ly) - E), 1)
        p = np.array([E, c, -slope])
        cost = np.sum(_offset_residuals(p, lx, ly) ** 2)
        if np.isfinite(cost) and (best is None or cost < best[0]):
            best = (cost, p)
    upper = np.nextafter(y_min, 0.0)
    start = best[1].copy()
    start[0] = min(start[0], upper * (1 - 1e-12))
    result = least_squares(
        _offset_residuals,
        start,
        jac=_offset_jacobian,
        args=(lx, ly),
        bounds=([0.0, -np.inf, -np.inf], [upper, np.inf, np.inf]),
        x_scale="jac",
        xtol=1e-15,
        ftol=1e-15,
        gtol=1e-15,
        max_nfev=10000,
    )
    E, c, alpha = (float(v) for v in result.x)
    converged = bool(result.success)
    if not converged:
        warnings.warn(
            f"fit_power_law(offset=True) did not converge: {result.message}",
            RuntimeWarning,
            stacklevel=3,
        )
    if abs(alpha) < 1e-12:
        raise ValueError(
            "the fitted exponent is 0 (to 1e-12), so x0 is undefined; y does not vary with x."
        )
    return PowerLawFit(
        alpha=alpha,
        x0=float(np.exp(c / alpha)),
        E=E,
        offset=True,
        residuals=_offset_residuals(result.x, lx, ly),
        converged=converged,
        message=str(result.message),
    )


def _offset_residuals(p, lx, ly):
    E, c, alpha = p
    return np.log(E + np.exp(c - alpha * lx)) - ly


def _offset_jacobian(p, lx, ly):
    E, c, alpha = p
    term = np.exp(c - alpha * lx)
    total = E + term
    share = term / total
    return np.column_stack([1.0 / total, share, -share * lx])


def _bootstrap_pure_power_law(x, y, *, n_bootstrap, seed, level) -> BootstrapResult:
    """The bootstrap of :func:`~scalinglaws.fitting.bootstrap.bootstrap` for the pure power law, all resamples at once.

    The same resamples (:func:`resample_indices`) and the same closed-form
    least-squares line as :func:`fit_power_law`, vectorised over resamples,
    so that thousands of refits take milliseconds; resamples that
    :func:`fit_power_law` would refuse (every point at one x, or a slope of
    zero) are NaN and counted as failed, with the same warning.
    """
    full = fit_power_law(x, y)  # validates the data and gives the estimate
    level = as_level(level)
    idx = resample_indices(x.size, n_bootstrap, seed)
    lx, ly = np.log(x)[idx], np.log(y)[idx]
    dx = lx - lx.mean(axis=1, keepdims=True)
    sxx = np.sum(dx * dx, axis=1)
    spread = np.ptp(lx, axis=1) > 1e-12  # fit_power_law's require_spread
    slope = np.sum(dx * (ly - ly.mean(axis=1, keepdims=True)), axis=1) / np.where(
        spread, sxx, 1.0
    )
    ok = spread & (np.abs(slope) >= 1e-12)
    alpha = np.where(ok, -slope, np.nan)
    intercept = ly.mean(axis=1) - slope * lx.mean(axis=1)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        x0 = np.exp(intercept / alpha)
    samples = np.column_stack([alpha, x0, np.where(ok, 0.0, np.nan)])
    n_failed = int(np.count_nonzero(~ok))
    if n_failed:
        warnings.warn(
            f"{n_failed} of {idx.shape[0]} bootstrap refits failed or did not converge; "
            "they are left out of the intervals.",
            RuntimeWarning,
            stacklevel=3,
        )
    return BootstrapResult(
        names=("alpha", "x0", "E"),
        estimate=np.array([full.alpha, full.x0, full.E]),
        samples=samples,
        level=level,
        seed=int(seed),
        n_failed=n_failed,
    )
