"""The rules' own documentation for `cpdocs rules`, read without importing the rules when it can be.

Each rule's documentation (code, name, category, severity, what it flags, why, the standard, a
bad and a good example) is part of its code (`RuleInfo`) and stays there. But importing every
rule compiles a few hundred regular expressions and loads the bank holidays: a third of a
second before `cpdocs rules` prints a line. So the documentation is also kept in the cache
folder (`cpdocs.cache`), keyed by the name, size and time of every source and data file of
cpdocs: change any rule, or install another version, and the next `cpdocs rules` imports the
rules again and keeps a new copy.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from cpdocs import __version__, cache

KIND = "rules"
FIELDS = ("code", "name", "category", "severity", "summary", "why", "standard", "bad", "good")
PACKAGE = Path(__file__).resolve().parent.parent


def _stamp() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".toml") and "__pycache__" not in path.parts:
            try:
                st = path.stat()
            except OSError:
                continue
            out.append(f"{path.relative_to(PACKAGE).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return out


def rule_infos() -> list[SimpleNamespace]:
    """Every rule's documentation, in code order, as objects with the RuleInfo fields."""
    key = cache.digest(KIND, __version__, sys.version_info[:2], _stamp())
    data = cache.read(KIND, key)
    if not (isinstance(data, list) and data and all(
            isinstance(d, dict) and set(d) == set(FIELDS) and all(isinstance(v, str) for v in d.values())
            for d in data)):
        from cpdocs.lint.rules import all_rules

        data = [{f: getattr(r.info, f) for f in FIELDS} for r in all_rules()]
        cache.write(KIND, key, data)
    return [SimpleNamespace(**d) for d in data]


def info_by_code(code: str) -> SimpleNamespace | None:
    """A rule's documentation by its code or name, in any case."""
    key = code.strip().lower()
    return next((i for i in rule_infos() if key in (i.code.lower(), i.name)), None)
