"""Allocation when unique data runs out: Muennighoff et al. (2023).

"Scaling Data-Constrained Language Models" fit how much a repeated token is
worth: U unique tokens seen for D/U epochs count as

    D' = U + U R_D* (1 - exp(-R_D / R_D*)),   R_D = D/U - 1,

effective tokens (LaTeX label eq:dterm), with R_D* = 15.4, and parameters in
excess of what U can use decay the same way with R_N* = 5.3 (eq:fin). With
few repetitions D' is close to D, which is why "training with up to 4 epochs
of repeated data yields negligible changes to loss" (their abstract).

At a fixed budget C = 6 N D and a fixed stock U of unique tokens, the best N
is no longer Hoffmann's closed form; this module finds it numerically (a
log-spaced scan, refined by finer scans around the best point). Chapter 8 uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws._validation import as_positive, positive_scalar
from scalinglaws.laws import (
    MUENNIGHOFF_2023_DATA_CONSTRAINED,
    ChinchillaLaw,
    DataConstrainedLaw,
)
from scalinglaws.planning.allocation import resolve_law

#: How far either side of Hoffmann's unconstrained N_opt the scan looks (a factor).
SCAN_SPAN = 1e4
#: Points in the first log-spaced scan.
SCAN_POINTS = 401
#: Points in each finer scan, spanning two steps of the previous one.
REFINE_POINTS = 41
#: Stop refining when the scan's step in log N is below this.
REFINE_TOLERANCE = 1e-10


def data_constrained_law(law) -> DataConstrainedLaw:
    """The repeated-data law for ``law``.

    A :class:`~scalinglaws.laws.DataConstrainedLaw` is returned as is. A
    Chinchilla-form law (a name, a law or a fit result) gets Muennighoff et
    al.'s fitted R_N* = 5.309743 and R_D* = 15.387756. Those decay constants
    were fitted with the C4 base law (``"muennighoff"``); on any other base
    they are an extrapolation.

    Raises
    ------
    ValueError
        For Kaplan's law, which has no data-constrained form.
    """
    if isinstance(law, DataConstrainedLaw):
        return law
    base = resolve_law(law)
    if not isinstance(base, ChinchillaLaw):
        raise ValueError(
            "data-constrained allocation needs a Chinchilla-form law L = E + A/N^alpha + B/D^beta; "
            "Kaplan's laws have no repeated-data form. Choose another law."
        )
    reference = MUENNIGHOFF_2023_DATA_CONSTRAINED
    if base == reference.base:
        return reference
    return DataConstrainedLaw(
        base=base, R_N_star=reference.R_N_star, R_D_star=reference.R_D_star
    )


def data_constrained_loss(law, N, D, unique_tokens):
    """Loss of ``N`` parameters trained on ``D`` tokens drawn from ``unique_tokens`` unique ones.

    Unlike :meth:`DataConstrainedLaw.loss`, ``D`` may be smaller than the
    stock of unique tokens: a run of D <= U tokens sees D unique tokens once.
    """
    law = data_constrained_law(law)
    N, D = as_positive(N, "N"), as_positive(D, "D")
    U = as_positive(unique_tokens, "unique_tokens")
    return law.loss(N, D, np.minimum(U, D))


@dataclass(frozen=True)
class DataConstrainedAllocation:
    """The best split of a budget when unique data is limited.

    Attributes
    ----------
    params, tokens : float
        Parameters N and training tokens D, with 6 N D = the budget.
    unique_tokens : float
        The stock of unique tokens U.
    loss : float
        The data-constrained loss at (N, D, U), nats per token.
    effective_tokens, effective_params : float
        D' and N' of Muennighoff et al.'s eq:fin at the optimum.
    """

    params: float
    tokens: float
    unique_tokens: float
    loss: float
    effective_tokens: float
    effective_params: float

    @property
    def epochs(self) -> float:
        """Passes over the unique data, D / U (below 1 when the data is not used up)."""
        return self.tokens / self.unique_tokens

    @property
    def flops(self) -> float:
        """6 N D."""
        return 6.0 * self.params * self.tokens

    @property
    def tokens_per_parameter(self) -> float:
        """D / N."""
        return self.tokens / self.params


def data_constrained_optimum(law, C, unique_tokens) -> DataConstrainedAllocation:
    """The (N, D) with 6 N D = ``C`` that minimise the data-constrained loss.

    Muennighoff et al. (2023), eq:fin, at a fixed budget and a fixed stock of
    unique tokens.

    Parameters
    ----------
    law : str, ChinchillaLaw, DataConstrainedLaw or fit result
        See :func:`data_constrained_law`.
    C : float
        Training budget in FLOPs, > 0.
    unique_tokens : float
        Unique tokens available, > 0.

    Returns
    -------
    DataConstrainedAllocation

    Notes
    -----
    The loss along C = 6 N D is scanned at :data:`SCAN_POINTS` log-spaced
    sizes within a factor :data:`SCAN_SPAN` of Hoffmann's unconstrained
    N_opt, then rescanned ever more finely around the best point until the
    step in log N is below :data:`REFINE_TOLERANCE`. When unique data is
    plentiful (U >= the unconstrained D_opt) the answer is Hoffmann's eq. (4).
    """
    dc = data_constrained_law(law)
    C = positive_scalar(C, "C")
    U = positive_scalar(unique_tokens, "unique_tokens")
    N_free, _ = dc.base.compute_optimal(C)

    def loss_at(log_N):
        N = np.exp(log_N)
        D = C / (6.0 * N)
        return np.asarray(dc.loss(N, D, np.minimum(U, D)))

    # A log-spaced scan, then repeated finer scans around the best point: the
    # loss has kinks (where D = U, and where N outgrows what U can use), which
    # a scan handles without assuming smoothness.
    grid = np.linspace(
        np.log(N_free / SCAN_SPAN), np.log(N_free * SCAN_SPAN), SCAN_POINTS
    )
    while True:
        best = int(np.argmin(loss_at(grid)))
        log_N = grid[best]
        step = grid[1] - grid[0]
        if step < REFINE_TOLERANCE:
            break
        grid = np.linspace(log_N - step, log_N + step, REFINE_POINTS)
    N = float(np.exp(log_N))
    D = C / (6.0 * N)
    U_seen = min(U, D)
    return DataConstrainedAllocation(
        params=N,
        tokens=D,
        unique_tokens=U,
        loss=float(dc.loss(N, D, U_seen)),
        effective_tokens=float(dc.effective_data(D, U_seen)),
        effective_params=float(dc.effective_params(N, U_seen)),
    )
