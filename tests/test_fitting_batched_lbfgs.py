"""The batched L-BFGS: many independent problems at once, each to its own optimum."""

import numpy as np
import pytest
from scipy.optimize import minimize, rosen, rosen_der

from scalinglaws.fitting.batched_lbfgs import (
    BAD_START,
    GRADIENT_SMALL,
    MAX_ITER,
    NO_PROGRESS,
    minimize_batched,
)


def rosenbrock_batch(X, rows):
    f = np.array([rosen(x) for x in X])
    g = np.array([rosen_der(x) for x in X])
    return f, g


def test_rosenbrock_from_many_starts_reaches_the_minimum():
    # In 2-D (unlike 4-D and up) the Rosenbrock function has a single minimum, at (1, 1).
    starts = np.random.default_rng(0).uniform(-2, 2, size=(40, 2))
    res = minimize_batched(
        rosenbrock_batch, starts, max_iter=2000, gtol=1e-10, ftol=0.0
    )
    assert res.converged.all()
    assert np.allclose(res.x, 1.0, atol=1e-6)
    assert res.fun.max() < 1e-12


def test_each_row_solves_its_own_problem():
    # Row k minimises sum_j w_kj (x_j - c_kj)^2 + 0.1 sum_j x_j^4: different optimum per row.
    rng = np.random.default_rng(1)
    W = rng.uniform(0.5, 50.0, size=(30, 3))
    Cc = rng.normal(size=(30, 3))

    def fg(X, rows):
        w, c = W[rows], Cc[rows]
        f = np.sum(w * (X - c) ** 2, axis=1) + 0.1 * np.sum(X**4, axis=1)
        g = 2 * w * (X - c) + 0.4 * X**3
        return f, g

    res = minimize_batched(fg, np.zeros((30, 3)), gtol=1e-10)
    assert set(res.status) <= {GRADIENT_SMALL, NO_PROGRESS}
    for k in range(30):
        ref = minimize(
            lambda x: fg(x[None], np.array([k]))[0][0],
            np.zeros(3),
            jac=lambda x: fg(x[None], np.array([k]))[1][0],
            method="BFGS",
            options={"gtol": 1e-10},
        )
        assert np.allclose(res.x[k], ref.x, atol=1e-7)


def test_line_search_steps_back_from_points_outside_the_domain():
    # f = x - log(x) has its minimum at 1 and is undefined for x <= 0.
    def fg(X, rows):
        x = X[:, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            f = np.where(x > 0, x - np.log(np.where(x > 0, x, 1.0)), np.inf)
        return f, (1 - 1 / x)[:, None]

    res = minimize_batched(fg, np.array([[0.01], [5.0], [50.0]]), gtol=1e-12)
    assert np.allclose(res.x[:, 0], 1.0, atol=1e-6)


def test_status_reports_iteration_cap_and_bad_starts():
    res = minimize_batched(
        rosenbrock_batch, np.array([[-1.5, 2.0], [np.nan, 0.0]]), max_iter=3
    )
    assert res.status[0] == MAX_ITER and not res.converged[0]
    assert res.status[1] == BAD_START
    assert res.n_iter[0] == 3


def test_x0_must_be_two_dimensional():
    with pytest.raises(ValueError, match="2-D"):
        minimize_batched(rosenbrock_batch, np.zeros(3))
