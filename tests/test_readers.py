"""Readers: every heading style practitioners use, tables, lists, and what is not the report."""

from __future__ import annotations

import io
import re
import zipfile

from helpers import shade

from cpdocs.readers import read_document


def _headings(doc):
    return [b.text for b in doc.blocks if b.kind == "heading"]


def test_docx_heading_styles_bold_lines_shaded_boxes_and_numbers(make_docx):
    def build(d):
        d.add_heading("Report for the Initial Child Protection Conference", level=1)
        d.add_heading("Risks", level=2)
        d.add_paragraph("Poppy has had three bruises since January.")
        p = d.add_paragraph()
        p.add_run("Strengths").bold = True
        d.add_paragraph("Poppy loves the sand tray.")
        t = d.add_table(rows=1, cols=1)
        t.cell(0, 0).text = "Impact on Poppy"
        shade(t.cell(0, 0))
        d.add_paragraph("Poppy is hungry most mornings.")
        d.add_paragraph("3. Analysis")
        d.add_paragraph("The bruises and the hunger together are worrying.")
        d.add_paragraph("Section 5 \u2013 Recommendation")
        d.add_paragraph("Nursery recommends a child protection plan.")
        d.add_paragraph("WHAT POPPY SAYS")
        d.add_paragraph("Poppy said \u201cMummy cross\u201d.")
        p = d.add_paragraph("A bold sentence is not a heading because it ends like a sentence.")
        p.runs[0].bold = True

    doc = read_document(str(make_docx(build)))
    assert doc.title == "Report for the Initial Child Protection Conference"
    assert _headings(doc) == ["Risks", "Strengths", "Impact on Poppy", "3. Analysis",
                              "Section 5 \u2013 Recommendation", "WHAT POPPY SAYS"]
    keys = {b.text: set(b.section_keys) for b in doc.blocks if b.kind == "heading"}
    assert keys["3. Analysis"] == {"analysis"}
    assert keys["Impact on Poppy"] == {"impact"}
    assert keys["WHAT POPPY SAYS"] == {"child-voice"}
    sentence = next(b for b in doc.blocks if b.text.startswith("A bold sentence"))
    assert sentence.kind == "paragraph"


def test_docx_tables_lists_and_sections(make_docx):
    def build(d):
        d.add_paragraph("Core Group Minutes").runs[0].bold = True
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "Child", "Skye Bennett (11)"
        t.cell(1, 0).text, t.cell(1, 1).text = "Father", "Wayne Bennett"
        d.add_heading("Actions", level=2)
        a = d.add_table(rows=2, cols=3)
        for i, h in enumerate(["Action", "Who", "By when"]):
            a.cell(0, i).text = h
        a.cell(1, 0).text = "Check attendance"
        d.add_paragraph("Priya Mistry to visit Skye every 10 working days", style="List Bullet")
        d.add_paragraph("\u2022 Helen Marsh to ring Ms Bennett each Friday")

    doc = read_document(str(make_docx(build)))
    assert doc.title == "Core Group Minutes"
    assert doc.tables[0].is_details and doc.details()["father"] == "Wayne Bennett"
    actions = doc.tables[1]
    assert actions.header == ["Action", "Who", "By when"] and actions.section == "Actions"
    assert [c.text for c in actions.rows[0]] == ["Check attendance", "", ""]
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["Priya Mistry to visit Skye every 10 working days", "Helen Marsh to ring Ms Bennett each Friday"]
    assert all("plan" in b.section_keys for b in doc.blocks if b.kind == "list_item")


def test_docx_headers_footers_and_markings_are_not_the_report(make_docx):
    def build(d):
        d.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE header words ASAP"
        d.sections[0].footer.paragraphs[0].text = "Footer with MASH in it"
        d.add_paragraph("OFFICIAL-SENSITIVE")
        d.add_heading("Report", level=1)
        d.add_paragraph("Body text.")

    doc = read_document(str(make_docx(build)))
    text = doc.body_text
    assert "header words" not in text and "Footer" not in text and "OFFICIAL" not in text
    assert "Body text." in text


