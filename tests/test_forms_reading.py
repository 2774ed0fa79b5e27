"""Every form a report comes in is read into the same document model: Word numbering, content
controls and checkboxes, guidance left in a form, tracked changes, text boxes, layout tables,
question-and-answer forms, big cells, and Markdown tables with line breaks in their cells."""

from __future__ import annotations

from forms_support import (
    add_notes,
    add_numbering,
    body_xml,
    cell,
    dele,
    ins,
    legacy_checkbox,
    note_ref,
    p,
    para_xml,
    r,
    sdt_checkbox,
    sdt_text,
    table,
)

from cpdocs.readers import read_document


def _kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]


def test_word_numbering_counts_numbers_the_text_does_not_hold(make_docx):
    def build(d):
        add_numbering(d, 51, "decimal")
        add_numbering(d, 52, "bullet")
        d.add_heading("Agency report", level=1)
        body_xml(d, p(r("Background"), num=(51, 0)) + p(r("Poppy started nursery in 2024."))
                 + p(r("Plan"), num=(51, 0)) + p(r("Amy Cartwright to keep a log"), num=(52, 0))
                 + p(r("Sarah Blakeley to ring the clinic by 2 June"), num=(52, 0)))

    doc = read_document(str(make_docx(build)))
    assert [b.text for b in doc.headings] == ["Agency report", "1. Background", "2. Plan"]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["Amy Cartwright to keep a log", "Sarah Blakeley to ring the clinic by 2 June"]
    assert all("plan" in b.section_keys for b in items)


def test_numbered_items_that_follow_one_another_stay_a_list(make_docx):
    def build(d):
        add_numbering(d, 53, "decimal")
        d.add_heading("Actions agreed", level=2)
        body_xml(d, p(r("Sam Okoro to visit weekly"), num=(53, 0)) + p(r("Ms Reid to ring the GP"), num=(53, 0)))

    doc = read_document(str(make_docx(build)))
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["Sam Okoro to visit weekly", "Ms Reid to ring the GP"]
    assert all(b.numbered for b in items)


def test_content_controls_are_read_and_guidance_left_in_the_form_is_not(make_docx):
    def build(d):
        d.add_heading("Health visitor report", level=1)
        para = d.add_paragraph()
        para_xml(para, sdt_text("Leo smiled and reached for his mother."))
        guide = d.add_paragraph()
        para_xml(guide, sdt_text("Click or tap here to enter text.", placeholder=True))
        body_xml(d, f"<w:sdt><w:sdtPr/><w:sdtContent>{p(r('A paragraph inside a block control.'))}"
                    "</w:sdtContent></w:sdt>")

    doc = read_document(str(make_docx(build)))
    text = doc.body_text
    assert "Leo smiled and reached for his mother." in text
    assert "A paragraph inside a block control." in text
    assert "Click or tap" not in text


def test_checkboxes_read_as_the_box_the_page_shows(make_docx):
    def build(d):
        d.add_heading("Referral form", level=1)
        para = d.add_paragraph()
        para_xml(para, sdt_checkbox(True) + r(" Yes ") + sdt_checkbox(False) + r(" No ")
                 + legacy_checkbox(True) + r(" Emotional abuse ") + legacy_checkbox(False) + r(" Neglect ")
                 + '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>' + r(" Seen alone"))

    doc = read_document(str(make_docx(build)))
    line = next(b.text for b in doc.blocks if "Yes" in b.text)
    assert line == "\u2612 Yes \u2610 No \u2612 Emotional abuse \u2610 Neglect \u2612 Seen alone"


