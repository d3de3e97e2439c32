"""Input checks shared by every public function of the library.

The library validates at its boundary: a public function turns its inputs
into float arrays through these helpers, and bad input raises ``ValueError``
with a sentence saying what was wrong and what is expected.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_positive(value, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array, checking that it is finite and > 0.

    Parameters
    ----------
    value : array_like
        Scalar or array of sizes, token counts, FLOPs, losses...
    name : str
        The argument's name, used in the error message.

    Raises
    ------
    ValueError
        If any element is NaN, infinite, zero or negative, or not numeric.
    """
    arr = as_finite(value, name)
    if np.any(arr <= 0):
        bad = float(arr[arr <= 0].ravel()[0])
        raise ValueError(
            f"{name} must be positive, got {bad!r}; pass a value (or array of values) > 0."
        )
    return arr


def as_finite(value, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array, checking that every element is finite."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a number or an array of numbers, got {value!r}."
        ) from None
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"{name} contains NaN or infinite values; pass finite numbers only."
        )
    return arr


def as_nonnegative(value, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array, checking that it is finite and >= 0."""
    arr = as_finite(value, name)
    if np.any(arr < 0):
        bad = float(arr[arr < 0].ravel()[0])
        raise ValueError(f"{name} must be >= 0, got {bad!r}.")
    return arr


def same_length(**arrays: np.ndarray) -> int:
    """Check that 1-D arrays given by keyword all have the same length; return it."""
    lengths = {name: np.size(a) for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(f"inputs must have the same length, but {described} values.")
    return next(iter(lengths.values()))


def scalar_or_array(arr: np.ndarray):
    """Return a Python float for 0-d arrays so scalar inputs give scalar outputs."""
    return float(arr) if np.ndim(arr) == 0 else arr


def as_positive_int(value, name: str) -> int:
    """Return ``value`` as an int, raising ValueError unless it is an integer > 0 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def as_seed(seed) -> int:
    """Return ``seed`` as an int, raising ValueError unless it is an integer >= 0 (bools refused)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")
    return int(seed)


def as_float_dtype(dtype) -> np.dtype:
    """Return ``dtype`` as a numpy dtype, raising ValueError unless it is float32 or float64."""
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(f"dtype must be np.float32 or np.float64, got {dtype!r}.")
    return resolved


def as_count(
    value, name: str, minimum: int = 1, *, allow_integral_float: bool = False
) -> int:
    """Return ``value`` as an int, raising ValueError unless it is an integer >= ``minimum``.

    Booleans are refused; with ``allow_integral_float`` a float with an
    integral value (``1000.0``) is accepted.
    """
    integral = isinstance(value, numbers.Integral) or (
        allow_integral_float
        and isinstance(value, numbers.Real)
        and float(value).is_integer()
    )
    if isinstance(value, (bool, np.bool_)) or not integral or int(value) < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}.")
    return int(value)


def positive_scalar(value, name: str) -> float:
    """Return ``value`` as a Python float, checking it is one finite number > 0."""
    arr = as_positive(value, name)
    if arr.ndim != 0:
        raise ValueError(
            f"{name} must be a single number > 0, got an array of shape {arr.shape}."
        )
    return float(arr)


def as_level(level, name: str = "level") -> float:
    """Return ``level`` as a float strictly between 0 and 1: the coverage of an interval."""
    arr = as_finite(level, name)
    if arr.ndim != 0 or not 0.0 < float(arr) < 1.0:
        raise ValueError(
            f"{name} must be a single number between 0 and 1 (e.g. 0.8), got {level!r}."
        )
    return float(arr)


def optional_scalar(value, name: str) -> float | None:
    """Return ``value`` as a Python float (one finite number), or None when it is None."""
    if value is None:
        return None
    arr = as_finite(value, name)
    if arr.ndim != 0:
        raise ValueError(
            f"{name} must be a single number or None, got an array of shape {arr.shape}."
        )
    return float(arr)
