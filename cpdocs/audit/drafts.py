"""Finding the drafts of an audit, and naming each one: the first step, needing nothing else of the audit.

A folder may be a local path or an fsspec URL (`s3://bucket/reports`, where the user has
installed the driver): only names are listed here, never a document's bytes, so on a cluster
the workers read the files themselves and nothing large passes through the client.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cpdocs.errors import InputError
from cpdocs.readers import SUPPORTED


@dataclass(frozen=True)
class Draft:
    """One file to audit: where a worker opens it, the name the audit gives it, what an earlier audit saw."""

    path: str  # a local path or a URL the workers can reach
    rel: str  # relative to the audited folder, with '/': the CSV's `path`
    seen: str | None = None  # the content hash an earlier row has, for --resume to skip an unchanged file


def is_url(path: str) -> bool:
    return "://" in path


def _wanted(name: str) -> bool:
    return (not name.startswith(("~$", ".")) and not name.endswith(".cpdocs.docx")
            and not PurePosixPath(name).stem.endswith(".suggested")
            and PurePosixPath(name).suffix.lower() in SUPPORTED)


def walk_drafts(root: Path, skip: Path | None = None) -> Iterator[Path]:
    """Every draft under `root`, in a stable order, one at a time (a million names are not held):
    hidden folders, Word's lock files ('~$x.docx'), annotated copies ('x.cpdocs.docx'), the copies
    `cpdocs fix` writes ('x.suggested.docx') and the audit's own output folder are left out."""
    skip_resolved = skip.resolve() if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (skip_resolved is None or (here / d).resolve() != skip_resolved))
        yield from (here / name for name in sorted(filenames) if _wanted(name) and (here / name).is_file())


def find_drafts(root: Path, skip: Path | None = None) -> list[Path]:
    return list(walk_drafts(root, skip))


def find_url_drafts(root: str) -> list[Draft]:
    """The drafts under an fsspec URL, by the same rules as a local folder."""
    try:
        import fsspec.core
    except ImportError:
        raise InputError(root, "is a URL; reading from URLs needs fsspec (pip install \"cpdocs[dask]\")") from None
    try:
        fs, base = fsspec.core.url_to_fs(root)
        found = sorted(fs.find(base))
    except (ImportError, ValueError) as exc:
        raise InputError(root, f"cannot be listed ({exc})") from None
    except OSError as exc:
        raise InputError(root, f"cannot be listed ({exc.strerror or exc})") from None
    if not found and not fs.isdir(base):
        raise InputError(root, "no such folder")
    base = base.rstrip("/")
    out = []
    for p in found:
        rel = p[len(base):].lstrip("/") if p.startswith(base) else p
        parts = rel.split("/")
        if any(d.startswith(".") for d in parts[:-1]) or not _wanted(parts[-1]):
            continue
        out.append(Draft(fs.unstrip_protocol(p), rel))
    return out


def check_folder(root: str | Path) -> None:
    """A plain error now, before any work starts, for a folder that is not there."""
    if is_url(str(root)):
        return
    root = Path(root)
    if not root.exists():
        raise InputError(root, "no such folder")
    if not root.is_dir():
        raise InputError(root, "is a file, not a folder; use 'cpdocs lint' for one draft")


def iter_drafts(root: str | Path, skip: Path | None = None) -> Iterator[Draft]:
    """The drafts of a local folder or a URL, each with its path relative to the folder."""
    if is_url(str(root)):
        yield from find_url_drafts(str(root))
        return
    root = Path(root)
    for p in walk_drafts(root, skip):
        yield Draft(str(p), p.relative_to(root).as_posix())


def report_name(rel: str) -> str:
    """A safe, unique file name for a draft's own report: its path with separators spelt out."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", rel.replace("\\", "/").replace("/", "__"))
    return f"{safe[:180]}.html"


def with_seen(drafts: Iterator[Draft], seen: Callable[[str], str | None] | None) -> Iterator[Draft]:
    """The drafts, each carrying the hash an earlier audit recorded for it (if any)."""
    for d in drafts:
        h = seen(d.rel) if seen is not None else None
        yield Draft(d.path, d.rel, h) if h else d
