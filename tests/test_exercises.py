"""Every exercise of the book carries one difficulty mark, ★ to ★★★.

The mark is the first thing in the exercise's body (``★★ **Short title.** text``), and
the otter-grader assignment gives the question as many points as stars
(:func:`scalinglaws.book.assignment.question_points`), so a missing or doubled mark would
change a course's grading.
"""

import re
from pathlib import Path

import nbformat
import pytest

from scalinglaws.book.assignment import question_points

REPO_ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISE = re.compile(r"```\{exercise\}[^\n]*\n:label: (ex-\d{2}-\d+)\n(.*?)```", re.S)


def _exercises(path):
    """(label, body) of every exercise block in a chapter."""
    nb = nbformat.read(path, as_version=4)
    return [
        match.groups()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for match in EXERCISE.finditer(cell.source)
    ]


def test_every_chapter_has_exercises():
    assert CHAPTERS
    for path in CHAPTERS:
        assert _exercises(path), f"{path.name} has no exercise"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_exercise_carries_one_mark_of_one_to_three_stars(path):
    for label, body in _exercises(path):
        body = body.lstrip("\n")
        mark = re.match(r"(★{1,3}) (?=\S)", body)
        assert mark, f"{label} does not start with a difficulty mark ★ to ★★★"
        assert body.count("★") == len(mark.group(1)), f"{label} has stars past its mark"
        assert question_points(body) == len(mark.group(1))


def test_every_exercise_graded_by_reading_has_a_rubric_worth_its_stars():
    from scalinglaws.book.checks import REGISTRY

    guide = (REPO_ROOT / "book" / "instructor_guide.md").read_text()
    section = guide.split("## Rubrics for the exercises graded by reading")[1]
    section = section.split("\n## ")[0]
    rubrics = {
        label: int(points)
        for label, points in re.findall(
            r"^\| `(ex-\d{2}-\d+)` \| (\d) \|", section, re.M
        )
    }
    stars = {
        label: len(re.match(r"\s*(★+)", body).group(1))
        for path in CHAPTERS
        for label, body in _exercises(path)
    }
    by_reading = {label: n for label, n in stars.items() if label not in REGISTRY}
    assert rubrics == by_reading
