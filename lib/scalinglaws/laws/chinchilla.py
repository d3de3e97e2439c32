"""The Chinchilla functional form L(N, D) = E + A/N^alpha + B/D^beta.

Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models",
eq. (2) (= eq. 5) for the form, eq. (4) for the compute-optimal frontier and
eq. (10) for the published constants. Chapters 1, 4, 5 and 8 use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array


@dataclass(frozen=True)
class ChinchillaLaw:
    """Parametric loss L(N, D) = E + A / N**alpha + B / D**beta.

    Parameters
    ----------
    E : float
        Irreducible loss, in nats per token.
    A, B : float
        Scales of the parameter and data terms (nats).
    alpha, beta : float
        Exponents of the parameter and data terms (dimensionless, > 0).
    name, source : str
        A short label and where the constants were read (paper, equation).

    Notes
    -----
    Hoffmann et al. (2022) eq. (2). Under the compute model C = 6 N D, the
    minimiser of L over N for fixed C is eq. (4)::

        N_opt(C) = G (C/6)^a,   D_opt(C) = G^-1 (C/6)^b,
        G = (alpha A / (beta B))^(1/(alpha+beta)),  a = beta/(alpha+beta),  b = alpha/(alpha+beta).

    Examples
    --------
    Chinchilla itself (70B parameters, 1.4T tokens; Hoffmann et al. 2022,
    Table 1) under their eq. (10):

    >>> from scalinglaws.laws import HOFFMANN_2022
    >>> round(HOFFMANN_2022.loss(70e9, 1.4e12), 3)
    1.937

    The compute-optimal allocation at Gopher's budget of 5.76e23 FLOPs:

    >>> N_opt, D_opt = HOFFMANN_2022.compute_optimal(5.76e23)
    >>> f"{N_opt:.3g} parameters, {D_opt:.3g} tokens"
    '3.22e+10 parameters, 2.98e+12 tokens'
    >>> round(HOFFMANN_2022.a, 3), round(HOFFMANN_2022.tokens_per_parameter(5.76e23), 1)
    (0.452, 92.6)
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    name: str = ""
    source: str = ""

    def __post_init__(self):
        for field in ("A", "B", "alpha", "beta"):
            value = getattr(self, field)
            if not np.isfinite(value) or value <= 0:
                raise ValueError(
                    f"ChinchillaLaw.{field} must be a finite number > 0, got {value!r}."
                )
        if not np.isfinite(self.E) or self.E < 0:
            raise ValueError(
                f"ChinchillaLaw.E must be a finite number >= 0, got {self.E!r}."
            )

    # --- the law ---------------------------------------------------------
    def loss(self, N, D):
        """Predicted loss (nats/token) of a model of ``N`` parameters trained on ``D`` tokens.

        Vectorised: ``N`` and ``D`` broadcast against each other.
        """
        N = as_positive(N, "N")
        D = as_positive(D, "D")
        return scalar_or_array(self.E + self.A / N**self.alpha + self.B / D**self.beta)

    def reducible_loss(self, N, D):
        """The part of :meth:`loss` that scale removes, L - E (nats/token)."""
        return scalar_or_array(np.asarray(self.loss(N, D)) - self.E)

    # --- the compute-optimal frontier (eq. 4) ---------------------------
    @property
    def a(self) -> float:
        """Exponent of N_opt in C: beta / (alpha + beta) (Hoffmann eq. 4)."""
        return self.beta / (self.alpha + self.beta)

    @property
    def b(self) -> float:
        """Exponent of D_opt in C: alpha / (alpha + beta) (Hoffmann eq. 4)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def G(self) -> float:
        """Prefactor G = (alpha A / (beta B))^(1/(alpha+beta)) of eq. (4)."""
        return (self.alpha * self.A / (self.beta * self.B)) ** (
            1.0 / (self.alpha + self.beta)
        )

    def compute_optimal(self, C):
        """Compute-optimal (N_opt, D_opt) for a budget of ``C`` FLOPs with C = 6 N D.

        Returns
        -------
        N_opt, D_opt : float or ndarray
            Parameters and tokens; ``6 * N_opt * D_opt == C``.
        """
        C = as_positive(C, "C")
        N_opt = self.G * (C / 6.0) ** self.a
        D_opt = (C / 6.0) ** self.b / self.G
        return scalar_or_array(N_opt), scalar_or_array(D_opt)

    def tokens_per_parameter(self, C):
        """D_opt / N_opt at budget ``C`` FLOPs (about 20 for Chinchilla's own runs)."""
        N_opt, D_opt = self.compute_optimal(C)
        return scalar_or_array(np.asarray(D_opt) / np.asarray(N_opt))

    def loss_at_optimum(self, C):
        """The loss of the compute-optimal allocation at budget ``C`` FLOPs."""
        return self.loss(*self.compute_optimal(C))

    def with_constants(self, **changes) -> "ChinchillaLaw":
        """A copy with some constants replaced (for what-if questions in the chapters)."""
        values = {
            f: getattr(self, f)
            for f in ("E", "A", "B", "alpha", "beta", "name", "source")
        }
        values.update(changes)
        return ChinchillaLaw(**values)


#: Hoffmann et al. (2022) eq. (10), the constants as printed (rounded).
HOFFMANN_2022 = ChinchillaLaw(
    E=1.69,
    A=406.4,
    B=410.7,
    alpha=0.34,
    beta=0.28,
    name="Hoffmann et al. 2022 (eq. 10, rounded)",
    source="Hoffmann et al. 2022, eq. (10)",
)

#: Hoffmann et al. (2022) Approach 3 before rounding, from the paper's TeX
#: source (log A = 6.0073404, log B = 6.0179186, log E = 0.5267228,
#: alpha = 0.33917084, beta = 0.2849083), as used by Besiroglu et al. (2024)
#: and Pearce & Song (2024). These give the "40B" of Hoffmann's Fig. 4.
HOFFMANN_2022_UNROUNDED = ChinchillaLaw(
    E=float(np.exp(0.5267228)),
    A=float(np.exp(6.0073404)),
    B=float(np.exp(6.0179186)),
    alpha=0.33917084,
    beta=0.2849083,
    name="Hoffmann et al. 2022 (TeX source, unrounded)",
    source="Hoffmann et al. 2022 TeX source, via Besiroglu et al. 2024 notebook",
)

#: Besiroglu, Erdil, Barnett & You (2024, Epoch AI) refit of Hoffmann's Fig. 4
#: data, Table 1 as printed (E 1.8172, A 482.01, B 2085.43, alpha 0.3478,
#: beta 0.3658). The authors' notebook prints E = 1.81686 for the bootstrap
#: point estimate and 1.8172 for the exact-replication grid fit.
BESIROGLU_2024 = ChinchillaLaw(
    E=1.8172,
    A=482.01,
    B=2085.43,
    alpha=0.3478,
    beta=0.3658,
    name="Besiroglu et al. 2024 (Epoch refit)",
    source="Besiroglu et al. 2024, Table 1",
)

#: Muennighoff et al. (2023) C4 coefficients (appendix "C4 Scaling
#: Coefficients"): a = 6.255414, b = 7.3049974, e = 0.6254804,
#: alpha = beta = 0.3526596, i.e. L = 1.87 + 521/N^0.353 + 1488/D^0.353.
MUENNIGHOFF_2023_C4 = ChinchillaLaw(
    E=float(np.exp(0.6254804)),
    A=float(np.exp(6.255414)),
    B=float(np.exp(7.3049974)),
    alpha=0.3526596,
    beta=0.3526596,
    name="Muennighoff et al. 2023 (C4)",
    source="Muennighoff et al. 2023, appendix C4 Scaling Coefficients",
)

#: Every published Chinchilla-form law, by a short name the planner and CLI use.
CHINCHILLA_FORM_LAWS = {
    "hoffmann": HOFFMANN_2022,
    "hoffmann-unrounded": HOFFMANN_2022_UNROUNDED,
    "epoch": BESIROGLU_2024,
    "muennighoff": MUENNIGHOFF_2023_C4,
}
