"""Build the document model from what a reader saw.

A reader turns a file into a flat list of `RawItem`s (`cpdocs.raw`). `build_document` then
does what all formats share: reads layout tables and forms as headings and paragraphs
(`cpdocs.layout`), decides which items are headings, splits the draft into sections (a
sub-heading with no section of its own belongs to its parent's), recognises the details
table at the top, numbers the blocks, and finds the plan's items and the records
(`cpdocs.plans`). Rules only ever see the resulting `Document`.
"""

from __future__ import annotations

import re

from cpdocs.layout import DETAIL_LABELS, unfold
from cpdocs.model import Block, BlockKind, Document, PlanItem, Table
from cpdocs.plans import find_plan, find_records, is_letter
from cpdocs.raw import (
    FURNITURE,
    MARKING,
    NUMBERED_HEADING,
    SENTENCE_END,
    RawCell,
    RawItem,
    capitals,
    is_furniture,
    looks_like_heading,
)
from cpdocs.standards import section_keys_for_heading
from cpdocs.textmap import MappedText, clean

__all__ = ["Block", "BlockKind", "Document", "PlanItem", "Table", "RawItem", "RawCell", "build_document",
           "looks_like_heading", "is_furniture", "FURNITURE", "MARKING", "NUMBERED_HEADING", "SENTENCE_END"]


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
        text = item.text.strip()
        question = text.endswith("?") and (capitals(text) or len(text.split()) <= 6)  # 'WHAT NEEDS TO HAPPEN?'
        if (SENTENCE_END.search(text) and not question) or len(text.split()) > 8 or not text[:1].isupper():
            continue
        restarts = nxt is not None and nxt.kind == "list_item" and nxt.numbered and nxt.number == 1 \
            and item.number not in (None, 1)
        # bullets at the same level after it are its section's list, not its own sub-points
        bullets_follow = nxt is not None and nxt.kind == "list_item" and not nxt.numbered \
            and nxt.list_level <= item.list_level and item.origin is not None
        if nxt is None or (nxt.kind == "list_item" and not restarts and not bullets_follow):
            continue
        if prev is not None and prev.kind == "list_item" and prev.numbered and (
                prev.number is None or item.number is None or prev.number == item.number - 1):
            continue
        prefix = f"{item.number}. " if item.number is not None else ""
        mapped = item.mapped()
        item.kind = "heading"
        item.level = 2
        item.text = prefix + mapped.text
        item.origin = [None] * len(prefix) + mapped.origin
        if item.line_starts:
            item.line_starts = [s + len(prefix) for s in item.line_starts]


def _cleaned(item: RawItem, text: MappedText | None = None) -> tuple[MappedText, list[int]]:
    """The item's text cleaned (spaces collapsed, invisible characters dropped), and its line starts
    moved to match."""
    if text is None:
        text = item.mapped()
    if not item.line_starts:
        return clean(text.text, text.origin), []
    marked = clean(text.text, [(-1, i) for i in range(len(text.text))])
    starts = []
    for old in item.line_starts:
        new = next((j for j, o in enumerate(marked.origin) if o is not None and o[1] >= old), None)
        if new is not None and new > 0:
            starts.append(new)
    original = text.origin
    return MappedText(marked.text, [original[o[1]] if o is not None else None for o in marked.origin]), starts


