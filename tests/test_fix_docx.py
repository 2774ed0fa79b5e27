"""`cpdocs fix` on Word drafts: tracked changes that hold up in real Word files.

Each test builds or takes a draft, makes the suggested copy, and checks it with helpers that share
nothing with cpdocs' own writer (tracked_support): accepting every change leaves none of the fixed
findings and no new ones; rejecting every change gives back the draft's text paragraph by paragraph;
existing tracked changes, comments, tables, headers, footers and numbering are kept; words inside a
hyperlink, a field, a smart tag or someone else's tracked change are left to the author.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fix_support import assert_holds, blocks, findings_of
from helpers import DRAFTS, ROOT, docx_bytes
from lxml import etree
from tracked_support import W, accept, libreoffice_changes, libreoffice_paragraphs, reject, revisions, run_formats

from cpdocs.config import Config
from cpdocs.lint.fixer import GLOSSARY_HEADING, fix_draft, unified_diff

FORMS = sorted((ROOT / "fixtures" / "eval3" / "docs").glob("*.docx")) + \
    sorted((ROOT / "fixtures" / "eval4" / "docs").glob("*.docx"))
ALL_DRAFTS = sorted(DRAFTS.glob("*.docx")) + FORMS


# -- a draft built to be hard ------------------------------------------------------------------------

def _run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(inner: str) -> object:
    return parse_xml(f"<w:p {nsdecls('w', 'r')}>{inner}</w:p>")


def build_hard(doc) -> None:
    """Runs split mid-word and across bold, a hyperlink, a field, a smart tag, someone else's tracked
    insertion and deletion and comment, a table, numbering, a header and a footer."""
    doc.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    doc.sections[0].footer.paragraphs[0].text = "Little Acorns Nursery"
    doc.add_heading("Little Acorns Nursery \u2013 Report for Conference", 1)
    doc.add_heading("Reason for the report", 2)
    body = doc.element.body
    sect = body[-1]
    paras = [
        # CAMHS split across a bold run and a plain one
        _run("Poppy was referred to ") + _run("CA", bold=True) + _run("MHS in May 2025 and seen at home on 3 May."),
        # inside a hyperlink: left as a comment
        _run("The referral went to the ") + '<w:hyperlink r:id="rIdX"><w:r><w:t>MASH</w:t></w:r></w:hyperlink>'
        + _run(" on 2 May 2025."),
        # a complex field's result
        _run("The ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>IDVA</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + _run(" saw Ms Hargreaves on 4 May."),
        # a smart tag
        _run("Staff rang the ") + '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>LADO</w:t></w:r>'
        '</w:smartTag>' + _run(" on 5 May 2025."),
        # someone else's pending insertion holding an acronym, and a pending deletion beside a term
        _run("The ") + '<w:ins w:id="7" w:author="Gareth Lewis" w:date="2025-05-01T10:00:00Z"><w:r><w:t>DSL</w:t>'
        '</w:r></w:ins>' + _run(" spoke to Mum on 6 May. Mum asked for ")
        + '<w:del w:id="8" w:author="Gareth Lewis" w:date="2025-05-01T10:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">more </w:delText>'
        '</w:r></w:del>' + _run("respite in June."),
        # an acronym split by a pending deletion: the words cross it
        _run("Ms Hargreaves saw the E") + '<w:del w:id="9" w:author="Gareth Lewis" w:date="2025-05-01T10:00:00Z">'
        '<w:r><w:delText>X</w:delText></w:r></w:del>' + _run("WO on 7 May 2025."),
        # someone else's comment
        '<w:commentRangeStart w:id="0"/>' + _run("Poppy has supervised contact with her father on Saturdays.")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
    ]
    for inner in paras:
        sect.addprevious(_para(inner))
    doc.add_paragraph("Mum to engage with services ongoing", style="List Number")
    doc.add_paragraph("Nursery to monitor attendance", style="List Number")
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "Agency", "Worker"
    table.cell(1, 0).text, table.cell(1, 1).text = "Health visiting", "HV Amy Cartwright"


def with_other_comment(data: bytes) -> bytes:
    """Add comments.xml with Gareth Lewis's comment 0 (python-docx makes the part when asked)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    comments = doc.comments._comments_elm
    comments.append(parse_xml(f'<w:comment {nsdecls("w")} w:id="0" w:author="Gareth Lewis" w:initials="GL">'
                              '<w:p><w:r><w:t>Check this with Dad.</w:t></w:r></w:p></w:comment>'))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def hard() -> tuple[bytes, object]:
    data = with_other_comment(docx_bytes(build_hard))
    return data, fix_draft("hard.docx", data, Config(), glossary=True)


