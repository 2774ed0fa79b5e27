"""Timeliness: the dates a draft gives, checked against the timescales of the child protection process.

Which date is which comes from the draft's structure (`cpdocs.lint.timeline`); the counting is
the working-day engine of `cpdocs.generate.dates`, with the timescales in force (`[timescales]`
in configuration, Swindon defaults otherwise), so `cpdocs lint` and `cpdocs deadlines` never
disagree about what a timescale is.

A rule speaks only when both of its dates are known and the timescale is plainly broken:

- when a limit in weeks or months falls on a weekend or bank holiday, a meeting on the next
  working day is not flagged;
- when the draft does not say whether a conference was the initial one or a review, the more
  generous timescale is used;
- a date that is missing, given twice with two values, or without a year that can be told from
  the draft, is not read at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cpdocs.lint.context import LintContext
from cpdocs.lint.finding import Finding
from cpdocs.lint.rules.base import Rule, RuleInfo
from cpdocs.lint.timeline import UNANCHORED_MAX_GAP, DateRef, Timeline, timeline
from cpdocs.timescales import (
    TIMESCALES,
    add_working_days,
    next_working_day,
    same_day_months_later,
    timescales,
    working_days_between,
)

CATEGORY = "timeliness"


def day(d: dt.date) -> str:
    """'Thursday 3 April 2025': the weekday helps a reader check a count of working days."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def _wd(n: int) -> str:
    return f"{n} working day" + ("" if n == 1 else "s")


def _source(key: str) -> str:
    return TIMESCALES[key].source


def _late_after_calendar_limit(start: dt.date, limit: dt.date, when: dt.date, ctx: LintContext) -> bool:
    """Later than a limit counted in weeks or months, allowing the next working day when the
    limit itself is not one (four weeks after a meeting may be a bank holiday Monday)."""
    return when > start and when > next_working_day(limit, ctx.config)


class _TimelinessRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        yield from self.check_timeline(ctx, timeline(ctx), timescales(ctx.config))

    def check_timeline(self, ctx: LintContext, tl: Timeline, t: dict[str, int]) -> Iterator[Finding]:
        raise NotImplementedError

    def at(self, ref: DateRef, message: str, suggestion: str, standard: str | None = None) -> Finding:
        return self.finding(ref.block, ref.start, ref.end, message, suggestion=suggestion, standard=standard)


class VisitGap(_TimelinessRule):
    info = RuleInfo(
        code="CPD801", name="visit-gap", category=CATEGORY, severity="warning",
        summary="A gap between two visits to a child on a plan (or between the last conference and the first "
                "visit) longer than the visit timescale: 10 working days by default.",
        why="A child on a child protection plan is seen by their social worker at least every 10 working days, "
            "so that someone checks they are safe and hears from them. A longer gap is what a chair or a quality "
            "assurance reviewer looks for first; the report should say why it happened.",
        standard=f"{_source('visit_working_days')}",
        bad="Dates seen: 3 March 2025, 24 March 2025 (15 working days apart).",
        good="Dates seen: 3 March, 14 March and 24 March 2025, each time alone. (Or, after a longer gap: 'Jack "
             "was in hospital from 5 to 20 March; I saw him on the ward on 12 March.')",
    )

    def check_timeline(self, ctx, tl, t):
        n = t["visit_working_days"]
        flagged: set[tuple[int, int, str | None]] = set()
        for visits in tl.visits:
            prev: DateRef | None = tl.visits_from if tl.visits_from and tl.visits_from.date <= visits[0].ref.date \
                else None
            for v in visits:
                if prev is not None and v.ref.date > prev.date:
                    gap = working_days_between(prev.date, v.ref.date, ctx.config)
                    anchored = tl.plan_start is not None or v.ref.date - prev.date <= UNANCHORED_MAX_GAP
                    key = (v.ref.block.index, v.ref.start, v.child)
                    if gap > n and anchored and key not in flagged:
                        flagged.add(key)
                        after = "the conference" if prev is tl.visits_from else "the visit"
                        whose = f" for {v.child}" if v.child else ""
                        yield self.at(
                            v.ref,
                            f"visit-gap{whose}: {_wd(gap)} from {after} on {day(prev.date)} to the visit on "
                            f"{day(v.ref.date)}; a child on a plan is seen at least every {_wd(n)} "
                            f"({_source('visit_working_days')})",
                            suggestion=f"If the child was seen in between, add that date; if not, say why, and "
                                       f"what was done to see the child (the next visit was due by "
                                       f"{day(add_working_days(prev.date, n, ctx.config))}).")
                if prev is None or v.ref.date >= prev.date:
                    prev = v.ref


