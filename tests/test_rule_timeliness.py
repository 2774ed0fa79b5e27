"""CPD801-CPD807 timeliness: dates read from the draft's structure, checked with the working-day engine.

Every count here was worked out by hand against a 2025 calendar (Good Friday 18 April, Easter
Monday 21 April, early May bank holiday 5 May, spring bank holiday 26 May) and is also checked with
the engine, so a test that fails says which of the two moved.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import found, lint_md

from cpdocs.config import Config
from cpdocs.lint.timeline import read_dates
from cpdocs.timescales import working_days_between

D = dt.date


def timely(result) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in result.findings if f.category == "timeliness"]


# --- a well-written review report: visits every 7 to 10 working days, across Easter -------------

EASTER_VISITS = ["13 March 2025", "25 March 2025", "4 April 2025", "14 April 2025", "30 April 2025",
                 "14 May 2025", "28 May 2025"]


def rcpc(visits: list[str] = EASTER_VISITS, report_date: str = "2 June 2025", conference: str = "9 June 2025",
         next_review: str = "8 December 2025", alone: str = "Yes, in her bedroom") -> str:
    rows = "\n".join(f"| {d} | Home | {alone} |" for d in visits)
    return f"""# Social Work Report to Review Child Protection Conference

| Child | Ellie Marsden, aged 8 |
|---|---|
| Mother | Gemma Marsden |
| Father | Carl Marsden |
| Date of the Initial Child Protection Conference | 10 March 2025 |
| Date of this conference | {conference} |
| Date of report | {report_date} |

## Purpose of this report

This is the first review conference for Ellie. Ellie has had a child protection plan since 10 March 2025.

## Chronology

| Date | Event |
|---|---|
| 4 January 2022 | Referral from school about bruising. |
| 19 October 2023 | Core group meeting under an earlier plan. |
| 2 December 2024 | Core group meeting under an earlier plan. |

## Dates Ellie was seen

| Date | Where | Seen alone? |
|---|---|---|
{rows}

## Next meetings

| Meeting | Date |
|---|---|
| Core group | 23 June 2025 |
| Review conference | {next_review} |
"""


def test_the_easter_visits_really_are_7_to_10_working_days_apart():
    dates = [read_dates(v, None)[0][0].date for v in EASTER_VISITS]
    gaps = [working_days_between(a, b) for a, b in zip(dates, dates[1:], strict=False)]
    assert gaps == [8, 8, 6, 10, 9, 9]
    assert (dates[4] - dates[3]).days == 16  # 12 weekdays, less Good Friday and Easter Monday


def test_a_well_written_review_report_has_no_timeliness_finding():
    assert timely(lint_md(rcpc(), "rcpc-report")) == []


def test_one_gap_of_15_working_days_gives_exactly_one_finding_naming_it():
    visits = [v if v != "30 April 2025" else "8 May 2025" for v in EASTER_VISITS]
    assert working_days_between(D(2025, 4, 14), D(2025, 5, 8)) == 15
    r = lint_md(rcpc(visits), "rcpc-report")
    assert timely(r) == [("CPD801", "8 May 2025")]
    f = next(f for f in r.findings if f.rule == "CPD801")
    assert "15 working days" in f.message and "14 April 2025" in f.message and "8 May 2025" in f.message
    assert "Core Groups 2" in f.message and f.severity == "warning"


def test_the_gap_from_the_conference_to_the_first_visit_counts():
    visits = ["28 March 2025"] + EASTER_VISITS[2:]  # 14 working days after 10 March
    assert timely(lint_md(rcpc(visits), "rcpc-report")) == [("CPD801", "28 March 2025")]


def test_day_first_numeric_dates_03_04_2025_is_3_april():
    assert read_dates("03/04/2025", None)[0][0].date == D(2025, 4, 3)
    r = lint_md(rcpc(["13/03/2025", "03/04/2025"]), "rcpc-report")
    assert timely(r) == [("CPD801", "03/04/2025")]  # 15 working days after 13 March; 4 March would be no gap
    assert "Thursday 3 April 2025" in r.findings[-1].message


def test_timescales_come_from_configuration():
    visits = [v if v != "30 April 2025" else "8 May 2025" for v in EASTER_VISITS]
    cfg = Config(timescales={"visit_working_days": 15})
    assert timely(lint_md(rcpc(visits), "rcpc-report", config=cfg)) == []


def test_visits_written_without_a_year_and_out_of_order_are_left_alone():
    r = lint_md(rcpc(["14 May", "13 March", "28 May"]), "rcpc-report")
    assert timely(r) == []


def test_without_the_start_of_the_plan_a_review_report_says_nothing_about_visits():
    md = rcpc(["13 March 2025", "14 April 2025"]).replace(
        "| Date of the Initial Child Protection Conference | 10 March 2025 |\n", "")
    assert found(lint_md(md, "rcpc-report"), rule="CPD801") == []


def test_a_visit_report_before_the_plan_is_not_held_to_the_visit_timescale():
    md = rcpc(["3 February 2025", "13 March 2025"] + EASTER_VISITS[1:])  # an assessment visit before the ICPC
    assert timely(lint_md(md, "rcpc-report")) == []


# --- seen alone -----------------------------------------------------------------------------

def test_a_visit_that_does_not_say_whether_the_child_was_seen_alone():
    md = rcpc(alone="").replace("| 25 March 2025 | Home |  |", "| 25 March 2025 | Home | No, mother present |")
    md = md.replace("| 4 April 2025 | Home |  |", "| 4 April 2025 | Home | Yes |")
    r = lint_md(md, "rcpc-report")
    texts = found(r, rule="CPD802")
    assert "25 March 2025" not in texts and "4 April 2025" not in texts
    assert texts[0] == "13 March 2025" and len(texts) == 5
    assert "whether Ellie was seen alone" in r.findings[-1].message


def test_a_baby_is_not_asked_to_be_seen_alone_nor_a_child_of_unknown_age():
    baby = rcpc(alone="").replace("Ellie Marsden, aged 8", "Ellie Marsden, aged 8 months")
    assert found(lint_md(baby, "rcpc-report"), rule="CPD802") == []
    unknown = rcpc(alone="").replace("Ellie Marsden, aged 8", "Ellie Marsden")
    assert found(lint_md(unknown, "rcpc-report"), rule="CPD802") == []


MINUTES = """# Core Group Meeting – Minutes

