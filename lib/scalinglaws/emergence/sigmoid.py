"""Can emergence be predicted? A sigmoid in log-compute, fitted to small models and extrapolated.

An ability's score against log-scale often looks like a logistic curve: flat
at chance, a rise, then a plateau. Fitting that curve to the smaller models of
a family and reading off the larger ones is the simplest forecast of an
emergent ability. Ruan, Maddison & Hashimoto (2024), "Observational Scaling
Laws", fit the same sigmoid against a capability measure read from many
benchmarks instead of against compute. Chapter 7 shows
that the forecast works once the rise has begun in the fitted models and
fails, loudly, when they all sit at chance: then the midpoint and the width
are not determined by the data, and :func:`fit_sigmoid` says so.

The curve is

    y(x) = floor + (ceiling - floor) / (1 + exp(-slope * (u - u0))),  u = log10(x),

with ``u0`` the midpoint in decades and ``slope`` in units of 1/decade.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy.optimize import least_squares
from scipy.special import expit, xlogy

from scalinglaws._validation import (
    as_finite,
    as_positive,
    optional_scalar,
    same_length,
    scalar_or_array,
)
from scalinglaws.fitting.result import FitResult, attach

#: Bounds on the slope, in 1/decade (1/unit of x without the log). Below the
#: lower one the curve is a straight line; at the upper one it is a step whose
#: position is pinned only to lie between two models.
SLOPE_BOUNDS = (1e-3, 1e3)

#: The midpoint may lie this many spans of the data beyond either end; a fit
#: that runs into this bound has no midpoint the data can locate.
MIDPOINT_MARGIN_SPANS = 3.0

#: J^T J with a larger condition number is treated as singular: the data do
#: not pin every parameter down.
_MAX_CONDITION = 1e12


class SigmoidFitWarning(RuntimeWarning):
    """Raised as a warning by :func:`fit_sigmoid` when the fit did not converge."""


class SigmoidFitError(RuntimeError):
    """Raised by :func:`fit_sigmoid` with ``on_failure="raise"`` when the fit did not converge."""


@dataclass(frozen=True)
class SigmoidFit(FitResult):
    """Result of :func:`fit_sigmoid`.

    Attributes
    ----------
    midpoint : float
        The scale at which the curve is halfway from floor to ceiling, in the
        units of the input scale (FLOPs, parameters...).
    slope : float
        Steepness in 1/decade of scale (1/unit when ``log_scale`` is False).
    floor, ceiling : float
        The curve's limits at small and large scale (fixed or fitted).
    log_scale : bool
        Whether the curve is in log10 of the scale.
    converged : bool
        True if the optimiser stopped at a well-determined optimum: it
        reported success, no free parameter sits on its bound, the Jacobian
        has full rank, and the midpoint's standard error is smaller than
        the span of the data. False means the data cannot locate the
        curve; do not trust :meth:`predict` beyond the data.
    message : str
        Why the fit is or is not trusted.
    rss : float
        Sum of squared residuals at the optimum: of the scores, or, when
        the fit was given test-set sizes, the binomial deviance.
    stderr : dict of str to float
        Asymptotic standard errors of the free parameters (``"u0"`` in
        decades, ``"slope"``, and ``"floor"``/``"ceiling"`` when free), from
        the Jacobian at the optimum; ``inf`` where it is singular.
    residuals : ndarray, shape (n,)
        Fitted minus observed score at each model (deviance residuals when
        fitted to counts).

    The number of models fitted is :attr:`n_points`, and :meth:`bootstrap`
    and :meth:`interval` give resampling intervals of :attr:`params`
    (see :mod:`scalinglaws.fitting.result`).
    """

    midpoint: float
    slope: float
    floor: float
    ceiling: float
    log_scale: bool
    converged: bool
    message: str
    rss: float
    stderr: dict
    residuals: np.ndarray

    @property
    def params(self) -> dict:
        """{"midpoint", "slope", "floor", "ceiling"}: the curve's position (units of scale), steepness and limits."""
        return {
            "midpoint": self.midpoint,
            "slope": self.slope,
            "floor": self.floor,
            "ceiling": self.ceiling,
        }

    @property
    def width(self) -> float:
        """Decades of scale (units, without log) from 10% to 90% of the rise: ``2 ln 9 / slope``."""
        return 2.0 * np.log(9.0) / self.slope

    def predict(self, scale):
        """The fitted curve at ``scale`` (vectorised; > 0 when ``log_scale``)."""
        u = _as_axis(scale, self.log_scale, "scale")
        u0 = np.log10(self.midpoint) if self.log_scale else self.midpoint
        return scalar_or_array(
            self.floor + (self.ceiling - self.floor) * expit(self.slope * (u - u0))
        )