class NotSeenAlone(_TimelinessRule):
    info = RuleInfo(
        code="CPD802", name="not-seen-alone", category=CATEGORY, severity="warning",
        summary="A visit to a child on a plan, old enough to talk to on their own (4 or over), where the draft "
                "does not say whether the child was seen alone, or who was there.",
        why="Seeing the child alone is how a social worker hears what the child would not say in front of a "
            "parent. The conference needs to know, for each visit, whether that happened and, if not, why not. "
            "A baby or toddler is not asked about; nor is a child whose age the draft does not give.",
        standard=f"{_source('visit_working_days')}; Sunderland SCB Core Practice Standards 5.13 (the dates the "
                 "child was seen and whether seen alone); Hampshire Safeguarding children procedures 8.9.5",
        bad="| 24 April 2025 | Home visit |",
        good="| 24 April 2025 | Home visit. Skye was seen alone in her bedroom for 20 minutes. |",
    )

    def check_timeline(self, ctx, tl, t):
        flagged: set[tuple[int, int]] = set()
        for visits in tl.visits:
            for v in visits:
                key = (v.ref.block.index, v.ref.start)
                if v.clear and not v.says_alone and tl.old_enough(v.ref.date, v.child) and key not in flagged:
                    flagged.add(key)
                    who = _who(tl, v.ref.date, v.child)
                    yield self.at(
                        v.ref,
                        f"not-seen-alone: the draft does not say whether {who} was seen alone at the visit on "
                        f"{day(v.ref.date)}; a child on a plan is seen alone at each visit, at least every "
                        f"{_wd(t['visit_working_days'])} ({_source('visit_working_days')})",
                        suggestion="Say whether the child was seen alone; if not, who was there and why.")


def _who(tl: Timeline, on: dt.date, child: str | None) -> str:
    """The child's first name when the draft makes it plain which child, else 'the child'."""
    if child:
        names = [n for n in tl.ages if n in child]
        return names[0] if len(names) == 1 else "the child"
    names = [n for n, a in tl.ages.items() if a.at_least(0, on)]
    return names[0] if len(tl.ages) == 1 and names else "the child"


class FirstCoreGroupLate(_TimelinessRule):
    info = RuleInfo(
        code="CPD803", name="first-core-group-late", category=CATEGORY, severity="error",
        summary="A first core group set (or held) later than the timescale after the initial conference: 10 "
                "working days by default.",
        why="The first core group turns the outline plan into the detailed plan. Until it meets, nobody has "
            "agreed who does what, and the child waits.",
        standard=_source("first_core_group_working_days"),
        bad="Initial conference 19 March 2025; first core group 9 April 2025 (14 working days later).",
        good="Initial conference 19 March 2025; first core group 2 April 2025 (10 working days later).",
    )

    def check_timeline(self, ctx, tl, t):
        icpc = tl.icpc
        if icpc is None:
            return
        first: list[DateRef] = [p.ref for p in tl.planned if p.event == "core-group" and p.first]
        if tl.report_type == "core-group-minutes" and tl.first_meeting and tl.meeting is not None:
            first.append(tl.meeting)
        at_icpc = tl.report_type == "icpc-report" or (tl.conference_kind == "icpc" and tl.conference is icpc
                                                      and tl.report_type in ("chairs-letter", "agency-report"))
        if not first and at_icpc:
            # at the initial conference, the earliest core group it sets is the first one
            later = sorted((p.ref for p in tl.planned if p.event == "core-group" and p.ref.date > icpc.date),
                           key=lambda r: r.date)
            first = later[:1]
        n = t["first_core_group_working_days"]
        due = add_working_days(icpc.date, n, ctx.config)
        for ref in {(r.date, r.block.index): r for r in first}.values():
            if ref.date > due:
                gap = working_days_between(icpc.date, ref.date, ctx.config)
                yield self.at(
                    ref,
                    f"first-core-group-late: the first core group on {day(ref.date)} is {_wd(gap)} after the "
                    f"initial conference on {day(icpc.date)}; it meets within {_wd(n)}, by {day(due)} "
                    f"({_source('first_core_group_working_days')})",
                    suggestion=f"Set the first core group for {day(due)} or earlier.")


