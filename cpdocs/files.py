"""Writing output files: whole or not at all, and never over an existing file unless asked.

Every command that writes (lint -o, --annotate, audit, generate, new) goes through here, so a
crash or a full disk never leaves half a letter behind, and `--force` means the same everywhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cpdocs.errors import InputError


def write_whole(path: Path, data: bytes | str, force: bool = False, source: str | Path | None = None) -> None:
    """Write to a temporary file in the same folder, then move it into place.

    Without `force` an existing file is never replaced (a hard link fails if the file appeared
    meanwhile). With `source`, the draft a report was made from is never written over, even with
    `force`.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if source is not None and path.exists() and os.path.samefile(path, source):
        raise InputError(path, "is the draft itself; cpdocs never writes over a draft (choose another -o)")
    if path.exists() and not force:
        raise InputError(path, "already exists; use --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise InputError(path, "already exists; use --force to replace it") from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise InputError(path, "already exists; use --force to replace it") from None
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
