"""One self-contained HTML page: the draft's text with every finding marked where it occurs.

What a trainer puts on a projector and a reviewer sends as an email attachment: inline CSS
only, no script, no font or image loaded from anywhere (a Content-Security-Policy says so to
the browser too). Every piece of the draft reaches the page through Jinja2 with autoescape, so
a draft that contains `<script>` shows it as text. The reporter reads the `Document` the rules
read and the `FileResult` they produced; it never runs a rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from cpdocs import __version__
from cpdocs.config import Config
from cpdocs.document import Block, Document
from cpdocs.lint.engine import lint_document
from cpdocs.lint.finding import CATEGORIES, FileResult, Finding
from cpdocs.lint.fixable import fix_info
from cpdocs.readers import read_document

TEMPLATES = Path(__file__).resolve().parent / "templates"

CATEGORY_LABELS = {
    "vague-action": "Vague wording",
    "action-owner": "Action with no owner",
    "action-date": "Action with no date",
    "jargon": "Jargon",
    "readability": "Hard to read",
    "missing-section": "Missing section",
    "evidence": "Opinion without evidence",
    "language": "Judgemental language",
    "timeliness": "Timeliness",
    "structure": "Structure",
}
TYPE_LABELS = {
    "agency-report": "Agency report to conference",
    "icpc-report": "Initial child protection conference report",
    "rcpc-report": "Review child protection conference report",
    "core-group-minutes": "Core group minutes",
    "chairs-letter": "Chair's letter",
}
SOURCE_LABELS = {"detected": "worked out from the draft", "given": "as given", "default": "assumed"}


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(version=__version__, categories=CATEGORIES, category_labels=CATEGORY_LABELS)
    return env


def lint_keep_document(path: str, report_type: str | None, config: Config,
                       data: bytes | None = None) -> tuple[Document, FileResult]:
    """Like `lint_file`, but keeps the Document: the HTML report and Word comments need its blocks."""
    document = read_document(path, data)
    return document, lint_document(document, config, report_type)


def ease_band(score: float) -> str:
    """Flesch reading ease in words: 60 and over is plain English."""
    for floor, words in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return words
    return "very difficult"


def grade_note(grade: float) -> str:
    age = round(grade + 5)
    return f"read easily at about age {age}" if grade > 0 else "very easy to read"


# -- view models --------------------------------------------------------------------------------

@dataclass
class FindingView:
    n: int
    category: str
    label: str
    severity: str
    message: str
    quote: str
    suggestion: str
    standard: str
    rule: str
    name: str
    section: str
    page: int | None
    inline: bool
    why: str = ""


@dataclass
class Segment:
    text: str
    findings: list[FindingView] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[FindingView] = field(default_factory=list)

    @property
    def category(self) -> str:
        return self.findings[-1].category if self.findings else ""

    @property
    def title(self) -> str:
        return "; ".join(f"{f.label}: {f.message}" for f in self.findings)


def segments(text: str, spans: list[tuple[int, int, FindingView]]) -> list[Segment]:
    """Cut a block's text where findings start and end; each piece knows the findings over it.

    Overlapping findings (a jargon word inside an opinion) become neighbouring marks, the
    innermost finding giving the colour, so the page never nests or breaks a mark."""
    n = len(text)
    spans = [(max(0, s), min(n, e), f) for s, e, f in spans if e > s and s < n]
    cuts = sorted({0, n} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        over = sorted((x for x in spans if x[0] <= a and x[1] >= b), key=lambda x: -(x[1] - x[0]))
        seg = Segment(text[a:b], findings=[f for _, _, f in over],
                      starts=[f.n for s, _, f in sorted(over, key=lambda x: x[2].n) if s == a],
                      ends=[f for _, e, f in sorted(over, key=lambda x: x[2].n) if e == b])
        out.append(seg)
    return out or [Segment(text)]


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _view(n: int, f: Finding, inline: bool) -> FindingView:
    quote = "" if f.category == "missing-section" else _short(f.text)
    return FindingView(n=n, category=f.category, label=CATEGORY_LABELS.get(f.category, f.category),
                       severity=f.severity, message=f.message, quote=quote, suggestion=f.suggestion,
                       standard=f.standard, rule=f.rule, name=f.name, section=f.location.section,
                       page=f.location.page, inline=inline, why=f.why)


def file_view(result: FileResult, document: Document | None, fid: str) -> dict:
    """Everything the template shows for one file."""
    if result.error is not None or document is None:
        return {"fid": fid, "path": result.path, "error": result.error or "could not be read"}
    blocks = document.blocks
    views: list[FindingView] = []
    by_block: dict[int, list[tuple[int, int, FindingView]]] = {}
    whole: list[FindingView] = []
    for n, f in enumerate(result.findings, start=1):
        loc = f.location
        inline = loc.end > loc.start and 0 <= loc.block < len(blocks)
        v = _view(n, f, inline)
        views.append(v)
        if inline:
            by_block.setdefault(loc.block, []).append((loc.start, loc.end, v))
        else:
            whole.append(v)

    def segs(b: Block) -> list[Segment]:
        return segments(b.text, by_block.get(b.index, []))

    def notes(bs: list[Block]) -> list[FindingView]:
        return sorted({v.n: v for b in bs for _, _, v in by_block.get(b.index, [])}.values(), key=lambda v: v.n)

    items: list[tuple[dict, list[FindingView]]] = []
    tables = {t.index: t for t in document.tables}
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "cell":
            group = []
            while i < len(blocks) and blocks[i].kind == "cell" and blocks[i].table == b.table:
                group.append(blocks[i])
                i += 1
            grid: dict[int, list[Block]] = {}
            for c in group:
                grid.setdefault(c.row or 0, []).append(c)
            rows = [[{"segs": segs(c)} for c in sorted(grid[r], key=lambda c: c.col or 0)] for r in sorted(grid)]
            t = tables.get(b.table)
            details = bool(t and t.is_details)
            head = None if details or len(rows) < 2 else rows[0]
            body = rows if head is None else rows[1:]
            items.append(({"kind": "table", "head": head, "body": body, "details": details}, notes(group)))
            continue
        if b.kind == "list_item":
            group = []
            while i < len(blocks) and blocks[i].kind == "list_item":
                group.append(blocks[i])
                i += 1
            items.append(({"kind": "list", "entries": [{"segs": segs(x)} for x in group]}, notes(group)))
            continue
        items.append(({"kind": b.kind, "segs": segs(b)}, notes([b])))
        i += 1

    rows: list[dict] = []
    for item, item_notes in items:
        if item_notes or not rows or rows[-1]["notes"]:
            rows.append({"parts": [item], "notes": item_notes})
        else:
            rows[-1]["parts"].append(item)

    counts = Counter(f.category for f in result.findings)
    top = max(counts.values(), default=1)
    categories = [{"key": c, "label": CATEGORY_LABELS.get(c, c), "count": counts[c],
                   "width": round(100 * counts[c] / top)} for c in CATEGORIES if counts[c]]
    sev = Counter(f.severity for f in result.findings)
    by_severity = ", ".join(f"{sev[s]} {s}{'s' if sev[s] != 1 else ''}" for s in ("error", "warning", "info")
                            if sev[s]) or "none"
    m = result.metrics
    return {
        "fid": fid, "path": result.path, "error": None, "metrics": m, "total": len(result.findings),
        "by_severity": by_severity, "ease_band": ease_band(m.flesch_reading_ease),
        "grade_note": grade_note(m.flesch_kincaid_grade),
        "type_label": TYPE_LABELS.get(result.report_type or "", result.report_type or "unknown"),
        "type_source": SOURCE_LABELS.get(result.report_type_source, result.report_type_source),
        "type_why": result.report_type_why,
        "categories": categories, "findings": views, "whole": whole, "rows": rows,
    }


def render(items: list[tuple[FileResult, Document | None]], title: str | None = None) -> str:
    """The page for one or more linted drafts (a draft that could not be read shows its error)."""
    files = [file_view(r, d, f"d{i}") for i, (r, d) in enumerate(items, start=1)]
    if title is None:
        title = Path(items[0][0].path).name if len(items) == 1 else "Drafts checked against the standards"
    return environment().get_template("report.html.j2").render(files=files, page_title=title)


def render_handbook(infos) -> str:
    """`cpdocs rules --format html`: every rule with its reason, standard and examples."""
    by_cat: dict[str, list] = {}
    for i in infos:
        by_cat.setdefault(i.category, []).append(i)
    groups = [{"key": c, "label": CATEGORY_LABELS.get(c, c), "rules": by_cat[c]} for c in CATEGORIES if c in by_cat]
    groups += [{"key": c, "label": c, "rules": r} for c, r in by_cat.items() if c not in CATEGORIES]
    fixes = {i.code: fix_info(i.code) for i in infos}
    return environment().get_template("handbook.html.j2").render(groups=groups, count=len(list(infos)), fixes=fixes)
