"""Muennighoff et al. (2023): scaling with repeated data.

"Scaling Data-Constrained Language Models", the effective-data form
(LaTeX label eq:dterm) and the final law (eq:fin). With U unique tokens seen
for 1 + R_D epochs, the data term sees an *effective* number of tokens

    D' = U + U R_D* (1 - exp(-R_D / R_D*)),

which plateaus at U (1 + R_D*). Excess parameters beyond what U unique tokens
can use decay the same way with R_N*. Chapter 8 uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array
from scalinglaws.laws.chinchilla import MUENNIGHOFF_2023_C4, ChinchillaLaw


def effective_repeats(repeats, r_star):
    """Effective extra passes R* (1 - exp(-R / R*)) of ``repeats`` extra passes.

    Muennighoff et al. (2023), eq:dterm: the value of the R-th repetition
    decays with rate 1/R*, so the total saturates at R* extra passes.
    """
    repeats = np.asarray(repeats, dtype=float)
    return r_star * (1.0 - np.exp(-repeats / r_star))


@dataclass(frozen=True)
class DataConstrainedLaw:
    """Muennighoff et al. (2023) eq:fin on top of a Chinchilla-form ``base`` law.

    Parameters
    ----------
    base : ChinchillaLaw
        E, A, B, alpha, beta of the single-epoch law.
    R_N_star, R_D_star : float
        Decay constants for excess parameters and repeated data
        (printed 5.309743 and 15.387756).
    """

    base: ChinchillaLaw
    R_N_star: float
    R_D_star: float

    def __post_init__(self):
        for field in ("R_N_star", "R_D_star"):
            value = getattr(self, field)
            if not np.isfinite(value) or value <= 0:
                raise ValueError(
                    f"DataConstrainedLaw.{field} must be a finite number > 0, got {value!r}."
                )

    def optimal_params_for_tokens(self, D):
        """Parameters that are compute-optimal for ``D`` tokens under ``base`` (eq:optunud).

        From Hoffmann eq. (4): N = G (D G)^(beta/alpha).
        """
        D = as_positive(D, "D")
        G = self.base.G
        return scalar_or_array(G * (D * G) ** (self.base.beta / self.base.alpha))

    def effective_data(self, D, U):
        """Effective tokens D' of ``D`` tokens drawn from ``U`` unique ones."""
        D, U = as_positive(D, "D"), as_positive(U, "U")
        if np.any(U > D * (1 + 1e-12)):
            raise ValueError(
                "U (unique tokens) cannot exceed D (total tokens); pass U <= D."
            )
        R_D = np.maximum(D / U - 1.0, 0.0)
        return scalar_or_array(U + U * effective_repeats(R_D, self.R_D_star))

    def effective_params(self, N, U):
        """Effective parameters N' of an ``N``-parameter model given ``U`` unique tokens."""
        N, U = as_positive(N, "N"), as_positive(U, "U")
        U_N = np.minimum(N, self.optimal_params_for_tokens(U))
        R_N = np.maximum(N / U_N - 1.0, 0.0)
        return scalar_or_array(U_N + U_N * effective_repeats(R_N, self.R_N_star))

    def loss(self, N, D, U):
        """Loss of ``N`` parameters trained on ``D`` tokens with ``U`` unique (nats/token).

        With U = D (no repetition) and N not larger than optimal for U this
        is exactly ``base.loss(N, D)``.
        """
        N_eff = np.asarray(self.effective_params(N, U))
        D_eff = np.asarray(self.effective_data(D, U))
        b = self.base
        return scalar_or_array(b.E + b.A / N_eff**b.alpha + b.B / D_eff**b.beta)


#: Muennighoff et al. (2023) fitted R_N* = 5.309743, R_D* = 15.387756 on the C4 base law.
MUENNIGHOFF_2023_DATA_CONSTRAINED = DataConstrainedLaw(
    base=MUENNIGHOFF_2023_C4, R_N_star=5.309743, R_D_star=15.387756
)
