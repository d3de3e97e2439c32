"""Noisy measurements of a power law whose exponent and floor are known exactly.

A fitting method can only be judged on data where the right answer is known.
:class:`KnownPowerLaw` is the saturating power law of Henighan et al. (2020),
eq. (1.1), L(x) = E + (x0/x)^alpha (Kaplan et al. 2020, eqs. 1.1-1.3, when
E = 0), observed with noise: chapter 2 (*Power laws and how to fit them*)
draws many such data sets to compare least squares in log and linear space,
the Huber loss, fits with and without the offset E, bootstrap intervals and
extrapolation bands against the truth.

Two noise models are offered. ``"relative"`` noise multiplies each value by
exp(noise * z) with z standard normal, so every point is off by about the
same fraction whatever its size; it is what a fit in log space assumes.
``"absolute"`` noise adds noise * z, the same spread in nats at every size,
which is what a least-squares fit in linear space assumes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_count, as_positive, scalar_or_array
from scalinglaws.laws import SaturatingPowerLaw

#: The noise models :class:`KnownPowerLaw` can draw from.
NOISE_KINDS = ("relative", "absolute")


@dataclass(frozen=True)
class KnownPowerLaw:
    """L(x) = E + (x0 / x)^alpha, and noisy samples of it.

    Parameters
    ----------
    alpha : float
        The true exponent, > 0.
    x0 : float
        Scale at which the power-law term equals 1 (units of x), > 0.
    E : float, default 0.0
        The true irreducible offset, >= 0 (Henighan et al. 2020, eq. 1.1).
    noise : float, default 0.0
        Standard deviation of the noise: of log L for ``"relative"`` noise,
        of L itself (same units as L) for ``"absolute"`` noise. 0 gives the
        exact law.
    noise_kind : {"relative", "absolute"}, default "relative"
        How noise enters; see the module docstring.

    Examples
    --------
    >>> truth = KnownPowerLaw(alpha=0.34, x0=4.8e7, E=1.7, noise=0.01)
    >>> y = truth.sample([1e7, 1e8, 1e9], seed=0)
    >>> y.shape
    (3,)
    """

    alpha: float
    x0: float
    E: float = 0.0
    noise: float = 0.0
    noise_kind: str = "relative"

    def __post_init__(self):
        # SaturatingPowerLaw checks alpha, x0 and E and says what is wrong.
        SaturatingPowerLaw(x0=self.x0, alpha=self.alpha, E=self.E)
        if not np.isfinite(self.noise) or self.noise < 0:
            raise ValueError(f"noise must be a finite number >= 0, got {self.noise!r}.")
        if self.noise_kind not in NOISE_KINDS:
            raise ValueError(
                f"noise_kind must be one of {NOISE_KINDS}, got {self.noise_kind!r}."
            )

    @property
    def law(self) -> SaturatingPowerLaw:
        """The noiseless law as a :class:`~scalinglaws.laws.SaturatingPowerLaw`."""
        return SaturatingPowerLaw(x0=self.x0, alpha=self.alpha, E=self.E)

    def loss(self, x):
        """The true value E + (x0/x)^alpha at ``x`` (positive; vectorised)."""
        return self.law.loss(x)

    def local_slope(self, x):
        """The exact local slope d log L / d log x = -alpha (L - E) / L at ``x``.

        Constant (-alpha) for a pure power law; with an offset it runs from
        -alpha at small x, where the power-law term dominates, towards 0 as L
        approaches E.
        """
        x = as_positive(x, "x")
        reducible = (self.x0 / x) ** self.alpha
        return scalar_or_array(-self.alpha * reducible / (self.E + reducible))

    def sample(self, x, *, seed: int = 0, n_datasets: int | None = None):
        """Noisy measurements of the law at ``x``.

        Parameters
        ----------
        x : array_like, shape (n,)
            Where to measure (positive).
        seed : int, default 0
            Seed of numpy's default generator; the same seed gives the same sample.
        n_datasets : int, optional
            Draw this many independent data sets at once, for Monte-Carlo
            studies of a fitting method.

        Returns
        -------
        ndarray
            Shape (n,), or (n_datasets, n) when ``n_datasets`` is given.

        Raises
        ------
        ValueError
            If ``x`` is not positive, ``seed`` or ``n_datasets`` is not a
            valid count, or absolute noise drew a value <= 0 (a loss cannot
            be; lower ``noise``).
        """
        x = np.atleast_1d(as_positive(x, "x"))
        if x.ndim != 1:
            raise ValueError(
                f"x must be a 1-D array of positions, got shape {x.shape}."
            )
        seed = as_count(seed, "seed", minimum=0)
        shape = (
            x.shape
            if n_datasets is None
            else (as_count(n_datasets, "n_datasets", minimum=1), x.size)
        )
        rng = np.random.default_rng(seed)
        z = rng.standard_normal(shape)
        truth = np.asarray(self.loss(x), dtype=float)
        if self.noise_kind == "relative":
            return truth * np.exp(self.noise * z)
        y = truth + self.noise * z
        if np.any(y <= 0):
            raise ValueError(
                f"absolute noise of {self.noise:g} drew a value <= 0 (the smallest true value is "
                f"{truth.min():.4g}); a loss must be positive, so lower the noise or use relative noise."
            )
        return y
