"""The direction of imports: lint and generate never import each other; both use cpdocs.timescales.

Read from the source with `ast`, so a function-level import hidden inside a rule counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cpdocs"


def imported_modules(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """Every module a Python file under `root` imports, as absolute names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def imports_under(folder: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE.parent)): imported_modules(p) for p in sorted((PACKAGE / folder).rglob("*.py"))}


def _reaches(modules: set[str], target: str) -> list[str]:
    return sorted(m for m in modules if m == target or m.startswith(target + "."))


@pytest.mark.parametrize(("folder", "forbidden"), [("lint", "cpdocs.generate"), ("generate", "cpdocs.lint")])
def test_lint_and_generate_never_import_each_other(folder: str, forbidden: str):
    files = imports_under(folder)
    assert files, f"no Python files found under cpdocs/{folder}"
    offenders = {f: _reaches(m, forbidden) for f, m in files.items() if _reaches(m, forbidden)}
    assert offenders == {}


def test_the_working_day_engine_is_one_module_both_sides_use():
    assert not (PACKAGE / "generate" / "dates.py").exists()
    lint = set().union(*imports_under("lint").values())
    generate = set().union(*imports_under("generate").values())
    assert _reaches(lint, "cpdocs.timescales")
    assert _reaches(generate, "cpdocs.timescales")
    # and the engine itself depends on neither side
    assert not _reaches(imported_modules(PACKAGE / "timescales.py"), "cpdocs.generate")
    assert not _reaches(imported_modules(PACKAGE / "timescales.py"), "cpdocs.lint")


def test_the_check_reads_function_level_imports(tmp_path):
    """The reader is not blind: an import inside a function, or a relative one, is seen."""
    (tmp_path / "cpdocs" / "lint").mkdir(parents=True)
    f = tmp_path / "cpdocs" / "lint" / "x.py"
    f.write_text("def rule():\n    from ..generate import render\n    import cpdocs.generate.case\n")
    found = imported_modules(f, root=tmp_path)
    assert "cpdocs.generate.render" in found and "cpdocs.generate.case" in found
