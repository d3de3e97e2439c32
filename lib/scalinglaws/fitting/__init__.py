"""Fits of scaling laws to runs, and their uncertainty.

One module per idea (see DESIGN.md; this package imports only ``laws`` and
the validation helpers above it):

``powerlaw``      y = (x0/x)^alpha and y = E + (x0/x)^alpha in log space (Kaplan 2020; Henighan 2020)
``parametric``    Approach 3: Hoffmann et al. (2022) eq. (11), Huber loss in log space, multi-start L-BFGS
``isoflop``       Approach 2: a parabola (or the lowest run) per IsoFLOP profile, then N_opt ~ C^a
``envelope``      Approach 1: the lower envelope of loss-versus-FLOPs curves, then N_opt ~ C^a
``kaplan_joint``  Kaplan et al. (2020) eq. (1.5), L(N, D)
``bootstrap``     resampling, refits and percentile intervals shared by every fit
``hypothesis``    chi-squared test of a published law against a bootstrapped refit (Besiroglu et al. 2024)
``replication``   Hoffmann et al.'s 80%-subsample intervals and how many runs an interval needs (chapter 5)
``extrapolation`` local slopes, bootstrapped power laws and prediction bands (chapter 2)
``floor``         the irreducible loss: compute frontiers, sliding-window exponents, identifiability (chapter 4)
``learning_curves`` Kaplan's L(N, S) and tokens needed to reach a loss (chapter 3)
``reconcile``     Kaplan versus Chinchilla: non-embedding versus total parameter counting (chapter 6)

The chapter modules are imported as ``from scalinglaws.fitting import floor``.

and the machinery under them: ``huber`` (the loss), ``grid`` (Hoffmann's
4,500 starts), ``lse_objective`` (eq. 11 and its gradient for many
parameter vectors at once), ``batched_lbfgs`` (an L-BFGS that runs all starts
in lock-step), ``batched_newton`` (Newton's method with the exact Hessian,
the finish of bootstrap refits), ``multistart`` (screen then polish),
``loglinear`` (the final N_opt ~ C^a regression).
"""

from scalinglaws.fitting.batched_lbfgs import BatchedResult, minimize_batched
from scalinglaws.fitting.bootstrap import BootstrapResult, bootstrap, percentile_interval, resample_indices
from scalinglaws.fitting.envelope import EnvelopeFit, fit_envelope
from scalinglaws.fitting.grid import HOFFMANN_GRID_VALUES, hoffmann_grid
from scalinglaws.fitting.huber import huber, huber_derivative
from scalinglaws.fitting.hypothesis import Chi2Result, chi2_statistic, law_chi2_test
from scalinglaws.fitting.isoflop import IsoflopFit, fit_isoflop
from scalinglaws.fitting.kaplan_joint import KaplanJointFit, fit_kaplan_joint
from scalinglaws.fitting.loglinear import LogLinearFit
from scalinglaws.fitting.parametric import (
    BOOTSTRAP_STATISTICS,
    GOPHER_FLOPS,
    ParametricFit,
    derived_statistics,
    fit_parametric,
    law_from_theta,
    parametric_objective,
    theta_from_law,
)
from scalinglaws.fitting.powerlaw import PowerLawFit, fit_power_law

__all__ = [
    "BOOTSTRAP_STATISTICS",
    "BatchedResult",
    "BootstrapResult",
    "Chi2Result",
    "EnvelopeFit",
    "GOPHER_FLOPS",
    "HOFFMANN_GRID_VALUES",
    "IsoflopFit",
    "KaplanJointFit",
    "LogLinearFit",
    "ParametricFit",
    "PowerLawFit",
    "bootstrap",
    "chi2_statistic",
    "derived_statistics",
    "fit_envelope",
    "fit_isoflop",
    "fit_kaplan_joint",
    "fit_parametric",
    "fit_power_law",
    "hoffmann_grid",
    "huber",
    "huber_derivative",
    "law_chi2_test",
    "law_from_theta",
    "minimize_batched",
    "parametric_objective",
    "percentile_interval",
    "resample_indices",
    "theta_from_law",
]
