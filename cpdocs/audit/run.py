"""The audit from start to end: find the drafts, run them on a runner, write the CSV and the dashboard.

Rows are written to `audit.partial-N.csv` as summaries arrive, each flushed at once, and
that file becomes `audit.csv` only when every draft has a row: an audit that is stopped (Ctrl-C,
a killed job, a power cut) leaves its rows behind, and `--resume` finishes the rest without
checking again the drafts whose bytes and cpdocs version match a row already written.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cpdocs.audit.dashboard import render_dashboard
from cpdocs.audit.drafts import check_folder, is_url, iter_drafts, with_seen
from cpdocs.audit.resume import ResumeIndex
from cpdocs.audit.runner import LocalRunner, Runner
from cpdocs.audit.table import CSV_FIELDS, csv_row
from cpdocs.audit.totals import Totals
from cpdocs.audit.work import DEFAULT_TIMEOUT, VERSION
from cpdocs.errors import InputError

PARTIAL = re.compile(r"^audit\.partial-(\d+)\.csv$")


@dataclass
class AuditResult:
    totals: Totals
    csv_path: Path
    html_path: Path
    reports_dir: Path


def partial_files(outdir: Path) -> list[Path]:
    """The part-written CSVs of stopped audits, oldest first."""
    if not outdir.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in outdir.iterdir() if (m := PARTIAL.match(p.name))]
    return [p for _, p in sorted(found)]


def _check_outputs(outdir: Path, csv_path: Path, html_path: Path, force: bool, resume: bool) -> None:
    if resume or force:
        return
    for p in (csv_path, html_path):
        if p.exists():
            raise InputError(p, "already exists; use --force to replace it, or --resume to check only new and "
                                "changed drafts")
    partial = partial_files(outdir)
    if partial:
        raise InputError(partial[-1], "is what an audit that stopped part way had done; use --resume to finish it, "
                                      "or --force to start again")


def run_audit(root: Path | str, outdir: Path, jobs: int = 1, force: bool = False, timeout: float = DEFAULT_TIMEOUT,
              progress: Callable[[int], None] | None = None, on_start: Callable[[int], None] | None = None,
              reports: bool = True, runner: Runner | None = None, resume: bool = False) -> AuditResult:
    """Check every draft under `root` (a folder or a URL); write audit.csv, audit.html and reports/ in `outdir`.

    With `resume`, the rows of an earlier audit.csv and of stopped audits' partial CSVs are kept
    for every draft whose bytes have not changed since, and only the rest are checked.
    """
    check_folder(root)
    runner = runner or LocalRunner(jobs)
    csv_path, html_path, reports_dir = outdir / "audit.csv", outdir / "audit.html", outdir / "reports"
    _check_outputs(outdir, csv_path, html_path, force, resume)
    skip = None if is_url(str(root)) else outdir
    if on_start is not None:
        on_start(sum(1 for _ in iter_drafts(root, skip)))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        if reports:
            reports_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(outdir, f"cannot be written to ({exc.strerror or exc})") from None
    earlier = partial_files(outdir)
    if force and not resume:
        for p in earlier:
            p.unlink()
        earlier = []
    index = None
    if resume:
        index = ResumeIndex(outdir / ".audit-resume.sqlite", VERSION).load(
            ([csv_path] if csv_path.exists() else []) + earlier)
    number = int(PARTIAL.match(earlier[-1].name).group(1)) + 1 if earlier else 1
    partial = outdir / f"audit.partial-{number}.csv"
    totals = Totals()
    started = time.perf_counter()
    written = 0
    try:
        drafts = with_seen(iter_drafts(root, skip), index.seen if index else None)
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
            writer.writeheader()
            for summary in _kept_or_new(runner.summaries(drafts, str(reports_dir) if reports else None, timeout),
                                        index, totals):
                writer.writerow(csv_row(summary))
                fh.flush()  # a stopped audit keeps every row written so far
                written += 1
                totals.add(summary)
                if progress is not None:
                    progress(1)
        totals.seconds = time.perf_counter() - started
        _write_dashboard(totals, partial, html_path, str(root))
        os.replace(partial, csv_path)
        for p in earlier:
            p.unlink(missing_ok=True)
    except BaseException:
        if written == 0:  # nothing done: nothing to resume
            partial.unlink(missing_ok=True)
        raise
    finally:
        if index is not None:
            index.close()
    return AuditResult(totals, csv_path, html_path, reports_dir)


def _kept_or_new(summaries: Iterator[dict], index: ResumeIndex | None, totals: Totals) -> Iterator[dict]:
    """Each summary as it comes; for a draft the worker found unchanged, the earlier row's summary."""
    for s in summaries:
        if s.get("skipped"):
            earlier = index.summary(s["path"]) if index is not None else None
            if earlier is not None:
                totals.skipped += 1
                yield earlier
                continue
            s = {"path": s["path"], "error": f"{s['path']}: its earlier row was lost; run the audit again"}
        yield s


def _write_dashboard(totals: Totals, csv_file: Path, html_path: Path, root: str) -> None:
    fd, tmp_html = tempfile.mkstemp(prefix=".audit.html.", dir=html_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for chunk in render_dashboard(totals, str(csv_file), root):
                out.write(chunk)
        os.replace(tmp_html, html_path)
    except BaseException:
        Path(tmp_html).unlink(missing_ok=True)
        raise

