"""The word lists the rules use, loaded from `lint/data/*.yaml` plus the authority's extras.

Rules are code; words are data. An authority adds its own jargon, vague phrases, labels and
plain abbreviations in `cpdocs.toml` without touching Python (see lint/data/README.md).

Reading the lists means parsing a megabyte of YAML and a few hundred regular expressions: half
a second at every start. So the lists as built (without the compiled expressions) are kept in
the cache folder (`cpdocs.cache`), keyed by the YAML files' contents, the authority's extras
and cpdocs' version; and each regular expression is compiled the first time a draft needs it.
"""

from __future__ import annotations

import hashlib
import json
import re
import re._constants as _c
import re._parser as _sre_parser
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources

from cpdocs import __version__
from cpdocs import cache as disk_cache
from cpdocs.config import Config
from cpdocs.regex_cache import compiled_parts, engine_id, from_parts

NAMES = ("jargon", "acronyms", "vague", "labels", "evidence")
LISTS = ("jargon", "vague", "labels", "evidence_markers")


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Most of the lists' patterns need words a given draft does not have (see `Entry.needs`), so
    most are never run; compiling them all would cost a quarter of a second at every start.
    Python's regular expression compiler is itself written in Python and takes about a
    millisecond a pattern; `parts`, when the cache has them, are its output for this very
    Python (see `cpdocs.regex_cache.compiled_parts`), and turn that into a few microseconds.
    """

    __slots__ = ("pattern", "flags", "parts", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, parts: list | None = None):
        self.pattern = pattern
        self.flags = flags
        self.parts = parts
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = from_parts(self.pattern, self.parts) if self.parts else None
            if self._compiled is None:
                self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, string: str, *args):
        return self.compiled().finditer(string, *args)

    def search(self, string: str, *args):
        return self.compiled().search(string, *args)

    def match(self, string: str, *args):
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args):
        return self.compiled().fullmatch(string, *args)

    def findall(self, string: str, *args):
        return self.compiled().findall(string, *args)

    def sub(self, repl, string: str, count: int = 0):
        return self.compiled().sub(repl, string, count)

    def __eq__(self, other) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


def required_text(pattern: re.Pattern[str] | LazyPattern) -> frozenset[str] | None:
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


MIN_NEED = 2  # shorter strings are in nearly every block: no help
MAX_CHOICES = 8  # spellings followed through a pattern ('na(i|ï)ve' is two)


def _required(items) -> set[str] | None:
    """The best set of strings of which a match of these parsed items contains one: the longest
    shortest member first, then the fewest members."""
    best: set[str] | None = None
    runs = {""}  # the literal text read so far: one of these strings

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate or min(map(len, candidate)) < MIN_NEED:
            return
        if best is None or (min(map(len, candidate)), -len(candidate)) > (min(map(len, best)), -len(best)):
            best = candidate

    for op, av in items:
        choices = _choices(op, av)
        if choices is not None:
            joined = {r + c for r in runs for c in choices}
            if len(joined) <= MAX_CHOICES:
                runs = joined
                continue
            consider(runs)
            runs = choices  # too many spellings: start again from this item
            continue
        consider(runs)
        runs = {""}
        if op is _c.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is _c.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
    consider(runs)
    return best


def _choices(op, av) -> set[str] | None:
    """The few exact strings (lower case) one parsed item matches, or None: a letter, a class of a
    few letters ('[iï]'), or a group or alternation of such ('(?:s|es)')."""
    if op is _c.LITERAL:
        return {chr(av).lower()}
    if op is _c.IN:
        if len(av) > MAX_CHOICES or any(kind is not _c.LITERAL for kind, _ in av):
            return None
        return {chr(code).lower() for _, code in av}
    if op is _c.SUBPATTERN:
        return _spellings(list(av[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = _spellings(list(alt))
            if found is None:
                return None
            out |= found
        return out if len(out) <= MAX_CHOICES else None
    return None


def _spellings(items) -> set[str] | None:
    """Every string a run of exact items matches, or None if they are not all exact, or too many."""
    out = {""}
    for op, av in items:
        choices = _choices(op, av)
        if choices is None:
            return None
        out = {r + c for r in out for c in choices}
        if len(out) > MAX_CHOICES:
            return None
    return out


@dataclass(frozen=True)
class Entry:
    """One phrase of a list: matched by lemma, by exact words, or by a regular expression."""

    key: str  # the phrase as listed (lower case), used to group and explain
    suggestion: str
    lemma: bool = False
    pattern: LazyPattern | None = None
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
    evidence_cues: tuple[LazyPattern, ...]
    plain_abbreviations: frozenset[str]
    expansions: dict[str, str]
    accepted: frozenset[str]
    several_meanings: frozenset[str] = frozenset()  # acronyms the list gives two meanings: never written out for you


def _text(name: str) -> str:
    try:
        return resources.files("cpdocs.lint.data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _read(name: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: five times faster
    return yaml.load(_text(name), Loader=loader) or {}


def _compile(p: str | None) -> LazyPattern | None:
    return LazyPattern(p, re.IGNORECASE) if p else None


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
    return {name: _read(name) for name in NAMES}


@cache
def _sources() -> str:
    """A digest of the lists' YAML files, for the cache key."""
    h = hashlib.sha256()
    for name in NAMES:
        h.update(name.encode() + b"\0" + _text(name).encode("utf-8") + b"\0")
    return h.hexdigest()