| Child | Skye Bennett (11) |
|---|---|
| Date and venue | 15 May 2025, 10am, Braunstone Family Hub |
| Meeting | Second core group |

## Visits to Skye

Priya saw Skye at home on 24 April, 2 May and 13 May 2025. Skye was seen alone in her bedroom on 2 May and 13 May.
The visit planned for 8 May did not go ahead because nobody was at home. The next visit is on 28 May 2025.

## Next meetings

The next core group will be on 12 June 2025 at 10am.
"""


def test_prose_visits_a_visit_not_said_to_be_alone_and_dates_that_were_not_visits():
    r = lint_md(MINUTES, "core-group-minutes")
    assert timely(r) == [("CPD802", "24 April")]


def test_a_statement_about_all_visits_covers_each_one():
    md = MINUTES.replace("Skye was seen alone in her bedroom on 2 May and 13 May.", "Skye was seen alone each time.")
    assert timely(lint_md(md, "core-group-minutes")) == []


def test_a_column_for_each_child():
    md = """# Social Work Report to Review Child Protection Conference

| Children | Kayla Brennan (15), Rosie Stirling (3) |
|---|---|
| Initial conference | 3 March 2025 |
| This review conference | 2 June 2025 |

This is the first review conference.

## Dates the children were seen

| Date | Where | Kayla | Rosie |
|---|---|---|---|
| 13 March 2025 | Home | Seen alone | Seen with mother |
| 25 March 2025 | School | Seen alone | Not seen |
| 4 April 2025 | Home | Seen | Seen with mother |
| 14 April 2025 | Home | Seen alone | Seen with mother |
"""
    r = lint_md(md, "rcpc-report")
    assert timely(r) == [("CPD801", "4 April 2025"), ("CPD802", "4 April 2025")]
    gap, alone = (next(f for f in r.findings if f.rule == code) for code in ("CPD801", "CPD802"))
    assert "for Rosie" in gap.message and "Kayla" in alone.message


# --- meetings -------------------------------------------------------------------------------

ICPC = """# Social Work Report to Initial Child Protection Conference

| Child | Ava Clarke, aged 7 |
|---|---|
| Mother | Rachel Clarke |
| Conference | 3 March 2025 |

## Background

The family were known in 2021. A core group met on 12 January 2021 and the next on 30 June 2021.

## Outline plan

| Action | Who | By when |
|---|---|---|
| Hold the first core group meeting | Hannah Osei | {first} |
| Visit Ava and see her alone | Hannah Osei | Every 10 working days from 4 March 2025 |

## Next meetings

