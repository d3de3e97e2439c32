"""The sweep runner: many independent runs, any executor, one resumable results file.

A sweep is a list of :class:`~scalinglaws.train.run.RunConfig`. Each run's
record is appended to a CSV file as soon as it finishes, and flushed to disk,
so an interrupted sweep loses no finished run; running the same sweep again
skips every config whose ``run_id`` is already in the file.

Warm-up-stable-decay runs that differ only in length (same
:func:`~scalinglaws.train.run.branch_key`) go to one worker together, which
trains their shared stable phase once
(:func:`~scalinglaws.train.run.run_branches`); every other run is a job of its own.

Runs go through a :class:`concurrent.futures.Executor`: by default a local
process pool (one BLAS thread per worker, so that workers do not fight over
cores and results do not depend on the load), or any executor you pass, such
as a Dask cluster's ``Client(...).get_executor()``.

The file format and its reader are in :mod:`scalinglaws.train.results`.
The progress bar needs ``tqdm`` (``pip install scalinglaws[progress]``);
without it, sweeps run without a bar.
"""

from __future__ import annotations

import concurrent.futures
import csv
import multiprocessing
import os
import sys
from pathlib import Path

from scalinglaws.train import blas
from scalinglaws.train.config import RunConfig
from scalinglaws.train.results import COLUMNS, read_results, record_to_row
from scalinglaws.train.run import branch_key, describe_model, run_job


