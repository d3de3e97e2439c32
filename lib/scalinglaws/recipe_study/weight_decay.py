"""Does AdamW's weight decay move the compute-optimal allocation? (``markov_adamw``, ``shakespeare_adamw``)

The Markov isoFLOP grid and three budgets of the Tiny Shakespeare grid,
retrained with decoupled weight decay 0.1 and paired run for run with
their controls (weight decay 0). Hoffmann et al. (2022, section 4.1) count
the switch from Adam to AdamW among the changes from Gopher to Chinchilla.
:func:`weight_decay_study` fits Approaches 2 and 3 to each arm with
bootstrap intervals and the paired difference of the allocation exponent;
:func:`weight_decay_shrinkage` measures each run's exposure to the decay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scalinglaws._validation import as_count, as_level
from scalinglaws.fitting.allocation_study import (
    allocation_study,
)
from scalinglaws.schedule_study import analyse_schedule_study
from scalinglaws.train.config import RunConfig


def _cells(runs, arm):
    """One row per (budget, size) of an isoFLOP sweep, in the columns the paired fits read."""
    return pd.DataFrame(
        {
            "arm": arm,
            "budget": runs["budget"].to_numpy(float),
            "n_params_non_embedding": runs["n_params_non_embedding"].to_numpy(float),
            "tokens": runs["tokens"].to_numpy(float),
            "loss": runs["final_loss"].to_numpy(float),
        }
    )


@dataclass(frozen=True)
class WeightDecayStudy:
    """Result of :func:`weight_decay_study`.

    Attributes
    ----------
    table : pandas.DataFrame
        Index (approach, arm) for Approaches 2 (``"isoflop"``) and 3
        (``"parametric"``), N non-embedding; columns ``a``, ``a_lo``,
        ``a_hi`` and ``tokens_per_parameter``, ``tpp_lo``, ``tpp_hi`` at the
        largest budget (bootstrap intervals of each arm alone).
    paired : pandas.DataFrame
        Approach 2 on both arms with the same cells dropped in every
        subsample: rows ``a_adam``, ``a_adamw``, ``a_adamw - a_adam``;
        columns ``estimate``, ``lo``, ``hi``.
    frontier : pandas.DataFrame
        Index budget; the lowest loss of each arm on the grid and their difference.
    fits : dict
        (approach, arm) -> the full-data fit (``IsoflopFit`` or ``ParametricFit``).
    level : float
    """

    table: pd.DataFrame
    paired: pd.DataFrame
    frontier: pd.DataFrame
    fits: dict = field(repr=False)
    level: float = 0.8


def weight_decay_study(control, treated, *, n_bootstrap=400, seed=0, level=0.8):
    """Does weight decay move the compute-optimal allocation? Approaches 2 and 3 on both arms.

    Parameters
    ----------
    control, treated : pandas.DataFrame
        The same isoFLOP grid trained with weight decay 0 and with weight
        decay (:func:`scalinglaws.train.load_runs` of the sweeps in
        :data:`WEIGHT_DECAY_SWEEPS`), run for run.
    n_bootstrap : int, default 400
        Resamples per fit, and subsamples of the paired fit.
    seed : int, default 0
    level : float, default 0.8

    Returns
    -------
    WeightDecayStudy

    Raises
    ------
    ValueError
        If the two sweeps do not cover the same (budget, size) cells.
    """
    n_bootstrap = as_count(n_bootstrap, "n_bootstrap", minimum=10)
    level = as_level(level)
    arms = {"adam": control, "adamw": treated}
    cells = {arm: _cells(runs, arm) for arm, runs in arms.items()}
    keys = [
        sorted(zip(c["budget"], c["n_params_non_embedding"])) for c in cells.values()
    ]
    if keys[0] != keys[1]:
        raise ValueError(
            "control and treated must be the same isoFLOP grid: their (budget, size) cells differ."
        )
    rows, fits = [], {}
    for arm, runs in arms.items():
        study = allocation_study(
            runs,
            n_bootstrap=n_bootstrap,
            seed=seed,
            level=level,
            approaches=("isoflop", "parametric"),
            countings=("non-embedding",),
        )
        for approach in ("isoflop", "parametric"):
            row = study.table.loc[(approach, "non-embedding")]
            rows.append({"approach": approach, "arm": arm, **row.to_dict()})
            fits[approach, arm] = study.fits[approach, "non-embedding"]
    table = pd.DataFrame(rows).set_index(["approach", "arm"]).sort_index()
    paired = analyse_schedule_study(
        pd.concat(cells.values(), ignore_index=True),
        reference="adam",
        n_subsamples=n_bootstrap,
        seed=seed,
    ).table()
    frontier = pd.DataFrame(
        {arm: c.groupby("budget")["loss"].min() for arm, c in cells.items()}
    )
    frontier["adamw - adam"] = frontier["adamw"] - frontier["adam"]
    return WeightDecayStudy(table, paired, frontier, fits, level)


def weight_decay_shrinkage(runs, weight_decay=None):
    """How far decoupled weight decay alone would shrink a matrix over each run: prod_t (1 - eta_t lambda).

    AdamW multiplies every matrix by (1 - eta_t lambda) at each step t
    (Loshchilov & Hutter 2019, Algorithm 2, in the form of
    :class:`scalinglaws.train.optim.AdamW`). Over a run the factors compound:
    a run of more steps, at the same rate and lambda, is regularised more.
    This is the run's whole exposure to the decay, in one number.

    Parameters
    ----------
    runs : pandas.DataFrame
        Runs with their ``config`` (as :func:`scalinglaws.train.load_runs` reads them).
    weight_decay : float, optional
        lambda; default each run's own (which is 0 for runs without decay).

    Returns
    -------
    numpy.ndarray
        The factor of each run, in (0, 1].
    """
    out = []
    for config in runs["config"]:
        config = RunConfig.from_dict(config)
        lam = config.weight_decay if weight_decay is None else float(weight_decay)
        if lam < 0:
            raise ValueError(f"weight_decay must be >= 0, got {lam!r}.")
        schedule = config.schedule()
        total = config.tokens // config.tokens_per_step
        rates = np.array([schedule(t) for t in range(total)])
        out.append(float(np.exp(np.sum(np.log1p(-rates * lam)))))
    return np.array(out)


def decay_exposure(pairs):
    """Each run's penalty from weight decay beside its shrinkage, for several paired sweeps.

    Parameters
    ----------
    pairs : dict
        ``{name: (control, treated)}``: the same runs without and with weight
        decay, row for row (e.g. the sweeps of :data:`WEIGHT_DECAY_SWEEPS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``data`` (the name), ``shrinkage``
        (:func:`weight_decay_shrinkage` of the treated run) and ``penalty``
        (its final loss minus the control's, nats).
    """
    frames = []
    for name, (control, treated) in pairs.items():
        if len(control) != len(treated):
            raise ValueError(f"{name}: control and treated must pair run for run.")
        frames.append(
            pd.DataFrame(
                {
                    "data": name,
                    "shrinkage": weight_decay_shrinkage(treated),
                    "penalty": treated["final_loss"].to_numpy(float)
                    - control["final_loss"].to_numpy(float),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def exposure_correlation(exposure):
    """Spearman rank correlation of penalty and shrinkage within each data set of :func:`decay_exposure`."""
    return (
        exposure.groupby("data")[["shrinkage", "penalty"]]
        .apply(lambda g: g["shrinkage"].corr(g["penalty"], method="spearman"))
        .rename("rank correlation")
    )
