"""The package's import graph has no cycle, counting every import the interpreter could run.

Imports inside functions and under ``if TYPE_CHECKING:`` count too: a cycle held apart by deferring
an import is still a cycle (the stages reach up into each other), it only fails later. So does
``importlib.import_module`` with a literal name, or a literal prefix (``f"towns.cli.{name}"`` may
import any module under ``towns.cli``). The graph is read with `ast` from the source, so nothing is
imported to build it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "towns"
ROOT = Path(__file__).resolve().parents[1] / "scripts" / PACKAGE

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path = ROOT) -> str:
    """``towns/eligibility/engine.py`` → ``towns.eligibility.engine``; a package is its ``__init__``."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module a ``from … import`` names, relative imports included."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _dynamic(node: ast.Call, known: set[str]) -> set[str]:
    """The modules an ``import_module(...)`` call may import: a literal name, or all under a prefix."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "import_module" or not node.args:
        return set()
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return {arg.value}
    head = arg.values[0] if isinstance(arg, ast.JoinedStr) and arg.values else None
    if isinstance(head, ast.Constant) and isinstance(head.value, str):
        return {m for m in known if m.startswith(head.value)}
    return set()


def imported(tree: ast.AST, importer: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that ``tree`` imports, anywhere in the file.

    ``from a.b import c`` counts as importing ``a.b.c`` when that is a module, else ``a.b``.
    """
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            out |= _dynamic(node, known)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, importer, is_package)
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                out.add(candidate if candidate in known else source)
    return {name for name in out if name in known}


def _with_parents(target: str, importer: str, known: set[str]) -> set[str]:
    """Importing ``a.b.c`` first runs ``a/__init__`` and ``a/b/__init__``.

    A package's own modules do not depend on the package for that reason: it is already being
    imported whenever they run.
    """
    parts = target.split(".")
    out = {target}
    for size in range(2, len(parts)):
        parent = ".".join(parts[:size])
        if parent in known and not importer.startswith(parent + "."):
            out.add(parent)
    return out


def import_graph(root: Path = ROOT) -> Graph:
    """Module → the package's modules it imports (with the packages those imports initialise)."""
    found = modules(root)
    known = set(found)
    graph: Graph = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = imported(tree, name, path.name == "__init__.py", known)
        graph[name] = {t for target in targets for t in _with_parents(target, name, known)} - {name}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of the graph as ``[a, b, …, a]``, or None; deterministic (sorted traversal)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        on_path = {start}
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                on_path.discard(node)
                done.add(node)
                continue
            nxt = pending.pop(0)
            if nxt in on_path:
                path = [n for n, _ in stack]
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done:
                stack.append((nxt, sorted(graph.get(nxt, ()))))
                on_path.add(nxt)
    return None


def test_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def _write(root: Path, files: dict[str, str]) -> Path:
    package = root / PACKAGE
    for rel, text in files.items():
        path = package / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "def f():\n    from towns.b import g\n",
                "b.py": "from towns import a\n",
            },
            ["towns.a", "towns.b", "towns.a"],
            id="deferred-into-a-function",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from towns.b import B\n",
                "b.py": "import towns.a\n",
            },
            ["towns.a", "towns.b", "towns.a"],
            id="type-checking-only",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "p/__init__.py": "from towns.p.m import x\n",
                "p/m.py": "x = 1\n",
                "q.py": "from towns.p import m\n",
                "r.py": "from towns.q import y\n",
                "p/n.py": "from towns.r import z\n",
            },
            None,
            id="package-reexport-is-no-cycle",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "p/__init__.py": "from towns.p.m import x\n",
                "p/m.py": "from towns.q import y\n",
                "q.py": "from towns.p.n import z\n",
                "p/n.py": "z = 1\n",
            },
            ["towns.p", "towns.p.m", "towns.q", "towns.p"],
            id="through-a-package-init",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "p/__init__.py": "",
                "p/m.py": "from ..q import y\n",
                "q.py": "from .p import m\n",
            },
            ["towns.p.m", "towns.q", "towns.p.m"],
            id="relative-imports",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "cli/__init__.py": "import importlib\n\nimportlib.import_module(f'towns.cli.{name}')\n",
                "cli/check.py": "def run():\n    from towns.cli import EXIT_OK\n",
            },
            ["towns.cli", "towns.cli.check", "towns.cli"],
            id="import-module-by-prefix",
        ),
    ],
)
def test_cycle_finder(tmp_path: Path, files: dict[str, str], expected: list[str] | None) -> None:
    """The finder sees deferred, type-only, package and relative imports, and no false cycle."""
    assert find_cycle(import_graph(_write(tmp_path, files))) == expected
