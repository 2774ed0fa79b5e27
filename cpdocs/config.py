"""Configuration: `cpdocs.toml` or `[tool.cpdocs]` in `pyproject.toml`, found upward from a file.

Everything an authority may want to change without touching Python lives here: extra
jargon, accepted terms, thresholds, required sections, disabled rules, timescales and
closure days. Unknown keys are reported, not ignored, so a typo does not silently do nothing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpdocs.errors import InputError

KNOWN_KEYS = {
    "model", "select", "ignore", "extra_jargon", "accepted_terms", "plain_abbreviations",
    "max_sentence_words", "min_reading_ease", "required_sections", "timescales",
    "closure_days", "extra_vague", "extra_labels", "template", "fail_on", "child_pack_min_age",
    "calendar_family_name",
}


@dataclass
class Config:
    """Resolved settings. Defaults are the Swindon standards' defaults."""

    path: Path | None = None
    model: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extra_jargon: dict[str, str] = field(default_factory=dict)
    accepted_terms: list[str] = field(default_factory=list)
    plain_abbreviations: list[str] = field(default_factory=list)
    extra_vague: dict[str, str] = field(default_factory=dict)
    extra_labels: dict[str, str] = field(default_factory=dict)
    max_sentence_words: int = 35
    min_reading_ease: float = 50.0
    required_sections: dict[str, list[str]] = field(default_factory=dict)
    timescales: dict[str, Any] = field(default_factory=dict)
    closure_days: list[dt.date] = field(default_factory=list)
    template: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    child_pack_min_age: int = 5  # children this old or older on the day of the conference get their own pack
    calendar_family_name: bool = False  # calendar titles name the family; otherwise the children's initials

    def rule_enabled(self, code: str, name: str, category: str) -> bool:
        keys = {code.upper(), name.lower(), category.lower()}
        if self.select and not any(_matches(k, s) for k in keys for s in self.select):
            return False
        return not any(_matches(k, s) for k in keys for s in self.ignore)


def _matches(key: str, pattern: str) -> bool:
    p = pattern.strip()
    if p.upper().startswith("CPD"):
        return key.upper().startswith(p.upper())  # CPD1 selects CPD101, CPD102...
    return key.lower() == p.lower()


CONFIG_NAMES = ("cpdocs.toml", ".cpdocs.toml")


def find_config(start: Path) -> Path | None:
    """The nearest cpdocs.toml (or pyproject.toml with [tool.cpdocs]) at or above `start`."""
    here = start if start.is_dir() else start.parent
    for folder in (here.resolve(), *here.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pp = folder / "pyproject.toml"
        if pp.is_file():
            try:
                if "cpdocs" in tomllib.loads(pp.read_text(encoding="utf-8")).get("tool", {}):
                    return pp
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
    return None


def load_config(path: Path | None) -> Config:
    """Read a configuration file; a bad one is an InputError naming the file and the key."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not valid TOML ({exc})") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cpdocs", {})
    return config_from_dict(data, path)


def config_from_dict(data: dict[str, Any], path: Path | None = None) -> Config:
    where = path or Path("configuration")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise InputError(where, f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})")
    cfg = Config(path=path)
    for key, value in data.items():
        if key == "closure_days":
            try:
                cfg.closure_days = [v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)) for v in value]
            except (TypeError, ValueError):
                raise InputError(where, "closure_days: each day must be a date such as 2025-12-24") from None
            continue
        default = getattr(cfg, key)
        if isinstance(default, bool) or not isinstance(value, type(default)) and default is not None:
            if isinstance(default, float) and isinstance(value, int):
                value = float(value)
            elif not isinstance(value, type(default)):
                raise InputError(where, f"{key}: expected {type(default).__name__}, got {type(value).__name__}")
        setattr(cfg, key, value)
    return cfg


def config_for(file: Path | None, explicit: Path | None = None) -> Config:
    """The configuration that applies to `file`: the explicit one, else the nearest found."""
    if explicit is not None:
        return load_config(explicit)
    if file is None:
        return load_config(find_config(Path.cwd()))
    return load_config(find_config(file))
