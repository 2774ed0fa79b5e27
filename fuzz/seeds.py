"""Seed inputs for the fuzz targets, built from the repository's own fixtures.

Seeds are made, not committed: the fixtures already hold realistic drafts and case files,
and a seed built from them follows them when they change. Small seeds fuzz fastest, so each
draft is also cut to its first part.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
CASES = ROOT / "fixtures" / "cases"
TEMPLATE_DOCX = DRAFTS / "example-agency-report.docx"

# A hand-made PDF with one line of text in a standard font: the smallest file the PDF reader reads.
TINY_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R
  /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >> endobj
4 0 obj << /Length 120 >> stream
BT /F2 16 Tf 72 760 Td (Analysis) Tj ET
BT /F1 11 Tf 72 730 Td (Mum to engage with services - ongoing.) Tj ET
BT /F1 11 Tf 72 715 Td (- Poppy is often hungry.) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
6 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def docx_parts(data: bytes) -> tuple[bytes, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml"), zf.read("word/styles.xml")


_TEMPLATE: list[tuple[str, bytes]] = []


def _template_parts() -> list[tuple[str, bytes]]:
    """The template's parts, read once (the fuzzer wraps thousands of inputs a second)."""
    if not _TEMPLATE:
        with zipfile.ZipFile(TEMPLATE_DOCX) as src:
            _TEMPLATE.extend((info.filename, src.read(info.filename)) for info in src.infolist())
    return _TEMPLATE


def wrap_docx(document_xml: bytes, styles_xml: bytes | None = None) -> bytes:
    """A whole Word package around a fuzzed body (and styles): the template's other parts kept.

    Stored, not compressed: the zip is not what is being fuzzed, and storing is many times faster.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name, data in _template_parts():
            if name == "word/document.xml":
                data = document_xml
            elif name == "word/styles.xml" and styles_xml is not None:
                data = styles_xml
            dst.writestr(name, data)
    return out.getvalue()


def _cut(document_xml: bytes, keep: int) -> bytes:
    """document.xml with only the first `keep` blocks of the body: small seeds fuzz many times faster."""
    from lxml import etree

    root = etree.fromstring(document_xml)
    body = root[0] if len(root) else root
    children = list(body)
    for el in children[keep:-1]:  # the last child is the section properties: kept
        body.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cut_styles(styles_xml: bytes, keep: int = 25) -> bytes:
    """styles.xml with its defaults and only the first `keep` styles (the headings among them)."""
    from lxml import etree

    root = etree.fromstring(styles_xml)
    styles = [el for el in root if etree.QName(el).localname == "style"]
    for el in styles[keep:]:
        root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _featured_docx() -> bytes:
    """A small draft with what Word drafts hold: a heading, a list, tracked changes, a content
    control, a merged cell, a nested table and a shaded box."""
    from docx import Document as NewDocx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = NewDocx()
    doc.add_heading("Analysis", level=2)
    doc.add_paragraph("Mum to engage with services - ongoing.", style="List Bullet")
    p = doc.add_paragraph("Poppy said ")
    for tag, text in (("w:ins", "Mummy shouts"), ("w:del", "Daddy shouts")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "Reviewer")
        r, t = OxmlElement("w:r"), OxmlElement("w:delText" if tag == "w:del" else "w:t")
        t.text = text
        r.append(t)
        change.append(r)
        p._p.append(change)
    sdt, content, sp = OxmlElement("w:sdt"), OxmlElement("w:sdtContent"), OxmlElement("w:p")
    r, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = "Strengths"
    r.append(t)
    sp.append(r)
    content.append(sp)
    sdt.append(content)
    doc.element.body.insert(len(doc.element.body) - 1, sdt)
    table = doc.add_table(rows=3, cols=3)
    for i, word in enumerate(("Action", "Who", "When", "Referral to CAMHS", "", "ASAP")):
        table.cell(i // 3, i % 3).text = word
    table.cell(2, 0).merge(table.cell(2, 1))
    table.cell(2, 2).add_table(rows=1, cols=2).cell(0, 0).text = "nested"
    box = doc.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Risks"
    shd = OxmlElement("w:shd")
    shd.set(qn("w:fill"), "D9D9D9")
    box.cell(0, 0)._tc.get_or_add_tcPr().append(shd)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_seeds() -> list[bytes]:
    """document.xml, a NUL, then styles.xml: the form fuzz_docx.py reads back. Cut small."""
    out = []
    for data in [_featured_docx(), *(p.read_bytes() for p in sorted(DRAFTS.glob("*.docx")))]:
        body, styles = docx_parts(data)
        out.append(_cut(body, 12) + b"\x00" + _cut_styles(styles))
        out.append(_cut(body, 25))
    return out


def markdown_seeds() -> list[bytes]:
    out = []
    for path in sorted(DRAFTS.glob("*.md")):
        text = path.read_bytes()
        out += [text, text[:1500]]
    return out


def text_seeds() -> list[bytes]:
    return markdown_seeds() + [b"ANALYSIS\n\nMum to engage - ongoing.\n\n\xe2\x80\xa2 Poppy is hungry.\n"]


def pdf_seeds() -> list[bytes]:
    """The tiny hand-made PDF, and two fixture drafts printed to PDF by WeasyPrint (if installed)."""
    out = [TINY_PDF]
    try:
        import weasyprint
        from markdown_it import MarkdownIt
    except ImportError:
        return out
    for name in ("chairs-letter.md", "gp-agency-report.md"):
        html = MarkdownIt("commonmark").enable("table").render((DRAFTS / name).read_text(encoding="utf-8")[:3000])
        out.append(weasyprint.HTML(string=f"<html><body>{html}</body></html>").write_pdf())
    return out


def case_seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted(CASES.glob("*.yaml"))]
