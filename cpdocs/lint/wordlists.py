"""The word lists the rules use, loaded from `lint/data/*.yaml` plus the authority's extras.

Rules are code; words are data. An authority adds its own jargon, vague phrases, labels and
plain abbreviations in `cpdocs.toml` without touching Python (see lint/data/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from cpdocs.config import Config


@dataclass(frozen=True)
class Entry:
    """One phrase of a list: matched by lemma, by exact words, or by a regular expression."""

    key: str  # the phrase as listed (lower case), used to group and explain
    suggestion: str
    lemma: bool = False
    pattern: re.Pattern[str] | None = None
    not_after: tuple[str, ...] = ()
    kind: str = ""
    extra: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class WordLists:
    jargon: tuple[Entry, ...]
    vague: tuple[Entry, ...]
    labels: tuple[Entry, ...]
    evidence_markers: tuple[Entry, ...]
    evidence_cues: tuple[re.Pattern[str], ...]
    plain_abbreviations: frozenset[str]
    expansions: dict[str, str]
    accepted: frozenset[str]


def _read(name: str) -> dict:
    try:
        text = resources.files("cpdocs.lint.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return yaml.safe_load(text) or {}


def _compile(p: str | None) -> re.Pattern[str] | None:
    return re.compile(p, re.IGNORECASE) if p else None


def _entries(items: list, key_field: str, default_suggestion: str) -> list[Entry]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            item = {key_field: item}
        key = str(item.get(key_field) or item.get("term") or item.get("pattern") or "").strip()
        if not key:
            continue
        suggestion = item.get("suggestion") or (
            f"Use plain words, for example '{item['plain']}'." if item.get("plain") else default_suggestion)
        out.append(Entry(
            key=key.lower() if not item.get("case_sensitive") else key,
            suggestion=suggestion,
            lemma=bool(item.get("lemma", key_field == "term")),
            pattern=_compile(item.get("pattern")),
            not_after=tuple(w.lower() for w in item.get("not_after", []) or []),
            kind=item.get("kind", "") or item.get("domain", ""),
            extra={k: v for k, v in item.items() if k in ("plain", "note", "people_only", "context")},
        ))
    return out


@cache
def _base() -> dict:
    return {name: _read(f"{name}.yaml") for name in ("jargon", "acronyms", "vague", "labels", "evidence")}


def load_wordlists(config: Config) -> WordLists:
    return _load(
        tuple(sorted(config.extra_jargon.items())), tuple(config.accepted_terms),
        tuple(config.plain_abbreviations), tuple(sorted(config.extra_vague.items())),
        tuple(sorted(config.extra_labels.items())),
    )


@cache
def _load(extra_jargon, accepted, plain_abbr, extra_vague, extra_labels) -> WordLists:
    base = _base()
    accepted_set = frozenset(a.lower() for a in accepted)
    jargon = [e for e in _entries(base["jargon"].get("terms", []), "term",
                                  "Say it in plain words, or explain it in brackets the first time.")
              if e.key not in accepted_set]
    jargon += _entries([{"term": t, "plain": p} for t, p in extra_jargon], "term", "")
    vague = _entries(base["vague"].get("phrases", []), "phrase",
                     "Give a date or a frequency and say who will do it.")
    vague += _entries([{"phrase": t, "suggestion": s} for t, s in extra_vague], "phrase", "")
    labels = _entries(base["labels"].get("labels", []), "label",
                      "Describe what you saw and heard instead of using a label.")
    labels += _entries([{"label": t, "suggestion": s} for t, s in extra_labels], "label", "")
    ev = base["evidence"]
    markers = _entries(ev.get("markers", []), "marker", "Say what you saw or heard that shows this, and when.")
    cues = tuple(re.compile(c if isinstance(c, str) else c.get("pattern", ""), re.IGNORECASE)
                 for c in ev.get("evidence_cues", []) or [])
    acr = base["acronyms"]
    plain = {str(a).upper() for a in acr.get("plain", []) or []} | {a.upper() for a in plain_abbr}
    plain |= {a.upper() for a in accepted if a.isupper()}
    expansions = {str(k).upper(): str(v) for k, v in (acr.get("expansions") or {}).items()}
    return WordLists(
        jargon=tuple(jargon), vague=tuple(vague), labels=tuple(labels), evidence_markers=tuple(markers),
        evidence_cues=cues, plain_abbreviations=frozenset(plain), expansions=expansions,
        accepted=accepted_set,
    )
