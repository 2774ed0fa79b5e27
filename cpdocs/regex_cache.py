"""Regular expressions compiled at start-up, kept between runs.

Python turns each regular expression into its matching code afresh in every new process. At a
cold `cpdocs lint` that is about 420 expressions (the rules' own, and the tokenizer's that spaCy
builds from the model) and a quarter of a second, the same every time. Inside `kept()`, an
expression is compiled from the code kept in the cache folder (`cpdocs.cache`) when it is there,
and the code of any new one is kept for the next run.

Only what is compiled while cpdocs starts is kept: `kept()` wraps importing the rules and loading
the model and nothing else, and it keeps only what its own thread compiles. An expression a rule
makes from a draft's words (a term to look for again, a name) is made later, outside it, and
never reaches the disk. The code is keyed by the exact Python version, and Python checks code
handed to it before using it; anything unreadable, or any Python without the internals this
relies on (CPython 3.11 and later have them), means compiling as usual.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from cpdocs import cache

KIND = "regex"
MAX_KEPT = 20_000  # expressions; an authority's word lists add a few hundred at most

_lock = threading.Lock()
_kept: dict | None = None  # (pattern, flags) -> its compiled parts (`compiled_parts`)
_added: dict = {}
_threads: dict[int, int] = {}  # the threads inside `kept()`, and how deeply


def _find_internals():
    """`re`'s compiler, its parser and `_sre`, when they are the ones this module knows; else None."""
    compiler, parser = getattr(re, "_compiler", None), getattr(re, "_parser", None)
    sre = sys.modules.get("_sre")
    if sys.implementation.name != "cpython" or compiler is None or parser is None or sre is None:
        return None
    if not all(callable(getattr(m, n, None)) for m, n in ((compiler, "compile"), (compiler, "_code"),
                                                          (parser, "parse"), (sre, "compile"))):
        return None
    return compiler, parser, sre


_INTERNALS = _find_internals()
_original = _INTERNALS[0].compile if _INTERNALS else None  # Python's own, which the hook falls back on


def engine_id() -> str:
    """Which regular expression engine compiled parts are for: they are valid only for the same one."""
    sre = _INTERNALS[2] if _INTERNALS else None
    return f"{sys.implementation.name}-{sys.version}-{getattr(sre, 'MAGIC', '')}-{getattr(sre, 'CODESIZE', '')}"


def compiled_parts(pattern, flags: int) -> list | None:
    """What CPython's `re.compile` hands its engine (`_sre.compile`) for this pattern, after the pattern
    itself, worked out as it does: flags, code, groups, and group names by name and by index, as JSON
    and marshal can keep them. None where expressions are not compiled this way, or the pattern is
    not one Python can compile."""
    if _INTERNALS is None:
        return None
    compiler, parser, _ = _INTERNALS
    try:
        tree = parser.parse(pattern, flags)
        code = [int(op) for op in compiler._code(tree, flags)]
    except Exception:  # noqa: BLE001 - a bad pattern: Python's own compile says what is wrong
        return None
    names = dict(tree.state.groupdict)
    by_index: list[str | None] = [None] * tree.state.groups
    for name, i in names.items():
        by_index[i] = name
    return [int(flags | tree.state.flags), code, tree.state.groups - 1, names, by_index]


def from_parts(pattern, parts) -> re.Pattern | None:
    """The expression compiled from `compiled_parts`' answer; None when the engine refuses them (it
    checks the code before it runs any)."""
    if _INTERNALS is None:
        return None
    try:
        flags, code, groups, names, by_index = parts
        return _INTERNALS[2].compile(pattern, flags, code, groups, names, tuple(by_index))
    except Exception:  # noqa: BLE001 - damaged or foreign parts: compile as usual
        return None


def _key() -> str:
    return cache.digest(KIND, engine_id())


def _compile(pattern, flags=0):
    """Stands in for `re._compiler.compile` inside `kept()`."""
    flags = int(flags)
    if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
        return _original(pattern, flags)
    key = (pattern, flags)
    known = _kept.get(key) if _kept is not None else None
    compiled = from_parts(pattern, known) if known is not None else None
    if compiled is None:
        parts = compiled_parts(pattern, flags)
        compiled = from_parts(pattern, parts) if parts is not None else None
        if compiled is None:
            return _original(pattern, flags)  # which raises the usual error for a bad pattern
        if threading.get_ident() in _threads:
            _added[key] = parts
    return compiled


def _load() -> dict:
    data = cache.read(KIND, _key(), fmt="marshal")
    return data if isinstance(data, dict) else {}


@contextmanager
def kept() -> Iterator[None]:
    """Compile regular expressions from the kept code, and keep the code of new ones (see above)."""
    global _kept
    if _INTERNALS is None or cache.folder() is None:
        yield
        return
    me = threading.get_ident()
    with _lock:
        if _kept is None:
            _kept = _load()
        if not _threads:
            _INTERNALS[0].compile = _compile
        _threads[me] = _threads.get(me, 0) + 1
    try:
        yield
    finally:
        with _lock:
            _threads[me] -= 1
            if not _threads[me]:
                del _threads[me]
            if not _threads:
                _INTERNALS[0].compile = _original
                _save()


def _save() -> None:
    """Write the kept code with what was added (called with the lock held, once nobody is inside)."""
    global _added
    if not _added or _kept is None:
        return
    room = MAX_KEPT - len(_kept)
    new = {k: v for k, v in _added.items() if k not in _kept}
    _added = {}
    if room <= 0 or not new:
        return
    _kept.update(dict(list(new.items())[:room]))
    cache.write(KIND, _key(), _kept, fmt="marshal")
