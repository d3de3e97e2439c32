"""Checkable exercises: ``check("ex-05-1", answer)`` says right, wrong or how far off.

The course kit of the book: every chapter's exercise with a value for an answer has an
entry in :data:`REGISTRY`, whose expected answer is computed from the library when the
check runs (see :mod:`scalinglaws.book.checks.answers`). A chapter's check cell comes after
the exercise's solution and stays in the student edition, so a reader gets feedback
without seeing the answer.
"""

from .check import check
from .registry import REGISTRY, ExerciseCheck, answer_name

__all__ = ["check", "REGISTRY", "ExerciseCheck", "answer_name"]
