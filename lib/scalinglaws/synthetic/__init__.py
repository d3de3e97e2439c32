"""Data sources whose ground truth is known, for checking what a scaling fit recovers.

- :class:`MultitaskSparseParity` (Michaud et al. 2023): skills with exact
  Zipf frequencies; with label noise ``eps`` the irreducible loss is exactly
  ``H(eps)``; every example carries its task index for per-task metrics.
- :class:`MarkovLanguage`: a sparse Markov chain whose entropy rate, and so
  the loss floor at every position of a context, is computed exactly.
- :class:`CharText`: real text (Tiny Shakespeare) at the character level,
  whose floor is unknown, for contrast.
"""

from scalinglaws.synthetic.char_text import CharText
from scalinglaws.synthetic.markov_language import MarkovLanguage
from scalinglaws.synthetic.sparse_parity import (
    MultitaskSparseParity,
    binary_entropy,
    per_task_accuracy,
    per_task_mean,
)

__all__ = [
    "CharText",
    "MarkovLanguage",
    "MultitaskSparseParity",
    "binary_entropy",
    "per_task_accuracy",
    "per_task_mean",
]
