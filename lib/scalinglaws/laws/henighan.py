"""Henighan et al. (2020) Table 1: scaling laws across modalities.

Each domain has L(N) (N non-embedding parameters) and L(C) (C in PF-days)
of the form E + (x0/x)^alpha, and a compute-optimal size
N_opt(C) = (C / c0)^p. Losses are in nats per token (per image token for the
image domains). The language rows have no floor: the paper cannot estimate
the entropy of natural language. The table was read from one PDF
transcription of the paper; the cross-checks in the
tests (GPT-3's 2.57 C^-0.048, Kaplan's 1.3e9) guard it. Chapter 4 uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scalinglaws._validation import as_positive, scalar_or_array
from scalinglaws.laws.saturating import SaturatingPowerLaw


@dataclass(frozen=True)
class HenighanDomain:
    """One row of Henighan et al. (2020) Table 1.

    ``loss_n`` and ``loss_c`` are :class:`SaturatingPowerLaw` (``loss_c`` is
    None where the table gives only a combined text/image loss);
    ``n_opt_c0``/``n_opt_exponent`` define N_opt(C) = (C / c0)^p (None where absent).
    """

    name: str
    loss_n: SaturatingPowerLaw
    loss_c: SaturatingPowerLaw | None
    n_opt_c0: float | None
    n_opt_exponent: float | None

    def n_opt(self, C_pf_days):
        """Compute-optimal non-embedding parameters at ``C_pf_days``: (C / c0)^p."""
        if self.n_opt_c0 is None:
            raise ValueError(
                f"Henighan et al. Table 1 gives no N_opt(C) for {self.name!r}."
            )
        C = as_positive(C_pf_days, "C_pf_days")
        return scalar_or_array((C / self.n_opt_c0) ** self.n_opt_exponent)


def _row(name, n_law, c_law, n_opt):
    """Build a domain from (E, x0, alpha) triples as printed: E + (x/x0)^-alpha."""
    loss_n = SaturatingPowerLaw(x0=n_law[1], alpha=n_law[2], E=n_law[0])
    loss_c = (
        None
        if c_law is None
        else SaturatingPowerLaw(x0=c_law[1], alpha=c_law[2], E=c_law[0])
    )
    c0, p = (None, None) if n_opt is None else n_opt
    return HenighanDomain(name, loss_n, loss_c, c0, p)


#: Henighan et al. (2020) Table 1, "Summary of scaling laws", as printed.
HENIGHAN_2020 = {
    row.name: row
    for row in [
        _row("Language", (0.0, 1.47e14, 0.070), (0.0, 3.47e8, 0.048), (3.3e-13, 0.73)),
        _row("Image 8x8", (3.12, 8.0e1, 0.24), (3.13, 1.8e-8, 0.19), (5.3e-14, 0.64)),
        _row("Image 16x16", (2.64, 2.8e2, 0.22), (2.64, 1.6e-8, 0.16), (4.8e-12, 0.75)),
        _row("Image 32x32", (2.20, 6.3e1, 0.13), (2.21, 3.6e-9, 0.1), (1.6e-13, 0.65)),
        _row(
            "Image VQ 16x16", (3.99, 2.7e4, 0.13), (4.09, 6.1e-7, 0.11), (6.2e-14, 0.64)
        ),
        _row(
            "Image VQ 32x32", (3.07, 1.9e4, 0.14), (3.17, 2.6e-6, 0.12), (9.4e-13, 0.7)
        ),
        _row("Text-to-Im (Text)", (0.0, 5.6e8, 0.037), None, None),
        _row(
            "Text-to-Im (Image)",
            (2.0, 5.1e3, 0.16),
            (1.93, 1.5e-6, 0.15),
            (9.4e-13, 0.7),
        ),
        _row("Im-to-Text (Text)", (0.0, 7.0e8, 0.039), None, None),
        # N_opt for Im-to-Text (Image) is printed in brackets in the transcription.
        _row(
            "Im-to-Text (Image)",
            (2.0, 5.5e3, 0.15),
            (1.97, 1.5e-6, 0.16),
            (3.3e-12, 0.72),
        ),
        _row(
            "Video VQ 16x16x16",
            (1.01, 3.7e4, 0.24),
            (0.95, 2.2e-5, 0.14),
            (1.13e-12, 0.71),
        ),
        _row(
            "Math (Extrapolate)",
            (0.28, 1.1e4, 0.16),
            (0.14, 1.4e-5, 0.17),
            (2.3e-12, 0.69),
        ),
    ]
}
