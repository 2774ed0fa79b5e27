"""Findings as Word comments on a copy of the draft (`cpdocs lint draft.docx --annotate`).

The copy is the original package opened with python-docx, with comments added and runs
split where a comment starts or ends: its text, styles, tables, headers and footers are the
original's. The original file is never opened for writing.

A finding points at a `Block` of the `Document` and at character offsets in the block's
text. The Word reader made that text from the body's paragraphs and tables (whitespace
collapsed, deleted text left out, a typed bullet taken off), so this module walks the body
in the same order, keeps for every character of that text the `w:t` element and index it
came from, and finds each block in the walk by its text. No rule is run again.
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.run import Run

from cpdocs.document import Block, Document
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.lint.finding import FileResult, Finding

W_P, W_TBL, W_SDT, W_R, W_T, W_TAB, W_BR, W_CR = (qn(t) for t in ("w:p", "w:tbl", "w:sdt", "w:r", "w:t", "w:tab",
                                                                   "w:br", "w:cr"))
W_DEL, W_SDTCONTENT, W_RPR, W_TR, W_TC = qn("w:del"), qn("w:sdtContent"), qn("w:rPr"), qn("w:tr"), qn("w:tc")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR, INITIALS = "cpdocs", "CP"


# -- where each character of a block's text lives ---------------------------------------------

@dataclass
class CharMap:
    """A block's text as the reader made it, and for each character the `w:t` and index it came from.

    A space the reader put between two paragraphs of a table cell comes from no element: None.
    """

    text: str
    origin: list[tuple[object, int] | None]


def _deleted(el) -> bool:
    return any(a.tag == W_DEL for a in el.iterancestors())


def paragraph_map(p_el) -> CharMap:
    """Mirror of the reader's `paragraph_text`: text and tabs/breaks, whitespace collapsed."""
    raw: list[tuple[str, tuple[object, int] | None]] = []
    for el in p_el.iter(W_T, W_TAB, W_BR, W_CR):
        if _deleted(el):
            continue
        if el.tag == W_T:
            raw.extend((ch, (el, i)) for i, ch in enumerate(el.text or ""))
        else:
            raw.append((" ", None))
    chars: list[str] = []
    origin: list[tuple[object, int] | None] = []
    pending_space: tuple[object, int] | None | bool = False
    for ch, where in raw:
        if ch.isspace():
            if chars and pending_space is False:
                pending_space = where
            continue
        if pending_space is not False:
            chars.append(" ")
            origin.append(pending_space)  # type: ignore[arg-type]
            pending_space = False
        chars.append(ch)
        origin.append(where)
    return CharMap("".join(chars), origin)


def join_maps(maps: list[CharMap]) -> CharMap:
    """Paragraphs of one table cell, joined with a space as the reader joins them."""
    text, origin = [], []
    for m in maps:
        if not m.text:
            continue
        if text:
            text.append(" ")
            origin.append(None)
        text.append(m.text)
        origin.extend(m.origin)
    return CharMap("".join(text), origin)


@dataclass
class Piece:
    """A unit of the body in reading order: one paragraph, or one table (its cells by row)."""

    kind: str  # "para" or "table"
    paras: list = field(default_factory=list)  # w:p elements of a paragraph
    cells: list[list[list]] = field(default_factory=list)  # table: rows of cells, each a list of w:p

    def cell_map(self, r: int, c: int) -> CharMap:
        return join_maps([paragraph_map(p) for p in self.cells[r][c]])

    def para_map(self) -> CharMap:
        if self.kind == "para":
            return paragraph_map(self.paras[0])
        return self.cell_map(0, 0)


def _table_piece(tbl_el) -> Piece:
    rows: list[list[list]] = []
    for tr in tbl_el.findall(W_TR):
        cells = []
        for tc in tr.findall(W_TC):
            tcpr = tc.find(qn("w:tcPr"))
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                cells.append([])
                continue
            cells.append(list(tc.iter(W_P)))
        rows.append(cells)
    # the reader drops rows with no text at all
    kept = [r for r in rows if any(join_maps([paragraph_map(p) for p in c]).text for c in r)]
    return Piece("table", cells=kept)


