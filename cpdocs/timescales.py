"""Working days and the deadlines of the child protection process.

One engine, in a module of its own so that lint and generate both import it and never each other,
for everything that counts days: the `deadlines` command, the dates printed in
generated documents, and the linter's timeliness rule. Nothing here reads files or prints.

Counting rules (the same as the standards' own wording):

- "within N working days of X" is the Nth working day after X; X itself is not counted.
- "N working days before X" is the Nth working day before X.
- "within M months of X" is the same day number M months later (or that month's last day
  when the month is shorter), moved back to the previous working day when it is not one.

A working day is Monday to Friday, not a bank holiday of England and Wales (from the
`holidays` package, so the list never needs typing in) and not a closure day named in
configuration (`closure_days`, for example the days between Christmas and New Year).

Every number is a setting in `[timescales]` of `cpdocs.toml`; the defaults are the Swindon
Safeguarding Partnership's. `TIMESCALES` lists each key, its default and its source.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass

from cpdocs.bank_holidays import BankHolidays, bank_holidays
from cpdocs.config import Config
from cpdocs.errors import InputError

SSP = "SSP Multi-Agency Standards"


@dataclass(frozen=True)
class Timescale:
    default: int
    meaning: str
    source: str


# key -> default, what it means, where it comes from. Keys are the names used in [timescales].
TIMESCALES: dict[str, Timescale] = {
    "icpc_working_days": Timescale(
        15, "initial conference within N working days of the strategy discussion",
        f"{SSP}, Child Protection Conferences 2; Swindon CSC Quality Standards 13.3"),
    "invitations_working_days_before": Timescale(
        8, "invitations sent at least N working days before the initial conference",
        f"{SSP}, Child Protection Conferences 3"),
    "icpc_reports_to_admin_working_days_before": Timescale(
        3, "reports to the conference team at least N working days before an initial conference",
        f"{SSP}, Reports to Child Protection Conferences 1"),
    "icpc_reports_to_parents_working_days_before": Timescale(
        2, "reports shared with parents at least N working days before an initial conference",
        f"{SSP}, Reports to Child Protection Conferences 2"),
    "rcpc_reports_to_admin_working_days_before": Timescale(
        5, "reports to the conference team at least N working days before a review conference",
        f"{SSP}, Reports to Child Protection Conferences 1 and 2"),
    "rcpc_reports_to_parents_working_days_before": Timescale(
        5, "reports shared with parents at least N working days before a review conference",
        f"{SSP}, Reports to Child Protection Conferences 2"),
    "chairs_letter_working_days": Timescale(
        1, "chair's letter and outline plan sent within N working days of a conference",
        f"{SSP}, Conference documents 1; {SSP}, Child Protection Conferences 11"),
    "first_core_group_working_days": Timescale(
        10, "first core group within N working days of the initial conference",
        f"{SSP}, Child Protection Conferences 12; Swindon CSC Quality Standards 13.13"),
    "core_group_interval_weeks": Timescale(
        4, "later core groups at most N weeks apart",
        f"{SSP}, Core Groups 3"),
    "core_group_before_rcpc_weeks": Timescale(
        2, "a core group about N weeks before each review conference (good practice)",
        f"{SSP}, Core Groups 4"),
    "core_group_minutes_working_days": Timescale(
        10, "core group minutes sent within N working days of the meeting",
        f"{SSP}, Core Groups 12"),
    "conference_minutes_working_days": Timescale(
        20, "conference minutes sent within N working days of the conference",
        f"{SSP}, Conference documents 2"),
    "first_rcpc_months": Timescale(
        3, "first review conference within N months of the initial conference",
        f"{SSP}, Child Protection Conferences 2; Swindon CSC Quality Standards 13.15"),
    "later_rcpc_months": Timescale(
        6, "later review conferences within N months of the last one",
        f"{SSP}, Child Protection Conferences 2; Swindon CSC Quality Standards 13.15"),
    "pre_birth_rcpc_months_after_birth": Timescale(
        1, "after a pre-birth conference: review within N months of the birth (or the limit below, if sooner)",
        f"{SSP}, Child Protection Conferences 15"),
    "pre_birth_rcpc_months_after_conference": Timescale(
        3, "after a pre-birth conference: review within N months of it (or the limit above, if sooner)",
        f"{SSP}, Child Protection Conferences 15"),
    "visit_working_days": Timescale(
        10, "the social worker sees each child on a plan, alone, at least every N working days",
        f"{SSP}, Core Groups 2; {SSP}, Child Protection Plan 3"),
    "challenge_working_days": Timescale(
        10, "time to ask for a conference decision to be looked at again, in working days",
        f"{SSP}, Child Protection Conferences 9"),
}

EVENTS = ("strategy-discussion", "icpc", "rcpc", "core-group", "pre-birth-conference")

# What each deadline is, in words: for the web page's table and the titles of calendar events.
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


@dataclass(frozen=True)
class Deadline:
    """One date something is due by: `event` (what), `due`, `rule` (in words), `source` (the standard)."""

    event: str
    due: dt.date
    rule: str
    source: str

    def as_json(self) -> dict[str, str]:
        d = asdict(self)
        d["due"] = self.due.isoformat()
        return d


def timescales(cfg: Config | None) -> dict[str, int]:
    """The timescales in force: the defaults, overridden by `[timescales]` in configuration.

    An unknown key or a value that is not a whole number of at least 0 is an InputError, so a
    typo ('core_group_minute_days') never silently leaves the default in place.
    """
    values = {k: t.default for k, t in TIMESCALES.items()}
    given = (cfg.timescales if cfg else None) or {}
    where = (cfg.path if cfg and cfg.path else None) or "configuration"
    for key, value in given.items():
        if key not in TIMESCALES:
            raise InputError(where, f"timescales: unknown setting {key!r} (known: {', '.join(TIMESCALES)})")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(where, f"timescales: {key} must be a whole number, 0 or more")
        values[key] = value
    return values


# --- working days -------------------------------------------------------------------------

def _bank_holidays() -> BankHolidays:
    # Bank holidays of England and Wales, from the `holidays` package (see cpdocs.bank_holidays).
    return bank_holidays()


def bank_holiday_name(d: dt.date) -> str | None:
    """The bank holiday on this day in England and Wales, if any ('Good Friday')."""
    return _bank_holidays().get(d)


def _closures(cfg: Config | None) -> frozenset[dt.date]:
    return frozenset(cfg.closure_days) if cfg and cfg.closure_days else frozenset()


def is_working_day(d: dt.date, cfg: Config | None = None) -> bool:
    """Monday to Friday, not a bank holiday of England and Wales, not a configured closure day."""
    return d.weekday() < 5 and d not in _bank_holidays() and d not in _closures(cfg)


def add_working_days(d: dt.date, n: int, cfg: Config | None = None) -> dt.date:
    """The Nth working day after `d` (n > 0) or before it (n < 0); `d` itself is not counted.

    n = 0 gives `d` itself, working day or not.
    """
    step = 1 if n > 0 else -1
    left = abs(n)
    closures = _closures(cfg)
    hols = _bank_holidays()
    while left:
        d += dt.timedelta(days=step)
        if d.weekday() < 5 and d not in hols and d not in closures:
            left -= 1
    return d


def working_days_between(a: dt.date, b: dt.date, cfg: Config | None = None) -> int:
    """How many working days come after `a`, up to and including `b` (negative when b < a).

    So `working_days_between(d, add_working_days(d, n))` is n for every d and every n >= 0.
    """
    if b == a:
        return 0
    if b < a:
        return -working_days_between(b, a, cfg)
    count = 0
    d = a
    while d < b:
        d += dt.timedelta(days=1)
        if is_working_day(d, cfg):
            count += 1
    return count


def previous_working_day(d: dt.date, cfg: Config | None = None) -> dt.date:
    """`d` itself when it is a working day, otherwise the last working day before it."""
    while not is_working_day(d, cfg):
        d -= dt.timedelta(days=1)
    return d


def next_working_day(d: dt.date, cfg: Config | None = None) -> dt.date:
    """`d` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(d, cfg):
        d += dt.timedelta(days=1)
    return d


