"""The capstone (chapter 10): predict a bigger run from your own isoFLOP sweep.

Chapter 10 walks the whole recipe of Hoffmann et al. (2022) at toy scale on
multitask sparse parity with label noise (Michaud et al. 2023), whose loss
floor is known exactly: H(label noise) nats per example. The runs are
designed by :func:`scalinglaws.train.recipes.parity_isoflop_design` and
:func:`scalinglaws.train.recipes.parity_run`; this module turns them into
forecasts:

- :func:`predict_isoflop` turns Approach 2 (IsoFLOP profiles, Fig. 3) into a
  loss forecast: the per-budget minima L_opt(C) are fitted by
  E + (C0/C)^alpha (Henighan et al. 2020, eq. 1.1) and extrapolated, with a
  bootstrap over runs;
- :func:`predict_parametric` reads a forecast and its bootstrap interval off
  an Approach 3 fit (eq. 2 fitted by eq. 11);
- :func:`design_table` and :func:`forecast_table` lay the design and the
  forecasts out as tables, and :func:`sweep_cost` totals a design's compute;
- :func:`default_target` is the target run of the chapter's default design,
  whose loss exercise ex-10-5 forecasts from a sweep of the reader's design.

Fits, bootstraps and training come from :mod:`scalinglaws.fitting` and
:mod:`scalinglaws.train`; this module only wires them together.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scalinglaws._validation import (
    as_count,
    as_level,
    as_positive,
    positive_scalar,
    same_length,
)
from scalinglaws.fitting import (
    BootstrapResult,
    fit_isoflop,
    fit_power_law,
)
from scalinglaws.fitting.bootstrap import DEFAULT_LEVEL
from scalinglaws.fitting.loss_forecast import (  # noqa: F401  (re-exported: the chapter's API)
    LossForecast,
    predict_parametric,
)
from scalinglaws.train import describe_model


@dataclass(frozen=True)
class IsoflopForecast:
    """Approach 2 extrapolated to a larger budget (see :func:`predict_isoflop`).

    Attributes
    ----------
    budget : float
        The budget predicted for, FLOPs.
    fit : IsoflopFit
        Approach 2 on all runs.
    envelope : PowerLawFit
        L_opt(C) = E + (C0/C)^alpha through the per-budget minima.
    N_opt : float
        Compute-optimal parameters at ``budget`` from ``fit``.
    N_interval : tuple of float
        Bootstrap percentile interval of N_opt.
    loss : LossForecast
        Minimum loss predicted at ``budget``.
    n_failed : int
        Resamples whose refit failed (left out of the intervals).
    """

    budget: float
    fit: object
    envelope: object
    N_opt: float
    N_interval: tuple
    loss: LossForecast
    n_failed: int


def _isoflop_forecast(N, C, L, quiet=False):
    """Approach 2 on the runs, then the envelope E + (C0/C)^alpha through its minima."""
    with warnings.catch_warnings():
        if quiet:
            # In a resample a profile's vertex may leave the sizes trained, or a
            # profile may lose its minimum; the failures are counted instead.
            warnings.simplefilter("ignore", RuntimeWarning)
        fit = fit_isoflop(N, C, L, method="parabola")
        if fit.budgets.size < 3:
            raise ValueError(
                "an envelope E + (C0/C)^alpha needs the minima of at least three budgets."
            )
        envelope = fit_power_law(fit.budgets, fit.L_opt, offset=True)
    return fit, envelope


def predict_isoflop(N, C, L, budget, *, n_bootstrap=200, seed=0, level=DEFAULT_LEVEL):
    """Approach 2 (IsoFLOP profiles) extrapolated to ``budget``: N_opt and the minimum loss there.

    Each budget's profile is fitted by a parabola in log N (Hoffmann et al.
    2022, sec. 3.2), giving N_opt(C) = k C^a and the minimum loss L_opt at
    each budget; L_opt(C) = E + (C0/C)^alpha (Henighan et al. 2020, eq. 1.1)
    through those minima is then evaluated at ``budget``. Intervals come from
    refitting both on bootstrap resamples of the runs, drawn within each
    budget so that every resample keeps the design's profiles; resamples
    that leave a profile with fewer than three distinct sizes, or fewer
    than three profiles with a minimum, are counted in ``n_failed`` and
    left out (so the interval is conditional on a usable refit).

    Parameters
    ----------
    N, C, L : array_like, shape (n,)
        Parameters, nominal FLOP budget (equal for every run of a profile)
        and final loss of each run; at least three budgets with three sizes each.
    budget : float
        FLOPs to predict at.
    n_bootstrap : int, default 200
        Number of resamples (>= 1).
    seed : int, default 0
    level : float, default 0.8

    Returns
    -------
    IsoflopForecast

    Raises
    ------
    ValueError
        On non-positive, NaN or mismatched inputs, or runs that do not give
        the minima of at least three budgets.

    Warns
    -----
    RuntimeWarning
        From :func:`~scalinglaws.fitting.fit_isoflop` on the full data: a
        profile without a minimum, or a minimum outside the sizes trained.
    """
    N, C, L = (
        np.atleast_1d(as_positive(v, name))
        for v, name in ((N, "N"), (C, "C"), (L, "L"))
    )
    same_length(N=N, C=C, L=L)
    budget = positive_scalar(budget, "budget")
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", 1)
    level = as_level(level)
    fit, envelope = _isoflop_forecast(N, C, L)

    # Resample runs within each budget (a stratified bootstrap): every
    # resample keeps the design's budgets, so it can refit the same profiles.
    groups = [np.flatnonzero(C == b) for b in np.unique(C)]
    rng = np.random.default_rng(seed)
    samples = np.full((int(n_bootstrap), 2), np.nan)
    for r in range(int(n_bootstrap)):
        idx = np.concatenate([g[rng.integers(0, g.size, g.size)] for g in groups])
        try:
            f, env = _isoflop_forecast(N[idx], C[idx], L[idx], quiet=True)
        except (
            ValueError
        ):  # a profile left with < 3 distinct sizes, or < 3 usable minima
            continue
        samples[r] = f.predict(budget)[0], env.predict(budget)
    boot = BootstrapResult(
        names=("N_opt", "L_opt"),
        estimate=np.array(
            [fit.predict(budget)[0], envelope.predict(budget)], dtype=float
        ),
        samples=samples,
        level=level,
        seed=int(seed),
        n_failed=int(np.isnan(samples[:, 0]).sum()),
    )
    lo, hi = boot.interval("L_opt")
    loss = LossForecast(
        float(envelope.predict(budget)), lo, hi, boot.level, boot.samples[:, 1]
    )
    return IsoflopForecast(
        budget,
        fit,
        envelope,
        float(fit.predict(budget)[0]),
        boot.interval("N_opt"),
        loss,
        boot.n_failed,
    )


def design_table(design):
    """One row per run of an isoFLOP design: its budget, width, size and data.

    Parameters
    ----------
    design : list of RunConfig
        From :func:`scalinglaws.train.recipes.parity_isoflop_design` (each
        config tagged with its ``budget``).

    Returns
    -------
    pandas.DataFrame
        Columns ``budget (FLOPs)``, ``width``, ``N`` (non-embedding
        parameters) and ``D (examples)``, in the design's order; along one
        budget 6 N D stays at the budget (Hoffmann et al. 2022, section 3.2).
    """
    return pd.DataFrame(
        [
            {
                "budget (FLOPs)": c.tags["budget"],
                "width": c.model["width"],
                "N": describe_model(c)["n_params_non_embedding"],
                "D (examples)": c.tokens,
            }
            for c in design
        ]
    )


def forecast_table(forecasts, observed):
    """Line up loss forecasts against the loss the run reached.

    Parameters
    ----------
    forecasts : dict of str to LossForecast
        Name -> forecast (from :func:`predict_isoflop` or :func:`predict_parametric`).
    observed : float
        The trained run's held-out loss.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``forecast``: ``estimate``, ``lo (10%)``, ``hi (90%)`` (the
        interval's ends, labelled for the default 80% level), ``observed`` and
        ``inside`` (whether the interval contains it).
    """
    rows = [
        {
            "forecast": name,
            "estimate": f.estimate,
            "lo (10%)": f.lo,
            "hi (90%)": f.hi,
            "observed": float(observed),
            "inside": f.contains(observed),
        }
        for name, f in forecasts.items()
    ]
    return pd.DataFrame(rows).set_index("forecast")


#: Width of the target run of chapter 10's default design: Approach 2's N_opt at
#: :data:`DEFAULT_TARGET_BUDGET`, rounded to a whole width (the chapter checks that its
#: default settings land on it). Exercise ex-10-5 forecasts this run's loss.
DEFAULT_TARGET_WIDTH = 235
#: Budget of that target run: 6.7 times the default design's largest budget, 3e10 FLOPs.
DEFAULT_TARGET_BUDGET = 6.7 * 3e10


def default_target(label_noise=0.1):
    """The target run of chapter 10's default design, as a run config.

    Parameters
    ----------
    label_noise : float, default 0.1
        Fraction of flipped labels (the chapter's default).

    Returns
    -------
    RunConfig
        :func:`scalinglaws.train.recipes.parity_run` at width
        :data:`DEFAULT_TARGET_WIDTH` and budget :data:`DEFAULT_TARGET_BUDGET`.
    """
    from scalinglaws.train import recipes

    return recipes.parity_run(
        DEFAULT_TARGET_WIDTH, DEFAULT_TARGET_BUDGET, label_noise=label_noise
    )


def sweep_cost(design):
    """Total training compute of a design: the sum of 6 N D over its runs, in FLOPs.

    N is each run's non-embedding parameter count and D the examples it sees
    (Kaplan et al. 2020, section 2.1: C = 6ND). Each run of an isoFLOP design
    costs about its budget, so a design of ``n_sizes`` widths at each budget
    costs about ``n_sizes`` times the sum of its budgets.

    Parameters
    ----------
    design : list of RunConfig

    Returns
    -------
    float
    """
    return float(
        sum(
            6.0 * describe_model(c)["n_params_non_embedding"] * c.tokens for c in design
        )
    )
