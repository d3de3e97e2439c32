"""Fits of scaling laws to runs, and their uncertainty.

Every fit returns a result with one shape
-----------------------------------------
Whatever law it fits, a ``fit_*`` function returns a
:class:`~scalinglaws.fitting.result.FitResult`:

- ``fit.params``: the fitted parameters by name, in natural units (a dict).
  The irreducible loss is always ``E``; exponents keep their papers' names
  (``alpha``, ``beta``, ``alpha_N``...); allocation fits give ``a`` and ``b``.
- ``fit.converged`` and ``fit.message``: whether the optimiser (or the closed
  form) succeeded, and its words. A fit that did not converge also warns.
- ``fit.residuals`` (at the fitted points, in log space for losses) and
  ``fit.n_points`` (how many points were fitted).
- ``fit.predict(...)``: the fitted law at new inputs.
- ``fit.bootstrap(n_bootstrap, seed)`` and ``fit.interval(name, level)``:
  percentile intervals from refits on resampled points. The statistics are
  the parameters unless ``stat_fn`` names others (e.g.
  :func:`allocation_statistics`), so an ordinary interval needs no adapter.
  The resample count is called ``n_bootstrap`` everywhere.
- ``fit.refit(*arrays)`` and ``fit.data``: the same fit applied to other
  points, and the points it was fitted to, for other resampling schemes
  (:func:`~scalinglaws.fitting.replication.subsample_refits`).

Modules, one idea each (this package imports only ``laws`` and the
validation helpers above it):

``powerlaw``      y = (x0/x)^alpha and y = E + (x0/x)^alpha in log space (Kaplan 2020; Henighan 2020)
``parametric``    Approach 3: Hoffmann et al. (2022) eq. (11), Huber loss in log space, multi-start L-BFGS
``isoflop``       Approach 2: a parabola (or the lowest run) per IsoFLOP profile, then N_opt ~ C^a
``envelope``      Approach 1: the lower envelope of loss-versus-FLOPs curves, then N_opt ~ C^a
``allocation_study`` Approaches 1-3 on one isoFLOP sweep, N counted with and without embeddings (chapter 5)
``kaplan_joint``  Kaplan et al. (2020) eq. (1.5), L(N, D)
``result``        the shape every fit result shares, and its bootstrap
``statistics``    named statistics to bootstrap besides the parameters (the allocation at a budget)
``bootstrap``     resampling, refits and percentile intervals shared by every fit
``hypothesis``    chi-squared test of a published law against a bootstrapped refit (Besiroglu et al. 2024)
``replication``   Hoffmann et al.'s 80%-subsample intervals and how many runs an interval needs (chapter 5)
``extrapolation`` local slopes, bootstrapped power laws and prediction bands (chapter 2)
``floor``         the irreducible loss: compute frontiers, sliding-window exponents, identifiability (chapter 4)
``learning_curves`` Kaplan's L(N, S) and tokens needed to reach a loss (chapter 3)
``learning_curve_extrapolation`` M1-M4 of Alabdulmohsin et al. (2022) and their benchmark (chapter 11)

The chapter modules are imported as ``from scalinglaws.fitting import floor``.

The machinery under them is private to the package and imported from its
module when needed: ``huber`` (the loss), ``grid`` (Hoffmann's 4,500
starts), ``lse_objective`` (eq. 11 and its gradient for many parameter
vectors at once), ``batched_lbfgs`` (an L-BFGS that runs all starts in
lock-step), ``batched_newton`` (Newton's method with the exact Hessian,
the finish of bootstrap refits), ``multistart`` (screen then polish),
``loglinear`` (the final N_opt ~ C^a regression).

Examples
--------
>>> import numpy as np
>>> from scalinglaws.fitting import fit_power_law
>>> N = np.geomspace(1e6, 1e9, 8)
>>> fit = fit_power_law(N, (8.8e13 / N) ** 0.076)
>>> {k: round(v, 3) for k, v in fit.params.items() if k != "x0"}
{'alpha': 0.076, 'E': 0.0}
>>> fit.converged, fit.n_points
(True, 8)
"""

from scalinglaws.fitting.bootstrap import (
    BootstrapResult,
    bootstrap,
    percentile_interval,
    resample_indices,
)
from scalinglaws.fitting.envelope import EnvelopeFit, fit_envelope
from scalinglaws.fitting.huber import huber
from scalinglaws.fitting.hypothesis import Chi2Result, chi2_statistic, law_chi2_test
from scalinglaws.fitting.isoflop import IsoflopFit, fit_isoflop
from scalinglaws.fitting.kaplan_joint import KaplanJointFit, fit_kaplan_joint
from scalinglaws.fitting.learning_curves import LearningCurveFit, fit_learning_curves
from scalinglaws.fitting.parametric import (
    BOOTSTRAP_STATISTICS,
    GOPHER_FLOPS,
    ParametricFit,
    fit_parametric,
    law_from_theta,
    parametric_objective,
    theta_from_law,
)
from scalinglaws.fitting.powerlaw import PowerLawFit, fit_power_law
from scalinglaws.fitting.result import FitResult
from scalinglaws.fitting.statistics import NamedStatistic, allocation_statistics

__all__ = [
    "BOOTSTRAP_STATISTICS",
    "BootstrapResult",
    "Chi2Result",
    "EnvelopeFit",
    "FitResult",
    "GOPHER_FLOPS",
    "IsoflopFit",
    "KaplanJointFit",
    "LearningCurveFit",
    "NamedStatistic",
    "ParametricFit",
    "PowerLawFit",
    "allocation_statistics",
    "bootstrap",
    "chi2_statistic",
    "fit_envelope",
    "fit_isoflop",
    "fit_kaplan_joint",
    "fit_learning_curves",
    "fit_parametric",
    "fit_power_law",
    "huber",
    "law_chi2_test",
    "law_from_theta",
    "parametric_objective",
    "percentile_interval",
    "resample_indices",
    "theta_from_law",
]