def load_wordlists(config: Config) -> WordLists:
    return _load(
        tuple(sorted(config.extra_jargon.items())), tuple(config.accepted_terms),
        tuple(config.plain_abbreviations), tuple(sorted(config.extra_vague.items())),
        tuple(sorted(config.extra_labels.items())),
    )


@cache
def _load(*extras) -> WordLists:
    key = disk_cache.digest("wordlists", __version__, disk_cache.source_digest(__file__), engine_id(), _sources(),
                            extras)
    words = _from_data(disk_cache.read("wordlists", key))
    if words is None:
        words = _build(*extras)
        try:
            data = _to_data(words)
            same = json.loads(json.dumps(data)) == data  # only what JSON gives back unchanged
        except (TypeError, ValueError):
            same = False
        if same:
            disk_cache.write("wordlists", key, data)
    return words


def _build(extra_jargon, accepted, plain_abbr, extra_vague, extra_labels) -> WordLists:
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
    cues = tuple(LazyPattern(c if isinstance(c, str) else c.get("pattern", ""), re.IGNORECASE)
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


def _to_data(words: WordLists) -> dict:
    """Every field of the word lists, tagged with its kind (a field of a kind this does not know
    raises TypeError, and the lists are simply not cached)."""
    def entry(e: Entry) -> list:
        return [e.key, e.suggestion, e.lemma, None if e.pattern is None else e.pattern.pattern,
                0 if e.pattern is None else e.pattern.flags, None if e.needs is None else sorted(e.needs),
                list(e.not_after), e.kind, e.extra,
                None if e.pattern is None else compiled_parts(e.pattern.pattern, e.pattern.flags)]

    out: dict[str, list] = {}
    for f in fields(WordLists):
        value = getattr(words, f.name)
        if isinstance(value, tuple) and all(isinstance(v, Entry) for v in value):
            out[f.name] = ["entries", [entry(e) for e in value]]
        elif isinstance(value, tuple) and all(isinstance(v, LazyPattern) for v in value):
            out[f.name] = ["patterns", [[c.pattern, c.flags] for c in value]]
        elif isinstance(value, frozenset) and all(isinstance(v, str) for v in value):
            out[f.name] = ["strings", sorted(value)]
        elif isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            out[f.name] = ["mapping", value]
        else:
            raise TypeError(f"word lists: no way to keep {f.name}")
    return out


def _from_data(data) -> WordLists | None:
    """The word lists from cached data, or None if the data is not what `_to_data` writes."""
    if not isinstance(data, dict) or set(data) != {f.name for f in fields(WordLists)}:
        return None
    try:
        def entry(item: list) -> Entry:
            key, suggestion, lemma, pattern, flags, needs, not_after, kind, extra, parts = item
            if not (isinstance(key, str) and isinstance(suggestion, str) and isinstance(lemma, bool)
                    and isinstance(kind, str) and isinstance(extra, dict) and isinstance(flags, int)
                    and (parts is None or isinstance(parts, list))):
                raise ValueError(item)
            return Entry(key=key, suggestion=suggestion, lemma=lemma,
                         pattern=None if pattern is None else LazyPattern(str(pattern), flags, parts),
                         needs=None if needs is None else frozenset(map(str, needs)),
                         not_after=tuple(map(str, not_after)), kind=kind, extra=extra)

        values = {}
        for name, (kind, value) in data.items():
            if kind == "entries":
                values[name] = tuple(entry(i) for i in value)
            elif kind == "patterns":
                values[name] = tuple(LazyPattern(str(p), int(f)) for p, f in value)
            elif kind == "strings":
                values[name] = frozenset(map(str, value))
            elif kind == "mapping":
                values[name] = {str(k): str(v) for k, v in dict(value).items()}
            else:
                raise ValueError(kind)
        return WordLists(**values)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
