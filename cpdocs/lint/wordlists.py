"""The word lists the rules use, loaded from `lint/data/*.yaml` plus the authority's extras.

Rules are code; words are data. An authority adds its own jargon, vague phrases, labels and
plain abbreviations in `cpdocs.toml` without touching Python (see lint/data/README.md).
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _sre_parser
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from cpdocs.config import Config

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: five times faster


def required_text(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which any match must contain at least one (lower case), or None if unknown.

    A draft's block that contains none of them cannot match, so the regular expression need not
    run there: most list patterns begin with look-behinds, which the regex engine must try at
    every position, and this check keeps a 5,000-word lint fast.
    """
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unusual pattern: no shortcut, the regex always runs
        return None
    found = _required(list(tree))
    return frozenset(found) if found else None


def _required(items) -> set[str] | None:
    best: set[str] | None = None
    run = ""

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av).lower()
            continue
        if len(run) >= 3:
            consider({run})
        run = ""
        if op is _c.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is _c.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
    if len(run) >= 3:
        consider({run})
    return best


@dataclass(frozen=True)
class Entry:
    """One phrase of a list: matched by lemma, by exact words, or by a regular expression."""

    key: str  # the phrase as listed (lower case), used to group and explain
    suggestion: str
    lemma: bool = False
    pattern: re.Pattern[str] | None = None
    needs: frozenset[str] | None = field(default=None, hash=False, compare=False)  # see required_text
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
    several_meanings: frozenset[str] = frozenset()  # acronyms the list gives two meanings: never written out for you


def _read(name: str) -> dict:
    try:
        text = resources.files("cpdocs.lint.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return yaml.load(text, Loader=SafeLoader) or {}


def _compile(p: str | None) -> re.Pattern[str] | None:
    return re.compile(p, re.IGNORECASE) if p else None


# Fields kept for the rules: `safe` (the reason a rewrite cannot change the meaning) and `rewrite` (the
# words `cpdocs fix` puts in the term's place, when `plain` is an explanation rather than a swap).
EXTRA_FIELDS = ("plain", "note", "people_only", "context", "where", "safe", "rewrite")


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
        pattern = _compile(item.get("pattern"))
        out.append(Entry(
            key=key.lower() if not item.get("case_sensitive") else key,
            needs=required_text(pattern) if pattern is not None else None,
            suggestion=suggestion,
            lemma=bool(item.get("lemma", key_field == "term")),
            pattern=pattern,
            not_after=tuple(w.lower() for w in item.get("not_after", []) or []),
            kind=item.get("kind", "") or item.get("domain", ""),
            extra={k: v for k, v in item.items() if k in EXTRA_FIELDS},
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
        accepted=accepted_set, several_meanings=frozenset(str(a).upper() for a in acr.get("several_meanings") or []),
    )
