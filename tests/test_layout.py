"""The layout shows the pipeline: a module imports only its own stage or earlier ones, no
modules import each other in a cycle, and no module grows past 400 lines.

The import graph is read from the source with :mod:`ast` (nothing is imported). Every import
counts wherever it is written, at the top, inside a function (a lazy import is still a
dependency) or under ``if TYPE_CHECKING:``; so do ``importlib.import_module("medlint.x")`` and
registry strings naming a module (``"medlint.report.text:TextReporter"``), which are lazy
imports by another name.

``TYPE_CHECKING`` imports count for the stage order: a module that names a later stage's type
cannot be read or changed without that stage, which is what the order forbids. They do not
count for cycles: they never run, so they cannot cause the half-initialised module that makes a
runtime cycle a bug, and breaking such a loop is what ``TYPE_CHECKING`` is for. A loop between
two *stages* through types is still caught, by the stage order.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

SRC: Final = Path(__file__).resolve().parents[1] / "src"

# The pipeline in order; a module belongs to the first prefix that names it or its package.
# cache is base level for now (it may be removed).
STAGES: Final = (
    ("medlint.errors", "medlint.findings", "medlint.cache"),
    ("medlint.read",),
    ("medlint.document",),
    ("medlint.context",),
    ("medlint.rules",),
    ("medlint.engine",),
    ("medlint.filters",),
    ("medlint.linter", "medlint.testing", "medlint.arguments"),
    ("medlint.report",),
    ("medlint.config",),
    ("medlint.run", "medlint.distributed"),
    ("medlint.server",),
    ("medlint.cli",),
)
# The package's front door and ``python -m medlint`` may import anything (lazily).
UNRANKED: Final = frozenset({"medlint", "medlint.__main__"})
MAX_LINES: Final = 400
# Cycles in code that other work is rewriting now, each with the fix; the test fails when one
# is gone, so that its entry is deleted.
KNOWN_CYCLES: Final[frozenset[str]] = frozenset()


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    type_only: bool  # under ``if TYPE_CHECKING:``
    lazy: bool  # inside a function, or a registry entry

    def __str__(self) -> str:
        return f"{self.source} imports {self.target} (line {self.line})"


def find_modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under ``root``."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def stage_of(module: str) -> int | None:
    for rank, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _named_module(name: str, modules: Mapping[str, Path]) -> str | None:
    """The medlint module that ``import name`` imports (``a.b.c``: ``a.b.c`` or the package
    ``a.b`` when c is a name in it)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, path: Path, modules: Mapping[str, Path]) -> Iterator[Import]:
    """Every import of a known module written anywhere in ``path``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    type_only: set[ast.AST] = set()
    lazy: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            type_only.update(sub for inner in node.body for sub in ast.walk(inner))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lazy.update(sub for inner in node.body for sub in ast.walk(inner))
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        registry = False
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from pkg import name`` imports the submodule pkg.name when there is one.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # import_module("medlint.x") or a registry entry "medlint.x:Name"
            name = node.value.partition(":")[0]
            names, registry = ([name], True) if "." in name and name in modules else ([], False)
        for name in names:
            target = _named_module(name, modules)
            if target is not None and target != module and (target, node.lineno) not in found:
                found.add((target, node.lineno))
                yield Import(
                    module, target, node.lineno, node in type_only, registry or node in lazy
                )


def import_graph(root: Path) -> list[Import]:
    modules = find_modules(root)
    return [i for m, path in modules.items() for i in imports_of(m, path, modules)]


def find_cycles(edges: Sequence[Import]) -> list[str]:
    """Per strongly connected group of modules: a shortest cycle through its first module
    (``a -> b -> a``), then the group's other members if any."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
    # Tarjan's algorithm, recursive (the graph is a few dozen modules).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_describe(sorted(group), graph) for group in groups]


def _describe(group: Sequence[str], graph: Mapping[str, set[str]]) -> str:
    cycle = _cycle_in(group, graph)
    rest = sorted(set(group) - set(cycle))
    return " -> ".join(cycle) + (f" (the loop also takes in {', '.join(rest)})" if rest else "")


def _cycle_in(group: Sequence[str], graph: Mapping[str, set[str]]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = group[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph.get(node, set()) & set(group)):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle in {group}")  # a strongly connected group always has one


def stage_violations(edges: Sequence[Import]) -> list[str]:
    found = []
    for edge in edges:
        if edge.source.partition(".")[0] != "medlint" or edge.source in UNRANKED:
            continue
        source, target = stage_of(edge.source), stage_of(edge.target)
        if source is not None and target is not None and target > source:
            found.append(f"{edge}: a later stage")
    return found


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    return import_graph(SRC)


def test_every_module_has_a_stage() -> None:
    unplaced = [m for m in find_modules(SRC) if m not in UNRANKED and stage_of(m) is None]
    assert not unplaced, f"place these modules in tests/test_layout.py STAGES: {unplaced}"


def test_the_graph_is_read(graph: list[Import]) -> None:
    """Guards the tests below against passing on an empty graph."""
    edges = {(i.source, i.target) for i in graph}
    assert ("medlint.linter", "medlint.engine.engine") in edges
    assert ("medlint.report", "medlint.report.text") in edges  # a registry entry


def test_no_import_cycles(graph: list[Import]) -> None:
    # The package's front door imports lazily, on first use, and is exempt (see UNRANKED).
    edges = [i for i in graph if not i.type_only and not (i.lazy and i.source in UNRANKED)]
    cycles = find_cycles(edges)
    new = [c for c in cycles if c.partition(" (")[0] not in KNOWN_CYCLES]
    assert not new, "import cycles:\n" + "\n".join(new)
    gone = KNOWN_CYCLES - {c.partition(" (")[0] for c in cycles}
    assert not gone, f"delete these from KNOWN_CYCLES, they are fixed: {sorted(gone)}"


def test_modules_import_only_their_stage_or_earlier(graph: list[Import]) -> None:
    found = stage_violations(graph)
    assert not found, "imports from a later stage:\n" + "\n".join(found)


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in find_modules(SRC).items()
    }
    long = [f"{m}: {n} lines" for m, n in sizes.items() if n > MAX_LINES]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)


def test_the_checks_see_lazy_type_only_and_relative_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "medlint"
    (pkg / "read").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "read" / "__init__.py").write_text("")
    (pkg / "errors.py").write_text("def f():\n    from medlint.read import source\n")
    (pkg / "read" / "source.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from medlint.cli import main\n"
        "from .. import errors\n"
    )
    (pkg / "cli").mkdir()
    (pkg / "cli" / "__init__.py").write_text("")
    (pkg / "cli" / "main.py").write_text("")
    edges = import_graph(tmp_path)
    assert {(i.source, i.target, i.type_only, i.lazy) for i in edges} == {
        ("medlint.errors", "medlint.read.source", False, True),
        ("medlint.read.source", "medlint.cli.main", True, False),
        ("medlint.read.source", "medlint.errors", False, False),
    }
    assert find_cycles(edges) == ["medlint.errors -> medlint.read.source -> medlint.errors"]
    assert stage_violations(edges) == [
        "medlint.errors imports medlint.read.source (line 2): a later stage",
        "medlint.read.source imports medlint.cli.main (line 3): a later stage",
    ]
