"""Every fit in the library returns a result with the one shape of scalinglaws.fitting.result."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from scalinglaws import fitting, laws
from scalinglaws.emergence import fit_sigmoid
from scalinglaws.fitting import (
    FitResult,
    allocation_statistics,
    allocation_study,
    floor,  # noqa: F401  (fitting.floor below)
)
from scalinglaws.fitting.learning_curve_extrapolation import fit_curve
from scalinglaws.fitting.learning_curves import fit_learning_curves

LAW = laws.ChinchillaLaw(E=1.7, A=400.0, B=410.0, alpha=0.34, beta=0.28)
_NG, _DG = np.meshgrid(np.geomspace(1e7, 1e9, 5), np.geomspace(1e9, 1e11, 5))
N_GRID, D_GRID = _NG.ravel(), _DG.ravel()


def _isoflop_runs():
    budgets = np.repeat([1e17, 1e18, 1e19], 5)
    n = np.concatenate(
        [np.geomspace(3e6, 3e8, 5) * (c / 1e18) ** 0.5 for c in (1e17, 1e18, 1e19)]
    )
    return n, budgets, LAW.loss(n, budgets / (6 * n))


def _curves():
    sizes = np.array([1e6, 4e6, 1.6e7])
    tokens = [np.geomspace(1e7, 1e10, 30)] * 3
    flops = [6 * n * t for n, t in zip(sizes, tokens)]
    losses = [LAW.loss(n, t) for n, t in zip(sizes, tokens)]
    return sizes, flops, losses


def _fits():
    x = np.geomspace(1e6, 1e10, 9)
    n, c, loss = _isoflop_runs()
    sizes, flops, losses = _curves()
    scale = np.geomspace(1e20, 1e24, 9)
    steps = np.tile(np.geomspace(100, 10_000, 5), 4)
    model = np.repeat(np.geomspace(1e6, 1e8, 4), 5)
    starts = np.array([[6.0, 6.0, 0.5, 0.3, 0.3], [5.0, 7.0, 0.0, 0.5, 0.2]])
    return {
        "power law": (fitting.fit_power_law(x, (8.8e13 / x) ** 0.076), (1e11,)),
        "power law with E": (
            fitting.fit_power_law(x, 1.5 + (1e8 / x) ** 0.3, offset=True),
            (1e11,),
        ),
        "parametric": (
            fitting.fit_parametric(
                N_GRID, D_GRID, LAW.loss(N_GRID, D_GRID), starts=starts
            ),
            (1e10, 1e12),
        ),
        "isoflop": (fitting.fit_isoflop(n, c, loss), (1e20,)),
        "isoflop, any count of N": (
            allocation_study.fit_isoflop_counted(n, c / (6 * n), c, loss),
            (1e20,),
        ),
        "envelope": (fitting.fit_envelope(sizes, flops, losses, n_grid=200), (1e16,)),
        "kaplan joint": (
            fitting.fit_kaplan_joint(
                N_GRID, D_GRID, laws.KAPLAN_2020.loss_nd(N_GRID, D_GRID)
            ),
            (1e10, 1e12),
        ),
        "learning curves": (
            fit_learning_curves(
                model, steps, 2.0 + (1e7 / model) ** 0.1 + (300 / steps) ** 0.7
            ),
            (1e9, 1e5),
        ),
        "frontier floor": (
            fitting.floor.fit_frontier_floor([x], [1.5 + (1e8 / x) ** 0.3]),
            (1e11,),
        ),
        "learning-curve M4": (
            fit_curve("M4", x, 0.1 + 0.8 / (1 + (x / 1e8) ** 0.5), upper=1.0),
            (1e11,),
        ),
        "sigmoid": (
            fit_sigmoid(
                scale,
                1 / (1 + np.exp(-3 * (np.log10(scale) - 22.5))),
                floor=0.0,
                ceiling=1.0,
            ),
            (1e23,),
        ),
    }


FITS = _fits()


#: The function behind each entry of FITS.
FIT_FUNCTIONS = {
    "fit_power_law",
    "fit_parametric",
    "fit_isoflop",
    "fit_isoflop_counted",
    "fit_envelope",
    "fit_kaplan_joint",
    "fit_learning_curves",
    "fit_frontier_floor",
    "fit_sigmoid",
    "fit_curve",
}

#: Functions that chain fits into a forecast: each step is a FitResult (tested
#: below), and the forecast's own ``interval(compute)`` is a prediction interval.
FORECAST_FUNCTIONS = {"fit_two_step", "fit_one_step"}


def test_every_public_fit_function_is_covered_here():
    import pkgutil

    import scalinglaws

    found = set()
    for info in pkgutil.walk_packages(scalinglaws.__path__, "scalinglaws."):
        if info.name.endswith("__main__") or info.name.endswith("fitting.loglinear"):
            continue  # the command line; the private last step of Approaches 1 and 2
        module = __import__(info.name, fromlist=["_"])
        found |= {
            n
            for n in vars(module)
            if n.startswith("fit_")
            and callable(getattr(module, n))
            and getattr(getattr(module, n), "__module__", "") == info.name
        }
    assert found == FIT_FUNCTIONS | FORECAST_FUNCTIONS


@pytest.mark.parametrize("name", sorted(FITS))
def test_every_fit_has_the_common_shape(name):
    fit, inputs = FITS[name]
    assert isinstance(fit, FitResult)
    assert isinstance(fit.params, dict) and fit.params
    assert all(isinstance(k, str) and np.isfinite(v) for k, v in fit.params.items())
    assert fit.converged is True or fit.converged is np.True_
    assert isinstance(fit.message, str) and fit.message
    assert fit.n_points == len(fit.data[0]) >= 3
    assert np.all(np.isfinite(np.asarray(fit.residuals, dtype=float)))
    assert np.all(np.isfinite(np.asarray(fit.predict(*inputs), dtype=float)))


@pytest.mark.parametrize("name", sorted(FITS))
def test_every_fit_bootstraps_its_parameters_by_default(name):
    fit, _ = FITS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        boot = fit.bootstrap(8, seed=1)
    assert tuple(boot.names[: len(fit.params)]) == tuple(fit.params)
    assert boot.samples.shape[0] == 8
    first = next(iter(fit.params))
    np.testing.assert_allclose(boot.estimate[0], fit.params[first], rtol=1e-9)
    lo, hi = fit.interval(first, n_bootstrap=8, seed=1)
    assert lo <= hi
    assert fit.bootstrap(8, seed=1) is boot  # cached: asking twice refits once


@pytest.mark.parametrize("name", sorted(FITS))
def test_every_fit_refits_itself_on_its_own_data(name):
    fit, _ = FITS[name]
    again = fit.refit(*fit.data)
    assert type(again) is type(fit)
    for key, value in fit.params.items():
        assert again.params[key] == pytest.approx(value, rel=1e-6, abs=1e-9)


def test_the_floor_is_called_E_wherever_a_fit_has_one():
    for name in ("power law with E", "parametric", "learning curves"):
        assert "E" in FITS[name][0].params
    assert FITS["power law with E"][0].params["E"] == pytest.approx(1.5, rel=1e-3)


def test_allocation_statistics_agree_across_approaches_on_one_law():
    stat = allocation_statistics(1e20)
    iso = dict(zip(stat.names, stat(FITS["isoflop"][0])))
    par = dict(zip(stat.names, stat(FITS["parametric"][0])))
    assert par["a"] == pytest.approx(LAW.a, rel=1e-6)
    assert iso["a"] == pytest.approx(LAW.a, abs=0.03)
    assert iso["log10 D/N at 1e+20"] == pytest.approx(
        par["log10 D/N at 1e+20"], abs=0.15
    )


def test_a_named_statistic_names_the_bootstrap_columns():
    fit = FITS["isoflop"][0]
    with (
        warnings.catch_warnings()
    ):  # resamples that lose a budget's parabola fail, and are counted
        warnings.simplefilter("ignore", RuntimeWarning)
        boot = fit.bootstrap(5, stat_fn=allocation_statistics(1e20, 1e21))
    assert boot.names[:3] == ("a", "b", "log10 N_opt at 1e+20")
    estimate, lo, hi = boot.summary("a")
    assert estimate == pytest.approx(fit.a)


def test_the_fits_own_parametric_bootstrap_is_what_bootstrap_returns():
    starts = FITS["parametric"][0].bootstrap_starts
    fit = fitting.fit_parametric(
        N_GRID,
        D_GRID,
        LAW.loss(N_GRID, D_GRID) * 1.001,
        starts=starts,
        n_bootstrap=6,
        seed=2,
    )
    assert fit.bootstrap() is fit.bootstrap_result
    assert fit.bootstrap(6, seed=2) is fit.bootstrap_result
    assert fit.ci == fit.bootstrap_result.intervals


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_bootstrap_rejects_a_bad_resample_count(bad):
    with pytest.raises(ValueError, match="n_bootstrap must be an integer >= 1"):
        FITS["power law"][0].bootstrap(bad)


def test_the_bootstrap_function_keeps_the_parameters_of_a_fit_by_default():
    x = np.geomspace(1e6, 1e10, 9)
    boot = fitting.bootstrap(
        fitting.fit_power_law, (x, (8.8e13 / x) ** 0.076 * (1 + 0.01 * np.sin(x))), 5
    )
    assert boot.names == ("alpha", "x0", "E")


def test_subsample_refits_take_the_names_of_a_named_statistic():
    from scalinglaws.fitting.replication import subsample_refits

    n, c, loss = _isoflop_runs()
    res = subsample_refits(
        fitting.fit_isoflop,
        (n, c, loss),
        n_subsamples=4,
        fraction=0.85,
        groups=c,
        stat_fn=allocation_statistics(1e20),
    )
    assert res.raw.names == allocation_statistics(1e20).names
    assert res.raw.summary("a")[0] == pytest.approx(FITS["isoflop"][0].a)


def test_forecasts_are_chains_of_fits_with_the_common_shape():
    from scalinglaws.emergence import fit_one_step, fit_two_step

    compute = np.geomspace(1e18, 1e21, 8)
    loss = 1.5 + (1e19 / compute) ** 0.3
    task_loss = np.linspace(1.6, 3.0, 12)
    accuracy = 0.25 + 0.75 / (1 + np.exp(4.0 * (task_loss - 2.2)))
    two = fit_two_step(compute, loss, task_loss, accuracy, floor=0.25)
    one = fit_one_step(compute, 0.25 + 0.75 / (1 + (1e20 / compute) ** 1.5), floor=0.25)
    for step in (two.loss_fit, two.accuracy_fit, one.fit):
        assert isinstance(step, FitResult) and step.converged
    for forecast in (two, one):
        assert (
            isinstance(forecast.params, dict)
            and forecast.converged
            and forecast.message
        )
        assert forecast.n_points >= 8 and np.all(np.isfinite(forecast.residuals))
        assert np.isfinite(forecast.predict(1e22))
