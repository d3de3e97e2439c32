"""Token edit distance: the Levenshtein distance between token sequences, for a whole batch at once.

Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large Language
Models a Mirage?", Sec. 2 and their arithmetic experiments, score the same
model outputs with exact match and with token edit distance: the number of
token insertions, deletions and substitutions that turn the model's answer
into the target. Exact match jumps; edit distance falls smoothly. Chapter 7
uses both.

The dynamic programme is the textbook one, D[i, j] = distance between the
first i predicted tokens and the first j target tokens. It walks over the
predicted tokens; each row is computed for every example and every target
position in a few numpy operations (see :func:`token_edit_distance`).
"""

from __future__ import annotations

import numpy as np

from scalinglaws.emergence._sequences import paired_sequences

# Padding ids: never equal to a real token id (those are >= 0) nor to each
# other, so padded positions never count as matches.
_PAD_PREDICTION, _PAD_TARGET = -1, -2


def _encode(
    sequences: list[tuple], vocabulary: dict, pad: int
) -> tuple[np.ndarray, np.ndarray]:
    """Integer ids for every token, padded to a rectangle; and each sequence's length."""
    lengths = np.array([len(s) for s in sequences], dtype=np.int64)
    ids = np.full((len(sequences), max(int(lengths.max()), 1)), pad, dtype=np.int64)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = [
            vocabulary.setdefault(token, len(vocabulary)) for token in sequence
        ]
    return ids, lengths


def token_edit_distance(predictions, targets) -> np.ndarray:
    """Levenshtein distance between each predicted token sequence and its target.

    Parameters
    ----------
    predictions, targets : sequence of token sequences, same length n
        One sequence per example. A string counts as a sequence of
        characters (the tokens of digit-by-digit arithmetic); pass lists
        of words or of token ids for other tokenisations. Tokens may be any
        hashable values, compared with ``==``.

    Returns
    -------
    ndarray of float, shape [n]
        The least number of token insertions, deletions and substitutions
        that turn each prediction into its target (0 for an exact match).

    Raises
    ------
    ValueError
        If either batch is empty or not a batch of sequences, or the two
        differ in length.

    Notes
    -----
    Row ``i`` of the programme is

    ``D[i, j] = min(D[i-1, j] + 1, D[i-1, j-1] + [p_i != t_j], D[i, j-1] + 1)``.

    The last term runs along the row, but unrolled it is
    ``D[i, j] = j + min_{k <= j} (T[k] - k)`` with ``T`` the row of the first
    two terms, which ``np.minimum.accumulate`` computes at once. Padding
    beyond a sequence's end changes no entry inside it (``D[i, j]`` depends
    only on the first ``i`` and ``j`` tokens), so each example's distance is
    read off at its own lengths. Cost: O(max prediction length) numpy
    operations on arrays of n x (max target length + 1).

    Schaeffer et al. (2023), Sec. 2: "Token Edit Distance".

    Examples
    --------
    >>> token_edit_distance(["kitten", "12345"], ["sitting", "12345"]).tolist()
    [3.0, 0.0]
    >>> token_edit_distance([["the", "cat"]], [["the", "black", "cat"]]).tolist()
    [1.0]
    """
    predicted, wanted = paired_sequences(predictions, targets)
    vocabulary: dict = {}
    pred_ids, pred_lengths = _encode(predicted, vocabulary, _PAD_PREDICTION)
    target_ids, target_lengths = _encode(wanted, vocabulary, _PAD_TARGET)
    n_examples, max_target = target_ids.shape
    examples = np.arange(n_examples)
    offsets = np.arange(max_target + 1, dtype=np.int64)  # j, the target prefix length

    row = np.broadcast_to(offsets, (n_examples, max_target + 1)).copy()  # D[0, j] = j
    distance = row[
        examples, target_lengths
    ].copy()  # empty predictions: insert every target token
    for i in range(1, int(pred_lengths.max()) + 1):
        mismatch = pred_ids[:, i - 1 : i] != target_ids  # [n, max_target]
        best = np.empty_like(row)
        best[:, 0] = i  # delete all i predicted tokens
        best[:, 1:] = np.minimum(row[:, 1:] + 1, row[:, :-1] + mismatch)
        row = np.minimum.accumulate(best - offsets, axis=1) + offsets
        done = pred_lengths == i
        distance[done] = row[examples[done], target_lengths[done]]
    return distance.astype(float)
