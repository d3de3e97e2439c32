"""Epoch AI's extraction of the Chinchilla training runs (Besiroglu et al. 2024).

Hoffmann et al. (2022) did not publish their runs. Epoch AI recovered them from
the vector graphic of the paper's Fig. 4 (loss coloured on a log-log plane of
parameters and FLOPs): 245 points with model size N, training compute C and a
loss decoded from the colour bar. The loss is therefore quantised (only 99
distinct values), and the number of training tokens is not in the file: it
follows from C = 6ND (Hoffmann et al. 2022, Sec. 3 and Appendix F).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .fetch import local_path
from .registry import EXTERNAL

#: Epoch drop this many highest-loss points before fitting (Besiroglu et al. 2024;
#: their notebook data_analysis.ipynb), leaving 240 runs. In the file they are the
#: first five rows: the five largest models of the ~1e19-FLOP isoFLOP curve
#: (2.0e9 to 6.8e9 parameters), each trained on fewer than 1e9 tokens.
EPOCH_DROPPED_HIGHEST = 5


def load_epoch_chinchilla(drop_highest: int = 0) -> pd.DataFrame:
    """Load the 245 Chinchilla runs extracted by Epoch AI.

    Parameters
    ----------
    drop_highest : int, default 0
        Remove this many rows with the highest loss (the rest keep their file
        order). Pass ``EPOCH_DROPPED_HIGHEST`` (5) to get the 240 points Epoch
        fit (Besiroglu et al. 2024); the default keeps all 245.

    Returns
    -------
    pandas.DataFrame
        Columns ``N`` (parameters, from ``Model Size``), ``D`` (tokens,
        ``C / (6 N)``), ``C`` (training FLOPs, from ``Training FLOP``) and ``loss``
        (nats per token, from ``loss``), all float64, in file order.

    Raises
    ------
    ValueError
        If ``drop_highest`` is not an integer in [0, 244].
    """
    if isinstance(drop_highest, bool) or not isinstance(
        drop_highest, (int, np.integer)
    ):
        raise ValueError(
            f"drop_highest must be an integer, got {drop_highest!r}; use e.g. 0 or 5."
        )
    (remote,) = EXTERNAL["epoch_chinchilla"].files
    raw = pd.read_csv(local_path(remote))
    if not 0 <= drop_highest < len(raw):
        raise ValueError(
            f"drop_highest must be between 0 and {len(raw) - 1} (the file has {len(raw)} rows), "
            f"got {drop_highest}."
        )
    frame = pd.DataFrame(
        {
            "N": raw["Model Size"].astype(float),
            "C": raw["Training FLOP"].astype(float),
            "loss": raw["loss"].astype(float),
        }
    )
    # C = 6ND (Hoffmann et al. 2022, Sec. 3.2 uses this approximation for every run).
    frame.insert(1, "D", frame["C"] / (6.0 * frame["N"]))
    if drop_highest:
        # A stable sort keeps ties in file order; the rows kept keep their file order.
        highest = np.argsort(-frame["loss"].to_numpy(), kind="stable")[:drop_highest]
        frame = frame.drop(index=frame.index[highest])
    return frame.reset_index(drop=True)
