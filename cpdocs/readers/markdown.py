"""Markdown drafts, parsed with markdown-it-py (CommonMark plus tables).

A well-kept parser gets lists, tables, emphasis and line numbers right where a page of
regular expressions would not. `<!-- cpdocs-disable CODE -->` silences rules for the next block.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cpdocs.raw import RawCell, RawItem

BR = re.compile(r"^<br\s*/?>$", re.I)
CELL_BULLET = re.compile(r"^(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)])\s+")
# Bullets typed as characters (pasted from Word): Markdown does not know them, so consecutive lines
# starting with one arrive as one paragraph; each is a list item, as in the Word reader.
TYPED_BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\u27a2\u25ba\u2013\u2014o]\s+")
DISABLE = re.compile(r"<!--\s*cpdocs-disable\s+([A-Za-z0-9_,\s-]+?)\s*-->")

_md = MarkdownIt("commonmark", {"html": True}).enable("table")


def inline_text(tok: Token, children: list[Token] | None = None) -> tuple[str, bool, list[int]]:
    """Plain text of an inline token (or of some of its children), whether all of it is bold, and
    offsets of line breaks."""
    parts: list[str] = []
    breaks: list[int] = []
    bold_depth = 0
    bold_chars = plain_chars = 0
    for child in tok.children or [] if children is None else children:
        if child.type in ("strong_open",):
            bold_depth += 1
        elif child.type == "strong_close":
            bold_depth -= 1
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
            breaks.append(sum(len(p) for p in parts))
        elif child.type in ("text", "code_inline", "html_inline"):
            content = child.content
            if child.type == "html_inline" and content.startswith("<!--"):
                continue
            parts.append(content)
            n = len(content.strip())
            if bold_depth:
                bold_chars += n
            else:
                plain_chars += n
    text = "".join(parts)
    # Strip leading spaces and keep the break offsets in step.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    breaks = [b - lead for b in breaks if 0 < b - lead < len(text)]
    return text, bold_chars > 0 and plain_chars == 0, breaks


def read_markdown(text: str) -> list[RawItem]:
    tokens = _md.parse(text)
    items: list[RawItem] = []
    disabled: frozenset[str] = frozenset()
    list_stack: list[str] = []
    number: int | None = None
    i = 0
    table: RawItem | None = None
    row: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "html_block":
            codes = [c for m in DISABLE.finditer(tok.content) for c in re.split(r"[,\s]+", m.group(1)) if c]
            if codes:
                disabled = frozenset(c.upper() for c in codes)
        elif t == "heading_open":
            inline = tokens[i + 1]
            txt, _, _ = inline_text(inline)
            items.append(RawItem(kind="heading", text=txt, level=int(tok.tag[1]), line=tok.map[0] + 1,
                                 disabled=disabled))
            disabled = frozenset()
            i += 3
            continue
        elif t in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(t)
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif t == "list_item_open":
            number = int(tok.info) if tok.info.isdigit() else None
        elif t == "paragraph_open":
            inline = tokens[i + 1]
            txt, bold, breaks = inline_text(inline)
            line = tok.map[0] + 1 if tok.map else None
            kind = "list_item" if list_stack else "paragraph"
            item = RawItem(kind=kind, text=txt, bold=bold, line=line, line_starts=breaks, disabled=disabled,
                           numbered=bool(list_stack) and list_stack[-1].startswith("ordered"),
                           number=number if list_stack else None, list_level=max(len(list_stack) - 1, 0))
            items.extend(split_typed_bullets(item) if kind == "paragraph" else [item])
            disabled = frozenset()
            i += 3
            continue
        elif t == "table_open":
            table = RawItem(kind="table", line=tok.map[0] + 1 if tok.map else None, disabled=disabled, cells=[])
            disabled = frozenset()
        elif t == "tr_open":
            row = []
            if table is not None:
                table.row_lines.append(tok.map[0] + 1 if tok.map else table.line)
        elif t == "inline" and table is not None:
            row.append(_cell(tok, table.row_lines[-1] if table.row_lines else table.line))
        elif t == "tr_close" and table is not None:
            table.cells.append(row)
        elif t == "table_close" and table is not None:
            items.append(table)
            table = None
        i += 1
    return items


def _cell(tok: Token, line: int | None) -> RawCell:
    """A table cell: its paragraphs are the parts between `<br>`s, and a part that starts with a
    bullet is a list item ('- Mum to ring the school')."""
    parts: list[list[Token]] = [[]]
    for child in tok.children or []:
        if child.type == "html_inline" and BR.match(child.content.strip()):
            parts.append([])
        else:
            parts[-1].append(child)
    items = []
    for part in parts:
        text, bold, _ = inline_text(tok, part)
        if not text:
            continue
        m = CELL_BULLET.match(text)
        if m:
            items.append(RawItem(kind="list_item", text=text[m.end():], bold=bold, line=line,
                                 numbered=m.group(0)[0].isdigit()))
        else:
            items.append(RawItem(kind="paragraph", text=text, bold=bold, line=line))
    return RawCell(items=items)


def split_typed_bullets(item: RawItem) -> list[RawItem]:
    """A paragraph whose lines start with typed bullets ('• Kai will...'): one list item a line
    (a line without a bullet carries on the item above), after any lines of plain text."""
    starts = [0, *item.line_starts]
    bounds = list(zip(starts, starts[1:] + [len(item.text)], strict=True))
    if not any(TYPED_BULLET.match(item.text[a:b]) for a, b in bounds):
        return [item]
    out: list[RawItem] = []
    for n, (a, b) in enumerate(bounds):
        line = item.text[a:b].strip()
        m = TYPED_BULLET.match(line)
        where = (item.line + n) if item.line is not None else None
        if m:
            out.append(RawItem(kind="list_item", text=line[m.end():], line=where, disabled=item.disabled))
        elif out:
            prev = out[-1]
            prev.line_starts = [*prev.line_starts, len(prev.text) + 1]
            prev.text = f"{prev.text} {line}"
        else:
            out.append(RawItem(kind="paragraph", text=line, line=where, disabled=item.disabled, bold=item.bold))
    return out
