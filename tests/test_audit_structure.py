"""The audit package depends one way: no module of it imports, at run time, one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import cpdocs.audit

PACKAGE = Path(cpdocs.audit.__file__).parent


def _runtime_imports(tree: ast.Module) -> set[str]:
    """Modules imported when the module runs (anything under `if TYPE_CHECKING:` left out)."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def audit_graph() -> dict[str, set[str]]:
    modules = {f"cpdocs.audit.{p.stem}" if p.stem != "__init__" else "cpdocs.audit": p for p in PACKAGE.glob("*.py")}
    graph = {}
    for name, path in modules.items():
        imported = _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        deps = {m for m in imported if m in modules and m != name}
        # importing cpdocs.audit.x runs the package's __init__ first
        if any(m.startswith("cpdocs.audit.") for m in deps) and name != "cpdocs.audit":
            deps.add("cpdocs.audit")
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_audit_package_has_no_import_circle():
    graph = audit_graph()
    assert {"cpdocs.audit.run", "cpdocs.audit.runner", "cpdocs.audit.dask_runner", "cpdocs.audit.work"} <= set(graph)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_local_audit_never_loads_dask_and_the_worker_never_loads_the_dashboard():
    graph = audit_graph()

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    assert not {"cpdocs.audit.dask_runner", "cpdocs.audit.dask_plugin"} & reach("cpdocs.audit.run")
    assert "cpdocs.audit.dashboard" not in reach("cpdocs.audit.work")
    assert "cpdocs.audit.run" in reach("cpdocs.audit.command")
