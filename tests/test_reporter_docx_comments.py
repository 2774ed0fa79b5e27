"""`cpdocs lint --annotate`: findings as Word comments anchored on the exact words, on a copy."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as NewDocx
from helpers import DRAFTS
from lxml import etree

from cpdocs.cli import cli
from cpdocs.config import Config
from cpdocs.lint.engine import lint_document
from cpdocs.lint.reporters.docx_comments import add_comments
from cpdocs.lint.reporters.docx_ranges import Ranges, split_before
from cpdocs.readers import read_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comment_ranges(docx: bytes) -> dict[int, str]:
    """The text each comment covers in word/document.xml, by comment id."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    open_ids: dict[str, list[str]] = {}
    out: dict[int, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            out[int(el.get(W + "id"))] = "".join(open_ids.pop(el.get(W + "id")))
        elif el.tag == W + "t" and not any(a.tag == W + "del" for a in el.iterancestors()):
            for parts in open_ids.values():
                parts.append(el.text or "")
        elif el.tag in (W + "tab", W + "br"):
            for parts in open_ids.values():
                parts.append(" ")
    return out


def comments_xml(docx: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/comments.xml")


def build_draft(doc) -> None:
    """A small flawed agency report: runs split mid-phrase, extra spaces, a typed bullet, a plan table."""
    doc.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    doc.sections[0].footer.paragraphs[0].text = "Little Acorns Nursery"
    doc.add_heading("Little Acorns Nursery – Report for Conference", 1)
    doc.add_heading("Reason for the report", 2)
    p = doc.add_paragraph("The nursery has ")
    p.add_run("worked with the ")
    p.add_run("DS").bold = True
    p.add_run("L and the family since January 2025.")
    doc.add_paragraph("Staff  saw   Poppy crying at drop-off on\t3 March 2025. "
                      "The referral was made by the CAMHS team.")
    doc.add_heading("Plan", 2)
    doc.add_paragraph("• Mum to engage with services ongoing")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([("Action", "Who", "When"), ("Referral to the SALT service", "", "TBC"),
                             ("Amy Cartwright to meet Ms Hargreaves", "Amy Cartwright", "by 14 March 2025")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


@pytest.fixture
def draft(make_docx) -> Path:
    return make_docx(build_draft)


def test_comments_cover_exactly_the_words_of_each_finding(draft: Path):
    data = draft.read_bytes()
    document = read_document(str(draft), data)
    result = lint_document(document, Config())
    copy, added = add_comments(data, document, result)
    assert added == len(result.findings) > 3
    ranges = comment_ranges(copy)
    inline = [(i, f) for i, f in enumerate(result.findings) if f.location.end > f.location.start]
    assert inline
    for i, f in inline:
        assert " ".join(ranges[i].split()) == f.text, f.rule
    # a finding in a table cell is anchored in that cell
    cell_findings = [f for f in result.findings if document.blocks[f.location.block].kind == "cell"
                     and f.location.end > f.location.start]
    assert cell_findings
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    starts = root.findall(f".//{W}tc//{W}commentRangeStart")
    assert starts, "no comment starts inside a table cell"


def test_comment_text_gives_message_suggestion_and_standard(draft: Path):
    data = draft.read_bytes()
    document = read_document(str(draft), data)
    result = lint_document(document, Config())
    copy, _ = add_comments(data, document, result)
    xml = comments_xml(copy).decode("utf-8")
    assert 'w:author="cpdocs"' in xml and 'w:initials="CP"' in xml
    f = next(f for f in result.findings if f.suggestion)
    assert f.suggestion.split("'")[0][:30] in xml
    assert "Standard: " in xml


def test_copy_keeps_text_styles_headers_and_footers(draft: Path):
    data = draft.read_bytes()
    document = read_document(str(draft), data)
    result = lint_document(document, Config())
    copy, _ = add_comments(data, document, result)
    again = read_document("copy.docx", copy)
    assert [(b.kind, b.text) for b in again.blocks] == [(b.kind, b.text) for b in document.blocks]
    old, new = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(copy))
    for name in old.namelist():
        if name.startswith(("word/header", "word/footer", "word/styles", "word/numbering", "word/theme")):
            assert etree.tostring(etree.fromstring(old.read(name)), method="c14n") == etree.tostring(
                etree.fromstring(new.read(name)), method="c14n"), name
    src, out = NewDocx(io.BytesIO(data)), NewDocx(io.BytesIO(copy))
    assert [p.style.name for p in src.paragraphs] == [p.style.name for p in out.paragraphs]
    # runs are split where comments start and end, so compare the formatting of each character
    for a, b in zip(src.paragraphs, out.paragraphs, strict=True):
        bold_a = "".join(("B" if r.bold else "-") * len(r.text) for r in a.runs)
        bold_b = "".join(("B" if r.bold else "-") * len(r.text) for r in b.runs)
        assert bold_a == bold_b


def test_cli_writes_the_copy_beside_the_draft_and_never_touches_the_original(draft: Path):
    before = draft.read_bytes()
    runner = CliRunner()
    r = runner.invoke(cli, ["lint", str(draft), "--annotate", "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    copy = draft.with_name("draft.cpdocs.docx")
    assert copy.exists()
    assert draft.read_bytes() == before
    first = copy.read_bytes()
    # an existing copy is not replaced without --force
    r = runner.invoke(cli, ["lint", str(draft), "--annotate", "--fail-on", "never"])
    assert r.exit_code == 2
    assert "already exists" in r.output and "--force" in r.output
    assert copy.read_bytes() == first
    r = runner.invoke(cli, ["lint", str(draft), "--annotate", "--force", "--fail-on", "never"])
    assert r.exit_code == 0
    assert draft.read_bytes() == before


def test_cli_annotate_to_named_copy_and_refuses_the_draft_itself(draft: Path, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "sub" / "with comments.docx"
    r = runner.invoke(cli, ["lint", str(draft), "--annotate", "-o", str(out), "--format", "json"])
    assert r.exit_code == 1  # the draft has errors
    assert out.exists() and comments_xml(out.read_bytes())
    before = draft.read_bytes()
    r = runner.invoke(cli, ["lint", str(draft), "--annotate", "-o", str(draft), "--force"])
    assert r.exit_code == 2
    assert "never writes over a draft" in r.output
    assert draft.read_bytes() == before


def test_cli_annotate_needs_a_word_draft(tmp_path: Path):
    md = tmp_path / "draft.md"
    md.write_text("# Report\n\nMum to engage with services ongoing.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["lint", str(md), "--annotate"])
    assert r.exit_code == 2
    assert "Word" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "draft.cpdocs.docx").exists()


def test_fixture_drafts_comments_match_findings():
    for path in sorted(DRAFTS.glob("*.docx"))[:4]:
        data = path.read_bytes()
        document = read_document(str(path), data)
        result = lint_document(document, Config())
        copy, added = add_comments(data, document, result)
        assert added == len(result.findings)
        ranges = comment_ranges(copy)
        for i, f in enumerate(result.findings):
            if f.location.end > f.location.start:
                assert " ".join(ranges[i].split()) == f.text, (path.name, f.rule)


def test_reader_origins_point_at_the_words_after_spaces_are_collapsed(make_docx):
    path = make_docx(lambda d: d.add_paragraph("  Two  spaces\tand a tab  "))
    block = read_document(str(path)).blocks[0]
    assert block.text == "Two spaces and a tab"
    assert len(block.origin) == len(block.text)
    doc = NewDocx(str(path))
    ts = list(doc.element.body.iter(W + "t"))
    ordinal, i = block.origin[block.text.index("and")]
    assert ts[ordinal].text[i:i + 3] == "and"


def test_two_ranges_in_one_run_each_cover_their_own_words(make_docx):
    path = make_docx(lambda d: d.add_paragraph("Mum will engage with services ASAP and monitor it."))
    block = read_document(str(path)).blocks[0]
    doc = NewDocx(str(path))
    ranges = Ranges(doc.element.body)
    words = []
    for phrase in ("ASAP", "engage with services", "monitor"):  # out of order, in the same run
        start = block.text.index(phrase)
        first, last = ranges.runs(block, start, start + len(phrase))
        runs = list(doc.paragraphs[0]._p.iter(W + "r"))
        chosen = runs[runs.index(first):runs.index(last) + 1]
        words.append("".join(t.text for r in chosen for t in r.iter(W + "t")))
    assert words == ["ASAP", "engage with services", "monitor"]
    assert doc.paragraphs[0].text == block.text


def test_split_before_keeps_formatting_and_text():
    doc = NewDocx()
    run = doc.add_paragraph().add_run("Hello world")
    run.bold = True
    t = run._r.find(W + "t")
    new = split_before(t, 6)
    texts = ["".join(x.text for x in r.iter(W + "t")) for r in doc.paragraphs[0]._p.iter(W + "r")]
    assert texts == ["Hello ", "world"]
    assert new.find(f"{W}rPr/{W}b") is not None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_with_the_same_text_and_the_comments(draft: Path, tmp_path: Path):
    r = CliRunner().invoke(cli, ["lint", str(draft), "--annotate", "--fail-on", "never"])
    assert r.exit_code == 0
    copy = draft.with_name("draft.cpdocs.docx")
    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text",
           "--outdir", str(out), str(draft), str(copy)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    original_text = (out / "draft.txt").read_text(encoding="utf-8-sig")
    copy_text = (out / "draft.cpdocs.txt").read_text(encoding="utf-8-sig")
    assert original_text.strip() and copy_text == original_text
    subprocess.run(cmd[:4] + ["fodt", "--outdir", str(out), str(copy)], check=True, capture_output=True, timeout=180)
    fodt = (out / "draft.cpdocs.fodt").read_text(encoding="utf-8")
    document = read_document(str(draft))
    assert fodt.count("<office:annotation ") == len(lint_document(document, Config()).findings)
