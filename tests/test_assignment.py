"""Otter-grader assignments from the chapters (scalinglaws.book.assignment)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from scalinglaws.book.assignment import (
    answer_name,
    assignment_notebook,
    question_points,
    write_assignments,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


def _chapter(*, checked_label="ex-01-1", manual_label="ex-01-9"):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    claims = code('claim("x", x == 1)')
    claims.metadata["tags"] = ["remove-cell"]
    cells = [
        md("# A chapter"),
        code("x = 1"),
        claims,
        md(f"```{{exercise}} ★★ Compute\n:label: {checked_label}\n\nCompute it.\n```"),
        md(f"```{{solution-start}} {checked_label}\n:class: dropdown\n```"),
        code("value = 2 * x\nprint(value)"),
        md("Because.\n\n```{solution-end}\n```"),
        code(
            f'from scalinglaws.book.checks import check\n\ncheck("{checked_label}", value)'
        ),
        md(f"```{{exercise}}\n:label: {manual_label}\n\nExplain it.\n```"),
        md(f"```{{solution-start}} {manual_label}\n:class: dropdown\n```"),
        md("An explanation."),
        md("```{solution-end}\n```"),
        md("## Summary"),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_names_and_points():
    assert answer_name("ex-05-3") == "answer_05_3"
    assert question_points("```{exercise} ★★★ Hard\n```") == 3
    assert question_points("```{exercise}\n:label: ex-01-1\n```") == 1
    with pytest.raises(ValueError, match="exercise label"):
        answer_name("05-3")


def test_a_checkable_exercise_becomes_an_autograded_question():
    master = assignment_notebook(_chapter(), "ch")
    sources = [cell.source for cell in master.cells]
    assert sources[0].startswith("# ASSIGNMENT CONFIG\nname: ch")
    assert 'claim("x", x == 1)' not in sources  # the text's checks stay out
    begin = sources.index("# BEGIN QUESTION\nname: ex_01_1\npoints: 2")
    solution = sources[begin + 3]
    assert solution.startswith("# BEGIN SOLUTION\nvalue = 2 * x")
    assert solution.endswith("# END SOLUTION\nanswer_01_1 = value  # SOLUTION")
    tests = [s for s in sources if "def test_answer_01_1" in s]
    assert len(tests) == 2 and "hidden: true\npoints: 2" in tests[1]
    # otter's grader.check replaces the book's check cell
    assert not any(
        s.startswith("from scalinglaws.book.checks import check\n\ncheck(")
        for s in sources
    )


def test_an_exercise_graded_by_reading_becomes_a_manual_question():
    sources = [cell.source for cell in assignment_notebook(_chapter(), "ch").cells]
    assert "# BEGIN QUESTION\nname: ex_01_9\npoints: 1\nmanual: true" in sources
    assert sources[-1] == "## Summary"


def test_a_broken_convention_is_an_error():
    notebook = _chapter()
    del notebook.cells[7]  # the check cell of a checkable exercise
    with pytest.raises(ValueError, match="no check"):
        assignment_notebook(notebook, "ch")
    with pytest.raises(ValueError, match="name"):
        assignment_notebook(_chapter(), "a name with spaces")
    with pytest.raises(ValueError, match="ipynb"):
        write_assignments([], "out")


def _otter_score(
    autograder_zip: Path, notebook: Path, out: Path
) -> tuple[float, float]:
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SCALINGLAWS_CHECKS_STRICT"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "otter",
            "run",
            "-a",
            str(autograder_zip),
            "-o",
            str(out),
            str(notebook),
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    results = json.loads((out / "results.json").read_text())["tests"]
    scored = [t for t in results if "max_score" in t and t["max_score"] is not None]
    return sum(t["score"] for t in scored), sum(t["max_score"] for t in scored)


def test_otter_grades_a_chapter_for_real(tmp_path):
    # otter assign splits the master; otter run (no Docker) scores the solved notebook
    # full marks and the untouched student notebook zero, without crashing.
    chapter = REPO_ROOT / "notebooks" / "01_scaling_laws_at_a_glance.ipynb"
    (master,) = write_assignments([chapter], tmp_path, assign=True)
    dist = master.parent / "dist"
    (autograder_zip,) = (dist / "autograder").glob("*.zip")
    solved = _otter_score(
        autograder_zip, dist / "autograder" / chapter.name, tmp_path / "solved"
    )
    untouched = _otter_score(
        autograder_zip, dist / "student" / chapter.name, tmp_path / "student"
    )
    assert solved[1] >= 1 and solved[0] == solved[1], solved
    assert untouched == (0, solved[1]), untouched
