"""The expected answers of the chapters' exercises, computed from the library.

Each function returns the value one exercise asks for, computed with the library's
laws, planners and tables, or, for an exercise on the book's own runs, from the
committed sweep results at check time. Nothing here is a typed-in result, so an
expected answer cannot drift away from the code the chapter teaches. A function is
named after the label of the exercise it answers (``ex_01_1`` answers ``ex-01-1``);
the input numbers (budgets, sizes) are the ones the exercise states, with its source.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import brentq

from scalinglaws import (
    compute,
    datasets,
    emergence,
    fitting,
    laws,
    planning,
    recipe_study,
    train,
    units,
)
from scalinglaws.fitting import floor
from scalinglaws.fitting import learning_curve_extrapolation as lce
from scalinglaws.synthetic.known_power_law import KnownPowerLaw
from scalinglaws.train import digits


def _zoo_row(model: str):
    return datasets.load("model_zoo").set_index("model").loc[model]


# ---------------------------------------------------------------- chapter 1


def ex_01_1() -> float:
    """Doublings of N that halve Kaplan's L(N): 1/alpha_N (Kaplan et al. 2020, eq. 1.1)."""
    return 1.0 / laws.KAPLAN_2020.alpha_N


def ex_01_2() -> float:
    """N_opt at Gopher's 5.76e23 FLOPs under the unrounded Chinchilla fit (Hoffmann et al. 2022, eq. 4)."""
    return float(laws.HOFFMANN_2022_UNROUNDED.compute_optimal(5.76e23)[0])


def ex_01_3() -> np.ndarray:
    """Llama 3 8B: tokens per parameter; Epoch's compute-optimal N at its compute 6ND;
    how much lower that model's loss is (Besiroglu et al. 2024; Hoffmann et al. eq. 4)."""
    llama = _zoo_row("Llama 3 8B")
    law = laws.BESIROGLU_2024
    C = compute.training_flops(llama["params"], llama["tokens"])
    gap = law.loss(llama["params"], llama["tokens"]) - law.loss_at_optimum(C)
    N_opt = law.compute_optimal(C)[0]
    return np.array([llama["tokens"] / llama["params"], N_opt, gap], dtype=float)


def ex_01_4() -> float:
    """alpha_C_min = 1/(1/alpha_S + 1/alpha_B + 1/alpha_N) (Kaplan et al. 2020, eq. 1.8)."""
    k = laws.KAPLAN_2020
    return 1.0 / (1.0 / k.alpha_S + 1.0 / k.alpha_B + 1.0 / k.alpha_N)


# ---------------------------------------------------------------- chapter 2


def ex_02_1() -> float:
    """N where the local slope is -alpha/2 for Henighan's math law: x0 E^(-1/alpha)."""
    law = laws.HENIGHAN_2020["Math (Extrapolate)"].loss_n
    return float(law.scale_for_reducible(law.E))


def ex_02_3() -> float:
    """Exponent of the log-space least-squares fit to chapter 2's clean data (Figure 2.3).

    The data set is the chapter's: ``KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.05)``
    sampled at twelve sizes from 1e5 to 1e9 with seed 2.
    """
    truth = KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.05)
    x = np.geomspace(1e5, 1e9, 12)
    return float(fitting.fit_power_law(x, truth.sample(x, seed=2)).alpha)


# ---------------------------------------------------------------- chapter 3


def ex_03_1() -> float:
    """L(N) of the (6, 4288) model over that of the (48, 1600) model (Kaplan et al. 2020, eqs. 1.1, 2.1)."""
    k = laws.KAPLAN_2020
    wide = compute.non_embedding_params(6, 4288)
    deep = compute.non_embedding_params(48, 1600)
    return float(k.loss_n(wide) / k.loss_n(deep))


def ex_03_2() -> float:
    """Tokens GPT-3 175B needs to avoid over-fitting (Kaplan et al. 2020, eq. 4.4)."""
    return float(laws.KAPLAN_2020.data_requirement(_zoo_row("GPT-3 175B")["params"]))