def test_tracked_changes_moves_hidden_text_and_invisible_characters(make_docx):
    def build(d):
        d.add_heading("Report", level=1)
        para = d.add_paragraph()
        para_xml(para, r("Ms Reid ") + dele("refused to engage") + ins("did not come to the meeting")
                 + r(" on 3\u00a0March. ")
                 + '<w:moveFrom w:id="903" w:author="A"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom>'
                 + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden note.</w:t></w:r>'
                 + r("Safe\u00adguarding lead."))

    doc = read_document(str(make_docx(build)))
    para = next(b for b in doc.blocks if b.text.startswith("Ms Reid"))
    assert para.text == "Ms Reid did not come to the meeting on 3 March. Safeguarding lead."
    assert len(para.origin) == len(para.text)


def test_footnotes_and_endnotes_are_kept_apart_with_a_mark_where_they_are_referred_to(make_docx):
    def build(d):
        d.add_heading("Report to conference", 1)
        body_xml(d, p(r("We started a section 47 enquiry.") + note_ref("footnotes", 1) + r(" Police came.")
                      + note_ref("endnotes", 1)))
        add_notes(d, "footnotes", {1: "A section 47 enquiry is a set of checks the council must make."})
        add_notes(d, "endnotes", {1: "Police log 44 of 3 May 2025."})

    doc = read_document(str(make_docx(build)))
    [para] = [b for b in doc.blocks if b.kind == "paragraph"]
    assert para.text == "We started a section 47 enquiry. Police came."  # the marks are not words to check
    assert para.notes == ((32, "1"), (45, "e1"))
    assert para.origin is not None and para.origin[33] is not None  # comments still land on the right words
    assert doc.notes == {"1": "A section 47 enquiry is a set of checks the council must make.",
                         "e1": "Police log 44 of 3 May 2025."}
    md = read_document("n.md", b"# Report\n\nWe started it.[^a] Then[^b] we\nwent.\n\n[^a]: The checks.\n[^b]: Two.\n")
    assert [(b.text, b.notes) for b in md.blocks] == [("Report", ()), ("We started it. Then we went.", ((14, "a"),
                                                                                                    (19, "b")))]
    assert md.notes == {"a": "The checks.", "b": "Two."}


def test_text_box_paragraphs_are_read_once(make_docx):
    box = ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
           "<wps:wsp><wps:txbx><w:txbxContent>" + p(r("Text in a box.")) + "</w:txbxContent></wps:txbx></wps:wsp>"
           "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
           + p(r("Text in a box.")) + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")

    def build(d):
        d.add_heading("Report", level=1)
        body_xml(d, p(r("Before the box.") + box))

    doc = read_document(str(make_docx(build)))
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["Before the box.", "Text in a box."]


def _layout_rows():
    return [
        [cell([p(r("Name of child"))]), cell([p(r("Poppy Hargreaves"))])],
        [cell([p(r("Father"))]), cell([p(r("Dean Carter"))])],
        [cell([p(r("Reason for report"))]), cell([
            p(r("Poppy has had three bruises on her arms since January, and nobody has explained them.")),
            p(r("She has missed 14 days of nursery this term."))])],
        [cell([p(r("Child's views"))]), cell([p(r("Poppy said \u201cMummy shouts\u201d when we asked about home."))])],
        [cell([p(r("Actions"))]), cell([
            p(r("Amy Cartwright (key person) will keep a log every day."), style="ListBullet"),
            p(r("Nursery will ring Ms Hargreaves each Monday."), style="ListBullet")])],
    ]


def test_a_layout_table_is_read_as_headings_and_paragraphs(make_docx):
    def build(d):
        d.add_heading("Nursery report to the initial child protection conference", level=1)
        body_xml(d, table(_layout_rows()))

    doc = read_document(str(make_docx(build)))
    headings = {b.text: b for b in doc.blocks if b.kind == "heading"}
    assert set(headings) == {"Reason for report", "Child's views", "Actions"}
    assert not any(b.authored for b in headings.values())  # the form's labels, not the author's prose
    assert headings["Child's views"].section_keys >= {"child-voice"}
    assert doc.details()["father"] == "Dean Carter"
    paras = [b.text for b in doc.blocks if b.section == "Reason for report" and b.kind == "paragraph"]
    assert paras == ["Poppy has had three bruises on her arms since January, and nobody has explained them.",
                     "She has missed 14 days of nursery this term."]  # a cell's paragraphs stay separate
    actions = [b for b in doc.blocks if b.kind == "list_item"]
    assert len(actions) == 2 and all("plan" in b.section_keys for b in actions)
    assert [a.text for a in doc.plan] == [b.text for b in actions]


