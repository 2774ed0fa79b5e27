"""Dates as practitioners write them, found in a draft and read the English way (day first).

A short pattern finds where a date is ('3 March 2025', '3rd March', 'Monday 3 March', '3 Mar 25',
'03/04/2025'); python-dateutil reads it with `dayfirst=True`, so '03/04/2025' is 3 April and
never 4 March. A date written without a year takes the year of the nearest full date before
it in the draft (or, failing that, the draft's most common year); where there is no year to
take, the date is left unread, because a timeliness check must never guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from dateutil import parser as dateparser

MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH = MONTH_NAME + r"\.?"
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?"
DATE = re.compile(
    r"\b(?:" + WEEKDAY + r")?(?P<dm>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"(?:,?\s+(?P<y1>\d{4}|\d{2}))?\b"
    r"|\b(?:" + WEEKDAY + r")?" + MONTH + r"\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{4}))?\b"
    r"|\b(?P<num>\d{1,2})[/.](?P<num2>\d{1,2})[/.](?P<y3>\d{4}|\d{2})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    date: dt.date
    has_year: bool


def _year_of(m: re.Match) -> int | None:
    y = m.group("y1") or m.group("y2") or m.group("y3")
    if m.group("iso"):
        return int(m.group("iso")[:4])
    if not y:
        return None
    return int(y) + (2000 if len(y) == 2 else 0)


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date in `text`, in order. Dates with no year use `default_year`, or are skipped."""
    out = []
    year = default_year
    for m in DATE.finditer(text):
        raw = m.group(0)
        explicit = _year_of(m)
        if explicit is None and year is None:
            continue
        base = dt.datetime(explicit or year, 1, 1)
        try:
            if m.group("iso"):
                parsed = dt.datetime.fromisoformat(raw)  # ISO is year-month-day, whatever dayfirst says
            else:
                parsed = dateparser.parse(raw, dayfirst=True, default=base, fuzzy=True)
        except (ValueError, OverflowError):
            continue
        if explicit is not None:
            year = explicit
        out.append(FoundDate(m.start(), m.end(), raw, parsed.date(), explicit is not None))
    return out


def document_year(texts: list[str]) -> int | None:
    """The year most full dates in the draft are in: the context for dates written without one."""
    years = Counter(y for t in texts for m in DATE.finditer(t) if (y := _year_of(m)) is not None)
    return years.most_common(1)[0][0] if years else None
