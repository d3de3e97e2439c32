"""Power laws with an irreducible floor: L(x) = E + (x0 / x)^alpha.

Henighan et al. (2020), "Scaling Laws for Autoregressive Generative
Modeling", eq. (1.1): E estimates the entropy of the data and the power
law the KL divergence between data and model (eq. 1.2). With E = 0 it is
the pure power law of Kaplan et al. (2020). Chapters 2 and 4 use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array


@dataclass(frozen=True)
class SaturatingPowerLaw:
    """L(x) = E + (x0 / x)^alpha.

    Parameters
    ----------
    x0 : float
        Scale at which the reducible loss equals 1 (units of x).
    alpha : float
        Exponent (> 0): the reducible loss falls by 2^-alpha when x doubles.
    E : float
        Irreducible loss (>= 0), same units as L.

    Examples
    --------
    >>> law = SaturatingPowerLaw(x0=1e8, alpha=0.3, E=1.5)
    >>> law.loss(1e8)  # the reducible part is 1 at x0
    2.5
    >>> round(law.loss(1e10), 4)  # 100 times larger: (1/100)^0.3 = 0.2512 above the floor
    1.7512
    """

    x0: float
    alpha: float
    E: float = 0.0

    def __post_init__(self):
        if not np.isfinite(self.x0) or self.x0 <= 0:
            raise ValueError(f"x0 must be a finite number > 0, got {self.x0!r}.")
        if not np.isfinite(self.alpha) or self.alpha <= 0:
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}.")
        if not np.isfinite(self.E) or self.E < 0:
            raise ValueError(f"E must be a finite number >= 0, got {self.E!r}.")

    def loss(self, x):
        """The law at ``x`` (vectorised)."""
        x = as_positive(x, "x")
        return scalar_or_array(self.E + (self.x0 / x) ** self.alpha)

    def reducible(self, x):
        """The reducible part (x0 / x)^alpha."""
        x = as_positive(x, "x")
        return scalar_or_array((self.x0 / x) ** self.alpha)

    def scale_for_reducible(self, reducible_loss):
        """The x at which the reducible loss equals ``reducible_loss``: x0 * r^(-1/alpha)."""
        r = as_positive(reducible_loss, "reducible_loss")
        return scalar_or_array(self.x0 * r ** (-1.0 / self.alpha))
