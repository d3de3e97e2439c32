"""The shape every fit result shares, and the one uncertainty interface on it.

Every ``fit_*`` function in the library returns an object that is a
:class:`FitResult`:

``params``
    the fitted parameters by name, in natural units (a ``dict`` of floats,
    e.g. ``{"E": 1.69, "A": 406.4, ...}``). The irreducible loss is always
    called ``E``.
``converged``, ``message``
    whether the optimiser (or the closed form) reported success, and why.
``residuals``
    the fit's residuals at its points (in log space for the loss fits).
``n_points``
    how many data points (runs, models, curve points) were fitted.
``predict(...)``
    the fitted law at new inputs.
``bootstrap(n_bootstrap, seed, ...)``, ``interval(name, level, ...)``
    percentile intervals from refits on resampled points. The statistics are
    the parameters unless ``stat_fn`` says otherwise, so an ordinary interval
    needs no adapter: ``fit.interval("alpha")``.
``refit(*arrays)``, ``data``
    the same fit (same options) applied to other points, and the points this
    one was fitted to: what any resampling scheme needs (see
    :func:`~scalinglaws.fitting.replication.subsample_refits`).

Bootstraps are cached on the result, so asking for several intervals of the
same resamples refits only once.
"""

from __future__ import annotations

import numpy as np

from scalinglaws._validation import as_count, as_level, as_seed
from scalinglaws.fitting.bootstrap import DEFAULT_LEVEL, BootstrapResult, bootstrap

#: Resamples drawn by :meth:`FitResult.bootstrap` when none are asked for.
DEFAULT_N_BOOTSTRAP = 1000


class FitResult:
    """Mixin giving a fit result the common protocol (see the module docstring).

    A result class defines ``params``, ``converged``, ``message``,
    ``residuals`` and ``predict``; the fit function attaches its points and
    a refit function with :func:`attach`.
    """

    params: dict
    converged: bool
    message: str
    residuals: np.ndarray

    @property
    def n_points(self) -> int:
        """Number of data points the fit was given."""
        data = self.data
        return int(len(data[0])) if data else int(np.size(self.residuals))

    @property
    def data(self) -> tuple:
        """The per-point arrays this result was fitted to (what :meth:`refit` takes)."""
        return getattr(self, "_fit_data", ())

    def refit(self, *arrays):
        """The same fit, with the same options, applied to ``arrays`` (shaped like :attr:`data`)."""
        refit = getattr(self, "_fit_function", None)
        if refit is None:
            raise ValueError(
                f"this {type(self).__name__} was not made by a fit function, so it cannot be refitted."
            )
        return refit(*arrays)

    def bootstrap(
        self,
        n_bootstrap: int | None = None,
        seed: int | None = None,
        *,
        stat_fn=None,
        names=None,
        level: float = DEFAULT_LEVEL,
    ) -> BootstrapResult:
        """Percentile intervals from refits on ``n_bootstrap`` resamples of the points.

        Parameters
        ----------
        n_bootstrap : int, optional
            Number of resamples (default 1000, or the count the fit was
            asked to bootstrap with, where it has one).
        seed : int, optional
            Seed of :func:`~scalinglaws.fitting.bootstrap.resample_indices`
            (default 0, or the seed the fit bootstrapped with).
        stat_fn : callable, optional
            ``stat_fn(fit) -> sequence of floats``; default: the values of
            :attr:`params`. A callable with a ``names`` attribute (such as
            :func:`~scalinglaws.fitting.statistics.allocation_statistics`)
            names its columns.
        names : sequence of str, optional
            Names of the statistics (default: the keys of :attr:`params`).
        level : float, default 0.8
            Coverage of the percentile intervals.

        Returns
        -------
        BootstrapResult
        """
        n_bootstrap = (
            self._default_n_bootstrap() if n_bootstrap is None else n_bootstrap
        )
        n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=1)
        seed = as_seed(self._default_seed() if seed is None else seed)
        level = as_level(level)
        key = (
            n_bootstrap,
            seed,
            level,
            stat_fn,
            None if names is None else tuple(names),
        )
        cache = _cache_of(self)
        if key not in cache:
            cache[key] = self._compute_bootstrap(
                n_bootstrap, seed, stat_fn=stat_fn, names=names, level=level
            )
        return cache[key]

    def interval(
        self,
        name: str,
        level: float = DEFAULT_LEVEL,
        *,
        n_bootstrap: int | None = None,
        seed: int | None = None,
    ) -> tuple:
        """(lo, hi) bootstrap percentile interval of parameter ``name`` (see :meth:`bootstrap`)."""
        return self.bootstrap(n_bootstrap, seed).interval(name, level)

    # -- hooks a result class may override
    def _default_n_bootstrap(self) -> int:
        return DEFAULT_N_BOOTSTRAP

    def _default_seed(self) -> int:
        return 0

    def _compute_bootstrap(
        self, n_bootstrap, seed, *, stat_fn, names, level
    ) -> BootstrapResult:
        if not self.data:
            raise ValueError(
                f"this {type(self).__name__} does not hold its data, so it cannot be bootstrapped."
            )
        stat_fn, names = statistic_and_names(stat_fn, names, tuple(self.params))
        return bootstrap(
            self.refit,
            self.data,
            n_bootstrap=n_bootstrap,
            seed=seed,
            stat_fn=stat_fn,
            names=names,
            level=level,
        )


def params_statistic(fit) -> list:
    """The default bootstrap statistic: the values of ``fit.params``, in order."""
    return list(fit.params.values())


def statistic_and_names(stat_fn, names, param_names):
    """Resolve a statistic and its column names: the parameters by default, or a named statistic's own names."""
    if stat_fn is None:
        return params_statistic, (param_names if names is None else tuple(names))
    if names is None and hasattr(stat_fn, "names"):
        names = tuple(stat_fn.names)
    return stat_fn, names


def attach(result, fit_function, *arrays):
    """Record on ``result`` the points it was fitted to and the function that refits them; return it."""
    object.__setattr__(result, "_fit_data", tuple(arrays))
    object.__setattr__(result, "_fit_function", fit_function)
    return result


def _cache_of(result) -> dict:
    cache = getattr(result, "_bootstrap_cache", None)
    if cache is None:
        cache = {}
        object.__setattr__(result, "_bootstrap_cache", cache)
    return cache
