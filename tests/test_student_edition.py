"""The student edition: solutions stubbed, checks kept, and every check unanswered.

``scalinglaws.book.student`` turns each chapter into its student edition. These tests check
the transformation on a small notebook, then generate the edition of every chapter in a
temporary folder and execute it: no cell may fail, and every check cell must report
"not answered yet" (each stub binds its exercise's ``answer_NN_k`` to ``...``). Before
that, every chapter is walked to make sure no check could be fooled: a check passes
exactly ``answer_NN_k``, the solution binds it, and no cell before the solution does.

The full edition is executed by tests/test_notebooks.py. Executing the student edition
repeats the cost of executing the chapters (see book/instructor_guide.md for the times).
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from scalinglaws.book import student
from scalinglaws.book.checks import answer_name

REPO_ROOT = Path(__file__).resolve().parent.parent
# The chapters with exercises in the convention (a notebook without any, such as a
# capstone, has nothing to stub: its student edition is the notebook without outputs).
CHAPTERS = sorted(
    path
    for path in (REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
    if "{solution-start}" in path.read_text()
)
TIMEOUT = yaml.safe_load((REPO_ROOT / "_config.yml").read_text())["execute"]["timeout"]

STUB = re.compile(r"# Exercise (ex-\d{2}-\d+): replace this cell with your solution\.")
CHECK = re.compile(r"""check\(\s*["'](ex-\d{2}-\d+)["']\s*,\s*([A-Za-z_]\w*)""")


def _markdown(text):
    return nbformat.v4.new_markdown_cell(text)


def _code(text):
    return nbformat.v4.new_code_cell(text)


def _toy_chapter():
    return nbformat.v4.new_notebook(
        cells=[
            _markdown("# Toy chapter"),
            _code("x = 1"),
            _markdown("```{exercise}\n:label: ex-99-1\n\nCompute two.\n```"),
            _markdown("```{solution-start} ex-99-1\n:class: dropdown\n```"),
            _code("two = 2"),
            _markdown("The answer is two, obviously."),
            _code("assert two == 2"),
            _markdown("More prose.\n\n```{solution-end}\n```"),
            _code(
                'from scalinglaws.book.checks import check\n\ncheck("ex-99-1", answer_99_1)'
            ),
            _markdown("## Summary"),
        ]
    )


def test_solutions_become_stubs_and_checks_stay():
    toy = _toy_chapter()
    toy.cells[1].outputs = [nbformat.v4.new_output("stream", text="hi")]
    toy.cells[1].execution_count = 3
    edition = student.student_notebook(toy)
    sources = [cell.source for cell in edition.cells]
    text = "\n".join(sources)
    # The solution's code and prose are gone, the exercise and the check are not.
    assert (
        "two = 2" not in text and "obviously" not in text and "More prose" not in text
    )
    assert "solution-start" not in text and "solution-end" not in text
    assert ":label: ex-99-1" in text and 'check("ex-99-1", answer_99_1)' in text
    stubs = [s for s in sources if STUB.search(s)]
    # One stub per solution code cell; the first binds the answer the check reads.
    assert len(stubs) == 2 and stubs[0].endswith("answer_99_1 = ...")
    assert "answer_99_1" not in stubs[1]
    # Outputs stripped everywhere; the input notebook is untouched.
    assert all(
        not c.outputs and c.execution_count is None
        for c in edition.cells
        if c.cell_type == "code"
    )
    assert toy.cells[1].execution_count == 3 and "two = 2" in toy.cells[4].source


@pytest.mark.parametrize(
    "broken, message",
    [
        (
            [_markdown("```{solution-start} ex-99-1\n```"), _code("a = 1")],
            "never closed",
        ),
        ([_markdown("```{solution-end}\n```")], "never opened"),
        (
            [
                _markdown("```{solution-start} ex-99-1\n```"),
                _markdown("```{solution-start} ex-99-2\n```"),
                _markdown("```{solution-end}\n```"),
            ],
            "inside",
        ),
    ],
)
def test_a_broken_convention_is_an_error(broken, message):
    with pytest.raises(ValueError, match=message):
        student.student_notebook(nbformat.v4.new_notebook(cells=broken))


def test_write_student_edition_rejects_bad_input(tmp_path):
    with pytest.raises(ValueError, match="no notebooks"):
        student.write_student_edition([], tmp_path)
    with pytest.raises(ValueError, match="not a notebook"):
        student.write_student_edition([tmp_path / "missing.ipynb"], tmp_path)


def test_every_chapter_has_stubs_and_no_solution_left(tmp_path):
    written = student.write_student_edition(CHAPTERS, tmp_path)
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for original, path in zip(CHAPTERS, written):
        full = nbformat.read(original, as_version=4)
        edition = nbformat.read(path, as_version=4)
        nbformat.validate(edition)
        labels = set(
            re.findall(
                r":label: (ex-\d{2}-\d+)", "\n".join(c.source for c in full.cells)
            )
        )
        stubbed = {m.group(1) for c in edition.cells if (m := STUB.search(c.source))}
        assert labels and stubbed == labels, (
            f"{path.name}: exercises {labels}, stubs for {stubbed}"
        )
        checks_full = [
            c.source
            for c in full.cells
            if c.cell_type == "code" and CHECK.search(c.source)
        ]
        checks_student = [
            c.source
            for c in edition.cells
            if c.cell_type == "code" and CHECK.search(c.source)
        ]
        assert checks_student == checks_full
        assert not any("{solution-" in c.source for c in edition.cells)


def _bound_names(source: str) -> set:
    """Names a code cell assigns (at any depth), by its syntax tree."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: not Python, and binding no answer
        return set()
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_no_check_can_pass_before_it_is_answered(chapter):
    cells = nbformat.read(chapter, as_version=4).cells
    problems = []
    for index, cell in enumerate(cells):
        match = CHECK.search(cell.source) if cell.cell_type == "code" else None
        if not match:
            continue
        label, name = match.groups()
        if name != answer_name(label):
            problems.append(
                f"cell {index}: check({label!r}, {name}) should pass {answer_name(label)}"
            )
            continue
        start = next(
            k
            for k in range(index, -1, -1)
            if f"{{solution-start}} {label}" in cells[k].source
        )
        early = [
            k
            for k in range(start)
            if cells[k].cell_type == "code" and name in cells[k].source
        ]
        if early:
            problems.append(
                f"{name} appears before the solution of {label} starts: cells {early}"
            )
        if not any(
            name in _bound_names(c.source)
            for c in cells[start:index]
            if c.cell_type == "code"
        ):
            problems.append(f"the solution of {label} does not bind {name}")
    assert not problems, f"{chapter.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_student_edition_runs_and_every_check_is_unanswered(
    chapter, tmp_path, monkeypatch
):
    # A student's checks report, they do not raise: the strict mode of the full
    # edition's tests must not reach this kernel.
    monkeypatch.delenv("SCALINGLAWS_CHECKS_STRICT", raising=False)
    (path,) = student.write_student_edition([chapter], tmp_path)
    edition = nbformat.read(path, as_version=4)
    # Run in the chapters' own folder, as the full edition is run; a raising cell fails.
    NotebookClient(
        edition, timeout=TIMEOUT, resources={"metadata": {"path": str(chapter.parent)}}
    ).execute()
    for index, cell in enumerate(edition.cells):
        match = CHECK.search(cell.source) if cell.cell_type == "code" else None
        if match:
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert f"{match.group(1)}: not answered yet" in printed, (
                f"{chapter.name}, student edition, cell {index}: {printed!r}"
            )


def test_command_line_writes_the_edition(tmp_path, capsys):
    assert student.main(["--out", str(tmp_path / "student"), str(CHAPTERS[0])]) == 0
    assert (tmp_path / "student" / CHAPTERS[0].name).is_file()
    assert "wrote" in capsys.readouterr().out
