"""PDF drafts, read from the text layer with pdfplumber.

pdfplumber (on pdfminer.six) gives every character with its font name, size and position,
and finds tables from their ruling lines. That is what recovers a draft's structure from a
PDF: a heading is a line in a larger or bold font, a paragraph is lines set close together,
a bullet is a line that starts with a bullet glyph, and an action plan is a ruled table.
pypdf gives the text as one stream with no fonts and no tables, so headings and action
tables — which most of the rules depend on — would be lost.

Running headers and footers (lines repeated at the top or bottom of most pages, page
numbers, protective markings) are left out. Every item keeps its page number, so findings
say where they are. A PDF with no text layer (a scan) gets a plain error.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from cpdocs.errors import InputError
from cpdocs.raw import NUMBERED_HEADING, RawCell, RawItem, is_furniture

MAX_PAGES = 300
MARGIN = 0.11  # the top and bottom 11% of a page is where running headers and footers sit
# Bullet glyphs as PDFs draw them, Symbol and Wingdings ones included (the private-use \uf0b7...)
GLYPHS = "\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\u27a2\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8"
BULLET = re.compile(r"^\s*(?:[" + GLYPHS + r"\u2713\u2714*\-\u2013o](?=\s)|\d{1,2}[.)](?=\s)|[a-h][.)](?=\s))\s*")
NUMBER = re.compile(r"^\s*(\d{1,2})[.)]")
# a bullet glyph in a table cell (not a number or a dash, which there may be a date, an amount or a range)
BULLET_GLYPH = re.compile(r"^\s*[" + GLYPHS + r"]\s*")
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\u00ad": ""})
SENTENCE_END = re.compile(r"[.!?:;'\"\u2019\u201d)]$")


@dataclass
class Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    height: float  # the page's height, to tell the margins


@dataclass
class TableBox:
    rows: list[list[str]]
    page: int
    top: float
    bottom: float
    shaded: bool = False


@dataclass
class Para:
    kind: str  # paragraph, list_item
    lines: list[Line] = field(default_factory=list)
    number: int | None = None
    numbered: bool = False


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages  # parses the page tree: a damaged file fails here
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "is password-protected; save a copy without a password and check that") from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        inner = [exc, *getattr(exc, "args", ()), exc.__cause__, exc.__context__]
        if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) or "password" in type(e).__name__.lower()
               for e in inner if e is not None):
            raise InputError(path, "is password-protected; save a copy without a password and check that") from None
        raise InputError(path, f"is damaged: it cannot be read as a PDF ({type(exc).__name__})") from None
    if not pages:
        raise InputError(path, "is a PDF with no pages")
    if len(pages) > MAX_PAGES:
        raise InputError(path, f"has {len(pages)} pages, too many to be one report (cpdocs reads up to {MAX_PAGES})")
    return pdf


def _is_bold(chars) -> bool:
    letters = [c for c in chars if c.get("text", "").strip()]
    return bool(letters) and all(BOLD_FONT.search(c.get("fontname", "").split("+")[-1]) for c in letters)


def _read_page(page, number: int) -> tuple[list[Line], list[TableBox], bool]:
    """The page's lines of running text (outside tables), its tables, and whether it has images."""
    tables: list[TableBox] = []
    boxes = []
    try:
        found = page.find_tables()
    except Exception:  # a table finder failure loses the tables, not the text
        found = []
    for t in found:
        raw = t.extract()
        x0, top, x1, bottom = t.bbox
        boxes.append((x0 - 1, top - 1, x1 + 1, bottom + 1))
        try:
            row_tops = [r.bbox[1] for r in t.rows]
        except Exception:
            row_tops = [top] * len(raw)
        # a heading typed in a shaded box just above or below a table is found as part of it:
        # a row with one cell spanning the whole width (the others None). Give it back as a box.
        lead, tail = 0, len(raw)
        while lead < tail and _spanning(raw[lead]):
            lead += 1
        while tail > lead and _spanning(raw[tail - 1]):
            tail -= 1
        for i in [*range(lead), *range(tail, len(raw))]:
            text = _cell_text(next(c for c in raw[i] if c is not None))
            if text:
                rb = t.rows[i].bbox if i < len(t.rows) else t.bbox
                tables.append(TableBox(rows=[[text]], page=number, top=rb[1], bottom=rb[3], shaded=_filled(page, rb)))
        rows = [[_cell_text(c) for c in row] for row in raw[lead:tail]]
        rows = [r for r in rows if any(r)]
        keep = [i for i in range(max((len(r) for r in rows), default=0)) if any(i < len(r) and r[i] for r in rows)]
        rows = [[r[i] if i < len(r) else "" for i in keep] for r in rows]  # columns made only by shading
        if rows:
            first = row_tops[lead] if lead < len(row_tops) else top
            one = len(rows) == 1 and len(rows[0]) == 1
            tables.append(TableBox(rows=rows, page=number, top=first, bottom=bottom,
                                   shaded=one and _filled(page, t.bbox)))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    body = page.filter(outside) if boxes else page
    lines = []
    for ln in body.extract_text_lines(return_chars=True, keep_blank_chars=False):
        text = " ".join(ln["text"].translate(LIGATURES).split())
        chars = [c for c in ln["chars"] if c.get("text", "").strip()]
        if not text or not chars:
            continue
        sizes = [round(c.get("size", 0), 1) for c in chars]
        lines.append(Line(text=text, page=number, top=ln["top"], bottom=ln["bottom"], x0=ln["x0"], x1=ln["x1"],
                          size=median(sizes), bold=_is_bold(chars), height=float(page.height)))
    return lines, tables, bool(page.images)


