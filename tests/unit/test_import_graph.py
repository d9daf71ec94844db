"""No import cycles among ocop_xl's modules (issue 16): the graph of module-level imports,
read from the source, has no strongly connected component of more than one module.

Imports inside functions (the lazy ones of the CLI's start-up) and under TYPE_CHECKING are
not edges: they run after every module involved is loaded. A module's own packages are not
edges either: Python has them initialised before the module runs."""

from __future__ import annotations

import ast
from pathlib import Path

import ocop_xl

PACKAGE = Path(ocop_xl.__file__).parent


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        block = node.body if isinstance(node, ast.Try | ast.If) else [node]
        found += [n for n in block if isinstance(n, ast.Import | ast.ImportFrom)]
    return found


def imported(module: str, path: Path, node: ast.Import | ast.ImportFrom, known) -> set[str]:
    if isinstance(node, ast.Import):
        targets = {alias.name for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        targets = {base} | {f"{base}.{alias.name}" for alias in node.names}
    edges = set()
    for target in targets:
        parts = target.split(".")
        # importing a.b.c runs a and a.b first
        edges |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    return {e for e in edges if e in known and e != module and e not in ancestors}


def import_graph() -> dict[str, set[str]]:
    known = module_names()
    return {
        module: set().union(
            *(
                imported(module, path, n, known)
                for n in top_level_imports(ast.parse(path.read_text()))
            )
        )
        for module, path in known.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_modules_import_each_other_without_a_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_graph_sees_the_cli_wiring():
    graph = import_graph()
    assert "ocop_xl.commands.base" in graph["ocop_xl.commands.budget"]
    assert "ocop_xl.commands.budget" in graph["ocop_xl.commands"]
    # the CLI loads the commands inside main(), after --version: not an edge
    assert "ocop_xl.commands" not in graph["ocop_xl.cli"]
    assert "ocop_xl.cli" not in graph["ocop_xl.commands.budget"]
