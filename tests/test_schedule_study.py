"""Tests of scalinglaws.schedule_study and train.recipes.schedule_study_configs: the designs of chapter 6's schedule experiment and their analysis."""

import numpy as np
import pandas as pd
import pytest

from scalinglaws import laws, schedule_study
from scalinglaws.train import describe_model, run
from scalinglaws.train.optim import schedule_for_budget

#: A grid small enough to train in a few seconds: two budgets, three shapes each.
TINY_GRID = {
    1e8: [(4, 1, 2), (6, 1, 2), (8, 1, 2)],
    3e8: [(4, 1, 2), (6, 1, 2), (8, 1, 2)],
}


def _schedule(config):
    return schedule_for_budget(
        config.lr,
        config.tokens,
        config.tokens_per_step,
        config.warmup_fraction,
        config.schedule_tokens,
        config.final_lr_fraction,
    )


def _by_arm(configs):
    out = {}
    for c in configs:
        out.setdefault(c.tags["arm"], []).append(c)
    return out


def test_design_of_the_committed_grid():
    configs = schedule_study.schedule_study_configs()
    arms = _by_arm(configs)
    n_cells = sum(len(s) for s in schedule_study.STUDY_GRID.values())
    n_shapes = len(
        {tuple(s) for shapes in schedule_study.STUDY_GRID.values() for s in shapes}
    )
    assert (
        len(arms["matched"]) == n_cells
        and len(arms["long"]) == len(arms["constant"]) == n_shapes
    )
    assert len({c.run_id for c in configs}) == len(configs)

    longest = max(c.tokens for c in arms["matched"])
    for c in arms["long"]:
        # One cosine length for every size (Kaplan et al.), stopped at the last read-out.
        assert c.schedule_tokens == longest and c.final_lr_fraction == 0.1
        assert c.tokens == max(t for _, t in c.tags["reads"])
    for c in arms["constant"]:
        sched = _schedule(c)
        assert c.final_lr_fraction == 1.0
        assert sched(sched.warmup_steps) == sched(sched.total_steps - 1) == c.lr

    # Same warm-up (in steps) and seed for every run of a shape, in every arm.
    warmups, seeds = {}, {}
    for c in configs:
        shape = (c.model["d_model"], c.model["n_layers"])
        warmups.setdefault(shape, set()).add(_schedule(c).warmup_steps)
        seeds.setdefault(shape, set()).add(c.seed)
    assert all(len(w) == 1 for w in warmups.values()) and all(
        len(s) == 1 for s in seeds.values()
    )

    # Every read-out of the long and constant arms is a matched run's token count, and is evaluated.
    matched_cells = {
        (c.tags["budget"], c.model["d_model"], c.model["n_layers"], c.tokens)
        for c in arms["matched"]
    }
    for c in arms["long"] + arms["constant"]:
        for budget, tokens in c.tags["reads"]:
            assert (
                budget,
                c.model["d_model"],
                c.model["n_layers"],
                tokens,
            ) in matched_cells
            assert tokens in c.eval_at


@pytest.fixture(scope="module")
def tiny_points():
    # A small held-out set keeps the evaluations (ten per run) from dominating the test's time.
    records = [
        run(c.replace(eval_size=64))
        for c in schedule_study.schedule_study_configs(TINY_GRID)
    ]
    df = pd.DataFrame(records)
    df["tags"] = [r["config"]["tags"] for r in records]
    return df, schedule_study.study_points(df)


def test_read_outs_of_a_trained_tiny_grid(tiny_points):
    runs, points = tiny_points
    assert set(points["arm"]) == set(schedule_study.ARMS)
    assert len(points) == 3 * sum(len(s) for s in TINY_GRID.values())
    matched = points[points["arm"] == "matched"]
    assert np.all(matched["schedule_fraction"] == 1.0)
    # The shape whose longest run sets the long cosine finishes it there: that
    # read-out is the same training run as its matched twin, bit for bit.
    long = points[points["arm"] == "long"]
    finished = long[long["schedule_fraction"] == 1.0]
    assert len(finished) == 1
    twin = matched[
        (matched["budget"] == finished["budget"].iloc[0])
        & (matched["n_params"] == finished["n_params"].iloc[0])
    ]
    assert finished["loss"].iloc[0] == twin["loss"].iloc[0]
    # Every other long read-out is partway through its cosine, and the arms differ there.
    partial = long[long["schedule_fraction"] < 1.0].set_index(["budget", "n_params"])[
        "loss"
    ]
    matched_loss = matched.set_index(["budget", "n_params"])["loss"].loc[partial.index]
    assert np.all(partial.to_numpy() != matched_loss.to_numpy())
    # Read-outs are the recorded held-out losses of the runs.
    one = runs.iloc[0]
    row = points[
        (points["arm"] == one["tags"]["arm"])
        & (points["tokens"] == one["tokens"])
        & (points["n_params"] == one["n_params"])
    ]
    assert row["loss"].iloc[0] == one["curve_loss"][-1] == one["final_loss"]