The review conference will be on {review} at Bolton Town Hall.
"""


def test_a_review_conference_four_months_after_the_initial_one_gives_one_finding():
    r = lint_md(ICPC.format(first="17 March 2025", review="3 July 2025"), "icpc-report")
    assert timely(r) == [("CPD805", "3 July 2025")]
    f = r.findings[-1]
    assert "3 months" in f.message and "Monday 3 March 2025" in f.message and "Tuesday 3 June 2025" in f.message
    assert "13.15" in f.standard and f.severity == "error"


def test_meetings_on_time_and_history_are_left_alone():
    assert timely(lint_md(ICPC.format(first="17 March 2025", review="3 June 2025"), "icpc-report")) == []


def test_first_core_group_later_than_10_working_days():
    r = lint_md(ICPC.format(first="18 March 2025", review="3 June 2025"), "icpc-report")
    assert timely(r) == [("CPD803", "18 March 2025")]
    assert "11 working days" in r.findings[-1].message


def test_missing_conference_date_gives_no_finding():
    md = ICPC.format(first="30 April 2025", review="3 December 2025").replace("| Conference | 3 March 2025 |\n", "")
    assert timely(lint_md(md, "icpc-report")) == []


def test_two_different_conference_dates_are_ambiguous():
    md = ICPC.format(first="30 April 2025", review="3 December 2025").replace(
        "| Conference | 3 March 2025 |", "| Conference | 3 March 2025 |\n| Date of conference | 10 March 2025 |")
    assert timely(lint_md(md, "icpc-report")) == []


CORE_GROUP = """# Core Group Meeting Minutes

| Child | Tommy Kerr, aged 3 |
|---|---|
| Date | {meeting} |
| Venue | Ferndale Family Hub |

## Actions

| Action | Who | When |
|---|---|---|
| Send these minutes to everyone invited and the GP | Aisha Rahman | {minutes} |
| Next core group meeting | Aisha Rahman | {next} |
"""


def test_core_group_gap_and_minutes():
    ok = CORE_GROUP.format(meeting="28 April 2025", minutes="9 May 2025", next="23 May 2025")
    assert timely(lint_md(ok, "core-group-minutes")) == []
    late = CORE_GROUP.format(meeting="28 April 2025", minutes="14 May 2025", next="2 June 2025")
    assert timely(lint_md(late, "core-group-minutes")) == [("CPD806", "14 May 2025"), ("CPD804", "2 June 2025")]


def test_four_weeks_on_a_bank_holiday_allows_the_next_working_day():
    # 28 April + 4 weeks = Monday 26 May, the spring bank holiday
    md = CORE_GROUP.format(meeting="28 April 2025", minutes="9 May 2025", next="27 May 2025")
    assert timely(lint_md(md, "core-group-minutes")) == []
    md = CORE_GROUP.format(meeting="28 April 2025", minutes="9 May 2025", next="28 May 2025")
    assert timely(lint_md(md, "core-group-minutes")) == [("CPD804", "28 May 2025")]


def test_a_later_core_group_says_nothing_about_a_first_core_group():
    md = CORE_GROUP.format(meeting="28 April 2025", minutes="9 May 2025", next="23 May 2025").replace(
        "| Venue |", "| Date of conference | 3 March 2025 |\n| Venue |")
    assert found(lint_md(md, "core-group-minutes"), rule="CPD803") == []


# --- the report's own date -------------------------------------------------------------------

AGENCY = """# Thornbury Park Academy – Report to the Initial Child Protection Conference

| Pupil | Kacey Lindqvist, aged 12 |
|---|---|
| Date of report | {report} |
| Date of conference | 9 June 2025 |
"""


@pytest.mark.parametrize(("report", "expected"), [
    ("4 June 2025", []),  # 3 working days before
    ("5 June 2025", [("CPD807", "5 June 2025")]),
    ("10 June 2025", [("CPD807", "10 June 2025")]),  # after the conference
])
def test_an_agency_report_goes_to_the_conference_team_3_working_days_before(report, expected):
    assert timely(lint_md(AGENCY.format(report=report), "agency-report")) == expected


def test_a_social_work_report_to_a_review_is_shared_5_working_days_before():
    r = lint_md(rcpc(report_date="3 June 2025"), "rcpc-report")
    assert timely(r) == [("CPD807", "3 June 2025")]
    f = next(f for f in r.findings if f.rule == "CPD807")
    assert "with the parents" in f.message and "Monday 2 June 2025" in f.message


# --- realistic drafts that keep to the timescales, and the same with one date moved ---------------

DRAFT_CORE_GROUP = """OFFICIAL-SENSITIVE

# Core Group Meeting – Minutes

| Children | Mia Doherty (9) and Alfie Doherty (14 months) |
|---|---|
| Mother | Chloe Doherty |
| Father | Ryan Wells (lives in Wakefield) |
| Date and time | 26 March 2025, 10am to 11.30am |
| Venue | Eastmoor Family Hub, Wakefield |
| Meeting | First core group after the initial conference on 12 March 2025 |

## Who came

| Name | Role |
|---|---|
| Lauren Pike | Social worker, Wakefield Children's Services |
| Chloe Doherty | Mother |
| Deborah Ince | Health visitor |

