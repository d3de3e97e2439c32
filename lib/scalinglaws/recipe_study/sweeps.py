"""The committed sweeps of the training-recipe chapter, read or re-trained."""

from __future__ import annotations

import tempfile
from pathlib import Path

from scalinglaws.train import recipes
from scalinglaws.train.results import load_runs
from scalinglaws.train.runner import run_sweep


def load_sweep(name, retrain=False, *, workers=2):
    """A committed sweep of :data:`scalinglaws.train.recipes.SWEEPS`, or the same runs trained afresh.

    Parameters
    ----------
    name : str
        The sweep's name (e.g. ``"markov_adamw"``).
    retrain : bool, default False
        Train every run again in a temporary folder (minutes to tens of
        minutes, see ``make sweeps``) instead of reading the committed results.
    workers : int, default 2

    Returns
    -------
    pandas.DataFrame
        As :func:`scalinglaws.train.load_runs`.
    """
    if name not in recipes.SWEEPS:
        raise ValueError(
            f"unknown sweep {name!r}; the sweeps are {sorted(recipes.SWEEPS)}."
        )
    if not retrain:
        return load_runs(name)
    path = Path(tempfile.mkdtemp(prefix=f"{name}_")) / f"{name}.csv"
    run_sweep(recipes.SWEEPS[name](), path, workers=workers, progress=False)
    return load_runs(path)


#: The committed sweeps of each experiment: (control, treated).
WEIGHT_DECAY_SWEEPS = {
    "markov": ("markov_isoflop", "markov_adamw"),
    "shakespeare": ("shakespeare_isoflop", "shakespeare_adamw"),
}