def _as_axis(scale, log_scale: bool, name: str) -> np.ndarray:
    return np.log10(as_positive(scale, name)) if log_scale else as_finite(scale, name)


def _curve_and_jacobian(theta, u, floor, ceiling):
    """Model values and their derivatives with respect to the free parameters."""
    u0, slope = theta[0], theta[1]
    rest = iter(theta[2:])
    low = next(rest) if floor is None else floor
    high = next(rest) if ceiling is None else ceiling
    s = expit(slope * (u - u0))
    rise = (high - low) * s * (1.0 - s)
    columns = [-slope * rise, (u - u0) * rise]
    if floor is None:
        columns.append(1.0 - s)
    if ceiling is None:
        columns.append(s)
    return low + (high - low) * s, np.stack(columns, axis=1)


def _diagnose(result, lower, upper, names) -> str:
    """Empty string if the optimum is trustworthy, else the reason it is not."""
    if result.status <= 0:
        return f"the optimiser stopped without converging ({result.message})"
    room = 1e-6 * (upper - lower)
    pinned = [
        name
        for name, value, lo, hi, r in zip(names, result.x, lower, upper, room)
        if value - lo <= r or hi - value <= r
    ]
    if pinned:
        return (
            "parameter(s) "
            + ", ".join(pinned)
            + " ran into their bounds: the data do not "
            "locate the rise (a step between two models, or no rise at all)"
        )
    singular = np.linalg.svd(result.jac, compute_uv=False)
    if singular[0] == 0 or (singular[0] / singular[-1]) ** 2 > _MAX_CONDITION:
        return "the Jacobian is singular at the optimum: the data do not pin down every parameter"
    return ""


def _as_counts(n_examples, y: np.ndarray) -> np.ndarray | None:
    """Test-set sizes broadcast to one per model, or None for a plain least-squares fit."""
    if n_examples is None:
        return None
    counts = as_positive(n_examples, "n_examples")
    if np.any(counts != np.round(counts)):
        raise ValueError(
            f"n_examples must be whole numbers of test questions, got {n_examples!r}."
        )
    try:
        counts = np.broadcast_to(counts, y.shape)
    except ValueError:
        raise ValueError(
            f"n_examples must be one number or one per model ({y.size}), got shape {counts.shape}."
        ) from None
    if np.any(y < 0) or np.any(y > 1):
        raise ValueError(
            "with n_examples, score must be a fraction of questions answered correctly, in [0, 1]."
        )
    return counts


def _deviance_residuals(predicted, y, counts):
    """Signed square roots of each model's binomial deviance; their squares sum to 2 x (NLL - its minimum)."""
    q = np.clip(predicted, 1e-12, 1 - 1e-12)
    deviance = (
        2
        * counts
        * (xlogy(y, y) - xlogy(y, q) + xlogy(1 - y, 1 - y) - xlogy(1 - y, 1 - q))
    )
    return np.sign(y - q) * np.sqrt(np.maximum(deviance, 0.0))


