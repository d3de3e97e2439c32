"""Book tooling: what serves the book and its courses rather than the science.

Apart from the science modules, which never import it (a test checks):

``checks``    answer checks for the chapters' exercises: ``check("ex-05-3", answer)``
``student``   the student edition: solutions replaced by stubs (``make student``,
              ``python -m scalinglaws.book.student``)
``assignment`` otter-grader assignments of the chapters (``make assignment``)
``claims``    a chapter's sentences checked against its numbers (``claim(...)``)
``capstone``  chapter 10's forecasts from the reader's own isoFLOP sweep (its run
              designs are recipes, in :mod:`scalinglaws.train.recipes`)

Import them as ``from scalinglaws.book.checks import check`` or
``from scalinglaws.book import capstone``.
"""

__all__ = ["assignment", "capstone", "checks", "claims", "student"]
