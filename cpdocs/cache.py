"""A small on-disk cache for data cpdocs derives from its own files (word lists, the model).

What goes in is keyed by the content it was made from, so a changed word list, model or cpdocs
version simply misses the cache. It never holds a draft or anything read from one: callers
store only what they computed from cpdocs' data and the authority's cpdocs.toml.

The folder is the user's cache folder (platformdirs), or `CPDOCS_CACHE_DIR` when set (an empty
value turns the cache off). A folder that is read-only, shared with other users, full, or holds
a damaged file is never an error: a miss is computed again, and a file is written whole under a
temporary name and then renamed, so a reader never sees half of one.

Data is stored as JSON, or with `fmt="marshal"` (Python's own format: faster to read, and it keeps
tuples and bytes) for data that only Python's built-in types make up.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1


def folder() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    env = os.environ.get("CPDOCS_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(platformdirs.user_cache_dir("cpdocs", appauthor=False))


def digest(*parts: Any) -> str:
    """A key for the content the cached data is made from (anything JSON can write)."""
    text = json.dumps([FORMAT, *parts], ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_digest(*files: str) -> str:
    """A digest of the code that derives the cached data (pass `__file__`): change the code, miss
    the cache, even within one version of cpdocs."""
    h = hashlib.sha256()
    for name in files:
        try:
            h.update(Path(name).read_bytes())
        except OSError:
            h.update(name.encode("utf-8"))
    return h.hexdigest()


# How each format turns the stored {"key": ..., "data": ...} into bytes and back.
_FORMATS = {
    "json": (lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
             lambda raw: json.loads(raw.decode("utf-8"))),
    "marshal": (marshal.dumps, marshal.loads),
}


def _path(kind: str, key: str, fmt: str) -> Path | None:
    base = folder()
    return None if base is None else base / f"{kind}-{key[:40]}.{fmt}"


def read(kind: str, key: str, fmt: str = "json") -> Any | None:
    """The data stored under this key, or None (missing, unreadable, damaged or for another key)."""
    path = _path(kind, key, fmt)
    if path is None:
        return None
    try:
        stored = _FORMATS[fmt][1](path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):  # marshal says EOFError for a cut-off file
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or "data" not in stored:
        return None
    return stored["data"]


def write(kind: str, key: str, data: Any, fmt: str = "json") -> bool:
    """Store data under this key, whole or not at all; False when the folder cannot take it."""
    path = _path(kind, key, fmt)
    if path is None:
        return False
    tmp = None
    try:
        raw = _FORMATS[fmt][0]({"key": key, "data": data})
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.replace(tmp, path)
        tmp = None
        return True
    except (OSError, TypeError, ValueError):  # no room, no right, or data the format cannot hold
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