def _repair(path):
    """Drop a half-written last line (a run interrupted while writing); return the file's run ids."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    with open(path, "rb+") as f:
        data = f.read()
        if not data.endswith(b"\n"):
            f.truncate(data.rfind(b"\n") + 1)
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return set()
        if tuple(header) != COLUMNS:
            raise ValueError(
                f"{path} has columns {header[:4]}..., not those of this library's results files; "
                "write the sweep to another path."
            )
        return {row[0] for row in reader if row}


def _append(path, record):
    """Append one run's row and push it to disk before returning."""
    new_file = not path.exists() or path.stat().st_size == 0
    with open(path, "a", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        if new_file:
            writer.writerow(COLUMNS)
        writer.writerow(record_to_row(record))
        f.flush()
        os.fsync(f.fileno())


def estimated_cost(config):
    """Training FLOPs of a config (exact matmul count times tokens), used to order and time the runs."""
    tokens_run = (
        config.tokens // config.tokens_per_step
    ) * config.tokens_per_step  # whole steps only
    return describe_model(config)["train_flops_per_token"] * tokens_run


def _pin_worker():
    blas.pin_threads(1)


def run_sweep(
    configs,
    path,
    *,
    executor=None,
    workers=None,
    progress=None,
    on_result=None,
    blas_coretype=None,
):
    """Run every config not yet in ``path``, appending each record as it finishes.

    Parameters
    ----------
    configs : sequence of RunConfig or dict
    path : str or Path
        The results CSV; created if missing, resumed if present.
    executor : concurrent.futures.Executor, optional
        Where runs execute. Default: a process pool of ``workers`` processes
        (started with "spawn", one BLAS thread each), shut down at the end. A
        passed executor is used as is and left running; e.g. on a Dask
        cluster, ``distributed.Client(address).get_executor()``.
    workers : int, optional
        Size of the default pool; default ``os.cpu_count()``.
    progress : bool, optional
        Show a tqdm bar of compute done, with runs done and time left.
        Default: when ``tqdm`` is installed (the ``progress`` extra).
        ``True`` without tqdm raises ImportError.
    on_result : callable, optional
        Called with each record after it has been written.
    blas_coretype : str, optional
        OpenBLAS kernel the default pool's workers are forced to use (the
        book's sweeps use :data:`scalinglaws.train.blas.SWEEP_CORETYPE` so
        that any x86-64 machine can reproduce them bitwise). Ignored when an
        ``executor`` is passed: configure its workers yourself.

    Returns
    -------
    pandas.DataFrame
        The results of ``configs`` (finished earlier or now), in their order.

    Raises
    ------
    ValueError
        If a config is invalid or two configs are the same run.
    RuntimeError
        If some runs failed; the others are saved, and re-running retries the failed ones.
    """
    configs = [
        c if isinstance(c, RunConfig) else RunConfig.from_dict(c) for c in configs
    ]
    ids = [c.run_id for c in configs]
    if len(set(ids)) != len(ids):
        raise ValueError(
            "configs contains the same run twice; give repeated runs different seeds or tags."
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    done = _repair(path)
    pending = [c for c in configs if c.run_id not in done]
    costs = {c.run_id: estimated_cost(c) for c in pending}
    pending.sort(
        key=lambda c: -costs[c.run_id]
    )  # longest first: the pool ends together

    failures = []
    if pending:
        if executor is None:
            with (
                blas.worker_environment(1, blas_coretype),
                _local_pool(workers) as pool,
            ):
                failures = _execute(pending, costs, path, pool, progress, on_result)
        else:
            failures = _execute(pending, costs, path, executor, progress, on_result)
    if failures:
        listed = "; ".join(f"{i}: {e}" for i, e in failures)
        raise RuntimeError(
            f"{len(failures)} run(s) failed and were not saved ({listed})."
        )
    results = read_results(path).set_index("run_id")
    return results.loc[ids].reset_index()


def _jobs(pending):
    """The runs grouped into jobs: the branches of one stable run together, every other run alone."""
    jobs, branches = [], {}
    for c in pending:
        key = branch_key(c)
        if key is None:
            jobs.append([c])
        else:
            branches.setdefault(key, []).append(c)
    return jobs + list(branches.values())


def _execute(pending, costs, path, executor, progress, on_result):
    """Submit the jobs and write each record as it arrives; return the failures."""
    failures = []
    bar = _progress_bar(progress, sum(costs.values()), len(pending))
    futures = {}
    try:
        futures = {
            executor.submit(run_job, [c.to_dict() for c in job]): job
            for job in _jobs(pending)
        }
        finished = 0
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                records = future.result()
            except (
                Exception
            ) as err:  # keep going: the other runs are still worth having
                for config in job:
                    failures.append((config.run_id, repr(err)))
                print(
                    f"run(s) {[c.run_id for c in job]} failed: {err!r}", file=sys.stderr
                )
                continue
            for config, record in zip(job, records):
                _append(path, record)
                finished += 1
                if bar is not None:
                    bar.set_description(f"{finished}/{len(pending)} runs")
                    bar.update(costs[config.run_id])
                if on_result is not None:
                    on_result(record)
    except BaseException:
        for future in futures:
            future.cancel()  # runs not started yet; finished ones are already on disk
        raise
    finally:
        if bar is not None:
            bar.close()
    return failures


def _local_pool(workers):
    workers = (os.cpu_count() or 1) if workers is None else int(workers)
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}.")
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_pin_worker,
    )


def _progress_bar(enabled, total_flops, n_runs):
    if enabled is False:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if enabled:
            raise ImportError(
                "progress=True needs tqdm: pip install 'scalinglaws[progress]' "
                "(or tqdm), or pass progress=False."
            ) from None
        return None
    return tqdm(
        total=total_flops,
        desc=f"0/{n_runs} runs",
        unit="FLOP",
        unit_scale=True,
        bar_format="{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]",
    )


def keep_only(path, run_ids):
    """Rewrite a results file with only the given runs, in the given order (atomically).

    After a sweep's design changes, its file still holds the rows of runs
    that are no longer part of it; this drops them.
    """
    path = Path(path)
    _repair(path)
    with open(path, newline="") as f:
        rows = {row[0]: row for row in csv.reader(f) if row}
    missing = [i for i in run_ids if i not in rows]
    if missing:
        raise ValueError(
            f"{path} has no row for run(s) {missing[:3]}; run the sweep first."
        )
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows[i] for i in run_ids)
    os.replace(tmp, path)
