"""What an earlier audit already did, for `--resume`: its rows, looked up by path.

The rows come from the earlier audit.csv and from the part-written CSVs a stopped audit
leaves (audit.partial-N.csv), later ones winning. They are kept in a small SQLite file
beside the output, not in memory, so resuming an audit of a million files stays flat in
memory too. Only rows made by this version of cpdocs and carrying a content hash count.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from cpdocs.audit.table import summary_from_row
from cpdocs.errors import InputError


def _raise_field_limit() -> None:
    """A details cell can be long (every vague phrase of a long report): allow big cells."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


class ResumeIndex:
    """Earlier rows by path: the hash to compare, and the summary to reuse when it matches."""

    def __init__(self, db_path: Path, version: str):
        self.db_path = db_path
        self.version = version
        db_path.unlink(missing_ok=True)
        self.db = sqlite3.connect(db_path)
        self.db.execute("create table rows (path text primary key, sha256 text, summary text)")
        self.count = 0

    def load(self, csv_files: Iterable[Path]) -> ResumeIndex:
        _raise_field_limit()
        for f in csv_files:
            try:
                with f.open(encoding="utf-8-sig", newline="") as fh:
                    for row in csv.DictReader(fh):
                        self._add(row)
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                raise InputError(f, f"cannot be read to resume the audit ({type(exc).__name__})") from None
        self.db.commit()
        self.count = self.db.execute("select count(*) from rows").fetchone()[0]
        return self

    def _add(self, row: dict) -> None:
        s = summary_from_row(row)
        if s is None or not s.get("sha256") or s.get("version") != self.version:
            return
        self.db.execute("insert or replace into rows values (?, ?, ?)",
                        (s["path"], s["sha256"], json.dumps(s, ensure_ascii=False)))

    def seen(self, rel: str) -> str | None:
        hit = self.db.execute("select sha256 from rows where path = ?", (rel,)).fetchone()
        return hit[0] if hit else None

    def summary(self, rel: str) -> dict | None:
        hit = self.db.execute("select summary from rows where path = ?", (rel,)).fetchone()
        return json.loads(hit[0]) if hit else None

    def close(self) -> None:
        self.db.close()
        self.db_path.unlink(missing_ok=True)
