"""What a reader saw, before headings, sections, plans and records are decided.

Every reader (Word, PDF, Markdown, text) turns its file into a flat list of `RawItem`s:
headings, paragraphs, list items and tables, with the hints its format gives (a Word style,
bold, shading, Markdown `#`, a list's number). A table keeps its cells' own paragraphs, so a
layout table or a form can be read as the headings and paragraphs it really is
(`cpdocs.layout`). The short-line heuristics below judge raw text and are shared by the
readers and the document builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cpdocs.standards import section_keys_for_heading
from cpdocs.textmap import MappedText, Origin, join

RawKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass
class RawItem:
    """One heading, paragraph, list item or table as the reader found it."""

    kind: RawKind
    text: str = ""
    origin: list[Origin] | None = None  # where each character of `text` came from (Word), if known
    level: int = 0  # heading level when the format says (Word style, Markdown #)
    bold: bool = False  # every run of the paragraph is bold (or underlined, or larger)
    shaded: bool = False  # a one-cell table with shading: a heading typed in a box
    rows: list[list[str]] = field(default_factory=list)  # tables from simple readers: the cells' text
    cells: list[list[RawCell]] | None = None  # tables from readers that keep each cell's paragraphs
    line: int | None = None  # 1-based line of the first character (text formats)
    row_lines: list[int | None] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)  # offsets of later source lines
    disabled: frozenset[str] = frozenset()  # rule codes silenced for this item
    numbered: bool = False  # a numbered list item
    number: int | None = None  # its number ('3.' typed, or Word's automatic numbering), when known
    list_level: int = 0  # nesting of a list item (0 = top)
    page: int | None = None  # PDF page
    authored: bool = True  # False for a form's own words: its questions and labels, not the author's
    details: bool = False  # a table of labels and values made from a form's rows
    italic: bool = False  # every run is italic (guidance in some forms)
    x0: float | None = None  # PDF: how far in from the left edge the item starts (for a list's nesting)

    def mapped(self) -> MappedText:
        return MappedText(self.text, list(self.origin) if self.origin is not None else [None] * len(self.text))

    def table_cells(self) -> list[list[RawCell]]:
        """The table's cells, whichever way the reader gave them."""
        if self.cells is not None:
            return self.cells
        return [[RawCell(items=[RawItem(kind="paragraph", text=c, line=self.line, page=self.page,
                                        disabled=self.disabled)] if c.strip() else [])
                 for c in r] for r in self.rows]


@dataclass
class RawCell:
    """One table cell: its own paragraphs, lists and nested tables, in order."""

    items: list[RawItem] = field(default_factory=list)
    shaded: bool = False
    span: int = 1  # columns it spans (Word gridSpan)
    merged: bool = False  # the lower part of a vertically merged cell: its text is in the cell above

    def mapped(self) -> MappedText:
        """The cell's text: its paragraphs (and nested tables' cells) joined by line breaks."""
        parts = []
        for item in self.items:
            if item.kind == "table":
                parts.extend(c.mapped() for r in item.table_cells() for c in r)
            else:
                parts.append(item.mapped())
        return join(parts, "\n")

    @property
    def text(self) -> str:
        return self.mapped().text

    @property
    def paragraphs(self) -> list[RawItem]:
        return [i for i in self.items if i.kind != "table" and i.text.strip()]


# -- short lines that are headings ------------------------------------------------------------

# A protective marking line ("OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE – Little Acorns") or a
# page number is page furniture, not part of the report.
FURNITURE = re.compile(
    r"^\s*(?:(?:official|sensitive|restricted|confidential|official[\s\-\u2013]*sensitive)\b[\s:\-\u2013\u2014]*"
    r"(?:[A-Za-z].{0,80})?|page \d+( of \d+)?|\d+\s*(of|/)\s*\d+|-?\s*\d{1,3}\s*-?)\s*$",
    re.IGNORECASE,
)
MARKING = re.compile(r"^\s*official[\s\-\u2013]*sensitive\b|^\s*(official|restricted|confidential)\s*$", re.I)
SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]?$")
NUMBERED_HEADING = re.compile(
    r"^(?:(?i:section|part)\s+\d{1,2}[a-z]?\s*[:.\-\u2013\u2014]?\s+|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+|[A-H][.)]\s+)"
    r"(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"  # '19 March 2025' is a date, not a heading
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
    if not words or len(words) > 14 or len(text) > 110 or "\n" in text:
        return False
    if item.shaded:
        return True
    ends_like_sentence = bool(SENTENCE_END.search(text)) and not text.endswith("...")
    if item.bold and not ends_like_sentence:
        return True
    if item.bold and text.endswith(".") and len(words) <= 5 and section_keys_for_heading(text[:-1]):
        return True  # 'What worries me.', 'My view.': a bold label with a full stop, naming a section
    if ends_like_sentence:
        return False
    if NUMBERED_HEADING.match(text) and len(words) <= 10:
        return True
    if capitals(text) and len(words) <= 10:
        return True
    if text.endswith(":") and len(words) <= 6 and text.count(":") == 1:
        return True
    return False


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def is_furniture(text: str) -> bool:
    return bool(MARKING.match(text) or FURNITURE.match(text)) and len(text) < 120