def _cell_text(cell: str | None) -> str:
    """A cell's text: its lines joined, except that a line starting with a bullet starts a new line
    ('I have visited five times:' then '\u2022 3 March', '\u2022 10 March')."""
    pieces: list[str] = []
    for line in (cell or "").translate(LIGATURES).split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if pieces and not BULLET_GLYPH.match(line):
            pieces[-1] += " " + line
        else:
            pieces.append(line)
    return "\n".join(pieces)


def _cell(text: str, page: int) -> RawCell:
    """A cell of its paragraphs and bulleted items, one a line (see `_cell_text`)."""
    items = []
    for piece in text.split("\n"):
        m = BULLET_GLYPH.match(piece)
        if m:
            items.append(RawItem(kind="list_item", text=piece[m.end():], page=page))
        elif piece.strip():
            items.append(RawItem(kind="paragraph", text=piece, page=page))
    return RawCell(items=items)


def _filled(page, bbox) -> bool:
    """Whether a box is shaded: a filled, non-white rectangle covers most of it."""
    x0, top, x1, bottom = bbox
    for r in page.rects:
        if not r.get("fill"):
            continue
        colour = r.get("non_stroking_color")
        white = colour in (None, 1, (1,), [1], (1, 1, 1), [1, 1, 1], (0, 0, 0, 0), [0, 0, 0, 0])
        if white:
            continue
        w = min(x1, r["x1"]) - max(x0, r["x0"])
        h = min(bottom, r["bottom"]) - max(top, r["top"])
        if w > 0.6 * (x1 - x0) and h > 0.6 * (bottom - top):
            return True
    return False


def _spanning(row: list[str | None]) -> bool:
    return len(row) > 1 and row[0] is not None and all(c is None for c in row[1:])


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Leave out running headers and footers: lines in the top or bottom margin that are page
    furniture (a page number, a protective marking) or that repeat on most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_furniture_key(ln.text) for ln in lines if _in_margin(ln)})
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for lines in pages:
        kept = []
        for ln in lines:
            repeated = len(pages) > 1 and counts[_furniture_key(ln.text)] >= need
            if _in_margin(ln) and (is_furniture(ln.text) or repeated):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _in_margin(ln: Line) -> bool:
    return ln.top < ln.height * MARGIN or ln.bottom > ln.height * (1 - MARGIN)


def read_pdf(data: bytes, path: str) -> list[RawItem]:
    pdf = _open(data, path)
    page_lines: list[list[Line]] = []
    tables: list[TableBox] = []
    images = False
    try:
        for i, page in enumerate(pdf.pages, start=1):
            lines, page_tables, has_images = _read_page(page, i)
            page_lines.append(lines)
            tables.extend(page_tables)
            images = images or has_images
            page.flush_cache()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"is damaged: part of it cannot be read ({type(exc).__name__})") from None
    finally:
        pdf.close()
    letters = sum(len(ln.text) for lines in page_lines for ln in lines) + sum(
        len(c) for t in tables for r in t.rows for c in r)
    if letters < 20:
        raise InputError(path, "has no text layer (it is a scanned image); cpdocs needs the text: "
                               "use the Word file, or a PDF saved from Word")
    page_lines = drop_running_lines(page_lines)
    return build_items(page_lines, tables)


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


def _pitch(lines: list[Line], body: float) -> float:
    """The usual distance from one line's top to the next within a paragraph."""
    gaps: Counter[float] = Counter()
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.size == body == b.size and 0 < b.top - a.top < 3 * body:
            gaps[round(b.top - a.top)] += 1
    return float(min(gaps.most_common(3))[0]) if gaps else body * 1.3