def suggested_words(outcome) -> dict[str, str]:
    return {e.finding.text: e.new for e in outcome.edits}


def test_safe_suggestions_are_tracked_changes_and_the_rest_comments(hard):
    data, outcome = hard
    made = suggested_words(outcome)
    assert made["CAMHS"] == "Child and Adolescent Mental Health Services (CAMHS)"
    assert made["respite"] == "short break care"
    assert made["contact"] == "family time"
    assert made["HV"] == "Health visitor (HV)"  # in a table cell, at its start
    mine = [r for r in revisions(outcome.copy) if r[2] == "cpdocs"]
    assert {k for k, _, _ in mine} == {"ins", "del"}
    xml = zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/comments.xml").decode("utf-8")
    assert xml.count('w:author="cpdocs"') == outcome.comments == len(outcome.result.findings) - len(outcome.edits)


@pytest.mark.parametrize("acronym, why", [
    ("MASH", "a hyperlink"), ("IDVA", "a field"), ("LADO", "a smart tag"), ("DSL", "a tracked change"),
    ("EWO", "a tracked change"),
])
def test_words_in_a_hyperlink_field_smart_tag_or_tracked_change_are_left_to_the_author(hard, acronym, why):
    _, outcome = hard
    f = next(f for f in outcome.result.findings if f.text == acronym)
    assert f.replacement  # the rule offered a rewrite...
    assert acronym not in suggested_words(outcome)  # ...but it was not made
    assert why in outcome.held[id(f)]
    xml = zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/comments.xml").decode("utf-8")
    assert "cpdocs did not make this change for you" in xml


def test_existing_tracked_changes_and_comments_are_kept_and_new_ids_are_fresh(hard):
    data, outcome = hard
    theirs = [r for r in revisions(data)]
    assert [r for r in revisions(outcome.copy) if r[2] != "cpdocs"] == theirs
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/document.xml"))
    ids = [el.get(W + "id") for el in root.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids))
    mine = [int(i) for k, i, a in revisions(outcome.copy) if a == "cpdocs"]
    assert min(mine) > max(int(i) for _, i, _ in theirs)
    comments = zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/comments.xml").decode("utf-8")
    assert "Check this with Dad." in comments and 'w:author="Gareth Lewis"' in comments
    # a suggestion never lands inside text that is already a pending deletion
    for d in root.iter(W + "del"):
        if d.get(W + "author") != "cpdocs":
            assert not [a for a in d.iter(W + "ins", W + "del") if a is not d]


def test_every_run_keeps_its_formatting(hard):
    data, outcome = hard
    # rejecting our changes gives back the same bold and plain characters, paragraph by paragraph (the
    # glossary leaves one empty paragraph at the end, as Word keeps a last paragraph after a table)
    original = run_formats(data)
    rejected = run_formats(reject(outcome.copy))
    assert rejected[:len(original)] == original and set(rejected[len(original):]) <= {""}
    # the new words take the formatting of the run they stand beside: bold before the bold 'CA'
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/document.xml"))
    first_ins = next(i for i in root.iter(W + "ins") if "Child and" in "".join(t.text for t in i.iter(W + "t")))
    assert first_ins.find(f"{W}r/{W}rPr/{W}b") is not None


