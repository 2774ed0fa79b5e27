"""Suggestions made in a copy of a Markdown or text draft (there are no tracked changes in plain text).

A block of a text draft knows the source lines it came from but not each character's place: the
reader drops Markdown's marks (`**`, links, `#`), bullets and line breaks. So the block's text is
lined up with its own source lines (difflib's matching blocks: the longest runs of identical
characters), and a finding's words are changed in the source only where they appear there
unbroken, character for character. Words split by formatting (`**core** group`) are left to the
author, as a comment would be.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from cpdocs.lint.edits import Edit
from cpdocs.model import Block

CELL_SEPARATOR = re.compile(r"(?<!\\)\||\t")


def _line_offsets(source: str) -> list[int]:
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    return offsets


def _segment(source: str, offsets: list[int], block: Block) -> tuple[int, int] | None:
    """The part of the source a block came from: its lines, or for a table cell its cell of the row."""
    if block.line is None or block.line < 1 or block.line >= len(offsets):
        return None
    last = min(block.line + len(block.line_starts), len(offsets) - 1)
    start, end = offsets[block.line - 1], offsets[last]
    if block.kind == "cell" and block.col is not None:
        line = source[start:end]
        bounds = [m.start() for m in CELL_SEPARATOR.finditer(line)]
        # a Markdown row's first pipe opens its first cell; a text row's first cell starts the line
        edges = [*bounds, len(line)] if line.lstrip().startswith("|") else [-1, *bounds, len(line)]
        if block.col + 1 < len(edges):
            return start + edges[block.col] + 1, start + edges[block.col + 1]
    return start, end


def source_span(source: str, offsets: list[int], block: Block, start: int, end: int) -> tuple[int, int] | None:
    """Where the block's characters [start, end) are in the source, when they are there unbroken."""
    seg = _segment(source, offsets, block)
    if seg is None:
        return None
    seg_start, seg_end = seg
    piece = source[seg_start:seg_end]
    for i, j, n in SequenceMatcher(None, block.text, piece, autojunk=False).get_matching_blocks():
        if i <= start and end <= i + n:
            at = seg_start + j + (start - i)
            return (at, at + end - start) if source[at:at + end - start] == block.text[start:end] else None
    return None


def refusal(source: str, blocks: list[Block], edit: Edit) -> str | None:
    if source_span(source, _line_offsets(source), blocks[edit.block], edit.start, edit.end) is None:
        return "the words are split by formatting in the file"
    return None


def apply_edits(source: str, blocks: list[Block], edits: list[Edit]) -> str:
    """The source with each edit made where its words are (edits that cannot be placed are skipped:
    `refusal` says which)."""
    offsets = _line_offsets(source)
    spans = []
    for e in edits:
        span = source_span(source, offsets, blocks[e.block], e.start, e.end)
        if span is not None:
            spans.append((span, e.new))
    for (a, b), new in sorted(spans, reverse=True):
        source = source[:a] + new + source[b:]
    return source


def glossary_text(rows: list[tuple[str, str]], heading: str, markdown: bool,
                  header: tuple[str, str] = ("Word", "What it means")) -> str:
    """The glossary as a Markdown section with a table, or for a text draft a heading and a table of
    tab-separated columns (which cpdocs reads as a table)."""
    if markdown:
        lines = [f"## {heading}", "", f"| {header[0]} | {header[1]} |", "|---|---|"]
        lines += [f"| {w.replace('|', '/')} | {m.replace('|', '/')} |" for w, m in rows]
    else:
        lines = [heading, "", f"{header[0]}\t{header[1]}"] + [f"{w}\t{m}" for w, m in rows]
    return "\n".join(lines) + "\n"
