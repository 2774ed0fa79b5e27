"""CPD201 action-without-owner and CPD202 action-without-date."""

from __future__ import annotations

from helpers import found, lint_md

TABLE = """# Social Work Report to Initial Child Protection Conference

## Outline child protection plan

| Action | Who | By when |
|---|---|---|
| Ms Marsh to go to the Freedom Programme | Kelly Marsh | Every Thursday from 3 April 2025 |
| Mr Carter to complete a course | Dean Carter | When appropriate |
| Written agreement about family time to be drawn up | TBC | 28 March 2025 |
| Children to be checked on in school | All | Weekly |
| Update the safety plan |  |  |
| Visit the children | Josh Pengelly | every 10 working days |
| Check attendance each visit | Helen Marsh, school | Each visit |
"""


def test_table_rows_without_owner_or_date_are_flagged_with_the_action_text():
    r = lint_md(TABLE)
    assert found(r, "action-owner") == ["Written agreement about family time to be drawn up",
                                        "Children to be checked on in school", "Update the safety plan"]
    assert found(r, "action-date") == ["Mr Carter to complete a course", "Update the safety plan"]


def test_columns_with_other_names_and_an_outcome_column():
    md = ("# Report\n\n## Plan\n\n| Outcome | What needs to happen | Lead | Timescale |\n|---|---|---|---|\n"
          "| Poppy is fed | Breakfast club place | Sarah Blakeley | From 2 June 2025 |\n"
          "| Poppy is fed | Food bank voucher | Professionals | TBC |\n")
    r = lint_md(md)
    assert found(r, "action-owner") == ["Food bank voucher"]
    assert found(r, "action-date") == ["Food bank voucher"]


BULLETS = """# Little Acorns Nursery report

## Nursery plan

- Attendance to be checked daily
- Amy Cartwright to keep a log and share it with the social worker as and when
- Home visit to be arranged in due course
- Health visitor to be updated, date TBC
- Review meeting with Ms Hargreaves on 2 June 2025
- Next core group on 2 April 2025, chaired by Nadia Hussain.
- HV to offer Ms Foster advice on diet every two weeks
- Sarah Blakeley will ring the clinic by 14 March 2025
- Nursery to continue to help Poppy with her speech
"""


def test_bullets_in_a_plan_section():
    r = lint_md(BULLETS)
    assert found(r, "action-owner") == ["Attendance to be checked daily", "Home visit to be arranged in due course",
                                        "Health visitor to be updated, date TBC",
                                        "Review meeting with Ms Hargreaves on 2 June 2025"]
    assert found(r, "action-date") == [
        "Amy Cartwright to keep a log and share it with the social worker as and when",
        "Home visit to be arranged in due course", "Health visitor to be updated, date TBC",
        "Nursery to continue to help Poppy with her speech"]


def test_progress_bullets_contingencies_and_bullets_outside_a_plan_are_not_actions():
    md = ("# Core group minutes\n\n## Progress against the plan\n\n- Jayden is at school every day.\n"
          "- Ms Brooks has started the course.\n\n## Actions\n\n- Jayden is sleeping better.\n"
          "- If Mr Brooks breaks his bail conditions, Ms Brooks will call 999.\n\n## Background\n\n"
          "- Referral to be made\n")
    r = lint_md(md)
    assert found(r, "action-owner") == [] and found(r, "action-date") == []


def test_details_and_attendance_tables_are_not_action_tables():
    md = ("# Core Group Minutes\n\n| Child | Skye |\n|---|---|\n| Date | 15 May 2025 |\n\n## Present\n\n"
          "| Name | Role |\n|---|---|\n| Priya Mistry | Social worker |\n")
    r = lint_md(md)
    assert found(r, "action-owner") == [] and found(r, "action-date") == []


def test_a_chronology_table_is_not_an_action_table():
    md = ("# Social work report\n\n## Plan\n\n| Date | What happened |\n|---|---|\n"
          "| 3 May 2025 | Police were called |\n| 9 May 2025 | Strategy meeting held |\n")
    r = lint_md(md)
    assert found(r, "action-owner") == [] and found(r, "action-date") == []


def test_a_passive_with_an_irregular_participle_names_no_one():
    md = ("# Core group minutes\n\n## Actions\n\n- Nursery place to be found for Noah by 7 March 2025\n"
          "- School report to be sent to the chair by 7 March 2025\n"
          "- Jo Hart to put up the routine chart by 7 March 2025\n- Mum to be present at every visit, every Tuesday\n")
    assert found(lint_md(md), "action-owner") == ["Nursery place to be found for Noah by 7 March 2025",
                                                  "School report to be sent to the chair by 7 March 2025"]


def test_a_numbered_contingency_is_not_an_action_and_the_day_of_a_meeting_is_a_date():
    md = ("# Police report\n\n## 9. Recommendations and police actions\n\n9.1 I will visit Ms Lamb every Monday.\n\n"
          "9.2 If Mr Dunmore breaks his bail, officers will arrest him.\n\n"
          "9.3 I will add the code to her record on the day of the conference.\n\n9.4 I will ring Ms Lamb.\n")
    r = lint_md(md, "agency-report")
    assert found(r, "action-date") == ["9.4 I will ring Ms Lamb."]


def test_owners_in_brackets_day_and_month_dates_and_every_drop_off():
    md = ("# Core group minutes\n\n## 6. Is the plan working?\n\nKirsty disagreed and said the plan should end now. "
          "Her view will be put to the review conference.\n\n## 7. Updated plan\n\n"
          "- Action: book two places on the May parenting group by 4/4 (JM).\n"
          "- Action: hold sleep sessions fortnightly on Tuesdays (school nurse).\n"
          "- Amy Shaw will check Leo's skin at every drop-off.\n- Action: ring the GP by 4/4.\n"
          "- Action: visit the family (if needed).\n")
    r = lint_md(md)
    assert found(r, "action-owner") == ["ring the GP by 4/4.", "visit the family (if needed)."]
    assert found(r, "action-date") == ["visit the family (if needed)."]


def test_on_call_at_any_time_and_what_will_happen_now():
    md = ("# Letter to Kyra\n\n## What will happen now\n\n| What | Who | When |\n|---|---|---|\n"
          "| Pick you up from anywhere | Your dad, Marcus Reid | Whenever you phone him |\n"
          "| Answer your texts | Kieran Lowe | At any time |\n| Meet you | Kieran Lowe | Whenever needed |\n\n"
          "1. Sam Okonjo will visit Ruby.\n")
    r = lint_md(md, "chairs-letter")
    assert found(r, "action-date") == ["Meet you", "Sam Okonjo will visit Ruby."]
