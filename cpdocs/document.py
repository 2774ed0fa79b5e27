"""The document model every reader produces and every rule reads.

A reader turns a file into a flat list of `RawItem`s (heading, paragraph, list item,
table) with whatever hints its format gives (Word style, bold, shading, Markdown `#`).
`build_document` then does what all formats share: decides which items are headings,
splits the draft into sections, recognises the details table at the top, and numbers
the blocks. Rules only ever see `Document`, never a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cpdocs.standards import section_keys_for_heading

BlockKind = Literal["title", "heading", "paragraph", "list_item", "cell"]

# A protective marking line ("OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE – Little Acorns") or a
# page number is page furniture, not part of the report.
FURNITURE = re.compile(
    r"^\s*(?:(?:official|sensitive|restricted|confidential|official[\s\-\u2013]*sensitive)\b[\s:\-\u2013\u2014]*"
    r"(?:[A-Za-z].{0,80})?|page \d+( of \d+)?|\d+\s*(of|/)\s*\d+|-?\s*\d{1,3}\s*-?)\s*$",
    re.IGNORECASE,
)
MARKING = re.compile(r"^\s*official[\s\-\u2013]*sensitive\b|^\s*(official|restricted|confidential)\s*$", re.I)


@dataclass
class RawItem:
    """What a reader saw, before headings and sections are decided."""

    kind: Literal["heading", "paragraph", "list_item", "table"]
    text: str = ""
    level: int = 0  # heading level when the format says (Word style, Markdown #)
    bold: bool = False  # every run of the paragraph is bold
    shaded: bool = False  # a one-cell table with shading: a heading typed in a box
    rows: list[list[str]] = field(default_factory=list)  # tables only
    line: int | None = None  # 1-based line of the first character (text formats)
    row_lines: list[int | None] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)  # offsets of later source lines
    disabled: frozenset[str] = frozenset()  # rule codes silenced for this item
    numbered: bool = False  # a numbered list item
    number: int | None = None  # its typed number ('3.' -> 3), when known
    page: int | None = None  # PDF page


@dataclass
class Block:
    """One unit of text a rule reads: a paragraph, a list item, a heading or a table cell."""

    index: int
    kind: BlockKind
    text: str
    section: str = ""  # the heading of the section it is in ("" before the first heading)
    section_keys: frozenset[str] = frozenset()
    line: int | None = None
    line_starts: list[int] = field(default_factory=list)
    table: int | None = None
    row: int | None = None
    col: int | None = None
    numbered: bool = False
    disabled: frozenset[str] = frozenset()
    page: int | None = None

    def line_at(self, offset: int) -> int | None:
        if self.line is None:
            return None
        return self.line + sum(1 for s in self.line_starts if s <= offset)


@dataclass
class Table:
    index: int
    header: list[str]  # the first row's cells (may be labels rather than a header)
    rows: list[list[Block]]  # data rows (after the header), cells as blocks
    section: str
    section_keys: frozenset[str]
    is_details: bool = False  # the key-value table of names and dates at the top
    first_block: int = 0


@dataclass
class Document:
    path: str
    blocks: list[Block]
    tables: list[Table]
    title: str = ""
    headings: list[Block] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def details(self) -> dict[str, str]:
        """Labels and values of the details tables (two columns: 'Father | Dean Carter')."""
        out: dict[str, str] = {}
        for t in self.tables:
            if t.is_details:
                for row in [[_cell(t.header, 0), _cell(t.header, 1)]] + [[c.text for c in r] for r in t.rows]:
                    if len(row) >= 2 and row[0] and row[0].strip().lower() not in out:
                        out[row[0].strip().lower()] = row[1].strip()
        return out


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]?$")
NUMBERED_HEADING = re.compile(
    r"^(?:(?i:section|part)\s+\d{1,2}[a-z]?\s*[:.\-\u2013\u2014]?\s+|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+|[A-H][.)]\s+)"
    r"[A-Z\u2018\u201c'\"]",
)


def looks_like_heading(item: RawItem) -> bool:
    """Whether a plain paragraph is really a heading typed by hand.

    Drafts mark headings in many ways: a bold line, a numbered line ('3. Analysis',
    'Section 4 - Risks'), a line in capitals, a short line ending in a colon. All of them are
    short and none ends like a sentence.
    """
    text = item.text.strip()
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110:
        return False
    if item.shaded:
        return True
    ends_like_sentence = bool(SENTENCE_END.search(text)) and not text.endswith("...")
    if item.bold and not ends_like_sentence:
        return True
    if ends_like_sentence:
        return False
    if NUMBERED_HEADING.match(text) and len(words) <= 10:
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and len(words) <= 10:
        return True
    if text.endswith(":") and len(words) <= 6 and text.count(":") == 1:
        return True
    return False


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def is_furniture(text: str) -> bool:
    return bool(MARKING.match(text) or FURNITURE.match(text)) and len(text) < 120


def promote_numbered_headings(items: list[RawItem]) -> None:
    """A numbered line such as '3. Analysis' followed by running text is a heading, not a list.

    A run of numbered actions ('1. Sam to visit weekly', '2. ...') stays a list: its items follow
    one another, while a numbered heading stands between paragraphs.
    """
    for i, item in enumerate(items):
        if item.kind != "list_item" or not item.numbered:
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        prev = items[i - 1] if i else None
        probe = RawItem(kind="paragraph", text=item.text)
        if SENTENCE_END.search(item.text.strip()) or len(item.text.split()) > 8 or not item.text[:1].isupper():
            continue
        restarts = nxt is not None and nxt.kind == "list_item" and nxt.numbered and nxt.number == 1 \
            and item.number not in (None, 1)
        if nxt is None or (nxt.kind == "list_item" and not restarts):
            continue
        if prev is not None and prev.kind == "list_item" and prev.numbered and (
                prev.number is None or item.number is None or prev.number == item.number - 1):
            continue
        item.kind = "heading"
        item.level = 2
        item.text = (f"{item.number}. " if item.number is not None else "") + probe.text


def build_document(path: str, items: list[RawItem]) -> Document:
    """Decide headings and sections, recognise details tables, and number the blocks."""
    promote_numbered_headings(items)
    blocks: list[Block] = []
    tables: list[Table] = []
    headings: list[Block] = []
    title = ""
    section, keys = "", frozenset()
    seen_heading = False

    def add(kind: BlockKind, text: str, item: RawItem, **kw) -> Block:
        b = Block(index=len(blocks), kind=kind, text=text, section=section, section_keys=keys,
                  line=kw.pop("line", item.line), line_starts=kw.pop("line_starts", item.line_starts),
                  disabled=item.disabled, page=item.page, numbered=item.numbered, **kw)
        blocks.append(b)
        return b

    for item in items:
        if item.kind == "table":
            rows = [[" ".join(c.split()) for c in r] for r in item.rows if any(c.strip() for c in r)]
            if not rows:
                continue
            if len(rows) == 1 and len(rows[0]) == 1:
                # a one-cell table: a heading in a box, or a boxed paragraph
                box = RawItem(kind="paragraph", text=rows[0][0], bold=item.bold, shaded=item.shaded or item.bold,
                              line=item.line, disabled=item.disabled, page=item.page)
                if looks_like_heading(box):
                    item = RawItem(kind="heading", text=rows[0][0], level=2, line=item.line, page=item.page)
                else:
                    add("paragraph", rows[0][0], box)
                    continue
            else:
                t = Table(index=len(tables), header=rows[0], rows=[], section=section, section_keys=keys,
                          first_block=len(blocks))
                t.is_details = _is_details_table(rows, seen_heading)
                for r_i, row in enumerate(rows):
                    cells = []
                    line = item.row_lines[r_i] if r_i < len(item.row_lines) else item.line
                    for c_i, cell in enumerate(row):
                        cells.append(add("cell", cell, item, table=t.index, row=r_i, col=c_i, line=line,
                                         line_starts=[]))
                    if r_i > 0:
                        t.rows.append(cells)
                tables.append(t)
                continue
        text = item.text if item.line_starts else " ".join(item.text.split())
        if not text.strip():
            continue
        if is_furniture(text) and item.kind != "heading":
            continue
        is_heading = item.kind == "heading" or (
            item.kind in ("paragraph", "list_item") and (item.kind == "paragraph" or item.bold or _capitals(text))
            and looks_like_heading(item))
        if is_heading:
            heading = text.strip().rstrip(":").strip()
            if not title and (item.level == 1 or not seen_heading) and not blocks_have_body(blocks):
                title = heading
                b = add("title", heading, item)
                seen_heading = True
                headings.append(b)
                continue
            section, keys = heading, frozenset(section_keys_for_heading(heading))
            seen_heading = True
            headings.append(add("heading", heading, item))
            continue
        add("list_item" if item.kind == "list_item" else "paragraph", text, item)
    return Document(path=path, blocks=blocks, tables=tables, title=title, headings=headings)


def blocks_have_body(blocks: list[Block]) -> bool:
    """True once the draft has running text (a paragraph or list), not just a details table."""
    return any(b.kind in ("paragraph", "list_item") for b in blocks)


DETAIL_LABELS = re.compile(
    r"^(child|children|name|names?|mother|father|dob|date of birth|address|social worker|author|report author|"
    r"setting|school|agency|date|venue|chair|meeting|conference|family|parents?|carer|role|gp|"
    r"legal status|category|present|ethnicity|siblings?|date and (time|venue)|time)\b",
    re.IGNORECASE,
)


def _is_details_table(rows: list[list[str]], seen_heading_before_body: bool) -> bool:
    """A two-column table of labels and values ('Child | Poppy Hargreaves')."""
    if any(len(r) != 2 for r in rows) or len(rows) < 2:
        return False
    labelled = sum(1 for r in rows if DETAIL_LABELS.match(r[0].strip()) and len(r[0].split()) <= 6)
    return labelled >= max(2, len(rows) // 2)
