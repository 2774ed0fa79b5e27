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


def docx_seeds() -> list[bytes]:
    """document.xml, a NUL, then styles.xml: the form fuzz_docx.py reads back."""
    out = []
    for path in sorted(DRAFTS.glob("*.docx")):
        body, styles = docx_parts(path.read_bytes())
        out.append(body + b"\x00" + styles)
        out.append(body)
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
