"""The command line: ``scalinglaws plan --flops 1e24 --law epoch``.

Prints :func:`scalinglaws.planning.plan`'s table (or its JSON with ``--json``).
Installed as the ``scalinglaws`` console script, and run by
``python -m scalinglaws`` too. Chapter 8 (*Beyond Chinchilla*) shows it in use.

Two rules shape this module:

- Bad arguments end with one line on stderr and exit status 2, never a
  traceback: argparse's errors and the library's ``ValueError`` both end up
  in :func:`main`'s single error path.
- Start-up stays fast: only the standard library is imported at module
  level; numpy and the planner are imported once the arguments parse, and
  matplotlib and pandas never are.
"""

from __future__ import annotations

import argparse
import json
import sys

#: The laws ``--law`` accepts; the same names as ``scalinglaws.planning.LAW_NAMES``
#: (written out here so that ``--help`` needs no numerical import; a test keeps
#: the two in step).
LAW_CHOICES = ("hoffmann", "hoffmann-unrounded", "epoch", "muennighoff", "kaplan")

EXIT_USAGE = 2


class UsageError(Exception):
    """A command-line argument was wrong; the message is one sentence."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage block and exits on a bad argument; raise
    # instead, so that main() reports every error the same way, in one line.
    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``scalinglaws`` command."""
    parser = _Parser(
        prog="scalinglaws",
        description="Scaling-law tools from 'Scaling Laws, Reproduced'.",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    p = commands.add_parser(
        "plan",
        help="plan a training run from a compute budget",
        description=(
            "Split a training budget between parameters and tokens under a published scaling law "
            "and print the model size, tokens, tokens per parameter, predicted loss, and, given "
            "the hardware, the accelerator-hours, wall-clock time and cost."
        ),
        epilog="Example: scalinglaws plan --flops 1e24 --law epoch",
    )
    _add_budget_arguments(p)
    _add_hardware_arguments(p)
    _add_law_arguments(p)
    p.add_argument(
        "--json", action="store_true", help="print the plan as JSON instead of a table"
    )
    return parser


def _add_budget_arguments(p) -> None:
    """The budget of ``plan``: FLOPs, accelerator-hours or money, exactly one."""
    budget = p.add_argument_group(
        "budget (give exactly one)"
    ).add_mutually_exclusive_group(required=True)
    budget.add_argument(
        "--flops", type=float, metavar="C", help="training budget in FLOPs, e.g. 1e24"
    )
    budget.add_argument(
        "--gpu-hours",
        "--accelerator-hours",
        dest="gpu_hours",
        type=float,
        metavar="H",
        help="budget in accelerator-hours (needs --peak-flops and --utilisation)",
    )
    budget.add_argument(
        "--money",
        type=float,
        metavar="M",
        help="budget in money (needs --price, --peak-flops and --utilisation)",
    )


def _add_hardware_arguments(p) -> None:
    """The hardware of ``plan``: peak FLOP/s, utilisation, price, accelerators."""
    hardware = p.add_argument_group("hardware")
    hardware.add_argument(
        "--peak-flops",
        type=float,
        metavar="F",
        help="peak FLOP/s of one accelerator, e.g. 989e12 for an H100 (dense BF16)",
    )
    hardware.add_argument(
        "--utilisation",
        "--utilization",
        dest="utilisation",
        type=float,
        metavar="U",
        help="model FLOPs utilisation in (0, 1], e.g. 0.4",
    )
    hardware.add_argument(
        "--price", type=float, metavar="P", help="price of one accelerator-hour"
    )
    hardware.add_argument(
        "--gpus",
        type=int,
        metavar="K",
        help="accelerators in parallel (for wall-clock time)",
    )


def _add_law_arguments(p) -> None:
    """The law ``plan`` plans under, and its inference-aware and data-constrained variants."""
    law = p.add_argument_group("law").add_mutually_exclusive_group()
    law.add_argument(
        "--law",
        choices=LAW_CHOICES,
        default="hoffmann",
        help="published law to plan under (default: hoffmann, i.e. Hoffmann et al. 2022 eq. 10)",
    )
    law.add_argument(
        "--constants",
        type=float,
        nargs=5,
        metavar=("E", "A", "B", "ALPHA", "BETA"),
        help="plan under your own fitted law L = E + A/N^ALPHA + B/D^BETA",
    )
    variant = p.add_argument_group("variants")
    variant.add_argument(
        "--inference-tokens",
        type=float,
        default=0.0,
        metavar="T",
        help="tokens the model will serve: plan inference-aware (Sardana et al. 2024)",
    )
    variant.add_argument(
        "--unique-tokens",
        type=float,
        metavar="U",
        help="unique tokens available: plan data-constrained (Muennighoff et al. 2023)",
    )


# (attribute, flag, lowest allowed value, whether the lowest is allowed)
_NUMBERS = (
    ("flops", "--flops", 0, False),
    ("gpu_hours", "--gpu-hours", 0, False),
    ("money", "--money", 0, False),
    ("peak_flops", "--peak-flops", 0, False),
    ("utilisation", "--utilisation", 0, False),
    ("price", "--price", 0, False),
    ("gpus", "--gpus", 1, True),
    ("inference_tokens", "--inference-tokens", 0, True),
    ("unique_tokens", "--unique-tokens", 0, False),
)


def check_arguments(args) -> None:
    """Check the numbers and their combinations, naming the flags in the messages.

    The planner checks all of this too, but names its own parameters;
    checking here first lets the error say which flag to fix.
    """
    for attribute, flag, lowest, inclusive in _NUMBERS:
        value = getattr(args, attribute)
        if value is None:
            continue
        if (
            value != value
            or value in (float("inf"), float("-inf"))
            or value < lowest
            or (value == lowest and not inclusive)
        ):
            kind = "a whole number" if attribute == "gpus" else "a finite number"
            bound = f">= {lowest}" if inclusive else f"> {lowest}"
            raise UsageError(f"{flag} must be {kind} {bound}, got {value!r}.")
    if args.utilisation is not None and args.utilisation > 1:
        raise UsageError(
            f"--utilisation is a fraction of peak and must be in (0, 1], got {args.utilisation!r}."
        )
    hardware = args.peak_flops is not None and args.utilisation is not None
    needs = {
        "--gpu-hours": args.gpu_hours,
        "--money": args.money,
        "--price": args.price,
        "--gpus": args.gpus,
    }
    for flag, value in needs.items():
        if value is not None and not hardware:
            raise UsageError(
                f"{flag} needs --peak-flops and --utilisation to convert between FLOPs and hours."
            )
    if (args.peak_flops is None) != (args.utilisation is None):
        raise UsageError("give --peak-flops and --utilisation together.")
    if args.money is not None and args.price is None:
        raise UsageError("--money needs --price (the price of one accelerator-hour).")
    if args.inference_tokens > 0 and args.unique_tokens is not None:
        raise UsageError("give --inference-tokens or --unique-tokens, not both.")


def _run_plan(args) -> str:
    # Deferred imports: the planner pulls in numpy, which --help never needs.
    from scalinglaws.planning import plan

    if args.constants is not None:
        from scalinglaws.laws import ChinchillaLaw

        E, A, B, alpha, beta = args.constants
        law = ChinchillaLaw(
            E=E, A=A, B=B, alpha=alpha, beta=beta, name="the law given by --constants"
        )
    else:
        law = args.law
    result = plan(
        args.flops,
        accelerator_hours=args.gpu_hours,
        money=args.money,
        peak_flops=args.peak_flops,
        utilisation=args.utilisation,
        price_per_hour=args.price,
        n_accelerators=args.gpus,
        law=law,
        inference_tokens=args.inference_tokens,
        unique_tokens=args.unique_tokens,
    )
    if args.json:
        return json.dumps(result.to_dict(), indent=2)
    return str(result)


def main(argv=None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("choose a command: plan (see scalinglaws --help)")
        check_arguments(args)
        output = _run_plan(args)
    except (UsageError, ValueError) as error:
        message = " ".join(str(error).split())  # one line, whatever the message held
        print(f"scalinglaws: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