def _synthetic_points(law, arms_shift):
    """Read-outs of the committed grid with losses from ``law``, shifted per arm by a function of (N, D)."""
    rows = []
    for c in schedule_study.schedule_study_configs():
        if c.tags["arm"] != "matched":
            continue
        n = describe_model(c)["n_params_non_embedding"]
        for arm, shift in arms_shift.items():
            rows.append(
                {
                    "arm": arm,
                    "budget": c.tags["budget"],
                    "n_params_non_embedding": n,
                    "tokens": c.tokens,
                    "loss": law.loss(n, c.tokens) + shift(n, c.tokens),
                }
            )
    return pd.DataFrame(rows)


def test_fit_recovers_a_known_allocation_and_a_known_bias():
    law = laws.ChinchillaLaw(
        E=1.2, A=40.0, B=300.0, alpha=0.5, beta=0.5
    )  # a = 0.5 exactly
    same = _synthetic_points(
        law, {"matched": lambda n, d: 0.0, "long": lambda n, d: 0.0}
    )
    fit = schedule_study.analyse_schedule_study(same, n_subsamples=20)
    table = fit.table()
    # IsoFLOP parabolas recover the true exponent to within their approximation error.
    assert table.loc["a_matched", "estimate"] == pytest.approx(0.5, abs=0.03)
    assert table.loc["a_long - a_matched", "estimate"] == 0.0
    assert (
        table.loc["a_long - a_matched", "lo"]
        == table.loc["a_long - a_matched", "hi"]
        == 0.0
    )

    # A penalty that grows with model size at small budgets only tilts the
    # long arm's optimum towards small models at small C: its exponent rises.
    top = max(schedule_study.STUDY_GRID)
    biased = _synthetic_points(
        law,
        {
            "matched": lambda n, d: 0.0,
            "long": lambda n, d: 0.02 * np.log(n) * np.log(top / (6 * n * d) * 1.01),
        },
    )
    fit = schedule_study.analyse_schedule_study(biased, n_subsamples=20)
    assert fit.table().loc["a_long - a_matched", "estimate"] > 0.02


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="at least two budgets"):
        schedule_study.schedule_study_configs({1e9: [(4, 1, 2)] * 3})
    with pytest.raises(ValueError, match="at least 3"):
        schedule_study.schedule_study_configs({1e9: [(4, 1, 2)], 3e9: [(4, 1, 2)]})
    with pytest.raises(ValueError, match="positive number of FLOPs"):
        schedule_study.schedule_study_configs(
            {-1.0: [(4, 1, 2)] * 3, 3e9: [(4, 1, 2)] * 3}
        )
    with pytest.raises(ValueError, match="d_model, n_layers, n_heads"):
        schedule_study.schedule_study_configs({1e9: [(4, 1)] * 3, 3e9: [(4, 1, 2)] * 3})
    only_long = pd.DataFrame(
        {
            "arm": ["long"] * 6,
            "budget": [1e9] * 3 + [3e9] * 3,
            "n_params_non_embedding": [1, 2, 3] * 2,
            "tokens": [1] * 6,
            "loss": [1.0] * 6,
        }
    )
    with pytest.raises(ValueError, match="'matched' arm"):
        schedule_study.analyse_schedule_study(only_long)
    with pytest.raises(ValueError, match="no schedule-experiment arm"):
        schedule_study.study_points(
            pd.DataFrame(
                {"run_id": ["x"], "tags": [{"sweep": "other"}], "config": [{}]}
            )
        )
