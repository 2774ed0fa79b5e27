"""What every rule has: a stable code, a name, a category, a severity and its documentation.

The documentation is part of the rule (what it flags, why it matters, the standard it comes
from, a bad and a good example), so `cpdocs rules CODE` and the handbook never drift from
the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cpdocs.document import Block
from cpdocs.lint.context import LintContext
from cpdocs.lint.finding import Finding, Location


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    category: str
    severity: str
    summary: str  # what it flags, one line
    why: str  # why it matters to a parent or a chair
    standard: str  # document title and section
    bad: str
    good: str


class Rule:
    info: RuleInfo

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, block: Block | None, start: int, end: int, message: str, *, text: str | None = None,
                suggestion: str | None = None, severity: str | None = None, standard: str | None = None,
                section: str | None = None, why: str = "", replacement: str | None = None,
                meaning: str | None = None) -> Finding:
        i = self.info
        if block is None:
            loc = Location(section=section or "", block=0, start=0, end=0)
        else:
            loc = Location(section=block.section if section is None else section, block=block.index,
                           start=start, end=end, line=block.line_at(start), page=block.page)
        return Finding(
            rule=i.code, name=i.name, category=i.category, severity=severity or i.severity, message=message,
            text=text if text is not None else (block.text[start:end] if block else ""),
            suggestion=suggestion or "", standard=standard or i.standard, location=loc, why=why,
            replacement=replacement, meaning=meaning,
        )
