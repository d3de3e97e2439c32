"""The Huber loss that Hoffmann et al. (2022) use to fit their parametric law.

Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
eq. (3) and Appendix D.2: residuals of log-loss are scored with the Huber loss
with delta = 1e-3, quadratic near zero and linear beyond, so that a few bad
runs cannot drag the fit. Chapter 4 uses it.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_finite, as_positive, scalar_or_array


def huber(residual, delta: float = 1e-3):
    """Huber loss of each residual.

    ``0.5 r**2`` where ``|r| <= delta`` and ``delta * (|r| - delta/2)`` beyond,
    so the two pieces meet with equal value and slope at ``|r| = delta``.

    Parameters
    ----------
    residual : array_like
        Residuals (for Hoffmann's fit: predicted minus observed log-loss).
    delta : float, default 1e-3
        Where the quadratic piece turns linear (Hoffmann et al. 2022, App. D.2).

    Returns
    -------
    float or ndarray
        The loss of each residual, same shape as ``residual``.
    """
    r = as_finite(residual, "residual")
    delta = check_delta(delta)
    clipped = np.clip(r, -delta, delta)
    # c (r - c/2) is r^2/2 inside the band and delta(|r| - delta/2) outside it:
    # one formula, no branches.
    return scalar_or_array(clipped * (r - 0.5 * clipped))


def huber_derivative(residual, delta: float = 1e-3):
    """Derivative of :func:`huber` with respect to the residual: ``clip(r, -delta, delta)``."""
    r = as_finite(residual, "residual")
    delta = check_delta(delta)
    return scalar_or_array(np.clip(r, -delta, delta))


def check_delta(delta) -> float:
    """Return the Huber threshold ``delta`` as a float > 0; ValueError otherwise."""
    arr = as_positive(delta, "delta")
    if arr.ndim != 0:
        raise ValueError(
            f"delta must be a single number > 0, got an array of shape {arr.shape}."
        )
    return float(arr)