def test_accept_all_and_reject_all(hard):
    data, outcome = hard
    assert_holds("hard.docx", data, outcome)


def test_tables_headers_footers_styles_and_numbering_are_unchanged(hard):
    data, outcome = hard
    old, new = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(outcome.copy))
    for name in old.namelist():
        if name.startswith(("word/header", "word/footer", "word/styles", "word/numbering", "word/theme")):
            assert etree.tostring(etree.fromstring(old.read(name)), method="c14n") == etree.tostring(
                etree.fromstring(new.read(name)), method="c14n"), name
    before = etree.fromstring(old.read("word/document.xml"))
    after = etree.fromstring(new.read("word/document.xml"))
    rejected = etree.fromstring(zipfile.ZipFile(io.BytesIO(reject(outcome.copy))).read("word/document.xml"))
    num = [etree.tostring(p) for p in before.iter(W + "numPr")]
    assert [etree.tostring(p) for p in after.iter(W + "numPr")] == num
    # the draft's own table keeps its shape; the glossary is the one table added, and goes when rejected
    shape = [[len(r.findall(W + "tc")) for r in t.iter(W + "tr")] for t in before.iter(W + "tbl")]
    assert [[len(r.findall(W + "tc")) for r in t.iter(W + "tr")] for t in after.iter(W + "tbl")][:-1] == shape
    assert [[len(r.findall(W + "tc")) for r in t.iter(W + "tr")] for t in rejected.iter(W + "tbl")] == shape


def test_the_glossary_is_one_tracked_insertion_at_the_end(hard):
    data, outcome = hard
    assert ("CAMHS", "Child and Adolescent Mental Health Services") in outcome.glossary
    accepted = blocks(accept(outcome.copy))
    assert ("heading", GLOSSARY_HEADING) in accepted
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/document.xml"))
    table = list(root.iter(W + "tbl"))[-1]
    rows = table.findall(W + "tr")
    assert len(rows) == len(outcome.glossary) + 1
    assert all(r.find(f"{W}trPr/{W}ins") is not None for r in rows)
    for t in table.iter(W + "t"):
        assert any(a.tag == W + "ins" for a in t.iterancestors()), t.text
    assert GLOSSARY_HEADING not in [text for _, text in blocks(reject(outcome.copy))]


def test_the_author_name_and_the_time_are_on_each_change(make_docx):
    path = make_docx(lambda d: d.add_paragraph("Mum was referred to CAMHS on 3 May 2025."))
    outcome = fix_draft(str(path), path.read_bytes(), Config(), author="Amy Cartwright")
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/document.xml"))
    ins = list(root.iter(W + "ins"))
    assert ins and all(i.get(W + "author") == "Amy Cartwright" and i.get(W + "date", "").endswith("Z") for i in ins)


# -- the checks on the copy ----------------------------------------------------------------------------

def test_a_change_that_would_make_a_sentence_too_long_is_withdrawn(make_docx):
    words = " ".join(["word"] * 30)
    text = f"Poppy was referred to CAMHS and {words} on 3 May."  # 36 words: over 35 once written out
    short = "Poppy was referred to CAMHS in May."
    path = make_docx(lambda d: (d.add_paragraph(text.replace(" and " + words, "")),))
    ok = fix_draft(str(path), path.read_bytes(), Config())
    assert [e.finding.text for e in ok.edits] == ["CAMHS"]
    path2 = make_docx(lambda d: d.add_paragraph(f"Poppy was referred to CAMHS and {' '.join(['word'] * 27)}."),
                      name="long.docx")
    data = path2.read_bytes()
    before = findings_of(data)
    assert not [f for f in before if f.rule == "CPD401"]  # 33 words: not long yet
    outcome = fix_draft(str(path2), data, Config())
    assert outcome.edits == []
    reason = next(iter(outcome.held.values()))
    assert "CPD401" in reason and "new finding" in reason
    assert short  # the short sentence above is the control


