"""Input checks shared by the fits: the library's validators plus what a fit needs on top.

A fit needs at least as many points as it has parameters, and spread in each
variable whose exponent it estimates: with every run at one model size the
size exponent is not identifiable, and the fit must say so rather than
return an arbitrary number.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_positive, same_length


def positive_points(n_parameters: int, **arrays) -> list[np.ndarray]:
    """Validate equal-length 1-D positive arrays given by keyword; return them in order.

    Raises
    ------
    ValueError
        If any array is not 1-D, holds NaN, infinite or non-positive values,
        the lengths differ, or there are fewer points than ``n_parameters``.
    """
    out = []
    for name, value in arrays.items():
        arr = as_positive(value, name)
        if arr.ndim != 1:
            raise ValueError(
                f"{name} must be a 1-D array (one value per run), got shape {arr.shape}."
            )
        out.append(arr)
    n = same_length(**dict(zip(arrays, out)))
    if n < n_parameters:
        raise ValueError(
            f"got {n} points but this fit has {n_parameters} parameters; pass at least {n_parameters} points."
        )
    return out


def require_spread(values: np.ndarray, name: str, why: str) -> None:
    """Raise ValueError if every entry of ``values`` is the same (to relative 1e-12)."""
    if np.ptp(np.log(values)) <= 1e-12:
        raise ValueError(
            f"all points have the same {name} ({values[0]:.6g}); {why} needs points at two or more values of {name}."
        )
