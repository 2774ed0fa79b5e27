"""Shared by the tests of `cpdocs fix`: what a draft reads as, and the two properties every suggested
copy must have (accept-all: none of the fixed findings and no new ones; reject-all: the draft)."""

from __future__ import annotations

from tracked_support import accept, reject

from cpdocs.config import Config
from cpdocs.lint.engine import lint_document
from cpdocs.readers import read_document


def blocks(data: bytes, name: str = "draft.docx") -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_document(name, data).blocks]


def findings_of(data: bytes, report_type: str | None = None, name: str = "draft.docx"):
    return lint_document(read_document(name, data), Config(), report_type).findings


def assert_holds(name: str, data: bytes, outcome) -> None:
    """Accept-all: no fixed finding, nothing new. Reject-all: the draft's own text, block by block.

    A finding after accepting is the same as one before when it has the same rule and block, and the
    same words once each suggestion's new words are put back as they were."""
    assert blocks(reject(outcome.copy), name) == blocks(data, name)
    accepted = accept(outcome.copy)
    assert blocks(accepted, name) == [(b.kind, b.text) for b in outcome.accepted.blocks]
    after = findings_of(accepted, outcome.result.report_type, name)

    def undo(text: str) -> str:
        for e in outcome.edits:
            text = text.replace(e.new, e.finding.text)
        return text

    def key(f) -> tuple:
        return f.rule, f.location.block, undo(f.text)

    before = [key(f) for f in outcome.result.findings]
    fixed = {key(f) for f in outcome.suggested}
    for f in after:
        assert key(f) in before, f"new finding {f.rule} {f.text!r}"
        assert key(f) not in fixed, f"a fixed finding is still there: {f.rule} {f.text!r}"
    assert len(after) <= len(outcome.result.findings) - len(outcome.edits)  # a change may settle another
