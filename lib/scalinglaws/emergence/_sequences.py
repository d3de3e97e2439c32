"""Turn a batch of token sequences into tuples, with the checks every sequence metric needs."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def as_token_sequences(values, name: str) -> list[tuple]:
    """Return ``values`` as a list of token tuples, one per example.

    Parameters
    ----------
    values : sequence of sequences, or 2-D array
        One token sequence per example. A ``str`` element is read as a
        sequence of characters; any other element must be iterable (a list
        of words, an array of token ids...).
    name : str
        The argument's name, for the error message.

    Raises
    ------
    ValueError
        If ``values`` is a single string, is empty, or holds an element that
        is not a sequence of tokens.
    """
    if isinstance(values, (str, bytes)):
        raise ValueError(
            f"{name} must be a batch of token sequences (e.g. a list of strings or of "
            f"lists of tokens), got the single string {values!r}; wrap it in a list."
        )
    if isinstance(values, np.ndarray) and values.ndim == 2:
        values = list(values)
    if not isinstance(values, Iterable):
        raise ValueError(
            f"{name} must be a batch of token sequences, got {type(values).__name__}."
        )
    sequences = []
    for index, sequence in enumerate(values):
        if isinstance(sequence, str):
            sequences.append(tuple(sequence))
        elif isinstance(sequence, Iterable) and not isinstance(sequence, bytes):
            sequences.append(
                tuple(np.asarray(sequence).tolist())
                if isinstance(sequence, np.ndarray)
                else tuple(sequence)
            )
        else:
            raise ValueError(
                f"{name}[{index}] must be a sequence of tokens (a string or a list), "
                f"got {sequence!r}."
            )
    if not sequences:
        raise ValueError(f"{name} is empty; pass at least one token sequence.")
    return sequences


def paired_sequences(predictions, targets) -> tuple[list[tuple], list[tuple]]:
    """Check and convert a batch of predictions and the matching batch of targets."""
    predicted = as_token_sequences(predictions, "predictions")
    wanted = as_token_sequences(targets, "targets")
    if len(predicted) != len(wanted):
        raise ValueError(
            f"predictions and targets must hold one sequence per example each, but predictions "
            f"has {len(predicted)} and targets has {len(wanted)}."
        )
    return predicted, wanted
