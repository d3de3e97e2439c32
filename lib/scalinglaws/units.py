"""Units of a loss: nats or bits, per token, per character or per byte.

A cross-entropy loss is an amount of information divided by an amount of
text. The papers measure information in nats (natural logarithms; Kaplan
et al. 2020 section 1.3, Hoffmann et al. 2022) and divide by tokens, so their
numbers depend on the tokenizer: a tokenizer whose tokens hold more
characters spends more nats on each token for the same text. Compression
results and character-level models divide bits by characters or bytes
instead. Chapter 4 (*The irreducible loss*) uses these conversions to put
fitted floors E side by side.

The conversions are exact identities, not approximations:

- 1 bit = ln 2 nats, so a loss in bits is the loss in nats divided by ln 2;
- a model's total log-loss on a text is the same number of nats however the
  text is cut up, so loss per character = loss per token / (characters per
  token), where characters per token is measured on that text with that
  tokenizer.
"""

from __future__ import annotations

import math

import numpy as np

from scalinglaws._validation import (
    as_finite,
    as_nonnegative,
    as_positive,
    scalar_or_array,
)

#: Nats in one bit: ln 2.
NATS_PER_BIT = math.log(2.0)


def nats_to_bits(loss_nats):
    """Convert a loss (or any information) from nats to bits: divide by ln 2.

    Parameters
    ----------
    loss_nats : float or array_like
        Information in nats (>= 0), e.g. a cross-entropy per token.

    Returns
    -------
    float or ndarray
        The same information in bits.
    """
    return scalar_or_array(as_nonnegative(loss_nats, "loss_nats") / NATS_PER_BIT)


def bits_to_nats(loss_bits):
    """Convert a loss (or any information) from bits to nats: multiply by ln 2."""
    return scalar_or_array(as_nonnegative(loss_bits, "loss_bits") * NATS_PER_BIT)


def per_token_to_per_character(loss_per_token, characters_per_token):
    """Loss per character from loss per token: divide by the mean characters per token.

    Parameters
    ----------
    loss_per_token : float or array_like
        Loss per token (>= 0), in any unit of information (nats or bits).
    characters_per_token : float or array_like
        Mean number of characters per token of the tokenizer on the text the
        loss was measured on (> 0); see :func:`characters_per_token`. Kaplan
        et al. (2020, footnote 7) give 4.3 for GPT-2's tokenizer on WebText2.
        Passing bytes per token gives the loss per byte instead.

    Returns
    -------
    float or ndarray
        Loss per character, in the unit of ``loss_per_token``.
    """
    loss = as_nonnegative(loss_per_token, "loss_per_token")
    ratio = as_positive(characters_per_token, "characters_per_token")
    return scalar_or_array(loss / ratio)


def per_character_to_per_token(loss_per_character, characters_per_token):
    """Loss per token from loss per character: multiply by the mean characters per token.

    The inverse of :func:`per_token_to_per_character`; same parameters.
    """
    loss = as_nonnegative(loss_per_character, "loss_per_character")
    ratio = as_positive(characters_per_token, "characters_per_token")
    return scalar_or_array(loss * ratio)


def characters_per_token(n_characters, n_tokens):
    """Mean characters per token of a tokenizer on a text: ``n_characters / n_tokens``.

    Parameters
    ----------
    n_characters : int or float
        Length of the text in characters (or bytes, to get bytes per token).
    n_tokens : int or float
        Number of tokens the tokenizer cuts the same text into.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If either count is not a single positive number.
    """
    chars = as_positive(n_characters, "n_characters")
    tokens = as_positive(n_tokens, "n_tokens")
    if chars.ndim or tokens.ndim:
        raise ValueError("n_characters and n_tokens must be single counts, not arrays.")
    return float(chars / tokens)


def perplexity(loss_nats):
    """Perplexity exp(L) of a loss in nats per token: the effective number of equally likely next tokens."""
    return scalar_or_array(np.exp(as_nonnegative(loss_nats, "loss_nats")))


def loss_from_perplexity(ppl):
    """Loss in nats per token of a perplexity: ln(ppl). Perplexity must be >= 1."""
    ppl = as_finite(ppl, "ppl")
    if np.any(ppl < 1):
        raise ValueError(
            f"perplexity must be >= 1 (a loss >= 0), got {float(ppl[ppl < 1].ravel()[0])!r}."
        )
    return scalar_or_array(np.log(ppl))
