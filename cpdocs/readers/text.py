"""Plain-text drafts: paragraphs split by blank lines, typed bullets, tab or pipe tables.

Text pasted out of Word keeps one paragraph per line, so a single line break also ends a
paragraph unless the next line simply continues the sentence. Text from an email or a case
system is often wrapped at a fixed width (72 or 100 characters): there a line that follows a
full-width line carries on the same paragraph or list item, whatever letter it starts with.
"""

from __future__ import annotations

import re

from cpdocs.raw import RawItem, is_furniture

BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2023\u2043*\-\u2013]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s+")


SPACED_PIPE = re.compile(r"\s\|\s")


def _table_cells(line: str) -> list[str] | None:
    if "\t" in line.strip():
        return [c.strip() for c in line.strip().split("\t")]
    s = line.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        return [c.strip() for c in s.strip("|").split("|")]
    return None


def _pipe_row(line: str) -> list[str] | None:
    """'Action | Who | By when': cells split by spaced bars, typed with no bar before the first cell."""
    s = line.strip()
    if not SPACED_PIPE.search(s + " ") or s.startswith("|"):
        return None
    return [c.strip() for c in s.split("|")]  # 'Who lives in the home |': a label with nothing beside it


def _pipe_runs(lines: list[str]) -> dict[int, list[str]]:
    """Lines (by index) that are rows of a table typed with bars between the cells: two lines or more
    in a row with the same number of cells. One line with a bar in it is only a line."""
    out: dict[int, list[str]] = {}
    run: list[tuple[int, list[str]]] = []
    for n, line in enumerate([*lines, ""]):
        row = _pipe_row(line)
        if row is not None and run and len(row) == len(run[0][1]):
            run.append((n, row))
            continue
        if len(run) >= 2:
            out.update(run)
        run = [(n, row)] if row is not None else []
    return out


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, when it was: many lines end near one length, and none is
    much longer. None for text with a paragraph to a line."""
    lengths = [len(ln.rstrip()) for ln in lines if ln.strip()]
    if len(lengths) < 10:
        return None
    width = max(lengths)
    if width > 110:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if near >= 8 and near >= 0.3 * len(lengths) else None


def read_text(text: str) -> list[RawItem]:
    items: list[RawItem] = []
    lines = text.splitlines()
    para: list[tuple[int, str]] = []
    table: RawItem | None = None
    width = wrap_width(lines)
    item: RawItem | None = None  # the list item the next lines may carry on

    def wrapped(n: int, line: str) -> bool:
        """Line n carries on the one before: wrapped at the width, or typed under the item's text."""
        if width is not None and n >= 2 and len(lines[n - 2].rstrip()) >= 0.7 * width:
            return True
        return item is not None and len(line) - len(line.lstrip()) >= 2

    def flush() -> None:
        if not para:
            return
        start = para[0][0]
        joined, breaks = "", []
        for _, ln in para:
            if joined:
                joined += " "
                breaks.append(len(joined))
            joined += ln.strip()
        items.append(RawItem(kind="paragraph", text=joined, line=start, line_starts=breaks))
        para.clear()

    piped = _pipe_runs(lines)
    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        cells = _table_cells(line) or piped.get(n - 1)
        if cells is not None:
            flush()
            item = None
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # a Markdown-style separator row
            if table is None:
                table = RawItem(kind="table", line=n)
                items.append(table)
            table.rows.append(cells)
            table.row_lines.append(n)
            continue
        table = None
        if not line.strip():
            flush()
            item = None
            continue
        m = BULLET.match(line)
        if m:
            flush()
            num = NUMBER.match(line)
            item = RawItem(kind="list_item", text=line[m.end():].strip(), line=n, numbered=bool(num),
                           number=int(re.sub(r"\D", "", num.group(0))) if num else None)
            items.append(item)
            continue
        if item is not None and (wrapped(n, line) or _continues(item.text, line)):
            item.text += " "
            item.line_starts.append(len(item.text))
            item.text += line.strip()
            continue
        item = None
        if para and (_continues(para[-1][1], line) or wrapped(n, line)):
            para.append((n, line))
            continue
        flush()
        para.append((n, line))
    flush()
    _mark_headings(items)
    return items


def _mark_headings(items: list[RawItem]) -> None:
    """A short line on its own, not ending like a sentence, before running text, is a heading."""
    # the first line that is not a protective marking ('OFFICIAL-SENSITIVE') is where a title would be
    first = next((i for i, it in enumerate(items) if not (it.kind == "paragraph" and is_furniture(it.text))), 0)
    for i in range(len(items) - 2, -1, -1):  # from the end, so a heading may stand before another
        item, nxt = items[i], items[i + 1]
        text = item.text.strip()
        if item.kind != "paragraph" or item.line_starts or not text[:1].isupper() or is_furniture(text):
            continue
        if len(text.split()) > (14 if i == first else 8) or text[-1] in ".,;!?" or ":" in text[:-1]:
            continue
        if nxt.kind == "paragraph" and len(nxt.text.split()) <= 8 and not nxt.line_starts:
            continue  # a run of short lines is a list of names or a details block, not headings
        item.kind = "heading"
        item.level = 1 if i == first else 2


def _continues(previous: str, line: str) -> bool:
    """A wrapped line: the previous one did not end a sentence and this one starts in lower case."""
    prev = previous.rstrip()
    return bool(prev) and prev[-1] not in ".!?:;" and line.lstrip()[:1].islower()
