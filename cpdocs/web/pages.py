"""The start page and the deadlines page."""

from __future__ import annotations

import datetime as dt
import io

from flask import Blueprint, Response, current_app, render_template, request, send_file
from pydantic import TypeAdapter, ValidationError

from cpdocs.errors import InputError
from cpdocs.generate.case import Day
from cpdocs.timescales import DUE_LABELS
from cpdocs.timescales import deadlines as work_out_deadlines
from cpdocs.web.app import cpdocs_config

bp = Blueprint("pages", __name__)

EVENTS = [
    ("strategy-discussion", "A strategy discussion"),
    ("icpc", "An initial child protection conference"),
    ("rcpc", "A review child protection conference"),
    ("core-group", "A core group meeting"),
    ("pre-birth-conference", "A pre-birth conference"),
]


DATE_HINT = "For example, 14/03/2025 or 14 March 2025"


def parse_day(text: str) -> dt.date | None:
    try:
        return TypeAdapter(Day).validate_python(text.strip())
    except ValidationError:
        return None


def long_date(d: dt.date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


@bp.get("/report.css")
def report_css():
    """The lint reporter's stylesheet, scoped to the report part of the check page."""
    from cpdocs.web.report_style import stylesheet

    return Response(stylesheet(), mimetype="text/css")


@bp.get("/")
def home():
    return render_template("home.html", title="Start")


def _event_form() -> tuple[dict[str, str], dict[str, str], dt.date | None, dt.date | None]:
    """The deadlines form as sent: (values, errors by field, date, birth)."""
    values = {k: request.form.get(k, "") for k in ("event", "date", "birth")}
    errors: dict[str, str] = {}
    event = values["event"]
    if event not in dict(EVENTS):
        errors["event"] = "Choose what happened from the list"
    date = parse_day(values["date"]) if values["date"].strip() else None
    if not values["date"].strip():
        errors["date"] = "Enter the date it happened"
    elif date is None:
        errors["date"] = f"Enter a real date, for example 14/03/2025 (not '{values['date'][:20]}')"
    birth = None
    if values["birth"].strip():
        birth = parse_day(values["birth"])
        if birth is None:
            errors["birth"] = "Enter the date of birth as a real date, for example 14/03/2025"
        elif event != "pre-birth-conference":
            errors["birth"] = "Leave this empty unless the event is a pre-birth conference"
    return values, errors, date, birth


def _deadlines_page(values: dict[str, str], errors: dict[str, str], rows: list[dict] | None, status: int = 200):
    return render_template("deadlines.html", title="Deadlines", values=values, errors=errors, rows=rows,
                           events=EVENTS, hint=DATE_HINT,
                           happened=dict(EVENTS).get(values.get("event", ""), ""),
                           when=long_date(parse_day(values.get("date", "")) or dt.date.today())), status


@bp.route("/deadlines", methods=["GET", "POST"])
def deadlines():
    if request.method != "POST":
        return _deadlines_page({"event": "icpc"}, {}, None)
    values, errors, date, birth = _event_form()
    rows = None
    if not errors:
        try:
            found = work_out_deadlines(values["event"], date, cpdocs_config(current_app), birth=birth)
        except (InputError, ValueError) as exc:
            errors["date"] = str(exc)
        else:
            rows = [{"label": DUE_LABELS.get(d.event, d.event), "event": d.event, "due": long_date(d.due),
                     "iso": d.due.isoformat(), "rule": d.rule, "source": d.source} for d in found]
    return _deadlines_page(values, errors, rows, 400 if errors else 200)


@bp.post("/deadlines/calendar")
def deadlines_calendar():
    """The same deadlines as an .ics file, for Outlook and other calendars."""
    from cpdocs.generate.ics import deadlines_calendar as make_calendar

    values, errors, date, birth = _event_form()
    if not errors:
        try:
            data = make_calendar(values["event"], date, cpdocs_config(current_app), birth)
        except (InputError, ValueError) as exc:
            errors["date"] = str(exc)
        else:
            return send_file(io.BytesIO(data), as_attachment=True, mimetype="text/calendar", max_age=0,
                             download_name=f"deadlines_{values['event']}_{date.isoformat()}.ics")
    return _deadlines_page(values, errors, None, 400)
