"""Forecast a task's accuracy before training: compute -> loss -> accuracy, or compute -> accuracy.

The method the frontier labs publish (chapter 12, *Predicting what a model will
be able to do*) chains two fits made on small models:

1. **compute -> loss**, a power law with a floor, L(C) = E + (C0/C)^alpha
   (Henighan et al. 2020, eq. 1.1; the GPT-4 report's loss forecast,
   OpenAI 2023, section 3.1, uses the same form L(C) = aC^b + c);
2. **loss -> accuracy**, a logistic curve in the loss, with its floor at the
   chance level and its ceiling at a perfect score:

       acc(L) = floor + (ceiling - floor) / (1 + exp(slope * (L - L_mid))).

Llama 3 (Grattafiori et al. 2024, section 3.2.1) predicts benchmark accuracy
this way, with the negative log-likelihood of the correct answer as the
loss; Du et al. (2024) argue that accuracy is a function of the pre-training
loss whatever the model size, which is what makes step 2 transferable from
small models to large ones.

:func:`fit_two_step` fits both steps; :func:`fit_one_step` fits the direct
compute -> accuracy sigmoid that the two-step forecast is compared with
(:func:`scalinglaws.emergence.fit_sigmoid` in log-compute). Both results
follow the library's fit-result protocol (``params``, ``converged``,
``message``, ``residuals``, ``n_points``, ``predict``) and give a prediction
interval by a residual bootstrap (:meth:`TwoStepForecast.interval`).

The interval is conditional on the functional forms: it says how much the
forecast moves when the fitted points are re-drawn with the noise seen in
their residuals, not how wrong the forms may be beyond the data. Chapter 12
shows where that difference matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scalinglaws._validation import (
    as_count,
    as_finite,
    as_level,
    as_positive,
    as_seed,
    scalar_or_array,
)
from scalinglaws.emergence.sigmoid import SigmoidFit, fit_sigmoid
from scalinglaws.fitting.bootstrap import DEFAULT_LEVEL, percentile_interval
from scalinglaws.fitting.powerlaw import PowerLawFit, fit_power_law

_LOSS_NAMES = ("E", "C0", "alpha")
_ACCURACY_NAMES = ("loss_mid", "slope", "floor", "ceiling")


def _loss_params(fit: PowerLawFit) -> np.ndarray:
    return np.array([fit.E, fit.x0, fit.alpha])


def _accuracy_params(fit: SigmoidFit) -> np.ndarray:
    # The sigmoid is fitted in u = -loss, so its midpoint is -L_mid.
    return np.array([-fit.midpoint, fit.slope, fit.floor, fit.ceiling])


def _loss_curve(theta: np.ndarray, compute: np.ndarray) -> np.ndarray:
    """E + (C0/C)^alpha for each parameter row of ``theta`` [k, 3] and each compute [m] -> [k, m]."""
    E, C0, alpha = (theta[:, i : i + 1] for i in range(3))
    return E + np.exp(alpha * (np.log(C0) - np.log(compute)[None, :]))


def _accuracy_curve(theta: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """The logistic in loss for each parameter row of ``theta`` [k, 4] and loss [k, m] or [m]."""
    mid, slope, low, high = (theta[:, i : i + 1] for i in range(4))
    z = np.clip(slope * (loss - mid), -500, 500)
    return low + (high - low) / (1.0 + np.exp(z))


def _levels(floor, ceiling):
    low = float(as_finite(floor, "floor"))
    high = None if ceiling is None else float(as_finite(ceiling, "ceiling"))
    if high is not None and not low < high:
        raise ValueError(
            f"floor must be below ceiling, got floor={low!r} and ceiling={high!r}."
        )
    return low, high


def _points(x, y, x_name, y_name, positive_y):
    x = as_positive(x, x_name)
    y = as_positive(y, y_name) if positive_y else as_finite(y, y_name)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError(
            f"{x_name} and {y_name} must be 1-D arrays, one value per model."
        )
    if x.size != y.size:
        raise ValueError(
            f"{x_name} and {y_name} must have the same length, got {x.size} and {y.size}."
        )
    return x, y


def _band(samples: np.ndarray, level, shape) -> tuple:
    """Percentile interval of bootstrap ``samples`` [draws, m], reshaped to the caller's input ``shape``."""
    lo, hi = percentile_interval(samples, as_level(level))
    return scalar_or_array(np.reshape(lo, shape)), scalar_or_array(
        np.reshape(hi, shape)
    )


