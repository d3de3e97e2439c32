"""What the library's laws compute, checked against the papers' own numbers.

Every expected value below is quoted from ``shared/reference/published_numbers.md``
(section given in each test). Tolerances follow the printed rounding: a value
printed as "40B" is checked to round to 40, one printed to four digits to
half a unit in the last digit. Where a paper contradicts itself, each printed
value is pinned with a comment saying which part of the paper prints it.
"""

import numpy as np
import pytest

from scalinglaws import compute, datasets, laws

GOPHER_BUDGET = 5.76e23  # Hoffmann et al. 2022, Fig. 2 caption
CHINCHILLA_6ND = 6 * 70e9 * 1.4e12  # 5.88e23, DERIVED (published_numbers.md 2.6)


# --- Hoffmann et al. 2022 ---------------------------------------------------


def test_unrounded_hoffmann_gives_figure_4s_40b_at_the_gopher_budget():
    # Fig. 4 caption: "We project the optimal model size given the Gopher FLOP
    # budget to be 40B parameters." Only the TeX-source constants give it.
    N_opt, D_opt = laws.HOFFMANN_2022_UNROUNDED.compute_optimal(GOPHER_BUDGET)
    assert round(N_opt / 1e9) == 40
    assert N_opt / 1e9 == pytest.approx(40.36, abs=0.005)  # section 10, DERIVED
    assert D_opt / 1e12 == pytest.approx(2.379, abs=0.0005)


def test_rounded_eq_10_gives_32b_not_40b():
    # Section 10 (DERIVED from eq. 10 as printed): 32.19B, 2.982T, D/N 92.65, L 1.9307.
    # Besiroglu et al. 2024: rounding the published constants biases predictions.
    law = laws.HOFFMANN_2022
    N_opt, D_opt = law.compute_optimal(GOPHER_BUDGET)
    assert N_opt / 1e9 == pytest.approx(32.19, abs=0.005)
    assert D_opt / 1e12 == pytest.approx(2.982, abs=0.0005)
    assert law.tokens_per_parameter(GOPHER_BUDGET) == pytest.approx(92.65, abs=0.005)
    assert law.loss(N_opt, D_opt) == pytest.approx(1.9307, abs=0.00005)


def test_frontier_exponents_match_table_2_approach_3():
    # Table 2: a = 0.46, b = 0.54 for Approach 3. The unrounded constants give
    # 0.4565 / 0.5435, which round to the printed values; the rounded eq. (10)
    # constants give 0.4516 / 0.5484 (section 2.4, DERIVED).
    assert round(laws.HOFFMANN_2022_UNROUNDED.a, 2) == 0.46
    assert round(laws.HOFFMANN_2022_UNROUNDED.b, 2) == 0.54
    assert laws.HOFFMANN_2022_UNROUNDED.a == pytest.approx(0.4565, abs=0.00005)
    assert laws.HOFFMANN_2022.a == pytest.approx(0.4516, abs=0.00005)
    assert laws.HOFFMANN_2022.b == pytest.approx(0.5484, abs=0.00005)
    # Table 2 prints the 10th-90th percentile interval (0.454, 0.455) for a,
    # which contains neither its own point estimate 0.46 nor 0.4565 (section 2.7).
    assert not 0.454 <= laws.HOFFMANN_2022_UNROUNDED.a <= 0.455


def test_eq_10_constants_are_as_printed():
    law = laws.HOFFMANN_2022
    assert (law.E, law.A, law.B, law.alpha, law.beta) == (
        1.69,
        406.4,
        410.7,
        0.34,
        0.28,
    )
    # TeX source: E = exp(0.5267228) = 1.6934
    assert laws.HOFFMANN_2022_UNROUNDED.E == pytest.approx(1.6934, abs=0.00005)


