"""The library's Kaplan constants are the ones of the Table 5 the library ships.

Chapter 3 shows ``datasets.load("kaplan_table5")`` and then computes with
``laws.KAPLAN_2020``; the two must agree (Kaplan et al. 2020, Table 5).
"""

import numpy as np

from scalinglaws import datasets, laws


def test_kaplan_2020_exponents_are_table_5s():
    K = laws.KAPLAN_2020
    table = datasets.load("kaplan_table5")
    assert np.allclose(
        table["exponent"],
        [K.alpha_N, K.alpha_D, K.alpha_C, K.alpha_C_min, K.alpha_B, K.alpha_S],
    )