def fit_sigmoid(
    scale,
    score,
    *,
    floor=None,
    ceiling=None,
    n_examples=None,
    log_scale=True,
    on_failure="warn",
) -> SigmoidFit:
    """Fit a logistic curve in log-scale to an ability's score across a model family.

    Parameters
    ----------
    scale : array_like, shape [n]
        Training compute (FLOPs), parameters or another size measure, > 0
        (any finite values when ``log_scale=False``, e.g. a capability score).
    score : array_like, shape [n]
        The ability's metric for each model.
    floor, ceiling : float, optional
        Fix the curve's lower and upper limits (chance level and perfect
        score, say); left as None they are fitted too. Fixing them is what
        makes a forecast from pre-emergence models possible at all.
    n_examples : int or array_like of int, optional
        Test-set size behind each score, when ``score`` is a fraction of
        questions answered correctly. The fit then maximises the binomial
        likelihood, so a score of 0 out of 1,000 counts as evidence of an
        accuracy below about 1/1,000, not as an exact 0, and the standard
        errors are those of the counts. Without it, the fit is plain least
        squares and the standard errors come from the scatter of the residuals.
    log_scale : bool, default True
        Fit in ``log10(scale)``, as one plots emergence.
    on_failure : {"warn", "raise", "ignore"}, default "warn"
        What to do when the fit does not converge (see
        :attr:`SigmoidFit.converged`): issue a :class:`SigmoidFitWarning`,
        raise :class:`SigmoidFitError`, or only set ``converged=False``.

    Returns
    -------
    SigmoidFit

    Raises
    ------
    ValueError
        If the inputs are not finite, differ in length, scale is not
        positive on a log axis, ``floor >= ceiling``, there are no more
        points than free parameters, ``n_examples`` is given with scores
        outside [0, 1], or ``on_failure`` is unknown.
    SigmoidFitError
        With ``on_failure="raise"``, if the fit did not converge.

    Notes
    -----
    Least squares on the residuals (or on the binomial deviance residuals,
    whose sum of squares is twice the negative log-likelihood up to a
    constant) with scipy's trust-region reflective method, from a small
    grid of starts, keeping the best. Midpoints are bounded to within
    :data:`MIDPOINT_MARGIN_SPANS` spans of the data and slopes to
    :data:`SLOPE_BOUNDS`. Standard errors are from the Gauss-Newton
    approximation ``(J^T J)^-1`` at the optimum, scaled by the residual
    variance in the least-squares case.

    Examples
    --------
    >>> import numpy as np
    >>> flops = np.geomspace(1e20, 1e24, 9)
    >>> truth = 1 / (1 + np.exp(-3 * (np.log10(flops) - 22.5)))
    >>> fit = fit_sigmoid(flops, truth, floor=0.0, ceiling=1.0)
    >>> fit.converged, round(float(np.log10(fit.midpoint)), 3), round(fit.slope, 3)
    (True, 22.5, 3.0)
    """
    if on_failure not in ("warn", "raise", "ignore"):
        raise ValueError(
            f"on_failure must be 'warn', 'raise' or 'ignore', got {on_failure!r}."
        )
    u, y, counts, low, high, names = _sigmoid_inputs(
        scale, score, floor, ceiling, n_examples, bool(log_scale)
    )
    span = float(u.max() - u.min())
    best = _best_start(u, y, counts, low, high, span)

    rss = float(2.0 * best.cost)
    # Least squares estimates the noise from the residuals; counts know it already.
    noise_variance = rss / (y.size - len(names)) if counts is None else 1.0
    try:
        errors = np.sqrt(
            np.clip(
                np.diag(np.linalg.inv(best.jac.T @ best.jac)) * noise_variance,
                0.0,
                None,
            )
        )
    except np.linalg.LinAlgError:
        errors = np.full(len(names), np.inf)
    problem = _diagnose(best, best.lower, best.upper, names)
    if not problem and not errors[0] < span:
        # An optimum far outside the data, or one that fits noise around the
        # floor: the midpoint could be almost anywhere.
        problem = (
            f"the midpoint is uncertain by +-{errors[0]:.3g} {'decades' if log_scale else 'units'}, "
            f"more than the {span:.3g} the data span: the data do not locate the rise"
        )
    values = dict(zip(names, best.x.tolist()))
    fit = SigmoidFit(
        midpoint=10.0 ** values["u0"] if log_scale else values["u0"],
        slope=values["slope"],
        floor=values.get("floor", low),
        ceiling=values.get("ceiling", high),
        log_scale=bool(log_scale),
        converged=not problem,
        message=problem
        or "converged: the optimum is interior and every parameter is determined",
        rss=rss,
        stderr=dict(zip(names, errors.tolist())),
        residuals=best.fun,
    )
    options = dict(
        floor=floor, ceiling=ceiling, log_scale=log_scale, on_failure="ignore"
    )
    if counts is None:
        attach(fit, partial(fit_sigmoid, **options), np.asarray(scale, dtype=float), y)
    else:  # resample each model's test-set size with its score
        attach(
            fit,
            partial(_refit_with_counts, **options),
            np.asarray(scale, dtype=float),
            y,
            counts,
        )
    if problem and on_failure == "raise":
        raise SigmoidFitError(f"sigmoid fit did not converge: {problem}.")
    if problem and on_failure == "warn":
        warnings.warn(
            f"sigmoid fit did not converge: {problem}.", SigmoidFitWarning, stacklevel=2
        )
    return fit


