"""The exercise checks: each entry accepts a right answer, rejects a near miss and a
wrong type, and never prints the answer.

The right answers here are computed independently of ``scalinglaws.book.checks.answers``
where the exercise allows it: a closed form written out from the paper's constants, a
numerical minimisation instead of the closed form, or the inverse computation.
"""

import functools
import math
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq, minimize_scalar

from scalinglaws import datasets, laws, planning
from scalinglaws.book import capstone
from scalinglaws.book.checks import REGISTRY, answer_name, check
from scalinglaws.synthetic.known_power_law import KnownPowerLaw
from scalinglaws.train import load_runs, run_sweep


def _optimal_n_numerically(law, C):
    """N minimising L(N, C/6N), found numerically (not with eq. 4's closed form)."""
    result = minimize_scalar(
        lambda u: law.loss(np.exp(u), C / (6 * np.exp(u))),
        bounds=(np.log(1e6), np.log(1e14)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(np.exp(result.x))


def _zoo(model, column):
    return float(datasets.load("model_zoo").set_index("model").loc[model, column])


def _ex_04_3():
    """The parameter term's share at the numerically found optimum (not eq. 4)."""
    law = laws.BESIROGLU_2024
    C = 6 * _zoo("Chinchilla", "params") * _zoo("Chinchilla", "tokens")
    N = _optimal_n_numerically(law, C)
    parameter_term = law.A / N**law.alpha
    return parameter_term / (law.loss(N, C / (6 * N)) - law.E)


def _ex_03_3():
    # eq. 4.3 solved for D at delta L = 0.01, with Table 2's constants written out:
    # D = D_c (N/N_c)^(alpha_N/alpha_D) / ((1 + eps)^(1/alpha_D) - 1).
    return 1.8e13 * (1e9 / 6.4e13) ** (0.076 / 0.103) / (1.01 ** (1 / 0.103) - 1)


def _ex_03_5():
    k = laws.KAPLAN_2020
    # (C_c/C)^a_C = (D_c / (D_e C^p_D))^a_D, solved for log C.
    log_c = (
        k.alpha_D * (math.log(k.D_c) - math.log(k.opt_D_e))
        - k.alpha_C_min * math.log(k.C_c_min)
    ) / (k.alpha_D * k.opt_p_D - k.alpha_C_min)
    return math.exp(log_c)


def _ex_04_5():
    epoch = laws.BESIROGLU_2024
    C = 6 * _zoo("Chinchilla", "params") * _zoo("Chinchilla", "tokens")
    return (
        brentq(
            lambda c: epoch.loss_at_optimum(c) - epoch.E - 0.01, C, 1e12 * C, rtol=1e-12
        )
        / C
    )


def _ex_05_2():
    # The closed form C_20 = 6 (20 G^2)^(1 / (b - a)) for each law, in log10 FLOPs.
    return [
        np.log10(6 * (20 * law.G**2) ** (1 / (law.b - law.a)))
        for law in (
            laws.HOFFMANN_2022,
            laws.HOFFMANN_2022_UNROUNDED,
            laws.BESIROGLU_2024,
        )
    ]


def _ex_01_3():
    law, N, D = laws.BESIROGLU_2024, 8e9, 15e12  # Llama 3 8B (Dubey et al. 2024)
    N_opt = _optimal_n_numerically(law, 6 * N * D)
    return [D / N, N_opt, law.loss(N, D) - law.loss(N_opt, D * N / N_opt)]


def _ex_08_2():
    epoch = laws.BESIROGLU_2024
    N, D = _zoo("Llama 2 7B", "params"), _zoo("Llama 2 7B", "tokens")
    demand = planning.implied_inference_tokens(epoch, N, D)
    # The inverse problem: at that demand the inference-aware optimum is Llama 2 7B itself.
    optimum = planning.inference_aware_optimum(epoch, epoch.loss(N, D), demand)
    assert np.isclose(optimum.params, N, rtol=1e-6)
    # The cheapest model of the same loss, found numerically: D(N) solves L(N, D) = target.
    target = epoch.loss(N, D)

    def flops(u):
        n = np.exp(u)
        gap = target - epoch.E - epoch.A / n**epoch.alpha
        return np.inf if gap <= 0 else 6 * n * (epoch.B / gap) ** (1 / epoch.beta)

    cheapest = minimize_scalar(
        flops,
        bounds=(np.log(N / 10), np.log(N * 10)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return [demand, 6 * N * D / cheapest.fun - 1]


def _ex_08_3():
    law, C = laws.BESIROGLU_2024, 1e23
    N_opt, D_opt = law.compute_optimal(C)
    target = law.loss(N_opt, D_opt)

    def overhead(
        k,
    ):  # compute a k N_opt model needs to reach the optimal loss, minus 1.1 C
        return (
            6 * k * N_opt * planning.tokens_to_reach(law, target, k * N_opt) / C - 1.10
        )

    return brentq(overhead, 0.45, 0.99, xtol=1e-12)


def _ex_11_1():
    # Read straight from the benchmark file with pandas, not through the library's loader.
    raw = pd.read_csv(datasets.path("revisiting_vision"))
    rows = raw[
        (raw["Model"] == "BiT/101/3")
        & (raw["Task"] == "inet_10")
        & (raw["Training"] == 0)
    ]
    return float(rows.loc[rows["Seen Examples"].idxmax(), "Loss"])


def _digits(scaled):
    from scalinglaws.train.digits import DigitsSplit

    runs = load_runs("digits_scaling")
    runs = runs[runs["scaled"] == scaled]
    counts = DigitsSplit().class_counts
    errors = [
        1 - np.dot(acc, counts) / counts.sum() for acc in runs["per_task_accuracy"]
    ]
    return runs, np.array(errors)


def _ex_11_2():
    runs, errors = _digits("data")
    sizes = np.array([c["dataset_size"] for c in runs["config"]], dtype=float)
    grid = np.unique(sizes)
    means = np.array([errors[sizes == n].mean() for n in grid])
    slope, _ = np.polyfit(np.log(grid), np.log(means), 1)
    return 2 ** (-1 / slope)


def _ex_11_3():
    runs, errors = _digits("size")
    widths = np.array([c["model"]["width"] for c in runs["config"]])
    return 497 * errors[widths == 256].mean()


def _pythia_final(task):
    table = datasets.pythia_task_table([task])
    final = table[table["step"] == 143000]
    return (
        table,
        final[~final["model"].isin(["pythia-6.9b", "pythia-12b"])],
        final.set_index("model"),
    )


def _ex_12_1():
    # Root-find the fitted law's loss at 1.3 nats instead of inverting it in closed form.
    from scalinglaws import fitting

    _, small, _ = _pythia_final("lambada_openai")
    law = fitting.fit_power_law(small["compute"], small["loss"], offset=True)
    return math.exp(
        brentq(lambda u: law.predict(math.exp(u)) - 1.3, math.log(1e20), math.log(1e30))
    )


def _logistic_in_loss(loss, acc, floor):
    # The step-2 curve fitted directly with fit_sigmoid on -loss (not through fit_two_step).
    from scalinglaws import emergence

    return emergence.fit_sigmoid(
        -np.asarray(loss),
        acc,
        floor=floor,
        ceiling=1.0,
        log_scale=False,
        on_failure="ignore",
    )


def _ex_12_2():
    runs = load_runs("parity_width").sort_values("n_params").reset_index(drop=True)
    widths = np.array([c["model"]["width"] for c in runs["config"]])
    loss, acc = (
        np.array(runs["per_task_loss"].tolist()),
        np.array(runs["per_task_accuracy"].tolist()),
    )
    curve = _logistic_in_loss(loss[widths < 64].ravel(), acc[widths < 64].ravel(), 0.5)
    return float(curve.predict(-loss[widths == 128, 10][0]))


def _ex_12_3():
    table, _, final = _pythia_final("arc_easy")
    seen = table[
        ~table["model"].isin(["pythia-6.9b", "pythia-12b"]) & (table["step"] >= 1000)
    ]
    curve = _logistic_in_loss(seen["loss"], seen["arc_easy"], 0.25)
    return float(curve.predict(-final.loc["pythia-12b", "loss"]))


def _ex_02_3():
    # The closed-form least-squares slope of log y on log x, independent of fit_power_law.
    x = np.geomspace(1e5, 1e9, 12)
    y = KnownPowerLaw(alpha=0.3, x0=1e4, noise=0.05).sample(x, seed=2)
    return -np.polyfit(np.log(x), np.log(y), 1)[0]


@functools.lru_cache(maxsize=None)
def _ex_10_5():
    # Chapter 10's default target run trained through the sweep runner (a worker
    # process, the sweep's BLAS kernel) and read back from its results file,
    # rather than in-process by train.run as the check does.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "target.csv"
        run_sweep([capstone.default_target()], path, workers=1, progress=False)
        return float(load_runs(path)["final_loss"].iloc[0])


def _ex_09_3():
    """From the raw results file: the default recipe's loss over each budget's minimum."""
    runs = load_runs("markov_lr_batch")
    lr = runs["config"].map(lambda c: c["lr"])
    batch = runs["config"].map(lambda c: c["batch_size"] * c["seq_len"])
    best = runs.groupby("budget")["final_loss"].transform("min")
    excess = (runs["final_loss"] / best - 1)[(lr == 0.01) & (batch == 1024)]
    return 100 * float(excess.max())


RIGHT_ANSWERS = {
    "ex-01-1": lambda: 1 / 0.076,  # Kaplan et al. 2020, Table 5: alpha_N = 0.076
    "ex-01-2": lambda: _optimal_n_numerically(laws.HOFFMANN_2022_UNROUNDED, 5.76e23),
    "ex-01-3": _ex_01_3,
    "ex-01-4": lambda: 1 / (1 / 0.76 + 1 / 0.21 + 1 / 0.076),  # Kaplan Table 5
    "ex-02-1": lambda: (
        1.1e4 * 0.28 ** (-1 / 0.16)
    ),  # Henighan et al. 2020, Table 1 (math)
    "ex-02-3": _ex_02_3,
    "ex-03-1": lambda: (48 * 1600**2 / (6 * 4288**2)) ** 0.076,
    "ex-03-2": lambda: 5e3 * 175e9**0.74,  # Kaplan eq. 4.4
    "ex-03-3": _ex_03_3,
    "ex-03-5": _ex_03_5,
    "ex-04-3": _ex_04_3,
    "ex-04-4": lambda: 0.95 * 4.1 * math.log(2),
    "ex-04-5": _ex_04_5,
    "ex-05-1": lambda: _optimal_n_numerically(laws.HOFFMANN_2022_UNROUNDED, 3.8e25),
    "ex-05-2": _ex_05_2,
    "ex-06-1": lambda: (
        12 * 80 * 8192**2
    ),  # Kaplan eq. 2.1 with Hoffmann Table 4's shape
    "ex-06-3": lambda: _optimal_n_numerically(laws.BESIROGLU_2024, 3e21),
    "ex-07-1": lambda: 20**2.5,  # threshold grows as L^(1/|alpha|), alpha = -0.4
    "ex-08-2": _ex_08_2,
    "ex-08-3": _ex_08_3,
    "ex-08-4": lambda: (
        planning.plan(1e23, law="muennighoff", unique_tokens=200e9).tokens / 200e9
    ),
    # DeepSeek LLM eq. 1, B = 0.2920 C^0.3271 solved for C by logarithms.
    "ex-09-1": lambda: math.exp((math.log(1024) - math.log(0.2920)) / 0.3271),
    "ex-09-2": lambda: sum(0.2 * 2**j for j in range(5)) / 31 + 0.8 * 16 / 31,
    "ex-09-3": _ex_09_3,
    "ex-10-5": _ex_10_5,
    "ex-11-1": _ex_11_1,
    "ex-11-2": _ex_11_2,
    "ex-11-3": _ex_11_3,
    "ex-12-1": lambda: _ex_12_1(),
    "ex-12-2": lambda: _ex_12_2(),
    "ex-12-3": lambda: _ex_12_3(),
    "ex-12-4": lambda: np.log10(
        [3.8e25 / 1e22, 12 / 2.8]
    ),  # Llama 3 sections 1, 3.2.1; Pythia sizes
}

labels = pytest.mark.parametrize("label", sorted(REGISTRY))


def test_every_entry_has_an_independent_right_answer():
    assert sorted(RIGHT_ANSWERS) == sorted(REGISTRY)


@labels
def test_right_answer_passes(label, capsys):
    assert check(label, RIGHT_ANSWERS[label]()) is True
    assert "right" in capsys.readouterr().out


@labels
def test_near_miss_fails_without_giving_the_answer(label, capsys):
    entry = REGISTRY[label]
    right = np.asarray(RIGHT_ANSWERS[label](), dtype=float)
    assert (
        check(label, right * (1 + entry.rtol / 3), quiet=True) is True
    )  # inside the tolerance
    near_miss = right * (1 + 3 * entry.rtol)
    assert check(label, near_miss) is False
    out = capsys.readouterr().out
    assert "not yet" in out and "too high" in out and "Hint:" in out
    # The message must not give the expected value away, in any common format.
    for value in np.atleast_1d(np.asarray(entry.expected(), dtype=float)):
        texts = (f"{value:.3g}", f"{value:.2e}", f"{value:,.0f}", f"{value:.4f}")
        for text in (t for t in texts if sum(c.isdigit() for c in t) >= 3):
            assert text not in out, f"{label}: the message shows {text}"


@labels
def test_wrong_type_or_shape_is_an_error(label):
    with pytest.raises(ValueError, match=label):
        check(label, "42")
    shape = REGISTRY[label].shape
    wrong_shape = np.ones(shape[0] + 1) if shape else [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match="shape|single number"):
        check(label, wrong_shape)
    with pytest.raises(ValueError, match="NaN"):
        check(label, np.full(REGISTRY[label].shape, np.nan))


def test_unknown_label_is_an_error():
    with pytest.raises(ValueError, match="not a checkable exercise"):
        check("ex-99-9", 1.0)


@pytest.mark.parametrize(
    "factor, bucket, direction",
    [
        (1.03, "within 5%", "too high"),
        (0.85, "5% to 25%", "too low"),
        (1.6, "25% to 100%", "too high"),
        (4.0, "factor of 2 to 10", "too high"),
        (0.01, "25% to 100%", "too low"),
        (50.0, "more than a factor of 10", "too high"),
    ],
)
def test_the_message_says_how_far_off(factor, bucket, direction, capsys):
    right = RIGHT_ANSWERS["ex-06-1"]()
    assert check("ex-06-1", right * factor) is False
    out = capsys.readouterr().out
    assert bucket in out and direction in out


def test_strict_mode_raises_on_a_wrong_answer(monkeypatch):
    right = RIGHT_ANSWERS["ex-01-1"]()
    monkeypatch.setenv("SCALINGLAWS_CHECKS_STRICT", "1")
    assert check("ex-01-1", right, quiet=True) is True
    with pytest.raises(AssertionError, match="ex-01-1"):
        check("ex-01-1", 2 * right, quiet=True)
    monkeypatch.setenv("SCALINGLAWS_CHECKS_STRICT", "0")
    assert check("ex-01-1", 2 * right, quiet=True) is False


@labels
def test_an_unanswered_exercise_says_so(label, capsys, monkeypatch):
    monkeypatch.delenv("SCALINGLAWS_CHECKS_STRICT", raising=False)
    assert check(label, ...) is False
    assert f"{label}: not answered yet" in capsys.readouterr().out
    monkeypatch.setenv("SCALINGLAWS_CHECKS_STRICT", "1")
    with pytest.raises(AssertionError, match="not answered"):
        check(label, None, quiet=True)


@labels
def test_each_answer_has_a_name_of_its_own(label):
    assert REGISTRY[label].variable == answer_name(label)


@labels
def test_hints_guide_without_handing_over_code_or_values(label):
    hint = REGISTRY[label].hint
    # No call to copy (a name of two or more characters followed by an opening
    # parenthesis; one-letter functions such as L(N) are mathematics) ...
    assert not re.search(r"[A-Za-z_]\w+\(", hint), f"{label}: the hint holds a call"
    # ... and not the expected value, in any common format.
    for value in np.atleast_1d(np.asarray(REGISTRY[label].expected(), dtype=float)):
        texts = (f"{value:.3g}", f"{value:.2e}", f"{value:,.0f}", f"{value:.4f}")
        for text in (t for t in texts if sum(c.isdigit() for c in t) >= 2):
            assert text not in hint, f"{label}: the hint shows {text}"


def test_a_multi_part_answer_is_judged_part_by_part(capsys):
    right = np.asarray(RIGHT_ANSWERS["ex-05-2"](), dtype=float)
    wrong = right.copy()
    wrong[1] *= 1.1
    assert check("ex-05-2", wrong) is False
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert [line.split(":")[1].strip() for line in lines] == [
        "right",
        "off by 5% to 25%, too high",
        "right",
    ]
