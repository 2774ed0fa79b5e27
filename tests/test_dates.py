"""The working-day engine, checked against dates worked out by hand on a calendar.

Bank holidays used below (England and Wales):
  2024: Good Friday 29 Mar, Easter Monday 1 Apr.
  2025: Good Friday 18 Apr, Easter Monday 21 Apr, early May 5 May, Christmas Thu 25 Dec, Boxing Day Fri 26 Dec.
  2026: New Year's Day Thu 1 Jan.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.timescales import (
    TIMESCALES,
    add_months,
    add_working_days,
    core_group_schedule,
    deadlines,
    is_working_day,
    timescales,
    working_days_between,
)

D = dt.date


def due(event, date, cfg=None, birth=None) -> dict[str, dt.date]:
    return {d.event: d.due for d in deadlines(event, date, cfg, birth)}


# --- working days --------------------------------------------------------------------------

def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(D(2025, 12, 24))  # Wednesday
    assert not is_working_day(D(2025, 12, 25))  # Christmas Day
    assert not is_working_day(D(2025, 12, 26))  # Boxing Day
    assert not is_working_day(D(2025, 12, 27))  # Saturday
    assert not is_working_day(D(2025, 4, 18))  # Good Friday
    assert not is_working_day(D(2025, 4, 21))  # Easter Monday
    assert is_working_day(D(2024, 2, 29))  # leap day, a Thursday


def test_closure_days_from_configuration():
    cfg = Config(closure_days=[D(2025, 12, 29)])
    assert is_working_day(D(2025, 12, 29))
    assert not is_working_day(D(2025, 12, 29), cfg)


def test_core_group_minutes_over_christmas():
    # Core group Fri 19 Dec 2025. Working days after it: Mon 22 (1), Tue 23 (2), Wed 24 (3),
    # [Thu 25, Fri 26 bank holidays; weekend], Mon 29 (4), Tue 30 (5), Wed 31 (6), [Thu 1 Jan],
    # Fri 2 (7), Mon 5 (8), Tue 6 (9), Wed 7 Jan 2026 (10).
    assert due("core-group", D(2025, 12, 19)) == {"core-group-minutes": D(2026, 1, 7)}
    assert working_days_between(D(2025, 12, 19), D(2026, 1, 7)) == 10
    assert working_days_between(D(2026, 1, 7), D(2025, 12, 19)) == -10


def test_christmas_closure_days_push_the_deadline():
    # As above, but the office is shut 29, 30, 31 Dec and 2 Jan: Mon 22 (1), Tue 23 (2), Wed 24 (3),
    # Mon 5 (4), Tue 6 (5), Wed 7 (6), Thu 8 (7), Fri 9 (8), Mon 12 (9), Tue 13 Jan 2026 (10).
    cfg = Config(closure_days=[D(2025, 12, 29), D(2025, 12, 30), D(2025, 12, 31), D(2026, 1, 2)])
    assert due("core-group", D(2025, 12, 19), cfg)["core-group-minutes"] == D(2026, 1, 13)


def test_chairs_letter_after_a_christmas_eve_conference():
    # Conference Wed 24 Dec 2025: the next working day is Mon 29 Dec.
    assert due("icpc", D(2025, 12, 24))["chairs-letter"] == D(2025, 12, 29)


def test_working_days_before_across_christmas_and_new_year():
    # Review conference Fri 2 Jan 2026; reports 5 working days before: [Thu 1 Jan], Wed 31 (1),
    # Tue 30 (2), Mon 29 (3), [Fri 26, Thu 25], Wed 24 (4), Tue 23 Dec 2025 (5).
    d = due("rcpc", D(2026, 1, 2))
    assert d["reports-to-admin"] == D(2025, 12, 23)
    assert d["reports-to-parents"] == D(2025, 12, 23)
    assert add_working_days(D(2026, 1, 2), -5) == D(2025, 12, 23)


def test_initial_conference_due_over_easter():
    # Strategy discussion Thu 3 Apr 2025. Fri 4 (1), Mon 7 to Fri 11 (2-6), Mon 14 to Thu 17 (7-10),
    # [Good Friday 18, weekend, Easter Monday 21], Tue 22 (11), Wed 23 (12), Thu 24 (13), Fri 25 (14),
    # Mon 28 Apr 2025 (15).
    assert due("strategy-discussion", D(2025, 4, 3)) == {"icpc": D(2025, 4, 28)}


def test_everything_due_from_an_initial_conference_after_easter():
    # ICPC Tue 22 Apr 2025 (the day after Easter Monday).
    d = due("icpc", D(2025, 4, 22))
    # 8 before: [Mon 21, Fri 18], Thu 17 (1), Wed 16 (2), Tue 15 (3), Mon 14 (4), Fri 11 (5),
    # Thu 10 (6), Wed 9 (7), Tue 8 Apr (8).
    assert d["invitations"] == D(2025, 4, 8)
    assert d["reports-to-admin"] == D(2025, 4, 15)  # Thu 17, Wed 16, Tue 15
    assert d["reports-to-parents"] == D(2025, 4, 16)  # Thu 17, Wed 16
    assert d["chairs-letter"] == D(2025, 4, 23)
    # 10 after: Wed 23 (1), Thu 24, Fri 25, Mon 28, Tue 29, Wed 30, Thu 1 May, Fri 2 May (8),
    # [Mon 5 May bank holiday], Tue 6 (9), Wed 7 May (10).
    assert d["first-core-group"] == D(2025, 5, 7)
    # ...Thu 8 (11), Fri 9, Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Mon 19, Tue 20, Wed 21 May (20).
    assert d["conference-minutes"] == D(2025, 5, 21)
    # Same day three months later: Tue 22 Jul 2025, a working day.
    assert d["rcpc"] == D(2025, 7, 22)
    assert [x.event for x in deadlines("icpc", D(2025, 4, 22))] == [
        "invitations", "reports-to-admin", "reports-to-parents", "chairs-letter", "first-core-group",
        "conference-minutes", "rcpc"]


def test_months_at_the_end_of_a_month():
    # 31 Mar 2025 + 3 months: June has 30 days, so Mon 30 Jun 2025.
    assert add_months(D(2025, 3, 31), 3) == D(2025, 6, 30)
    # 29 Nov 2024 + 3 months: no 29 Feb in 2025, so Fri 28 Feb 2025.
    assert due("icpc", D(2024, 11, 29))["rcpc"] == D(2025, 2, 28)
    # Review Thu 31 Jul 2025 + 6 months: 31 Jan 2026 is a Saturday, so back to Fri 30 Jan 2026.
    assert due("rcpc", D(2025, 7, 31))["rcpc"] == D(2026, 1, 30)


def test_months_in_a_leap_year():
    # ICPC Thu 30 Nov 2023 + 3 months: 2024 is a leap year, so Thu 29 Feb 2024.
    assert due("icpc", D(2023, 11, 30))["rcpc"] == D(2024, 2, 29)
    # Review Thu 31 Aug 2023 + 6 months: February 2024's last day, Thu 29 Feb.
    assert due("rcpc", D(2023, 8, 31))["rcpc"] == D(2024, 2, 29)
    # Working days across the leap day: core group Tue 27 Feb 2024: Wed 28 (1), Thu 29 (2), Fri 1 Mar (3),
    # Mon 4 to Fri 8 (4-8), Mon 11 (9), Tue 12 Mar 2024 (10).
    assert due("core-group", D(2024, 2, 27))["core-group-minutes"] == D(2024, 3, 12)


def test_months_landing_on_easter_go_back_to_the_thursday():
    # 20 Jan 2025 + 3 months = Sun 20 Apr 2025 (Easter Sunday): back past Sat 19 and Good Friday 18
    # to Thu 17 Apr 2025.
    assert add_months(D(2025, 1, 20), 3) == D(2025, 4, 17)


def test_pre_birth_review_is_the_sooner_limit():
    # Pre-birth conference Mon 3 Mar 2025: three months later is Tue 3 Jun 2025.
    # Born Mon 21 Apr 2025: one month later is Wed 21 May 2025, which is sooner.
    assert due("pre-birth-conference", D(2025, 3, 3), birth=D(2025, 4, 21)) == {"rcpc": D(2025, 5, 21)}
    # Born Mon 30 Jun 2025: one month later is 30 Jul, so the conference limit (3 Jun) is sooner.
    assert due("pre-birth-conference", D(2025, 3, 3), birth=D(2025, 6, 30)) == {"rcpc": D(2025, 6, 3)}
    # Born Fri 31 Jan 2025: one month later is February's last day, Fri 28 Feb 2025.
    assert due("pre-birth-conference", D(2025, 1, 20), birth=D(2025, 1, 31)) == {"rcpc": D(2025, 2, 28)}
    # Born Tue 1 Apr 2025: 1 May; the conference limit is Thu 17 Apr (see the Easter test): sooner.
    assert due("pre-birth-conference", D(2025, 1, 20), birth=D(2025, 4, 1)) == {"rcpc": D(2025, 4, 17)}
    # Not born yet: only the conference limit is known, and the rule says so.
    (d,) = deadlines("pre-birth-conference", D(2025, 3, 3))
    assert d.due == D(2025, 6, 3) and "birth" in d.rule


def test_timescales_are_configurable():
    # Hampshire: core group minutes in 5 working days. Fri 19 Dec 2025: Mon 22 (1), Tue 23 (2),
    # Wed 24 (3), Mon 29 (4), Tue 30 Dec (5).
    cfg = Config(timescales={"core_group_minutes_working_days": 5, "conference_minutes_working_days": 14})
    assert due("core-group", D(2025, 12, 19), cfg)["core-group-minutes"] == D(2025, 12, 30)
    # Sunderland: conference minutes in 14. ICPC Tue 22 Apr 2025: 10th is Wed 7 May (see above),
    # Thu 8 (11), Fri 9 (12), Mon 12 (13), Tue 13 May (14).
    assert due("icpc", D(2025, 4, 22), cfg)["conference-minutes"] == D(2025, 5, 13)
    rule = next(d.rule for d in deadlines("core-group", D(2025, 12, 19), cfg))
    assert rule == "within 5 working days of the core group meeting"


def test_a_mistyped_timescale_is_an_error_not_ignored():
    with pytest.raises(InputError, match="unknown setting 'core_group_minute_days'"):
        timescales(Config(timescales={"core_group_minute_days": 5}))
    with pytest.raises(InputError, match="whole number"):
        timescales(Config(timescales={"core_group_minutes_working_days": "five"}))


def test_every_timescale_has_a_source_citing_a_title_not_a_file():
    for key, t in TIMESCALES.items():
        assert t.source and ".txt" not in t.source and "000_" not in t.source, key


def test_add_and_count_are_inverse():
    start = D(2025, 12, 1)
    for n in range(0, 60):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_deadline_json_shape():
    (d,) = deadlines("core-group", D(2025, 12, 19))
    assert d.as_json() == {"event": "core-group-minutes", "due": "2026-01-07",
                           "rule": "within 10 working days of the core group meeting",
                           "source": "SSP Multi-Agency Standards, Core Groups 12"}


def test_core_group_schedule_meets_the_standard():
    # First core group Wed 7 May 2025, review Tue 22 Jul 2025: the last core group two weeks before,
    # Tue 8 Jul 2025; none more than four weeks apart; all on working days.
    dates = core_group_schedule(D(2025, 5, 7), D(2025, 7, 22))
    assert dates[0] == D(2025, 5, 7) and dates[-1] == D(2025, 7, 8)
    assert all((b - a).days <= 28 for a, b in zip(dates, dates[1:], strict=False))
    assert all(is_working_day(d) for d in dates)


def test_unknown_event():
    with pytest.raises(ValueError):
        deadlines("birthday", D(2025, 1, 1))
