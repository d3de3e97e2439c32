"""Published scaling laws: functional forms and the papers' parameter sets.

Every constant here is typed from a paper, with the table or equation it was
read from; ``tests/test_laws_published.py`` checks what these laws compute
against the papers' own tables.

- :mod:`~scalinglaws.laws.chinchilla`: L(N, D) = E + A/N^alpha + B/D^beta
  (Hoffmann et al. 2022) and its refits (Besiroglu et al. 2024, Muennighoff et al. 2023).
- :mod:`~scalinglaws.laws.data_constrained`: Muennighoff et al.'s repeated-data law.
- :mod:`~scalinglaws.laws.kaplan`: Kaplan et al. (2020), every law of its summary.
- :mod:`~scalinglaws.laws.published`: published numbers that are not a law's
  constants (Gopher's budget, Epoch's test statistics).
- :mod:`~scalinglaws.laws.llama3`: Llama 3's compute-optimal token law D*(C) = A C^alpha
  (Llama Team 2024, §3.2.1), in both printed forms.
- :mod:`~scalinglaws.laws.saturating` and :mod:`~scalinglaws.laws.henighan`:
  E + (x0/x)^alpha and Henighan et al. (2020) Table 1.
- :mod:`~scalinglaws.laws.zhai`: a (x + d)^(-b) + c, Zhai et al. (2022), saturating at both ends.
- :mod:`~scalinglaws.laws.hyperparameters`: the recipe's laws and findings: DeepSeek
  LLM's compute-optimal learning rate and batch size (Bi et al. 2024, eq. 1),
  and what Hoffmann, Porian and Hägele et al. found about optimiser and schedule.

The irreducible loss is called ``E`` in every law, as in Hoffmann et al.'s eq. (2).

Examples
--------
>>> from scalinglaws import laws
>>> round(laws.BESIROGLU_2024.E, 3), round(laws.HOFFMANN_2022.E, 2)
(1.817, 1.69)
"""

from scalinglaws.laws.chinchilla import (
    BESIROGLU_2024,
    CHINCHILLA_FORM_LAWS,
    HOFFMANN_2022,
    HOFFMANN_2022_UNROUNDED,
    MUENNIGHOFF_2023_C4,
    ChinchillaLaw,
)
from scalinglaws.laws.data_constrained import (
    MUENNIGHOFF_2023_DATA_CONSTRAINED,
    DataConstrainedLaw,
    effective_repeats,
)
from scalinglaws.laws.henighan import HENIGHAN_2020, HenighanDomain
from scalinglaws.laws.hyperparameters import (
    DEEPSEEK_2024_BATCH,
    DEEPSEEK_2024_LR,
    HAGELE_2024_COOLDOWN_FRACTION,
    RECIPE_FINDINGS,
    HyperparameterLaw,
    RecipeFinding,
)
from scalinglaws.laws.kaplan import KAPLAN_2020, KaplanLaws
from scalinglaws.laws.llama3 import (
    LLAMA3_2024,
    LLAMA3_2024_FIG3,
    LLAMA3_STATED_PLAN,
    TokenLaw,
)
from scalinglaws.laws.published import (
    BESIROGLU_2024_REPORTED,
    GOPHER_FLOPS,
    GOPHER_FLOPS_APPENDIX_F,
    HOFFMANN_2022_MODELS_TRAINED,
    EpochReport,
)
from scalinglaws.laws.saturating import SaturatingPowerLaw
from scalinglaws.laws.zhai import ZHAI_2022, ZhaiExperiment, ZhaiLaw

__all__ = [
    "BESIROGLU_2024",
    "DEEPSEEK_2024_BATCH",
    "DEEPSEEK_2024_LR",
    "HAGELE_2024_COOLDOWN_FRACTION",
    "RECIPE_FINDINGS",
    "HyperparameterLaw",
    "RecipeFinding",
    "BESIROGLU_2024_REPORTED",
    "CHINCHILLA_FORM_LAWS",
    "ChinchillaLaw",
    "DataConstrainedLaw",
    "EpochReport",
    "GOPHER_FLOPS",
    "GOPHER_FLOPS_APPENDIX_F",
    "HENIGHAN_2020",
    "HOFFMANN_2022",
    "HOFFMANN_2022_MODELS_TRAINED",
    "HOFFMANN_2022_UNROUNDED",
    "HenighanDomain",
    "KAPLAN_2020",
    "KaplanLaws",
    "LLAMA3_2024",
    "LLAMA3_2024_FIG3",
    "LLAMA3_STATED_PLAN",
    "MUENNIGHOFF_2023_C4",
    "MUENNIGHOFF_2023_DATA_CONSTRAINED",
    "SaturatingPowerLaw",
    "TokenLaw",
    "ZHAI_2022",
    "ZhaiExperiment",
    "ZhaiLaw",
    "effective_repeats",
]
