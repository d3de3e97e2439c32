"""Published laws and findings about the training recipe: learning rate, batch size, optimiser, schedule.

A scaling law is measured with a recipe, and the recipe itself has to scale.
What the papers the book's training-recipe chapter compares with found:

- **DeepSeek LLM** (Bi et al. 2024, section 3.1, eq. 1) fitted the
  compute-optimal peak learning rate and batch size of their isoFLOP runs
  as power laws in compute,

      eta_opt(C) = 0.3118 · C^(-0.1250),     B_opt(C) = 0.2920 · C^(0.3271),

  with C in FLOPs counted as M·D (M the non-embedding FLOPs per token,
  attention included) and B in tokens. Bigger budgets want larger batches
  and slightly smaller rates; the basin around the optimum is wide.
- **Hoffmann et al. (2022)** changed the recipe between Gopher and
  Chinchilla: AdamW instead of Adam (section 4.1), and a cosine schedule
  whose cycle matches the run's tokens and decays the rate tenfold
  (section 3.1, Fig. A1: overshooting the run by more than 25% costs loss).
- **Porian et al. (2024)** traced Kaplan et al.'s exponent to three causes:
  the last layer's FLOPs left out of the count, a warm-up too long for the
  small models, and an optimiser not tuned per scale; tuning AdamW's beta2
  (0.99 or more rather than 0.95) is essential at small batch sizes, and
  careful decay of the rate is not essential to Hoffmann et al.'s law.
- **Hägele et al. (2024)** showed that a constant rate with a short cool-down
  (about 20% of the run; the (1 - sqrt) shape works best) matches a cosine
  matched to the run, so one constant-rate run with cool-downs branched off
  it gives a scaling law's runs at several lengths.

:data:`DEEPSEEK_2024_LR` and :data:`DEEPSEEK_2024_BATCH` are the numeric
laws; :data:`RECIPE_FINDINGS` holds the statements, each with its source, as
the chapter's table prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from scalinglaws._validation import as_positive, scalar_or_array

__all__ = [
    "DEEPSEEK_2024_BATCH",
    "DEEPSEEK_2024_LR",
    "HAGELE_2024_COOLDOWN_FRACTION",
    "RECIPE_FINDINGS",
    "HyperparameterLaw",
    "RecipeFinding",
]


@dataclass(frozen=True)
class HyperparameterLaw:
    """A hyperparameter's compute-optimal value as a power law in compute, h(C) = coefficient · C^exponent.

    Parameters
    ----------
    coefficient : float
        The value at C = 1 FLOP, > 0.
    exponent : float
        How the value grows (> 0) or shrinks (< 0) with compute.
    quantity : str
        What the law gives, with its unit.
    source : str
        Paper, section and equation.

    Examples
    --------
    >>> from scalinglaws.laws import DEEPSEEK_2024_LR
    >>> round(DEEPSEEK_2024_LR(1e20), 5)
    0.00099
    """

    coefficient: float
    exponent: float
    quantity: str = ""
    source: str = ""

    def __post_init__(self):
        as_positive(self.coefficient, "coefficient")

    def __call__(self, C):
        """The law's value at a budget of ``C`` FLOPs (scalar or array, each > 0)."""
        return scalar_or_array(self.coefficient * as_positive(C, "C") ** self.exponent)

    def ratio(self, factor):
        """How much the value changes when compute grows by ``factor``: factor^exponent."""
        return float(as_positive(factor, "factor")) ** self.exponent


DEEPSEEK_2024_LR = HyperparameterLaw(
    coefficient=0.3118,
    exponent=-0.1250,
    quantity="peak learning rate",
    source="Bi et al. 2024 (DeepSeek LLM), section 3.1, eq. 1",
)
DEEPSEEK_2024_BATCH = HyperparameterLaw(
    coefficient=0.2920,
    exponent=0.3271,
    quantity="batch size in tokens",
    source="Bi et al. 2024 (DeepSeek LLM), section 3.1, eq. 1",
)

#: Hägele et al. (2024, section 3): a cool-down of about this fraction of
#: the run matches a cosine schedule matched to the run's length.
HAGELE_2024_COOLDOWN_FRACTION = 0.2


@dataclass(frozen=True)
class RecipeFinding:
    """One published finding about the training recipe, in a sentence, with where it is stated."""

    paper: str
    topic: str
    finding: str
    where: str


RECIPE_FINDINGS = (
    RecipeFinding(
        "Hoffmann et al. 2022",
        "optimiser",
        "Chinchilla was trained with AdamW rather than Gopher's Adam, which "
        "improved the language-modelling loss",
        "section 4.1",
    ),
    RecipeFinding(
        "Hoffmann et al. 2022",
        "schedule",
        "the cosine cycle should match the run's tokens (overshooting by more "
        "than 25% costs loss) and decay the rate tenfold",
        "section 3.1, Fig. A1",
    ),
    RecipeFinding(
        "Porian et al. 2024",
        "warm-up, last layer, tuning",
        "Kaplan's exponent comes from the last layer's FLOPs left out, a warm-up "
        "too long for small models and untuned AdamW; beta2 tuning matters at "
        "small batch sizes; careful decay is not essential",
        "abstract, section 3",
    ),
    RecipeFinding(
        "Hägele et al. 2024",
        "schedule",
        "a constant rate with a (1 - sqrt) cool-down over about 20% of the run "
        "matches a matched cosine, so one run serves many lengths",
        "section 3",
    ),
    RecipeFinding(
        "Bi et al. 2024 (DeepSeek LLM)",
        "learning rate and batch size",
        "eta_opt = 0.3118 C^-0.1250 and B_opt = 0.2920 C^0.3271 (B in tokens); "
        "a wide basin of near-optimal pairs",
        "section 3.1, eq. 1",
    ),
)
