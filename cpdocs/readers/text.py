"""Plain-text drafts: paragraphs split by blank lines, typed bullets, tab or pipe tables.

Text pasted out of Word keeps one paragraph per line, so a single line break also ends a
paragraph unless the next line simply continues the sentence.
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


def read_text(text: str) -> list[RawItem]:
    items: list[RawItem] = []
    lines = text.splitlines()
    para: list[tuple[int, str]] = []
    table: RawItem | None = None

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
            continue
        m = BULLET.match(line)
        if m:
            flush()
            num = NUMBER.match(line)
            items.append(RawItem(kind="list_item", text=line[m.end():].strip(), line=n, numbered=bool(num),
                                 number=int(re.sub(r"\D", "", num.group(0))) if num else None))
            continue
        if para and _continues(para[-1][1], line):
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
