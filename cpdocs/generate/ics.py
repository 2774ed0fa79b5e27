"""The dates a case sets, as an iCalendar (.ics) file for Outlook, Thunderbird or LibreOffice.

Written with the `icalendar` library. Each event has a UID made from the case and the event (a hash
of the partnership, the family, the children, the conference and what the event is), never from the
time of the run: importing an updated file again updates the events instead of adding copies.
Times are Europe/London, with the time zone written into the file. A title names the family only
where configuration says so (`calendar_family_name = true`); otherwise it gives the children's
initials, because a calendar is seen by more people than a case file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from cpdocs import timescales
from cpdocs.config import Config
from cpdocs.generate.case import Case
from cpdocs.generate.render import Slot, View, long_date

LONDON = ZoneInfo("Europe/London")
PRODID = "-//cpdocs//child protection dates//EN"
LENGTH = {"conference": dt.timedelta(hours=2), "core-group": dt.timedelta(hours=1, minutes=30)}


@dataclass(frozen=True)
class DateEvent:
    """One date in the calendar: a meeting (with a time when agreed) or a day something is due."""

    key: str  # what the event is, stable across updates: 'review-conference', 'core-group-2'
    title: str
    day: dt.date
    time: dt.time | None = None
    length: dt.timedelta | None = None
    location: str | None = None
    description: str = ""


def uid(identity: str, anchor: str, key: str) -> str:
    """A UID from the case (`identity`), the event that set the dates (`anchor`) and the event (`key`).

    Hashed, so that no name appears in it, and the same for the same case and event on every run.
    """
    digest = hashlib.sha256("\x1f".join((identity, anchor, key)).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@cpdocs"


def initials(name: str) -> str:
    return "".join(w[0].upper() for w in name.split() if w[:1].isalpha())


def label(case: Case, family_name: bool) -> str:
    """'Okafor family', or the children's initials ('AO and TO') unless the family name is wanted."""
    if family_name:
        return f"{case.surname} family"
    names = [initials(k.name) for k in case.children]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def case_identity(case: Case) -> str:
    return "\x1e".join([case.partnership.name, case.surname, *sorted(k.name for k in case.children)])


def case_events(case: Case, cfg: Config | None, family_name: bool | None = None) -> tuple[str, list[DateEvent]]:
    """(anchor, events): every date the case sets after its conference."""
    if family_name is None:
        family_name = bool(cfg and cfg.calendar_family_name)
    who = label(case, family_name)
    view = View("chairs-letter", case, cfg)
    t = view.t
    c = case.conference
    anchor = f"{c.type}-{c.date.isoformat()}"
    src = {k: v.source for k, v in timescales.TIMESCALES.items()}
    out = [
        DateEvent("chairs-letter", f"Due: chair's letter and outline plan ({who})", view.chairs_letter_due,
                  description=f"Within {t['chairs_letter_working_days']} working day of the conference on "
                              f"{long_date(c.date)}. {src['chairs_letter_working_days']}"),
        DateEvent("conference-minutes", f"Due: conference minutes ({who})",
                  timescales.add_working_days(c.date, t["conference_minutes_working_days"], cfg),
                  description=f"Within {t['conference_minutes_working_days']} working days of the conference on "
                              f"{long_date(c.date)}. {src['conference_minutes_working_days']}"),
    ]
    if not view.has_core_group:
        return anchor, out
    for n, slot in enumerate(core_groups(case, view, cfg), start=1):
        out.append(_meeting(f"core-group-{n}", f"Core group meeting ({who})", slot, "core-group",
                            "" if slot.agreed else "The latest date the timescales allow: agree the date at the "
                                                   f"first meeting. {src['core_group_interval_weeks']}"))
        due = timescales.add_working_days(slot.date, t["core_group_minutes_working_days"], cfg)
        out.append(DateEvent(f"core-group-minutes-{n}", f"Due: core group minutes ({who})", due,
                             description=f"Within {t['core_group_minutes_working_days']} working days of the core "
                                         f"group meeting on {long_date(slot.date)}. "
                                         f"{src['core_group_minutes_working_days']}"))
    review = view.review
    out.append(_meeting("review-conference", f"Review child protection conference ({who})", review, "conference",
                        "" if review.agreed else "The latest date the timescales allow."))
    for d in timescales.deadlines("rcpc", review.date, cfg):
        if d.event in ("reports-to-admin", "reports-to-parents"):
            out.append(DateEvent(d.event, f"Due: {timescales.DUE_LABELS[d.event].lower()} for the review ({who})",
                                 d.due, description=f"{d.rule[:1].upper()}{d.rule[1:]}. {d.source}"))
    for k in case.children:
        if k.decision != "child-protection-plan" or k.unborn:
            continue
        last = max([c.date, *(s.date for s in k.seen)])
        due = timescales.add_working_days(last, t["visit_working_days"], cfg)
        out.append(DateEvent(f"visit:{k.name}", f"Due: visit to {k.first_name if family_name else initials(k.name)}"
                             ", seen alone", due,
                             description=f"At least every {t['visit_working_days']} working days, counted from "
                                         f"{long_date(last)}. {src['visit_working_days']}"))
    return anchor, out


