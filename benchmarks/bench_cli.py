"""Start-up time of the ``scalinglaws`` command line.

A planning command should answer as fast as ``--help`` does, so the command
line imports numpy and the planner only after its arguments parse, and never
imports matplotlib or pandas (see ``lib/scalinglaws/cli.py``). This script
measures the wall-clock time of fresh processes:

- ``python -c pass``: the interpreter alone, the floor;
- ``python -m scalinglaws plan --help``: argument parsing only;
- ``python -m scalinglaws plan --flops 1e24 --law epoch``: a closed-form plan;
- the same through the installed ``scalinglaws`` console script;
- ``... --unique-tokens 1e11``: a plan that needs scipy's optimiser.

Each command runs ``--repeats`` times after one warm-up run (which fills the
file cache and writes bytecode); the table gives the median and the fastest.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--repeats 15]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
SCRIPT = str(Path(PYTHON).with_name("scalinglaws"))

COMMANDS = {
    "python -c pass (interpreter floor)": [PYTHON, "-c", "pass"],
    "python -m scalinglaws plan --help": [
        PYTHON,
        "-m",
        "scalinglaws",
        "plan",
        "--help",
    ],
    "python -m scalinglaws plan --flops 1e24 --law epoch": [
        PYTHON,
        "-m",
        "scalinglaws",
        "plan",
        "--flops",
        "1e24",
        "--law",
        "epoch",
    ],
    "scalinglaws plan --flops 1e24 --law epoch (console script)": [
        SCRIPT,
        "plan",
        "--flops",
        "1e24",
        "--law",
        "epoch",
    ],
    "python -m scalinglaws plan --flops 1e24 --unique-tokens 1e11": [
        PYTHON,
        "-m",
        "scalinglaws",
        "plan",
        "--flops",
        "1e24",
        "--law",
        "muennighoff",
        "--unique-tokens",
        "1e11",
    ],
}


def time_command(argv: list[str], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` runs of ``argv`` (after one untimed warm-up)."""
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=15, help="timed runs per command (default 15)"
    )
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    print(
        f"python: {sys.version.split()[0]} at {PYTHON}; {args.repeats} runs per command"
    )
    print(f"{'command':<66} {'median':>8} {'fastest':>8}")
    for label, argv in COMMANDS.items():
        if argv[0] == SCRIPT and not Path(SCRIPT).exists():
            print(f"{label:<66} {'not installed (pip install -e .)':>17}")
            continue
        times = time_command(argv, args.repeats)
        print(
            f"{label:<66} {1e3 * statistics.median(times):>6.0f}ms {1e3 * min(times):>6.0f}ms"
        )


if __name__ == "__main__":
    main()