def _draws(forecast) -> np.ndarray:
    """The forecast's bootstrap parameter rows, or a clear error if it was fitted without any."""
    if forecast.bootstrap_params.shape[0] == 0:
        raise ValueError(
            "this forecast has no bootstrap draws; refit with n_bootstrap > 0."
        )
    return forecast.bootstrap_params


def _resampled(
    fitted: np.ndarray, residuals: np.ndarray, n_params: int, rng
) -> np.ndarray:
    """One residual-bootstrap draw: fitted values plus residuals drawn with replacement.

    Residuals are centred and inflated by sqrt(n / (n - p)), the usual
    correction for a least-squares fit having pulled them towards zero.
    """
    n = residuals.size
    centred = residuals - residuals.mean()
    scale = np.sqrt(n / max(n - n_params, 1))
    return fitted + scale * rng.choice(centred, size=n, replace=True)


@dataclass(frozen=True)
class TwoStepForecast:
    """Result of :func:`fit_two_step`: accuracy(C) = acc(L(C)).

    Attributes
    ----------
    loss_fit : PowerLawFit
        Step 1, loss against compute (``E``, ``x0`` = C0, ``alpha``).
    accuracy_fit : SigmoidFit
        Step 2, accuracy against the loss, fitted in ``-loss`` (so its
        ``midpoint`` is ``-L_mid``); use :meth:`accuracy_at_loss` rather than
        its ``predict``.
    params : dict of str to float
        ``E``, ``C0``, ``alpha`` (step 1, loss in the units given, compute in
        FLOPs) and ``loss_mid``, ``slope`` (1/unit of loss), ``floor``,
        ``ceiling`` (step 2).
    converged : bool
        Both steps converged.
    message : str
    residuals : ndarray
        Step 2's residuals, predicted minus measured accuracy, at its points.
    n_points : int
        Points fitted in step 1 plus points fitted in step 2.
    bootstrap_params : ndarray, shape [n_bootstrap, 7]
        Parameter vectors (in the order of ``params``) refitted on residual
        bootstrap draws; empty when ``n_bootstrap=0``. Draws whose refit did not
        converge are dropped; ``n_failed`` counts them.
    n_failed : int
    """

    loss_fit: PowerLawFit
    accuracy_fit: SigmoidFit
    params: dict
    converged: bool
    message: str
    residuals: np.ndarray
    n_points: int
    bootstrap_params: np.ndarray = field(repr=False)
    n_failed: int = 0

    def _theta(self) -> np.ndarray:
        return np.array([[self.params[k] for k in _LOSS_NAMES + _ACCURACY_NAMES]])

    def predict_loss(self, compute):
        """Step 1 alone: the forecast loss at ``compute`` (FLOPs, > 0)."""
        c = np.atleast_1d(as_positive(compute, "compute"))
        return scalar_or_array(
            _loss_curve(self._theta()[:, :3], c)[0].reshape(np.shape(compute))
        )

    def accuracy_at_loss(self, loss):
        """Step 2 alone: the accuracy a model with this loss is forecast to reach."""
        values = np.atleast_1d(as_finite(loss, "loss"))
        return scalar_or_array(
            _accuracy_curve(self._theta()[:, 3:], values)[0].reshape(np.shape(loss))
        )

    def accuracy_interval_at_loss(self, loss, level: float = DEFAULT_LEVEL):
        """Percentile interval of step 2 alone at ``loss``, over the bootstrap refits."""
        values = np.atleast_1d(as_finite(loss, "loss"))
        return _band(
            _accuracy_curve(_draws(self)[:, 3:], values), level, np.shape(loss)
        )

    def predict(self, compute):
        """Both steps: the forecast accuracy at ``compute`` (FLOPs, > 0)."""
        return self.accuracy_at_loss(self.predict_loss(compute))

    def interval(self, compute, level: float = DEFAULT_LEVEL):
        """Percentile interval of the forecast accuracy over the bootstrap refits.

        Parameters
        ----------
        compute : float or array_like
            FLOPs, > 0.
        level : float, default 0.8
            Coverage (0.8: 10th to 90th percentile).

        Returns
        -------
        lo, hi : float or ndarray

        Raises
        ------
        ValueError
            If the forecast was fitted with ``n_bootstrap=0``.
        """
        c = np.atleast_1d(as_positive(compute, "compute"))
        theta = _draws(self)
        return _band(
            _accuracy_curve(theta[:, 3:], _loss_curve(theta[:, :3], c)),
            level,
            np.shape(compute),
        )