def walk_body(container_el, pieces: list[Piece]) -> None:
    """The body's paragraphs and tables in the order the Word reader reads them."""
    for el in container_el.iterchildren():
        if el.tag == W_P:
            pieces.append(Piece("para", paras=[el]))
        elif el.tag == W_TBL:
            pieces.append(_table_piece(el))
        elif el.tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                walk_body(content, pieces)


# -- matching blocks to pieces ------------------------------------------------------------------

@dataclass
class Anchor:
    """Where a block's text lives in the copy: how to get its character map, and its offset in it."""

    piece: Piece
    row: int | None = None
    col: int | None = None
    offset: int = 0

    def charmap(self) -> CharMap:
        if self.row is None:
            return self.piece.para_map()
        return self.piece.cell_map(self.row, self.col)


def _find_in(text: str, block_text: str) -> int:
    """Where the block's text sits in the paragraph's: the reader may have taken off a typed
    bullet or number (text at the end) or a heading's colon (text at the start)."""
    if not block_text:
        return -1
    if text == block_text:
        return 0
    if text.endswith(block_text):
        return len(text) - len(block_text)
    return text.find(block_text)


def match_blocks(document: Document, pieces: list[Piece]) -> dict[int, Anchor]:
    """Each block's anchor, found in reading order. A block not found is left out (no comment)."""
    anchors: dict[int, Anchor] = {}
    pos = 0
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "cell":
            group = [x for x in blocks[i:i + 10_000] if x.table == b.table and x.kind == "cell"]
            grid: dict[tuple[int, int], Block] = {(x.row, x.col): x for x in group}
            for j in range(pos, len(pieces)):
                p = pieces[j]
                if p.kind != "table" or len(p.cells) < max(r for r, _ in grid) + 1:
                    continue
                if all(c < len(p.cells[r]) and p.cell_map(r, c).text == x.text for (r, c), x in grid.items()):
                    for (r, c), x in grid.items():
                        anchors[x.index] = Anchor(p, row=r, col=c)
                    pos = j + 1
                    break
            i += len(group)
            continue
        for j in range(pos, min(len(pieces), pos + 400)):
            p = pieces[j]
            if p.kind == "table" and not (len(p.cells) == 1 and len(p.cells[0]) == 1):
                continue
            text = p.para_map().text
            off = _find_in(text, b.text)
            if off < 0 and b.kind in ("heading", "title"):
                # a heading the reader numbered itself ('3. Analysis' from an automatic list)
                stripped = b.text.split(". ", 1)[-1]
                off = _find_in(text, stripped)
                if off >= 0:
                    off -= len(b.text) - len(stripped)
            if off >= 0 or (off == -1 and b.text and text.rstrip(":").strip() == b.text):
                anchors[b.index] = Anchor(p, offset=max(off, 0))
                pos = j + 1
                break
        i += 1
    return anchors


# -- splitting runs and adding comments --------------------------------------------------------

def _set_text(t_el, text: str) -> None:
    t_el.text = text
    if text != text.strip():
        t_el.set(XML_SPACE, "preserve")


def split_before(t_el, index: int):
    """Make character `index` of `t_el` the first of a run and return that run (a w:r), or None
    when `index` is past the end of the run (nothing to split off).

    The left part keeps the original run and, unless `index` is 0, the original `w:t` with the
    characters before `index`; the rest moves to a new run right after it with the same formatting.
    """
    r = t_el.getparent()
    if r is None or r.tag != W_R:
        return None
    children = list(r)
    k = children.index(t_el)
    text = t_el.text or ""
    if index <= 0 and not [c for c in children[:k] if c.tag != W_RPR]:
        return r
    after = children[k + 1:]
    if index >= len(text) and not after:
        return None
    new = deepcopy(r)
    for c in list(new):
        new.remove(c)
    rpr = r.find(W_RPR)
    if rpr is not None:
        new.append(deepcopy(rpr))
    if index <= 0:
        r.remove(t_el)
        new.append(t_el)
    elif index < len(text):
        tail = deepcopy(t_el)
        _set_text(tail, text[index:])
        _set_text(t_el, text[:index])
        new.append(tail)
    for c in after:
        new.append(c)  # moves it
    r.addnext(new)
    return new