def test_table_a3_approach_3_columns_from_the_closed_form():
    """Table A3's Approach-3 columns against the closed-form frontier (eq. 4).

    For each model size N, invert eq. (4) for the budget C whose optimum is N,
    then D = C / 6N. Findings, pinned here:

    * the unrounded constants reproduce the printed tokens within 20% for
      every row (ratios 1.06-1.19, growing with N: the table behaves like a
      ~= 0.459 rather than 0.4565, so it was not made from exactly these
      constants);
    * the rounded eq. (10) constants do not: they are 1.5-2.3x too high;
    * the 175B row's FLOPs are printed as 1.26e24 although 6 * 175e9 * 12.0e12 =
      1.26e25 (and 1.26e24 is smaller than the 67B row's 1.71e24): a typo in
      the paper, kept as printed in the typed table.
    """
    table = datasets.load("chinchilla_table_a3")
    N = table["params"].to_numpy(float)
    C_printed = table["approach3_flops"].to_numpy(float)
    D_printed = table["approach3_tokens"].to_numpy(float)

    def budget_for_size(law, N):
        return 6 * (N / law.G) ** (1 / law.a)

    unrounded = laws.HOFFMANN_2022_UNROUNDED
    D_unrounded = budget_for_size(unrounded, N) / (6 * N)
    assert np.all(np.abs(D_unrounded / D_printed - 1) < 0.20)

    rounded = laws.HOFFMANN_2022
    D_rounded = budget_for_size(rounded, N) / (6 * N)
    assert np.all((D_rounded / D_printed > 1.5) & (D_rounded / D_printed < 2.3))

    # Every row's FLOPs are 6 N D to the printed precision, except 175B.
    ratio = C_printed / (6 * N * D_printed)
    is_175b = N == 175e9
    assert np.all(np.abs(ratio[~is_175b] - 1) < 0.06)
    assert ratio[is_175b][0] == pytest.approx(
        0.1, rel=0.02
    )  # the printed typo: 10x too small


# --- Besiroglu et al. 2024 and Muennighoff et al. 2023 ----------------------


def test_epoch_refit_frontier():
    # Section 10 (DERIVED from Besiroglu Table 1): 72.25B, 1.329T, D/N 18.39 at 5.76e23;
    # section 3.3: D/N 18.4 and N_opt 73.0B at Chinchilla's 6ND = 5.88e23.
    law = laws.BESIROGLU_2024
    N_opt, D_opt = law.compute_optimal(GOPHER_BUDGET)
    assert N_opt / 1e9 == pytest.approx(72.25, abs=0.005)
    assert D_opt / 1e12 == pytest.approx(1.329, abs=0.0005)
    assert law.tokens_per_parameter(GOPHER_BUDGET) == pytest.approx(18.39, abs=0.005)
    N_c, _ = law.compute_optimal(CHINCHILLA_6ND)
    assert round(N_c / 1e9, 1) == 73.0
    assert round(law.tokens_per_parameter(CHINCHILLA_6ND), 1) == 18.4
    assert (
        round(laws.HOFFMANN_2022_UNROUNDED.tokens_per_parameter(CHINCHILLA_6ND), 1)
        == 59.0
    )
    assert round(laws.HOFFMANN_2022.tokens_per_parameter(CHINCHILLA_6ND), 1) == 92.8
    # Besiroglu et al.: a = beta / (alpha + beta) = 0.513
    assert round(law.a, 3) == 0.513


def test_muennighoff_c4_frontier_at_the_gopher_budget():
    # Muennighoff et al. 2023, appendix: "N_opt = 70.0 billion, D_opt = 1.37 trillion".
    law = laws.MUENNIGHOFF_2023_C4
    N_opt, D_opt = law.compute_optimal(GOPHER_BUDGET)
    assert round(N_opt / 1e9, 1) == 70.0
    assert round(D_opt / 1e12, 2) == 1.37
    # 1.87 + 521/N^0.353 + 1488/D^0.353
    assert (round(law.E, 2), round(law.A), round(law.B), round(law.alpha, 3)) == (
        1.87,
        521,
        1488,
        0.353,
    )


def test_muennighoff_data_constrained_readme_examples():
    # The authors' README: scaling_law(6.34e9, 242e9, 25e9) = 2.2256440889984477
    # and scaling_law(8.67e9, 178e9, 25e9) = 2.2269634075087867 (section 7.3).
    law = laws.MUENNIGHOFF_2023_DATA_CONSTRAINED
    assert law.loss(6.34e9, 242e9, 25e9) == pytest.approx(2.2256440889984477, abs=1e-12)
    assert law.loss(8.67e9, 178e9, 25e9) == pytest.approx(2.2269634075087867, abs=1e-12)
    # eq:finvals: U_N = 0.051 U_D, R_N* = 5.3, R_D* = 15.4
    assert law.optimal_params_for_tokens(1e9) / 1e9 == pytest.approx(0.051, abs=0.0005)
    assert (round(law.R_N_star, 1), round(law.R_D_star, 1)) == (5.3, 15.4)


