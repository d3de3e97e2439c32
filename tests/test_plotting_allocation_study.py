"""The isoFLOP study's figure draws every profile and both countings' optima."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from scalinglaws.fitting.allocation_study import fit_isoflop_counted  # noqa: E402
from scalinglaws.plotting.allocation_study import plot_allocation_study  # noqa: E402


def test_the_figure_has_a_parabola_per_budget_and_a_line_per_counting():
    rows = []
    for C in (1e11, 1e12, 1e13):
        for n in np.sqrt(C / 120) * 2.0 ** np.arange(-2, 3):
            D = C / (6 * n)
            loss = 1.5 + 30 / n**0.35 + 80 / D**0.35
            rows.append(
                {
                    "budget": C,
                    "n_params_non_embedding": n,
                    "n_params": n + 1000,
                    "tokens": D,
                    "final_loss": loss,
                }
            )
    runs = pd.DataFrame(rows)
    fits = {
        ("isoflop", counting): fit_isoflop_counted(
            runs[column], runs["tokens"], runs["budget"], runs["final_loss"]
        )
        for counting, column in (
            ("non-embedding", "n_params_non_embedding"),
            ("all", "n_params"),
        )
    }
    fig = plot_allocation_study(runs, SimpleNamespace(fits=fits))
    left, right = fig.axes
    assert len(left.lines) == 3  # one parabola per budget
    assert len(right.lines) == 2 + 2  # two countings, two reference slopes
    labels = [t.get_text() for t in right.get_legend().get_texts()]
    assert any(label.startswith("all parameters: a = ") for label in labels)
    plt.close(fig)
