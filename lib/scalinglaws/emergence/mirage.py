"""The mirage argument: a smooth per-token loss seen through exact match over L tokens, p^L.

Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large Language
Models a Mirage?", Sec. 2. Suppose the
per-token cross-entropy falls as a power law in parameters,
``L_CE(N) = (N/c)^alpha`` with ``alpha < 0``. Then

- the probability of the correct token is ``p(N) = exp(-L_CE(N))``, smooth;
- exact match over ``L`` independent tokens is ``p(N)^L``, which sits near
  zero over many decades of N and then shoots up: it looks emergent;
- token edit distance is ``L (1 - p(N))``, which falls smoothly.

The per-token loss is a :class:`scalinglaws.laws.SaturatingPowerLaw`:
Schaeffer's ``(N/c)^alpha`` is ``SaturatingPowerLaw(x0=c, alpha=-alpha)``,
and a non-zero ``E`` caps the token probability below 1. Chapter 7 draws
these curves for several L.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_nonnegative, as_positive, scalar_or_array
from scalinglaws.laws import SaturatingPowerLaw


def _as_probability(p, name: str = "token_probability") -> np.ndarray:
    values = as_nonnegative(p, name)
    if np.any(values > 1):
        raise ValueError(
            f"{name} must lie in [0, 1], got {values[values > 1].ravel()[0]!r}."
        )
    return values


def _as_length(length) -> np.ndarray:
    values = as_positive(length, "length")
    if np.any(values != np.round(values)):
        raise ValueError(
            f"length must be a whole number of tokens (>= 1), got {length!r}."
        )
    return values


def token_probability_from_loss(cross_entropy):
    """Probability of the correct token given the per-token cross-entropy: ``exp(-L_CE)``.

    Parameters
    ----------
    cross_entropy : array_like
        Per-token cross-entropy in nats, >= 0.

    Returns
    -------
    float or ndarray
        Schaeffer et al. (2023), Sec. 2: p(single token correct) = exp(-L_CE(N)).
    """
    return scalar_or_array(np.exp(-as_nonnegative(cross_entropy, "cross_entropy")))


def exact_match_from_token_probability(token_probability, length):
    """Exact-match rate of an L-token answer whose tokens are each right with probability p: ``p^L``.

    Parameters
    ----------
    token_probability : array_like
        Per-token probability of the correct token, in [0, 1].
    length : int or array_like of int
        Number of tokens in the target, >= 1; broadcasts against
        ``token_probability``.

    Returns
    -------
    float or ndarray
        Schaeffer et al. (2023), Sec. 2: Accuracy(N) ~ p_N(single token correct)^(num. of tokens),
        assuming the tokens are right or wrong independently.
    """
    p = _as_probability(token_probability)
    return scalar_or_array(p ** _as_length(length))


def edit_distance_from_token_probability(token_probability, length):
    """Expected token edit distance of an L-token answer: ``L (1 - p)``.

    Parameters
    ----------
    token_probability : array_like
        Per-token probability of the correct token, in [0, 1].
    length : int or array_like of int
        Number of tokens in the target, >= 1.

    Returns
    -------
    float or ndarray
        Schaeffer et al. (2023), Sec. 2: Token Edit Distance(N) ~ L (1 - p_N(single token correct)),
        the expected number of wrong tokens when each is a substitution.
    """
    p = _as_probability(token_probability)
    return scalar_or_array(_as_length(length) * (1.0 - p))


@dataclass(frozen=True)
class MirageModel:
    """A model family whose per-token loss is a power law in scale, scored in several ways.

    Parameters
    ----------
    token_loss : SaturatingPowerLaw
        Per-token cross-entropy (nats) against scale N (parameters, or
        compute): ``E + (x0 / N)^alpha``. Schaeffer et al.'s
        ``(N/c)^alpha`` with ``alpha < 0`` is ``SaturatingPowerLaw(c, -alpha)``.

    Examples
    --------
    >>> from scalinglaws.laws import SaturatingPowerLaw
    >>> model = MirageModel(SaturatingPowerLaw(x0=1e9, alpha=0.5))
    >>> round(model.token_probability(1e9), 4), round(model.exact_match(1e9, 5), 4)
    (0.3679, 0.0067)
    """

    token_loss: SaturatingPowerLaw

    def __post_init__(self):
        if not isinstance(self.token_loss, SaturatingPowerLaw):
            raise ValueError(
                "token_loss must be a scalinglaws.laws.SaturatingPowerLaw giving the per-token "
                f"cross-entropy against scale, got {type(self.token_loss).__name__}."
            )

    def cross_entropy(self, N):
        """Per-token cross-entropy in nats at scale ``N``."""
        return self.token_loss.loss(N)

    def token_probability(self, N):
        """Probability of the correct token at scale ``N``: smooth in log N."""
        return token_probability_from_loss(self.cross_entropy(N))

    def exact_match(self, N, length):
        """Exact-match rate of an answer of ``length`` tokens at scale ``N``: ``p(N)^L``."""
        N, length = np.broadcast_arrays(as_positive(N, "N"), _as_length(length))
        return exact_match_from_token_probability(self.token_probability(N), length)

    def token_edit_distance(self, N, length):
        """Expected token edit distance of an answer of ``length`` tokens at scale ``N``: ``L (1 - p(N))``."""
        N, length = np.broadcast_arrays(as_positive(N, "N"), _as_length(length))
        return edit_distance_from_token_probability(self.token_probability(N), length)

    def scale_at_exact_match(self, accuracy, length):
        """The scale at which the exact-match rate of ``length``-token answers reaches ``accuracy``.

        Solves ``p(N)^L = accuracy``: the per-token loss must fall to
        ``-ln(accuracy) / L``. Longer answers need lower loss, so the
        apparent "emergence scale" moves right as L grows, by a factor
        ``L^(1/alpha)`` for a pure power law.

        Parameters
        ----------
        accuracy : array_like
            Target exact-match rate, in (0, 1).
        length : int or array_like of int
            Answer length in tokens, >= 1.

        Returns
        -------
        float or ndarray
            Scale N (units of the law's x); ``inf`` where the accuracy is out
            of reach because it needs a loss at or below ``E``.
        """
        acc = as_positive(accuracy, "accuracy")
        if np.any(acc >= 1):
            raise ValueError(
                f"accuracy must lie in (0, 1), got {accuracy!r}; exact match 1 needs zero loss."
            )
        needed_loss = -np.log(acc) / _as_length(length)
        reducible = needed_loss - self.token_loss.E
        reachable = reducible > 0
        # Unreachable accuracies get a harmless stand-in loss, then inf.
        scale = self.token_loss.scale_for_reducible(np.where(reachable, reducible, 1.0))
        return scalar_or_array(np.where(reachable, scale, np.inf))