class CoreGroupGap(_TimelinessRule):
    info = RuleInfo(
        code="CPD804", name="core-group-gap", category=CATEGORY, severity="error",
        summary="Core group meetings set more than the core group interval apart: four weeks by default.",
        why="The core group checks that the plan is working. If it meets less often than every four weeks, "
            "a plan that is not working can go unnoticed for months.",
        standard=_source("core_group_interval_weeks"),
        bad="Core group 15 May 2025. Next core group: 19 June 2025 (five weeks later).",
        good="Core group 15 May 2025. Next core group: 12 June 2025.",
    )

    def check_timeline(self, ctx, tl, t):
        weeks = t["core_group_interval_weeks"]
        dates: dict[dt.date, DateRef] = {}
        for p in tl.planned:
            if p.event == "core-group":
                dates.setdefault(p.ref.date, p.ref)
        base = tl.meeting if tl.report_type == "core-group-minutes" else None
        if base is not None:
            dates = {d: r for d, r in dates.items() if d > base.date}
            dates[base.date] = base
        reviews = [p.ref.date for p in tl.planned if p.event == "review"]
        if tl.conference is not None:
            reviews.append(tl.conference.date)
        ordered = sorted(dates.values(), key=lambda r: r.date)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if any(a.date < r <= b.date for r in reviews):
                continue  # a conference in between: the plan is reviewed there
            limit = a.date + dt.timedelta(weeks=weeks)
            if _late_after_calendar_limit(a.date, limit, b.date, ctx):
                what = "this meeting" if a is base else "the core group"
                yield self.at(
                    b,
                    f"core-group-gap: the core group on {day(b.date)} is {(b.date - a.date).days} days after "
                    f"{what} on {day(a.date)}; core groups meet at least every {weeks} weeks, so by "
                    f"{day(limit)} ({_source('core_group_interval_weeks')})",
                    suggestion=f"Set a core group for {day(limit)} or earlier.")


class ReviewConferenceLate(_TimelinessRule):
    info = RuleInfo(
        code="CPD805", name="review-conference-late", category=CATEGORY, severity="error",
        summary="A review conference set (or held) later than three months after the initial conference, or "
                "later than six months after the last review.",
        why="The review conference decides whether the plan is keeping the child safe and whether it is still "
            "needed. A late review leaves a child on a plan that nobody has checked, or on one they no longer "
            "need.",
        standard=_source("first_rcpc_months"),
        bad="Initial conference 3 March 2025. Review conference: 3 July 2025.",
        good="Initial conference 3 March 2025. Review conference: 2 June 2025.",
    )

    def check_timeline(self, ctx, tl, t):
        conf = tl.conference
        if tl.report_type == "rcpc-report" and conf is not None:
            base, months = None, None
            if tl.previous_review is not None and tl.previous_review.date < conf.date:
                base, months, what = tl.previous_review, t["later_rcpc_months"], "the last review conference"
            elif tl.first_review and tl.icpc is not None and tl.icpc.date < conf.date:
                base, months, what = tl.icpc, t["first_rcpc_months"], "the initial conference"
            if base is not None and months is not None:
                yield from self._late(ctx, base, conf, months, what, "this review conference")
        if conf is None:
            return
        months = self._next_review_months(tl, t)
        if months is None:
            return
        what = "the initial conference" if months == t["first_rcpc_months"] and tl.conference_kind == "icpc" else \
            "the last conference"
        seen: set[dt.date] = set()
        for p in sorted((p for p in tl.planned if p.event == "review"), key=lambda p: p.ref.date):
            if p.ref.date not in seen:
                seen.add(p.ref.date)
                yield from self._late(ctx, conf, p.ref, months, what, "the review conference")

    @staticmethod
    def _next_review_months(tl: Timeline, t: dict[str, int]) -> int | None:
        """How long after the draft's conference the next review may be; None when that is not clear."""
        first, later = t["first_rcpc_months"], t["later_rcpc_months"]
        kind = tl.conference_kind
        if tl.report_type == "core-group-minutes":
            if kind == "icpc":
                # the next review is the first only while it cannot have happened yet
                meeting = tl.meeting
                early = meeting is not None and meeting.date <= same_day_months_later(tl.conference.date, first)
                return first if tl.first_meeting or early else None
            return later  # a review, or a conference the draft does not name: six months is late either way
        if kind == "icpc":
            return first
        return later

    def _late(self, ctx, base: DateRef, ref: DateRef, months: int, what: str, this: str):
        limit = same_day_months_later(base.date, months)
        if _late_after_calendar_limit(base.date, limit, ref.date, ctx):
            key = "first_rcpc_months" if what == "the initial conference" else "later_rcpc_months"
            yield self.at(
                ref,
                f"review-conference-late: {this} on {day(ref.date)} is more than {months} months after {what} "
                f"on {day(base.date)}; it is held by {day(limit)} ({_source(key)})",
                suggestion=f"Set the review conference for {day(limit)} or earlier.",
                standard=_source(key))