def test_data_constrained_law_reduces_to_the_base_law_without_repetition():
    law = laws.MUENNIGHOFF_2023_DATA_CONSTRAINED
    N, D = 1e9, 1e11  # N below the optimum for D unique tokens, so no excess parameters
    assert law.loss(N, D, D) == pytest.approx(law.base.loss(N, D), rel=1e-12)
    # "up to 4 epochs ... negligible changes to loss" (abstract): four epochs of
    # D/4 unique tokens lose less than 0.5% of the reducible loss's worth.
    four_epochs = law.loss(N, D, D / 4)
    assert four_epochs > law.base.loss(N, D)
    assert four_epochs - law.base.loss(N, D) < 0.005


# --- Kaplan et al. 2020 -----------------------------------------------------


def test_kaplan_doubling_n_multiplies_loss_by_095():
    # Section 1.2: "doubling the number of parameters yields a loss that is
    # smaller by a factor 2^-alpha_N = 0.95".
    K = laws.KAPLAN_2020
    assert round(2**-K.alpha_N, 2) == 0.95
    assert K.loss_n(2e9) / K.loss_n(1e9) == pytest.approx(2**-0.076, rel=1e-12)


def test_kaplan_alpha_c_min_is_printed_three_ways():
    K = laws.KAPLAN_2020
    # Eq. (1.8) with alpha_S = 0.76, alpha_B = 0.21, alpha_N = 0.076 gives 0.05199,
    # which is eq. (B.7)'s "~0.052".
    assert K.alpha_C_min_predicted == pytest.approx(0.05199, abs=0.000005)
    assert round(K.alpha_C_min_predicted, 3) == 0.052
    # Table 5 and eq. (1.3) print the direct fit, 0.050.
    assert K.alpha_C_min == 0.050
    # Eq. (6.4) prints "~0.054", which neither of the above rounds to.
    assert round(K.alpha_C_min_predicted, 3) != 0.054


def test_kaplan_n_exponent_formula_does_not_give_073():
    K = laws.KAPLAN_2020
    # Table 6 and eq. (6.1): the empirical fit N_opt ~ C_min^0.73.
    assert K.opt_p_N == 0.73
    # Eq. (1.7) with the fitted alpha_C_min = 0.050 gives 0.658 (section 1.8, DERIVED) ...
    assert K.compute_efficient_exponents()["N"] == pytest.approx(0.658, abs=0.0005)
    # ... and with eq. (1.8)'s 0.052 it gives 0.684; the paper's own prediction is "~0.71" (eq. 6.5).
    assert K.compute_efficient_exponents(K.alpha_C_min_predicted)["N"] == pytest.approx(
        0.684, abs=0.0005
    )
    # Eq. (1.7)'s batch exponent with 0.050 is 0.238, printed as B ~ C^0.24 (Table 6).
    assert round(K.compute_efficient_exponents()["B"], 2) == K.opt_p_B == 0.24


def test_kaplan_b_star_is_printed_two_ways():
    K = laws.KAPLAN_2020
    assert K.B_star == 2.1e8  # Table 5
    assert K.B_star_text == 2e8  # eqs. (1.4) and (5.3)
    # Fig. 10: B_crit "approximately doubles for every 13% decrease in loss":
    # 0.87^(-1/0.21) = 1.94.
    assert K.critical_batch(0.87) / K.critical_batch(1.0) == pytest.approx(
        1.94, abs=0.005
    )


def test_kaplan_074_comes_from_the_joint_fit_not_the_headline_exponents():
    K = laws.KAPLAN_2020
    # Eq. (4.4) uses D ~ N^0.74 = N^(alpha_N/alpha_D); 0.076/0.103 (Table 2) = 0.738,
    # but the headline exponents give 0.076/0.095 = 0.80 (section 1.8, DERIVED).
    assert round(K.nd_alpha_N / K.nd_alpha_D, 2) == K.data_req_exponent == 0.74
    assert round(K.alpha_N / K.alpha_D, 2) == 0.80
    # Section 1.1: "every time we increase the model size 8x, we only need to
    # increase the data by roughly 5x": 8^0.74 = 4.66.
    assert round(K.data_requirement(8e9) / K.data_requirement(1e9)) == 5


