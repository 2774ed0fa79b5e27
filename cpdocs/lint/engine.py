"""Run the rules over a Document and collect Findings. Rules never open files; this module
reads a file once, through the readers, and hands the Document to every rule.

Many files are linted in one process with the model loaded once: the blocks of several drafts
go through the language pipes together (`analyse`), and with enough files a second process,
forked once the model is loaded, takes half of them (`lint_files`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cpdocs.config import Config, config_for
from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.lint.context import LintContext, blocks_to_tag
from cpdocs.lint.finding import FileResult, Finding
from cpdocs.lint.report_type import detect_report_type
from cpdocs.lint.rules import all_rules
from cpdocs.lint.wordlists import WordLists, load_wordlists
from cpdocs.nlp import load_model, split, tag
from cpdocs.readers import read_document
from cpdocs.standards import REPORT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc

FILES_PER_WORKER = 4  # fewer files than this per process: not worth a second process
CHUNK = 32  # files analysed together: enough to batch well, few enough to keep memory small

# Where two rules flag exactly the same words, the more specific finding wins: 'ASAP' is a vague
# timescale, not jargon; 'hostile' is a label, not jargon. Jargon inside a longer vague phrase
# ('do direct work with') is still jargon.
PRECEDENCE = {"vague-action": 0, "language": 1, "evidence": 2, "jargon": 3}


def lint_document(document: Document, config: Config | None = None, report_type: str | None = None,
                  docs: list[Doc] | None = None) -> FileResult:
    """Lint one read document; `docs` is its analysis when `analyse` has done it already."""
    config = config or Config()
    if report_type is not None and report_type not in REPORT_TYPES:
        raise InputError(document.path, f"unknown report type {report_type!r} (use one of {', '.join(REPORT_TYPES)})")
    source = "given"
    if report_type is None:
        report_type, source = detect_report_type(document)
    nlp = load_model(config.model)
    ctx = LintContext(document, config, report_type, nlp, load_wordlists(config), docs)
    findings: list[Finding] = []
    for rule in all_rules():
        i = rule.info
        if not config.rule_enabled(i.code, i.name, i.category):
            continue
        for f in rule.check(ctx):
            block = document.blocks[f.location.block] if document.blocks and f.location.end else None
            if block is not None and (i.code in block.disabled or "ALL" in block.disabled):
                continue
            findings.append(f)
    findings = _drop_overlaps(findings)
    findings.sort(key=lambda f: (f.location.block, f.location.start, f.rule))
    missing = [f for f in findings if f.category == "missing-section"]
    others = [f for f in findings if f.category != "missing-section"]
    return FileResult(path=document.path, report_type=report_type, report_type_source=source,
                      metrics=ctx.metrics, findings=missing + others)


def _drop_overlaps(findings: list[Finding]) -> list[Finding]:
    keep = []
    spans = {}
    for f in findings:
        if f.category in PRECEDENCE and f.location.end > f.location.start:
            spans.setdefault(f.location.block, []).append(f)
    for f in findings:
        rank = PRECEDENCE.get(f.category)
        if rank is not None and f.category in ("jargon", "language"):
            rivals = spans.get(f.location.block, [])
            if any(PRECEDENCE[r.category] < rank and r.category != "evidence"
                   and (r.location.start, r.location.end) == (f.location.start, f.location.end) for r in rivals):
                continue
        keep.append(f)
    return keep


def lint_file(path: Path | str, report_type: str | None = None, config: Config | None = None,
              data: bytes | None = None) -> FileResult:
    """Lint one file (or '-' for standard input). Raises InputError for unreadable input."""
    p = str(path)
    if config is None:
        config = config_for(None if p == "-" else Path(p))
    document = read_document(p, data)
    return lint_document(document, config, report_type)


def analyse(nlp, items: list[tuple[Document, WordLists]]) -> list[list[Doc]]:
    """The analysis of several documents' blocks: split together, then tagged together where the
    rules will need it (see `LintContext`)."""
    docs = split(nlp, [b.text for document, _ in items for b in document.blocks])
    out: list[list[Doc]] = []
    to_tag: list[Doc] = []
    at = 0
    for document, words in items:
        mine = docs[at:at + len(document.blocks)]
        at += len(document.blocks)
        to_tag.extend(mine[i] for i in sorted(blocks_to_tag(nlp, document, words, mine)))
        out.append(mine)
    tag(nlp, to_tag)
    return out


@dataclass
class Job:
    """One file to lint, with its own configuration (found next to it) and report type."""

    path: str
    config: Config
    report_type: str | None = None


def guarded(path: str, step: Callable[..., object], *args) -> object:
    """`step(*args)`, or the file's error: one plain line for bad input, and for a fault in cpdocs
    itself a line that says so (the traceback with CPDOCS_DEBUG set). The other files go on."""
    try:
        return step(*args)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    except Exception as exc:
        if os.environ.get("CPDOCS_DEBUG"):
            raise
        return FileResult(path=path, error=f"{path}: could not be checked because of a fault in cpdocs "
                                           f"({type(exc).__name__}); please report it")


def lint_jobs(jobs: list[Job]) -> list[FileResult]:
    """Lint files in this process, CHUNK at a time, each chunk's blocks analysed together."""
    out: list[FileResult] = []
    for first in range(0, len(jobs), CHUNK):
        out.extend(_lint_chunk(jobs[first:first + CHUNK]))
    return out


