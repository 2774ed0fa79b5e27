"""Suggested changes to a draft's words: which findings become one, and what the draft then reads.

A suggestion comes only from a finding's `replacement` (the rule decided it is safe). It is an
`Edit` of the block's text: the finding's [start, end) becomes the new words. The same edits are
written as Word tracked changes (`reporters/docx_tracked`) or into a copy of a Markdown or text
draft (`reporters/text_copy`), shown as a diff, and checked by linting the draft as it would read
with every suggestion accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from cpdocs.lint.finding import Finding

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass
class Edit:
    finding: Finding
    block: int
    start: int
    end: int
    new: str

    @property
    def grows(self) -> bool:
        return len(self.new) > self.end - self.start


def planned_edits(findings: list[Finding]) -> list[Edit]:
    """One edit for each finding that carries a replacement, in the draft's order; a finding whose words
    overlap an earlier edit's stays a comment (two suggestions may not rewrite the same words)."""
    out: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.location.block, f.location.start)):
        loc = f.location
        if not f.replacement or loc.end <= loc.start or f.replacement == f.text:
            continue
        if out and out[-1].block == loc.block and loc.start < out[-1].end:
            continue
        out.append(Edit(f, loc.block, loc.start, loc.end, f.replacement))
    return out


def word_ops(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """The smallest word-by-word changes from `old` to `new`, as difflib opcodes in character offsets:
    'CAMHS' to 'Child and Adolescent Mental Health Services (CAMHS)' is two insertions around the
    untouched acronym, not a deletion and a retyping."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    ca, cb = _offsets(a), _offsets(b)
    return [(tag, ca[i1], ca[i2], cb[j1], cb[j2])
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if tag != "equal"]


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def apply(text: str, edits: list[Edit]) -> str:
    """A block's text with its edits made (edits of that block, in order, not overlapping)."""
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.new + text[e.end:]
    return text


def back(edits: list[Edit], pos: int, is_end: bool = False) -> int:
    """Where a position in the edited text of a block was in the original: a position inside new words
    maps to the start (or, for the end of a span, the end) of the words they replaced."""
    delta = 0
    for e in sorted(edits, key=lambda e: e.start):
        new_start = e.start + delta
        new_end = new_start + len(e.new)
        if pos <= new_start:
            return pos - delta
        if pos < new_end or (is_end and pos == new_end):
            return e.end if is_end else e.start
        delta += len(e.new) - (e.end - e.start)
    return pos - delta
