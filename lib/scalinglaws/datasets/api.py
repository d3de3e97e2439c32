"""One entry point for every dataset the book uses: ``load``, ``info``, ``path``, ``read_text``."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Callable

import pandas as pd

from .cs336 import load_cs336_isoflops
from .epoch import load_epoch_chinchilla
from .fetch import local_path
from .obsscaling import load_obsscaling_benchmarks, load_obsscaling_emergent
from .pythia import load_pythia_zero_shot
from .registry import EXTERNAL, DatasetInfo
from .revisiting import load_revisiting_lang, load_revisiting_vision
from .tables import TABLES, load_table, table_path

# External datasets that load as a table. "tinyshakespeare" is plain text: see read_text.
_LOADERS: dict[str, Callable[..., pd.DataFrame]] = {
    "epoch_chinchilla": load_epoch_chinchilla,
    "cs336_isoflops": load_cs336_isoflops,
    "obsscaling_benchmarks": load_obsscaling_benchmarks,
    "obsscaling_emergent": load_obsscaling_emergent,
    "pythia_zero_shot": load_pythia_zero_shot,
    "revisiting_vision": load_revisiting_vision,
    "revisiting_lang": load_revisiting_lang,
}
_TEXTS = ("tinyshakespeare",)


def available(kind: str | None = None) -> list[str]:
    """Names of the registered datasets, sorted.

    Parameters
    ----------
    kind : {None, "table", "external"}
        ``"table"``: the tables typed from papers and shipped in the package;
        ``"external"``: the pinned files fetched from their upstream repositories
        (including the text corpus ``"tinyshakespeare"``, read with
        :func:`read_text`); None: both.
    """
    if kind not in (None, "table", "external"):
        raise ValueError(f"kind must be None, 'table' or 'external', got {kind!r}.")
    names = []
    if kind in (None, "table"):
        names += list(TABLES)
    if kind in (None, "external"):
        names += list(EXTERNAL)
    return sorted(names)


def _check_name(name: str) -> str:
    if not isinstance(name, str) or (name not in TABLES and name not in EXTERNAL):
        raise ValueError(
            f"unknown dataset {name!r}; known names are: {', '.join(available())}."
        )
    return name


def info(name: str) -> DatasetInfo:
    """What dataset ``name`` is, its licence, its citation and (for external data) its files and URLs."""
    _check_name(name)
    return TABLES[name].info() if name in TABLES else EXTERNAL[name]


def load(name: str, **options) -> pd.DataFrame:
    """Load a dataset as a pandas DataFrame.

    Parameters
    ----------
    name : str
        One of :func:`available` except ``"tinyshakespeare"`` (text: use
        :func:`read_text`). Published tables: ``"chinchilla_table1"``,
        ``"chinchilla_table2"``, ``"chinchilla_table3"``, ``"chinchilla_table_a3"``,
        ``"chinchilla_table4"``, ``"chinchilla_table_a4"``, ``"kaplan_table5"``,
        ``"kaplan_table6"``, ``"wei_table1"``, ``"henighan_table1"``, ``"downstream_forecasts"``,
        ``"model_zoo"``. External data:

        - ``"epoch_chinchilla"``: columns N, D, C, loss; 245 runs (Besiroglu et al.
          2024). Epoch fit only 240: pass ``drop_highest=5`` to drop the 5
          highest-loss runs as they did (see :func:`~scalinglaws.datasets.epoch.load_epoch_chinchilla`).
        - ``"cs336_isoflops"``: columns N, C, loss; 72 runs.
        - ``"obsscaling_benchmarks"``, ``"obsscaling_emergent"``: the CSV files as published.
        - ``"pythia_zero_shot"``: tidy table, one row per model, step, task and metric.
        - ``"revisiting_vision"``, ``"revisiting_lang"``: Alabdulmohsin et al. (2022)'s
          learning-curve benchmark, columns curve, domain, task, model, examples,
          loss, fit (see :mod:`~scalinglaws.datasets.revisiting`).
    **options
        Keyword arguments of the dataset's loader (only ``epoch_chinchilla``
        takes one: ``drop_highest``).

    Returns
    -------
    pandas.DataFrame
        A fresh frame; numbers are float64 columns.

    Raises
    ------
    ValueError
        If ``name`` is unknown (the message lists the known names), names a text
        dataset, or ``options`` are not accepted by the loader.
    DatasetNotAvailable
        If an external file is neither in the mirror nor the cache and cannot be downloaded.
    DatasetHashMismatch
        If an external file's sha256 is not the pinned one.
    """
    _check_name(name)
    if name in _TEXTS:
        raise ValueError(
            f"{name!r} is a text corpus, not a table; use read_text({name!r})."
        )
    if name in TABLES:
        if options:
            raise ValueError(f"load({name!r}) takes no options, got {sorted(options)}.")
        return load_table(name)
    loader = _LOADERS[name]
    try:
        inspect.signature(loader).bind(**options)
    except TypeError:
        accepted = list(inspect.signature(loader).parameters) or ["none"]
        raise ValueError(
            f"load({name!r}) does not accept the option(s) {sorted(options)}; "
            f"accepted: {', '.join(accepted)}."
        ) from None
    return loader(**options)


def paths(name: str) -> list[Path]:
    """Verified local paths of every file of dataset ``name`` (fetching them if needed).

    For an external dataset these are files in the mirror or the cache, each
    checked against its pinned sha256; for a shipped table, its CSV file.
    """
    _check_name(name)
    if name in TABLES:
        return [Path(str(table_path(name)))]
    return [local_path(remote) for remote in EXTERNAL[name].files]


def path(name: str) -> Path:
    """The verified local path of a single-file dataset (see :func:`paths` for many-file ones).

    Raises
    ------
    ValueError
        If the dataset has more than one file (``"pythia_zero_shot"``: use :func:`paths`).
    """
    _check_name(name)
    if name in EXTERNAL and len(EXTERNAL[name].files) != 1:
        raise ValueError(
            f"{name!r} has {len(EXTERNAL[name].files)} files, not one; use paths({name!r})."
        )
    return paths(name)[0]


def read_text(name: str = "tinyshakespeare") -> str:
    """The contents of a text dataset as a str (UTF-8).

    ``"tinyshakespeare"`` is 1,115,394 characters of Shakespeare (Karpathy's char-rnn corpus).
    """
    _check_name(name)
    if name not in _TEXTS:
        raise ValueError(
            f"{name!r} is not a text dataset; text datasets are: {', '.join(_TEXTS)}."
        )
    return path(name).read_text(encoding="utf-8")
