"""Compute-optimal allocation of a training budget, under any law the book knows.

For a Chinchilla-form law L(N, D) = E + A/N^alpha + B/D^beta the split of a
budget C = 6 N D between parameters and tokens has a closed form,
Hoffmann et al. (2022) eq. (4), which :meth:`ChinchillaLaw.compute_optimal`
implements. Kaplan et al. (2020) give the allocation as a fitted power law of
C_min in PF-days instead (Table 6). This module puts both behind one call, and
names the laws the planner and the command line accept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scalinglaws import compute
from scalinglaws._validation import as_positive, scalar_or_array
from scalinglaws.laws import (
    CHINCHILLA_FORM_LAWS,
    KAPLAN_2020,
    ChinchillaLaw,
    KaplanLaws,
)

#: The names :func:`resolve_law` accepts (and ``scalinglaws plan --law``).
LAW_NAMES = (*CHINCHILLA_FORM_LAWS, "kaplan")


def resolve_law(law) -> ChinchillaLaw | KaplanLaws:
    """The law object for ``law``: a name, a law, or a fit result with a ``.law``.

    Parameters
    ----------
    law : str, ChinchillaLaw, KaplanLaws or fit result
        One of :data:`LAW_NAMES`; a law object; or anything with a ``.law``
        attribute holding a :class:`~scalinglaws.laws.ChinchillaLaw` (what
        :func:`scalinglaws.fitting.fit_parametric` returns).

    Raises
    ------
    ValueError
        If the name is unknown or the object is not a law.
    """
    if isinstance(law, str):
        key = law.strip().lower()
        if key == "kaplan":
            return KAPLAN_2020
        if key in CHINCHILLA_FORM_LAWS:
            return CHINCHILLA_FORM_LAWS[key]
        raise ValueError(f"unknown law {law!r}; choose one of {', '.join(LAW_NAMES)}.")
    if isinstance(law, (ChinchillaLaw, KaplanLaws)):
        return law
    inner = getattr(law, "law", None)
    if isinstance(inner, ChinchillaLaw):
        return inner
    raise ValueError(
        f"law must be a name ({', '.join(LAW_NAMES)}), a ChinchillaLaw, KaplanLaws, "
        f"or a fit result with a .law attribute; got {type(law).__name__}."
    )


def law_label(law) -> str:
    """A short human-readable name for a law object."""
    if isinstance(law, KaplanLaws):
        return "Kaplan et al. 2020 (Table 6)"
    name = getattr(law, "name", "")
    return name or "a fitted Chinchilla-form law"


@dataclass(frozen=True)
class Allocation:
    """A split of a training budget into parameters and tokens, and the loss it reaches.

    Attributes
    ----------
    params : float or ndarray
        Parameters N (non-embedding ones for Kaplan's law).
    tokens : float or ndarray
        Training tokens D.
    loss : float or ndarray
        Predicted loss in nats per token.
    flops : float or ndarray
        Training compute 6 N D in FLOPs.
    """

    params: float
    tokens: float
    loss: float
    flops: float

    @property
    def tokens_per_parameter(self):
        """D / N."""
        return scalar_or_array(np.asarray(self.tokens) / np.asarray(self.params))


def compute_optimal_allocation(law, C) -> Allocation:
    """The loss-minimising split of ``C`` training FLOPs under ``law``.

    Parameters
    ----------
    law : str, ChinchillaLaw, KaplanLaws or fit result
        See :func:`resolve_law`.
    C : float or array_like
        Training budget(s) in FLOPs, > 0.

    Returns
    -------
    Allocation
        For a Chinchilla-form law, Hoffmann et al. (2022) eq. (4):
        N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b, and the law's loss there.
        For Kaplan's law, N_opt = 1.3e9 C_min^0.73 with C_min = C / PF-day
        (Kaplan et al. 2020, Table 6), D = C / (6 N_opt), and the loss of
        compute-efficient training L(C_min) = (3.1e8 / C_min)^0.050 (eq. 1.3).

    Notes
    -----
    Kaplan's loss is measured on WebText2 with GPT-2's tokenizer and counts
    non-embedding parameters only; the Chinchilla-form laws were fitted on
    MassiveText (Hoffmann) or C4 (Muennighoff) with other tokenizers. Losses
    from the two families are in different units and must not be compared.
    """
    law = resolve_law(law)
    C = as_positive(C, "C")
    if isinstance(law, KaplanLaws):
        pf_days = C / compute.PF_DAY
        N = np.asarray(law.optimal_n(pf_days))
        D = C / (6.0 * N)
        loss = np.asarray(law.loss_c(pf_days))
    else:
        N, D = (np.asarray(x) for x in law.compute_optimal(C))
        loss = np.asarray(law.loss(N, D))
    return Allocation(
        params=scalar_or_array(N),
        tokens=scalar_or_array(D),
        loss=scalar_or_array(loss),
        flops=scalar_or_array(6.0 * N * D),
    )
