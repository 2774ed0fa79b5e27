"""Bank holidays of England and Wales, from the `holidays` package, without its start-up cost.

`holidays` imports all of its 250 countries to give one, a tenth of a second before the first
working day can be counted. So the bank holidays of FIRST to LAST are kept in the cache folder
(`cpdocs.cache`), keyed by the package's version, and a date in any other year asks the package
itself. The answers are the package's either way.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import metadata

from cpdocs import cache as disk_cache

FIRST, LAST = 1990, 2060
KIND = "bank-holidays"


class BankHolidays:
    """A date's bank holiday, like the package's own calendar: `date in holidays`, `holidays.get(date)`."""

    def __init__(self, known: dict[dt.date, str]):
        self._known = known

    def get(self, day, default=None):
        d = _as_date(day)
        if d is not None and FIRST <= d.year <= LAST:
            return self._known.get(d, default)
        return _package().get(day, default)

    def __contains__(self, day) -> bool:
        d = _as_date(day)
        if d is not None and FIRST <= d.year <= LAST:
            return d in self._known
        return day in _package()


def _as_date(day) -> dt.date | None:
    if isinstance(day, dt.datetime):
        return day.date()
    return day if isinstance(day, dt.date) else None


@cache
def _package():
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG")


@cache
def bank_holidays() -> BankHolidays:
    try:
        version = metadata.version("holidays")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        version = None
    key = disk_cache.digest(KIND, version, "GB", "ENG", FIRST, LAST)
    data = disk_cache.read(KIND, key) if version else None
    try:
        known = {dt.date.fromisoformat(k): str(v) for k, v in data.items()} if isinstance(data, dict) else None
    except (TypeError, ValueError):
        known = None
    if known is None:
        import holidays

        every = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST, LAST + 1))
        known = dict(every.items())
        if version:
            disk_cache.write(KIND, key, {d.isoformat(): name for d, name in sorted(known.items())})
    return BankHolidays(known)
