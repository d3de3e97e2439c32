"""The chapters read as chapters: the form the book promises its readers.

"Visible" means shown on the website by default: a code cell not tagged
``remove-cell``, ``remove-input``, ``hide-input`` or ``hide-cell``, and not inside an
exercise's solution (solutions sit behind a toggle). Lines are the non-blank,
non-comment lines of a cell. Reading time is prose words / 150 + visible code lines /
15 minutes. The README's section *For authors* explains each rule.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from scalinglaws.plotting import BOOK_COLOURS, REFERENCE_GREY

REPO_ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HIDDEN = {"remove-cell", "remove-input", "hide-input", "hide-cell"}

MAX_CELL_LINES = 30
MAX_CHAPTER_LINES = 300
MAX_BOOK_LINES = 2000
MAX_CHAPTER_MINUTES = 60
MAX_TOUR_MINUTES = 25  # chapter 1
MAX_BOOK_MINUTES = 7 * 60


def _code_lines(source: str) -> list[str]:
    return [
        line
        for line in source.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def _read(path: Path) -> dict:
    """Visible code cells, prose words and the chapter's cells, as a reader meets them."""
    notebook = nbformat.read(path, as_version=4)
    in_solution = False
    visible, words = [], 0
    for index, cell in enumerate(notebook.cells):
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            if "{solution-start}" in cell.source:
                in_solution = True
            if "{solution-end}" in cell.source:
                in_solution = False
                continue
            if not in_solution:
                words += len(cell.source.split())
        elif cell.cell_type == "code" and not in_solution and not tags & HIDDEN:
            visible.append((index, _code_lines(cell.source)))
    loc = sum(len(lines) for _, lines in visible)
    return {
        "notebook": notebook,
        "visible": visible,
        "loc": loc,
        "minutes": words / 150 + loc / 15,
    }


READ = {path.name[:2]: _read(path) for path in CHAPTERS}
by_chapter = pytest.mark.parametrize("chapter", sorted(READ))


@by_chapter
def test_no_test_code_in_the_story(chapter):
    asserts = [
        index
        for index, lines in READ[chapter]["visible"]
        if any(re.match(r"\s*assert\b", line) for line in lines)
    ]
    assert not asserts, (
        f"chapter {chapter}: visible cells {asserts} assert; move the checks into a "
        "remove-cell cell of claim() calls (scalinglaws.book.claims) or into tests/"
    )


@by_chapter
def test_visible_code_is_short(chapter):
    long = [
        (index, len(lines))
        for index, lines in READ[chapter]["visible"]
        if len(lines) > MAX_CELL_LINES
    ]
    assert not long, f"chapter {chapter}: visible cells (index, lines) over 30: {long}"
    assert READ[chapter]["loc"] <= MAX_CHAPTER_LINES, (
        f"chapter {chapter}: {READ[chapter]['loc']} visible code lines, more than "
        f"{MAX_CHAPTER_LINES}"
    )


def test_the_book_shows_at_most_2000_lines_of_code():
    total = sum(read["loc"] for read in READ.values())
    assert total <= MAX_BOOK_LINES, f"{total} visible code lines in all"


@by_chapter
def test_reading_time(chapter):
    limit = MAX_TOUR_MINUTES if chapter == "01" else MAX_CHAPTER_MINUTES
    minutes = READ[chapter]["minutes"]
    assert minutes <= limit + 0.5, f"chapter {chapter}: {minutes:.0f} min to read"


def test_the_book_reads_in_seven_hours():
    total = sum(read["minutes"] for read in READ.values())
    assert total <= MAX_BOOK_MINUTES, f"{total:.0f} min to read the book"


@by_chapter
def test_the_reader_predicts_first(chapter):
    prose = [
        c.source for c in READ[chapter]["notebook"].cells if c.cell_type == "markdown"
    ]
    assert any(re.search(r"\{admonition\}\s*Predict first", s) for s in prose), (
        f"chapter {chapter} has no 'Predict first' admonition: ask the reader to write "
        "down a guess before the cell that settles it"
    )


def _only_claims(source: str) -> bool:
    """True when a cell only imports and calls claim()/claim_close(), in loops or ifs."""

    def ok(node) -> bool:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            return True
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            return name in {"claim", "claim_close"}
        if isinstance(node, (ast.For, ast.If)):
            return all(ok(child) for child in node.body + node.orelse)
        return False

    return all(ok(node) for node in ast.parse(source).body)


@by_chapter
def test_hidden_checks_only_check(chapter):
    # The website and the student edition leave remove-cell cells out, so such a cell
    # must not define anything a later cell uses: it only states claims.
    cells = READ[chapter]["notebook"].cells
    bad = [
        index
        for index, cell in enumerate(cells)
        if cell.cell_type == "code"
        and "remove-cell" in cell.metadata.get("tags", [])
        and not _only_claims(cell.source)
    ]
    assert not bad, (
        f"chapter {chapter}: remove-cell cells {bad} do more than import and call "
        "claim()/claim_close()"
    )


@by_chapter
def test_figures_are_numbered_in_order(chapter):
    captions = re.findall(
        r"\*\*Figure (\d+)\.(\d+)\.\*\*",
        "\n".join(
            c.source
            for c in READ[chapter]["notebook"].cells
            if c.cell_type == "markdown"
        ),
    )
    assert captions, f"chapter {chapter} has no captioned figure"
    assert {int(n) for n, _ in captions} == {int(chapter)}, captions
    numbers = [int(k) for _, k in captions]
    assert numbers == list(range(1, len(numbers) + 1)), (
        f"chapter {chapter}: figure captions numbered {numbers}"
    )


@by_chapter
def test_only_exercises_follow_the_summary(chapter):
    cells = READ[chapter]["notebook"].cells
    summary = [
        i
        for i, c in enumerate(cells)
        if c.cell_type == "markdown" and "## Summary" in c.source
    ]
    assert len(summary) == 1, f"chapter {chapter}: {len(summary)} summaries"
    # What follows the summary heading, in its own cell and after it.
    after = [cells[summary[0]].source.split("## Summary", 1)[1]]
    after += [c.source for c in cells[summary[0] + 1 :] if c.cell_type == "markdown"]
    headings = [
        line
        for text in after
        for line in text.splitlines()
        if re.match(r"#{1,2} ", line) and not line.startswith("## Exercises")
    ]
    assert not headings, f"chapter {chapter}: after the summary: {headings}"


@by_chapter
def test_the_book_colours(chapter):
    allowed = {c.lower() for c in (*BOOK_COLOURS, REFERENCE_GREY)}
    code = "\n".join(
        c.source for c in READ[chapter]["notebook"].cells if c.cell_type == "code"
    )
    foreign = [
        colour
        for colour in re.findall(r"[\"'](#[0-9a-fA-F]{6}|tab:\w+)[\"']", code)
        if colour.lower() not in allowed
    ]
    assert not foreign, f"chapter {chapter} uses colours outside the book's: {foreign}"


def test_no_reference_to_files_outside_the_repository():
    sources = [*CHAPTERS, REPO_ROOT / "README.md", *(REPO_ROOT / "book").glob("*.md")]
    sources += (REPO_ROOT / "lib").rglob("*.py")
    bad = [
        str(p.relative_to(REPO_ROOT))
        for p in sources
        if "published_numbers" in p.read_text()
    ]
    assert not bad, f"these cite a file that is not in the repository: {bad}"
