"""The student edition of the book's chapters: solutions replaced by stubs, checks kept.

Every chapter ends with exercises in the sphinx-exercise convention: an ``exercise``
block labelled ``ex-NN-k``, then a gated solution, a markdown cell opening
``{solution-start} ex-NN-k``, the solution's code and prose, and a markdown cell with
``{solution-end}``; a code cell with ``check("ex-NN-k", answer)`` may follow it. The
student edition

- replaces every code cell of a solution by a stub: a comment that asks for the
  solution and, where a check follows, a line ``answer_NN_k = ...`` for the answer, so
  that the check says "not answered yet" until the student writes one;
- removes the solution's prose, and turns the solution-start cell into a plain
  "Your solution" line (the solution-end cell goes);
- drops the code cells tagged ``remove-cell`` (the chapter's checks of its own
  text, :mod:`scalinglaws.book.claims`, which the website leaves out too);
- keeps everything else, the check cells included, and strips every output and
  execution count.

Run it as ``python -m scalinglaws.book.student [--out DIR] [NOTEBOOK ...]`` (``make student``
writes ``_build/student/``). The course kit of the book (issue 10): see
``book/instructor_guide.md``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import nbformat

from scalinglaws.book.checks import answer_name

SOLUTION_START = re.compile(r"```\{solution-start\}\s+(ex-\d{2}-\d+)")
SOLUTION_END = re.compile(r"```\{solution-end\}")
CHECK_CALL = re.compile(
    r"""check\(\s*["'](ex-\d{2}-\d+)["']\s*,\s*(.+?)\s*\)\s*$""", re.MULTILINE
)

_NOTE = (
    "```{note}\n"
    "This is the **student edition** of the chapter: the code of every exercise's "
    "solution is replaced by a stub. Write your own code there and put your answer in "
    "the `answer_NN_k` the stub names; the `check(...)` cell after it says whether it "
    "is right, or how far off (it never prints the answer).\n"
    "```"
)


def is_hidden_check(cell) -> bool:
    """Whether a cell is one of the chapter's checks of its own text (tagged ``remove-cell``)."""
    return cell.cell_type == "code" and "remove-cell" in cell.metadata.get("tags", [])


def _stub_source(label: str, checked: bool) -> str:
    lines = [f"# Exercise {label}: replace this cell with your solution."]
    if checked:
        name = answer_name(label)
        lines += [
            f"# The check below reads your answer from `{name}`.",
            f"{name} = ...",
        ]
    return "\n".join(lines)


def _is_checked(cells, after: int, label: str) -> bool:
    """Whether a check cell for ``label`` follows index ``after``.

    The chapter's hidden checks of its own text (``remove-cell``) may sit in between.
    """
    for cell in cells[after + 1 :]:
        if is_hidden_check(cell):
            continue
        match = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        return bool(match and match.group(1) == label)
    return False


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the student edition of one chapter notebook (the input is not modified).

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        A chapter in the book's exercise convention (see the module docstring).

    Returns
    -------
    nbformat.NotebookNode
        The notebook with solution code stubbed, solution prose removed, check cells
        kept, and no outputs or execution counts.

    Raises
    ------
    ValueError
        If a solution is opened and not closed, closed without being opened, or opened
        inside another one.
    """
    cells = notebook.cells
    out = []
    label = None
    for index, cell in enumerate(cells):
        start = (
            SOLUTION_START.search(cell.source) if cell.cell_type == "markdown" else None
        )
        end = SOLUTION_END.search(cell.source) if cell.cell_type == "markdown" else None
        if start:
            if label is not None:
                raise ValueError(
                    f"cell {index} opens the solution of {start.group(1)} inside that of {label}; "
                    "close each solution with a solution-end cell before the next one opens."
                )
            label = start.group(1)
            end_index = next(
                (
                    k
                    for k in range(index, len(cells))
                    if cells[k].cell_type == "markdown"
                    and SOLUTION_END.search(cells[k].source)
                ),
                None,
            )
            if end_index is None:
                raise ValueError(
                    f"the solution of {label} (cell {index}) is never closed; "
                    "add a markdown cell with a solution-end directive after it."
                )
            checked = _is_checked(cells, end_index, label)
            heading = nbformat.v4.new_markdown_cell(
                f"**Your solution to exercise {label}:**"
            )
            heading.id = (
                f"{label}-your-solution"  # fixed ids keep the edition reproducible
            )
            out.append(heading)
            n_stubs = 0
            if end_index == index:  # an empty solution opened and closed in one cell
                label = None
            continue
        if end and label is None:
            raise ValueError(
                f"cell {index} closes a solution that was never opened; "
                "put a solution-start cell before it."
            )
        if label is not None:
            if end:
                label = None
            elif cell.cell_type == "code":
                n_stubs += 1
                stub = nbformat.v4.new_code_cell(
                    _stub_source(label, checked and n_stubs == 1)
                )
                stub.id = f"{label}-stub-{n_stubs}"
                out.append(stub)
            continue  # solution prose, and the solution-end cell, are left out
        if is_hidden_check(cell):
            continue  # the text's own checks (scalinglaws.book.claims), absent from the site
        copy = nbformat.from_dict(dict(cell))
        if copy.cell_type == "code":
            copy.outputs = []
            copy.execution_count = None
        out.append(copy)
    if out and out[0].cell_type == "markdown":
        note = nbformat.v4.new_markdown_cell(_NOTE)
        note.id = "student-edition-note"
        out.insert(1, note)
    edition = nbformat.from_dict(dict(notebook))
    edition.cells = out
    return edition


def write_student_edition(notebooks, out_dir) -> list[Path]:
    """Write the student edition of each notebook into ``out_dir``, keeping file names.

    Parameters
    ----------
    notebooks : iterable of path-like
        Chapter notebooks (``.ipynb``).
    out_dir : path-like
        Folder to write into; created if missing.

    Returns
    -------
    list of Path
        The notebooks written.

    Raises
    ------
    ValueError
        If no notebook is given, a path is not an ``.ipynb`` file, or a notebook breaks
        the exercise convention.
    """
    paths = [Path(p) for p in notebooks]
    if not paths:
        raise ValueError(
            "no notebooks given; pass at least one chapter notebook (.ipynb)."
        )
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            raise ValueError(
                f"{path} is not a notebook file; pass existing .ipynb files."
            )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        edition = student_notebook(nbformat.read(path, as_version=4))
        target = out / path.name
        nbformat.write(edition, target)
        written.append(target)
    return written


def main(argv=None) -> int:
    """Command line: ``python -m scalinglaws.book.student [--out DIR] [NOTEBOOK ...]``."""
    parser = argparse.ArgumentParser(
        description="Write the student edition of the book's chapters."
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="chapter notebooks (default: notebooks/[0-9][0-9]_*.ipynb)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("_build/student"), help="output folder"
    )
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in write_student_edition(notebooks, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
