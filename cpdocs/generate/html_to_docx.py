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
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls


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
#
# The body is written as WordprocessingML text and parsed once: building it element by element
# through python-docx costs several times more (it searches every style and re-reads the table
# grid on each call), and Word output has a budget of 100 ms.

STYLE = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li-ul": "List Bullet", "li-ol": "List Number"}
GREY = "555555"
TEXT_WIDTH = 9638  # twentieths of a point: A4 less 20 mm margins; tables are set in per cent anyway
BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="777777"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _style_id(doc, name: str, cache: dict[str, str | None]) -> str | None:
    """The template's id for a style, looked up once per document; None when it does not have it."""
    if name not in cache:
        try:
            cache[name] = doc.styles[name].style_id
        except KeyError:
            cache[name] = None
    return cache[name]


def _runs_xml(runs: list[Run], force_bold: bool = False) -> str:
    out = []
    for r in runs:
        props = ""
        if r.bold or force_bold:
            props += "<w:b/>"
        if r.italic or r.prompt:
            props += "<w:i/>"
        if r.prompt:
            props += f'<w:color w:val="{GREY}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        for i, part in enumerate(r.text.split("\n")):
            if i:
                out.append("<w:r><w:br/></w:r>")
            if part:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _paragraph_xml(doc, para: Para, styles: dict[str, str | None]) -> str:
    name = STYLE.get(para.kind)
    prompt = "prompt" in para.cls.split()
    if prompt and para.kind == "p":
        name = "Prompt"
    style_id = _style_id(doc, name, styles) if name else None
    runs = para.runs
    bold = False
    if name and style_id is None:  # an authority's template without this style: keep the meaning
        bold = para.kind.startswith("h")
        if para.kind.startswith("li"):
            runs = [Run("\u2022 " if para.kind == "li-ul" else "- ")] + runs
        if prompt:
            runs = [Run(r.text, r.bold, True, True) for r in runs]
    ppr = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    xml = f"<w:p>{ppr}{_runs_xml(runs, bold)}</w:p>"
    if prompt:
        # A content control showing placeholder text: in Word, click the prompt and type over it.
        xml = ('<w:sdt><w:sdtPr><w:alias w:val="Write here"/><w:showingPlcHdr/></w:sdtPr>'
               f"<w:sdtContent>{xml}</w:sdtContent></w:sdt>")
    return xml


def _table_xml(doc, table: Table, styles: dict[str, str | None]) -> str:
    rows = [r for r in table.rows if r]
    if not rows:
        return ""
    ncols = max(len(r) for r in rows)
    if table.cls == "details" and ncols == 2:
        widths = [round(TEXT_WIDTH * 0.34), TEXT_WIDTH - round(TEXT_WIDTH * 0.34)]
    else:
        widths = [TEXT_WIDTH // ncols] * ncols
    grid = _style_id(doc, "Table Grid", styles)
    style = f'<w:tblStyle w:val="{grid}"/>' if grid else ""
    out = [f'<w:tbl><w:tblPr>{style}<w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{BORDERS}</w:tblBorders>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    header_row = all(c.header for c in rows[0]) and table.cls != "details"
    for r_i, row in enumerate(rows):
        out.append("<w:tr>")
        if r_i == 0 and header_row:
            out.append('<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>')
        else:
            out.append("<w:trPr><w:cantSplit/></w:trPr>")
        for c_i in range(ncols):
            cell = row[c_i] if c_i < len(row) else Cell(header=False)
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/>' if cell.header else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c_i]}" w:type="dxa"/>{shade}</w:tcPr>')
            for para in cell.paras or [Para("p")]:
                prompt = "prompt" in para.cls.split()
                runs = [Run(r.text, r.bold, True, True) for r in para.runs] if prompt else para.runs
                out.append(f'<w:p><w:pPr><w:spacing w:before="20" w:after="40"/></w:pPr>'
                           f"{_runs_xml(runs, cell.header)}</w:p>")
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def body_xml(doc, html: str) -> str:
    """The WordprocessingML of the document's body, using `doc`'s styles."""
    styles: dict[str, str | None] = {}
    parts = []
    for item in parse(html):
        parts.append(_table_xml(doc, item, styles) if isinstance(item, Table) else _paragraph_xml(doc, item, styles))
    return "".join(parts)


def body_elements(doc, html: str) -> list:
    """The body as a list of w:p, w:tbl and w:sdt elements, ready to insert into `doc`."""
    xml = f"<w:body {nsdecls('w')}>{body_xml(doc, html)}</w:body>"
    return list(parse_xml(xml))


def add_html(doc, container, html: str) -> None:
    """Add the content of `html` at the end of `container`'s body (a python-docx Document)."""
    body = container.element.body
    sect = body.sectPr
    for el in body_elements(doc, html):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


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
