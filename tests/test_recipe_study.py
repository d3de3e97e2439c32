"""The training-recipe analyses: weight decay, warm-up-stable-decay designs, learning-rate x batch laws."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import laws, recipe_study  # noqa: E402
from scalinglaws.plotting import recipes as recipe_plots  # noqa: E402
from scalinglaws.train import load_runs, recipes  # noqa: E402

# ------------------------------------------------------------------ the surface and the laws


def _synthetic_grid(lr_exponent=-0.2, batch_exponent=0.4, noise=0.0, seed=0):
    """A grid whose reducible loss is a bowl in (ln lr, ln B) centred on known power laws in C."""
    rng = np.random.default_rng(seed)
    rows = []
    for C in (1e9, 1e10, 1e11, 1e12):
        centre_x = np.log(0.5) + lr_exponent * np.log(C)
        centre_y = np.log(2.0) + batch_exponent * np.log(C)
        for dx in np.linspace(-1.5, 1.5, 7):
            for dy in np.linspace(-1.0, 1.0, 5):
                reducible = 0.1 * (1 + 0.3 * dx**2 + 0.2 * dy**2)
                rows.append(
                    {
                        "budget": C,
                        "flops_6nd": C,
                        "n_params_non_embedding": 1.0,
                        "lr": np.exp(centre_x + dx),
                        "batch_tokens": np.exp(centre_y + dy),
                        "loss": 2.0 + reducible * (1 + noise * rng.standard_normal()),
                        "irreducible_loss": 2.0,
                    }
                )
    return pd.DataFrame(rows)


def test_laws_recover_known_exponents():
    fit = recipe_study.hyperparameter_laws(_synthetic_grid(), n_bootstrap=50)
    # The band is symmetric about the centre, so its geometric mean is the centre.
    assert fit.lr_exponent == pytest.approx(-0.2, abs=1e-9)
    assert fit.batch_exponent == pytest.approx(0.4, abs=1e-9)
    assert fit.lr(1.0) == pytest.approx(0.5, rel=1e-8)
    assert fit.batch_tokens(1.0) == pytest.approx(2.0, rel=1e-8)
    np.testing.assert_allclose(fit.optima["loss_best"], 2.1, rtol=1e-12)


def test_law_intervals_cover_the_truth_with_noise():
    fit = recipe_study.hyperparameter_laws(
        _synthetic_grid(noise=0.05, seed=3), n_bootstrap=200, seed=1
    )
    lo, hi = fit.intervals["lr_exponent"]
    assert lo <= fit.lr_exponent <= hi and hi > lo
    assert abs(fit.lr_exponent + 0.2) < 0.05 and abs(fit.batch_exponent - 0.4) < 0.05


def test_the_band_and_the_best_run():
    table = _synthetic_grid()
    one = table[table["budget"] == 1e9]
    reducible = one["loss"] - 2.0
    near = one[reducible <= 1.25 * reducible.min()]
    optima = recipe_study.lr_batch_optima(table, band=1.25)
    assert optima.loc[1e9, "n_near"] == len(near)
    assert optima.loc[1e9, "lr_opt"] == pytest.approx(np.exp(np.log(near["lr"]).mean()))
    best = one.loc[one["loss"].idxmin()]
    assert optima.loc[1e9, "lr_best"] == best["lr"]
    # A band of 1 keeps only the best run.
    assert (recipe_study.lr_batch_optima(table, band=1.0)["n_near"] == 1).all()


def test_laws_need_two_budgets_a_band_and_a_floor():
    table = _synthetic_grid()
    with pytest.raises(ValueError, match="two budgets"):
        recipe_study.hyperparameter_laws(table[table["budget"] == 1e9])
    with pytest.raises(ValueError, match="band"):
        recipe_study.lr_batch_optima(table, band=0.5)
    with pytest.raises(ValueError, match="irreducible"):
        recipe_study.lr_batch_optima(table.assign(irreducible_loss=3.0))


# ------------------------------------------------------------------ the committed experiments


def test_weight_decay_study_on_the_committed_sweeps():
    control, treated = (
        load_runs(s) for s in recipe_study.WEIGHT_DECAY_SWEEPS["markov"]
    )
    study = recipe_study.weight_decay_study(control, treated, n_bootstrap=40)
    assert set(study.table.index) == {
        (a, arm) for a in ("isoflop", "parametric") for arm in ("adam", "adamw")
    }
    assert "a_adamw - a_adam" in study.paired.index
    diff = study.paired.loc["a_adamw - a_adam", "estimate"]
    # The paired fit reads each run's C as 6ND (D rounded to whole steps), the
    # per-arm fit as the nominal budget: the two agree to a few 1e-5.
    assert diff == pytest.approx(
        study.table.loc[("isoflop", "adamw"), "a"]
        - study.table.loc[("isoflop", "adam"), "a"],
        abs=1e-3,
    )
    expected = (
        treated.groupby("budget")["final_loss"].min()
        - control.groupby("budget")["final_loss"].min()
    )
    np.testing.assert_allclose(study.frontier["adamw - adam"], expected)
    with pytest.raises(ValueError, match="same isoFLOP grid"):
        recipe_study.weight_decay_study(control, treated.iloc[:-1], n_bootstrap=20)


def test_wsd_points_and_cost():
    points = recipe_study.wsd_points(
        load_runs("markov_schedule"), load_runs("markov_wsd")
    )
    counts = points.groupby("arm").size()
    assert counts["matched"] == 20 and (counts == 20).all()
    assert points["arm"].iloc[0] == "matched"
    cost = recipe_study.design_cost(points)
    matched = points[points["arm"] == "matched"]
    assert cost.loc["matched", "tokens"] == matched["tokens"].sum()
    assert cost.loc["matched", "runs_from_scratch"] == 20
    # By hand for one WSD arm: per size, the stable phase up to the last cool-down, plus every cool-down.
    wsd = points[points["arm"] == "wsd"]
    by_hand = sum(
        (g["tokens"] - g["cooldown_tokens"]).max() + g["cooldown_tokens"].sum()
        for _, g in wsd.groupby("n_params_non_embedding")
    )
    assert cost.loc["wsd", "tokens"] == by_hand
    assert cost.loc["wsd", "flops_vs_matched"] < 1
    study = recipe_study.wsd_study(points, n_subsamples=30)
    assert "a_wsd - a_matched" in study.table().index


# ------------------------------------------------------------------ figures


def test_recipe_figures_draw_the_committed_runs():
    table = recipe_study.load_lr_batch()
    fit = recipe_study.hyperparameter_laws(table, n_bootstrap=20)
    budgets = sorted(table["budget"].unique())
    fig, axes = plt.subplots(1, len(budgets))
    image = recipe_plots.plot_lr_batch_basins(axes, table, fit.optima)
    assert image is not None and all(len(ax.collections) == 1 for ax in axes)
    with pytest.raises(ValueError, match="one axis per budget"):
        recipe_plots.plot_lr_batch_basins(axes[:1], table, fit.optima)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2)
    recipe_plots.plot_hyperparameter_laws(
        axes, fit, (laws.DEEPSEEK_2024_LR, laws.DEEPSEEK_2024_BATCH)
    )
    assert all(len(ax.lines) == 2 for ax in axes)
    plt.close(fig)

    cosine, wsd = load_runs("markov_schedule"), load_runs("markov_wsd")
    matched = recipe_study.runs_of(cosine, d_model=12, arm="matched")
    branches = recipe_study.runs_of(wsd, d_model=12, arm="wsd")
    assert len(matched) == len(branches) == 4
    fig, axes = plt.subplots(1, 2)
    recipe_plots.plot_wsd_branches(axes, matched, branches)
    assert len(axes[0].lines) == len(matched) + len(branches)
    plt.close(fig)
    with pytest.raises(ValueError, match="at least one run"):
        recipe_plots.plot_wsd_branches(axes, matched.iloc[:0], branches)


# ------------------------------------------------------------------ the forecast


def test_frontier_forecast_extrapolates_a_known_law():
    # L_opt(C) - E = (1e9 / C)^0.5 exactly at each budget's minimum.
    rows = []
    for C in (1e10, 1e11, 1e12, 1e13):
        for k, N in enumerate(np.geomspace(C**0.5 / 30, C**0.5 * 30, 5)):
            reducible = (1e9 / C) ** 0.5 * (1 + 0.05 * (k - 2) ** 2)
            rows.append(
                {
                    "n_params_non_embedding": N,
                    "tokens": C / (6 * N),
                    "budget": C,
                    "final_loss": 1.5 + reducible,
                    "irreducible_loss": 1.5,
                }
            )
    forecast = recipe_study.frontier_forecast(pd.DataFrame(rows), 1e15, n_bootstrap=50)
    assert forecast.estimate == pytest.approx(1.5 + (1e9 / 1e15) ** 0.5, rel=1e-6)
    assert forecast.lo <= forecast.estimate <= forecast.hi
    with pytest.raises(ValueError, match="known floor"):
        recipe_study.frontier_forecast(
            pd.DataFrame(rows).assign(irreducible_loss=np.nan), 1e15
        )


def test_the_committed_forecast_run_is_the_chapters_plan():
    """recipes.RECIPE_FORECAST was copied from plan_recipe before training; the plan must still give it."""
    control, treated = (
        load_runs(s) for s in recipe_study.WEIGHT_DECAY_SWEEPS["markov"]
    )
    study = recipe_study.weight_decay_study(control, treated, n_bootstrap=200)
    hyper = recipe_study.hyperparameter_laws(recipe_study.load_lr_batch())
    plan = recipe_study.plan_recipe(
        recipes.RECIPE_FORECAST["budget"],
        study.fits["parametric", "adam"],
        hyper,
        control,
    )
    committed = recipes.RECIPE_FORECAST
    assert plan.shape == committed["shape"] and plan.tokens == committed["tokens"]
    assert plan.lr == committed["lr"] and plan.batch_size == committed["batch_size"]
    with pytest.raises(ValueError, match="budget"):
        recipe_study.plan_recipe(-1.0, study.fits["parametric", "adam"], hyper, control)


def test_wsd_against_cosine_pairs_cells():
    cosine = pd.DataFrame(
        {
            "budget": [1e10, 1e10, 1e11],
            "n_params_non_embedding": [100.0, 200.0, 200.0],
            "final_loss": [2.0, 1.9, 1.5],
        }
    )
    wsd = cosine.iloc[[2, 0]].assign(final_loss=[1.45, 2.1])
    table = recipe_study.wsd_against_cosine(cosine, wsd)
    assert list(table.index) == [(1e11, 200.0), (1e10, 100.0)]
    np.testing.assert_allclose(table["wsd - cosine"], [-0.05, 0.1])
    with pytest.raises(ValueError, match="no cosine run"):
        recipe_study.wsd_against_cosine(cosine.iloc[:1], wsd)


def test_shakespeare_twins_share_one_stable_phase_per_shape():
    from scalinglaws.train.run import branch_key

    twins = recipes.shakespeare_wsd()
    by_shape = {}
    for c in twins:
        shape = (c.model["d_model"], c.model["n_layers"], c.model["n_heads"])
        by_shape.setdefault(shape, set()).add(branch_key(c))
    assert all(len(keys) == 1 for keys in by_shape.values())
    assert {c.tags["budget"] for c in twins} == set(recipes.SHAKESPEARE_ADAMW_BUDGETS)
