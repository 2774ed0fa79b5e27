"""Carry the simple HTML of a rendered document into Word.

The documents are written once, as Jinja templates of plain HTML (h1-h3, p, ul/ol/li, table,
strong, em, br), so the Word, PDF and HTML versions say the same thing. Two more things come
across for the Easy Read and children's documents: a picture (`<img data-picture="name">`) beside
a point, and a box to write in (`<div class="write-box" data-tag=... data-title=...>`), which in
Word is a content control the reader can type into. This module reads that
HTML (already escaped by the sandbox) and adds the same headings, paragraphs, lists and tables
to a python-docx document, using the template's own styles. Text goes into Word as text, so
`&`, `<` and quotes come out as written and nothing in a case can become Word markup.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
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
    picture: str | None = None  # an Easy Read picture shown beside the text (or alone, without text)


@dataclass
class Cell:
    header: bool
    paras: list[Para] = field(default_factory=list)


@dataclass
class Table:
    cls: str = ""
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Box:
    """A box to write or draw in: on paper a ruled box, in Word a content control to type into."""

    tag: str
    title: str
    lines: int = 6  # how tall, in lines of writing


class _Parser(HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "p", "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Para | Table | Box] = []
        self.picture: str | None = None  # a picture waiting for the paragraph it goes beside
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
        self.para = Para(kind, cls, picture=self.picture)
        self.picture = None
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
        elif tag == "img" and a.get("data-picture"):
            if self.para is not None and self.para.picture is None and not self.para.runs:
                self.para.picture = a["data-picture"]
            else:
                self.picture = a["data-picture"]
        elif tag == "div" and "write-box" in cls.split():
            self._close()
            self.items.append(Box(a.get("data-tag") or "box", a.get("data-title") or "Write here",
                                  int(a.get("data-lines") or 6)))
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title", "head") or (tag == "div" and self.skip):
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


def parse(html: str) -> list[Para | Table | Box]:
    p = _Parser()
    p.feed(html)
    p.close()
    for item in p.items:
        if isinstance(item, Box):
            continue
        paras = [item] if isinstance(item, Para) else [q for row in item.rows for c in row for q in c.paras]
        for para in paras:
            if para.runs:
                para.runs[-1].text = para.runs[-1].text.rstrip(" ")
    return [i for i in p.items
            if not (isinstance(i, Para) and not "".join(r.text for r in i.runs).strip() and not i.picture)]


# --- writing Word -------------------------------------------------------------------------------
#
# The body is written as WordprocessingML text and parsed once: building it element by element
# through python-docx costs several times more (it searches every style and re-reads the table
# grid on each call), and Word output has a budget of 100 ms.

STYLE = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li-ul": "List Bullet", "li-ol": "List Number"}
POINTS = "Picture List"  # the style of an Easy Read point: a picture on the left, the words beside it
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


def _paragraph_xml(doc, para: Para, styles: dict[str, str | None], pictures: Pictures | None = None) -> str:
    if para.picture and pictures is not None:
        return pictures.paragraph(doc, para, styles)
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


# --- pictures and boxes to write in --------------------------------------------------------------

EMU_PER_CM = 360000
TWIPS_PER_CM = 567


class Pictures:
    """Puts Easy Read pictures into a Word document: each PNG added once, each drawing numbered.

    A point with words gets its picture floating at the left margin, with the words indented
    beside it (style "Picture List", which the Word reader sees as a list item, so the linter reads
    the points as it reads any list). A paragraph's height cannot be set in Word, so the space
    after a point is made up to the picture's height, counting the lines generously: too much
    white space rather than a picture that runs into the next point.
    """

    SIZE_CM = 1.6
    ALONE_CM = 3.2
    LINE_TWIPS = 370  # one line of 14 pt text, with Word's single spacing
    CHARS_PER_LINE = 64  # of 14 pt Arial beside a picture: an over-estimate, so lines are under-counted

    def __init__(self, png: Callable[[str], bytes], describe: Callable[[str], str]):
        self.png = png
        self.describe = describe
        self.next_id = 1000

    def _blip(self, doc, name: str) -> str:
        rid, _ = doc.part.get_or_add_image(io.BytesIO(self.png(name)))
        return rid

    def _graphic(self, rid: str, n: int, name: str, emu: int) -> str:
        return ('<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{escape(name)}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
                f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')

    def paragraph(self, doc, para: Para, styles: dict[str, str | None]) -> str:
        name = para.picture
        self.next_id += 1
        n = self.next_id
        rid = self._blip(doc, name)
        descr = escape(self.describe(name), {'"': "&quot;"})
        text = "".join(r.text for r in para.runs).strip()
        if not text:  # a picture on its own line, centred
            emu = round(self.ALONE_CM * EMU_PER_CM)
            drawing = (f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{emu}" cy="{emu}"/>'
                       f'<wp:docPr id="{n}" name="Picture {n}" descr="{descr}"/><wp:cNvGraphicFramePr/>'
                       f"{self._graphic(rid, n, name, emu)}</wp:inline>")
            return (f'<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr>'
                    f"<w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>")
        emu = round(self.SIZE_CM * EMU_PER_CM)
        drawing = (f'<wp:anchor distT="0" distB="0" distL="0" distR="114300" simplePos="0" relativeHeight="{n}" '
                   'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>'
                   '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                   '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
                   f'<wp:extent cx="{emu}" cy="{emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                   f'<wp:wrapSquare wrapText="right"/><wp:docPr id="{n}" name="Picture {n}" descr="{descr}"/>'
                   f"<wp:cNvGraphicFramePr/>{self._graphic(rid, n, name, emu)}</wp:anchor>")
        lines = max(1, -(-len(text) // self.CHARS_PER_LINE) + text.count("\n"))
        after = max(160, round(self.SIZE_CM * TWIPS_PER_CM) - lines * self.LINE_TWIPS + 200)
        style = _style_id(doc, POINTS, styles) if para.kind.startswith("li") else None
        indent = round((self.SIZE_CM + 0.7) * TWIPS_PER_CM)
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = (f"<w:pPr>{style_xml}<w:keepLines/>"
               f'<w:spacing w:before="120" w:after="{after}"/><w:ind w:left="{indent}"/></w:pPr>')
        return f"<w:p>{ppr}<w:r><w:drawing>{drawing}</w:drawing></w:r>{_runs_xml(para.runs)}</w:p>"


def box_xml(box: Box, sdt_id: int) -> str:
    """A bordered box as tall as `box.lines` lines of handwriting, holding a content control.

    The control is rich text with a title (Word shows it on the control's tab), a tag that says
    which question it answers, and a lock so that clearing the text does not delete the box. It
    holds one empty paragraph: there is no placeholder text, so an empty box reads as empty.
    """
    height = box.lines * 454  # 0.8 cm a line of handwriting
    border = "".join(f'<w:{side} w:val="single" w:sz="12" w:space="0" w:color="333333"/>'
                     for side in ("top", "left", "bottom", "right"))
    sdt = (f'<w:sdt><w:sdtPr><w:alias w:val="{escape(box.title, {chr(34): "&quot;"})}"/>'
           f'<w:tag w:val="{escape(box.tag, {chr(34): "&quot;"})}"/><w:id w:val="{sdt_id}"/>'
           '<w:lock w:val="sdtLocked"/></w:sdtPr>'
           '<w:sdtContent><w:p><w:pPr><w:spacing w:before="120" w:after="120"/></w:pPr></w:p></w:sdtContent></w:sdt>')
    return (f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{border}</w:tblBorders>'
            '<w:tblCellMar><w:top w:w="120" w:type="dxa"/><w:left w:w="160" w:type="dxa"/>'
            '<w:right w:w="160" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{TEXT_WIDTH}" w:type="dxa"/></w:tcPr>{sdt}</w:tc></w:tr></w:tbl>'
            '<w:p><w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:p>')


def body_xml(doc, html: str, pictures: Pictures | None = None) -> str:
    """The WordprocessingML of the document's body, using `doc`'s styles."""
    styles: dict[str, str | None] = {}
    parts = []
    boxes = 0
    for item in parse(html):
        if isinstance(item, Table):
            parts.append(_table_xml(doc, item, styles))
        elif isinstance(item, Box):
            boxes += 1
            parts.append(box_xml(item, 7000 + boxes))
        else:
            parts.append(_paragraph_xml(doc, item, styles, pictures))
    return "".join(parts)


def body_elements(doc, html: str, pictures: Pictures | None = None) -> list:
    """The body as a list of w:p, w:tbl and w:sdt elements, ready to insert into `doc`."""
    xml = f"<w:body {nsdecls('w', 'wp', 'a', 'pic', 'r')}>{body_xml(doc, html, pictures)}</w:body>"
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
        if isinstance(item, Box):
            continue
        if isinstance(item, Table):
            for row in item.rows:
                out.append(" | ".join("".join(r.text for p in c.paras for r in p.runs) for c in row))
        else:
            out.append("".join(r.text for r in item.runs))
    return out
