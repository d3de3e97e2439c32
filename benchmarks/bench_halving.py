"""Why the grid fit does not prune its starts: successive halving against the exhaustive search.

Successive halving would give every one of Hoffmann's 4,500 starts ten
L-BFGS iterations and let only the lowest eighth run on to convergence,
making the screen of ``fit_parametric`` about three times cheaper. This
script measures whether that loses the optimum the exhaustive search
(every start to convergence, :func:`scalinglaws.fitting.multistart.multistart_minimize`)
finds, on:

1. Epoch's 240 Chinchilla runs and ``--resamples`` bootstrap resamples of
   them (a well-behaved objective);
2. ``--synthetic`` data sets of 120 runs that mix two random laws of the
   form E + A/N^alpha + B/D^beta (20-45% of runs from the second), with 1%
   noise: objectives with many local minima, where the global one is
   reached from few starts.

For each it prints the two objectives, whether halving lost the optimum
(worse by more than 1e-12), how many starts' screens end within 1e-6
(relative) of it, and the best rank after ten iterations of any of those
starts (-1 when none does: the optimum was found only by polishing the
screen's best end points).

Run: ``SCALINGLAWS_DATA_MIRROR=... .venv/bin/python benchmarks/bench_halving.py [--resamples 4] [--synthetic 12]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from scalinglaws import datasets
from scalinglaws.fitting.batched_lbfgs import MAX_ITER, minimize_batched
from scalinglaws.fitting.bootstrap import resample_indices
from scalinglaws.fitting.grid import hoffmann_grid
from scalinglaws.fitting.lse_objective import LseHuberObjective
from scalinglaws.fitting.multistart import SCREEN_OPTIONS, finish_screen

HALVING_ITERATIONS = 10
HALVING_KEEP = 1 / 8


def halving_screen(objective, starts):
    """Every start HALVING_ITERATIONS iterations; the lowest HALVING_KEEP run on (memory restarted)."""

    def fg(X, rows):
        return objective.batch(X)

    first = minimize_batched(
        fg, starts, **dict(SCREEN_OPTIONS, max_iter=HALVING_ITERATIONS)
    )
    f = np.where(np.isfinite(first.fun), first.fun, np.inf)
    keep = np.argsort(f, kind="stable")[: int(np.ceil(HALVING_KEEP * len(starts)))]
    go_on = keep[first.status[keep] == MAX_ITER]
    rest = minimize_batched(
        fg,
        first.x[go_on],
        **dict(
            SCREEN_OPTIONS, max_iter=SCREEN_OPTIONS["max_iter"] - HALVING_ITERATIONS
        ),
    )
    for name in ("x", "fun", "grad", "status"):
        getattr(first, name)[go_on] = getattr(rest, name)
    return first, f


def compare(name, logN, logD, logL, weights=None):
    objective = LseHuberObjective(logN, logD, logL, 1e-3, weights=weights)
    grid = hoffmann_grid()
    t0 = time.process_time()
    exhaustive_screen = minimize_batched(
        lambda X, rows: objective.batch(X), grid, **SCREEN_OPTIONS
    )
    exhaustive = finish_screen(objective, exhaustive_screen)
    t1 = time.process_time()
    screen, after_ten = halving_screen(objective, grid)
    halved = finish_screen(objective, screen)
    t2 = time.process_time()
    best = exhaustive.objective
    reach = exhaustive_screen.fun <= best + 1e-6 * best
    rank = np.argsort(np.argsort(after_ten, kind="stable"), kind="stable")
    lost = halved.objective > best + 1e-12
    print(
        f"   {name:18s} exhaustive {best:.10g} ({t1 - t0:4.2f} s CPU)  halving {halved.objective:.10g} "
        f"({t2 - t1:4.2f} s)  {'LOST' if lost else 'same'}  starts reaching it {reach.sum():4d}  "
        f"best rank after {HALVING_ITERATIONS} its {rank[reach].min() if reach.any() else -1}"
    )
    return lost


def synthetic(seed, n=120):
    """Runs from a mixture of two random laws E + A/N^alpha + B/D^beta, 1% log-normal noise."""
    rng = np.random.default_rng(seed)
    N = np.exp(rng.uniform(np.log(3e7), np.log(2e10), n))
    D = np.exp(rng.uniform(np.log(5e8), np.log(5e11), n))

    def law():
        E, A, B = (
            rng.uniform(0.5, 3),
            np.exp(rng.uniform(3, 12)),
            np.exp(rng.uniform(3, 12)),
        )
        alpha, beta = rng.uniform(0.1, 0.8), rng.uniform(0.1, 0.8)
        return E + A / N**alpha + B / D**beta

    first, second = law(), law()
    from_second = rng.random(n) < rng.uniform(0.2, 0.45)
    L = np.where(from_second, second, first) * np.exp(rng.normal(0, 0.01, n))
    return np.log(N), np.log(D), np.log(L)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resamples", type=int, default=4)
    parser.add_argument("--synthetic", type=int, default=12)
    args = parser.parse_args()
    df = datasets.load("epoch_chinchilla").sort_values("loss").iloc[:-5]
    logs = [np.log(df[c].to_numpy()) for c in ("N", "D", "loss")]
    lost = {"epoch": 0, "synthetic": 0}
    print("1. Epoch's 240 runs and bootstrap resamples of them")
    lost["epoch"] += compare("all 240 runs", *logs)
    idx = resample_indices(logs[0].size, max(args.resamples, 1), seed=0)
    for r in range(args.resamples):
        lost["epoch"] += compare(
            f"resample {r}",
            *logs,
            weights=np.bincount(idx[r], minlength=logs[0].size).astype(float),
        )
    print("2. Synthetic mixtures of two laws")
    for seed in range(args.synthetic):
        lost["synthetic"] += compare(f"mixture seed {seed}", *synthetic(seed))
    print(
        f"Halving lost the optimum on {lost['epoch']} of {args.resamples + 1} Epoch fits and on "
        f"{lost['synthetic']} of {args.synthetic} synthetic mixtures."
    )


if __name__ == "__main__":
    main()
