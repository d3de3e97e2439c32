"""Character-level text as a next-token prediction task, with a fixed train/validation split.

The third family of the book's sweeps is real text: Tiny Shakespeare, read
through :func:`scalinglaws.datasets.read_text` (never copied into the
repository). Unlike :mod:`~scalinglaws.synthetic.markov_language`, its
entropy is unknown, which is the point: the fitted offset ``E`` is the only
estimate there is.

The split is by position, not at random: the last ``validation_fraction`` of
the characters are held out (10% by default), so no validation window
overlaps a training window and the split is the same on every machine.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_count, as_positive


class CharText:
    """A text as integer character tokens, split into training and validation streams.

    Parameters
    ----------
    text : str
        The whole corpus.
    validation_fraction : float
        Fraction of characters, taken from the end, held out for evaluation;
        0 < validation_fraction < 1.

    Attributes
    ----------
    vocab : str
        The sorted distinct characters of the whole text; token ``i`` is ``vocab[i]``.
    train_tokens, validation_tokens : ndarray of int64
        The two parts of the encoded text.
    """

    def __init__(self, text, validation_fraction=0.1):
        if not isinstance(text, str) or len(text) < 2:
            raise ValueError("text must be a str of at least two characters.")
        fraction = float(as_positive(validation_fraction, "validation_fraction"))
        if fraction >= 1:
            raise ValueError(
                f"validation_fraction must lie in (0, 1), got {fraction!r}."
            )
        self.validation_fraction = fraction
        self.vocab = "".join(sorted(set(text)))
        self._index = {ch: i for i, ch in enumerate(self.vocab)}
        tokens = self.encode(text)
        split = len(tokens) - max(1, int(round(fraction * len(tokens))))
        self.train_tokens = tokens[:split]
        self.validation_tokens = tokens[split:]

    @classmethod
    def from_dataset(cls, name="tinyshakespeare", validation_fraction=0.1):
        """Load a text dataset registered in :mod:`scalinglaws.datasets` (default Tiny Shakespeare)."""
        from scalinglaws import (
            datasets,  # imported here: only this constructor needs the files
        )

        return cls(datasets.read_text(name), validation_fraction)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def encode(self, text):
        """Token ids of the characters of ``text`` (each must be in :attr:`vocab`)."""
        try:
            return np.fromiter(
                (self._index[ch] for ch in text), dtype=np.int64, count=len(text)
            )
        except KeyError as err:
            raise ValueError(
                f"character {err.args[0]!r} is not in this text's vocabulary."
            ) from None

    def decode(self, tokens):
        """The string spelled by a sequence of token ids."""
        return "".join(self.vocab[int(t)] for t in np.asarray(tokens).ravel())

    def _stream(self, split):
        if split == "train":
            return self.train_tokens
        if split == "validation":
            return self.validation_tokens
        raise ValueError(f"split must be 'train' or 'validation', got {split!r}.")

    def sample_batch(self, n, T, rng, split="train"):
        """``n`` windows of ``T + 1`` consecutive characters at uniformly random offsets.

        Returns
        -------
        inputs, targets : ndarray of int64, shape [n, T]
            ``targets[i, t]`` is the character after ``inputs[i, t]``.
        """
        n, T = (
            as_count(n, "n", allow_integral_float=True),
            as_count(T, "T", allow_integral_float=True),
        )
        stream = self._stream(split)
        if T + 1 > stream.size:
            raise ValueError(
                f"T + 1 = {T + 1} exceeds the {split} split's {stream.size} characters."
            )
        starts = np.random.default_rng(rng).integers(0, stream.size - T, size=n)
        windows = stream[starts[:, None] + np.arange(T + 1)]
        return windows[:, :-1], windows[:, 1:]

    def evaluation_windows(self, T, max_windows=None, split="validation"):
        """Consecutive non-overlapping windows tiling a split from its start: a fixed evaluation set.

        Parameters
        ----------
        T : int
            Context length.
        max_windows : int, optional
            Keep only the first this many windows (all that fit by default).

        Returns
        -------
        inputs, targets : ndarray of int64, shape [n_windows, T]
        """
        T = as_count(T, "T", allow_integral_float=True)
        stream = self._stream(split)
        count = (stream.size - 1) // T
        if max_windows is not None:
            count = min(
                count, as_count(max_windows, "max_windows", allow_integral_float=True)
            )
        if count < 1:
            raise ValueError(
                f"the {split} split is too short for one window of T = {T}."
            )
        inputs = stream[: count * T].reshape(count, T)
        targets = stream[1 : count * T + 1].reshape(count, T)
        return inputs, targets
