"""The Tiny Shakespeare isoFLOP study: its design, and the tuned learning rates it takes from the committed grid."""

import numpy as np
import pytest

from scalinglaws.train import recipes
from scalinglaws.train.results import load_runs
from scalinglaws.train.run import describe_model


def _shape(config):
    m = config["model"] if isinstance(config, dict) else config.model
    return (m["d_model"], m["n_layers"], m["n_heads"])


def test_the_isoflop_design_meets_the_brief():
    runs = recipes.shakespeare_isoflop()
    budgets = sorted({c.tags["budget"] for c in runs})
    assert len(budgets) >= 5
    assert np.log10(budgets[-1] / budgets[0]) >= 1.5
    assert 2.5e12 <= budgets[-1] <= 3.5e12
    for budget in budgets:
        at = [c for c in runs if c.tags["budget"] == budget]
        assert len({_shape(c) for c in at}) >= 5
        for c in at:
            n = describe_model(c)["n_params_non_embedding"]
            assert np.isclose(6 * n * c.tokens, budget, rtol=0.01)
            assert c.schedule_tokens is None  # the cosine ends with the run
            assert c.lr == recipes.SHAKESPEARE_TUNED_LR[_shape(c)]
            epochs = c.tokens / recipes.SHAKESPEARE_TRAIN_CHARACTERS
            assert np.isclose(c.tags["epochs"], epochs, atol=1e-3)


def test_the_training_split_has_the_size_the_recipes_assume():
    from scalinglaws.train.run import make_source

    source = make_source(recipes.shakespeare_isoflop()[0])
    assert source.train_tokens.size == recipes.SHAKESPEARE_TRAIN_CHARACTERS


def test_tuned_rates_are_the_best_of_the_committed_grid():
    try:
        grid = load_runs("shakespeare_lr")
    except ValueError:
        pytest.skip("the shakespeare_lr sweep is not committed")
    grid["shape"] = [_shape(c) for c in grid["config"]]
    grid["lr"] = [c["lr"] for c in grid["config"]]
    best = grid.loc[grid.groupby("shape")["final_loss"].idxmin()]
    assert dict(zip(best["shape"], best["lr"])) == recipes.SHAKESPEARE_TUNED_LR
    assert set(grid["lr"]) == set(recipes.SHAKESPEARE_LRS)