def test_kaplan_ten_times_compute():
    # Hoffmann et al. intro: under Kaplan, 10x compute means 5.5x N and 1.8x D;
    # Kaplan Fig. 14: "increasing by 5x for each 10x increase in compute ... data ... only 2x".
    K = laws.KAPLAN_2020
    n_gain = K.optimal_n(10.0) / K.optimal_n(1.0)
    d_gain = K.optimal_d(10.0) / K.optimal_d(1.0)
    assert n_gain == pytest.approx(10**0.73)
    assert 5.0 < n_gain < 5.5  # 5.37
    assert round(d_gain, 1) == 1.9  # 10^0.27 = 1.86, "1.8x" in Hoffmann, "2x" in Kaplan
    # Under Chinchilla's a = b = 0.5 both grow by sqrt(10) = 3.16.
    assert laws.MUENNIGHOFF_2023_C4.compute_optimal(10.0)[
        0
    ] / laws.MUENNIGHOFF_2023_C4.compute_optimal(1.0)[0] == pytest.approx(10**0.5)


def test_kaplan_table_6_data_prefactor_and_eq_6_7():
    # Table 6 prints D_e = 2e10 tokens with p_D = 0.27; D = 2 C_min / (6 N_opt)
    # with Table 6's N_opt reproduces it within 11% ...
    K = laws.KAPLAN_2020
    C = np.logspace(-3, 4, 8)
    D_from_n = 2 * C * compute.PF_DAY / (6 * K.optimal_n(C))
    assert np.all(np.abs(D_from_n / K.optimal_d(C) - 1) < 0.11)
    # ... while eq. (6.7) prints (4e10 tokens) C_min^0.26: twice Table 6's prefactor
    # (it assumes training at B_crit, C = 2 C_min; section 1.8 item 5).
    assert 4e10 / K.opt_D_e == 2


def test_kaplan_joint_law_limits():
    K = laws.KAPLAN_2020
    # As D -> infinity eq. (1.5) becomes (N_c/N)^alpha_N with Table 2's constants.
    assert K.loss_nd(1e9, 1e30) == pytest.approx((6.4e13 / 1e9) ** 0.076, rel=1e-6)
    # Over-fitting (eq. 4.3) equals L(N, D)/L(N, inf) - 1 (eq. 4.2) exactly for this form.
    N, D = 1e9, 1e10
    assert K.overfitting(N, D) == pytest.approx(
        K.loss_nd(N, D) / K.loss_nd(N, 1e40) - 1, rel=1e-9
    )
    # L(N, S) with Table 3's constants.
    assert K.loss_ns(1e9, 1e5) == pytest.approx(
        (6.5e13 / 1e9) ** 0.077 + (2.1e3 / 1e5) ** 0.76
    )


def test_kaplan_setup_ranges():
    # Section 2: models from 768 to 1.5 billion non-embedding parameters, data
    # from 22 million to 23 billion tokens, 2.5e5 steps of 512 x 1024 = 2^19 tokens.
    K = laws.KAPLAN_2020
    assert K.n_range == (768, 1.5e9)
    assert K.d_range == (22e6, 23e9)
    assert K.default_steps == 2.5e5 and K.default_batch_tokens == 512 * 1024


def test_kaplan_pf_day_and_c_c_min():
    # Section 1.3: one PF-day = 8.64e19 FLOPs; C_c_min = 3.1e8 PF-days = 2.68e28 FLOPs (section 10).
    assert compute.PF_DAY == 8.64e19
    assert compute.pf_days_to_flops(laws.KAPLAN_2020.C_c_min) == pytest.approx(
        2.68e28, rel=0.002
    )


# --- Henighan et al. 2020 -----------------------------------------------------


def test_henighan_language_l_of_c_is_gpt3s_fit():
    # (C/3.47e8)^-0.048 = 2.57 C^-0.048, GPT-3's Fig. 3.1 fit (section 4, DERIVED).
    lang = laws.HENIGHAN_2020["Language"]
    assert round(lang.loss_c.loss(1.0), 2) == 2.57
    C = np.logspace(-3, 3, 7)
    assert np.allclose(lang.loss_c.loss(C), (1 / 3.47e8) ** -0.048 * C**-0.048)
    # N_opt = (C/3.3e-13)^0.73 gives Kaplan's N_e = 1.3e9 at one PF-day.
    assert round(lang.n_opt(1.0) / 1e9, 1) == laws.KAPLAN_2020.opt_N_e / 1e9 == 1.3