def _first_last(cm: CharMap, start: int, end: int) -> tuple[int, int] | None:
    """The first and last character of [start, end) that come from a w:t (not a joining space)."""
    start, end = max(0, start), min(len(cm.text), end)
    while start < end and (cm.origin[start] is None or cm.text[start].isspace()):
        start += 1
    while end > start and (cm.origin[end - 1] is None or cm.text[end - 1].isspace()):
        end -= 1
    if start >= end:
        return None
    return start, end - 1


def comment_text(f: Finding) -> str:
    lines = [f"{f.message} ({f.rule} {f.name})"]
    if f.suggestion:
        lines.append(f"Try: {f.suggestion}")
    if f.standard:
        lines.append(f"Standard: {f.standard}")
    return "\n".join(lines)


def _anchor_range(anchor: Anchor, start: int, end: int):
    """Split runs so that [start, end) of the block is exactly a sequence of whole runs;
    return its first and last w:r, or None when the words cannot be found."""
    cm = anchor.charmap()
    span = _first_last(cm, anchor.offset + start, anchor.offset + end)
    if span is None:
        return None
    a, z = span
    t_end, i_end = cm.origin[z]
    t_start, i_start = cm.origin[a]
    last = t_end.getparent()
    split_before(t_end, i_end + 1)  # the run holding the last character now ends with it
    start_run = t_start.getparent()
    first = split_before(t_start, i_start)
    if first is None or last is None:
        return None
    if start_run is last and first is not start_run:
        last = first  # the start split moved the last character into the new run
    return first, last


def _whole_block(anchor: Anchor) -> tuple[int, int]:
    cm = anchor.charmap()
    return 0, len(cm.text) - anchor.offset


def add_comments(data: bytes, document: Document, result: FileResult) -> tuple[bytes, int]:
    """The draft's bytes with every finding as a comment; and how many comments were added."""
    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(document.path, f"is damaged: Word could not open it either ({type(exc).__name__})") from None
    pieces: list[Piece] = []
    walk_body(doc.element.body, pieces)
    anchors = match_blocks(document, pieces)
    first_para = next((b.index for b in document.blocks if b.kind != "cell" and b.index in anchors),
                      next(iter(sorted(anchors)), None))
    headings = {b.text: b.index for b in document.headings}
    added = 0
    for f in result.findings:
        loc = f.location
        whole = loc.end <= loc.start
        index = loc.block
        if whole:
            index = headings.get(loc.section, first_para) if loc.section else first_para
        if index is None or index not in anchors:
            continue
        anchor = anchors[index]
        start, end = _whole_block(anchor) if whole else (loc.start, loc.end)
        span = _anchor_range(anchor, start, end)
        if span is None:
            continue
        first, last = span
        doc.add_comment([Run(first, None), Run(last, None)], text=comment_text(f), author=AUTHOR, initials=INITIALS)
        added += 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), added


def default_copy_path(path: str) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}.cpdocs.docx")


def lint_and_annotate(path: str, report_type: str | None, config, output: Path | None, force: bool,
                      annotate: bool = True) -> tuple[Document, FileResult]:
    """Read the draft once, lint it, and (with `annotate`) write the commented copy.

    The copy goes to `output` or `DRAFT.cpdocs.docx` beside the draft; an existing file is
    replaced only with `force`, and the draft itself never."""
    import click

    from cpdocs.lint.reporters.html import lint_keep_document
    from cpdocs.readers import read_bytes, sniff

    data = read_bytes(path)
    if annotate:
        if path == "-" or sniff(data) != "docx" or Path(path).suffix.lower() != ".docx":
            raise InputError(path, "is not a Word (.docx) draft; --annotate can only put comments in a Word file")
        target = Path(output) if output is not None else default_copy_path(path)
        if target.exists() and not force:
            raise InputError(target, "already exists; use --force to replace it")
    document, result = lint_keep_document(path, report_type, config, data)
    if annotate:
        copy, added = add_comments(data, document, result)
        write_whole(target, copy, force, source=path)
        click.echo(f"cpdocs: wrote {target} with {added} comment{'' if added == 1 else 's'}", err=True)
    return document, result