def test_a_form_with_label_rows_across_the_table_and_tick_box_answers(make_docx):
    def build(d):
        d.add_heading("Health visitor report", level=1)
        body_xml(d, table([
            [cell([p(r("Section 1: About the child"))], shaded=True, span=2)],
            [cell([p(r("Is the child registered with a GP?"))], shaded=True),
             cell([p(sdt_checkbox(True) + r(" Yes ") + sdt_checkbox(False) + r(" No"))])],
            [cell([p(r("What has the child said about home?"))], shaded=True),
             cell([p(sdt_text("Leo is 10 months old. He smiled at his mother and reached for her."))])],
            [cell([p(r("Section 2: Risks"))], shaded=True, span=2)],
            [cell([p(r("What are the worries?"))], shaded=True),
             cell([p(sdt_text("Click or tap here to enter text.", placeholder=True))])],
        ]))

    doc = read_document(str(make_docx(build)))
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Section 1: About the child", 2), ("What has the child said about home?", 3),
                     ("Section 2: Risks", 2), ("What are the worries?", 3)]
    assert doc.details()["is the child registered with a gp?"] == "\u2612 Yes \u2610 No"
    assert "Click or tap" not in doc.body_text
    worries = next(b for b in doc.blocks if b.text == "What are the worries?")
    assert worries.section_keys >= {"risks"}  # the part's label names the section; the question is unanswered
    assert not any(b.section == "What are the worries?" and b.kind != "heading" for b in doc.blocks)


def test_a_report_typed_into_one_big_cell_is_read_as_a_report(make_docx):
    def build(d):
        paras = [p('<w:r><w:rPr><w:b/></w:rPr><w:t>Risks</w:t></w:r>'),
                 p(r("Poppy has had three bruises since January.")),
                 p('<w:r><w:rPr><w:b/></w:rPr><w:t>Plan</w:t></w:r>'),
                 p(r("\u25aa Amy Cartwright to keep a log every day"))]
        body_xml(d, table([[cell([p(r("Little Acorns Nursery report"))]), cell(paras)]]))

    doc = read_document(str(make_docx(build)))
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Risks", "Plan"]
    item = next(b for b in doc.blocks if b.kind == "list_item")
    assert item.text == "Amy Cartwright to keep a log every day" and "plan" in item.section_keys


def test_data_tables_stay_tables(make_docx):
    def build(d):
        d.add_heading("Core group minutes", level=1)
        d.add_heading("Chronology", level=2)
        body_xml(d, table([
            [cell([p(r("Date"))]), cell([p(r("Event"))])],
            [cell([p(r("3 March 2025"))]), cell([p(r("Police were called to the home after neighbours heard "
                                                     "shouting and a child crying late at night."))])],
            [cell([p(r("9 March 2025"))]), cell([p(r("Strategy discussion held with police, health and school."))])],
        ]))

    doc = read_document(str(make_docx(build)))
    assert len(doc.tables) == 1 and doc.tables[0].header == ["Date", "Event"]
    assert doc.records[0] == "chronology"


def test_markdown_layout_table_with_line_breaks_in_cells():
    md = ("# Nursery report\n\n| Section | Details |\n|---|---|\n"
          "| Reason for report | Poppy has had three bruises since January. <br> She has missed 14 days. |\n"
          "| Actions | - Amy Cartwright to keep a log every day <br> - Nursery to ring Ms Hargreaves each Monday |\n")
    doc = read_document("r.md", md.encode())
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Reason for report", "Actions"]
    assert [b.text for b in doc.blocks if b.section == "Reason for report" and b.kind == "paragraph"] == [
        "Poppy has had three bruises since January.", "She has missed 14 days."]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Amy Cartwright to keep a log every day", "Nursery to ring Ms Hargreaves each Monday"]
    assert all(b.line == 6 for b in doc.blocks if b.kind == "list_item")