def test_henighan_floors_are_as_printed():
    table = laws.HENIGHAN_2020
    assert table["Image 8x8"].loss_n.E == 3.12 and table["Image 8x8"].loss_c.E == 3.13
    assert table["Video VQ 16x16x16"].loss_c.E == 0.95
    assert table["Math (Extrapolate)"].loss_n.alpha == 0.16
    # The loss approaches its floor from above and never crosses it.
    law = table["Image 32x32"].loss_c
    assert np.all(law.loss(np.logspace(-6, 6, 13)) > law.E)


def test_henighan_table_matches_the_typed_csv():
    # The same numbers are typed twice: as laws here and as a table in data/.
    table = datasets.load("henighan_table1")
    laws_by_domain = laws.HENIGHAN_2020
    assert set(table["domain"]) == set(laws_by_domain)


# --- compute accounting ---------------------------------------------------


def test_kaplan_eq_2_1_on_chinchilla_table_4_architectures():
    # Table 4 (Hoffmann): Chinchilla 80 layers, d_model 8192; Gopher 80 layers, d_model 16384,
    # feed-forward 4 d_model. Eq. (2.1) 12 n_layer d_model^2 gives 64.4B and 257.7B:
    # within 10% of the nominal 70B and 280B (the rest is embeddings and the
    # attention's key/value width differing from d_model).
    chinchilla = compute.non_embedding_params(80, 8192)
    gopher = compute.non_embedding_params(80, 16384)
    assert chinchilla == 12 * 80 * 8192**2
    assert 0.9 < chinchilla / 70e9 < 1.0
    assert 0.9 < gopher / 280e9 < 1.0


def test_gopher_and_chinchilla_6nd_against_the_printed_budget():
    # Section 2.6 (DERIVED): 6ND gives 5.04e23 for Gopher and 5.88e23 for
    # Chinchilla, against the printed common budget 5.76e23 (and 6.3e23 "more accurate", App. F).
    assert compute.training_flops(280e9, 300e9) == pytest.approx(5.04e23)
    assert compute.training_flops(70e9, 1.4e12) == pytest.approx(5.88e23)


# --- Llama 3 (Llama Team 2024, "The Llama 3 Herd of Models", §3.2.1 and Fig. 3) ---------


def test_llama3_printed_constants():
    assert (laws.LLAMA3_2024.alpha, laws.LLAMA3_2024.A) == (0.53, 0.29)  # §3.2.1 text
    assert (laws.LLAMA3_2024_FIG3.alpha, laws.LLAMA3_2024_FIG3.A) == (
        0.537,
        0.299,
    )  # Fig. 3
    plan = laws.LLAMA3_STATED_PLAN
    assert (plan["C"], plan["N"], plan["D"], plan["N_trained"]) == (
        3.8e25,
        402e9,
        16.55e12,
        405e9,
    )


def test_llama3_text_constants_do_not_give_the_stated_plan():
    C = laws.LLAMA3_STATED_PLAN["C"]
    # The text's rounded constants: about 10.5T tokens and 605B parameters by C = 6ND.
    assert laws.LLAMA3_2024.tokens(C) == pytest.approx(10.5e12, rel=0.01)
    assert laws.LLAMA3_2024.params(C) == pytest.approx(605e9, rel=0.01)
    # Fig. 3's constants come within 2% of the stated 16.55T.
    assert laws.LLAMA3_2024_FIG3.tokens(C) == pytest.approx(16.55e12, rel=0.02)
    # With A = 0.29 the exponent that reproduces 16.55T is about 0.538, not 0.53.
    assert laws.LLAMA3_2024.alpha_for(C, 16.55e12) == pytest.approx(0.538, abs=5e-4)


def test_llama3_stated_plan_is_not_exactly_6nd():
    plan = laws.LLAMA3_STATED_PLAN
    assert compute.training_flops(plan["N"], plan["D"]) == pytest.approx(
        4.0e25, rel=0.01
    )
    assert plan["C"] / (6 * plan["D"]) == pytest.approx(383e9, rel=0.01)
    # The token law implies an allocation exponent for parameters of 1 - alpha.
    assert laws.LLAMA3_2024.a == pytest.approx(0.47)
    assert laws.LLAMA3_2024.tokens_per_parameter(plan["C"]) == pytest.approx(
        laws.LLAMA3_2024.tokens(plan["C"]) / laws.LLAMA3_2024.params(plan["C"]),
        rel=1e-12,
    )


