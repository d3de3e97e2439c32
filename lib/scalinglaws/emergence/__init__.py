"""Emergent abilities: the metrics that score them, the mirage argument, and forecasts.

Chapter 7 (*Emergent abilities*) uses every piece:

- :mod:`~scalinglaws.emergence.metrics` and
  :mod:`~scalinglaws.emergence.edit_distance`: per-example scores, from
  all-or-nothing (exact match, multiple-choice grade) to continuous
  (per-token probability, token edit distance, Brier score).
- :mod:`~scalinglaws.emergence.mirage`: Schaeffer et al.'s (2023) p^L
  transform of a smooth per-token loss into a sudden-looking exact match.
- :mod:`~scalinglaws.emergence.resolution`: what a test set of n examples
  can and cannot see.
- :mod:`~scalinglaws.emergence.score`: Schaeffer et al.'s emergence score,
  and the scale at which a curve crosses a threshold (Wei et al. 2022, Table 1).
- :mod:`~scalinglaws.emergence.sigmoid`: a logistic curve in log-compute,
  fitted on small models to forecast larger ones, which reports when it fails;
  :mod:`~scalinglaws.emergence.forecast` scores such a forecast on held-out models.
- :mod:`~scalinglaws.emergence.tables`: the chapter's tables of emergence
  scores and held-out forecast errors.
- :mod:`~scalinglaws.emergence.two_step` (chapter 12): forecast accuracy in two
  steps, compute -> loss -> accuracy, or in one, compute -> accuracy, with
  bootstrap intervals; :mod:`~scalinglaws.emergence.backtest` scores them and
  the naive last-value forecast on held-out models (``backtest``,
  ``scorecard``, and ``off_curve`` for step 2 alone).
"""

from scalinglaws.emergence.backtest import (
    LastValueForecast,
    backtest,
    off_curve,
    scorecard,
)
from scalinglaws.emergence.edit_distance import token_edit_distance
from scalinglaws.emergence.forecast import HoldoutForecast, forecast_from_weaker
from scalinglaws.emergence.metrics import (
    brier_score,
    exact_match,
    multiple_choice_grade,
    per_token_probability,
)
from scalinglaws.emergence.mirage import (
    MirageModel,
    edit_distance_from_token_probability,
    exact_match_from_token_probability,
    token_probability_from_loss,
)
from scalinglaws.emergence.resolution import (
    measured_accuracy,
    probability_of_reading_zero,
    resolution_limit,
)
from scalinglaws.emergence.score import (
    SCHAEFFER_2023_BIGBENCH,
    emergence_scale,
    emergence_score,
)
from scalinglaws.emergence.sigmoid import (
    SigmoidFit,
    SigmoidFitError,
    SigmoidFitWarning,
    fit_sigmoid,
)
from scalinglaws.emergence.tables import (
    holdout_rmse_table,
    score_table,
    scores_by_family,
)
from scalinglaws.emergence.two_step import (
    OneStepForecast,
    TwoStepForecast,
    fit_one_step,
    fit_two_step,
)

__all__ = [
    "SCHAEFFER_2023_BIGBENCH",
    "HoldoutForecast",
    "LastValueForecast",
    "MirageModel",
    "OneStepForecast",
    "SigmoidFit",
    "SigmoidFitError",
    "SigmoidFitWarning",
    "TwoStepForecast",
    "backtest",
    "brier_score",
    "edit_distance_from_token_probability",
    "emergence_scale",
    "emergence_score",
    "exact_match",
    "exact_match_from_token_probability",
    "fit_one_step",
    "fit_sigmoid",
    "fit_two_step",
    "forecast_from_weaker",
    "holdout_rmse_table",
    "measured_accuracy",
    "multiple_choice_grade",
    "off_curve",
    "per_token_probability",
    "probability_of_reading_zero",
    "resolution_limit",
    "score_table",
    "scores_by_family",
    "scorecard",
    "token_edit_distance",
    "token_probability_from_loss",
]