def ex_03_3() -> float:
    """Tokens that keep a 1e9-parameter model's over-fitting penalty at 1% (Kaplan et al. 2020, eq. 4.3).

    Found by root-finding on the library's eq. 4.3 (``KaplanLaws.overfitting``,
    Table 2's constants), not with the closed form the exercise derives.
    """
    k = laws.KAPLAN_2020
    return float(
        np.exp(
            brentq(
                lambda log_d: k.overfitting(1e9, np.exp(log_d)) - 0.01,
                np.log(1e6),
                np.log(1e15),
                xtol=1e-12,
            )
        )
    )


def ex_03_5() -> float:
    """C* in PF-days where L(C_min) meets L(D_opt(C)) (Kaplan et al. 2020, eq. 6.8)."""
    k = laws.KAPLAN_2020

    def gap(log_c):
        c = np.exp(log_c)
        return np.log(k.loss_c(c)) - np.log(k.loss_d(k.optimal_d(c)))

    return float(np.exp(brentq(gap, np.log(1e-3), np.log(1e8))))


# ---------------------------------------------------------------- chapter 4


def ex_04_3() -> float:
    """Share of Epoch's compute-optimal reducible loss at Chinchilla's compute due to A/N^alpha."""
    epoch = laws.BESIROGLU_2024
    chinchilla = _zoo_row("Chinchilla")
    C = float(compute.training_flops(chinchilla["params"], chinchilla["tokens"]))
    N_opt, D_opt = epoch.compute_optimal(C)
    parameter_term = epoch.A / N_opt**epoch.alpha
    return float(parameter_term / (parameter_term + epoch.B / D_opt**epoch.beta))


def ex_04_4() -> float:
    """0.95 bits per byte at 4.1 bytes per token, in nats per token."""
    return float(units.bits_to_nats(units.per_character_to_per_token(0.95, 4.1)))


def ex_04_5() -> float:
    """Multiple of Chinchilla's compute that brings Epoch's optimal loss within 0.01 nats of E."""
    epoch = laws.BESIROGLU_2024
    chinchilla = _zoo_row("Chinchilla")
    C = float(compute.training_flops(chinchilla["params"], chinchilla["tokens"]))
    gap_now = float(epoch.loss_at_optimum(C)) - epoch.E
    return (gap_now / 0.01) ** (1.0 / floor.frontier_reducible_exponent(epoch))


# ---------------------------------------------------------------- chapter 5


def ex_05_1() -> float:
    """N_opt at Llama 3.1 405B's 3.8e25 FLOPs under Hoffmann's unrounded constants (eq. 4)."""
    C = float(_zoo_row("Llama 3.1 405B")["compute_flops"])
    return float(laws.HOFFMANN_2022_UNROUNDED.compute_optimal(C)[0])


def ex_05_2() -> np.ndarray:
    """log10 of the budget (FLOPs) at which each law gives exactly 20 tokens per parameter.

    Root-found on ``tokens_per_parameter`` for Hoffmann et al.'s rounded and unrounded
    constants and Epoch's refit, in that order. The budget itself is ill-conditioned
    (C_20 = 6 (20 G^2)^(1/(b-a)) with 1/(b-a) of about -40), so the check judges its
    logarithm at these stated constants.
    """
    out = []
    for law in (laws.HOFFMANN_2022, laws.HOFFMANN_2022_UNROUNDED, laws.BESIROGLU_2024):
        log_c = brentq(
            lambda u, law=law: np.log(law.tokens_per_parameter(np.exp(u)) / 20.0),
            np.log(1e5),
            np.log(1e40),
        )
        out.append(log_c / np.log(10))
    return np.array(out)


# ---------------------------------------------------------------- chapter 6


def ex_06_1() -> float:
    """Chinchilla 70B's non-embedding parameters, 12 n_layer d_model^2 (Kaplan et al. eq. 2.1)."""
    shape = datasets.load("chinchilla_table4").set_index("model").loc["Chinchilla 70B"]
    return float(
        compute.non_embedding_params(int(shape["layers"]), int(shape["d_model"]))
    )


def ex_06_3() -> float:
    """Epoch's compute-optimal N at 3e21 FLOPs (Hoffmann et al. 2022, eq. 4)."""
    return float(laws.BESIROGLU_2024.compute_optimal(3e21)[0])


