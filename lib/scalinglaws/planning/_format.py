"""Number formats for the planner's printed tables (kept free of matplotlib for the command line)."""

from __future__ import annotations

import math

# The field writes billions as "B" (GPT-3 175B) and trillions as "T".
_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def count(x: float, digits: int = 3) -> str:
    """A count of parameters, tokens or hours: 7.0e10 -> "70.0B", 1.4e12 -> "1.40T"."""
    if not math.isfinite(x):
        return str(x)
    rounded = float(f"{x:.{digits}g}")
    if abs(rounded) >= 1e15:
        return scientific(x, digits)
    for scale, suffix in _SUFFIXES:
        if abs(rounded) >= scale:
            return _fixed(rounded / scale, digits) + suffix
    return _fixed(rounded, digits)


def scientific(x: float, digits: int = 3) -> str:
    """E-notation without the plus sign and leading zero: 1e24 -> "1.00e24"."""
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def plain(x: float, digits: int = 4) -> str:
    """A number of order one (a loss, a ratio) to ``digits`` significant digits."""
    return _fixed(x, digits)


def _fixed(x: float, digits: int) -> str:
    # Keep trailing zeros up to the significant digits (3 -> "70.0"), so that
    # columns of a table line up in precision.
    if x == 0:
        return "0"
    decimals = max(digits - 1 - int(math.floor(math.log10(abs(x)))), 0)
    return f"{x:.{decimals}f}"
