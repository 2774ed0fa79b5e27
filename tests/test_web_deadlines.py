"""The deadlines page: a date in, every deadline with its rule and source out."""

from __future__ import annotations

import re

import pytest
from web_support import errors, field_errors, new_client, token


@pytest.fixture(scope="module")
def client():
    return new_client()[1]


def post(client, **form):
    return client.post("/deadlines", data={"csrf_token": token(client), **form})


def rows(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-event="([^"]+)">.*?<time datetime="([^"]+)"', page, re.S))


def test_icpc_deadlines_with_rule_and_source(client):
    r = post(client, event="icpc", date="14/03/2025", birth="")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    due = rows(page)
    assert set(due) == {"invitations", "reports-to-admin", "reports-to-parents", "chairs-letter",
                        "first-core-group", "conference-minutes", "rcpc"}
    assert due["chairs-letter"] == "2025-03-17"  # the next working day after a Friday
    assert due["rcpc"] == "2025-06-13"
    assert "working days" in page and "SSP Multi-Agency Standards" in page


def test_date_in_words(client):
    assert rows(post(client, event="strategy-discussion", date="3 April 2025", birth="").get_data(as_text=True))


def test_pre_birth_with_birth(client):
    page = post(client, event="pre-birth-conference", date="01/02/2025", birth="10/02/2025").get_data(as_text=True)
    assert rows(page)["rcpc"] == "2025-03-10"


@pytest.mark.parametrize("form, field", [
    ({"event": "icpc", "date": "", "birth": ""}, "date"),
    ({"event": "icpc", "date": "31/02/2025", "birth": ""}, "date"),
    ({"event": "icpc", "date": "14/03/2025", "birth": "10/02/2025"}, "birth"),
    ({"event": "party", "date": "14/03/2025", "birth": ""}, "event"),
])
def test_bad_input_is_shown_beside_the_field(client, form, field):
    r = post(client, **form)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert field in errors(page) and field in field_errors(page)
    if form["date"]:
        assert f'value="{form["date"]}"' in page  # what was typed is kept


def test_the_deadlines_download_as_a_calendar_with_the_same_dates(client):
    import icalendar

    from cpdocs.timescales import deadlines

    t = token(client)
    page = client.post("/deadlines", data={"csrf_token": t, "event": "icpc", "date": "22/04/2025", "birth": ""})
    assert b"Download for your calendar (.ics)" in page.data
    r = client.post("/deadlines/calendar", data={"csrf_token": t, "event": "icpc", "date": "22/04/2025",
                                                  "birth": ""})
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    assert "deadlines_icpc_2025-04-22.ics" in r.headers["Content-Disposition"]
    got = sorted(e["dtstart"].dt for e in icalendar.Calendar.from_ical(r.data).walk("VEVENT"))
    import datetime as dt

    assert got == sorted(d.due for d in deadlines("icpc", dt.date(2025, 4, 22)))
    bad = client.post("/deadlines/calendar", data={"csrf_token": t, "event": "icpc", "date": "31/02/2025",
                                                    "birth": ""})
    assert bad.status_code == 400 and b"Enter a real date" in bad.data