def same_day_months_later(d: dt.date, m: int) -> dt.date:
    """The same day number M months later, or that month's last day when the month is shorter."""
    month0 = d.month - 1 + m
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_months(d: dt.date, m: int, cfg: Config | None = None) -> dt.date:
    """'Within M months of d': the same day M months later (or the month's last day), moved
    back to the previous working day when it is not one."""
    return previous_working_day(same_day_months_later(d, m), cfg)


# --- deadlines ----------------------------------------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _wd(n: int) -> str:
    return _plural(n, "working day")


def _months(n: int) -> str:
    return _plural(n, "month")


def deadlines(event: str, date: dt.date, cfg: Config | None = None, birth: dt.date | None = None) -> list[Deadline]:
    """Everything that falls due because of `event` on `date`.

    event: 'strategy-discussion' -> icpc; 'icpc' -> invitations, reports, chair's letter, first core
    group, conference minutes, first review; 'rcpc' -> reports for it, chair's letter, minutes and the
    next review; 'core-group' -> its minutes; 'pre-birth-conference' (with `birth`, if the baby has
    been born) -> the review conference.
    """
    t = timescales(cfg)
    src = {k: v.source for k, v in TIMESCALES.items()}
    out: list[Deadline] = []

    def after(name: str, key: str, what: str) -> None:
        n = t[key]
        out.append(Deadline(name, add_working_days(date, n, cfg), f"within {_wd(n)} of {what}", src[key]))

    def before(name: str, key: str, what: str) -> None:
        n = t[key]
        out.append(Deadline(name, add_working_days(date, -n, cfg), f"at least {_wd(n)} before {what}", src[key]))

    def months(name: str, key: str, what: str) -> None:
        n = t[key]
        out.append(Deadline(name, add_months(date, n, cfg), f"within {_months(n)} of {what}", src[key]))

    if event == "strategy-discussion":
        after("icpc", "icpc_working_days", "the strategy discussion")
    elif event == "icpc":
        before("invitations", "invitations_working_days_before", "the initial conference")
        before("reports-to-admin", "icpc_reports_to_admin_working_days_before", "the initial conference")
        before("reports-to-parents", "icpc_reports_to_parents_working_days_before", "the initial conference")
        after("chairs-letter", "chairs_letter_working_days", "the conference")
        after("first-core-group", "first_core_group_working_days", "the initial conference")
        after("conference-minutes", "conference_minutes_working_days", "the conference")
        months("rcpc", "first_rcpc_months", "the initial conference")
    elif event == "rcpc":
        before("reports-to-admin", "rcpc_reports_to_admin_working_days_before", "the review conference")
        before("reports-to-parents", "rcpc_reports_to_parents_working_days_before", "the review conference")
        after("chairs-letter", "chairs_letter_working_days", "the conference")
        after("conference-minutes", "conference_minutes_working_days", "the conference")
        months("rcpc", "later_rcpc_months", "this review conference")
    elif event == "core-group":
        after("core-group-minutes", "core_group_minutes_working_days", "the core group meeting")
    elif event == "pre-birth-conference":
        out.append(pre_birth_review(date, birth, cfg))
    else:
        raise ValueError(f"unknown event {event!r} (use one of {', '.join(EVENTS)})")
    return out


