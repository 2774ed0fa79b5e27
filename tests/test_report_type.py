"""The report type follows who writes to whom: a letter to the chair before the conference is an
agency's report; the chair's letter tells the family what the conference decided."""

from __future__ import annotations

from helpers import lint_md

GP_LETTER = """Wonford Green Surgery, Exeter

The Chair, Initial Child Protection Conference

Dear Chair,

Thank you for inviting me to the conference for Poppy Tremayne (aged 9) on 20 March 2025. I cannot attend,
so I am writing instead.

I saw Poppy on her own on 3 March 2025. She said: "I want Mum to stop the wine."

Yours sincerely,

Dr Helen Marchetti, General Practitioner
"""

CHAIRS_LETTER = """Dear Daniella,

Thank you for coming to Kai's conference yesterday. I am writing to tell you what was decided.

## What the conference decided

The conference decided that Kai needs a child protection plan under the category of emotional abuse.

Yours sincerely,

Margaret Okoye
Child Protection Chair
"""

CLINIC_LETTER_TO_NAMED_CHAIR = """Ms Angela Fordham
Independent Child Protection Chair
Civic Centre, Oldham

Dear Ms Fordham,

Thank you for inviting me to Kacey's initial conference on 19 June. I am on leave that week, so I have set out
our involvement in this letter.

Yours sincerely,

Dr Paul Okon, Consultant Psychiatrist
"""


def test_a_gps_letter_to_the_chair_before_the_conference_is_an_agency_report():
    result = lint_md(GP_LETTER)
    assert result.report_type == "agency-report" and result.report_type_source == "detected"
    assert "written to the chair" in result.report_type_why


def test_the_chairs_letter_is_signed_by_the_chair_and_says_what_was_decided():
    result = lint_md(CHAIRS_LETTER)
    assert result.report_type == "chairs-letter"
    assert "signed by the chair" in result.report_type_why


def test_a_chair_named_as_the_addressee_does_not_make_it_the_chairs_letter():
    assert lint_md(CLINIC_LETTER_TO_NAMED_CHAIR).report_type == "agency-report"


def test_titles_still_decide_reports_and_minutes():
    assert lint_md("# Core Group Meeting – Minutes\n\nPresent: Sam.\n").report_type == "core-group-minutes"
    assert lint_md("# Social Work Report to Review Child Protection Conference\n\nText.\n").report_type == \
        "rcpc-report"
    assert lint_md("# Nursery report to the conference\n\nText.\n").report_type == "agency-report"
