"""Graded assignments from the chapters, for otter-grader (``make assignment``).

Courses that teach with Jupyter grade with otter-grader: an instructor writes one
"master" notebook with solutions and tests, ``otter assign`` splits it into a student
notebook and an autograder, and ``otter run`` (or Gradescope) scores submissions. This
module writes that master notebook for a chapter, in otter-grader's notebook format
(v1: raw cells ``# BEGIN QUESTION`` ... ``# END QUESTION`` around each question), from
the book's own exercise convention (see :mod:`scalinglaws.book.student`):

- an exercise whose answer is a value (it has an entry in
  :data:`scalinglaws.book.checks.REGISTRY`) becomes an autograded question. Its
  solution's code is the solution block (the student sees ``...``), and its answer is
  bound to ``answer_NN_k`` on a last line the student completes
  (``answer_05_3 = ...``). The public test is the book's ``check()``: it prints right,
  or how far off with a hint, and fails only when the answer is not a number of the
  right shape. The hidden test holds the points: the same check, within the exercise's
  tolerance, expected value computed from the library when it runs, never stored;
- an exercise graded by reading becomes a manually graded question (its solution's
  code and prose are removed from the student notebook);
- a question is worth as many points as its exercise has stars (★ to ★★★), one where
  the exercise carries no mark;
- the chapter's own check cells are replaced by otter's ``grader.check(...)`` cells,
  and the cells tagged ``remove-cell`` (the chapter's checks of its own text) are left
  out, as on the website.

Run it as ``python -m scalinglaws.book.assignment --out DIR NOTEBOOK ...``; with
``--assign`` it also runs ``otter assign`` on each master notebook. The instructor guide
(``book/instructor_guide.md``) describes the workflow from assigning to exporting grades.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from scalinglaws.book.checks import REGISTRY, answer_name
from scalinglaws.book.student import (
    CHECK_CALL,
    SOLUTION_END,
    SOLUTION_START,
    is_hidden_check,
)

_EXERCISE = re.compile(r"```\{exercise\}[^\n]*\n(?:.*\n)*?:label:\s*(ex-\d{2}-\d+)")


def question_points(exercise_text: str) -> int:
    """Points of a question: the stars of its difficulty mark (★ to ★★★), else 1.

    Examples
    --------
    >>> question_points("```{exercise} ★★ Derive eq. 4\\n:label: ex-05-6\\n```")
    2
    """
    stars = re.search(r"★+", exercise_text)
    return len(stars.group(0)) if stars else 1


def _raw(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(text)


def _code(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(text)


def _config_cell(name: str) -> nbformat.NotebookNode:
    # The book's notebooks run in the book's environment (requirements.txt), so the
    # autograder needs no environment of its own; grading runs with `otter run`.
    return _raw(
        "# ASSIGNMENT CONFIG\n"
        f"name: {name}\n"
        "requirements: null\n"
        "run_tests: false\n"
        "init_cell: true\n"
        "check_all_cell: false\n"
        "export_cell: false\n"
        "generate: true\n"
        "tests:\n"
        "  files: true\n"
        "  ok_format: false\n"
    )


def _solution_code(source: str, answer: tuple[str, str] | None) -> str:
    """A solution cell as otter-grader strips it: the whole block becomes ``...``."""
    lines = ["# BEGIN SOLUTION", source.rstrip("\n"), "# END SOLUTION"]
    if answer is not None:
        # On a line of its own so the student sees `answer_NN_k = ...` to complete.
        name, expression = answer
        lines.append(f"{name} = {expression}  # SOLUTION")
    return "\n".join(lines)


def _tests(label: str, name: str, points: int) -> list:
    """Otter's exception-based tests: a function whose arguments are the notebook's names."""
    function = f"test_{name}"
    public = (
        '""" # BEGIN TEST CONFIG\npoints: 0\n""" # END TEST CONFIG\n'
        f"def {function}_is_a_number({name}):\n"
        "    # Prints right, or how far off with a hint; fails only if the answer is\n"
        "    # not a number (or array) of the right shape.\n"
        "    from scalinglaws.book.checks import check\n\n"
        f'    check("{label}", {name})\n'
    )
    hidden = (
        f'""" # BEGIN TEST CONFIG\nhidden: true\npoints: {points}\n""" # END TEST CONFIG\n'
        f"def {function}_is_right({name}):\n"
        "    from scalinglaws.book.checks import check\n\n"
        f'    assert check("{label}", {name}, quiet=True)\n'
    )
    return [_raw("# BEGIN TESTS"), _code(public), _code(hidden), _raw("# END TESTS")]


def _exercise_span(cells, index: int, label: str) -> tuple[int, int]:
    """Indices of the solution-start and solution-end cells of the exercise at ``index``."""
    start = index + 1
    if start >= len(cells) or not (
        cells[start].cell_type == "markdown"
        and (m := SOLUTION_START.search(cells[start].source))
        and m.group(1) == label
    ):
        raise ValueError(
            f"exercise {label} (cell {index}) is not followed by its solution-start cell."
        )
    for end in range(start, len(cells)):
        if cells[end].cell_type == "markdown" and SOLUTION_END.search(
            cells[end].source
        ):
            return start, end
    raise ValueError(f"the solution of {label} (cell {start}) is never closed.")