def test_action_lines_inside_minutes_discussion_are_plan_items():
    md = ("# Core group minutes\n\n## Discussion\n\n"
          "Sam said the flat is now warm. Action: Sam Okoro (health visitor) to weigh Leo by 14/03.\n\n"
          "Ms Reid will ring the school on Monday. ACTION: KR\n")
    doc = read_document("m.md", md.encode())
    assert [(a.text, a.owner) for a in doc.plan] == [
        ("Sam Okoro (health visitor) to weigh Leo by 14/03.", None),
        ("Ms Reid will ring the school on Monday.", "KR")]
    assert "Action:" in doc.plan[0].why


def test_an_action_in_the_middle_of_a_paragraph_of_discussion_is_its_own_sentence():
    md = ("# Core group minutes\n\n## Discussion\n\n"
          "He missed his review on 12 February. ACTION \u2013 Priya Shah to rebook it. It was agreed that Priya "
          "Shah will weigh Jake at home by 21 March 2025.\n\n"
          "ACTION: Jo Hart to visit on Monday. She will take the chart with her.\n")
    doc = read_document("m.md", md.encode())
    assert [a.text for a in doc.plan] == [
        "Priya Shah to rebook it.",  # not carried on by the discussion after it, with its date
        "Jo Hart to visit on Monday. She will take the chart with her."]  # a line of its own keeps all of it


def test_a_review_of_last_time_actions_is_a_record_but_the_plan_with_progress_is_the_plan():
    md = ("# Core group minutes\n\n## Actions from the last meeting\n\n| Action | Who | Status |\n|---|---|---|\n"
          "| Book the dentist | Ms Reid | Done |\n\n"
          "## Child protection plan - review of progress\n\n| Action | Lead | Target date | Progress |\n"
          "|---|---|---|---|\n| Family therapy referral | | In due course | Not started |\n")
    doc = read_document("m.md", md.encode())
    assert doc.records.get(0) == "review"
    assert [a.text for a in doc.plan] == ["Family therapy referral"]


def test_a_review_of_the_last_plan_is_a_record_whatever_it_calls_the_plan():
    for heading, last, record in (("Review of the plan from the last conference", "Progress", True),
                                  ("Progress against the last plan", "Progress", True),
                                  ("The plan", "Status at 1 May 2025", True),  # most of them done
                                  ("Review of the plan", "By when", False),  # this plan, being reviewed
                                  ("The plan", "By when", False)):
        md = (f"# Review conference report\n\n## {heading}\n\n| Action | Who | {last} |\n|---|---|---|\n"
              "| Nursery place to be found for Noah | | Not done |\n| Book the dentist | Ms Reid | Done |\n"
              "| Check the flat | Sam Okoro | Done |\n")
        doc = read_document("m.md", md.encode())
        assert (doc.records.get(0) == "review") == record, heading


def test_a_details_row_listing_several_children_stays_a_detail():
    md = ("# Health visiting report\n\n| Children | Yusuf Hussain, born 30.11.2021 (3 years); Amira Hussain, born "
          "06.06.2024 (9 months) |\n|---|---|\n| Parents | Shazia Begum and Imran Hussain |\n\n## Why\n\nText.\n")
    doc = read_document("h.md", md.encode())
    assert doc.details()["children"].startswith("Yusuf Hussain, born")
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Why"]


