"""Stanford CS336's isoFLOP curves (Assignment 3, Scaling).

A JSON list of 72 records ``{parameters, compute_budget, final_loss}``: nine
compute budgets from 6e18 to 3e21 FLOPs, eight model sizes each. The handout
calls the data synthetic; it has the shape of Hoffmann et al. (2022)'s Approach 2
(isoFLOP profiles, Sec. 3.2), whose budgets span the same 6e18 to 3e21.
"""

from __future__ import annotations

import json

import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL


def load_cs336_isoflops() -> pd.DataFrame:
    """Load the 72 CS336 isoFLOP runs.

    Returns
    -------
    pandas.DataFrame
        Columns ``N`` (parameters, from ``parameters``), ``C`` (FLOPs, from
        ``compute_budget``) and ``loss`` (from ``final_loss``), all float64, in
        file order. Tokens, where needed, are ``C / (6 N)``.
    """
    (remote,) = EXTERNAL["cs336_isoflops"].files
    with open(local_path(remote), encoding="utf-8") as handle:
        records = json.load(handle)
    return pd.DataFrame(
        {
            "N": [float(r["parameters"]) for r in records],
            "C": [float(r["compute_budget"]) for r in records],
            "loss": [float(r["final_loss"]) for r in records],
        }
    )
