"""Bootstrap ensembles of laws, for planning with intervals.

A bootstrapped fit (Hoffmann et al. 2022 Table 2; Besiroglu et al. 2024 use
4,000 resamples) gives one law per resample. Planning under each of them and
reading off percentiles turns the fit's uncertainty into uncertainty in N_opt,
D_opt and the loss. This module pulls that ensemble out of whatever holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from scalinglaws.laws import ChinchillaLaw

# Column names a bootstrap table may use for the law's constants: the
# constants themselves, or their logs as in Hoffmann et al.'s eq. (11)
# (a = log A, b = log B, e = log E).
_LINEAR_NAMES = ("E", "A", "B", "alpha", "beta")
_LOG_NAMES = ("e", "a", "b", "alpha", "beta")


def bootstrap_laws(source) -> tuple[ChinchillaLaw, ...]:
    """The bootstrap ensemble held by ``source``, as a tuple of laws.

    Parameters
    ----------
    source : object
        Any of:

        - an iterable of :class:`~scalinglaws.laws.ChinchillaLaw`;
        - a table of bootstrap samples with ``.names`` and ``.samples``
          (such as :class:`scalinglaws.fitting.bootstrap.BootstrapResult`),
          whose names include E, A, B, alpha, beta, or their logs
          e, a, b with alpha, beta (Hoffmann eq. 11);
        - a fit result whose ``.ci`` or ``.bootstrap_result`` is one of the above;
        - a single law, or a fit result without a bootstrap: an empty ensemble.

    Returns
    -------
    tuple of ChinchillaLaw
        Resamples whose fit failed (NaN rows) or gave impossible constants
        are left out.

    Raises
    ------
    ValueError
        If ``source`` holds samples this function cannot read.
    """
    if source is None or isinstance(source, ChinchillaLaw):
        return ()
    if hasattr(source, "names") and hasattr(source, "samples"):
        return _laws_from_table(
            tuple(source.names), np.asarray(source.samples, dtype=float)
        )
    for attribute in ("ci", "bootstrap_result"):
        inner = getattr(source, attribute, None)
        # A mapping of intervals (no samples) cannot be planned under.
        if inner is not None and not isinstance(inner, Mapping):
            return bootstrap_laws(inner)
    if hasattr(source, "law"):
        return ()
    if isinstance(source, Iterable) and not isinstance(source, (str, bytes)):
        laws = tuple(source)
        if not all(isinstance(law, ChinchillaLaw) for law in laws):
            raise ValueError(
                "a bootstrap ensemble given as a sequence must hold only ChinchillaLaw objects."
            )
        return laws
    raise ValueError(
        f"cannot read a bootstrap ensemble from a {type(source).__name__}; pass a sequence of "
        "ChinchillaLaw, a table with .names and .samples, or a fit result carrying one."
    )


def _laws_from_table(names: tuple, samples: np.ndarray) -> tuple[ChinchillaLaw, ...]:
    if samples.ndim != 2 or samples.shape[1] != len(names):
        raise ValueError(
            f"bootstrap samples must be a 2-D array with one column per name ({len(names)}), "
            f"got shape {samples.shape}."
        )
    if all(n in names for n in _LINEAR_NAMES):
        columns = samples[:, [names.index(n) for n in _LINEAR_NAMES]]
    elif all(n in names for n in _LOG_NAMES):
        columns = samples[:, [names.index(n) for n in _LOG_NAMES]]
        columns[:, :3] = np.exp(columns[:, :3])
    else:
        raise ValueError(
            f"bootstrap samples name {', '.join(names)}; expected E, A, B, alpha, beta "
            "or their logs e, a, b with alpha, beta."
        )
    laws = []
    for E, A, B, alpha, beta in columns:
        if (
            np.all(np.isfinite((E, A, B, alpha, beta)))
            and min(A, B, alpha, beta) > 0
            and E >= 0
        ):
            laws.append(
                ChinchillaLaw(
                    E=E, A=A, B=B, alpha=alpha, beta=beta, name="bootstrap resample"
                )
            )
    return tuple(laws)
