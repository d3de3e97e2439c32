"""Every dataset the book uses: tables typed from the papers, and pinned external data.

Two kinds of data, one interface:

- **Published tables** (Chinchilla Tables 1-4, A3, A4; Kaplan Tables 5-6; Wei
  Table 1; Henighan Table 1; a model zoo of parameters and tokens) are CSV files
  shipped in ``scalinglaws/data``, each row with its source.
- **External datasets** (Epoch's extraction of the Chinchilla runs, CS336's
  isoFLOP curves, the ObsScaling evaluation tables, Pythia's zero-shot
  evaluations, Alabdulmohsin et al.'s learning-curve benchmark, Tiny
  Shakespeare) are never copied into the repository. Each file
  is pinned to an upstream commit and a sha256. Set ``SCALINGLAWS_DATA_MIRROR``
  to a folder laid out as ``OWNER/REPO/COMMIT/PATH`` to read them from there;
  otherwise they are downloaded once into ``SCALINGLAWS_CACHE`` (default
  ``~/.cache/scalinglaws``). A missing file raises :class:`DatasetNotAvailable`
  and a corrupted one :class:`DatasetHashMismatch`.

Examples
--------
>>> from scalinglaws import datasets
>>> datasets.load("chinchilla_table3")[["params", "tokens"]].iloc[1].tolist()
[1000000000.0, 20200000000.0]
>>> datasets.info("epoch_chinchilla").licence  # doctest: +ELLIPSIS
'No licence stated ...'
"""

from .api import available, info, load, path, paths, read_text
from .epoch import EPOCH_DROPPED_HIGHEST
from .fetch import (
    CACHE_ENV,
    MIRROR_ENV,
    DatasetError,
    DatasetHashMismatch,
    DatasetNotAvailable,
)
from .pythia import pythia_task_table
from .registry import DatasetInfo, RemoteFile

__all__ = [
    "available",
    "info",
    "load",
    "path",
    "paths",
    "pythia_task_table",
    "read_text",
    "EPOCH_DROPPED_HIGHEST",
    "CACHE_ENV",
    "MIRROR_ENV",
    "DatasetError",
    "DatasetHashMismatch",
    "DatasetNotAvailable",
    "DatasetInfo",
    "RemoteFile",
]
