"""The package's dependencies are honest: every import declared, the trainer numpy-only, no import circles."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib" / "scalinglaws"

#: Import name -> distribution name, where they differ.
DISTRIBUTION_OF = {"distributed": "dask", "sklearn": "scikit-learn"}


def _modules():
    for path in sorted(LIB.rglob("*.py")):
        parts = path.relative_to(LIB.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _imports(path):
    """(module, names) of every import statement in a file, at any depth."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, tuple(alias.name for alias in node.names)


def _declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return {re.split(r"[\[<>=!~ ;]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_every_third_party_import_is_declared_in_pyproject():
    declared = _declared()
    missing = set()
    for _, path in _modules():
        for module, _ in _imports(path):
            top = module.split(".")[0]
            if top == "scalinglaws" or top in sys.stdlib_module_names:
                continue
            if DISTRIBUTION_OF.get(top, top).lower() not in declared:
                missing.add((top, path.name))
    assert not missing, (
        f"imported but not declared in pyproject.toml: {sorted(missing)}"
    )


def test_requirements_pin_every_declared_dependency():
    pinned = {
        re.split(r"[\[<>=!~ ;]", line, maxsplit=1)[0].lower()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-e"))
    }
    assert _declared() <= pinned


def test_the_trainer_imports_neither_pandas_nor_matplotlib():
    code = (
        "import sys, scalinglaws.train, scalinglaws.train.recipes, scalinglaws.train.runner;"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'scalinglaws.fitting') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_science_never_imports_the_book_tooling():
    for name, path in _modules():
        if name.startswith("scalinglaws.book"):
            continue
        for module, _ in _imports(path):
            assert not module.startswith("scalinglaws.book"), f"{name} imports {module}"


def _graph():
    modules = dict(_modules())
    edges = {name: set() for name in modules}
    for name, path in modules.items():
        for module, names in _imports(path):
            if not module.startswith("scalinglaws"):
                continue
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            if len(targets) < len(names) or not names:
                targets.append(
                    module
                )  # names defined in the module (or package) itself
            edges[name] |= {t for t in targets if t in modules and t != name}
    return edges


def test_there_are_no_import_circles_between_modules():
    # A package's __init__ re-exports its modules, so edges into a package
    # stand for its __init__; circles through an __init__ that a module
    # imports names from are circles too.
    edges = _graph()
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, f"import circles: {cycles[:3]}"


@pytest.mark.parametrize(
    "package",
    ["fitting", "train", "laws", "planning", "emergence", "synthetic", "datasets"],
)
def test_each_subpackage_lists_what_a_reader_calls(package):
    module = __import__(f"scalinglaws.{package}", fromlist=["__all__"])
    assert module.__all__, f"scalinglaws.{package} has no __all__"
    for name in module.__all__:
        assert hasattr(module, name), (
            f"scalinglaws.{package}.__all__ names {name!r}, which it lacks"
        )
        assert not name.startswith("_")


def test_no_library_function_is_longer_than_80_lines():
    # Docstrings excluded: a function the reader meets should fit on a screen or two.
    import ast

    long = []
    for _, path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.body[0]
                doc = (
                    first.end_lineno - first.lineno + 1
                    if isinstance(first, ast.Expr)
                    and isinstance(getattr(first, "value", None), ast.Constant)
                    and isinstance(first.value.value, str)
                    else 0
                )
                if node.end_lineno - node.lineno + 1 - doc > 80:
                    long.append(f"{path.name}:{node.name}")
    assert not long, f"functions over 80 lines (docstring excluded): {long}"
