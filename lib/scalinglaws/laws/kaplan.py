"""Kaplan et al. (2020), "Scaling Laws for Neural Language Models".

Every law of the paper's summary (section 1.2, Appendix A Tables 4-6) with its
printed constants. Losses are in nats per token (WebText2, 1024-token
context); N counts non-embedding parameters; compute is in PF-days
(1 PF-day = 8.64e19 FLOPs). Chapters 1 and 3 use it.

The paper is not fully consistent with itself; where it prints two values for
one quantity, both are kept here (see ``B_star_text`` and the notes on
``alpha_C_min``), and the tests pin each one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, scalar_or_array


@dataclass(frozen=True)
class KaplanLaws:
    """The constants of Kaplan et al. (2020) and the laws built from them.

    Attribute names follow the paper: ``alpha_N``/``N_c`` (eq. 1.1),
    ``alpha_D``/``D_c`` (eq. 1.2), ``alpha_C_min``/``C_c_min`` (eq. 1.3, PF-days),
    ``alpha_C``/``C_c`` (eq. 3.3, fixed batch, PF-days), ``alpha_B``/``B_star``
    (eq. 1.4, tokens), ``alpha_S``/``S_c`` (eq. 1.6, steps), all from Table 5.
    The joint fits have their own constants: Table 2 for L(N, D) (``nd_*``)
    and Table 3 for L(N, S) (``ns_*``). Table 6 gives the compute-efficient
    allocation (``opt_*``).

    Examples
    --------
    The largest model Kaplan et al. trained (1.5e9 non-embedding
    parameters, section 2) trained to convergence, and a large model limited
    by 2.3e10 tokens (about WebText2's size, section 2.3), under eqs. (1.1)
    and (1.2):

    >>> from scalinglaws.laws import KAPLAN_2020
    >>> round(KAPLAN_2020.loss_n(1.5e9), 3), round(KAPLAN_2020.loss_d(2.3e10), 3)
    (2.304, 2.09)
    """

    # Table 5
    alpha_N: float = 0.076
    N_c: float = 8.8e13
    alpha_D: float = 0.095
    D_c: float = 5.4e13
    alpha_C: float = 0.057
    C_c: float = 1.6e7
    alpha_C_min: float = 0.050
    C_c_min: float = 3.1e8
    alpha_B: float = 0.21
    B_star: float = 2.1e8
    alpha_S: float = 0.76
    S_c: float = 2.1e3
    #: eqs. (1.4) and (5.3) print B_* as "2e8", Table 5 as 2.1e8.
    B_star_text: float = 2e8
    #: The legends of Figs. 1 and 13 print L = (C_min / 2.3e8)^-0.050, against the
    #: 3.1e8 PF-days of eq. (1.3) and Table 5.
    C_c_min_figure: float = 2.3e8
    #: Fig. 13's legend prints the fixed-batch trend as L = (C / 2.0e7)^-0.057,
    #: against Table 5's C_c = 1.6e7 PF-days.
    C_c_figure: float = 2.0e7
    #: The compute exponent as eq. (6.4) prints it, "~0.054" (Table 5 fits 0.050).
    alpha_C_min_eq_6_4: float = 0.054
    #: The compute exponent as eq. (B.7) prints it, "~0.052" (eq. 1.8's prediction).
    alpha_C_min_eq_B7: float = 0.052
    #: Eq. (6.5): the model's predicted exponent of N_opt in C_min, "~0.71".
    p_N_eq_6_5: float = 0.71
    # Table 2, fit of eq. (1.5)
    nd_alpha_N: float = 0.076
    nd_alpha_D: float = 0.103
    nd_N_c: float = 6.4e13
    nd_D_c: float = 1.8e13
    # Table 3, fit of eq. (1.6)
    ns_alpha_N: float = 0.077
    ns_alpha_S: float = 0.76
    ns_N_c: float = 6.5e13
    ns_S_c: float = 2.1e3
    # Table 6: X_opt = X_e * C_min**p_X, C_min in PF-days
    opt_N_e: float = 1.3e9
    opt_p_N: float = 0.73
    opt_B_e: float = 2.0e6
    opt_p_B: float = 0.24
    opt_S_e: float = 5.4e3
    opt_p_S: float = 0.03
    opt_D_e: float = 2e10
    opt_p_D: float = 0.27
    # eq. (4.4): D >~ (5e3) N^0.74 avoids over-fitting
    data_req_scale: float = 5e3
    data_req_exponent: float = 0.74
    # Section 2 (setup): the ranges the laws were fitted over, and the default run
    #: Non-embedding parameters of the smallest and largest models (768 to 1.5 billion).
    n_range: tuple = (768.0, 1.5e9)
    #: Tokens of the smallest and largest data sets (22 million to 23 billion).
    d_range: tuple = (22e6, 23e9)
    #: Default training run: 2.5e5 steps of 512 sequences x 1024 tokens = 2^19 tokens.
    default_steps: float = 2.5e5
    default_batch_tokens: float = 2.0**19
    #: Section 2: WebText2 tokenized with GPT-2's byte-pair encoding, n_vocab = 50257,
    #: in contexts of n_ctx = 1024 tokens.
    n_vocab: int = 50257
    n_ctx: int = 1024
    #: Footnote 7: WebText2 has 4.3 characters (and 1/1.4 words) per token.
    chars_per_token: float = 4.3
    # Section 6.3, eq. (6.8): where L(C_min) meets L(D(C_min)), "highly uncertain,
    # varying by an order of magnitude in either direction".
    #: C* ~ 1e4 PF-days.
    intersection_C_pf_days: float = 1e4
    #: N* ~ 1e12 parameters.
    intersection_N: float = 1e12
    #: D* ~ 1e12 tokens.
    intersection_D: float = 1e12
    #: L* ~ 1.7 nats per token.
    intersection_L: float = 1.7

    # --- single-variable laws (eqs. 1.1-1.3, 3.3) ------------------------
    def loss_n(self, N):
        """L(N) = (N_c / N)^alpha_N, eq. (1.1): converged loss of N non-embedding parameters."""
        N = as_positive(N, "N")
        return scalar_or_array((self.N_c / N) ** self.alpha_N)

    def loss_d(self, D):
        """L(D) = (D_c / D)^alpha_D, eq. (1.2): large model, early-stopped, D tokens."""
        D = as_positive(D, "D")
        return scalar_or_array((self.D_c / D) ** self.alpha_D)

    def loss_c(self, C_min_pf_days):
        """L(C_min) = (C_c_min / C_min)^alpha_C_min, eq. (1.3); compute in PF-days."""
        C = as_positive(C_min_pf_days, "C_min_pf_days")
        return scalar_or_array((self.C_c_min / C) ** self.alpha_C_min)

    def loss_c_fixed_batch(self, C_pf_days):
        """L(C) = (C_c / C)^alpha_C, eq. (3.3): the naive fixed-batch trend of Fig. 1 (PF-days)."""
        C = as_positive(C_pf_days, "C_pf_days")
        return scalar_or_array((self.C_c / C) ** self.alpha_C)

    # --- joint laws (eqs. 1.5, 1.6, 4.3) --------------------------------
    def loss_nd(self, N, D):
        """L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D, eq. (1.5) with Table 2's fit."""
        N, D = as_positive(N, "N"), as_positive(D, "D")
        ratio = self.nd_alpha_N / self.nd_alpha_D
        return scalar_or_array(
            ((self.nd_N_c / N) ** ratio + self.nd_D_c / D) ** self.nd_alpha_D
        )

    def loss_ns(self, N, S_min):
        """L(N, S) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S, eq. (1.6) with Table 3's fit.

        ``S_min`` is the number of steps at B >> B_crit (eq. 5.4).
        """
        N, S = as_positive(N, "N"), as_positive(S_min, "S_min")
        return scalar_or_array(
            (self.ns_N_c / N) ** self.ns_alpha_N + (self.ns_S_c / S) ** self.ns_alpha_S
        )

    def overfitting(self, N, D):
        """delta L = L(N, D)/L(N, inf) - 1 ~ (1 + (N/N_c)^(alpha_N/alpha_D) D_c/D)^alpha_D - 1, eq. (4.3)."""
        N, D = as_positive(N, "N"), as_positive(D, "D")
        ratio = self.nd_alpha_N / self.nd_alpha_D
        return scalar_or_array(
            (1 + (N / self.nd_N_c) ** ratio * self.nd_D_c / D) ** self.nd_alpha_D - 1
        )

    def data_requirement(self, N):
        """Tokens needed to keep over-fitting below seed noise, D ~ 5e3 N^0.74, eq. (4.4)."""
        N = as_positive(N, "N")
        return scalar_or_array(self.data_req_scale * N**self.data_req_exponent)

    # --- batch size and the compute-efficient frontier (section 5-6) ----
    def critical_batch(self, L, B_star=None):
        """B_crit(L) = B_* / L^(1/alpha_B) in tokens, eqs. (1.4), (5.3).

        ``B_star`` defaults to Table 5's 2.1e8; the text of eqs. (1.4) and
        (5.3) prints 2e8 (``B_star_text``).
        """
        L = as_positive(L, "L")
        B_star = self.B_star if B_star is None else B_star
        return scalar_or_array(B_star / L ** (1.0 / self.alpha_B))

    def steps_min(self, S, B, L):
        """S_min = S / (1 + B_crit(L)/B), eq. (5.4): steps at a very large batch."""
        S, B = as_positive(S, "S"), as_positive(B, "B")
        return scalar_or_array(S / (1.0 + np.asarray(self.critical_batch(L)) / B))

    def compute_min(self, C, B, L):
        """C_min = C / (1 + B/B_crit(L)), eq. (5.5): compute at a very small batch."""
        C, B = as_positive(C, "C"), as_positive(B, "B")
        return scalar_or_array(C / (1.0 + B / np.asarray(self.critical_batch(L))))

    @property
    def alpha_C_min_predicted(self) -> float:
        """1 / (1/alpha_S + 1/alpha_B + 1/alpha_N), eq. (1.8) = 0.05199.

        The paper prints this three ways: 0.050 (fitted, eq. 1.3), "~0.054"
        (eq. 6.4) and "~0.052" (eq. B.7).
        """
        return 1.0 / (1.0 / self.alpha_S + 1.0 / self.alpha_B + 1.0 / self.alpha_N)

    def compute_efficient_exponents(self, alpha_C_min=None) -> dict:
        """Exponents of N, B and S in C_min from eq. (1.7): alpha_C_min / alpha_X.

        With the fitted alpha_C_min = 0.050 the N exponent is 0.658, not the
        empirical 0.73 of eq. (6.1); the paper's own prediction is ~0.71 (eq. 6.5).
        """
        a = self.alpha_C_min if alpha_C_min is None else alpha_C_min
        return {"N": a / self.alpha_N, "B": a / self.alpha_B, "S": a / self.alpha_S}

    def optimal_n(self, C_min_pf_days):
        """Compute-efficient model size N_opt = 1.3e9 C_min^0.73 (Table 6, eq. 6.1)."""
        C = as_positive(C_min_pf_days, "C_min_pf_days")
        return scalar_or_array(self.opt_N_e * C**self.opt_p_N)

    def optimal_batch(self, C_min_pf_days):
        """Batch size B = 2.0e6 C_min^0.24 tokens (Table 6)."""
        C = as_positive(C_min_pf_days, "C_min_pf_days")
        return scalar_or_array(self.opt_B_e * C**self.opt_p_B)

    def optimal_steps(self, C_min_pf_days):
        """Steps S_min = 5.4e3 C_min^0.03 (Table 6, eq. 6.2; a lower bound)."""
        C = as_positive(C_min_pf_days, "C_min_pf_days")
        return scalar_or_array(self.opt_S_e * C**self.opt_p_S)

    def optimal_d(self, C_min_pf_days):
        """Tokens D_opt = 2e10 C_min^0.27 (Table 6).

        Eq. (6.7) prints (4e10 tokens) C_min^0.26 instead: it assumes training
        at B_crit, i.e. C = 2 C_min, hence the factor of 2.
        """
        C = as_positive(C_min_pf_days, "C_min_pf_days")
        return scalar_or_array(self.opt_D_e * C**self.opt_p_D)


#: Kaplan et al. (2020) with every constant as printed in Tables 2, 3, 5, 6.
KAPLAN_2020 = KaplanLaws()
