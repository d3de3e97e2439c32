"""``claim(statement, holds)``: a chapter's sentences checked against its own numbers.

A chapter's prose states what its cells computed ("the refit's interval is twenty
times wider than the paper's"). Typed into the prose, such a number could drift away
from the computation when a sweep is re-run or a dataset updated. The book's
convention (README, *For authors*): right after the paragraph, a code cell tagged
``remove-cell`` restates each such sentence as a claim::

    claim("the refit's interval is about twenty times the paper's", 15 < ratio < 25)
    claim_close("E is 1.82 nats per token", refit.law.E, 1.82, atol=0.005)

The cell runs wherever the chapter runs, but the website and the student edition
leave it out. Under the book's tests (``SCALINGLAWS_CHECKS_STRICT=1``, which
``make test`` sets) a claim that no longer holds raises :class:`ClaimError`, naming the
sentence to rewrite. A reader running the notebook in JupyterLab, who may well have
changed a setting on purpose, gets a :class:`ClaimWarning` instead, saying which
sentence no longer describes their numbers, and the notebook runs on.
"""

from __future__ import annotations

import os
import warnings

import numpy as np

from scalinglaws.book.checks.check import STRICT_ENV


class ClaimError(AssertionError):
    """A sentence of the chapter no longer holds of the numbers its cells computed."""


class ClaimWarning(UserWarning):
    """The reader's numbers no longer support a sentence of the chapter."""


def _statement(statement) -> str:
    if not isinstance(statement, str) or not statement.strip():
        raise ValueError(
            f"statement must be the sentence being checked, as a non-empty string; "
            f"got {statement!r}."
        )
    return statement.strip()


def _report(statement: str, detail: str) -> bool:
    message = f"The text says: {statement!r}, but {detail}."
    if os.environ.get(STRICT_ENV) == "1":
        raise ClaimError(message + " Rewrite the sentence or find what changed.")
    warnings.warn(
        message + " (Expected if you changed a setting above.)",
        ClaimWarning,
        stacklevel=3,
    )
    return False


def claim(statement: str, holds) -> bool:
    """Check that a sentence of the chapter holds of the numbers computed above it.

    Parameters
    ----------
    statement : str
        The sentence (or its gist) as the chapter states it.
    holds : bool
        Whether the numbers support it: any expression that is a single truth value.

    Returns
    -------
    bool
        True when the statement holds. When it does not: raises :class:`ClaimError`
        under the book's tests (``SCALINGLAWS_CHECKS_STRICT=1``), otherwise warns with
        :class:`ClaimWarning` and returns False.

    Raises
    ------
    ValueError
        If ``statement`` is not a non-empty string or ``holds`` is not one truth value.

    Examples
    --------
    >>> claim("two and two make four", 2 + 2 == 4)
    True
    """
    statement = _statement(statement)
    if np.ndim(holds) != 0:
        raise ValueError(
            f"holds must be one truth value; got an array of shape {np.shape(holds)} "
            "(use .all() or .any() to say which)."
        )
    if bool(holds):
        return True
    return _report(statement, "the numbers above do not support it")


def claim_close(
    statement: str, value, expected, *, rtol: float = 0.0, atol: float = 0.0
):
    """Check that a number the chapter states is (still) what its cells computed.

    Parameters
    ----------
    statement : str
        The sentence that states the number.
    value : float or array_like
        What the cells computed.
    expected : float or array_like
        The number as the text states it (rounded as printed).
    rtol, atol : float
        How close is close enough: ``|value - expected| <= atol + rtol * |expected|``
        elementwise. Say at least one; half a unit of the printed last digit is the
        natural ``atol``.

    Returns
    -------
    bool
        As :func:`claim`.

    Raises
    ------
    ValueError
        If no tolerance is given, a tolerance is negative, or the values are not finite
        numbers of matching shape.

    Examples
    --------
    >>> claim_close("E is 1.82 nats per token", 1.8172, 1.82, atol=0.005)
    True
    """
    statement = _statement(statement)
    if not (rtol >= 0 and atol >= 0) or rtol == atol == 0:
        raise ValueError(
            f"give a tolerance: rtol and atol must be >= 0 and not both 0, "
            f"got rtol={rtol!r}, atol={atol!r}."
        )
    try:
        value_arr = np.asarray(value, dtype=float)
        expected_arr = np.asarray(expected, dtype=float)
        np.broadcast_shapes(value_arr.shape, expected_arr.shape)
    except (TypeError, ValueError):
        raise ValueError(
            f"value and expected must be numbers or arrays of one shape, "
            f"got {value!r} and {expected!r}."
        ) from None
    if not (np.all(np.isfinite(value_arr)) and np.all(np.isfinite(expected_arr))):
        return _report(statement, f"the computed value is {value!r}")
    if np.all(np.abs(value_arr - expected_arr) <= atol + rtol * np.abs(expected_arr)):
        return True
    return _report(
        statement,
        f"the cells above computed {np.round(value_arr, 6).tolist()} "
        f"(stated: {np.asarray(expected).tolist()}, rtol={rtol}, atol={atol})",
    )
