"""Command line for the book's sweeps: ``python -m scalinglaws.train.sweeps``.

``make sweeps`` runs every sweep of :data:`scalinglaws.train.recipes.SWEEPS`
and writes ``lib/scalinglaws/data/runs/<name>.csv`` and ``<name>.json``.
Finished runs are skipped, so an interrupted ``make sweeps`` picks up where
it stopped. ``--quick`` trains the small live subset of
:func:`scalinglaws.train.recipes.quick` into a temporary folder instead.

Examples
--------
::

    python -m scalinglaws.train.sweeps                    # everything, 2 workers by default
    python -m scalinglaws.train.sweeps --only markov_isoflop --workers 4
    python -m scalinglaws.train.sweeps --quick            # about a minute
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from scalinglaws.train import blas, recipes
from scalinglaws.train.results import RUNS_DIR
from scalinglaws.train.runner import keep_only, run_sweep


def write_sweep(
    name,
    sweep_configs,
    out_dir,
    workers,
    progress=None,
    coretype=blas.SWEEP_CORETYPE,
    description="",
):
    """Run one sweep into ``out_dir/<name>.csv`` and record its design in ``<name>.json``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{name}.csv"
    df = run_sweep(
        sweep_configs,
        csv_path,
        workers=workers,
        progress=progress,
        blas_coretype=coretype,
    )
    keep_only(csv_path, [c.run_id for c in sweep_configs])
    design = {
        "name": name,
        "description": " ".join(description.split()),
        "command": f"python -m scalinglaws.train.sweeps --only {name}",
        "blas_coretype": coretype,
        "blas_threads_per_run": 1,
        "configs": [c.to_dict() for c in sweep_configs],
    }
    (out_dir / f"{name}.json").write_text(
        json.dumps(design, indent=1, sort_keys=True) + "\n"
    )
    return df


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m scalinglaws.train.sweeps", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="train only the small live subset (about a minute)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        choices=sorted(recipes.SWEEPS),
        help="run only these sweeps",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"output folder (default {RUNS_DIR} for the full sweeps, a temporary folder for --quick)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="parallel runs (default 2)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--list",
        action="store_true",
        help="list the sweeps and their run counts, then exit",
    )
    args = parser.parse_args(argv)

    if args.list:
        for name, build in recipes.SWEEPS.items():
            print(f"{name:24s} {len(build()):3d} runs")
        return 0
    start = time.perf_counter()
    if args.quick:
        out = args.out or Path(tempfile.gettempdir()) / "scalinglaws_quick_runs"
        df = write_sweep(
            "quick",
            recipes.quick(),
            out,
            args.workers,
            False if args.no_progress else None,
            description=recipes.quick.__doc__,
        )
        print(
            f"{len(df)} quick runs in {out / 'quick.csv'} ({time.perf_counter() - start:.0f} s)"
        )
        return 0
    out = args.out or RUNS_DIR
    for name in args.only or list(recipes.SWEEPS):
        build = recipes.SWEEPS[name]
        sweep_configs = build()
        print(f"{name}: {len(sweep_configs)} runs", file=sys.stderr)
        write_sweep(
            name,
            sweep_configs,
            out,
            args.workers,
            False if args.no_progress else None,
            description=recipes.DESCRIPTIONS[name],
        )
    print(f"sweeps written to {out} in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