# ---------------------------------------------------------------- chapter 7


def ex_07_1() -> float:
    """How many times larger a model must be for 20-token than 1-token exact match of 1/2."""
    family = emergence.MirageModel(laws.SaturatingPowerLaw(x0=1.5e7, alpha=0.4))
    return float(
        family.scale_at_exact_match(0.5, 20) / family.scale_at_exact_match(0.5, 1)
    )


# ---------------------------------------------------------------- chapter 8


def ex_08_2() -> np.ndarray:
    """Llama 2 7B under Epoch's law (Sardana et al. 2024): the served tokens that make its
    2T-token allocation inference-optimal, and the extra training compute it costs over
    the compute-optimal model of the same loss, as a fraction."""
    llama = _zoo_row("Llama 2 7B")
    law, N, D = laws.BESIROGLU_2024, llama["params"], llama["tokens"]
    demand = planning.implied_inference_tokens(law, N, D)
    optimal = planning.inference_aware_optimum(law, law.loss(N, D), 0.0)
    extra = compute.training_flops(N, D) / optimal.training_flops - 1.0
    return np.array([demand, extra], dtype=float)


def ex_08_3() -> float:
    """Smallest k = N / N_opt reaching the optimal loss with at most 10% extra compute, Epoch's law."""
    law = laws.BESIROGLU_2024
    k_c = planning.critical_size_ratio(law)
    return float(
        brentq(lambda k: planning.compute_overhead(law, k) - 0.10, k_c * 1.0001, 1.0)
    )


def ex_08_4() -> float:
    """Epochs the data-constrained planner repeats 200B unique tokens at 1e23 FLOPs (Muennighoff et al. 2023)."""
    return float(planning.plan(1e23, law="muennighoff", unique_tokens=200e9).epochs)


# ---------------------------------------------------------------- chapter 9


def ex_09_1() -> float:
    """The budget at which DeepSeek LLM's B_opt(C) equals 1,024 tokens (Bi et al. 2024, eq. 1)."""
    law = laws.DEEPSEEK_2024_BATCH
    return float((1024 / law.coefficient) ** (1 / law.exponent))


def ex_09_2() -> float:
    """Tokens of a WSD design (20% cool-downs) over matched cosines, one size at 5 doubling budgets."""
    k, cooldown = 5, laws.HAGELE_2024_COOLDOWN_FRACTION
    return ((1 - cooldown) * 2 ** (k - 1) + cooldown * (2**k - 1)) / (2**k - 1)


def ex_09_3() -> float:
    """Largest excess (%) of the default recipe (0.01, 1,024 tokens) over each budget's best run."""
    grid = recipe_study.load_lr_batch()
    best = grid.groupby("budget")["loss"].min()
    default = grid[(grid["lr"] == 0.01) & (grid["batch_tokens"] == 1024)]
    return float((100 * (default.set_index("budget")["loss"] / best - 1)).max())


# ---------------------------------------------------------------- chapter 11

#: The learning curve of ex-11-1 (Alabdulmohsin et al. 2022's benchmark).
EX_11_1_CURVE = "IC | inet_10 | BiT/101/3"


def ex_11_1() -> float:
    """The observed ImageNet 10-shot error of BiT/101/3 at its last held-out point (the benchmark's file)."""
    curve = datasets.load("revisiting_vision").query(
        "curve == @EX_11_1_CURVE and not fit"
    )
    return float(curve.loc[curve["examples"].idxmax(), "loss"])


def _digits_runs(scaled: str):
    runs = train.load_runs("digits_scaling")
    runs = runs[runs["scaled"] == scaled].copy()
    runs["error"] = digits.error_rates(runs)
    return runs


def ex_11_2() -> float:
    """Factor of training images that halves the digits error under M1 fitted to the seed means, 2^(-1/c)."""
    runs = _digits_runs("data")
    runs["images"] = [c["dataset_size"] for c in runs["config"]]
    means = runs.groupby("images")["error"].mean()
    fit = lce.fit_curve("M1", means.index.to_numpy(float), means.to_numpy())
    return float(2.0 ** (-1.0 / fit.params["c"]))


