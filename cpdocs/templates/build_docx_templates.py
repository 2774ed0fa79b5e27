"""Build the Word templates: document.docx (every document) and easy-read.docx (Easy Read and the child's pack).

The .docx is binary, so it is never edited by hand: change this script, run it, and commit
both (`python cpdocs/templates/build_docx_templates.py`). A reviewer reads the change here.

The template holds what Word needs and HTML does not: A4 pages, the OFFICIAL-SENSITIVE marking
in the header and footer, "Page X of Y", UK English as the language, and the styles the
documents use (Heading 1-3, List Bullet, List Number, Table Grid, Prompt). The document
itself goes where `{{p body }}` is. An authority's own template is this file opened in Word,
with its logo and address added, saved under a new name (see the README).

easy-read.docx is the same with larger print, as Easy Read guidance asks (at least 14 pt, more
space between lines), and one more style, "Picture List": a point with its picture on the left.
The children's packs use it too.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
FONT = "Arial"  # LibreOffice shows it as Liberation Sans, which has the same widths


def _field(paragraph, instr: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when the page is laid out."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _default_size(doc, points: float) -> None:
    """The document's default text size. Large-print templates set it, so that their ordinary
    14 pt text is ordinary to whoever reads the file (cpdocs' Word reader takes text clearly
    larger than the default for a heading)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.get_or_add_sz().set(qn("w:val"), str(round(points * 2)))  # inserted in schema order when missing
    cs = rpr.find(qn("w:szCs"))
    if cs is not None:
        cs.set(qn("w:val"), str(round(points * 2)))


def _language(doc, lang: str = "en-GB") -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), lang)


def _font(style, size: float | None = None, bold: bool | None = None, colour: RGBColor | None = None) -> None:
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour


STANDARD = {"Normal": 11, "Heading 1": 17, "Heading 2": 13.5, "Heading 3": 11.5, "Title": 20}
LARGE = {"Normal": 14, "Heading 1": 22, "Heading 2": 18, "Heading 3": 16, "Title": 24}


def build(path: Path, large: bool = False) -> Path:
    sizes = LARGE if large else STANDARD
    doc = Document()
    _language(doc)
    styles = doc.styles
    _font(styles["Normal"], sizes["Normal"])
    styles["Normal"].paragraph_format.space_after = Pt(8 if large else 6)
    if large:
        _default_size(doc, sizes["Normal"])
        styles["Normal"].paragraph_format.line_spacing = 1.2
    black = RGBColor(0x11, 0x11, 0x11)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        _font(styles[name], sizes[name], True, black)
    if large:
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            styles[name].paragraph_format.space_before = Pt(18)
            styles[name].paragraph_format.keep_with_next = True
        points = styles.add_style("Picture List", WD_STYLE_TYPE.PARAGRAPH)
        points.base_style = styles["Normal"]
        points.paragraph_format.left_indent = Mm(23)
    for name in ("List Bullet", "List Number", "Table Grid"):
        styles[name]  # noqa: B018 - fail here, not at render time, if python-docx drops one
    prompt = styles.add_style("Prompt", WD_STYLE_TYPE.PARAGRAPH)
    prompt.base_style = styles["Normal"]
    _font(prompt, sizes["Normal"], None, RGBColor(0x55, 0x55, 0x55))
    prompt.font.italic = True

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin = section.right_margin = Mm(20)

    header = section.header
    mark = header.paragraphs[0]
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.add_run("OFFICIAL-SENSITIVE").bold = True
    org = header.add_paragraph("{{ partnership }}")
    org.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    org.runs[0].font.size = Pt(8)

    footer = section.footer
    fmark = footer.paragraphs[0]
    fmark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmark.add_run("OFFICIAL-SENSITIVE").bold = True
    pages = footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")

    doc.add_paragraph("{{p body }}")

    props = doc.core_properties
    props.title = "cpdocs document"
    props.author = "cpdocs"
    props.language = "en-GB"
    props.comments = "Template for cpdocs: keep the body line on a line of its own."
    props.created = props.modified = FIXED
    props.last_modified_by = "cpdocs"
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(reproducible(buf.getvalue()))
    return path


def reproducible(data: bytes) -> bytes:
    """The same package with fixed timestamps, so that rebuilding gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    print(build(folder / "document.docx"))
    print(build(folder / "easy-read.docx", large=True))