def pre_birth_review(conference: dt.date, birth: dt.date | None, cfg: Config | None = None) -> Deadline:
    """The review after a pre-birth conference: the sooner of M1 months after the birth and M2
    months after the conference. Before the birth, only the second limit is known."""
    t = timescales(cfg)
    source = TIMESCALES["pre_birth_rcpc_months_after_birth"].source
    m_birth, m_conf = t["pre_birth_rcpc_months_after_birth"], t["pre_birth_rcpc_months_after_conference"]
    by_conf = add_months(conference, m_conf, cfg)
    rule_conf = f"within {_months(m_conf)} of the pre-birth conference"
    if birth is None:
        return Deadline("rcpc", by_conf, f"{rule_conf}, or {_months(m_birth)} after the birth if sooner", source)
    by_birth = add_months(birth, m_birth, cfg)
    if by_birth < by_conf:
        return Deadline("rcpc", by_birth, f"within {_months(m_birth)} of the birth (sooner than {rule_conf})",
                        source)
    return Deadline("rcpc", by_conf, f"{rule_conf} (sooner than {_months(m_birth)} after the birth)", source)


def core_group_schedule(first: dt.date, review: dt.date | None, cfg: Config | None = None,
                        last: dt.date | None = None) -> list[dt.date]:
    """Core group dates from the first one up to the review conference: at most
    `core_group_interval_weeks` apart, the last about `core_group_before_rcpc_weeks` before the
    review, every date a working day. Without a review date, the first meeting and the one
    after it."""
    t = timescales(cfg)
    gap = dt.timedelta(weeks=t["core_group_interval_weeks"])
    if review is None:
        return [first, previous_working_day(first + gap, cfg)]
    end = last or previous_working_day(review - dt.timedelta(weeks=t["core_group_before_rcpc_weeks"]), cfg)
    if end <= first:
        return [first]
    span = (end - first).days
    n = max(1, -(-span // gap.days))
    while True:
        dates = [first] + [previous_working_day(first + dt.timedelta(days=round(i * span / n)), cfg)
                           for i in range(1, n)] + [end]
        if all(b - a <= gap for a, b in zip(dates, dates[1:], strict=False)) and len(set(dates)) == len(dates):
            return dates
        n += 1
        if n > span:  # cannot happen for sane settings; give every working day rather than loop
            return dates