def ex_11_3() -> float:
    """Mean number of misclassified held-out digits of the width-256 runs (497 test images)."""
    runs = _digits_runs("size")
    widest = runs[runs["config"].map(lambda c: c["model"]["width"]) == 256]
    return float(widest["error"].mean() * 497)


# ---------------------------------------------------------------- chapter 12

#: Chapter 12's pre-registered choices: held-out Pythia models, first checkpoint of step 2,
#: and the book's parity run and subtask.
_PYTHIA_HELD_OUT = ("pythia-6.9b", "pythia-12b")
_FIRST_STEP = 1000
_PARITY_HELD_OUT_WIDTH, _PARITY_SUBTASK = 64, 10


def _pythia_split(task: str):
    table = datasets.pythia_task_table([task])
    final = table[table["step"] == table["step"].max()]
    small = final[~final["model"].isin(_PYTHIA_HELD_OUT)]
    large = final[final["model"].isin(_PYTHIA_HELD_OUT)].set_index("model")
    checkpoints = table[
        ~table["model"].isin(_PYTHIA_HELD_OUT) & (table["step"] >= _FIRST_STEP)
    ]
    return small, large, checkpoints


def ex_12_1() -> float:
    """Compute (FLOPs) at which the power law with a floor fitted to the six smaller Pythia models reaches 1.3 nats."""
    small, _, _ = _pythia_split("lambada_openai")
    law = fitting.fit_power_law(small["compute"], small["loss"], offset=True)
    return float(law.x0 * (1.3 - law.E) ** (-1.0 / law.alpha))


def ex_12_2() -> float:
    """Step 2 of the parity forecast (pooled subtasks of the runs narrower than 64) at the width-128 run's subtask-10 loss."""
    runs = (
        train.load_runs("parity_width").sort_values("n_params").reset_index(drop=True)
    )
    widths = runs["config"].map(lambda c: c["model"]["width"]).to_numpy()
    loss = np.array(runs["per_task_loss"].tolist())
    acc = np.array(runs["per_task_accuracy"].tolist())
    fitted = widths < _PARITY_HELD_OUT_WIDTH
    c = runs["flops_6nd"].to_numpy()
    forecast = emergence.fit_two_step(
        c[fitted],
        loss[fitted, _PARITY_SUBTASK] + 1e-9,
        loss[fitted].ravel(),
        acc[fitted].ravel(),
        floor=0.5,
    )
    return float(forecast.accuracy_at_loss(loss[widths == 128, _PARITY_SUBTASK][0]))


def ex_12_3() -> float:
    """ARC-Easy accuracy that step 2 (fitted on the smaller Pythia models) gives at Pythia-12B's LAMBADA loss."""
    small, large, checkpoints = _pythia_split("arc_easy")
    forecast = emergence.fit_two_step(
        small["compute"],
        small["loss"],
        checkpoints["loss"],
        checkpoints["arc_easy"],
        floor=0.25,
    )
    return float(forecast.accuracy_at_loss(large.loc["pythia-12b", "loss"]))


def ex_12_4() -> np.ndarray:
    """Decades of reach: Llama 3's flagship over its largest scaling run; Pythia-12B over Pythia-2.8B."""
    facts = datasets.load("downstream_forecasts").set_index(["paper", "quantity"])[
        "value"
    ]
    llama = np.log10(
        facts["Llama 3", "flagship_flops"] / facts["Llama 3", "scaling_study_max_flops"]
    )
    table = datasets.pythia_task_table(["lambada_openai"])
    final = table[table["step"] == table["step"].max()].set_index("model")["compute"]
    return np.array([llama, np.log10(final["pythia-12b"] / final["pythia-2.8b"])])


# ---------------------------------------------------------------- chapter 10


@functools.lru_cache(maxsize=None)
def ex_10_5() -> float:
    """Held-out loss of chapter 10's default target run, trained now (a few seconds).

    The run is :func:`scalinglaws.book.capstone.default_target`; training is
    deterministic given its config, so this is the loss the chapter's own target run
    reached, recomputed rather than stored.
    """
    from scalinglaws.book import capstone

    return float(train.run(capstone.default_target())["final_loss"])