def _lint_chunk(chunk: list[Job]) -> list[FileResult]:
    read = [guarded(job.path, read_document, job.path) for job in chunk]  # a Document, or the error
    ok = [i for i, r in enumerate(read) if isinstance(r, Document)]
    docs: dict[int, list[Doc]] = {}
    for model in dict.fromkeys(chunk[i].config.model for i in ok):
        at = [i for i in ok if chunk[i].config.model == model]
        try:
            analysed = analyse(load_model(model), [(read[i], load_wordlists(chunk[i].config)) for i in at])
        except Exception:
            if os.environ.get("CPDOCS_DEBUG") and not isinstance(sys.exc_info()[1], InputError):
                raise
            continue  # each file is analysed, and reports its problem, on its own below
        docs.update(zip(at, analysed, strict=True))
    return [r if isinstance(r, FileResult) else
            guarded(job.path, lint_document, r, job.config, job.report_type, docs.get(i))
            for i, (job, r) in enumerate(zip(chunk, read, strict=True))]


def workers_for(jobs: list[Job], wanted: int | None = None) -> int:
    """How many processes: as asked, else one per free core with at least FILES_PER_WORKER files each."""
    if wanted is not None:
        return max(1, min(wanted, len(jobs)))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, len(jobs) // FILES_PER_WORKER))


def lint_files(jobs: list[Job], workers: int = 1) -> list[FileResult]:
    """Lint many files, in order. With workers > 1, and where processes can be forked, the model
    and word lists are loaded first and each forked worker takes a share of the files; if a
    worker fails, its files are linted here instead."""
    if workers <= 1 or len(jobs) < 2 or "fork" not in _start_methods():
        return lint_jobs(jobs)
    _prepare(jobs)
    shares = _shares(jobs, workers)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(lint_jobs, [jobs[i] for i in share]) for share in shares[1:]]
        mine = lint_jobs([jobs[i] for i in shares[0]])
        theirs = []
        for share, future in zip(shares[1:], futures, strict=True):
            try:
                theirs.append(future.result())
            except Exception:
                if os.environ.get("CPDOCS_DEBUG"):
                    raise
                theirs.append(lint_jobs([jobs[i] for i in share]))
    by_index: dict[int, FileResult] = {}
    for share, results in zip(shares, [mine, *theirs], strict=True):
        by_index.update(zip(share, results, strict=True))
    return [by_index[i] for i in range(len(jobs))]


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _prepare(jobs: list[Job]) -> None:
    """Load what every worker needs before forking, so that it is loaded once and shared."""
    from cpdocs.lint.context import LISTS, phrase_matchers

    for job in jobs:
        try:
            nlp = load_model(job.config.model)
            words = load_wordlists(job.config)
        except InputError:
            continue  # reported per file later
        for name, field in LISTS.items():
            phrase_matchers(nlp, name, getattr(words, field))
    import cpdocs.readers.docx  # noqa: F401  the Word reader's imports, once


def _shares(jobs: list[Job], workers: int) -> list[list[int]]:
    """Files dealt to workers by size, largest first, each to the least loaded: similar totals."""
    def size(job: Job) -> int:
        try:
            return Path(job.path).stat().st_size
        except OSError:
            return 0

    order = sorted(range(len(jobs)), key=lambda i: -size(jobs[i]))
    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for i in order:
        w = loads.index(min(loads))
        shares[w].append(i)
        loads[w] += size(jobs[i]) or 1
    return [sorted(s) for s in shares if s] or [[]]