def test_tracked_changes_keep_insertions_and_drop_deletions(make_docx):
    from docx.oxml import parse_xml

    def build(d):
        d.add_heading("Report", level=1)
        p = d.add_paragraph("Kept ")
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        p._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="A"><w:r><w:t>inserted</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="A"><w:r><w:delText>deleted</w:delText></w:r></w:del>'))

    doc = read_document(str(make_docx(build)))
    para = next(b for b in doc.blocks if b.text.startswith("Kept"))
    assert para.text == "Kept inserted"


def test_markdown_headings_bold_lines_tables_lists_and_lines():
    md = (
        "OFFICIAL-SENSITIVE\n\n# Social Work Report to Initial Child Protection Conference\n\n"
        "| Child | Tyler Carter (8) |\n|---|---|\n| Father | Dean Carter |\n\n"
        "**Risks**\n\nTyler has seen his father hit his mother.\nThis happened twice.\n\n"
        "## Plan\n\n- Josh Pengelly to visit weekly\n1. Dean Carter to start the course on 2 April\n\n"
        "<!-- cpdocs-disable CPD101 -->\nThis is ongoing.\n"
    )
    doc = read_document("draft.md", md.encode())
    assert doc.title.startswith("Social Work Report")
    assert _headings(doc) == ["Risks", "Plan"]
    para = next(b for b in doc.blocks if b.text.startswith("Tyler has seen"))
    assert para.line == 11 and para.line_at(para.text.index("This happened")) == 12
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Josh Pengelly to visit weekly", "Dean Carter to start the course on 2 April"]
    last = doc.blocks[-1]
    assert last.text == "This is ongoing." and "CPD101" in last.disabled


def test_numbered_headings_in_markdown_are_headings_but_numbered_actions_stay_a_list():
    md = ("# Agency report\n\n1. Background\n\nPoppy started nursery in 2024.\n\n2. Plan\n\n"
          "1. Amy Cartwright to keep a log\n2. Sarah Blakeley to ring the clinic by 2 June\n")
    doc = read_document("d.md", md.encode())
    assert _headings(doc) == ["1. Background", "2. Plan"]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Amy Cartwright to keep a log", "Sarah Blakeley to ring the clinic by 2 June"]


def test_plain_text_paragraphs_bullets_and_tab_tables():
    txt = ("Core Group Minutes\n\nVisits\nPriya saw Skye on 2 May 2025.\n\n"
           "Actions:\n- Priya Mistry to visit every 10 working days\n"
           "Action\tWho\tWhen\nCheck lateness\tHelen\tWeekly\n")
    doc = read_document("notes.txt", txt.encode())
    assert "Actions" in _headings(doc)
    assert doc.tables and doc.tables[0].header == ["Action", "Who", "When"]
    assert any(b.kind == "list_item" for b in doc.blocks)


def test_plain_text_short_lines_before_running_text_are_headings_but_name_lists_are_not():
    txt = ("Report to the Initial Child Protection Conference\n\nRisks\n"
           "Poppy has had three bruises since January and nobody has explained them.\n\n"
           "Present\nPriya Mistry\nLeanne Bennett\nHelen Marsh\n")
    doc = read_document("r.txt", txt.encode())
    assert doc.title == "Report to the Initial Child Protection Conference"
    assert _headings(doc) == ["Risks"]
    assert {"Priya Mistry", "Leanne Bennett"} <= {b.text for b in doc.blocks if b.kind == "paragraph"}


EMAIL = """From: Joanne Pilkington
Sent: 10 March 2025 09:14
To: Child Protection Conference Team
Subject: Report for the conference

Dear Chair,

I am the housing officer for Ms Reilly and her son Tyler. I have managed
their tenancy at 4 Fen Road since 2021. This email is my report for the
conference. I visited the house on 3 March 2025 with Ms Reilly present
and saw the mould in Tyler's bedroom for myself.

WHAT I RECOMMEND
1) I will arrange for our repairs team to treat the mould and repair the
   outside wall of the back bedroom. The survey is booked for 14 March
   and the work for 24 March 2025.
2) I will apply for a payment for Ms Reilly by 21
   March 2025.
3) I will visit every four weeks.

Kind regards,
Joanne Pilkington
"""