def test_a_change_that_would_bring_in_jargon_is_withdrawn(make_docx):
    path = make_docx(lambda d: d.add_paragraph("Ms Reid was referred to the PMHT on 3 May 2025."))
    outcome = fix_draft(str(path), path.read_bytes(), Config())
    f = next(f for f in outcome.result.findings if f.text == "PMHT")
    assert f.replacement == "perinatal mental health team (PMHT)"
    assert outcome.edits == [] and "perinatal" in outcome.held[id(f)]


# -- every fixture draft and form ------------------------------------------------------------------

@pytest.mark.parametrize("path", ALL_DRAFTS, ids=lambda p: p.name)
def test_every_fixture_draft_holds_up(path: Path):
    data = path.read_bytes()
    outcome = fix_draft(str(path), data, Config(), glossary=True)
    assert_holds(path.name, data, outcome)
    assert [r for r in revisions(outcome.copy) if r[2] != "cpdocs"] == revisions(data)
    diff = unified_diff(outcome, str(path))
    for e in outcome.edits:
        assert f"+{outcome.accepted.blocks[e.block].text}\n" in diff
    assert bool(diff) == bool(outcome.edits or outcome.glossary)


# -- LibreOffice ---------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_sees_the_tracked_changes_and_accepts_or_rejects_them(tmp_path, hard):
    """LibreOffice reads each copy without repair and lists cpdocs' changes as tracked changes; its own
    accept-all (and reject-all) of them reads as the test helper's accepted copy (and the draft)."""
    data, outcome = hard
    form = FORMS[2]  # 03_icpc_tracked_changes: someone else's tracked changes and comments too
    cases = {"hard": (data, outcome), "form": (form.read_bytes(), fix_draft(str(form), form.read_bytes(), Config(),
                                                                             glossary=True))}
    names = []
    for name, (original, o) in cases.items():
        for suffix, content in (("copy", o.copy), ("accepted", accept(o.copy)), ("original", original)):
            names.append(tmp_path / f"{name}-{suffix}.docx")
            names[-1].write_bytes(content)
    cmd = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "fodt",
           "--outdir", str(tmp_path), *map(str, names)]
    subprocess.run(cmd, capture_output=True, timeout=300, check=True)

    def fodt(name: str):
        path = tmp_path / f"{name}.fodt"
        assert path.exists(), f"LibreOffice could not open {name}.docx"
        return etree.parse(str(path)).getroot()

    for name, (_, o) in cases.items():
        copy = fodt(f"{name}-copy")
        mine = [kind for kind, author in libreoffice_changes(copy).values() if author == "cpdocs"]
        ours = [kind for kind, _, author in revisions(o.copy) if author == "cpdocs"]
        assert mine and len(mine) >= len([k for k in ours if k == "del"]) and "insertion" in mine
        assert libreoffice_paragraphs(copy, "cpdocs", accept_changes=True) == \
            libreoffice_paragraphs(fodt(f"{name}-accepted"), "cpdocs", accept_changes=True)
        assert libreoffice_paragraphs(copy, "cpdocs", accept_changes=False) == \
            libreoffice_paragraphs(fodt(f"{name}-original"), "cpdocs", accept_changes=False)
        # someone else's changes are still there, still theirs
        if name == "form":
            assert {a for _, a in libreoffice_changes(copy).values()} - {"cpdocs"}


def test_a_comment_on_a_field_result_goes_round_the_whole_field(hard):
    """LibreOffice reads a comment mark inside a field's result as part of the result: so the comment
    goes round the field, from its begin to its end."""
    _, outcome = hard
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.copy)).read("word/document.xml"))
    p = next(p for p in root.iter(W + "p") if any(t.text == "IDVA" for t in p.iter(W + "t")))
    order = [el.tag[len(W):] + (":" + el.get(W + "fldCharType") if el.tag == W + "fldChar" else "")
             for el in p.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "fldChar")]
    assert order == ["commentRangeStart", "fldChar:begin", "fldChar:separate", "fldChar:end", "commentRangeEnd"]
