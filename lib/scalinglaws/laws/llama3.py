"""Llama 3's compute-optimal token law (Llama Team 2024, "The Llama 3 Herd of Models", §3.2.1).

Meta ran its own isoFLOP study (budgets 6e18 to 1e22 FLOPs, models of 40M to
16B parameters), took each budget's compute-optimal model, and fitted the
number of training *tokens* as a power law in compute,

    D*(C) = A · C^alpha.

The paper prints the constants twice, and the two do not agree:

- the text of §3.2.1 gives (alpha, A) = (0.53, 0.29);
- the legend of Fig. 3 gives alpha = 0.537, A = 0.299.

It then states that extrapolating to 3.8e25 FLOPs "suggests training a 402B
parameter model on 16.55T tokens". The text's rounded constants do not give
that plan: at 3.8e25 they give about 10.5T tokens. Fig. 3's constants give
16.3T, within 2% of it. Nor is the stated plan exactly C = 6ND: 6 × 402B ×
16.55T is 4.0e25, and C = 6ND with 16.55T tokens gives a 383B model. This
module keeps both printed forms and the stated plan, as
:mod:`~scalinglaws.laws.chinchilla` keeps Hoffmann et al.'s rounded and
unrounded constants, and converts tokens to parameters with C = 6ND, the
relation the rest of the library uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array

__all__ = ["LLAMA3_2024", "LLAMA3_2024_FIG3", "LLAMA3_STATED_PLAN", "TokenLaw"]


@dataclass(frozen=True)
class TokenLaw:
    """Compute-optimal training tokens as a power law in compute, D*(C) = A · C^alpha.

    Parameters
    ----------
    A : float
        Tokens at C = 1 FLOP (the law's prefactor).
    alpha : float
        Exponent of the tokens in compute; the parameters then grow as
        C^(1 - alpha) under C = 6ND.
    source : str
        Where the constants were printed.

    Examples
    --------
    >>> from scalinglaws.laws import LLAMA3_2024
    >>> round(LLAMA3_2024.tokens(3.8e25) / 1e12, 1)  # trillions of tokens
    10.5
    """

    A: float
    alpha: float
    source: str = ""

    @property
    def a(self) -> float:
        """Exponent of the compute-optimal parameter count in compute, 1 - alpha (C = 6ND)."""
        return 1.0 - self.alpha

    def tokens(self, C):
        """Compute-optimal training tokens D*(C) = A · C^alpha for a budget of ``C`` FLOPs."""
        return scalar_or_array(self.A * as_positive(C, "C") ** self.alpha)

    def params(self, C):
        """Compute-optimal parameters C / (6 D*(C)), by the library's C = 6ND."""
        C = as_positive(C, "C")
        return scalar_or_array(C / (6.0 * self.A * C**self.alpha))

    def tokens_per_parameter(self, C):
        """D*/N* at budget ``C``."""
        C = as_positive(C, "C")
        tokens = self.A * C**self.alpha
        return scalar_or_array(6.0 * tokens**2 / C)

    def alpha_for(self, C, D) -> float:
        """The exponent that, with this law's A, gives ``D`` tokens at budget ``C``.

        Used to show how much the rounding of a printed exponent moves an
        extrapolation: Llama 3's stated 16.55T at 3.8e25 FLOPs needs alpha ≈ 0.538
        with A = 0.29, not the printed 0.53.
        """
        C, D = float(as_positive(C, "C")), float(as_positive(D, "D"))
        return float(np.log(D / self.A) / np.log(C))


#: §3.2.1's text: "(alpha, A) = (0.53, 0.29)".
LLAMA3_2024 = TokenLaw(A=0.29, alpha=0.53, source="Llama Team 2024, §3.2.1 (text)")

#: Fig. 3's legend: "Fitted Line, alpha = 0.537, A = 0.299".
LLAMA3_2024_FIG3 = TokenLaw(
    A=0.299, alpha=0.537, source="Llama Team 2024, Fig. 3 (legend)"
)

#: The plan §3.2.1 states: at 3.8e25 FLOPs, "a 402B parameter model on 16.55T
#: tokens"; Meta trained the 405B flagship, citing how flat the isoFLOP curves
#: are near their minimum at large budgets.
LLAMA3_STATED_PLAN = {"C": 3.8e25, "N": 402e9, "D": 16.55e12, "N_trained": 405e9}