def _question(cells, index: int, label: str) -> tuple[list, int]:
    """The master-notebook cells of one exercise, and the index of the next chapter cell."""
    start, end = _exercise_span(cells, index, label)
    checked = label in REGISTRY
    points = question_points(cells[index].source)
    header = f"# BEGIN QUESTION\nname: {label.replace('-', '_')}\npoints: {points}"
    out = [_raw(header + ("" if checked else "\nmanual: true")), cells[index]]
    out.append(_raw("# BEGIN SOLUTION"))
    inner = [c for c in cells[start + 1 : end + 1] if not is_hidden_check(c)]
    # The solution-end cell may open with the solution's last prose; keep that prose.
    last = inner[-1]
    prose = SOLUTION_END.split(last.source)[0].strip()
    inner = inner[:-1] + ([nbformat.v4.new_markdown_cell(prose)] if prose else [])
    codes = [k for k, c in enumerate(inner) if c.cell_type == "code"]
    following = end + 1
    while following < len(cells) and is_hidden_check(cells[following]):
        following += 1  # the chapter's checks of its own text stay out
    answer = None
    if checked:
        check = (
            CHECK_CALL.search(cells[following].source)
            if following < len(cells) and cells[following].cell_type == "code"
            else None
        )
        if not check or check.group(1) != label or not codes:
            raise ValueError(
                f"exercise {label} is checkable but its solution has no code, or no "
                f'check("{label}", ...) cell follows the solution.'
            )
        answer = (answer_name(label), check.group(2))
        following += 1  # otter's grader.check replaces the book's check cell
    for k, cell in enumerate(inner):
        if cell.cell_type == "code":
            is_last = k == codes[-1]
            cell = _code(_solution_code(cell.source, answer if is_last else None))
        out.append(cell)
    out.append(_raw("# END SOLUTION"))
    if checked:
        out += _tests(label, answer[0], points)
    out.append(_raw("# END QUESTION"))
    return out, following


def assignment_notebook(notebook, name: str) -> nbformat.NotebookNode:
    """The otter-grader master notebook of one chapter (the input is not modified).

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        A chapter in the book's exercise convention.
    name : str
        The assignment's name (otter-grader's ``name``), e.g. the notebook's stem.

    Returns
    -------
    nbformat.NotebookNode
        The chapter with an assignment-config cell first, each exercise turned into an
        otter-grader question, and no outputs.

    Raises
    ------
    ValueError
        If ``name`` is empty, or an exercise breaks the convention (no solution, a
        checkable exercise without its check cell).
    """
    if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(f"name must be a file-name-like string, got {name!r}.")
    cells = [nbformat.from_dict(dict(c)) for c in notebook.cells]
    out = [_config_cell(name)]
    index = 0
    while index < len(cells):
        cell = cells[index]
        match = _EXERCISE.search(cell.source) if cell.cell_type == "markdown" else None
        if match:
            question, index = _question(cells, index, match.group(1))
            out += question
            continue
        if not is_hidden_check(cell):
            out.append(cell)
        index += 1
    for cell in out:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    master = nbformat.from_dict(dict(notebook))
    master.cells = out
    return master


def write_assignments(notebooks, out_dir, *, assign: bool = False) -> list[Path]:
    """Write each chapter's master notebook to ``out_dir/NAME/NAME.ipynb``.

    Parameters
    ----------
    notebooks : iterable of path-like
        Chapter notebooks.
    out_dir : path-like
        Folder to write into (created if missing).
    assign : bool, default False
        Also run ``otter assign`` on each master, writing ``out_dir/NAME/dist/student``
        and ``out_dir/NAME/dist/autograder``.

    Returns
    -------
    list of Path
        The master notebooks written.

    Raises
    ------
    ValueError
        If no notebooks are given or one is not a ``.ipynb`` file.
    """
    paths = [Path(p) for p in notebooks]
    if not paths or any(p.suffix != ".ipynb" or not p.is_file() for p in paths):
        raise ValueError(
            f"give one or more existing .ipynb chapter notebooks, got {paths}."
        )
    written = []
    for path in paths:
        folder = Path(out_dir) / path.stem
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        master = folder / path.name
        notebook = nbformat.read(path, as_version=4)
        nbformat.write(assignment_notebook(notebook, path.stem), master)
        if assign:
            subprocess.run(
                [sys.executable, "-m", "otter", "assign", master.name, "dist"],
                cwd=folder,
                check=True,
            )
        written.append(master)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scalinglaws.book.assignment",
        description="Write otter-grader master notebooks from the book's chapters.",
    )
    parser.add_argument("notebooks", nargs="+", help="chapter notebooks (.ipynb)")
    parser.add_argument("--out", default="_build/assignment", help="output folder")
    parser.add_argument(
        "--assign", action="store_true", help="also run otter assign on each"
    )
    args = parser.parse_args(argv)
    for path in write_assignments(args.notebooks, args.out, assign=args.assign):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
