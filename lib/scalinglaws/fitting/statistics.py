"""Named statistics to bootstrap besides a fit's parameters.

:meth:`~scalinglaws.fitting.result.FitResult.bootstrap` keeps a fit's
parameters by default. A compute-optimal allocation is read off a fit
rather than being one of its parameters: :func:`allocation_statistics`
gives it for Approaches 1, 2 and 3 of Hoffmann et al. (2022) alike, so that
chapter 5 compares their intervals column by column.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_positive


class NamedStatistic:
    """A statistic for a bootstrap or subsample refit: ``stat(fit) -> list of floats`` with :attr:`names`.

    Parameters
    ----------
    function : callable
        ``function(fit) -> sequence of floats``.
    names : sequence of str
        One name per value returned.
    """

    def __init__(self, function, names):
        self.function = function
        self.names = tuple(names)

    def __call__(self, fit):
        return list(self.function(fit))

    def __repr__(self) -> str:
        return f"NamedStatistic(names={self.names!r})"


def allocation_statistics(*budgets) -> NamedStatistic:
    """The compute-optimal allocation of a fit at FLOP budgets, as bootstrap statistics.

    Hoffmann et al. (2022) Table 2 reports the exponents a and b of
    N_opt ~ C^a and D_opt ~ C^b; Table 3 the optimal sizes and tokens at
    given budgets. For each fit this returns, in order:

    ``"a"``, ``"b"``, then for each budget C in turn ``"log10 N_opt at C"``,
    ``"log10 D_opt at C"`` and ``"log10 D/N at C"`` (tokens per parameter),
    with C written to 3 significant figures.

    Sizes are kept as logarithms so that a rescaled spread of them stays
    meaningful (see :func:`~scalinglaws.fitting.replication.subsample_refits`).

    Parameters
    ----------
    *budgets : float
        FLOP budgets (> 0), at least one.

    Returns
    -------
    NamedStatistic
        Accepts an :class:`~scalinglaws.fitting.IsoflopFit`, an
        :class:`~scalinglaws.fitting.EnvelopeFit`, or any fit with a
        ``.law`` that has ``a``, ``b`` and ``compute_optimal(C)`` (such as a
        :class:`~scalinglaws.fitting.ParametricFit`).

    Examples
    --------
    >>> stat = allocation_statistics(1e23)
    >>> stat.names
    ('a', 'b', 'log10 N_opt at 1e+23', 'log10 D_opt at 1e+23', 'log10 D/N at 1e+23')
    """
    if not budgets:
        raise ValueError(
            "pass at least one FLOP budget, e.g. allocation_statistics(1e23)."
        )
    C = as_positive(np.array(budgets, dtype=float), "budgets")
    if C.ndim != 1:
        raise ValueError(
            "budgets must be single numbers, e.g. allocation_statistics(1e23, 1e24)."
        )
    labels = [f"{c:.3g}" for c in C]
    names = ["a", "b"] + [
        f"log10 {kind} at {label}"
        for label in labels
        for kind in ("N_opt", "D_opt", "D/N")
    ]

    def statistic(fit):
        a, b, N_opt, D_opt = _allocation(fit, C)
        rows = np.column_stack(
            [np.log10(N_opt), np.log10(D_opt), np.log10(D_opt / N_opt)]
        ).ravel()
        return [a, b, *rows.tolist()]

    return NamedStatistic(statistic, names)


def _allocation(fit, C):
    if hasattr(fit, "n_law") and hasattr(fit, "d_law"):
        N_opt, D_opt = fit.predict(C)
        return fit.a, fit.b, np.atleast_1d(N_opt), np.atleast_1d(D_opt)
    law = getattr(fit, "law", None)
    if law is None or not hasattr(law, "compute_optimal"):
        raise ValueError(
            f"allocation_statistics needs an allocation fit (fit_isoflop, fit_envelope) or a fit with a "
            f"ChinchillaLaw .law, got a {type(fit).__name__}."
        )
    N_opt, D_opt = law.compute_optimal(C)
    return law.a, law.b, np.atleast_1d(N_opt), np.atleast_1d(D_opt)
