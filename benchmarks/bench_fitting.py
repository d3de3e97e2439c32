"""Benchmark of the parametric fit (Hoffmann et al. 2022 eq. 11) on Epoch's Chinchilla data.

Prints, in one run:

1. the project's ``fit_parametric`` and a plain loop of scipy's L-BFGS-B
   (one ``scipy.optimize.minimize`` call per start, analytic gradient) over
   the same random subset of Hoffmann's start grid, their times, the ratio,
   and the difference of their best objectives;
2. the time of the full 4,500-start grid fit and the optimum it reaches,
   beside the grid optimum reported by Besiroglu et al. (2024) (objective
   0.001018274; A 477.84, B 2143.86, E 1.8172, alpha 0.3473, beta 0.3672;
   published_numbers.md section 11.1);
3. the time of a 1,000-resample bootstrap, the tokens-per-parameter
   interval at Gopher's 5.76e23 FLOPs (Hoffmann et al. 2022, Fig. 2) beside
   Hoffmann's own laws, and the chi-squared test of Hoffmann's parameters
   (Besiroglu et al. report 238.4, p = 1.7e-49, df = 5).

Run with the dataset mirror set, e.g.::

    SCALINGLAWS_DATA_MIRROR=../shared/data/github .venv/bin/python benchmarks/bench_fitting.py [--subset 150]

scipy's L-BFGS-B calls BLAS on tiny matrices; with OpenBLAS's default
threading on a busy 2-core machine that costs far more than the arithmetic.
Run once more with ``OPENBLAS_NUM_THREADS=1`` to see the baseline at its
fastest; the script prints which setting it ran under.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

from scalinglaws import datasets, laws
from scalinglaws.fitting import fit_parametric, law_chi2_test
from scalinglaws.fitting.grid import hoffmann_grid

#: Besiroglu et al. (2024) exact-replication grid optimum (published_numbers.md section 11.1).
EPOCH_GRID_OPTIMUM = dict(A=477.84, B=2143.86, E=1.8172, alpha=0.3473, beta=0.3672, objective=0.001018274)


def epoch_points():
    """Epoch's 245 points with the 5 highest losses dropped (their procedure): N, D, L."""
    df = datasets.load("epoch_chinchilla").sort_values("loss").iloc[:-5]
    return df["N"].to_numpy(), df["D"].to_numpy(), df["loss"].to_numpy()


def plain_scipy_loop(N, D, L, starts, delta=1e-3):
    """The baseline: straightforward numpy objective, one L-BFGS-B call per start, keep the best."""
    x, y, t = np.log(N), np.log(D), np.log(L)

    def objective_and_gradient(theta):
        a, b, e, alpha, beta = theta
        terms = np.stack([a - alpha * x, b - beta * y, np.full_like(x, e)])
        lse = logsumexp(terms, axis=0)
        weights = np.exp(terms - lse)
        r = lse - t
        c = np.clip(r, -delta, delta)
        g = weights * c
        grad = np.array([g[0].sum(), g[1].sum(), g[2].sum(), -(g[0] @ x), -(g[1] @ y)])
        return float(np.sum(c * (r - 0.5 * c))), grad

    best_f, best_x = np.inf, None
    for start in starts:
        res = minimize(objective_and_gradient, start, jac=True, method="L-BFGS-B")
        if res.fun < best_f:
            best_f, best_x = float(res.fun), res.x
    return best_f, best_x


def timed(fn, *args, **kwargs):
    """Run ``fn``; return its result and (wall-clock seconds, CPU seconds of this process).

    CPU time is printed too because the machine is shared: when other jobs
    compete for the cores, wall time grows but CPU time barely moves.
    """
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, Timing(time.perf_counter() - w0, time.process_time() - c0)


class Timing:
    def __init__(self, wall, cpu):
        self.wall, self.cpu = wall, cpu

    def __sub__(self, other):
        return Timing(self.wall - other.wall, self.cpu - other.cpu)

    def __str__(self):
        return f"{self.wall:7.2f} s wall ({self.cpu:6.2f} s CPU)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=150, help="starts in the head-to-head comparison")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    N, D, L = epoch_points()
    grid = hoffmann_grid()
    rng = np.random.default_rng(args.seed)
    subset = grid[rng.choice(len(grid), size=args.subset, replace=False)]
    print(f"Epoch data: {N.size} points (5 highest-loss dropped); Hoffmann grid: {len(grid)} starts")
    print(f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}; load average {os.getloadavg()[0]:.2f}")

    print(f"\n1. Same {args.subset} random grid starts")
    fit_sub, t_ours = timed(fit_parametric, N, D, L, starts=subset)
    (f_scipy, _), t_scipy = timed(plain_scipy_loop, N, D, L, subset)
    print(f"   fit_parametric     {t_ours}   objective {fit_sub.objective:.15g}")
    print(f"   plain scipy loop   {t_scipy}   objective {f_scipy:.15g}")
    print(f"   speed-up {t_scipy.wall / t_ours.wall:.1f}x wall, {t_scipy.cpu / t_ours.cpu:.1f}x CPU; "
          f"objective difference (ours - scipy) {fit_sub.objective - f_scipy:+.3g}")

    print("\n2. Full 4,500-start grid")
    fit, t_full = timed(fit_parametric, N, D, L)
    law = fit.law
    print(f"   time {t_full}; converged {fit.converged} ({fit.message})")
    print(f"   objective {fit.objective:.12g}  (Epoch grid optimum {EPOCH_GRID_OPTIMUM['objective']})")
    for name in ("A", "B", "E", "alpha", "beta"):
        print(f"   {name:6s} {getattr(law, name):12.6g}   (Epoch {EPOCH_GRID_OPTIMUM[name]})")
    print(f"   plain scipy loop extrapolated to the full grid: {t_scipy.wall / args.subset * len(grid):.0f} s wall")

    print(f"\n3. Bootstrap, {args.bootstrap} resamples (seed {args.seed})")
    boot_fit, t_boot_total = timed(fit_parametric, N, D, L, n_bootstrap=args.bootstrap, seed=args.seed)
    t_boot = t_boot_total - t_full
    print(f"   time {t_boot_total} including the grid fit; the resamples alone {t_boot}; "
          f"failed refits {boot_fit.bootstrap.n_failed}")
    C = boot_fit.budget
    lo, hi = boot_fit.ci["tokens_per_parameter"]
    print(f"   tokens per parameter at C = {C:.3g} FLOPs: {boot_fit.law.tokens_per_parameter(C):.1f} "
          f"(80% interval {lo:.1f} to {hi:.1f})")
    for ref in (laws.HOFFMANN_2022, laws.HOFFMANN_2022_UNROUNDED):
        print(f"      {ref.name}: {ref.tokens_per_parameter(C):.1f}")
    for name in ("E", "A", "B", "alpha", "beta", "a", "b"):
        lo, hi = boot_fit.ci[name]
        print(f"   {name:6s} 80% interval {lo:10.4g} to {hi:10.4g}   bootstrap SE {boot_fit.bootstrap.std(name):.4g}")
    print("   chi-squared test of Hoffmann's parameters (Besiroglu et al.: 238.4, p = 1.7e-49, df 5)")
    for ref in (laws.HOFFMANN_2022, laws.HOFFMANN_2022_UNROUNDED):
        for parametrisation in ("natural", "log"):
            res = law_chi2_test(boot_fit, ref, parametrisation)
            print(f"      {ref.name:45s} {parametrisation:8s} chi2 {res.statistic:8.1f}  p {res.p_value:.3g}")


if __name__ == "__main__":
    main()
