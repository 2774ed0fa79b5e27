"""CPD701 missing-section: by heading, or by content that plainly covers the section."""

from __future__ import annotations

from helpers import found, lint_md

HEAD = "# Little Acorns Nursery \u2013 report for the conference\n\n| Child | Poppy Hargreaves |\n|---|---|\n" \
       "| Mother | Jade Hargreaves |\n| Father | Liam Dobson (lives in Leeds) |\n\n"
FULL = HEAD + """## Poppy's views

Poppy said "bang" when asked about the mark.

## Poppy's father

Mr Dobson was phoned on 3 May. He said he wants to see Poppy more.

## Strengths

Poppy loves the sand tray.

## Risks

Poppy has had three bruises.

## Impact on Poppy

Poppy is often hungry.

## Analysis

The bruises and hunger together show that Poppy's needs are not met.

## Recommendation

A child protection plan for neglect.
"""


def test_a_complete_agency_report_has_no_missing_section():
    assert found(lint_md(FULL, "agency-report"), "missing-section") == []


def test_each_missing_heading_is_reported_by_its_keyword():
    text = FULL.replace("## Analysis\n\nThe bruises and hunger together show that Poppy's needs are not met.\n", "")
    text = text.replace("## Strengths\n\nPoppy loves the sand tray.\n", "")
    assert sorted(found(lint_md(text, "agency-report"), "missing-section")) == ["analysis", "strengths"]


def test_father_named_only_in_the_details_table_is_missing():
    text = FULL.replace("## Poppy's father\n\nMr Dobson was phoned on 3 May. He said he wants to see Poppy more.\n",
                        "")
    assert found(lint_md(text, "agency-report"), "missing-section") == ["father"]


def test_father_discussed_in_another_section_counts():
    text = FULL.replace("## Poppy's father\n\nMr Dobson was phoned on 3 May. He said he wants to see Poppy more.\n",
                        "").replace("Poppy is often hungry.", "Poppy is often hungry. Liam rings her on Sundays.")
    assert found(lint_md(text, "agency-report"), "missing-section") == []


def test_child_voice_by_content_and_missing_without_it():
    no_heading = FULL.replace("## Poppy's views\n\n", "")
    assert "child-voice" not in found(lint_md(no_heading, "agency-report"), "missing-section")
    without = FULL.replace("## Poppy's views\n\nPoppy said \"bang\" when asked about the mark.\n", "")
    assert found(lint_md(without, "agency-report"), "missing-section") == ["child-voice"]


def test_minutes_need_dates_seen_and_plan():
    md = ("# Core Group Meeting \u2013 Minutes\n\n| Child | Skye Bennett |\n|---|---|\n| Father | Wayne Bennett |\n\n"
          "## Skye's views\n\nSkye said she likes drama club.\n\n## Father\n\nMr Bennett came by phone.\n")
    assert sorted(found(lint_md(md), "missing-section")) == ["dates-seen", "plan"]
    md += "\n## Visits\n\nPriya saw Skye alone on 2 May 2025.\n\n## Actions\n\n- Priya Mistry to visit weekly\n"
    assert found(lint_md(md), "missing-section") == []


def test_required_sections_are_configurable():
    from cpdocs.config import Config

    cfg = Config(required_sections={"agency-report": ["contingency"]})
    assert found(lint_md(FULL, "agency-report", cfg), "missing-section") == ["contingency"]


def test_a_heading_with_only_the_blank_template_prompt_is_still_missing():
    from cpdocs.standards import sections

    prompt = sections()["analysis"].prompt
    text = FULL.replace("The bruises and hunger together show that Poppy's needs are not met.", prompt)
    assert found(lint_md(text, "agency-report"), "missing-section") == ["analysis"]


def test_seen_alone_without_dates_does_not_give_the_dates_seen():
    head = ("# Core Group Meeting \u2013 Minutes\n\n| Child | Skye Bennett |\n|---|---|\n| Father | Wayne Bennett |\n\n"
            "## Skye's views\n\nSkye said she likes drama club.\n\n## Father\n\nMr Bennett came by phone.\n\n"
            "## Actions\n\n- Priya Mistry to visit weekly\n\n## Updates\n\n")
    assert "dates-seen" in found(lint_md(head + "Priya said Skye has been seen alone since the last meeting.\n"),
                                 "missing-section")
    assert "dates-seen" not in found(lint_md(head + "Priya saw Skye alone at school on 2 May 2025.\n"),
                                     "missing-section")


def test_a_table_whose_columns_name_the_sections_covers_them():
    """The Signs of Safety table: what a column's heading names, with something written under it."""
    table = ("## What we know\n\n| What are we worried about? | What's working well? | What needs to happen? |\n"
             "|---|---|---|\n| Poppy has had three bruises. | Poppy loves the sand tray. | Jade to take Poppy to "
             "the GP by 3 May 2025. |\n")
    text = FULL.replace("## Strengths\n\nPoppy loves the sand tray.\n", "").replace(
        "## Risks\n\nPoppy has had three bruises.\n", table)
    assert found(lint_md(text, "agency-report"), "missing-section") == []
    empty = table.replace("| Poppy loves the sand tray. |", "| |")
    text = FULL.replace("## Strengths\n\nPoppy loves the sand tray.\n", "").replace(
        "## Risks\n\nPoppy has had three bruises.\n", empty)
    assert found(lint_md(text, "agency-report"), "missing-section") == ["strengths"]  # a column with nothing in it
    views = FULL.replace("## Poppy's views\n\nPoppy said \"bang\" when asked about the mark.\n",
                         "| Date | Poppy's views |\n|---|---|\n| 3 May | Seen at nursery |\n")
    assert found(lint_md(views, "agency-report"), "missing-section") == ["child-voice"]  # not by its column's name


def test_the_child_speaking_as_he_or_she_after_a_sentence_about_the_child():
    views = "## Poppy's views\n\nPoppy said \"bang\" when asked about the mark.\n"
    child = ("## My visit\n\nYusuf is three. He chatted to me while building a tower. "
             "He said, \"I get my own Weetabix.\"\n")
    text = FULL.replace(views, child).replace("Poppy", "Yusuf")
    assert "child-voice" not in found(lint_md(text, "agency-report"), "missing-section")
    mum = "## My visit\n\nMs Hargreaves told me Yusuf fell off the sofa. She said, \"he cried for a bit.\"\n"
    text = FULL.replace(views, mum).replace("Poppy", "Yusuf")
    assert found(lint_md(text, "agency-report"), "missing-section") == ["child-voice"]  # his mother speaking


def test_what_i_recommend_is_a_recommendation_heading():
    text = FULL.replace("## Recommendation\n", "## What I recommend and what I will do\n")
    assert found(lint_md(text, "agency-report"), "missing-section") == []


def test_question_headings_and_a_report_about_an_unborn_baby():
    text = (FULL.replace("## Analysis", "## What do I make of it?")
            .replace("## Recommendation", "## What do I recommend?")
            .replace("## Impact on Poppy", "## What would this mean for Poppy?"))
    assert found(lint_md(text, "agency-report"), "missing-section") == []
    unborn = FULL.replace("## Poppy's views\n\nPoppy said \"bang\" when asked about the mark.\n", "").replace(
        "| Child | Poppy Hargreaves |", "| Child | Unborn baby, due date 3 June 2025 |")
    assert found(lint_md(unborn, "agency-report"), "missing-section") == []


def test_my_opinion_is_an_analysis_heading():
    text = FULL.replace("## Analysis", "## 7. My opinion")
    assert found(lint_md(text, "agency-report"), "missing-section") == []
