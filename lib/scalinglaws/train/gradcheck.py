"""Finite-difference gradients: how the book checks its hand-written backward passes.

Every backward pass in :mod:`~scalinglaws.train` (the MLP's and the
transformer's layers) is tested against central differences in float64, as a
student would check their own. Chapter 3 trains the models these tests cover.
"""

from __future__ import annotations

import numpy as np


def numerical_gradient(f, array, step=1e-6):
    """Central differences of the scalar function ``f()`` with respect to ``array``.

    ``array`` is perturbed in place, one element at a time, and restored, so
    ``f`` must read it (for example a model's parameter or an input batch).

    Parameters
    ----------
    f : callable
        ``f() -> float``, evaluated twice per element.
    array : ndarray
        The variable to differentiate with respect to, float64 for a
        meaningful check (truncation error ~ step^2, rounding ~ 1e-16 / step).
    step : float, default 1e-6

    Returns
    -------
    ndarray, same shape as ``array``
        (f(x + step e_i) - f(x - step e_i)) / (2 step) for every element i.
    """
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        saved = array[idx]
        array[idx] = saved + step
        f_plus = f()
        array[idx] = saved - step
        f_minus = f()
        array[idx] = saved
        grad[idx] = (f_plus - f_minus) / (2 * step)
    return grad
