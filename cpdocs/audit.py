"""Audit a folder of drafts: lint every file in parallel, then one CSV and one dashboard.

For quality assurance teams who review dozens or hundreds of reports at once. Each worker
process loads the language model once (an initializer), lints one file at a time, writes that
file's own HTML report, and sends back only a small summary; the main process writes each
summary to the CSV as it arrives and keeps only running totals, so memory stays flat however
large the folder. A file that cannot be read, or that takes longer than the time limit, is a
row with its `error` filled in: it never stops the audit.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.lint.finding import CATEGORIES
from cpdocs.readers import SUPPORTED

CSV_FIELDS = ["path", "report_type", "words", "sentences", "reading_ease", "grade", "findings", "errors",
              "warnings", *CATEGORIES, "missing_sections", "report", "error"]
DEFAULT_TIMEOUT = 60.0


# -- finding the drafts -------------------------------------------------------------------------

def find_drafts(root: Path, skip: Path | None = None) -> list[Path]:
    """Every draft under `root`, in a stable order: hidden folders, Word's lock files ('~$x.docx'),
    annotated copies ('x.cpdocs.docx'), the copies `cpdocs fix` writes ('x.suggested.docx') and the
    audit's own output folder are left out."""
    out = []
    skip_resolved = skip.resolve() if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (skip_resolved is None or (here / d).resolve() != skip_resolved))
        for name in sorted(filenames):
            p = here / name
            if name.startswith(("~$", ".")) or name.endswith(".cpdocs.docx") or p.stem.endswith(".suggested"):
                continue
            if p.suffix.lower() in SUPPORTED and p.is_file():
                out.append(p)
    return out


def report_name(rel: str) -> str:
    """A safe, unique file name for a draft's own report: its path with separators spelt out."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", rel.replace("\\", "/").replace("/", "__"))
    return f"{safe[:180]}.html"


# -- the work done for one file (in a worker process) ------------------------------------------

class FileTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - runs only when a file is too slow
    raise FileTimeout()


def init_worker() -> None:
    """Load the language model and the word lists once per process, not once per file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process to handle
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one thread per worker: the workers are the parallelism
    try:
        from cpdocs.config import Config
        from cpdocs.lint.reporters.html import lint_keep_document

        lint_keep_document("warm-up.md", None, Config(), b"# Report\n\nThe child was seen at home on 1 May 2025.\n")
    except Exception:  # a broken model shows up as an error on each file, in plain words
        pass


def audit_one(path: str, rel: str, reports_dir: str | None, timeout: float) -> dict:
    """Lint one file and write its HTML report; return its summary (never raises)."""
    use_alarm = timeout > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _on_alarm) if use_alarm else None
    try:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        return _audit_one(path, rel, reports_dir)
    except FileTimeout:
        return {"path": rel, "error": f"{rel}: took longer than {timeout:g} seconds, so it was skipped"}
    except InputError as exc:
        return {"path": rel, "error": str(exc).replace(path, rel, 1)}
    except MemoryError:
        return {"path": rel, "error": f"{rel}: is too large to check"}
    except Exception as exc:  # a fault in cpdocs: say so, go on with the other files
        return {"path": rel, "error": f"{rel}: could not be checked because of a fault in cpdocs "
                                      f"({type(exc).__name__}); please report it"}
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _audit_one(path: str, rel: str, reports_dir: str | None) -> dict:
    from cpdocs.config import config_for
    from cpdocs.lint.reporters import html as html_reporter
    from cpdocs.standards import normalise_heading

    config = config_for(Path(path))
    document, result = html_reporter.lint_keep_document(path, None, config)
    result.path = rel
    report = None
    if reports_dir is not None:
        report = report_name(rel)
        page = html_reporter.render([(result, document)], title=rel)
        write_whole(Path(reports_dir) / report, page, force=True)
    m = result.metrics
    counts = Counter(f.category for f in result.findings)
    standards = sorted({s.strip() for f in result.findings for s in f.standard.split(";") if s.strip()})
    sections = Counter(normalise_heading(f.location.section) or "(before the first heading)"
                       for f in result.findings if f.category != "missing-section")
    return {
        "path": rel, "report_type": result.report_type, "words": m.words, "sentences": m.sentences,
        "reading_ease": round(m.flesch_reading_ease, 1), "grade": round(m.flesch_kincaid_grade, 1),
        "findings": len(result.findings), "errors": result.count("error"), "warnings": result.count("warning"),
        "counts": dict(counts),
        "missing": [f.text for f in result.findings if f.category == "missing-section"],
        "vague": [f.text.lower() for f in result.findings if f.category == "vague-action"],
        "jargon": [f.text for f in result.findings if f.category == "jargon"],
        "standards": standards, "sections": dict(sections), "report": report, "error": None,
    }