class _Sections:
    """The section each block is in: the nearest heading above, and what it covers: what its own
    heading names and what the headings above it name ('Outcome 1' under 'The plan' is part of
    the plan)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, frozenset[str], int]] = []
        self.name = ""
        self.keys: frozenset[str] = frozenset()
        self.part: int | None = None

    def enter(self, heading: str, level: int, index: int) -> None:
        level = level or 2
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        own = frozenset(section_keys_for_heading(heading))
        if self.stack:
            own |= self.stack[-1][1]
        self.stack.append((level, own, index))
        self.name, self.keys = heading, own
        self.part = next((i for lvl, _, i in self.stack if lvl >= 2), index)


NOTE = re.compile(r"^\[\^([^\]\s]{1,12})\]:\s*")  # '[^3]: A section 47 enquiry is...' (Markdown, and Word's notes)
NEXT_NOTE = re.compile(r"\s+(?=\[\^[^\]\s]{1,12}\]:\s)")
NOTE_MARK = re.compile(r"\[\^([^\]\s]{1,12})\](?!:)")  # where a note is referred to


def _without_note_marks(text: MappedText) -> tuple[MappedText, list[tuple[int, str]]]:
    """The text without its note marks ('enquiry.[^1] The'), which the rules would read as words, and each
    mark with where it was."""
    marks = [(m.start(), m.group()) for m in NOTE_MARK.finditer(text.text)]
    if not marks:
        return text, []
    out = MappedText()
    last = 0
    for at, mark in marks:
        piece = text.slice(last, at)
        out.add(piece.text, piece.origin)
        last = at + len(mark)
    piece = text.slice(last)
    out.add(piece.text, piece.origin)
    return out, marks


def build_document(path: str, items: list[RawItem]) -> Document:
    """Decide headings and sections, recognise details tables, and number the blocks."""
    items = unfold(items)
    promote_numbered_headings(items)
    blocks: list[Block] = []
    tables: list[Table] = []
    headings: list[Block] = []
    title = ""
    sections = _Sections()
    seen_heading = False
    notes: dict[str, str] = {}

    def add(kind: BlockKind, text: MappedText, item: RawItem, **kw) -> Block:
        text, marks = _without_note_marks(text)
        if marks:
            def moved(pos: int) -> int:  # where a place in the text is once the marks before it are gone
                return pos - sum(len(m) for at, m in marks if at < pos)
            kw["line_starts"] = [moved(s) for s in kw.get("line_starts", [])]
            kw["notes"] = tuple((moved(at), NOTE_MARK.match(m).group(1)) for at, m in marks)
        origin = text.origin if any(o is not None and o[0] >= 0 for o in text.origin) else None
        b = Block(index=len(blocks), kind=kind, text=text.text, section=sections.name, section_keys=sections.keys,
                  line=kw.pop("line", item.line), line_starts=kw.pop("line_starts", []),
                  disabled=item.disabled, page=item.page, numbered=item.numbered, origin=origin,
                  authored=item.authored, level=item.level, list_level=item.list_level, part=sections.part,
                  **kw)
        blocks.append(b)
        return b

    for item in items:
        if item.kind == "table":
            rows = [r for r in item.table_cells() if any(c.text.strip() for c in r)]
            if not rows:
                continue
            t = Table(index=len(tables), header=[_cell_text(c).text for c in rows[0]], rows=[],
                      section=sections.name, section_keys=sections.keys, first_block=len(blocks))
            t.is_details = item.details or _is_details_table([[_cell_text(c).text for c in r] for r in rows])
            for r_i, row in enumerate(rows):
                cells = []
                line = item.row_lines[r_i] if r_i < len(item.row_lines) else item.line
                for c_i, cell in enumerate(row):
                    first = cell.paragraphs[0] if cell.paragraphs else item
                    where = RawItem(kind="paragraph", disabled=item.disabled | first.disabled,
                                    page=first.page if first.page is not None else item.page)
                    cells.append(add("cell", _cell_text(cell), where, table=t.index, row=r_i, col=c_i, line=line))
                if r_i > 0:
                    t.rows.append(cells)
            tables.append(t)
            continue
        text, starts = _cleaned(item)
        if not text.text.strip():
            continue
        if is_furniture(text.text) and item.kind != "heading":
            continue
        probe = RawItem(kind=item.kind, text=text.text, bold=item.bold, shaded=item.shaded)
        is_heading = item.kind == "heading" or (
            item.kind in ("paragraph", "list_item") and (item.kind == "paragraph" or item.bold or capitals(text.text))
            and looks_like_heading(probe))
        if is_heading:
            heading = _heading_text(text)
            if not title and item.authored and (item.level == 1 or not seen_heading) and not _has_body(blocks):
                title = heading.text
                b = add("title", heading, item, line_starts=starts)
                b.level = 1
                seen_heading = True
                headings.append(b)
                continue
            sections.enter(heading.text, item.level, len(blocks))
            seen_heading = True
            b = add("heading", heading, item, line_starts=starts)
            b.level = item.level or 2
            headings.append(b)
            continue
        if item.kind == "paragraph" and NOTE.match(text.text):
            for piece in NEXT_NOTE.split(text.text):  # notes on lines of their own: one paragraph in Markdown
                note = NOTE.match(piece)
                if note:
                    notes[note.group(1)] = piece[note.end():].strip()  # a footnote: not part of the section it ends
            continue
        add("list_item" if item.kind == "list_item" else "paragraph", text, item, line_starts=starts)
    doc = Document(path=path, blocks=blocks, tables=tables, title=title, headings=headings, notes=notes)
    doc.records = find_records(doc)
    doc.plan = find_plan(doc)
    doc.letter = is_letter(doc)
    return doc


def _cell_text(cell: RawCell) -> MappedText:
    m = cell.mapped()
    return clean(m.text, m.origin)


def _heading_text(text: MappedText) -> MappedText:
    """A heading without its closing colon and surrounding spaces."""
    t = text.text
    end = len(t.rstrip().rstrip(":").rstrip())
    start = len(t) - len(t.lstrip())
    return text.slice(start, max(start, end))


def _has_body(blocks: list[Block]) -> bool:
    """True once the draft has running text (a paragraph or list), not just a details table."""
    return any(b.kind in ("paragraph", "list_item") for b in blocks)


def _is_details_table(rows: list[list[str]]) -> bool:
    """A two-column table of labels and values ('Child | Poppy Hargreaves')."""
    if any(len(r) != 2 for r in rows) or len(rows) < 2:
        return False
    labelled = sum(1 for r in rows if DETAIL_LABELS.match(r[0].strip()) and len(r[0].split()) <= 6)
    return labelled >= max(2, len(rows) // 2)