## Visits to Mia and Alfie

- 14 March 2025 at home. Lauren saw Mia alone in her bedroom. Alfie was asleep and was seen in his cot.
- 21 March 2025 at school. Lauren saw Mia alone for 30 minutes.
- 25 March 2025 at home. Lauren saw Mia alone, then Alfie with his mother.

## What Mia said

Mia said: "I like it when Mum reads to me. I don't like it when Ryan shouts."

## Actions

| Action | Who | When |
|---|---|---|
| Visit Mia and Alfie and see Mia alone | Lauren Pike | Every 10 working days |
| Weigh Alfie at the clinic | Deborah Ince | 9 April 2025 |
| Send these minutes to everyone invited and to the GP | Lauren Pike | By 2 April 2025 |

## Next meetings

| Meeting | Date |
|---|---|
| Next core group | 23 April 2025 |
| Review conference | 11 June 2025 |
"""

DRAFT_REVIEW = rcpc()

DRAFT_ICPC = """# Social Work Report to Initial Child Protection Conference

| Children | Jordan Hale (10), Leah Hale (4) |
|---|---|
| Mother | Sasha Hale |
| Father | Mark Hale |
| Social worker | Priya Nair, Leeds Children's Services |
| Date of conference | 03/06/2025 |

## Chronology

- 14 August 2023: Sasha Hale called the police after an argument. No one was arrested.
- 2 May 2025: Jordan told his teacher that his dad hit him.
- 6 May 2025: strategy discussion; section 47 enquiries began.

## Dates I saw the children

- 6 May 2025 at school: Jordan alone.
- 20 May 2025 at home: Jordan and Leah, each alone for part of the visit.

## Outline plan

| Action | Who | By when |
|---|---|---|
| Hold the first core group meeting | Priya Nair | 17/06/2025 |
| Visit the children and see each of them alone | Priya Nair | Every 10 working days from 4 June 2025 |

## Next meetings

The first core group will meet on 17 June 2025 and then every four weeks, next on 15 July 2025. The review
conference will be on 2 September 2025.
"""

GOOD_DRAFTS = {"core-group": (DRAFT_CORE_GROUP, "core-group-minutes"), "review": (DRAFT_REVIEW, "rcpc-report"),
               "icpc": (DRAFT_ICPC, "icpc-report")}


@pytest.mark.parametrize("name", sorted(GOOD_DRAFTS))
def test_realistic_drafts_that_keep_to_the_timescales_raise_nothing(name):
    text, report_type = GOOD_DRAFTS[name]
    assert timely(lint_md(text, report_type)) == []


@pytest.mark.parametrize(("name", "old", "new", "rule"), [
    ("core-group", "By 2 April 2025", "By 11 April 2025", "CPD806"),
    ("core-group", "| Next core group | 23 April 2025 |", "| Next core group | 30 April 2025 |", "CPD804"),
    ("core-group", "| Review conference | 11 June 2025 |", "| Review conference | 13 June 2025 |", "CPD805"),
    ("core-group", "26 March 2025, 10am", "28 March 2025, 10am", "CPD803"),
    ("review", "| Date of report | 2 June 2025 |", "| Date of report | 4 June 2025 |", "CPD807"),
    ("review", "| 30 April 2025 | Home |", "| 2 May 2025 | Home |", "CPD801"),
    ("review", "| Date of this conference | 9 June 2025 |", "| Date of this conference | 12 June 2025 |", "CPD805"),
    ("review", "| 14 April 2025 | Home | Yes, in her bedroom |", "| 14 April 2025 | Home | |", "CPD802"),
    ("icpc", "| 17/06/2025 |", "| 19/06/2025 |", "CPD803"),
    ("icpc", "next on 15 July 2025", "next on 22 July 2025", "CPD804"),
    ("icpc", "will be on 2 September 2025", "will be on 10 September 2025", "CPD805"),
])
def test_each_date_moved_to_break_a_timescale_raises_one_finding(name, old, new, rule):
    text, report_type = GOOD_DRAFTS[name]
    assert old in text
    got = timely(lint_md(text.replace(old, new), report_type))
    assert [g[0] for g in got] == [rule], got
    assert got[0][1] in new  # the finding's text is the date that breaks the timescale


def test_every_timeliness_rule_is_documented_and_registered():
    from cpdocs.lint.rules import all_rules

    rules = [r for r in all_rules() if r.info.category == "timeliness"]
    assert [r.info.code for r in rules] == [f"CPD80{i}" for i in range(1, 8)]
    for r in rules:
        i = r.info
        assert i.summary and i.why and i.bad and i.good and i.severity in ("warning", "error")
        assert "Standards" in i.standard or "procedures" in i.standard
