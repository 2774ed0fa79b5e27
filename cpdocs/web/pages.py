"""The start page and the deadlines page."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, render_template, request
from pydantic import TypeAdapter, ValidationError

from cpdocs.errors import InputError
from cpdocs.generate.case import Day
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

DUE_LABELS = {
    "icpc": "Initial child protection conference",
    "invitations": "Invitations sent",
    "reports-to-admin": "Reports to the conference team",
    "reports-to-parents": "Reports shared with the parents",
    "chairs-letter": "Chair's letter and outline plan sent",
    "first-core-group": "First core group meeting",
    "conference-minutes": "Conference minutes sent",
    "rcpc": "Review conference",
    "core-group-minutes": "Core group minutes sent",
}

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


@bp.route("/deadlines", methods=["GET", "POST"])
def deadlines():
    values = {"event": "icpc"}
    errors: dict[str, str] = {}
    rows = None
    status = 200
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in ("event", "date", "birth")}
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
        if not errors:
            try:
                found = work_out_deadlines(event, date, cpdocs_config(current_app), birth=birth)
            except (InputError, ValueError) as exc:
                errors["date"] = str(exc)
            else:
                rows = [{"label": DUE_LABELS.get(d.event, d.event), "event": d.event, "due": long_date(d.due),
                         "iso": d.due.isoformat(), "rule": d.rule, "source": d.source} for d in found]
        if errors:
            status = 400
    return render_template("deadlines.html", title="Deadlines", values=values, errors=errors, rows=rows,
                           events=EVENTS, hint=DATE_HINT,
                           happened=dict(EVENTS).get(values.get("event", ""), ""),
                           when=long_date(parse_day(values.get("date", "")) or dt.date.today())), status
