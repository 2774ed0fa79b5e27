"""CPD101 vague-wording: every occurrence, in prose, status sentences, bullets and table cells."""

from __future__ import annotations

from helpers import found, lint_md


def vague(md: str) -> list[str]:
    return found(lint_md(md, "agency-report"), "vague-action")


def test_every_occurrence_including_status_sentences_and_cells():
    md = ("# Report\n\nThe investigation is ongoing. Nursery will monitor attendance going forward. "
          "The SALT referral is ongoing.\n\n## Plan\n\n| Action | Who | When |\n|---|---|---|\n"
          "| Chase the appointment | Sarah Blakeley | ASAP |\n| Update the health visitor | Amy Cartwright | TBC |\n")
    assert [v.lower() for v in vague(md)] == ["ongoing", "monitor", "going forward", "ongoing", "asap", "tbc"]


def test_inflections_of_monitor_and_phrases():
    md = ("# Report\n\nKayden's attendance to be monitored. Staff are monitoring her weight. "
          "Mum to engage with services. A home visit will happen in due course, as and when needed.\n")
    got = [v.lower() for v in vague(md)]
    assert "monitored" in got and "monitoring" in got and "engage with services" in got
    assert "in due course" in got and "as and when" in got


def test_specific_plans_and_quotations_are_left_alone():
    md = ("# Report\n\nSam Okoro will visit Jayden every 10 working days and see him alone each time. "
          "Ms Brooks said: \"I'm sick of being monitored, it's ongoing and it never stops.\" "
          "The baby monitor was on the landing.\n")
    assert vague(md) == []


def test_gerund_and_infinitive_forms_of_vague_plans():
    md = "# Report\n\nMr Holt to engage with Turning Point. Staff will continue supporting Amy.\n"
    got = [v.lower() for v in vague(md)]
    assert "engage" in got and "continue supporting" in got
    assert vague("# Report\n\nMs Holt agreed to engage a solicitor by 3 May 2025.\n") == []


def test_a_monitor_that_is_a_device():
    md = ("# Report\n\n## Plan\n\n- Chloe blows into a carbon monoxide monitor at each appointment with Sam Reid.\n"
          "- Sam Reid to monitor Chloe's mood.\n")
    assert [t.lower() for t in found(lint_md(md, "agency-report"), "vague-action")] == ["monitor"]