# -- running totals for the dashboard -----------------------------------------------------------

EASE_BINS = [(0, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 101)]


@dataclass
class Totals:
    files: int = 0
    read: int = 0
    failed: int = 0
    words: int = 0
    findings: int = 0
    by_category: Counter = field(default_factory=Counter)  # findings of each kind
    files_by_category: Counter = field(default_factory=Counter)  # reports with at least one
    files_by_standard: Counter = field(default_factory=Counter)
    missing: Counter = field(default_factory=Counter)
    vague: Counter = field(default_factory=Counter)
    vague_files: Counter = field(default_factory=Counter)
    jargon: Counter = field(default_factory=Counter)
    jargon_files: Counter = field(default_factory=Counter)
    sections: Counter = field(default_factory=Counter)
    section_files: Counter = field(default_factory=Counter)
    ease_bins: list[int] = field(default_factory=lambda: [0] * len(EASE_BINS))
    types: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, s: dict) -> None:
        self.files += 1
        if s.get("error"):
            self.failed += 1
            return
        self.read += 1
        self.words += s["words"]
        self.findings += s["findings"]
        self.types[s["report_type"]] += 1
        for c, n in s["counts"].items():
            self.by_category[c] += n
            self.files_by_category[c] += 1
        self.files_by_standard.update(s["standards"])
        self.missing.update(s["missing"])
        self.vague.update(s["vague"])
        self.vague_files.update(set(s["vague"]))
        jargon = [_jargon_key(t) for t in s["jargon"]]
        self.jargon.update(jargon)
        self.jargon_files.update(set(jargon))
        self.sections.update(s["sections"])
        self.section_files.update(s["sections"].keys())
        ease = s["reading_ease"]
        for i, (lo, hi) in enumerate(EASE_BINS):
            if lo <= ease < hi or (i == 0 and ease < lo) or (i == len(EASE_BINS) - 1 and ease >= hi):
                self.ease_bins[i] += 1
                break


def _jargon_key(text: str) -> str:
    return text if text.isupper() else text.lower()


def csv_row(s: dict) -> dict:
    row = {k: "" for k in CSV_FIELDS}
    row["path"] = s["path"]
    if s.get("error"):
        row["error"] = s["error"]
    else:
        for k in ("report_type", "words", "sentences", "reading_ease", "grade", "findings", "errors", "warnings"):
            row[k] = s[k]
        for c in CATEGORIES:
            row[c] = s["counts"].get(c, 0)
        row["missing_sections"] = "; ".join(s["missing"])
        row["report"] = f"reports/{s['report']}" if s.get("report") else ""
    # a cell that starts like a formula would run in a spreadsheet: make it plain text
    return {k: (f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v)
            for k, v in row.items()}


# -- the audit ----------------------------------------------------------------------------------

@dataclass
class AuditResult:
    totals: Totals
    csv_path: Path
    html_path: Path
    reports_dir: Path