def _sigmoid_inputs(scale, score, floor, ceiling, n_examples, log_scale):
    """Validated (u, y, counts, floor, ceiling, free parameter names) of :func:`fit_sigmoid`."""
    u = _as_axis(scale, log_scale, "scale")
    y = as_finite(score, "score")
    if u.ndim != 1 or y.ndim != 1:
        raise ValueError("scale and score must be 1-D arrays, one value per model.")
    same_length(scale=u, score=y)
    counts = _as_counts(n_examples, y)
    low, high = optional_scalar(floor, "floor"), optional_scalar(ceiling, "ceiling")
    if low is not None and high is not None and low >= high:
        raise ValueError(
            f"floor must be below ceiling, got floor={low!r} and ceiling={high!r}."
        )
    if counts is not None and any(
        level is not None and not 0 <= level <= 1 for level in (low, high)
    ):
        raise ValueError(
            "with n_examples, floor and ceiling must be fractions in [0, 1]."
        )
    names = (
        ["u0", "slope"]
        + (["floor"] if low is None else [])
        + (["ceiling"] if high is None else [])
    )
    if y.size <= len(names):
        raise ValueError(
            f"fitting {len(names)} free parameters ({', '.join(names)}) needs more than {len(names)} "
            f"points, got {y.size}; fix floor and/or ceiling or add models."
        )
    if float(u.max() - u.min()) == 0:
        raise ValueError(
            "scale has a single distinct value; a curve needs models at different scales."
        )
    return u, y, counts, low, high, names


def _best_start(u, y, counts, low, high, span):
    """The lowest least-squares optimum from a small grid of starts (scipy's result, with its bounds added)."""
    lower = [u.min() - MIDPOINT_MARGIN_SPANS * span, SLOPE_BOUNDS[0]]
    upper = [u.max() + MIDPOINT_MARGIN_SPANS * span, SLOPE_BOUNDS[1]]
    level_starts = []
    y_range = float(y.max() - y.min())
    lowest, highest = (0.0, 1.0) if counts is not None else (-np.inf, np.inf)
    if low is None:  # a free floor may lie a little outside the data, never far
        lower.append(max(y.min() - y_range, lowest))
        upper.append(y.max())
        level_starts.append(y.min())
    if high is None:
        lower.append(y.min())
        upper.append(min(y.max() + y_range, highest))
        level_starts.append(y.max())
    lower, upper = np.array(lower, dtype=float), np.array(upper, dtype=float)
    if np.any(lower >= upper):
        raise ValueError(
            "every score is the same, so a free floor or ceiling cannot be fitted; fix them."
        )

    def residuals(theta):
        predicted = _curve_and_jacobian(theta, u, low, high)[0]
        return (
            predicted - y
            if counts is None
            else _deviance_residuals(predicted, y, counts)
        )

    def jacobian(theta):
        return _curve_and_jacobian(theta, u, low, high)[1]

    best = None
    for u0 in np.quantile(u, [0.1, 0.5, 0.9]).tolist() + [u.max() + 0.5 * span]:
        for slope in (2.0 / span, 8.0 / span):
            start = np.clip(
                [u0, slope, *level_starts],
                lower + 1e-9 * (upper - lower),
                upper - 1e-9 * (upper - lower),
            )
            result = least_squares(
                residuals,
                start,
                jac=jacobian if counts is None else "2-point",
                bounds=(lower, upper),
                method="trf",
                x_scale="jac",
                max_nfev=2000,
            )
            if best is None or result.cost < best.cost:
                best = result
    best.lower, best.upper = lower, upper
    return best


def _refit_with_counts(scale, score, n_examples, **options):
    return fit_sigmoid(scale, score, n_examples=n_examples, **options)
