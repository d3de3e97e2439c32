"""The batched Newton finish: exact curvature, many independent problems at once."""

import numpy as np
import pytest
from scipy.optimize import rosen, rosen_der, rosen_hess

from scalinglaws.fitting.batched_lbfgs import BAD_START, GRADIENT_SMALL, MAX_ITER
from scalinglaws.fitting.batched_newton import newton_batched


def rosenbrock(X, rows):
    return np.array([rosen(x) for x in X]), np.array([rosen_der(x) for x in X])


def rosenbrock_hess(X, rows):
    f, g = rosenbrock(X, rows)
    return f, g, np.array([rosen_hess(x) for x in X])


def test_a_quadratic_is_solved_in_one_step_per_row():
    # Row k: f = 1/2 (x - c_k)' Q_k (x - c_k) with an ill-conditioned Q_k (condition 1e8).
    rng = np.random.default_rng(0)
    Q = np.array(
        [
            np.diag(rng.uniform(1, 2, 4) * np.array([1, 1e-2, 1e-5, 1e-8]))
            for _ in range(6)
        ]
    )
    C = rng.normal(size=(6, 4))

    def fgh(X, rows):
        d = X - C[rows]
        g = np.einsum("sij,sj->si", Q[rows], d)
        return 0.5 * np.einsum("si,si->s", d, g), g, Q[rows]

    def fg(X, rows):
        return fgh(X, rows)[:2]

    res = newton_batched(fgh, fg, np.zeros((6, 4)), gtol=1e-14)
    assert np.allclose(res.x, C, rtol=0, atol=1e-10)
    assert res.n_iter.max() <= 2  # one step, then the gradient test
    assert res.converged.all()


def test_rosenbrock_from_many_starts_including_indefinite_hessians():
    # Far from (1, 1) the Rosenbrock Hessian is indefinite: the modified step must stay downhill.
    starts = np.random.default_rng(1).uniform(-2, 2, size=(30, 2))
    H = np.array([rosen_hess(x) for x in starts])
    assert np.any(np.linalg.eigvalsh(H)[:, 0] < 0)
    res = newton_batched(
        rosenbrock_hess, rosenbrock, starts, max_iter=200, gtol=1e-10, ftol=0.0
    )
    assert res.converged.all()
    assert np.allclose(res.x, 1.0, atol=1e-7)


def test_status_reports_iteration_cap_and_bad_starts():
    res = newton_batched(
        rosenbrock_hess, rosenbrock, np.array([[-1.5, 2.0], [np.nan, 0.0]]), max_iter=1
    )
    assert res.status[0] == MAX_ITER and not res.converged[0]
    assert res.status[1] == BAD_START
    res = newton_batched(rosenbrock_hess, rosenbrock, np.array([[1.0, 1.0]]))
    assert res.status[0] == GRADIENT_SMALL and res.n_iter[0] == 0


def test_x0_must_be_two_dimensional():
    with pytest.raises(ValueError, match="2-D"):
        newton_batched(rosenbrock_hess, rosenbrock, np.zeros(3))