def run_audit(root: Path, outdir: Path, jobs: int = 1, force: bool = False, timeout: float = DEFAULT_TIMEOUT,
              progress: Callable[[int], None] | None = None, on_start: Callable[[int], None] | None = None,
              reports: bool = True) -> AuditResult:
    """Lint every draft under `root`; write audit.csv, audit.html and reports/ in `outdir`."""
    if not root.exists():
        raise InputError(root, "no such folder")
    if not root.is_dir():
        raise InputError(root, "is a file, not a folder; use 'cpdocs lint' for one draft")
    csv_path, html_path, reports_dir = outdir / "audit.csv", outdir / "audit.html", outdir / "reports"
    for p in (csv_path, html_path):
        if p.exists() and not force:
            raise InputError(p, "already exists; use --force to replace it")
    files = find_drafts(root, skip=outdir)
    if on_start is not None:
        on_start(len(files))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        if reports:
            reports_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(outdir, f"cannot be written to ({exc.strerror or exc})") from None
    totals = Totals()
    started = time.perf_counter()
    fd, tmp_csv = tempfile.mkstemp(prefix=".audit.csv.", dir=outdir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
            writer.writeheader()
            tasks = ((str(p), p.relative_to(root).as_posix()) for p in files)
            for summary in _summaries(tasks, str(reports_dir) if reports else None, jobs, timeout):
                writer.writerow(csv_row(summary))
                totals.add(summary)
                if progress is not None:
                    progress(1)
        totals.seconds = time.perf_counter() - started
        from cpdocs.audit_dashboard import render_dashboard

        fd2, tmp_html = tempfile.mkstemp(prefix=".audit.html.", dir=outdir)
        try:
            with os.fdopen(fd2, "w", encoding="utf-8") as out:
                for chunk in render_dashboard(totals, tmp_csv, str(root)):
                    out.write(chunk)
            os.replace(tmp_html, html_path)
        except BaseException:
            Path(tmp_html).unlink(missing_ok=True)
            raise
        os.replace(tmp_csv, csv_path)
    except BaseException:
        Path(tmp_csv).unlink(missing_ok=True)
        raise
    return AuditResult(totals, csv_path, html_path, reports_dir)


def _summaries(tasks: Iterator[tuple[str, str]], reports_dir: str | None, jobs: int,
               timeout: float) -> Iterator[dict]:
    """Summaries as files finish. One job runs here; more run in worker processes, with at most
    a few files in flight per worker so that nothing piles up in memory."""
    if jobs <= 1:
        init_worker_in_process()
        for path, rel in tasks:
            yield audit_one(path, rel, reports_dir, timeout)
        return
    window = jobs * 2
    pending: dict[Future, tuple[str, str]] = {}
    retried: set[str] = set()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                try:
                    path, rel = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                pending[pool.submit(audit_one, path, rel, reports_dir, timeout)] = (path, rel)
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            lost: list[tuple[str, str]] = []
            for fut in done:
                path, rel = pending.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    lost.append((path, rel))
            if lost:
                # a worker died (a crash or out of memory) and took the files in flight with it:
                # run each of them once more in a new pool; a file that fails twice is skipped
                lost += list(pending.values())
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker)
                for path, rel in lost:
                    if rel in retried:
                        yield {"path": rel, "error": f"{rel}: cpdocs stopped while reading it (out of memory?); "
                                                     "it was skipped"}
                        continue
                    retried.add(rel)
                    pending[pool.submit(audit_one, path, rel, reports_dir, timeout)] = (path, rel)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_warm = False


def init_worker_in_process() -> None:
    global _warm
    if not _warm:
        from cpdocs.config import Config
        from cpdocs.lint.reporters.html import lint_keep_document

        try:
            lint_keep_document("warm-up.md", None, Config(), b"# Report\n\nThe child was seen at home.\n")
        except InputError:
            pass
        _warm = True


def default_jobs() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not on Linux
        return max(1, min(os.cpu_count() or 1, 8))


def progress_bar_wanted() -> bool:
    return sys.stderr.isatty()