def test_token_law_rejects_bad_budgets():
    with pytest.raises(ValueError, match="C must be positive"):
        laws.LLAMA3_2024.tokens(-1.0)


def test_kaplan_figure_legends_differ_from_the_tables():
    K = laws.KAPLAN_2020
    # Figs. 1 and 13 print C_min's scale as 2.3e8 PF-days; eq. 1.3 and Table 5 as 3.1e8.
    assert (K.C_c_min_figure, K.C_c_min) == (2.3e8, 3.1e8)
    # Fig. 13 prints the fixed-batch scale as 2.0e7; Table 5 as 1.6e7.
    assert (K.C_c_figure, K.C_c) == (2.0e7, 1.6e7)
    # With the legend's constant the loss at 1 PF-day is about 1.5% lower.
    ratio = (K.C_c_min_figure / K.C_c_min) ** K.alpha_C_min
    assert ratio == pytest.approx(0.985, abs=0.001)
    assert (K.alpha_C_min_eq_6_4, K.alpha_C_min_eq_B7, K.p_N_eq_6_5) == (
        0.054,
        0.052,
        0.71,
    )
    assert (
        round(K.alpha_C_min_eq_6_4 / K.alpha_N, 2) == K.p_N_eq_6_5
    )  # eq. 6.5 from eq. 6.4


def test_kaplan_setup_constants():
    K = laws.KAPLAN_2020
    assert (K.n_vocab, K.n_ctx, K.chars_per_token) == (50257, 1024, 4.3)
    assert K.default_steps * K.default_batch_tokens == pytest.approx(1.31e11, rel=0.01)


def test_kaplan_intersection_point_of_section_6_3():
    K = laws.KAPLAN_2020
    assert (
        K.intersection_C_pf_days,
        K.intersection_N,
        K.intersection_D,
        K.intersection_L,
    ) == (1e4, 1e12, 1e12, 1.7)
    # The printed laws reproduce it: L(C_min) meets L(D_opt(C_min)) near 1e4 PF-days.
    from scipy.optimize import brentq

    def gap(log_c):
        return np.log(K.loss_c(np.exp(log_c))) - np.log(
            K.loss_d(K.optimal_d(np.exp(log_c)))
        )  # noqa: E731

    C_star = np.exp(brentq(gap, np.log(1e-3), np.log(1e8)))
    assert round(np.log10(C_star)) == np.log10(K.intersection_C_pf_days)
    assert round(np.log10(K.optimal_n(C_star))) == np.log10(K.intersection_N)
    assert round(K.loss_c(C_star), 1) == K.intersection_L
    # Llama 3.1 405B's 3.8e25 FLOPs are about 4.4e5 PF-days, past C* by more than 40x.
    llama_pf_days = compute.flops_to_pf_days(laws.LLAMA3_STATED_PLAN["C"])
    assert llama_pf_days == pytest.approx(4.4e5, rel=0.01)
    assert llama_pf_days / K.intersection_C_pf_days > 40


def test_published_numbers_quoted_by_the_chapters():
    assert (laws.GOPHER_FLOPS, laws.GOPHER_FLOPS_APPENDIX_F) == (5.76e23, 6.3e23)
    assert laws.HOFFMANN_2022_MODELS_TRAINED == 400
    epoch = laws.BESIROGLU_2024_REPORTED
    assert (epoch.chi2, epoch.chi2_df, epoch.chi2_p) == (238.40, 5, 1.69e-49)
    assert (epoch.a, epoch.a_standard_error, epoch.runs_needed) == (
        0.513,
        0.020,
        632_740,
    )
    # Table 1 rounds the standard error of E to 0.03; the refit's a matches its own law.
    assert round(epoch.E_standard_error, 2) == 0.03
    assert round(laws.BESIROGLU_2024.a, 3) == epoch.a
    # The chi-squared tail probability is the one printed.
    from scipy.stats import chi2

    assert chi2.sf(epoch.chi2, epoch.chi2_df) == pytest.approx(epoch.chi2_p, rel=0.01)
    # "over 600,000 experiments": the delta-method count scales the 240 runs by the
    # squared ratio of interval widths; Epoch's 80% interval is 0.051 wide, Hoffmann's 0.001.
    assert 240 * (0.051 / 0.001) ** 2 == pytest.approx(epoch.runs_needed, rel=0.05)
    assert (compute.PEARCE_SONG_VOCAB, compute.H100_BF16_PEAK_FLOPS) == (32_000, 989e12)