def _fit_accuracy(loss, accuracy, low, high):
    return fit_sigmoid(
        -loss, accuracy, floor=low, ceiling=high, log_scale=False, on_failure="ignore"
    )


def fit_two_step(
    compute,
    loss,
    task_loss,
    accuracy,
    *,
    floor,
    ceiling=1.0,
    n_bootstrap: int = 0,
    seed: int = 0,
) -> TwoStepForecast:
    """Fit compute -> loss (power law with a floor) and loss -> accuracy (a sigmoid), for chaining.

    The two steps may use different models: step 1 needs each model's
    training compute and final loss; step 2 needs only (loss, accuracy) pairs,
    so every checkpoint of every small model can serve (Du et al. 2024 find
    that those fall on one curve).

    Parameters
    ----------
    compute, loss : array_like, shape [n]
        Step 1: training FLOPs and the loss reached (> 0), e.g. the final
        checkpoints of the small models; n >= 3.
    task_loss, accuracy : array_like, shape [m]
        Step 2: the same kind of loss and the task's accuracy, e.g. every
        checkpoint of the small models; m >= 3 (m >= 4 with a free ceiling).
    floor : float
        Accuracy by chance (0.25 for four-way multiple choice, 0.5 for two-way,
        0 for an open answer); fixed, not fitted.
    ceiling : float or None, default 1.0
        The accuracy reached at zero loss; None fits it.
    n_bootstrap : int, default 0
        Residual-bootstrap refits of both steps, for :meth:`TwoStepForecast.interval`.
    seed : int, default 0

    Returns
    -------
    TwoStepForecast

    Raises
    ------
    ValueError
        On non-positive compute or loss, NaN, mismatched lengths, too few
        points, ``floor >= ceiling`` or a negative ``n_bootstrap``.

    Examples
    --------
    >>> import numpy as np
    >>> flops = np.geomspace(1e19, 1e22, 6)
    >>> loss = 1.7 + (3e17 / flops) ** 0.3
    >>> grid = np.linspace(1.5, 4.0, 12)
    >>> acc = 0.25 + 0.75 / (1 + np.exp(4.0 * (grid - 2.2)))
    >>> f = fit_two_step(flops, loss, grid, acc, floor=0.25)
    >>> round(f.params["alpha"], 3), round(f.params["loss_mid"], 3), f.converged
    (0.3, 2.2, True)
    """
    compute, loss = _points(compute, loss, "compute", "loss", True)
    task_loss, accuracy = _points(task_loss, accuracy, "task_loss", "accuracy", False)
    low, high = _levels(floor, ceiling)
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=0)
    loss_fit = fit_power_law(compute, loss, offset=True)
    accuracy_fit = _fit_accuracy(task_loss, accuracy, low, high)
    params = dict(
        zip(
            _LOSS_NAMES + _ACCURACY_NAMES,
            np.concatenate(
                [_loss_params(loss_fit), _accuracy_params(accuracy_fit)]
            ).tolist(),
        )
    )
    problems = (
        [f"step 1 (compute -> loss): {loss_fit.message}"]
        if not loss_fit.converged
        else []
    )
    if not accuracy_fit.converged:
        problems.append(f"step 2 (loss -> accuracy): {accuracy_fit.message}")

    draws, failed = [], 0
    if n_bootstrap:
        rng = np.random.default_rng(as_seed(seed))
        log_fitted = np.log(loss_fit.predict(compute))
        acc_fitted = np.asarray(accuracy_fit.predict(-task_loss))
        acc_residuals = acc_fitted - accuracy
        n_acc_params = 2 + (high is None)
        for _ in range(n_bootstrap):
            log_loss = _resampled(log_fitted, -loss_fit.residuals, 3, rng)
            acc = _resampled(acc_fitted, -acc_residuals, n_acc_params, rng)
            try:
                with np.errstate(all="ignore"):
                    step1 = fit_power_law(compute, np.exp(log_loss), offset=True)
                step2 = _fit_accuracy(task_loss, acc, low, high)
            except (ValueError, RuntimeWarning):
                failed += 1
                continue
            if not (step1.converged and step2.converged):
                failed += 1
                continue
            draws.append(np.concatenate([_loss_params(step1), _accuracy_params(step2)]))
    return TwoStepForecast(
        loss_fit=loss_fit,
        accuracy_fit=accuracy_fit,
        params=params,
        converged=not problems,
        message="; ".join(problems) or "both steps converged",
        residuals=np.asarray(accuracy_fit.predict(-task_loss)) - accuracy,
        n_points=int(compute.size + task_loss.size),
        bootstrap_params=np.array(draws).reshape(-1, 7),
        n_failed=failed,
    )