def build_items(page_lines: list[list[Line]], tables: list[TableBox]) -> list[RawItem]:
    """Lines and tables, in reading order, made into headings, paragraphs, list items and tables."""
    lines = [ln for page in page_lines for ln in page]
    body = _body_size(lines)
    pitch = _pitch(lines, body)
    bigger = sorted({ln.size for ln in lines if ln.size >= body + 1.0}, reverse=True)
    level_of = {s: min(i + 1, 6) for i, s in enumerate(bigger)}

    def style(ln: Line) -> tuple:
        return ("big", ln.size) if ln.size >= body + 1.0 else ("bold" if ln.bold else "body",)

    # merge the lines into paragraphs and list items
    last_on_page = {id(page[-1]) for page in page_lines if page}
    first_on_page = {id(page[0]) for page in page_lines if page}
    paras: list[Para] = []
    for ln in lines:
        prev = paras[-1].lines[-1] if paras else None
        m = BULLET.match(ln.text)
        starts_item = m is not None and style(ln)[0] != "big"
        cont = (
            prev is not None and not starts_item and style(prev) == style(ln)
            and (
                (prev.page == ln.page and 0 < ln.top - prev.top <= pitch * max(1.0, ln.size / body) * 1.25)
                # a paragraph cut by the page break: it stops mid-sentence at the foot of one page
                or (ln.page == prev.page + 1 and id(prev) in last_on_page and id(ln) in first_on_page
                    and not SENTENCE_END.search(prev.text))
            )
            and not _table_between(tables, prev, ln)
            and not (style(ln)[0] != "body" and NUMBERED_HEADING.match(ln.text))  # '17. Contingency' after '16. Plan'
        )
        if cont:
            paras[-1].lines.append(ln)
            continue
        if starts_item:
            num = NUMBER.match(ln.text)
            item = Para("list_item", [Line(**{**ln.__dict__, "text": ln.text[m.end():]})],
                        number=int(num.group(1)) if num else None, numbered=num is not None)
            paras.append(item)
        else:
            paras.append(Para("paragraph", [ln]))

    # interleave with the tables by page and position
    events: list[tuple[int, float, int, object]] = [(p.lines[0].page, p.lines[0].top, 1, p) for p in paras]
    events += [(t.page, t.top, 0, t) for t in tables]
    events.sort(key=lambda e: (e[0], e[1], e[2]))

    items: list[RawItem] = []
    tables_out: list[RawItem] = []
    last_table: TableBox | None = None
    for page, _, _, ev in events:
        if isinstance(ev, TableBox):
            prev_item = items[-1] if items else None
            if (last_table is not None and prev_item is not None and prev_item.kind == "table"
                    and ev.page == last_table.page + 1 and len(ev.rows[0]) == len(prev_item.rows[0])):
                rows = ev.rows[1:] if ev.rows[0] == prev_item.rows[0] else ev.rows  # a repeated header row
                if rows and _row_runs_on(prev_item.rows[-1], rows[0]):  # a row broken over the page
                    prev_item.rows[-1] = [" ".join(x for x in (a, b) if x) for a, b in zip(prev_item.rows[-1], rows[0],
                                                                                           strict=False)]
                    rows = rows[1:]
                prev_item.rows.extend(rows)  # a table that runs on over a page break
            else:
                items.append(RawItem(kind="table", rows=[list(r) for r in ev.rows], page=page,
                                     bold=False, shaded=ev.shaded))
                tables_out.append(items[-1])
            last_table = ev
            continue
        p: Para = ev  # type: ignore[assignment]
        text = " ".join(ln.text for ln in p.lines)
        first = p.lines[0]
        if p.kind == "list_item":
            items.append(RawItem(kind="list_item", text=text, page=page, numbered=p.numbered, number=p.number,
                                 bold=all(ln.bold for ln in p.lines), x0=first.x0))
        elif first.size >= body + 1.0 and len(text.split()) <= 20:
            items.append(RawItem(kind="heading", text=text, level=level_of.get(first.size, 2), page=page))
        else:
            items.append(RawItem(kind="paragraph", text=text, page=page, bold=all(ln.bold for ln in p.lines)))
    for t in tables_out:  # each cell's bulleted lines are list items; its text one line
        t.cells = [[_cell(c, t.page or 0) for c in r] for r in t.rows]
        t.rows = [[" ".join(c.split()) for c in r] for r in t.rows]
    _nest(items)
    return items


def _nest(items: list[RawItem]) -> None:
    """The level of each list item in a run of them, from how far in its bullet sits."""
    run: list[RawItem] = []
    for item in [*items, None]:
        if item is not None and item.kind == "list_item":
            run.append(item)
            continue
        indents = sorted({round(i.x0) for i in run if i.x0 is not None})
        levels: list[int] = []  # the indents that start a new level: 6pt or more further in
        for x in indents:
            if not levels or x - levels[-1] >= 6:
                levels.append(x)
        for i in run:
            if i.x0 is not None:
                i.list_level = sum(1 for x in levels if x <= round(i.x0) + 5) - 1
        run = []


def _table_between(tables: list[TableBox], a: Line, b: Line) -> bool:
    return any(t.page == a.page and a.top < t.top < b.top for t in tables)


RUNS_ON = re.compile(r"\b(to|and|the|of|for|with|in|on|at|a|an|by|or|from|about|into|her|his|their|is|are|will|be)$")


def _row_runs_on(last: list[str], first: list[str]) -> bool:
    """Whether the first row on a new page is the rest of the last row on the page before: a cell
    there stops mid-phrase ('...and feed back to') and the new row leaves a cell empty that the
    last row filled."""
    return (any(RUNS_ON.search(c) for c in last if c)
            and any(a and not b for a, b in zip(last, first, strict=False)))
