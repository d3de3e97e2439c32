"""The four learning-curve estimators of Alabdulmohsin et al. (2022): recovery on curves of known parameters."""

import numpy as np
import pandas as pd
import pytest

from scalinglaws.fitting import learning_curve_extrapolation as lce

X = np.geomspace(1e5, 1e9, 40)
FIT, HELD = X[:28], X[28:]

TRUE = {
    "M1": {"beta": 20.0, "c": -0.3},
    "M2": {"beta": 30.0, "c": -0.35, "eps_inf": 0.12},
    "M3": {"beta": 20.0, "c": -0.3, "gamma": 1e-8},
    "M4": {"beta": 800.0, "c": -0.5, "alpha": 0.6, "eps_inf": 0.1, "eps_0": 0.95},
}


@pytest.mark.parametrize("name", lce.ESTIMATORS)
def test_each_estimator_recovers_its_own_curve(name):
    y = lce.predict_curve(name, TRUE[name], FIT)
    assert np.all((y > 0) & (y < 1))
    fit = lce.fit_curve(name, FIT, y, upper=1.0)
    assert fit.converged and fit.n_points == len(FIT) and fit.estimator == name
    assert np.sqrt(np.mean(fit.residuals**2)) < 1e-3
    truth = lce.predict_curve(name, TRUE[name], HELD)
    assert fit.extrapolation_error(HELD, truth) < 5e-3
    assert fit.params["c"] == pytest.approx(TRUE[name]["c"], abs=0.03)
    if name in ("M2", "M4"):
        assert fit.params["eps_inf"] == pytest.approx(TRUE[name]["eps_inf"], abs=0.01)


def test_m4_prediction_solves_its_equation_and_spans_eps0_to_eps_inf():
    p = TRUE["M4"]
    x = np.geomspace(1, 1e14, 30)
    eps = lce.predict_curve("M4", p, x)
    lhs = (eps - p["eps_inf"]) / (p["eps_0"] - eps) ** p["alpha"]
    np.testing.assert_allclose(lhs, p["beta"] * x ** p["c"], rtol=1e-9)
    assert np.all(np.diff(eps) < 0) and eps[0] < p["eps_0"] and eps[-1] > p["eps_inf"]
    # alpha = 0 is M2 wherever M2 stays below eps_0
    m2 = {"beta": p["beta"], "c": p["c"], "eps_inf": p["eps_inf"]}
    np.testing.assert_allclose(
        lce.predict_curve("M4", {**p, "alpha": 0.0}, x[14:]),
        lce.predict_curve("M2", m2, x[14:]),
        rtol=1e-9,
    )


def test_a_floor_the_pure_power_law_misses_makes_m1_extrapolate_worse():
    y = lce.predict_curve("M2", TRUE["M2"], X)
    rng = np.random.default_rng(0)
    y = y * np.exp(rng.normal(0, 0.002, y.size))
    errors = {
        name: lce.fit_curve(name, FIT, y[:28], upper=1.0).extrapolation_error(
            HELD, y[28:]
        )
        for name in lce.ESTIMATORS
    }
    assert errors["M1"] > 5 * errors["M2"]
    assert errors["M2"] < 0.02


def test_extrapolation_error_is_rmse_of_logs():
    assert lce.extrapolation_error([1.0, np.e], [np.e, np.e]) == pytest.approx(
        np.sqrt(0.5)
    )
    with pytest.raises(ValueError, match="same length"):
        lce.extrapolation_error([1.0, 2.0], [1.0])


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="estimator must be one of"):
        lce.fit_curve("M5", FIT, np.ones_like(FIT) * 0.5)
    with pytest.raises(ValueError, match="at least 3 points"):
        lce.fit_curve("M1", [1.0, 2.0], [0.5, 0.4])
    with pytest.raises(ValueError, match="positive"):
        lce.fit_curve("M2", [1.0, 2.0, 3.0], [0.5, 0.0, 0.3])
    with pytest.raises(ValueError, match="upper must exceed"):
        lce.fit_curve("M4", [1.0, 2.0, 3.0], [0.9, 0.8, 0.7], upper=0.9)


def test_benchmark_and_summary_on_synthetic_curves():
    rows = []
    for k, (name, p) in enumerate(TRUE.items()):
        y = lce.predict_curve(name, p, X)
        for xi, yi, fit in zip(X, y, X <= FIT[-1]):
            rows.append(
                {
                    "curve": f"IC | t | {name}",
                    "domain": "IC",
                    "task": "t",
                    "model": name,
                    "examples": xi,
                    "loss": yi,
                    "fit": bool(fit),
                }
            )
    df = pd.DataFrame(rows)
    res = lce.benchmark(df)
    assert len(res) == 16 and set(res["estimator"]) == set(lce.ESTIMATORS)
    # each generating form is extrapolated best by its own estimator or by M4, which nests M2
    own = res[res["model"] == res["estimator"]].set_index("model")["error"]
    assert (own < 5e-3).all()
    summary = lce.summarize(res, n_bootstrap=200)
    assert set(summary.columns) >= {
        "domain",
        "estimator",
        "n_curves",
        "mean",
        "low",
        "high",
        "wins",
    }
    assert summary["wins"].sum() == pytest.approx(1.0)
    assert (summary["low"] <= summary["mean"]).all() and (
        summary["mean"] <= summary["high"]
    ).all()
