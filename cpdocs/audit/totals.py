"""Running totals of an audit, for its dashboard: kept as summaries arrive, so memory stays flat."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

EASE_BINS = [(0, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 101)]


@dataclass
class Totals:
    files: int = 0
    read: int = 0
    failed: int = 0
    skipped: int = 0  # unchanged since an earlier audit (--resume): its row was kept, not linted again
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
