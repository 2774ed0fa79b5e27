"""The .ics calendar: parsed back with icalendar, its dates compared with `cpdocs deadlines`, its UIDs stable."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from click.testing import CliRunner
from helpers import ROOT

from cpdocs.cli import cli as main
from cpdocs.config import Config
from cpdocs.generate.case import load_case
from cpdocs.generate.ics import case_calendar, deadlines_calendar
from cpdocs.timescales import add_working_days, deadlines

OKAFOR = ROOT / "fixtures" / "cases" / "initial-okafor.yaml"
BENNETT = ROOT / "fixtures" / "cases" / "review-bennett.yaml"


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def by_title(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in events(data).values()}


def day(e: icalendar.Event) -> dt.date:
    v = e["dtstart"].dt
    return v.date() if isinstance(v, dt.datetime) else v


@pytest.mark.parametrize("event,date", [("icpc", "2025-04-22"), ("rcpc", "2025-12-03"), ("core-group", "2025-05-06"),
                                        ("strategy-discussion", "2025-04-03")])
def test_deadlines_ics_has_the_same_dates_as_deadlines_json(event, date):
    runner = CliRunner()
    as_json = json.loads(runner.invoke(main, ["deadlines", f"--{event}", date, "--format", "json"]).output)
    result = runner.invoke(main, ["deadlines", f"--{event}", date, "--format", "ics"])
    assert result.exit_code == 0, result.output
    parsed = sorted((day(e), str(e["description"])) for e in events(result.output.encode()).values())
    assert sorted(d for d, _ in parsed) == sorted(dt.date.fromisoformat(d["due"]) for d in as_json)
    for d in as_json:  # each event says its rule and the standard it comes from
        assert any(desc.startswith(d["rule"][:1].upper() + d["rule"][1:]) and d["source"] in desc
                   for _, desc in parsed)


def test_case_calendar_dates_are_the_deadlines_of_the_case():
    case = load_case(OKAFOR)
    got = by_title(case_calendar(case, None))
    icpc = {d.event: d.due for d in deadlines("icpc", case.conference.date)}
    assert day(got["Due: chair's letter and outline plan (AO and TO)"]) == icpc["chairs-letter"]
    assert day(got["Due: conference minutes (AO and TO)"]) == icpc["conference-minutes"]
    review = got["Review child protection conference (AO and TO): on or before this day"]
    assert day(review) == icpc["rcpc"]
    before = {d.event: d.due for d in deadlines("rcpc", icpc["rcpc"])}
    assert day(got["Due: reports to the conference team for the review (AO and TO)"]) == before["reports-to-admin"]
    first = [e for t, e in got.items() if t == "Core group meeting (AO and TO)"]
    assert [day(e) for e in first] == [dt.date(2025, 5, 6)]  # the agreed meeting, at its time and place
    start = first[0]["dtstart"]
    assert start.dt == dt.datetime(2025, 5, 6, 14, 0, tzinfo=start.dt.tzinfo) and start.params["TZID"] == \
        "Europe/London"
    assert "Brookfield Family Centre" in str(first[0]["location"])
    minutes = [day(e) for e in events(case_calendar(case, None)).values()
               if str(e["summary"]) == "Due: core group minutes (AO and TO)"]
    assert add_working_days(dt.date(2025, 5, 6), 10) in minutes
    visit = got["Due: visit to AO, seen alone"]  # last seen 17 April, before the conference: counted from it
    assert day(visit) == add_working_days(case.conference.date, 10)


def test_a_deadline_is_all_day_and_free_a_meeting_has_a_time_in_london():
    data = case_calendar(load_case(BENNETT), None)
    cal = icalendar.Calendar.from_ical(data)
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    for e in cal.walk("VEVENT"):
        if str(e["summary"]).startswith("Due:"):
            assert type(e["dtstart"].dt) is dt.date and str(e["transp"]) == "TRANSPARENT"
    review = by_title(data)["Review child protection conference (SB)"]
    assert review["dtstart"].dt.hour == 10 and review["dtstart"].params["TZID"] == "Europe/London"
    assert review["dtend"].dt - review["dtstart"].dt == dt.timedelta(hours=2)


def test_uids_are_stable_and_an_update_replaces_rather_than_duplicates():
    case = load_case(BENNETT)
    first = case_calendar(case, None, stamp=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    again = case_calendar(case, None, stamp=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert set(events(first)) == set(events(again))  # not from the run time
    review_uid = next(u for u, e in events(first).items() if str(e["summary"]).startswith("Review"))
    case.conference.review.date = dt.date(2026, 6, 1)  # the review is moved a day earlier
    moved = events(case_calendar(case, None))
    assert set(moved) == set(events(first))  # the same events, so a calendar updates them in place
    assert day(moved[review_uid]) == dt.date(2026, 6, 1)


def test_two_cases_never_share_a_uid_and_no_name_is_in_one():
    a, b = events(case_calendar(load_case(OKAFOR), None)), events(case_calendar(load_case(BENNETT), None))
    assert not set(a) & set(b)
    assert all(u.endswith("@cpdocs") and "okafor" not in u.lower() for u in a)


def test_family_name_only_where_configured():
    case = load_case(OKAFOR)
    plain = case_calendar(case, None).decode()
    assert "Okafor" not in plain and "Amara" not in plain and "(AO and TO)" in plain
    named = case_calendar(case, Config(calendar_family_name=True)).decode()
    assert "(Okafor family)" in named
    assert set(events(plain.encode())) == set(events(named.encode()))  # naming does not change the events


def test_deadlines_ics_uids_are_kept_apart_by_a_reference():
    a = events(deadlines_calendar("icpc", dt.date(2025, 4, 22), None, ref="AO, TO"))
    b = events(deadlines_calendar("icpc", dt.date(2025, 4, 22), None, ref="SB"))
    assert not set(a) & set(b)
    assert all("(AO, TO)" in str(e["summary"]) for e in a.values())


def test_generate_calendar_writes_one_ics_and_never_over_a_file(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["generate", "calendar", str(OKAFOR), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "2025-04-22_calendar_okafor.ics"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert events(path.read_bytes())
    again = runner.invoke(main, ["generate", "calendar", str(OKAFOR), "-o", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output
    named = runner.invoke(main, ["generate", "calendar", str(OKAFOR), "-o", str(tmp_path), "--force",
                                 "--family-name"])
    assert named.exit_code == 0 and "Okafor family" in path.read_text(encoding="utf-8")


def test_deadlines_ics_to_a_file(tmp_path):
    out = tmp_path / "dates.ics"
    result = CliRunner().invoke(main, ["deadlines", "--icpc", "2025-04-22", "--format", "ics", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"BEGIN:VCALENDAR")
