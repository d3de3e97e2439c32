"""The chapter notebooks: stored without outputs, and each runs top to bottom.

Each notebook is executed with the executor the book build uses (jupyter-cache's
``single_nb_execution``), in the notebook's own folder, with the cell timeout from
``_config.yml``, stopping at the first cell that raises. Its outputs are then stored in
the build's execution cache, ``_build/.jupyter_cache``, and the book build (in
``execute_notebooks: cache`` mode) renders them instead of running the notebook a
second time. ``make test`` empties ``_build`` before running these tests, so every
notebook is executed fresh once per ``make test``."""

from pathlib import Path

import nbformat
import pytest
import yaml
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    path
    for folder in ("notebooks", "book")
    for path in (REPO_ROOT / folder).glob("*.ipynb")
)
# myst-nb's default cache location: the parent of the HTML output folder (_build/html).
EXECUTION_CACHE = REPO_ROOT / "_build" / ".jupyter_cache"
EXECUTE_CONFIG = yaml.safe_load((REPO_ROOT / "_config.yml").read_text())["execute"]

by_name = pytest.mark.parametrize(
    "notebook_path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS]
)


def test_the_book_has_chapter_notebooks():
    chapters = [path for path in NOTEBOOKS if path.parent.name == "notebooks"]
    assert chapters, "no chapter notebooks found in notebooks/"


@by_name
def test_notebook_is_stored_without_outputs(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{notebook_path.name}: code cells {dirty} are stored with outputs or execution "
        "counts; the build executes notebooks, so store them clean: "
        f"jupyter nbconvert --clear-output --inplace {notebook_path.relative_to(REPO_ROOT)}"
    )


@by_name
def test_notebook_runs_top_to_bottom(notebook_path, monkeypatch):
    # The worked solutions must pass their own checks: in strict mode a wrong answer
    # raises instead of printing "not yet" (the kernel inherits this environment).
    monkeypatch.setenv("SCALINGLAWS_CHECKS_STRICT", "1")
    notebook = nbformat.read(notebook_path, as_version=4)
    result = single_nb_execution(
        notebook,
        cwd=str(notebook_path.parent),
        timeout=EXECUTE_CONFIG["timeout"],
        allow_errors=False,  # a raising cell fails the test, whatever the config says
        meta_override=False,
    )
    if result.err is not None:
        pytest.fail(
            f"{notebook_path.name} failed after {result.time:.0f} s:\n{result.exc_string}",
            pytrace=False,
        )
    # Hand the outputs to the book build (the same call myst-nb makes after executing).
    get_cache(str(EXECUTION_CACHE)).cache_notebook_bundle(
        CacheBundleIn(
            notebook, str(notebook_path), data={"execution_seconds": result.time}
        ),
        check_validity=False,
        overwrite=True,
    )
