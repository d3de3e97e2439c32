"""Power laws with an irreducible floor: L(x) = L_inf + (x0 / x)^alpha.

Henighan et al. (2020), "Scaling Laws for Autoregressive Generative
Modeling", eq. (1.1): L_inf estimates the entropy of the data and the power
law the KL divergence between data and model (eq. 1.2). With L_inf = 0 it is
the pure power law of Kaplan et al. (2020). Chapters 2 and 4 use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array


@dataclass(frozen=True)
class SaturatingPowerLaw:
    """L(x) = L_inf + (x0 / x)^alpha.

    Parameters
    ----------
    x0 : float
        Scale at which the reducible loss equals 1 (units of x).
    alpha : float
        Exponent (> 0): the reducible loss falls by 2^-alpha when x doubles.
    L_inf : float
        Irreducible loss (>= 0), same units as L.
    """

    x0: float
    alpha: float
    L_inf: float = 0.0

    def __post_init__(self):
        if not np.isfinite(self.x0) or self.x0 <= 0:
            raise ValueError(f"x0 must be a finite number > 0, got {self.x0!r}.")
        if not np.isfinite(self.alpha) or self.alpha <= 0:
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}.")
        if not np.isfinite(self.L_inf) or self.L_inf < 0:
            raise ValueError(f"L_inf must be a finite number >= 0, got {self.L_inf!r}.")

    def loss(self, x):
        """The law at ``x`` (vectorised)."""
        x = as_positive(x, "x")
        return scalar_or_array(self.L_inf + (self.x0 / x) ** self.alpha)

    def reducible(self, x):
        """The reducible part (x0 / x)^alpha."""
        x = as_positive(x, "x")
        return scalar_or_array((self.x0 / x) ** self.alpha)

    def scale_for_reducible(self, reducible_loss):
        """The x at which the reducible loss equals ``reducible_loss``: x0 * r^(-1/alpha)."""
        r = as_positive(reducible_loss, "reducible_loss")
        return scalar_or_array(self.x0 * r ** (-1.0 / self.alpha))
