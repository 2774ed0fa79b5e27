"""Every document for every fixture case, in Word and PDF: the children's names are in each, the
Word files open in LibreOffice, and the PDFs are tagged, titled and in UK English."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from helpers import CASES, case_documents

from cpdocs.generate.case import load_case
from cpdocs.generate.render import DOCUMENTS, render_document, to_bytes, write_outputs

ROOT = Path(__file__).resolve().parent.parent


PAIRS = case_documents()


def docx_text(path: Path) -> str:
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def squash(text: str) -> str:
    return " ".join(text.split())


def names(case) -> list[str]:
    return [c.name for c in case.children]


def test_every_case_has_each_kind_of_document():
    docs = {d for _, d in PAIRS}
    assert docs == set(DOCUMENTS)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    return tmp_path_factory.mktemp("generated")


@pytest.mark.parametrize("case_path, doc", PAIRS, ids=[f"{p.stem}-{d}" for p, d in PAIRS])
def test_renders_to_docx_and_pdf_with_the_childrens_names(case_path, doc, tmp_path):
    case = load_case(case_path)
    rendered = render_document(doc, case, None, case_path)
    written = write_outputs(rendered, ["docx", "pdf"], tmp_path)
    assert len(written) == 2 * len(rendered)
    for path in written:
        assert path.stat().st_size > 1000
        text = docx_text(path) if path.suffix == ".docx" else squash(
            "\n".join(page.extract_text() or "" for page in pdfplumber.open(path).pages))
        for name in names(case):
            assert name in text, (path.name, name)
        assert "OFFICIAL-SENSITIVE" in text, path.name
    assert not list(tmp_path.glob(".cpdocs-*")), "a temporary file was left behind"


def test_file_names_are_predictable(tmp_path):
    case_path = ROOT / "fixtures" / "cases" / "initial-okafor.yaml"
    case = load_case(case_path)
    stems = [r.stem for r in render_document("chairs-letter", case)]
    assert "2025-04-22_chairs-letter_okafor_grace-okafor" in stems
    assert "2025-04-22_chairs-letter_okafor_daniel-mensah" in stems
    assert [r.stem for r in render_document("icpc-report", case)] == ["2025-04-22_icpc-report_okafor"]
    assert [r.stem for r in render_document("core-group-minutes", case)] == ["2025-05-06_core-group-minutes_okafor"]


def test_one_letter_for_each_parent_carer_child_and_professional():
    case = load_case(ROOT / "fixtures" / "cases" / "review-bennett.yaml")
    rendered = render_document("chairs-letter", case)
    to = {r.stem.rsplit("_", 1)[1] for r in rendered}
    # Ms Bennett, Mr Bennett at his own address, Skye (the case asks for her letter), the professionals.
    assert {"lisa-bennett", "mark-bennett", "skye-bennett", "helen-clarke", "owen-price", "aisha-rahman",
            "dr-peter-lowe"} == to
    mark = next(r for r in rendered if r.stem.endswith("mark-bennett"))
    assert "52 Canal Street" in mark.body and "14 Orchard Row" not in mark.body
    skye = next(r for r in rendered if r.stem.endswith("skye-bennett"))
    assert "Dear Skye," in skye.body and "you need to stay on a child protection plan" in skye.body


def test_the_letter_says_what_the_standard_asks():
    """SSP Multi-Agency Standards, Conference documents 1."""
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    body = squash(render_document("chairs-letter", case)[0].body)
    assert "decided that Amara needs a child protection plan" in body
    assert "category of neglect" in body
    assert "Priya Shah (social worker)" in body and "by Tuesday 29 April 2025" in body  # who and by when
    assert "Tuesday 6 May 2025 at 2pm" in body  # the first core group, agreed
    assert "on or before Tuesday 22 July 2025" in body  # the review: three months, from dates.py
    assert "Grace Okafor (mother), Daniel Mensah (father)" in body  # who is expected
    assert "01632 960 123" in body  # the social worker's phone
    assert "Wednesday 7 May 2025" in body  # challenge within 10 working days
    for word in ("ICPC", "RCPC", "ongoing", "ASAP", "TBC", "monitor", "as appropriate", "regularly"):
        assert word not in body, word


def test_a_letter_recommends_a_child_in_need_plan():
    case = load_case(ROOT / "fixtures" / "cases" / "pre-birth-harper.yaml")
    body = squash(render_document("chairs-letter", case)[0].body)
    assert "Mia does not need a child protection plan" in body
    assert "called a child in need plan" in body
    assert "Baby Harper needs a child protection plan" in body
    assert "or within 1 month of the birth, if that is sooner" in body


def test_minutes_carry_the_standard_parts():
    case = load_case(ROOT / "fixtures" / "cases" / "review-bennett.yaml")
    (r,) = render_document("core-group-minutes", case)
    body = squash(r.body)
    assert "Dr Peter Lowe" in body  # the GP always receives the minutes
    assert "Apologies:" in body and "Aisha Rahman" in body
    assert "When they shout I put my headphones on" in body  # the child's own words
    assert "Wednesday 3 December 2025" in body  # the minutes' deadline: 10 working days after 19 November
    assert "Mr Bennett asked for Skye to live with him" in body  # disagreements


def test_minutes_next_meetings_follow_the_standard_when_not_agreed():
    case = load_case(ROOT / "fixtures" / "cases" / "pre-birth-harper.yaml")
    (r,) = render_document("core-group-minutes", case)
    # First core group 10 working days after Wed 11 Jun 2025: Wed 25 Jun 2025.
    assert r.stem.startswith("2025-06-25_")


def test_reports_print_their_deadlines_and_headings():
    from cpdocs.standards import report_types, sections

    case = load_case(ROOT / "fixtures" / "cases" / "review-bennett.yaml")
    (r,) = render_document("rcpc-report", case)
    body = squash(r.body)
    # Review Wed 3 Dec 2025: 5 working days before is Wed 26 Nov 2025.
    assert "Send this report to the conference team by Wednesday 26 November 2025" in body
    titles = [sections()[k].title for k in report_types()["rcpc-report"].order]
    positions = [body.index(f"<h2>{t.replace(chr(39), '&#39;')}</h2>") for t in titles]
    assert positions == sorted(positions)


def test_a_report_that_does_not_fit_the_conference_is_refused():
    from cpdocs.errors import InputError

    case = load_case(ROOT / "fixtures" / "cases" / "review-bennett.yaml")
    with pytest.raises(InputError, match="icpc-report is for an initial or pre-birth conference"):
        render_document("icpc-report", case)


def test_pdf_is_tagged_titled_and_in_uk_english():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    r = render_document("chairs-letter", case)[0]
    data = to_bytes(r, "pdf")
    with pdfplumber.open(__import__("io").BytesIO(data)) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog and "MarkInfo" in catalog  # tagged
        lang = catalog.get("Lang")
        assert (lang.decode() if isinstance(lang, bytes) else str(lang)) == "en-GB"
        assert pdf.metadata.get("Title", "").startswith("Chair's letter to Grace Okafor")
        text = squash(" ".join(p.extract_text() or "" for p in pdf.pages))
    assert re.search(r"Page 1 of \d", text)


def test_docx_has_marking_page_numbers_and_title():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    r = render_document("chairs-letter", case)[0]
    import io
    import zipfile

    data = to_bytes(r, "docx")
    d = Document(io.BytesIO(data))
    assert d.core_properties.title.startswith("Chair's letter to Grace Okafor")
    assert d.core_properties.language == "en-GB"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "NUMPAGES" in footer and "OFFICIAL-SENSITIVE" in footer
    assert [p.style.name for p in d.paragraphs if p.text.startswith("The conference decision")] == ["Heading 2"]


def test_the_committed_word_template_is_what_the_script_builds(tmp_path):
    from cpdocs.templates.build_docx_templates import build

    built = build(tmp_path / "document.docx").read_bytes()
    assert built == (ROOT / "cpdocs" / "templates" / "document.docx").read_bytes(), (
        "run: python cpdocs/templates/build_docx_templates.py, and commit document.docx")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_libreoffice_opens_every_word_file(case_path, tmp_path):
    case = load_case(case_path)
    docs = [d for p, d in PAIRS if p == case_path]
    written = []
    for doc in docs:
        written += write_outputs(render_document(doc, case, None, case_path), ["docx"], tmp_path / "docx")
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "txt"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
                    "--outdir", str(out), *map(str, written)], check=True, timeout=240,
                   capture_output=True, env={**os.environ, "HOME": str(tmp_path)})
    for path in written:
        txt = out / (path.stem + ".txt")
        assert txt.exists(), f"LibreOffice could not open {path.name}"
        text = txt.read_text(encoding="utf-8", errors="replace")
        for name in names(case):
            assert name in text, (path.name, name)
