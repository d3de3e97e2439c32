"""How fast the numpy trainer runs, against this machine's matmul speed.

Prints, in one run:

1. numpy's float32 matmul speed on 1024 x 1024 matrices, in the BLAS set-up
   the book's sweeps use (one thread per run, the pinned OpenBLAS kernel; see
   ``scalinglaws.train.blas``) and, for reference, with the kernel and thread
   count OpenBLAS picks by itself on this machine;
2. for the largest model of each family in the book's sweeps, the training
   speed in 6ND FLOPs per second (Kaplan et al. 2020, section 2.1: N
   non-embedding parameters, D tokens) and in exactly counted matmul FLOPs
   per second, each as a fraction of the matmul speed.

Training is timed over whole steps (sampling a batch, forward, backward,
gradient clipping, AdamW), without evaluation.

Usage::

    python benchmarks/bench_train.py [--steps 30] [--native-kernel]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

_MATMUL_SNIPPET = """
import json, time, numpy as np
a = np.random.default_rng(0).standard_normal((1024, 1024)).astype(np.float32)
b = a.T.copy()
a @ b
best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    a @ b
    best = min(best, time.perf_counter() - start)
print(json.dumps(2 * 1024**3 / best))
"""

# The sweeps' BLAS set-up (scalinglaws.train.blas), written out here because it
# must be in the environment before anything imports numpy, and importing
# scalinglaws.train does. main() checks it against the library's constants.
SWEEP_THREADS = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
SWEEP_CORETYPE = ("OPENBLAS_CORETYPE", "Haswell")


def matmul_flops_per_second(repeats=20):
    """Best-of-``repeats`` FLOP/s of a float32 1024 x 1024 matmul in this process."""
    import numpy as np

    a = np.random.default_rng(0).standard_normal((1024, 1024)).astype(np.float32)
    b = a.T.copy()
    a @ b  # warm up: thread start-up, page faults
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * 1024**3 / best


def native_matmul(threads):
    """The same measurement in a fresh process with OpenBLAS's own kernel choice and ``threads`` threads."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE",)}
    env.update(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    out = subprocess.run(
        [sys.executable, "-c", _MATMUL_SNIPPET],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(out.stdout))


def largest_configs():
    """The largest model (most parameters) of each family in the book's sweeps."""
    from scalinglaws.train import recipes as configs
    from scalinglaws.train.run import describe_model

    best = {}
    for build in configs.SWEEPS.values():
        for config in build():
            n = describe_model(config)["n_params"]
            if config.family not in best or n > best[config.family][0]:
                best[config.family] = (n, config)
    return [c for _, c in best.values()]


def time_training(config, steps):
    """Seconds per training step of ``config``'s model, and tokens per step."""
    import numpy as np

    from scalinglaws.train.optim import AdamW, clip_by_global_norm
    from scalinglaws.train.run import make_model, make_source

    source = make_source(config)
    model = make_model(config, source, seed=0)
    rng = np.random.default_rng(0)
    if config.family == "parity":

        def next_batch():
            return source.sample(config.batch_size, rng)[:2]
    else:

        def next_batch():
            return source.sample_batch(config.batch_size, config.seq_len, rng)

    optimizer = AdamW(
        model.params, betas=config.betas, weight_decay=config.weight_decay
    )

    def step():
        _, grads = model.loss_and_grads(*next_batch())
        clip_by_global_norm(grads, config.grad_clip or float("inf"))
        optimizer.step(grads, config.lr)

    for _ in range(3):  # warm up: buffers, caches
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps, model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--steps",
        type=int,
        default=30,
        help="timed training steps per model (default 30)",
    )
    parser.add_argument(
        "--native-kernel",
        action="store_true",
        help="let OpenBLAS pick its kernel instead of the sweeps' pinned one",
    )
    args = parser.parse_args(argv)

    # Before numpy loads: the set-up of a sweep worker.
    os.environ.update(SWEEP_THREADS)
    if not args.native_kernel:
        os.environ[SWEEP_CORETYPE[0]] = SWEEP_CORETYPE[1]
    from scalinglaws.train import blas

    assert set(SWEEP_THREADS) == set(blas.THREAD_VARIABLES)
    assert SWEEP_CORETYPE == (blas.CORETYPE_VARIABLE, blas.SWEEP_CORETYPE)
    matmul = matmul_flops_per_second()
    print(
        f"BLAS: OpenBLAS kernel {blas.core_name()!r}, 1 thread (as in a sweep worker)"
    )
    print(f"matmul float32 1024x1024: {matmul / 1e9:7.1f} GFLOP/s")
    native_1 = native_matmul(1)
    native_all = native_matmul(os.cpu_count() or 1)
    print(
        f"  reference, OpenBLAS's own kernel: {native_1 / 1e9:.1f} GFLOP/s with 1 thread, "
        f"{native_all / 1e9:.1f} GFLOP/s with {os.cpu_count()} threads"
    )
    print()
    header = (
        f"{'family':12s} {'model':28s} {'N (non-emb)':>11s} {'tokens/s':>10s} {'6ND GFLOP/s':>12s} "
        f"{'counted GFLOP/s':>16s} {'counted/matmul':>15s} {'counted/native':>15s}"
    )
    print(header)
    for config in largest_configs():
        seconds, model = time_training(config, args.steps)
        tokens_per_second = config.tokens_per_step / seconds
        six_nd = 6.0 * model.n_params_non_embedding * tokens_per_second
        counted = model.train_flops_per_token() * tokens_per_second
        shape = ", ".join(f"{k}={v}" for k, v in config.model.items() if v is not None)
        print(
            f"{config.family:12s} {shape:28s} {model.n_params_non_embedding:11d} {tokens_per_second:10.0f} "
            f"{six_nd / 1e9:12.1f} {counted / 1e9:16.1f} {counted / matmul:15.2f} {counted / native_1:15.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
