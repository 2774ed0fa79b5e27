"""Run the rules over a Document and collect Findings. Rules never open files; this module
reads a file once, through the readers, and hands the Document to every rule."""

from __future__ import annotations

from pathlib import Path

from cpdocs.config import Config, config_for
from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.lint.context import LintContext, Readings
from cpdocs.lint.finding import FileResult, Finding
from cpdocs.lint.report_type import detect_report_type
from cpdocs.lint.rules import all_rules
from cpdocs.lint.wordlists import load_wordlists
from cpdocs.nlp import load_model
from cpdocs.readers import read_document
from cpdocs.standards import REPORT_TYPES

# Where two rules flag exactly the same words, the more specific finding wins: 'ASAP' is a vague
# timescale, not jargon; 'hostile' is a label, not jargon. Jargon inside a longer vague phrase
# ('do direct work with') is still jargon.
PRECEDENCE = {"vague-action": 0, "language": 1, "evidence": 2, "jargon": 3}


def lint_document(document: Document, config: Config | None = None, report_type: str | None = None,
                  readings: Readings | None = None) -> FileResult:
    """Lint a Document. `readings` keeps what the language model and the word lists found in each
    block, for a caller that lints the draft again after changing a few words (`cpdocs fix`)."""
    config = config or Config()
    if report_type is not None and report_type not in REPORT_TYPES:
        raise InputError(document.path, f"unknown report type {report_type!r} (use one of {', '.join(REPORT_TYPES)})")
    source, why = "given", "given with --type"
    if report_type is None:
        report_type, source, why = detect_report_type(document)
    nlp = load_model(config.model)
    ctx = LintContext(document, config, report_type, nlp, load_wordlists(config), readings)
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