def test_an_email_wrapped_at_72_characters_keeps_its_paragraphs_and_list_items_whole():
    doc = read_document("email.txt", EMAIL.encode())
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert any(t.startswith("I am the housing officer") and t.endswith("for myself.") for t in paras)
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["I will arrange for our repairs team to treat the mould and repair the outside wall of the back "
                     "bedroom. The survey is booked for 14 March and the work for 24 March 2025.",
                     "I will apply for a payment for Ms Reilly by 21 March 2025.", "I will visit every four weeks."]
    assert "WHAT I RECOMMEND" in _headings(doc)
    after_table = "- Sam Reid to visit weekly\nAction\tWho\tWhen\nCheck lateness\tHelen\tWeekly\n  and tell Sam.\n"
    doc = read_document("t.txt", after_table.encode())
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["Sam Reid to visit weekly"]  # not past the table
    one_line_paragraphs = "Visits\nPriya saw Skye on 2 May 2025.\nShe was well.\nThe flat was warm.\n"
    doc = read_document("notes.txt", one_line_paragraphs.encode())
    assert [b.text for b in doc.blocks if b.kind == "paragraph"][-2:] == ["She was well.", "The flat was warm."]


def test_docx_underlined_or_larger_lines_are_headings_too(make_docx):
    from docx.shared import Pt

    def build(d):
        d.add_heading("Agency report", level=1)
        p = d.add_paragraph()
        p.add_run("Strengths").underline = True
        d.add_paragraph("Poppy loves the sand tray.")
        p = d.add_paragraph()
        p.add_run("Impact on Poppy").font.size = Pt(16)
        d.add_paragraph("Poppy is hungry most mornings.")
        p = d.add_paragraph()
        p.add_run("A normal line").font.size = Pt(11)
        d.add_paragraph("More text here.")

    doc = read_document(str(make_docx(build)))
    assert _headings(doc) == ["Strengths", "Impact on Poppy"]


def test_docx_a_bold_label_with_a_full_stop_is_a_heading_when_it_names_a_section(make_docx):
    def build(d):
        d.add_heading("Agency report", level=1)
        d.add_paragraph().add_run("What worries me.").bold = True
        d.add_paragraph("Kaiden covers his ears when voices are raised.")
        d.add_paragraph().add_run("Mum was not at home.").bold = True
        d.add_paragraph("We rang her twice.")

    doc = read_document(str(make_docx(build)))
    assert _headings(doc) == ["What worries me."]


def _repack(data: bytes, change) -> bytes:
    """The same Word package with its parts changed by `change(name, bytes) -> bytes | None` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = change(info.filename, src.read(info.filename))
            if blob is not None:
                dst.writestr(info.filename, blob)
    return out.getvalue()


def test_a_package_laid_out_another_way_reads_the_same(make_docx):
    def build(d):
        d.add_heading("Agency report", level=1)
        d.add_heading("Plan", level=2)
        d.add_paragraph("Amy Cartwright to keep a log", style="List Bullet")

    data = make_docx(build).read_bytes()
    expected = [(b.kind, b.text) for b in read_document("a.docx", data).blocks]
    absolute = _repack(data, lambda n, b: b.replace(b'Target="styles.xml"', b'Target="/word/styles.xml"')
                       if n == "word/_rels/document.xml.rels" else b)
    no_styles = _repack(data, lambda n, b: None if n == "word/styles.xml" else
                        re.sub(rb'<Relationship [^>]*Target="styles.xml"/>', b"", b) if n.endswith("document.xml.rels")
                        else b)  # no styles part at all: python-docx's own defaults stand in
    assert [(b.kind, b.text) for b in read_document("b.docx", absolute).blocks] == expected
    assert [b.text for b in read_document("c.docx", no_styles).blocks if b.kind == "list_item"] == \
        ["Amy Cartwright to keep a log"]
