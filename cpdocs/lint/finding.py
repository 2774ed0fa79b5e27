"""Findings and lint results: what rules produce and reporters print (the JSON contract)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("info", "warning", "error")
CATEGORIES = (
    "vague-action", "action-owner", "action-date", "jargon", "readability", "missing-section",
    "evidence", "language", "timeliness", "structure",
)


@dataclass
class Location:
    section: str = ""
    block: int = 0
    start: int = 0
    end: int = 0
    line: int | None = None
    page: int | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        return {k: v for k, v in d.items() if v is not None}


@dataclass
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    suggestion: str
    standard: str
    location: Location = field(default_factory=Location)
    why: str = ""  # how the rule read the draft to get here, for `--explain` ('read as a plan action because...')
    # Words that can replace `text` without changing its meaning (set by a rule only when the rewrite is
    # safe: `cpdocs fix` applies it as a tracked change and never works one out itself).
    replacement: str | None = None
    # What the words mean, from the word lists (jargon and acronyms): the glossary of `cpdocs fix --glossary`.
    meaning: str | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["location"] = self.location.as_dict()
        for optional in ("why", "replacement", "meaning"):
            if not d[optional]:
                del d[optional]
        return d


@dataclass
class Metrics:
    words: int = 0
    sentences: int = 0
    flesch_reading_ease: float = 0.0
    flesch_kincaid_grade: float = 0.0

    def as_dict(self) -> dict:
        return {
            "words": self.words, "sentences": self.sentences,
            "flesch_reading_ease": round(self.flesch_reading_ease, 1),
            "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 1),
        }


@dataclass
class FileResult:
    path: str
    report_type: str | None = None
    report_type_source: str = "detected"  # "detected", "given" (--type) or "default"
    report_type_why: str = ""  # what in the draft decided the type
    metrics: Metrics = field(default_factory=Metrics)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the plain one-line problem when the file could not be read

    def as_dict(self) -> dict:
        if self.error is not None:
            return {"path": self.path, "error": self.error, "findings": []}
        return {
            "path": self.path,
            "report_type": self.report_type,
            "report_type_source": self.report_type_source,
            **({"report_type_why": self.report_type_why} if self.report_type_why else {}),
            "metrics": self.metrics.as_dict(),
            "findings": [f.as_dict() for f in self.findings],
        }

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
