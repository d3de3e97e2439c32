"""Published scaling laws: functional forms and the papers' parameter sets.

Every constant here is typed from a paper, with the table or equation it was
read from; ``tests/test_laws_published.py`` checks what these laws compute
against the papers' own tables (see ``shared/reference/published_numbers.md``).

- :mod:`~scalinglaws.laws.chinchilla`: L(N, D) = E + A/N^alpha + B/D^beta
  (Hoffmann et al. 2022) and its refits (Besiroglu et al. 2024, Muennighoff et al. 2023).
- :mod:`~scalinglaws.laws.data_constrained`: Muennighoff et al.'s repeated-data law.
- :mod:`~scalinglaws.laws.kaplan`: Kaplan et al. (2020), every law of its summary.
- :mod:`~scalinglaws.laws.saturating` and :mod:`~scalinglaws.laws.henighan`:
  E + (x0/x)^alpha and Henighan et al. (2020) Table 1.

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
from scalinglaws.laws.kaplan import KAPLAN_2020, KaplanLaws
from scalinglaws.laws.saturating import SaturatingPowerLaw

__all__ = [
    "BESIROGLU_2024",
    "CHINCHILLA_FORM_LAWS",
    "ChinchillaLaw",
    "DataConstrainedLaw",
    "HENIGHAN_2020",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "HenighanDomain",
    "KAPLAN_2020",
    "KaplanLaws",
    "MUENNIGHOFF_2023_C4",
    "MUENNIGHOFF_2023_DATA_CONSTRAINED",
    "SaturatingPowerLaw",
    "effective_repeats",
]