def core_groups(case: Case, view: View, cfg: Config | None) -> list[Slot]:
    """The core group meetings until the review: those agreed, then the latest dates the timescales allow."""
    c = case.conference
    agreed = [m for m in case.core_group.meetings if c.date <= m.date < view.review.date]
    slots = [Slot("Core group meeting", m.date, m.time, m.venue, True) for m in agreed] or [view.first_core_group]
    rest = timescales.core_group_schedule(slots[-1].date, view.review.date, cfg)[1:]
    return slots + [Slot("Core group meeting", d, None, None, False) for d in rest if d < view.review.date]


def _meeting(key: str, title: str, slot: Slot, kind: str, note: str) -> DateEvent:
    if not slot.agreed:
        title = f"{title}: on or before this day"
    return DateEvent(key, title, slot.date, slot.time, LENGTH[kind] if slot.time else None, slot.venue, note)


def deadline_events(event: str, date: dt.date, cfg: Config | None, birth: dt.date | None = None,
                    ref: str | None = None) -> tuple[str, list[DateEvent]]:
    """(anchor, events) for `cpdocs deadlines ... --format ics`: each date due after one event."""
    anchor = f"{event}-{date.isoformat()}" + (f"-birth-{birth.isoformat()}" if birth else "")
    tail = f" ({ref})" if ref else ""
    out = [DateEvent(d.event, f"Due: {timescales.DUE_LABELS.get(d.event, d.event).lower()}{tail}", d.due,
                     description=f"{d.rule[:1].upper()}{d.rule[1:]}. {d.source}")
           for d in timescales.deadlines(event, date, cfg, birth)]
    return anchor, out


def calendar_bytes(events: list[DateEvent], identity: str, anchor: str, name: str,
                   stamp: dt.datetime | None = None) -> bytes:
    """The .ics file: one VEVENT per date, all-day for a day something is due, timed for a meeting."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    timed = False
    for e in sorted(events, key=lambda e: (e.day, e.time or dt.time(0))):
        ev = icalendar.Event()
        ev.add("uid", uid(identity, anchor, e.key))
        ev.add("dtstamp", stamp)
        ev.add("last-modified", stamp)
        ev.add("summary", e.title)
        if e.time is not None:
            start = dt.datetime.combine(e.day, e.time, tzinfo=LONDON)
            ev.add("dtstart", start)
            ev.add("dtend", start + (e.length or dt.timedelta(hours=1)))
            timed = True
        else:
            ev.add("dtstart", e.day)
            ev.add("dtend", e.day + dt.timedelta(days=1))
            ev.add("transp", "TRANSPARENT")  # a day something is due does not make anyone busy
        if e.location:
            ev.add("location", e.location)
        if e.description:
            ev.add("description", e.description)
        cal.add_component(ev)
    if timed:
        years = [e.day.year for e in events]
        cal.add_component(icalendar.Timezone.from_tzid(
            "Europe/London", first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 2, 1, 1)))
        # the time zone belongs before the events that use it
        cal.subcomponents.sort(key=lambda comp: comp.name != "VTIMEZONE")
    return cal.to_ical()


def case_calendar(case: Case, cfg: Config | None, family_name: bool | None = None,
                  stamp: dt.datetime | None = None) -> bytes:
    if family_name is None:
        family_name = bool(cfg and cfg.calendar_family_name)
    anchor, events = case_events(case, cfg, family_name)
    return calendar_bytes(events, case_identity(case), anchor, f"cpdocs: {label(case, family_name)}", stamp)


def deadlines_calendar(event: str, date: dt.date, cfg: Config | None, birth: dt.date | None = None,
                       ref: str | None = None, stamp: dt.datetime | None = None) -> bytes:
    anchor, events = deadline_events(event, date, cfg, birth, ref)
    return calendar_bytes(events, ref or "", anchor, f"cpdocs deadlines{f': {ref}' if ref else ''}", stamp)
