"""Tests for scalinglaws.plotting.emergence: chapter 7's figures draw what they are given."""

import matplotlib

matplotlib.use("Agg")  # no display in CI; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from scalinglaws import emergence, fitting, laws  # noqa: E402
from scalinglaws.plotting import emergence as figures  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def family():
    return emergence.MirageModel(laws.SaturatingPowerLaw(x0=1.5e7, alpha=0.4))


def test_wei_table1_one_point_per_ability_in_each_panel():
    table = pd.DataFrame(
        {
            "ability": ["a", "b", "c"],
            "category": ["few-shot", "augmented", "few-shot"],
            "model": ["GPT-3", "PaLM", "GPT-3"],
            "train_flops": [1e22, 3e23, 2e24],
            "params": [13e9, 62e9, 175e9],
        }
    )
    fig = figures.wei_table1(table)
    left, right = fig.axes
    assert len(left.collections) == 3 and len(right.collections) == 3
    ticks = [t.get_text() for t in left.get_yticklabels()]
    assert ticks == ["a", "b", "c"]  # sorted by compute


def test_mirage_panels_draw_the_library_curves(family):
    N = np.geomspace(1e7, 1e13, 50)
    fig = figures.mirage_panels(family, N, [1, 5])
    loss_ax, linear_ax, log_ax, edit_ax = fig.axes
    np.testing.assert_allclose(loss_ax.lines[0].get_ydata(), family.cross_entropy(N))
    np.testing.assert_allclose(linear_ax.lines[1].get_ydata(), family.exact_match(N, 5))
    np.testing.assert_allclose(
        edit_ax.lines[0].get_ydata(), family.token_edit_distance(N, 1)
    )
    assert log_ax.get_yscale() == "log" and linear_ax.get_yscale() == "linear"


def test_measured_zeros_are_drawn_at_the_floor(family):
    models = np.geomspace(1e7, 1e12, 6)
    measured = {100: np.array([0, 0, 0.01, 0.2, 0.5, 0.8])}
    N = np.geomspace(1e7, 1e12, 20)
    fig = figures.measured_on_test_sets(
        N, family.exact_match(N, 20), models, measured, 20, floor=1e-7
    )
    seen, zeros = fig.axes[0].collections
    assert len(seen.get_offsets()) == 4
    np.testing.assert_allclose(zeros.get_offsets()[:, 1], 1e-7)
    assert any(line.get_ydata()[0] == pytest.approx(0.01) for line in fig.axes[0].lines)


def test_family_curves_one_line_per_family_and_grey_others():
    data = pd.DataFrame(
        {
            "Model Family": ["A", "A", "B", "B", "C"],
            "flops": [1e20, 1e21, 1e21, 1e22, 1e22],
            "score": [0.0, 0.1, 0.0, 0.5, 0.3],
        }
    )
    fig = figures.family_curves(
        data,
        ["score"] * 2,
        ["A", "B"],
        ylabels=["y"] * 2,
        titles=["t"] * 2,
        log_y=[False, True],
        others=True,
    )
    for ax in fig.axes:
        assert len(ax.lines) == 2
        assert len(ax.collections[0].get_offsets()) == 1  # family C only
    assert fig.axes[1].get_yscale() == "log"


def test_onset_panel_draws_fit_and_theory_through_the_points():
    rng = np.random.default_rng(0)
    p = np.geomspace(1e-3, 1e-1, 20)
    onset = 100 * p**-0.7 * np.exp(rng.normal(0, 0.1, 20))
    fit = fitting.fit_power_law(p, onset)
    fig, ax = plt.subplots()
    figures.onset_panel(ax, p, onset, fit, 0.7, "theory", "parameters")
    fitted, theory = ax.lines
    np.testing.assert_allclose(fitted.get_ydata(), fit.predict(fitted.get_xdata()))
    slope = np.polyfit(np.log(theory.get_xdata()), np.log(theory.get_ydata()), 1)[0]
    assert slope == pytest.approx(-0.7)


def test_holdout_panels_mark_fitted_and_held_out_models():
    x = np.geomspace(1e20, 1e24, 30)
    y = 1 / (1 + np.exp(-3 * (np.log10(x) - 22.5)))
    holdout = emergence.forecast_from_weaker(x, y, floor=0.0, ceiling=1.0)
    fig = figures.holdout_panels(
        [(x, y, holdout, "compute", True), (np.log10(x), y, holdout, "log", False)],
        "accuracy",
        "title",
    )
    fitted, held = fig.axes[0].collections
    assert len(fitted.get_offsets()) == holdout.fitted.sum()
    assert len(held.get_offsets()) == (~holdout.fitted).sum()
    assert "RMSE" in fig.axes[0].lines[0].get_label()


def test_pythia_lambada_one_path_per_size_in_the_right_panel():
    rows = [
        {"params": n, "step": s, "acc": a, "ppl": 1 / a}
        for n in (70e6, 1e9)
        for s, a in ((1000, 0.1), (2000, 0.3), (3000, 0.5))
    ]
    trained = pd.DataFrame(rows)
    final = trained[trained["step"] == 3000]
    fig = figures.pythia_lambada(final, trained)
    assert len(fig.axes[2].lines) == 3  # two sizes and 1/perplexity


def test_parity_panels_and_scores_against_size():
    x = np.array([1e3, 2e3, 4e3])
    accuracy = np.array([[0.9, 0.5], [1.0, 0.6], [1.0, 1.0]])
    fig, (left, right) = plt.subplots(1, 2)
    figures.subtask_accuracy(left, x, accuracy, [0, 1], np.array([0.7, 0.3]), "N")
    figures.mean_loss(right, x, [0.3, 0.2, 0.1], "N", model_loss=[0.35, 0.2, 0.05])
    assert len(left.lines) == 2 + 1  # two subtasks and the chance line
    assert len(right.lines) == 2 and right.get_xscale() == "log"
    fig = figures.scores_against_size(x, {"a": [0.1, 0.5, 0.9], "b": [0, 0, 1]})
    assert [line.get_label() for line in fig.axes[0].lines] == ["a", "b"]


def test_forecasts_of_exact_match_mark_the_fitted_models(family):
    N = np.geomspace(1e7, 1e12, 20)
    models = np.geomspace(1e7, 1e12, 6)
    exact = family.exact_match(models, 20)
    panels = [("a", 4, {"x": family.exact_match(N, 20)}), ("b", 2, {})]
    fig = figures.forecasts_of_exact_match(
        N, family.exact_match(N, 20), models, exact, panels, 20
    )
    fitted, held = fig.axes[0].collections
    assert len(fitted.get_offsets()) == 4 and len(held.get_offsets()) == 2
    assert len(fig.axes[1].collections[0].get_offsets()) == 2
