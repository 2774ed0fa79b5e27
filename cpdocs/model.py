"""The document model every reader produces and every rule reads.

A draft, whatever form it came in (Word headings or bold lines, a layout table, a form of
questions and answers, a letter, Markdown, a PDF), becomes the same thing: blocks of text in
sections, data tables, the details at the top, and the plan's items with the reason each was
read as one. Rules see only this, never a file, a table's borders, a checkbox or a tracked
change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cpdocs.textmap import Origin

BlockKind = Literal["title", "heading", "paragraph", "list_item", "cell"]


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
    origin: list[Origin] | None = field(default=None, repr=False)  # Word: where each character came from
    authored: bool = True  # False for a form's own questions and labels: not the author's prose
    level: int = 0  # a heading's level (1 = the title)
    list_level: int = 0
    part: int | None = None  # the block index of the top heading of its section ('The plan' for 'Outcome 1')
    notes: tuple[tuple[int, str], ...] = ()  # footnotes referred to: (where in the text, the note's label)

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
class PlanItem:
    """One action of the plan, wherever the draft wrote it, and why it was read as one.

    `block` holds the action's words; `start`/`end` the part of it that is the action (an
    'Action: ...' line inside minutes' discussion is the words after the label). `owner` and
    `when` are the Who and When cells of a plan table, when the action is in one.
    """

    block: Block
    start: int
    end: int
    owner: str | None
    when: str | None
    in_table: bool
    why: str

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass
class Document:
    path: str
    blocks: list[Block]
    tables: list[Table]
    title: str = ""
    headings: list[Block] = field(default_factory=list)
    plan: list[PlanItem] = field(default_factory=list)  # candidate actions; rules decide which ask for work
    records: dict[int, str] = field(default_factory=dict)  # table index -> what it records ('chronology'...)
    letter: bool = False  # written as a letter ('Dear ...', 'Yours sincerely')
    notes: dict[str, str] = field(default_factory=dict)  # footnotes and endnotes by label: '[^3]' in the text

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