def test_minutes_in_one_table_of_agenda_items_stay_a_table():
    md = ("# Core group minutes\n\n| Agenda item | Discussion | Action | Who | By when |\n|---|---|---|---|---|\n"
          "| 1. Welcome | Rebecca welcomed everyone.<br>Mark sent apologies. | None | - | - |\n"
          "| 2. Health | Alfie was weighed. | Dad to engage with services | Carl Firth | ASAP |\n")
    doc = read_document("m.md", md.encode())
    assert [t.header for t in doc.tables] == [["Agenda item", "Discussion", "Action", "Who", "By when"]]
    assert [a.text for a in doc.plan] == ["Dad to engage with services"]


def test_a_plan_written_as_lines_and_we_will_sentences_in_a_letter():
    md = ("Dear Ms Reid,\n\nThe conference met on 3 March 2025.\n\n## What happens next\n\n"
          "We will hold the first core group on 14 March 2025. It will be at the family centre. "
          "Sam Okoro will visit you every week.\n\nYours sincerely,\n\nJo Bell, Conference Chair\n")
    doc = read_document("letter.md", md.encode())
    assert doc.letter
    assert [a.text for a in doc.plan] == [
        "We will hold the first core group on 14 March 2025. It will be at the family centre.",
        "Sam Okoro will visit you every week."]


def test_a_section_typed_as_one_paragraph_with_line_breaks(make_docx):
    br = "<w:r><w:br/></w:r>"

    def build(d):
        d.add_heading("Refuge report to conference", level=1)
        body_xml(d, p('<w:r><w:rPr><w:b/></w:rPr><w:t>Plan</w:t></w:r>' + br + r("- Kerry Lomax to hold key work "
                                                                                  "sessions every Tuesday.") + br
                      + r("- Referral to CAMHS to be made ASAP.")))
        body_xml(d, p(r("Mum will take Amira to the") + br + r("dentist on 3 May 2025.")))
        body_xml(d, table([[cell([p(r("Address"))]), cell([p(r("Flat 2") + br + r("Wigan"))])],
                           [cell([p(r("Mother"))]), cell([p(r("Sana Hussain"))])]]))

    doc = read_document(str(make_docx(build)))
    kinds = _kinds(doc)
    assert ("heading", "Plan") in kinds
    assert ("list_item", "Referral to CAMHS to be made ASAP.") in kinds
    assert ("paragraph", "Mum will take Amira to the dentist on 3 May 2025.") in kinds  # a wrapped line
    assert [b.text for b in doc.blocks if b.section == "Plan" and b.kind == "list_item"][0].startswith("Kerry")
    assert any(b.text == "Flat 2\nWigan" for b in doc.blocks)  # a cell's line breaks are left as they are


def test_a_text_draft_with_a_marking_and_tables_typed_with_bars():
    text = ("OFFICIAL-SENSITIVE\n\nSocial Work Report to the Initial Child Protection Conference\n\n"
            "Children | Kai Robson, aged 7\nAddress | 27 Hylton Street, Sunderland\n\nPlan\n\n"
            "Action | Who | By when\nSend this report to Ms Robson | Megan Tranter | 1 December 2026\n"
            "Ring the GP | | 4 December 2026\n\nI think this | that is all.\n")
    doc = read_document("draft.txt", text.encode())
    assert doc.title == "Social Work Report to the Initial Child Protection Conference"
    plan = [t for t in doc.tables if t.header == ["Action", "Who", "By when"]]
    assert plan and [c.text for c in plan[0].rows[1]] == ["Ring the GP", "", "4 December 2026"]
    assert ("paragraph", "I think this | that is all.") in _kinds(doc)  # one line with a bar is a line


def test_guidance_about_each_child_left_in_a_form_answer_is_not_the_authors_words():
    text = ("# Police report to conference\n\n| Question | Answer |\n|---|---|\n"
            "| Views, wishes and feelings of the children | Record what each child has said to officers, in their "
            "own words where possible. |\n| Risks | Logan was found with cash and two phones on 10/03/25. |\n")
    doc = read_document("draft.md", text.encode())
    assert not any(b.text.startswith("Record what each child") for b in doc.blocks)
    assert any(b.text.startswith("Logan was found") for b in doc.blocks)
