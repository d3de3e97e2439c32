"""The ``scalinglaws`` command line: output, JSON, one-line errors with exit status 2, light start-up."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scalinglaws import cli
from scalinglaws.planning import LAW_NAMES, plan


def run(*args, module=True):
    command = [sys.executable, "-m", "scalinglaws", *args] if module else list(args)
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_plan_prints_the_planners_table():
    done = run("plan", "--flops", "1e24", "--law", "epoch")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == str(plan(1e24, law="epoch"))


def test_json_output_is_the_plans_dict():
    done = run(
        "plan",
        "--money",
        "1e6",
        "--price",
        "2",
        "--peak-flops",
        "989e12",
        "--utilisation",
        "0.4",
        "--gpus",
        "256",
        "--law",
        "muennighoff",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    expected = plan(
        money=1e6,
        price_per_hour=2,
        peak_flops=989e12,
        utilisation=0.4,
        n_accelerators=256,
        law="muennighoff",
    ).to_dict()
    assert got.keys() == expected.keys()
    for key in (
        "budget_flops",
        "params",
        "tokens",
        "loss",
        "accelerator_hours",
        "wall_clock_days",
        "cost",
    ):
        assert got[key] == pytest.approx(expected[key], rel=1e-12)
    assert got["cost"] == pytest.approx(1e6)


def test_variants_and_own_constants_in_process(capsys):
    assert (
        cli.main(
            ["plan", "--flops", "1e23", "--inference-tokens", "1e13", "--law", "epoch"]
        )
        == 0
    )
    assert "inference-aware plan" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "plan",
                "--flops",
                "1e23",
                "--unique-tokens",
                "1e11",
                "--law",
                "muennighoff",
            ]
        )
        == 0
    )
    assert "epochs D/U" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "plan",
                "--flops",
                "5.76e23",
                "--constants",
                "1.69",
                "406.4",
                "410.7",
                "0.34",
                "0.28",
                "--json",
            ]
        )
        == 0
    )
    own = json.loads(capsys.readouterr().out)
    assert own["params"] == pytest.approx(
        plan(5.76e23, law="hoffmann").params, rel=1e-12
    )


BAD_ARGUMENTS = [
    ([], "choose a command"),
    (["plan"], "one of the arguments --flops"),
    (["plan", "--flops", "abc"], "invalid float value"),
    (["plan", "--flops=-1e24"], "--flops must be a finite number > 0"),
    (
        ["plan", "--flops", "-1e24"],
        "expected one argument",
    ),  # argparse reads -1e24 as an option
    (["plan", "--flops", "nan"], "--flops must be a finite number"),
    (["plan", "--flops", "1e24", "--law", "gpt5"], "invalid choice"),
    (["plan", "--flops", "1e24", "--gpu-hours", "10"], "not allowed with"),
    (
        ["plan", "--gpu-hours", "1e6"],
        "--gpu-hours needs --peak-flops and --utilisation",
    ),
    (["plan", "--flops", "1e24", "--peak-flops", "1e15"], "together"),
    (
        ["plan", "--money", "1e6", "--peak-flops", "1e15", "--utilisation", "0.5"],
        "--money needs --price",
    ),
    (
        ["plan", "--flops", "1e24", "--peak-flops", "1e15", "--utilisation", "1.2"],
        "(0, 1]",
    ),
    (
        [
            "plan",
            "--flops",
            "1e24",
            "--gpus",
            "0",
            "--peak-flops",
            "1e15",
            "--utilisation",
            "0.5",
        ],
        "whole number",
    ),
    (
        [
            "plan",
            "--flops",
            "1e24",
            "--inference-tokens",
            "1e12",
            "--unique-tokens",
            "1e9",
        ],
        "not both",
    ),
    (
        ["plan", "--flops", "1e24", "--law", "kaplan", "--inference-tokens", "1e12"],
        "Chinchilla-form",
    ),
    (["plan", "--flops", "1e24", "--constants", "1", "2", "3"], "expected 5 arguments"),
    (
        ["plan", "--flops", "1e24", "--constants", "1.7", "400", "400", "0.3", "-0.3"],
        "beta must be",
    ),
    (["plan", "--flops", "1e24", "--unknown"], "unrecognized arguments"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize(
    "argv, fragment",
    BAD_ARGUMENTS,
    ids=[" ".join(a) or "(none)" for a, _ in BAD_ARGUMENTS],
)
def test_bad_arguments_in_process(argv, fragment, capsys):
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("scalinglaws: error: ")
    assert fragment in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--flops", "-1"],
        ["plan", "--flops", "1e24", "--law", "nope"],
        ["plan", "--gpu-hours", "100"],
        ["plan", "--flops", "1e24", "--law", "kaplan", "--unique-tokens", "1e9"],
        ["plan"],
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(argv):
    done = run(*argv)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_help_exits_zero():
    done = run("plan", "--help")
    assert done.returncode == 0
    assert "--inference-tokens" in done.stdout and "--unique-tokens" in done.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("scalinglaws")
    assert script.exists(), (
        "reinstall the package (pip install -e .) to create the scalinglaws script"
    )
    done = run(str(script), "plan", "--flops", "1e21", "--law", "epoch", module=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(plan(1e21, law="epoch"))


def test_the_cli_imports_no_plotting_or_table_stack():
    code = (
        "import sys; from scalinglaws.cli import main; "
        "main(['plan', '--flops', '1e24', '--law', 'epoch']); "
        "print(sorted(m for m in ('matplotlib', 'pandas', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_law_choices_match_the_planner():
    assert cli.LAW_CHOICES == LAW_NAMES