@dataclass(frozen=True)
class OneStepForecast:
    """Result of :func:`fit_one_step`: accuracy against log-compute directly.

    Attributes
    ----------
    fit : SigmoidFit
        The sigmoid in log10(compute).
    params : dict of str to float
        ``midpoint`` (FLOPs), ``slope`` (1/decade), ``floor``, ``ceiling``.
    converged, message, residuals, n_points
        As for :class:`TwoStepForecast`; residuals are predicted minus measured.
    bootstrap_params : ndarray, shape [n_bootstrap, 4]
    n_failed : int
    """

    fit: SigmoidFit
    params: dict
    converged: bool
    message: str
    residuals: np.ndarray
    n_points: int
    bootstrap_params: np.ndarray = field(repr=False)
    n_failed: int = 0

    def predict(self, compute):
        """The forecast accuracy at ``compute`` (FLOPs, > 0)."""
        return self.fit.predict(compute)

    def interval(self, compute, level: float = DEFAULT_LEVEL):
        """Percentile interval of the forecast over the bootstrap refits (see :meth:`TwoStepForecast.interval`)."""
        u = np.log10(np.atleast_1d(as_positive(compute, "compute")))
        mid, slope, low, high = _draws(self).T
        # The same logistic as step 2 of the two-step forecast, in -log10(C) for the loss.
        theta = np.column_stack([-np.log10(mid), slope, low, high])
        return _band(_accuracy_curve(theta, -u), level, np.shape(compute))


def fit_one_step(
    compute, accuracy, *, floor, ceiling=1.0, n_bootstrap: int = 0, seed: int = 0
) -> OneStepForecast:
    """Fit accuracy against log-compute with one sigmoid: the baseline for :func:`fit_two_step`.

    Parameters
    ----------
    compute, accuracy : array_like, shape [n]
        Training FLOPs (> 0) and the task's accuracy of each model.
    floor, ceiling, n_bootstrap, seed
        As for :func:`fit_two_step`.

    Returns
    -------
    OneStepForecast

    Raises
    ------
    ValueError
        As for :func:`fit_two_step`.
    """
    compute, accuracy = _points(compute, accuracy, "compute", "accuracy", False)
    low, high = _levels(floor, ceiling)
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=0)
    fit = fit_sigmoid(compute, accuracy, floor=low, ceiling=high, on_failure="ignore")
    fitted = np.asarray(fit.predict(compute))
    draws, failed = [], 0
    if n_bootstrap:
        rng = np.random.default_rng(as_seed(seed))
        for _ in range(n_bootstrap):
            acc = _resampled(fitted, accuracy - fitted, 2 + (high is None), rng)
            refit = fit_sigmoid(
                compute, acc, floor=low, ceiling=high, on_failure="ignore"
            )
            if not refit.converged:
                failed += 1
                continue
            draws.append([refit.midpoint, refit.slope, refit.floor, refit.ceiling])
    return OneStepForecast(
        fit=fit,
        params={
            "midpoint": fit.midpoint,
            "slope": fit.slope,
            "floor": fit.floor,
            "ceiling": fit.ceiling,
        },
        converged=fit.converged,
        message=fit.message,
        residuals=fitted - accuracy,
        n_points=int(compute.size),
        bootstrap_params=np.array(draws, dtype=float).reshape(-1, 4),
        n_failed=failed,
    )
