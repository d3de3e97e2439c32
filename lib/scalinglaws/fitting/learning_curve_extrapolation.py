"""Extrapolating learning curves with the four estimators of Alabdulmohsin et al. (2022).

Alabdulmohsin, Neyshabur and Zhai, "Revisiting Neural Scaling Laws in
Language and Vision" (NeurIPS 2022, arXiv:2209.06640), judge a scaling law
by how well it predicts the later part of a learning curve from the
earlier part, not by how well it fits. They compare four estimators of the
error eps(x) after x examples seen (their section 2, in their notation with
beta > 0 and c < 0):

- **M1**, a pure power law: eps = beta x^c;
- **M2**, a power law with a floor: eps = beta x^c + eps_inf (the form of
  Henighan et al. 2020 and of chapter 4);
- **M3**, the variant used for vision by Zhai et al. (2022):
  eps = beta (x^-1 + gamma)^(-c), which bends from beta x^c at small x to
  the plateau beta gamma^(-c) at large x;
- **M4**, their own: (eps - eps_inf) / (eps_0 - eps)^alpha = beta x^c, a
  sigmoid-like curve in log x that starts at the random-guess error eps_0,
  falls as a power law, and levels off at eps_inf; alpha = 0 gives M2.

The extrapolation error of a fit on held-out rows is the root mean squared
difference of log predictions and log observations (their section 3).

How each is fitted here (the book's own code, written from the paper's
description):

- M1 by least squares of log eps on log x (exact).
- M2 and M3 by bounded nonlinear least squares on the log residuals
  log(prediction) - log(eps), from several starts, keeping the best;
  eps_inf is kept in [0, min eps), gamma >= 0.
- M4 in two levels. For fixed (eps_inf, eps_0) the paper's equation is
  linear in (log beta, c, alpha) after taking logs,
  log(eps - eps_inf) = log beta + c log x + alpha log(eps_0 - eps), and is
  solved by least squares with c <= 0 and alpha >= 0, as the paper does.
  (eps_inf, eps_0), kept in 0 <= eps_inf <= min eps - 1e-3 and
  eps_0 >= max eps + 1e-3 (and eps_0 <= ``upper`` for a bounded metric
  such as an error rate), are then chosen, from a grid of starts, to
  minimise the squared log error of the fitted curve, the same objective as
  M2 and M3. The paper instead descends on the transformed-space objective
  from eps_inf just below the smallest error; that objective is smallest
  at eps_inf = 0 on most language curves here, where M4 collapses to M1,
  so the book does not use it. Predicting solves the implicit equation for
  eps by bisection.

Every fit returns a :class:`CurveFit` with the project's fit-result shape
(``params``, ``converged``, ``message``, ``residuals``, ``n_points``,
``predict``). Chapter 11 uses this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize

from scalinglaws._validation import as_positive, same_length
from scalinglaws.fitting.bootstrap import resample_indices
from scalinglaws.fitting.result import FitResult, attach

ESTIMATORS = ("M1", "M2", "M3", "M4")
MARGIN = 1e-3  # distance kept between eps_inf / eps_0 and the observed errors
_MAX_EXPONENT = 5.0


# ----------------------------------------------------------------- predictions


def _m4_solve(f, e_inf, e_0, alpha):
    """The eps with (eps - e_inf) / (e_0 - eps)^alpha = f, for every f (vectorised bisection).

    With w = eps - e_inf and b = e_0 - e_inf, h(w) = w - f (b - w)^alpha rises
    from -f b^alpha < 0 at w = 0 to b > 0 at w = b, so the root is unique.
    """
    f = np.asarray(f, dtype=float)
    b = e_0 - e_inf
    lo, hi = np.zeros_like(f), np.full_like(f, b)
    for _ in range(64):
        mid = 0.5 * (lo + hi)
        above = mid - f * (b - mid) ** alpha > 0
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    return e_inf + 0.5 * (lo + hi)


def predict_curve(estimator, params, x):
    """The error an estimator's parameters give at ``x`` (examples seen; vectorised).

    Parameters
    ----------
    estimator : {"M1", "M2", "M3", "M4"}
    params : mapping
        M1: beta, c. M2: beta, c, eps_inf. M3: beta, c, gamma. M4: beta, c,
        alpha, eps_inf, eps_0 (natural units: x in examples, eps in the
        metric's units).
    x : array_like
        Examples seen (> 0).
    """
    x = as_positive(x, "x")
    p = params
    if estimator == "M1":
        return p["beta"] * x ** p["c"]
    if estimator == "M2":
        return p["beta"] * x ** p["c"] + p["eps_inf"]
    if estimator == "M3":
        return p["beta"] * (1.0 / x + p["gamma"]) ** (-p["c"])
    if estimator == "M4":
        return _m4_solve(p["beta"] * x ** p["c"], p["eps_inf"], p["eps_0"], p["alpha"])
    raise ValueError(f"estimator must be one of {ESTIMATORS}, got {estimator!r}.")


# ----------------------------------------------------------------- the fit result


@dataclass(frozen=True)
class CurveFit(FitResult):
    """One estimator fitted to one learning curve (the library's fit-result shape).

    Attributes
    ----------
    estimator : str
        "M1" ... "M4".
    params : dict
        Named parameters in natural units (see :func:`predict_curve`).
    converged : bool
        Whether the optimiser reported success.
    message : str
        The optimiser's message (or why the fit is exact).
    residuals : ndarray
        log(fitted) - log(observed) at the fitted points.
    n_points : int
        Points fitted.

    ``bootstrap``/``interval`` resample the curve's points and refit the same
    estimator (see :class:`~scalinglaws.fitting.result.FitResult`).
    """

    estimator: str
    params: dict
    converged: bool
    message: str
    residuals: np.ndarray = field(repr=False)

    def predict(self, x):
        """The fitted curve at ``x`` (examples seen)."""
        return predict_curve(self.estimator, self.params, x)

    def extrapolation_error(self, x, y):
        """RMSE of log predictions against log ``y`` at ``x`` (Alabdulmohsin et al. 2022, section 3)."""
        return extrapolation_error(self.predict(x), y)


def extrapolation_error(predicted, observed):
    """sqrt(mean((log predicted - log observed)^2)): the benchmark's extrapolation loss.

    Alabdulmohsin et al. (2022), section 3: the root mean squared error of
    the log predictions on the held-out (later) rows of a learning curve.
    """
    predicted = as_positive(predicted, "predicted")
    observed = as_positive(observed, "observed")
    same_length(predicted=predicted.ravel(), observed=observed.ravel())
    return float(np.sqrt(np.mean((np.log(predicted) - np.log(observed)) ** 2)))


# ----------------------------------------------------------------- fitting


def _inputs(x, y, upper):
    x = as_positive(x, "x").ravel()
    y = as_positive(y, "y").ravel()
    same_length(x=x, y=y)
    if x.size < 3:
        raise ValueError(
            f"a learning curve needs at least 3 points to fit, got {x.size}."
        )
    if upper is not None and not (np.isfinite(upper) and upper > y.max() + MARGIN):
        raise ValueError(
            f"upper must exceed the largest error plus {MARGIN} ({y.max() + MARGIN:.4g}), got {upper!r}."
        )
    order = np.argsort(x)
    return x[order], y[order]


def _fit_m1(u, y):
    c, logb = np.polyfit(np.log(u), np.log(y), 1)
    return np.array([logb, c]), True, "exact least squares of log eps on log x"


def _best_least_squares(residual, starts, lower, upper):
    best = None
    for start in starts:
        start = np.clip(start, lower + 1e-9, upper - 1e-9)
        sol = optimize.least_squares(
            residual,
            start,
            bounds=(lower, upper),
            method="trf",
            x_scale="jac",
            max_nfev=2000,
        )
        if best is None or sol.cost < best.cost:
            best = sol
    return best.x, bool(best.success), str(best.message)


def _fit_m2(u, y):
    ly, lu = np.log(y), np.log(u)
    y_min = y.min()

    def residual(t):
        return np.log(np.exp(t[0]) * u ** t[1] + t[2]) - ly

    starts = []
    for share in (0.0, 0.5, 0.9):
        e = share * y_min
        c, logb = np.polyfit(lu, np.log(y - e), 1)
        starts.append(np.array([logb, min(c, -1e-3), e]))
    lower = np.array([-np.inf, -_MAX_EXPONENT, 0.0])
    upper = np.array([np.inf, 0.0, y_min * (1 - 1e-9)])
    return _best_least_squares(residual, starts, lower, upper)


def _fit_m3(u, y):
    ly, lu = np.log(y), np.log(u)

    def residual(t):
        return t[0] - t[1] * np.log(1.0 / u + np.exp(t[2])) - ly

    c1, logb1 = np.polyfit(lu, ly, 1)
    starts = [
        np.array([logb1, min(c1, -1e-3), g]) for g in (-8.0, -3.0, -1.0, 0.0, 1.0, 3.0)
    ]
    lower = np.array([-np.inf, -_MAX_EXPONENT, -40.0])
    upper = np.array([np.inf, 0.0, 40.0])
    return _best_least_squares(residual, starts, lower, upper)


def _m4_inner(lu, y, e_inf, e_0):
    """Least squares of log(y - e_inf) on [1, log u, log(e_0 - y)] with c <= 0, alpha >= 0."""
    A = np.column_stack([np.ones_like(lu), lu, np.log(e_0 - y)])
    b = np.log(y - e_inf)
    coef, *_ = np.linalg.lstsq(A, b, rcond=None)
    if coef[1] > 0 or coef[2] < 0:
        coef = optimize.lsq_linear(
            A, b, bounds=([-np.inf, -np.inf, 0.0], [np.inf, 0.0, np.inf])
        ).x
    r = A @ coef - b
    return coef, float(r @ r)


def _fit_m4(u, y, upper):
    lu, ly = np.log(u), np.log(y)
    lo_inf, hi_inf = 0.0, max(y.min() - MARGIN, 0.0)
    lo_0 = y.max() + MARGIN
    hi_0 = upper if upper is not None else lo_0 + 10.0 * y.max()

    def unpack(t):
        t = np.clip(t, 0.0, 1.0)
        return lo_inf + t[0] * (hi_inf - lo_inf), lo_0 + t[1] * (hi_0 - lo_0)

    def objective(t):
        e_inf, e_0 = unpack(t)
        coef, _ = _m4_inner(lu, y, e_inf, e_0)
        pred = _m4_solve(np.exp(coef[0] + coef[1] * lu), e_inf, e_0, coef[2])
        r = np.log(np.maximum(pred, 1e-300)) - ly
        return float(r @ r)

    grid = [
        np.array([a, b])
        for a in (0.0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99)
        for b in (0.0, 0.1, 0.4, 1.0)
    ]
    values = [objective(t) for t in grid]
    best = None
    for i in np.argsort(values)[:3]:
        sol = optimize.minimize(
            objective, grid[i], method="L-BFGS-B", bounds=[(0.0, 1.0), (0.0, 1.0)]
        )
        if best is None or sol.fun < best.fun:
            best = sol
    e_inf, e_0 = unpack(best.x)
    coef, _ = _m4_inner(lu, y, e_inf, e_0)
    return (
        np.array([coef[0], coef[1], coef[2], e_inf, e_0]),
        bool(best.success),
        str(best.message),
    )


def fit_curve(estimator, x, y, *, upper=None):
    """Fit one of the four estimators to a learning curve.

    Parameters
    ----------
    estimator : {"M1", "M2", "M3", "M4"}
        See the module docstring (Alabdulmohsin et al. 2022, section 2).
    x : array_like
        Examples (or tokens) seen, > 0.
    y : array_like
        The error or loss at each x, > 0, lower is better.
    upper : float, optional
        Upper bound of the metric (1 for an error rate): M4's eps_0, the
        error of a random guess, is kept at or below it. None: unbounded.

    Returns
    -------
    CurveFit

    Raises
    ------
    ValueError
        For an unknown estimator, non-positive or mismatched inputs, fewer
        than 3 points, or an ``upper`` not above the largest error.
    """
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {ESTIMATORS}, got {estimator!r}.")
    x, y = _inputs(x, y, upper)
    scale = float(np.exp(np.mean(np.log(x))))  # fit in u = x / scale, report in x
    u = x / scale
    if estimator == "M1":
        t, ok, msg = _fit_m1(u, y)
        params = {"beta": float(np.exp(t[0]) * scale ** -t[1]), "c": float(t[1])}
    elif estimator == "M2":
        t, ok, msg = _fit_m2(u, y)
        params = {
            "beta": float(np.exp(t[0]) * scale ** -t[1]),
            "c": float(t[1]),
            "eps_inf": float(t[2]),
        }
    elif estimator == "M3":
        t, ok, msg = _fit_m3(u, y)
        # beta' (1/u + g')^(-c) with u = x/s equals beta' s^(-c) (1/x + g'/s)^(-c)
        params = {
            "beta": float(np.exp(t[0]) * scale ** -t[1]),
            "c": float(t[1]),
            "gamma": float(np.exp(t[2]) / scale),
        }
    else:
        t, ok, msg = _fit_m4(u, y, upper)
        params = {
            "beta": float(np.exp(t[0]) * scale ** -t[1]),
            "c": float(t[1]),
            "alpha": float(t[2]),
            "eps_inf": float(t[3]),
            "eps_0": float(t[4]),
        }
    residuals = np.log(predict_curve(estimator, params, x)) - np.log(y)
    fit = CurveFit(estimator, params, ok, msg, residuals)
    return attach(fit, lambda xs, ys: fit_curve(estimator, xs, ys, upper=upper), x, y)


# ----------------------------------------------------------------- the benchmark

#: Upper bound of each benchmark domain's metric: error rates (IC) and BIG-bench
#: scores rescaled as errors (BB) lie in [0, 1]; log-losses (NMT, LM) are unbounded.
DOMAIN_UPPER = {"IC": 1.0, "BB": 1.0, "NMT": None, "LM": None}


def benchmark(df, estimators=ESTIMATORS):
    """Fit every curve of a benchmark frame on its fit rows; score it on the rest.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns curve, domain, task, model, examples, loss, fit, as
        :func:`scalinglaws.datasets.load` returns for ``"revisiting_vision"``
        and ``"revisiting_lang"``.
    estimators : sequence of str

    Returns
    -------
    pandas.DataFrame
        One row per curve and estimator: curve, domain, task, model,
        estimator, n_fit, n_test, error (the RMSE of log predictions on the
        held-out rows), converged.
    """
    needed = {"curve", "domain", "task", "model", "examples", "loss", "fit"}
    if not needed <= set(df.columns):
        raise ValueError(
            f"df must have the columns {sorted(needed)}, missing {sorted(needed - set(df.columns))}."
        )
    rows = []
    for key, curve in df.groupby("curve", sort=True):
        domain = curve["domain"].iloc[0]
        train, test = curve[curve["fit"]], curve[~curve["fit"]]
        if len(test) == 0:
            raise ValueError(f"curve {key!r} has no held-out rows to predict.")
        upper = DOMAIN_UPPER.get(domain)
        if upper is not None and train["loss"].max() + MARGIN >= upper:
            upper = None
        for name in estimators:
            fit = fit_curve(name, train["examples"], train["loss"], upper=upper)
            rows.append(
                {
                    "curve": key,
                    "domain": domain,
                    "task": curve["task"].iloc[0],
                    "model": curve["model"].iloc[0],
                    "estimator": name,
                    "n_fit": len(train),
                    "n_test": len(test),
                    "error": fit.extrapolation_error(test["examples"], test["loss"]),
                    "converged": fit.converged,
                }
            )
    return pd.DataFrame(rows)


def summarize(results, *, n_bootstrap=2000, level=0.95, seed=0):
    """Mean extrapolation error per domain and estimator, with a bootstrap interval across curves.

    Parameters
    ----------
    results : pandas.DataFrame
        The output of :func:`benchmark`.
    n_bootstrap : int
        Resamples of the curves (with replacement, drawn by
        :func:`scalinglaws.fitting.bootstrap.resample_indices`) for the interval
        of the mean.
    level : float
        Coverage of the percentile interval.
    seed : int

    Returns
    -------
    pandas.DataFrame
        One row per domain and estimator: n_curves, mean, low, high (the
        interval of the mean), median, and wins: the share of the domain's
        curves on which the estimator has the lowest error (errors compared
        to 3 decimals, ties shared).
    """
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level!r}.")
    out = []
    for domain, part in results.groupby("domain", sort=False):
        table = part.pivot(index="curve", columns="estimator", values="error")
        rounded = np.floor(table.to_numpy() * 1000) / 1000
        best = rounded == rounded.min(axis=1, keepdims=True)
        wins = (best / best.sum(axis=1, keepdims=True)).mean(axis=0)
        idx = resample_indices(
            len(table), n_bootstrap, seed
        )  # the book's one resampler
        for j, name in enumerate(table.columns):
            errors = table[name].to_numpy()
            means = errors[idx].mean(axis=1)
            low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
            out.append(
                {
                    "domain": domain,
                    "estimator": name,
                    "n_curves": len(errors),
                    "mean": float(errors.mean()),
                    "low": float(low),
                    "high": float(high),
                    "median": float(np.median(errors)),
                    "wins": float(wins[j]),
                }
            )
    return pd.DataFrame(out)
