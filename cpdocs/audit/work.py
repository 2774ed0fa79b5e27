"""The work done for one draft, in whichever process or cluster worker runs it.

A worker loads the language model once (`load_model`), then for each draft reads its bytes
itself (a local path or an fsspec URL), hashes them, skips the draft if an earlier audit saw
the same bytes with the same cpdocs (`--resume`), else lints it, writes its HTML report, and
returns only a small summary. `audit_one` never raises: every problem is a summary with its
`error` filled in, so one bad file never stops an audit.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from collections import Counter
from pathlib import Path

from cpdocs import __version__
from cpdocs.audit.drafts import Draft, is_url, report_name
from cpdocs.errors import InputError, fault
from cpdocs.files import write_whole
from cpdocs.readers import MAX_BYTES, read_bytes

DEFAULT_TIMEOUT = 60.0
VERSION = __version__  # a row made by another version of cpdocs is linted again on --resume


class FileTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - runs only when a file is too slow
    raise FileTimeout()


def load_model() -> None:
    """Load the language model and the word lists now, once per worker, not once per file."""
    from cpdocs.config import Config
    from cpdocs.lint.reporters.html import lint_keep_document

    try:
        lint_keep_document("warm-up.md", None, Config(), b"# Report\n\nThe child was seen at home on 1 May 2025.\n")
    except Exception:  # a broken model shows up as an error on each file, in plain words
        pass


def init_pool_worker() -> None:
    """A local pool's worker: Ctrl-C is for the main process, one BLAS thread each, the model loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one thread per worker: the workers are the parallelism
    load_model()


def read_draft(path: str) -> bytes:
    """A draft's bytes, from a local path or an fsspec URL; an InputError if they cannot be had."""
    if not is_url(path):
        return read_bytes(path)
    try:
        import fsspec

        with fsspec.open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (ImportError, ValueError, OSError) as exc:
        raise InputError(path, f"cannot be read ({type(exc).__name__})") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, "is too large (over 50 MB) to be a report")
    return data


def lost_summary(rel: str) -> dict:
    """The row of a file whose worker died twice while reading it (a crash or out of memory)."""
    return {"path": rel, "error": f"{rel}: cpdocs stopped while reading it (out of memory?); it was skipped"}


def audit_one(draft: Draft, reports_dir: str | None, timeout: float = DEFAULT_TIMEOUT) -> dict:
    """Lint one draft and write its HTML report; return its summary (never raises).

    Only the main thread of a process can be interrupted by a timer, so in a Dask worker (whose
    tasks run in threads) the per-file time limit is the cluster's to enforce.
    """
    rel = draft.rel
    use_alarm = timeout > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _on_alarm) if use_alarm else None
    digest = None
    try:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        data = read_draft(draft.path)
        digest = hashlib.sha256(data).hexdigest()
        if draft.seen == digest:
            return {"path": rel, "skipped": True, "sha256": digest, "version": VERSION}
        return _audit_bytes(draft, data, reports_dir) | {"sha256": digest, "version": VERSION}
    except FileTimeout:
        return {"path": rel, "error": f"{rel}: took longer than {timeout:g} seconds, so it was skipped"}
    except InputError as exc:  # the same bytes give the same refusal: kept for --resume
        return {"path": rel, "error": str(exc).replace(draft.path, rel, 1), "sha256": digest, "version": VERSION}
    except MemoryError:
        return {"path": rel, "error": f"{rel}: is too large to check"}
    except Exception as exc:  # a fault in cpdocs: say so, go on with the other files
        return {"path": rel, "error": f"{rel}: {fault(exc)}"}
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _audit_bytes(draft: Draft, data: bytes, reports_dir: str | None) -> dict:
    from cpdocs.config import config_for
    from cpdocs.lint.reporters import html as html_reporter
    from cpdocs.standards import normalise_heading

    rel = draft.rel
    config = config_for(None if is_url(draft.path) else Path(draft.path))
    document, result = html_reporter.lint_keep_document(draft.path, None, config, data)
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
