"""Shared pytest set-up for the library, notebook and site tests.

- Figures are drawn with matplotlib's non-interactive Agg backend, so tests never need a
  display. The backend is chosen in this process only (``matplotlib.use``), not through
  the ``MPLBACKEND`` environment variable: notebook kernels started by the tests inherit
  the environment, and must keep their inline backend so that figures reach the outputs.
- ``SCALINGLAWS_DATA_MIRROR`` points at ``<repo>/../shared/data/github`` when that folder
  exists and the variable is unset, as the Makefile does, so a plain ``pytest`` finds the
  dataset mirror too.
- The ``site`` marker labels the checks of the built website; ``make test`` runs them
  after building the book (``pytest -m site``) and everything else before it
  (``pytest -m "not site"``).
"""

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_MIRROR = REPO_ROOT.parent / "shared" / "data" / "github"

if "SCALINGLAWS_DATA_MIRROR" not in os.environ and DATA_MIRROR.is_dir():
    os.environ["SCALINGLAWS_DATA_MIRROR"] = str(DATA_MIRROR)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "site: checks of the built book in headless Chromium (build the book first)",
    )
