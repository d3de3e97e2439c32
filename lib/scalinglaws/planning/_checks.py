"""A scalar check shared by the planner's modules (the library-wide helpers are in ``_validation``)."""

from __future__ import annotations

from scalinglaws._validation import as_positive


def positive_scalar(value, name: str) -> float:
    """``value`` as a Python float, checking it is one finite number > 0."""
    arr = as_positive(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {arr.shape}.")
    return float(arr)
