"""``check(label, answer)``: right, wrong, or how far off, without giving the answer away."""

from __future__ import annotations

import numbers
import os

import numpy as np

from .registry import REGISTRY, answer_name

#: When this environment variable is "1", a wrong answer raises AssertionError instead of
#: returning False: the full edition's tests set it, so a solution whose answer the
#: registry does not accept fails the build (notebook kernels inherit the environment).
STRICT_ENV = "SCALINGLAWS_CHECKS_STRICT"

# Relative-error buckets for an answer that is not right; the message names the bucket
# and the direction (too high or too low) but never the expected value.
_BUCKETS = [
    (0.05, "close: within 5%"),
    (0.25, "off by 5% to 25%"),
    (1.0, "off by 25% to 100%"),
    (9.0, "off by a factor of 2 to 10"),
]


def _as_answer(label: str, answer, shape: tuple) -> np.ndarray:
    """The answer as a float array of the registered shape, or a ValueError saying why not."""
    if isinstance(answer, (str, bytes, bool, np.bool_)) or answer is None:
        raise ValueError(
            f"check({label!r}, ...) expects a number{' array of shape ' + str(shape) if shape else ''}, "
            f"got {type(answer).__name__} {answer!r}."
        )
    if not shape and not isinstance(answer, (numbers.Real, np.ndarray, np.generic)):
        raise ValueError(
            f"check({label!r}, ...) expects a single number, got {type(answer).__name__}."
        )
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"check({label!r}, ...) expects numbers, got {type(answer).__name__}; pass a float or an array of floats."
        ) from None
    if values.shape != shape:
        raise ValueError(
            f"check({label!r}, ...) expects {'a single number' if not shape else f'an array of shape {shape}'}, "
            f"got shape {values.shape}."
        )
    if not np.all(np.isfinite(values)):
        raise ValueError(
            f"check({label!r}, ...) got NaN or infinite values; pass finite numbers."
        )
    return values


def _bucket(relative_error: float) -> str:
    for bound, text in _BUCKETS:
        if relative_error <= bound:
            return text
    return "off by more than a factor of 10"


def check(label: str, answer, *, quiet: bool = False) -> bool:
    """Say whether an exercise's answer is right, and if not how far off, with a hint.

    The expected answer is computed from the library (or from the book's committed runs)
    when the check runs; it is never printed.

    Parameters
    ----------
    label : str
        The exercise's label, ``ex-NN-k`` (see ``scalinglaws.book.checks.REGISTRY``).
    answer : float or array_like
        The reader's answer, a single number or, for some exercises, a 1-D array;
        ``...`` (or None) while the exercise is not answered yet.
    quiet : bool, optional
        If True, print nothing; only return the verdict.

    Returns
    -------
    bool
        True if every element is within the exercise's relative tolerance.

    Raises
    ------
    ValueError
        If the label is unknown, or the answer is not a finite number (or array) of the
        expected shape.
    AssertionError
        If the answer is wrong and the environment variable ``SCALINGLAWS_CHECKS_STRICT``
        is ``"1"`` (used by the tests of the full edition, whose solutions must pass).
    """
    if not isinstance(label, str) or label not in REGISTRY:
        raise ValueError(
            f"{label!r} is not a checkable exercise; pass a label such as 'ex-01-1' "
            f"(known: {', '.join(sorted(REGISTRY))})."
        )
    entry = REGISTRY[label]
    if answer is ... or answer is None:
        # The student edition binds every answer to ``...`` until the student writes one.
        name = answer_name(label)
        if not quiet:
            print(
                f"{label}: not answered yet: put your answer in `{name}` and run this again."
            )
        if os.environ.get(STRICT_ENV) == "1":
            raise AssertionError(f"{label}: not answered ({STRICT_ENV}=1).")
        return False
    values = _as_answer(label, answer, entry.shape)
    expected = np.asarray(entry.expected(), dtype=float)
    relative = np.atleast_1d(values / expected - 1.0)
    errors = np.abs(relative)
    right = bool(np.all(errors <= entry.rtol))
    if not quiet:
        print(_verdict(label, entry, relative, right))
    if not right and os.environ.get(STRICT_ENV) == "1":
        raise AssertionError(
            f"{label}: the answer is not within the check's tolerance ({STRICT_ENV}=1)."
        )
    return right


def _verdict(label: str, entry, relative: np.ndarray, right: bool) -> str:
    """What check() says: right, or how far off and which way, part by part if any."""
    tolerance = f"(a right answer is within {entry.rtol:.1g} relative)"
    if entry.parts:
        lines = [f"{label}: {'right' if right else 'not yet'}: {entry.description}."]
        for part, r in zip(entry.parts, relative):
            if abs(r) <= entry.rtol:
                lines.append(f"  {part}: right")
            else:
                direction = "too high" if r > 0 else "too low"
                lines.append(f"  {part}: {_bucket(abs(r))}, {direction}")
        if not right:
            lines.append(f"{tolerance}\nHint: {entry.hint}")
        return "\n".join(lines)
    if right:
        return f"{label}: right: {entry.description}."
    worst = int(np.argmax(np.abs(relative)))
    element = f" (element {worst})" if entry.shape else ""
    direction = "too high" if relative[worst] > 0 else "too low"
    return (
        f"{label}: not yet. {entry.description}{element}: "
        f"{_bucket(abs(relative[worst]))}, {direction} {tolerance}.\nHint: {entry.hint}"
    )
