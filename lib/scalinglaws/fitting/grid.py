"""Hoffmann et al.'s grid of starting points for the parametric fit.

Hoffmann et al. (2022), Appendix D.2: L-BFGS is started from every point of
the grid alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1},
a, b in {0, 5, ..., 25}, and the best result is kept: 5 x 5 x 5 x 6 x 6 =
4,500 starts. Besiroglu et al. (2024) reuse the same grid for their exact
replication.
"""

from __future__ import annotations

import itertools

import numpy as np

from scalinglaws._validation import as_finite

#: Grid values of each parameter (Hoffmann et al. 2022, App. D.2).
HOFFMANN_GRID_VALUES = {
    "a": np.arange(0.0, 25.0 + 1e-9, 5.0),
    "b": np.arange(0.0, 25.0 + 1e-9, 5.0),
    "e": np.arange(-1.0, 1.0 + 1e-9, 0.5),
    "alpha": np.arange(0.0, 2.0 + 1e-9, 0.5),
    "beta": np.arange(0.0, 2.0 + 1e-9, 0.5),
}


def hoffmann_grid() -> np.ndarray:
    """All 4,500 start points of Hoffmann et al.'s grid, as rows (a, b, e, alpha, beta).

    Returns
    -------
    ndarray, shape (4500, 5)
    """
    axes = [HOFFMANN_GRID_VALUES[k] for k in ("a", "b", "e", "alpha", "beta")]
    return np.array(list(itertools.product(*axes)), dtype=float)


def as_start_array(starts) -> np.ndarray:
    """Turn ``starts`` (``"hoffmann"`` or an array of rows (a, b, e, alpha, beta)) into a float array.

    Raises
    ------
    ValueError
        If ``starts`` is an unknown name, not of shape (k, 5), or not finite.
    """
    if isinstance(starts, str):
        if starts != "hoffmann":
            raise ValueError(
                f"starts must be 'hoffmann' or an array of rows (a, b, e, alpha, beta), got {starts!r}."
            )
        return hoffmann_grid()
    arr = as_finite(starts, "starts")
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != 5:
        raise ValueError(
            f"starts must have shape (k, 5): one row (a, b, e, alpha, beta) per start; got shape {arr.shape}."
        )
    return arr
