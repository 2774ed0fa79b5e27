"""Run the rules over a Document and collect Findings. Rules never open files; this module
reads a file once, through the readers, and hands the Document to every rule.

Many files are linted in one process with the model loaded once: the blocks of several drafts
go through the language pipes together (`analyse`, `lint_jobs`). `cpdocs.lint.parallel` spreads
them over the cores.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cpdocs.regex_cache import kept

# The document model, the rules and what they share compile some 160 regular expressions as they are
# imported: compiled as last time, for every command that lints (see cpdocs.regex_cache).
with kept():
    from cpdocs.config import Config, config_for
    from cpdocs.document import Document
    from cpdocs.errors import InputError, fault
    from cpdocs.lint.context import LintContext, Readings, blocks_to_tag
    from cpdocs.lint.finding import FileResult, Finding
    from cpdocs.lint.report_type import detect_report_type
    from cpdocs.lint.rules import all_rules
    from cpdocs.lint.wordlists import WordLists, load_wordlists
    from cpdocs.nlp import load_model, split, tag
    from cpdocs.readers import read_document
    from cpdocs.standards import REPORT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc

CHUNK = 32  # files analysed together: enough to batch well, few enough to keep memory small

# Where two rules flag exactly the same words, the more specific finding wins: 'ASAP' is a vague
# timescale, not jargon; 'hostile' is a label, not jargon. Jargon inside a longer vague phrase
# ('do direct work with') is still jargon.
PRECEDENCE = {"vague-action": 0, "language": 1, "evidence": 2, "jargon": 3}


def lint_document(document: Document, config: Config | None = None, report_type: str | None = None,
                  readings: Readings | None = None, docs: list[Doc] | None = None) -> FileResult:
    """Lint a Document. `readings` keeps what the language model and the word lists found in each
    block, for a caller that lints the draft again after changing a few words (`cpdocs fix`); `docs`
    is the document's analysis when `analyse` has done it already."""
    config = config or Config()
    if report_type is not None and report_type not in REPORT_TYPES:
        raise InputError(document.path, f"unknown report type {report_type!r} (use one of {', '.join(REPORT_TYPES)})")
    source, why = "given", "given with --type"
    if report_type is None:
        report_type, source, why = detect_report_type(document)
    nlp = load_model(config.model)
    ctx = LintContext(document, config, report_type, nlp, load_wordlists(config), readings, docs)
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
    return FileResult(path=document.path, report_type=report_type, report_type_source=source, report_type_why=why,
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
        return FileResult(path=path, error=f"{path}: {fault(exc)}")


def lint_jobs(jobs: list[Job], read: dict[int, Document | FileResult] | None = None) -> list[FileResult]:
    """Lint files in this process, CHUNK at a time, each chunk's blocks analysed together.
    `read` holds the files already read (a Document, or the error), by their index in `jobs`."""
    read = read or {}
    out: list[FileResult] = []
    for first in range(0, len(jobs), CHUNK):
        chunk = jobs[first:first + CHUNK]
        out.extend(_lint_chunk(chunk, [read[first + i] if first + i in read else
                                       guarded(job.path, read_document, job.path) for i, job in enumerate(chunk)]))
    return out


def _lint_chunk(chunk: list[Job], read: list[Document | FileResult]) -> list[FileResult]:
    ok = [i for i, r in enumerate(read) if isinstance(r, Document)]
    docs: dict[int, list[Doc]] = {}
    for model in dict.fromkeys(chunk[i].config.model for i in ok):
        at = [i for i in ok if chunk[i].config.model == model]
        try:
            analysed = analyse(load_model(model), [(read[i], load_wordlists(chunk[i].config)) for i in at])
        except InputError:
            continue  # no model, or a bad list: each file reports it below
        except Exception:
            if os.environ.get("CPDOCS_DEBUG"):
                raise
            continue  # each file is analysed on its own below, and only the faulty one fails
        docs.update(zip(at, analysed, strict=True))
    return [r if isinstance(r, FileResult) else
            guarded(job.path, _lint_with, r, job, docs.get(i))
            for i, (job, r) in enumerate(zip(chunk, read, strict=True))]


def _lint_with(document: Document, job: Job, docs: list[Doc] | None) -> FileResult:
    return lint_document(document, job.config, job.report_type, docs=docs)


def prepare(jobs: list[Job]) -> None:
    """Load the models, word lists and matchers these files need (what forked workers then share)."""
    from cpdocs.lint.context import LISTS, phrase_matchers

    for config in {id(job.config): job.config for job in jobs}.values():
        try:
            nlp = load_model(config.model)
            words = load_wordlists(config)
        except InputError:
            continue  # reported per file later
        for name, field in LISTS.items():
            phrase_matchers(nlp, name, getattr(words, field))
