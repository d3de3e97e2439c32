"""The Pythia table chapter 12 forecasts from: one row per model and checkpoint."""

import numpy as np
import pytest

from scalinglaws import datasets


def test_pythia_task_table_lines_up_loss_and_accuracy():
    table = datasets.pythia_task_table(["lambada_openai", "arc_easy"])
    assert len(table) == 8 * 27  # 8 models x 27 checkpoints
    final = table[table["step"] == 143000].set_index("model")
    # Pythia-12B's final LAMBADA perplexity 3.9236 (the harness file) is a loss of ln 3.9236 nats.
    assert final.loc["pythia-12b", "loss"] == pytest.approx(np.log(3.923642), abs=1e-6)
    assert final.loc["pythia-12b", "lambada_openai"] == pytest.approx(
        0.704638, abs=1e-6
    )
    assert final.loc["pythia-12b", "compute"] == pytest.approx(
        6 * 12e9 * 143000 * 2097152
    )
    assert table["params"].is_monotonic_increasing
    assert {"arc_easy_stderr", "lambada_openai_stderr"} <= set(table.columns)


def test_pythia_task_table_rejects_unknown_tasks():
    with pytest.raises(ValueError, match="acc"):
        datasets.pythia_task_table(["no_such_task"])
    with pytest.raises(ValueError, match="empty"):
        datasets.pythia_task_table([])
