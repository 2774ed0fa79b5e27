"""PDF drafts: headings, paragraphs, bullets and tables from the text layer; running headers,
footers and page numbers left out; page numbers on findings; plain errors for scans and damage."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DRAFTS

from cpdocs.cli import cli
from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.lint.engine import lint_document
from cpdocs.readers import read_document

CSS = """
@page { size: A4; margin: 2.5cm 2cm;
  @top-center { content: "OFFICIAL-SENSITIVE"; font: bold 10pt sans-serif; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; }
  @bottom-right { content: "Little Acorns Day Nursery"; font: 9pt sans-serif; } }
body { font: 11pt/1.4 sans-serif; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14pt; }
p { margin: 0 0 9pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid black; padding: 3pt; text-align: left; }
"""

FILLER = ("Poppy came to nursery on most days this term and played with the other children at the sand tray. "
          "Her key person saw that she ate all of her lunch and slept for an hour after it. ")

BODY = f"""
<h1>Little Acorns Day Nursery – Report for the Initial Child Protection Conference</h1>
<table><tr><td>Child</td><td>Poppy Hargreaves</td></tr><tr><td>Mother</td><td>Jade Hargreaves</td></tr>
<tr><td>Father</td><td>Liam Dobson</td></tr></table>
<h2>What Poppy says and how she seems</h2>
<p>{FILLER * 3}</p>
<p>Poppy said "Mummy shouts at night". Staff have recorded this in her file.</p>
<h2>Father</h2>
<p>Mr Dobson collects Poppy on Fridays. {FILLER * 4}</p>
<h2>Risks</h2>
<ul><li>Poppy is often hungry when she arrives on Monday mornings and asks for toast straight away.</li>
<li>Poppy has had three bruises on her arms since January 2025.</li></ul>
<h2>Analysis</h2>
<p>{FILLER * 6}</p>
<h2>Plan</h2>
<table><tr><th>Action</th><th>Who</th><th>When</th></tr>
<tr><td>Referral for a funded place</td><td></td><td>by 14 March 2025</td></tr>
<tr><td>Amy Cartwright to keep a daily log of Poppy's arrival</td><td>Amy Cartwright</td><td>TBC</td></tr></table>
<h2>Recommendation</h2>
<p>The nursery recommends a child protection plan. {FILLER * 2}</p>
"""


def make_pdf(body: str = BODY, css: str = CSS) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=f"<html><head><style>{css}</style></head><body>{body}</body></html>").write_pdf()


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf()


def test_structure_is_recovered(pdf_bytes: bytes):
    doc = read_document("draft.pdf", pdf_bytes)
    assert doc.title.startswith("Little Acorns Day Nursery")
    headings = [h.text for h in doc.headings if h.kind == "heading"]
    assert headings == ["What Poppy says and how she seems", "Father", "Risks", "Analysis", "Plan", "Recommendation"]
    assert [b.text[:22] for b in doc.blocks if b.kind == "list_item"] == ["Poppy is often hungry ",
                                                                           "Poppy has had three br"]
    assert len(doc.tables) == 2 and doc.tables[0].is_details
    plan = doc.tables[1]
    assert plan.header == ["Action", "Who", "When"]
    assert [c.text for c in plan.rows[0]] == ["Referral for a funded place", "", "by 14 March 2025"]
    # a paragraph that runs over a page break is one paragraph
    analysis = [b for b in doc.blocks if b.section == "Analysis" and b.kind == "paragraph"]
    assert len(analysis) == 1 and analysis[0].text.endswith("slept for an hour after it.")


def test_running_headers_footers_and_page_numbers_are_left_out(pdf_bytes: bytes):
    doc = read_document("draft.pdf", pdf_bytes)
    texts = [b.text for b in doc.blocks]
    assert not any("OFFICIAL" in t for t in texts)
    assert not any(t.startswith("Page ") for t in texts)
    assert not any(t == "Little Acorns Day Nursery" for t in texts)
    assert max(b.page for b in doc.blocks) >= 2


def test_findings_report_page_numbers(pdf_bytes: bytes):
    doc = read_document("draft.pdf", pdf_bytes)
    result = lint_document(doc, Config())
    owner = [f for f in result.findings if f.category == "action-owner"]
    assert [f.text for f in owner] == ["Referral for a funded place"]
    assert owner[0].location.page is not None and owner[0].location.page >= 2
    assert all(f.location.page for f in result.findings if f.location.end > f.location.start)
    r = CliRunner().invoke(cli, ["lint", "-", "--format", "json"], input=pdf_bytes)
    assert '"page"' in r.output


def test_pdf_findings_match_the_word_draft(tmp_path: Path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = sorted(DRAFTS.glob("*.docx"))[:3]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    for src in sources:
        docx = lint_document(read_document(str(src)), Config())
        pdf = lint_document(read_document(str(tmp_path / (src.stem + ".pdf"))), Config())
        assert sorted((f.rule, f.text) for f in pdf.findings) == sorted((f.rule, f.text) for f in docx.findings), src


def test_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(img).rectangle((100, 100, 700, 140), fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PDF")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="has no text layer"):
        read_document(str(scan))
    r = CliRunner().invoke(cli, ["lint", str(scan)])
    assert r.exit_code == 2
    assert "scan.pdf: has no text layer (it is a scanned image)" in r.output
    assert "Traceback" not in r.output


def test_damaged_pdf_is_one_plain_line(tmp_path: Path, pdf_bytes: bytes):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    r = CliRunner().invoke(cli, ["lint", str(bad)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "bad.pdf:" in r.output
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf_bytes[: len(pdf_bytes) // 3])
    r = CliRunner().invoke(cli, ["lint", str(cut)])
    assert r.exit_code in (0, 1, 2) and "Traceback" not in r.output


def test_password_protected_pdf(tmp_path: Path, pdf_bytes: bytes):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="password-protected"):
        read_document(str(locked))


def test_pdf_input_file_is_not_changed(tmp_path: Path, pdf_bytes: bytes):
    p = tmp_path / "draft.pdf"
    p.write_bytes(pdf_bytes)
    CliRunner().invoke(cli, ["lint", str(p), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert p.read_bytes() == pdf_bytes


def test_nested_bullets_and_bullets_in_a_cell_keep_their_shape():
    body = """
<h1>Housing report to conference</h1>
<table><tr><td>Visits</td><td>I have visited five times:<ul><li>3 March 2025</li><li>10 March 2025</li></ul></td></tr>
<tr><td>Tenant</td><td>Ms Cole</td></tr></table>
<h2>Plan</h2>
<ol><li>Mia will feel safe at home.<ul><li>Ben Hughes will visit every week from 20 June 2025.</li>
<li>Gemma Lowe will see Ms Cole every Wednesday.</li></ul></li></ol>
"""
    doc = read_document("draft.pdf", make_pdf(body))
    items = [(b.text, b.list_level) for b in doc.blocks if b.kind == "list_item"]
    assert ("Mia will feel safe at home.", 0) in items
    assert ("Ben Hughes will visit every week from 20 June 2025.", 1) in items
    cell = [c for t in doc.tables for r in t.rows for c in r] + [b for b in doc.blocks if b.table is not None]
    assert not any("\u2022" in c.text or "\uf0b7" in c.text for c in cell)
    assert any(b.text == "10 March 2025" for b in doc.blocks)
