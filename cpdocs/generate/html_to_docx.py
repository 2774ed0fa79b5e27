"""Carry the simple HTML of a rendered document into Word.

The documents are written once, as Jinja templates of plain HTML (h1-h3, p, ul/ol/li, table,
strong, em, br), so the Word, PDF and HTML versions say the same thing. This module reads that
HTML (already escaped by the sandbox) and adds the same headings, paragraphs, lists and tables
to a python-docx document, using the template's own styles. Text goes into Word as text, so
`&`, `<` and quotes come out as written and nothing in a case can become Word markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    prompt: bool = False


@dataclass
class Para:
    kind: str  # h1 h2 h3 p li-ul li-ol
    cls: str = ""
    runs: list[Run] = field(default_factory=list)


@dataclass
class Cell:
    header: bool
    paras: list[Para] = field(default_factory=list)


@dataclass
class Table:
    cls: str = ""
    rows: list[list[Cell]] = field(default_factory=list)


class _Parser(HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "p", "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Para | Table] = []
        self.lists: list[str] = []
        self.table: Table | None = None
        self.cell: Cell | None = None
        self.para: Para | None = None
        self.bold = 0
        self.italic = 0
        self.prompt = 0
        self.skip = 0

    # where a paragraph goes: the current cell, or the body
    def _open(self, kind: str, cls: str = "") -> Para:
        self._close()
        self.para = Para(kind, cls)
        if self.cell is not None:
            self.cell.paras.append(self.para)
        else:
            self.items.append(self.para)
        return self.para

    def _close(self) -> None:
        self.para = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag in ("style", "script", "title", "head"):
            self.skip += 1
        elif tag in ("h1", "h2", "h3", "p"):
            self._open(tag, cls)
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._open("li-" + (self.lists[-1] if self.lists else "ul"), cls)
        elif tag == "table":
            self._close()
            self.table = Table(cls)
            self.items.append(self.table)
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
        elif tag in ("td", "th") and self.table is not None and self.table.rows:
            self.cell = Cell(header=tag == "th")
            self.table.rows[-1].append(self.cell)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
            if "prompt" in cls:
                self.prompt += 1
        elif tag == "br":
            self._text("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("h1", "h2", "h3", "p", "li"):
            self._close()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th"):
            self._close()
            self.cell = None
        elif tag == "table":
            self.table = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
            self.prompt = max(0, self.prompt - 1)

    def handle_data(self, data):
        if self.skip:
            return
        self._text(data)

    def _text(self, data: str) -> None:
        if data != "\n":
            data = re.sub(r"\s+", " ", data)  # whitespace collapses, as in a browser
        if self.para is None:
            if not data.strip():
                return
            self._open("p")
        runs = self.para.runs
        last = runs[-1].text if runs else "\n"
        if last.endswith(("\n", " ")) and data.startswith(" "):
            data = data.lstrip(" ")
        if not data:
            return
        runs.append(Run(data, bold=self.bold > 0, italic=self.italic > 0, prompt=self.prompt > 0))


def parse(html: str) -> list[Para | Table]:
    p = _Parser()
    p.feed(html)
    p.close()
    for item in p.items:
        paras = [item] if isinstance(item, Para) else [q for row in item.rows for c in row for q in c.paras]
        for para in paras:
            if para.runs:
                para.runs[-1].text = para.runs[-1].text.rstrip(" ")
    return [i for i in p.items if not (isinstance(i, Para) and not "".join(r.text for r in i.runs).strip())]


# --- writing Word -------------------------------------------------------------------------------

STYLE = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li-ul": "List Bullet", "li-ol": "List Number"}
GREY = RGBColor(0x55, 0x55, 0x55)


def _style_id(doc, name: str, cache: dict[str, str | None]) -> str | None:
    """The template's id for a paragraph or table style, looked up once per document (python-docx
    searches every style on each lookup); None when the template does not have it."""
    if name not in cache:
        try:
            cache[name] = doc.styles[name].style_id
        except KeyError:
            cache[name] = None
    return cache[name]


def _add_runs(paragraph, runs: list[Run], force_bold: bool = False) -> None:
    for r in runs:
        parts = r.text.split("\n")
        for i, part in enumerate(parts):
            run = paragraph.add_run(part)
            if r.bold or force_bold:
                run.bold = True
            if r.italic:
                run.italic = True
            if r.prompt:
                run.font.color.rgb = GREY
            if i < len(parts) - 1:
                run.add_break()


def _paragraph(doc, container, para: Para, styles: dict[str, str | None]):
    name = STYLE.get(para.kind)
    prompt = "prompt" in para.cls.split()
    if prompt and para.kind == "p":
        name = "Prompt"
    style_id = _style_id(doc, name, styles) if name else None
    fallback_bold = False
    if name and style_id is None:
        fallback_bold = para.kind.startswith("h")
        if para.kind.startswith("li"):
            para.runs.insert(0, Run("\u2022 " if para.kind == "li-ul" else "- "))
    p = container.add_paragraph()
    if style_id:
        p._p.style = style_id
    _add_runs(p, para.runs, force_bold=fallback_bold)
    if prompt:
        if style_id is None or name != "Prompt":
            for run in p.runs:
                run.italic = True
                run.font.color.rgb = GREY
        _placeholder(p)
    return p


def _placeholder(p) -> None:
    """Wrap a prompt in a Word content control showing placeholder text: click it and type, and
    the prompt is replaced (Word's own 'click here to enter text')."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), "Write here")
    pr.append(alias)
    pr.append(OxmlElement("w:showingPlcHdr"))
    text = OxmlElement("w:text")
    text.set(qn("w:multiLine"), "1")
    pr.append(text)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    p._p.addprevious(sdt)
    content.append(p._p)


def _shade(cell, fill: str = "E6E6E6") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(doc, container, table: Table, styles: dict[str, str | None]) -> None:
    rows = [r for r in table.rows if r]
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    t = container.add_table(rows=len(rows), cols=ncols)
    grid = _style_id(doc, "Table Grid", styles)
    if grid:
        t._tbl.tblPr.style = grid
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    if all(c.header for c in rows[0]) and table.cls != "details":
        _repeat_header(t.rows[0])
    cells = t._cells  # python-docx works out the whole grid on every cell() call: once is enough
    for r_i, row in enumerate(rows):
        for c_i, cell in enumerate(row):
            target = cells[r_i * ncols + c_i]
            first = target.paragraphs[0]
            for p_i, para in enumerate(cell.paras or [Para("p")]):
                p = first if p_i == 0 else target.add_paragraph()
                _add_runs(p, para.runs, force_bold=cell.header)
                p.paragraph_format.space_after = Pt(2)
                if "prompt" in para.cls.split():
                    for run in p.runs:
                        run.italic = True
                        run.font.color.rgb = GREY
            if cell.header:
                _shade(target)


def add_html(doc, container, html: str) -> None:
    """Add the content of `html` to `container` (a document, or a docxtpl Subdoc)."""
    styles: dict[str, str | None] = {}
    for item in parse(html):
        if isinstance(item, Table):
            _table(doc, container, item, styles)
        else:
            _paragraph(doc, container, item, styles)


def plain_text(html: str) -> list[str]:
    """The paragraphs and table rows of the HTML as plain text (for tests and Markdown)."""
    out = []
    for item in parse(html):
        if isinstance(item, Table):
            for row in item.rows:
                out.append(" | ".join("".join(r.text for p in c.paras for r in p.runs) for c in row))
        else:
            out.append("".join(r.text for r in item.runs))
    return out