class MinutesLate(_TimelinessRule):
    info = RuleInfo(
        code="CPD806", name="minutes-late", category=CATEGORY, severity="error",
        summary="A promised date for sending minutes later than the timescale after the meeting: 10 working days "
                "for core group minutes, 20 for conference minutes, by default.",
        why="Minutes are how parents and professionals who were not there (the GP always among them) learn what "
            "was agreed. Late minutes mean actions start late.",
        standard=f"{_source('core_group_minutes_working_days')}; {_source('conference_minutes_working_days')}",
        bad="Core group 13 June 2025. Sam Okoro will send these minutes by 4 July 2025.",
        good="Core group 13 June 2025. Sam Okoro will send these minutes by 18 June 2025.",
    )

    def check_timeline(self, ctx, tl, t):
        for p in tl.planned:
            if p.event != "minutes":
                continue
            if p.conference_minutes:
                base, key, what = tl.conference, "conference_minutes_working_days", "conference"
            elif tl.report_type == "core-group-minutes":
                base, key, what = tl.meeting, "core_group_minutes_working_days", "core group"
            else:
                continue
            if base is None or p.ref.date < base.date:
                continue
            n = t[key]
            due = add_working_days(base.date, n, ctx.config)
            if p.ref.date > due:
                gap = working_days_between(base.date, p.ref.date, ctx.config)
                yield self.at(
                    p.ref,
                    f"minutes-late: the {what} minutes are to be sent on {day(p.ref.date)}, {_wd(gap)} after the "
                    f"{what} on {day(base.date)}; they go out within {_wd(n)}, by {day(due)} ({_source(key)})",
                    suggestion=f"Promise the minutes by {day(due)}.", standard=_source(key))


class ReportLate(_TimelinessRule):
    info = RuleInfo(
        code="CPD807", name="report-late", category=CATEGORY, severity="warning",
        summary="A report dated later than the deadline for sending it before the conference: for an agency "
                "report, to the conference team (3 working days before an initial conference, 5 before a review); "
                "for the social worker's report, to the parents (2 and 5).",
        why="Parents have a right to read what will be said about them before the conference, with time to "
            "understand it and say where it is wrong; the chair and the other professionals need to read it "
            "too. A report finished after the deadline cannot have been shared in time.",
        standard="SSP Multi-Agency Standards, Reports to Child Protection Conferences 1 and 2; Swindon CSC "
                 "Quality Standards 13.16",
        bad="Date of report: 6 June 2025. Date of conference: 9 June 2025 (an agency report, 1 working day before).",
        good="Date of report: 2 June 2025. Date of conference: 9 June 2025.",
    )

    def check_timeline(self, ctx, tl, t):
        rep, conf = tl.report_date, tl.conference
        if rep is None or conf is None or tl.report_type not in ("agency-report", "icpc-report", "rcpc-report"):
            return
        agency = tl.report_type == "agency-report"
        to = "admin" if agency else "parents"
        icpc_key, rcpc_key = f"icpc_reports_to_{to}_working_days_before", f"rcpc_reports_to_{to}_working_days_before"
        kind = tl.conference_kind
        if kind == "icpc":
            key = icpc_key
        elif kind == "rcpc":
            key = rcpc_key
        else:  # not said which conference: the shorter notice, so a finding is right either way
            key = icpc_key if t[icpc_key] <= t[rcpc_key] else rcpc_key
        n = t[key]
        due = add_working_days(conf.date, -n, ctx.config)
        if rep.date <= due:
            return
        which = {"icpc": "initial conference", "rcpc": "review conference"}.get(kind or "", "conference")
        whom = "to the conference team" if agency else "with the parents"
        if rep.date >= conf.date:
            when = "on the day of" if rep.date == conf.date else "after"
            lead = f"the report is dated {day(rep.date)}, {when} the {which} on {day(conf.date)}"
        else:
            gap = working_days_between(rep.date, conf.date, ctx.config)
            lead = f"the report is dated {day(rep.date)}, {_wd(gap)} before the {which} on {day(conf.date)}"
        yield self.at(
            rep,
            f"report-late: {lead}; it is shared {whom} at least {_wd(n)} before, by {day(due)} ({_source(key)})",
            suggestion=f"Finish and share the report by {day(due)}; if the date is wrong, correct it.",
            standard=_source(key))


RULES = (VisitGap, NotSeenAlone, FirstCoreGroupLate, CoreGroupGap, ReviewConferenceLate, MinutesLate, ReportLate)
