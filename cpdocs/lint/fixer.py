"""`cpdocs fix`: a copy of the draft with each safe suggestion made as a change the author accepts or
rejects, and every other finding as a comment.

The draft is read and linted once. Each finding that carries a `replacement` (a rule set it, only
where the rewrite cannot change the meaning) becomes an `Edit`; nothing here works out new words.
A Word draft gets tracked changes and comments (`reporters/docx_tracked`, `reporters/docx_comments`);
a Markdown or text draft gets the changes made in a copy (`reporters/text_copy`).

Before the copy is handed over it is checked the way ruff checks its own fixes: the copy is read as
it would be with every suggestion accepted, and linted again (the language model reads only the
blocks that changed). A suggestion that would leave its finding in place, or bring a new one (a
sentence made too long, a term that is now used first somewhere else), is withdrawn and its finding
stays a comment saying why; the copy is made again until none would. So accepting every suggestion
gives a draft with none of the fixed findings and no new ones.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cpdocs.config import Config
from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.lint.context import Readings
from cpdocs.lint.edits import Edit, apply, back, planned_edits
from cpdocs.lint.engine import lint_document
from cpdocs.lint.finding import FileResult, Finding
from cpdocs.readers import TEXT_SUFFIXES, decode_text, read_document, sniff

GLOSSARY_HEADING = "Words used in this report"
GLOSSARY_RULES = ("CPD301", "CPD302")
ADVICE = re.compile(r"\s*\((?:say|name|give|describe)\b[^)]*\)", re.IGNORECASE)
ADVICE_ONLY = re.compile(r"^(?:say|name|give|describe)\b", re.IGNORECASE)
MAX_ROUNDS = 6


@dataclass
class FixOutcome:
    kind: str  # "docx", "markdown" or "text"
    document: Document  # the draft as given
    result: FileResult  # its findings
    edits: list[Edit]  # the suggestions made
    held: dict[int, str]  # id(finding) -> why its suggested rewrite was not made
    glossary: list[tuple[str, str]]
    copy: bytes
    accepted: Document  # the copy as it reads with every suggestion accepted
    accepted_result: FileResult
    comments: int = 0
    source: str = ""  # a text draft's own text (for the diff)
    rounds: int = 1
    lint_seconds: float = 0.0  # of the time taken, how much was reading and linting the draft itself

    @property
    def suggested(self) -> list[Finding]:
        return [e.finding for e in self.edits]


def draft_kind(path: str, data: bytes) -> str:
    """docx, markdown or text: what `fix` can write a copy of (a PDF cannot be changed in place)."""
    kind = sniff(data)
    suffix = Path(path).suffix.lower() if path != "-" else ".md"
    if kind == "docx":
        return "docx"
    if kind == "text" and suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if kind == "pdf" or suffix == ".pdf":
        raise InputError(path, "is a PDF; cpdocs fix changes Word, Markdown and text drafts (use the .docx)")
    return "unknown"  # read_document says what is wrong with it


def glossary_rows(findings: list[Finding], edits: list[Edit]) -> list[tuple[str, str]]:
    """The acronyms and professional terms the draft leaves unexplained, each with its plain meaning from
    the word lists; a term that a suggestion replaces entirely is no longer in the draft. Advice to the
    author in a meaning ('(say what you saw)') is not for the family, so it is left out, and so is a
    term whose list entry is only advice ('say what happened...')."""
    gone = {id(e.finding) for e in edits
            if not re.search(r"(?<!\w)" + re.escape(e.finding.text) + r"(?!\w)", e.new, re.IGNORECASE)}
    rows: dict[str, tuple[str, str]] = {}
    for f in findings:
        if f.rule not in GLOSSARY_RULES or not f.meaning or id(f) in gone or ADVICE_ONLY.match(f.meaning):
            continue
        meaning = ADVICE.sub("", f.meaning).strip()
        rows.setdefault(f.text.lower(), (f.text, meaning[:1].upper() + meaning[1:]))
    return sorted(rows.values(), key=lambda r: r[0].lower())


# -- making the copy -----------------------------------------------------------------------------------

@dataclass
class Builder:
    """Makes the copy for a set of edits: the same draft, findings and options each round."""

    path: str
    data: bytes
    kind: str
    document: Document
    result: FileResult
    author: str
    when: datetime | None
    refused: dict[int, str] = field(default_factory=dict)  # id(finding) -> why its words cannot be changed

    def build(self, edits: list[Edit], rows: list[tuple[str, str]], notes: dict[int, str]) -> tuple[bytes, int]:
        if self.kind == "docx":
            return self._docx(edits, rows, notes)
        return self._text(edits, rows), 0

    def placeable(self, edits: list[Edit]) -> list[Edit]:
        """The edits whose words can be changed in place; the others are noted in `refused`."""
        if self.kind == "docx":
            from cpdocs.lint.reporters.docx_comments import open_package
            from cpdocs.lint.reporters.docx_ranges import Ranges

            ranges = Ranges(open_package(self.data, self.path).element.body)

            def why(e: Edit) -> str | None:
                return ranges.refusal(self.document.blocks[e.block], e.start, e.end)
        else:
            from cpdocs.lint.reporters import text_copy

            source = decode_text(self.data, self.path)

            def why(e: Edit) -> str | None:
                return text_copy.refusal(source, self.document.blocks, e)
        out = []
        for e in edits:
            reason = why(e)
            if reason is None:
                out.append(e)
            else:
                self.refused[id(e.finding)] = reason
        return out

    def _docx(self, edits: list[Edit], rows: list[tuple[str, str]], notes: dict[int, str]) -> tuple[bytes, int]:
        from cpdocs.lint.reporters.docx_comments import comment_on, open_package, saved
        from cpdocs.lint.reporters.docx_ranges import Ranges
        from cpdocs.lint.reporters.docx_tracked import Marks, add_glossary, rewrite

        doc = open_package(self.data, self.path)
        ranges = Ranges(doc.element.body)
        made = {id(e.finding) for e in edits}
        comments = comment_on(doc, ranges, self.document, [f for f in self.result.findings if id(f) not in made],
                              notes)
        marks = Marks(doc.part.package, self.author, self.when)
        for e in edits:
            rewrite(ranges, self.document.blocks[e.block], e, marks)
        if rows:
            add_glossary(doc, rows, marks, GLOSSARY_HEADING)
        return saved(doc), comments

    def _text(self, edits: list[Edit], rows: list[tuple[str, str]]) -> bytes:
        from cpdocs.lint.reporters.text_copy import apply_edits, glossary_text

        text = apply_edits(decode_text(self.data, self.path), self.document.blocks, edits)
        if rows:
            text = text.rstrip("\n") + "\n\n" + glossary_text(rows, GLOSSARY_HEADING, self.kind == "markdown")
        return text.encode("utf-8")


# -- checking the copy ---------------------------------------------------------------------------------

@dataclass
class Problems:
    edits: dict[int, str] = field(default_factory=dict)  # index in the edit list -> why it is withdrawn
    rows: set[int] = field(default_factory=set)  # glossary rows that bring a finding
    glossary: bool = False  # the glossary as a whole brings a finding
    unexplained: list[str] = field(default_factory=list)  # new findings no single change explains

    def __bool__(self) -> bool:
        return bool(self.edits or self.rows or self.glossary or self.unexplained)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1 if a1 > a0 and b1 > b0 else a0 <= b1 and b0 <= a1


def check(document: Document, result: FileResult, edits: list[Edit], rows: list[tuple[str, str]],
          accepted: Document, accepted_result: FileResult) -> Problems:
    """What is wrong with the copy, read with every suggestion accepted: a block that does not read as
    its edits say, a fixed finding still there, or a finding the draft did not have."""
    problems = Problems()
    by_block: dict[int, list[int]] = {}
    for i, e in enumerate(edits):
        by_block.setdefault(e.block, []).append(i)
    n = len(document.blocks)
    if len(accepted.blocks) < n:
        problems.unexplained.append("the draft's paragraphs would be read differently")
        return problems
    for b, block in enumerate(document.blocks):
        mine = [edits[i] for i in by_block.get(b, [])]
        got = accepted.blocks[b]
        if got.text != apply(block.text, mine) or got.kind != block.kind:
            if not mine:
                problems.unexplained.append("the draft's paragraphs would be read differently")
            for i in by_block.get(b, []):
                problems.edits[i] = "the paragraph would not read as intended once the change is accepted"
    old = [(g, (g.location.start, g.location.end) if g.location.end > g.location.start else None)
           for g in result.findings]
    for f in accepted_result.findings:
        loc = f.location
        if loc.end > loc.start and loc.block >= n:
            _glossary_problem(problems, accepted.blocks[loc.block].text, rows)
            continue
        span = _span_back(f, by_block, edits)
        if any(_same(f, span, g, g_span) for g, g_span in old):
            for i in by_block.get(loc.block, []):
                e = edits[i]
                if e.finding.rule == f.rule and span is not None and _overlaps(span[0], span[1], e.start, e.end):
                    problems.edits.setdefault(i, "accepting it would not fix the finding")
            continue
        culprit = _culprit(f, span, by_block, edits)
        if culprit is not None:
            problems.edits.setdefault(culprit, f"accepting it would give a new finding ({f.rule} {f.name}: "
                                               f"{f.message})")
        else:
            problems.unexplained.append(f"{f.rule} {f.name}")
    return problems


def _span_back(f: Finding, by_block: dict[int, list[int]], edits: list[Edit]) -> tuple[int, int] | None:
    loc = f.location
    if loc.end <= loc.start:
        return None
    mine = [edits[i] for i in by_block.get(loc.block, [])]
    return back(mine, loc.start), back(mine, loc.end, is_end=True)


def _same(f: Finding, span, g: Finding, g_span) -> bool:
    if f.rule != g.rule:
        return False
    if span is None or g_span is None:  # about a section or the whole draft (a heading may have changed)
        return span is None and g_span is None and f.text == g.text
    return f.location.block == g.location.block and _overlaps(span[0], span[1], g_span[0], g_span[1])


def _culprit(f: Finding, span, by_block: dict[int, list[int]], edits: list[Edit]) -> int | None:
    """The edit that brings a new finding: one whose words it covers (a sentence made too long, jargon in
    the new words), or one that took away the first use of the same term."""
    if span is not None:
        for i in by_block.get(f.location.block, []):
            e = edits[i]
            if _overlaps(span[0], span[1], e.start, e.end):
                return i
    for i, e in enumerate(edits):
        if e.finding.rule == f.rule and e.finding.text.lower() == f.text.lower():
            return i
    return None


def _glossary_problem(problems: Problems, text: str, rows: list[tuple[str, str]]) -> None:
    cell = " ".join(text.split())
    hits = [k for k, (word, meaning) in enumerate(rows) if cell in (" ".join(word.split()), " ".join(meaning.split()))]
    if hits:
        problems.rows.update(hits)
    else:
        problems.glossary = True


# -- the whole fix ---------------------------------------------------------------------------------------

def fix_draft(path: str, data: bytes, config: Config, report_type: str | None = None, author: str = "cpdocs",
              glossary: bool = False, when: datetime | None = None) -> FixOutcome:
    """Lint the draft, make its safe suggestions in a copy, and check the copy; see the module's notes."""
    started = time.perf_counter()
    kind = draft_kind(path, data)
    document = read_document(path, data)
    if kind == "unknown":
        raise InputError(path, "is not a Word, Markdown or text draft")
    readings = Readings()
    result = lint_document(document, config, report_type, readings)
    lint_seconds = time.perf_counter() - started
    builder = Builder(path, data, kind, document, result, (author or "cpdocs").strip() or "cpdocs", when)
    edits = builder.placeable(planned_edits(result.findings))
    withdrawn: dict[int, str] = {}
    rows = glossary_rows(result.findings, edits) if glossary else []
    stage = 0
    for rounds in range(1, MAX_ROUNDS + 2):
        copy, comments = builder.build(edits, rows, _notes(builder.refused, withdrawn))
        if not (edits or rows):  # only comments: the text is the draft's own, nothing to check
            accepted, accepted_result = document, result
            break
        accepted = read_document(path, copy)
        accepted_result = lint_document(accepted, config, result.report_type, readings)
        problems = check(document, result, edits, rows, accepted, accepted_result)
        if not problems:
            break
        for i, reason in problems.edits.items():
            withdrawn[id(edits[i].finding)] = reason
        kept = [e for i, e in enumerate(edits) if i not in problems.edits]
        if problems.unexplained and not problems.edits:
            stage += 1  # first withdraw what adds words and the glossary, then everything
            reason = ("accepting every suggestion together would give a new finding elsewhere in the draft "
                      f"({problems.unexplained[0]})")
            drop = [e for e in kept if e.grows or stage > 1]
            for e in drop:
                withdrawn[id(e.finding)] = reason
            kept = [e for e in kept if e not in drop]
            rows = []
        if problems.glossary:
            rows = []
        rows = [r for k, r in enumerate(rows) if k not in problems.rows]
        edits = kept
        if rounds >= MAX_ROUNDS:  # never hand over a copy that was not checked: keep only the comments
            for e in edits:
                withdrawn.setdefault(id(e.finding), "cpdocs could not check it")
            edits, rows = [], []
    return FixOutcome(kind, document, result, edits, _notes(builder.refused, withdrawn), rows, copy, accepted,
                      accepted_result, comments, decode_text(data, path) if kind != "docx" else "", rounds,
                      lint_seconds)


def _notes(refused: dict[int, str], withdrawn: dict[int, str]) -> dict[int, str]:
    """What each comment says about a suggestion cpdocs did not make itself."""
    return {k: f"cpdocs did not make this change for you: {reason}." for k, reason in {**refused, **withdrawn}.items()}


def unified_diff(outcome: FixOutcome, path: str) -> str:
    """The changes as a unified diff of the text (for Word, one line a paragraph, list item or cell)."""
    if outcome.kind == "docx":
        before = [b.text + "\n" for b in outcome.document.blocks]
        after = [b.text + "\n" for b in outcome.accepted.blocks]
    else:
        before = outcome.source.splitlines(keepends=True)
        after = outcome.copy.decode("utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, fromfile=path, tofile=f"{path} (suggested)"))
