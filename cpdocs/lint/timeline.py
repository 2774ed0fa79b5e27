"""Which date in a draft is which, read from the draft's structure, for the timeliness rules.

A timeliness rule compares two dates (a visit and the visit before it; a conference and the
review it sets), so it must know what each date *is*. That comes from where the date stands,
never from a guess about the sentence around it:

- the details table at the top: rows such as 'Date of the Initial Child Protection Conference',
  'Conference date', 'Date of report', 'Date and venue' (the meeting, in core group minutes),
  'Next review conference';
- a table of the dates a child was seen (a column headed 'Date', in a table about visits or in a
  'Dates seen' / 'Visits' section), or the list items and sentences of such a section;
- what the draft plans: a 'Next meetings' section, and the actions of a plan ('Hold the first
  core group meeting | Hannah Osei | 17 June 2025').

Chronologies, backgrounds and progress summaries are history and are never read here. A date
that is missing, given twice with different values, or that cannot be placed in a year, is left
out, and the rule that needed it says nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from weakref import WeakKeyDictionary

from cpdocs.lint.context import LintContext
from cpdocs.lint.dates_in_text import DATE, FoundDate, document_year, find_dates
from cpdocs.model import Block, Table
from cpdocs.plans import table_plan
from cpdocs.standards import section_keys_for_heading

# A child is asked to be seen alone from this age (years); a baby or toddler is not.
SEEN_ALONE_MIN_AGE = 4.0
# Without a known start of the plan, a gap this long between two listed visits is taken to mean
# the earlier one was before the plan (an assessment visit), not a missed visit.
UNANCHORED_MAX_GAP = dt.timedelta(days=92)


@dataclass(frozen=True)
class DateRef:
    """A date read from the draft, with where its words are."""

    date: dt.date
    block: Block
    start: int
    end: int
    has_year: bool = True

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass
class Visit:
    ref: DateRef
    child: str | None = None  # the child named in a 'Child' column, when the table has one
    clear: bool = True  # plainly a visit where the child was seen (not only a date in a visits section)
    says_alone: bool = True  # the draft says whether the child was seen alone (or who was there)


@dataclass
class Planned:
    """A date the draft sets for something: 'core-group', 'review', 'minutes'."""

    event: str
    ref: DateRef
    first: bool = False  # 'the first core group'
    conference_minutes: bool = False  # minutes of a conference, not of a core group


@dataclass
class Timeline:
    report_type: str
    conference: DateRef | None = None  # the conference the draft is for, or (minutes, letters) follows
    conference_kind: str | None = None  # 'icpc' | 'rcpc' | None when the draft does not say
    icpc: DateRef | None = None
    previous_review: DateRef | None = None
    first_review: bool = False  # an RCPC report that says this is the first review
    meeting: DateRef | None = None  # core group minutes: the date of the meeting
    first_meeting: bool = False  # core group minutes of the first core group
    report_date: DateRef | None = None
    planned: list[Planned] = field(default_factory=list)
    visits: list[list[Visit]] = field(default_factory=list)  # per child (or pooled), in date order
    visits_from: DateRef | None = None  # the last conference, when the visits listed start from it
    plan_start: DateRef | None = None  # when the child's plan started, if the draft says
    ages: dict[str, Age] = field(default_factory=dict)  # child's first name -> age

    def old_enough(self, on: dt.date, child: str | None = None) -> bool:
        """Whether the child (or, for pooled visits, any child) is old enough on `on` to be seen alone.

        An unknown age is not old enough: the rule must not guess.
        """
        if child:
            for name, age in self.ages.items():
                if re.search(r"\b" + re.escape(name) + r"\b", child):
                    return age.at_least(SEEN_ALONE_MIN_AGE, on)
            return False
        return any(a.at_least(SEEN_ALONE_MIN_AGE, on) for a in self.ages.values())


@dataclass(frozen=True)
class Age:
    """A child's age as the draft gives it: in years ('aged 9', '(11)') or as a date of birth."""

    years: float | None = None
    born: dt.date | None = None

    def at_least(self, years: float, on: dt.date) -> bool:
        if self.born is not None:
            return (on - self.born).days / 365.25 >= years
        return self.years is not None and self.years >= years


_CACHE: WeakKeyDictionary[LintContext, Timeline] = WeakKeyDictionary()


def timeline(ctx: LintContext) -> Timeline:
    """The dates of the draft, read once per document and shared by the timeliness rules."""
    tl = _CACHE.get(ctx)
    if tl is None:
        tl = _CACHE[ctx] = _Reader(ctx).read()
    return tl


# --- reading dates, with lists of days ('3, 10 and 24 March') ------------------------------

DAY_BEFORE = re.compile(r"(?<![\d/.:])(\d{1,2})(?:st|nd|rd|th)?\s*(?:,\s*(?:and\s+)?|\s*&\s*|\s+and\s+)$", re.I)
RANGE_BEFORE = re.compile(r"(?<![\d/.:])\d{1,2}(?:st|nd|rd|th)?\s*(?:-|\u2013|\u2014|to|until|till)\s*$", re.I)
DAY_FIRST = re.compile(r"^(?:[A-Za-z]+day,?\s+(?:the\s+)?)?\d{1,2}")


Year = int | None | Callable[[], int | None]


def read_dates(text: str, year: Year) -> tuple[list[FoundDate], bool]:
    """Every date in `text`, with '3, 10 and 24 March' read as three dates.

    `year` is the year for dates written without one, or a function that gives it (asked only
    when such a date is there: finding the draft's year means reading all of it). Returns the
    dates in order and whether the text was clear: a range ('3 to 7 March') is not a list of
    days, so a text with one is reported unclear.
    """
    if callable(year):
        year = year() if any(not (m.group("y1") or m.group("y2") or m.group("y3") or m.group("iso"))
                             for m in DATE.finditer(text)) else None
    found = find_dates(text, year)
    out: list[FoundDate] = []
    clear = True
    for f in found:
        extra: list[FoundDate] = []
        if DAY_FIRST.match(f.text):
            head = text[:f.start]
            if RANGE_BEFORE.search(head):
                clear = False
            while m := DAY_BEFORE.search(head):
                try:
                    d = f.date.replace(day=int(m.group(1)))
                except ValueError:
                    clear = False
                    break
                extra.append(FoundDate(m.start(1), m.end(1), m.group(1), d, f.has_year))
                head = head[:m.start()]
        out.extend(reversed(extra))
        out.append(f)
    return out, clear


def _single(block: Block, year: Year, start: int = 0) -> DateRef | None:
    """The one date in a cell or value; None when there is none, or more than one."""
    dates, clear = read_dates(block.text[start:], year)
    if len(dates) != 1 or not clear:
        return None
    f = dates[0]
    return DateRef(f.date, block, start + f.start, start + f.end, f.has_year)


# --- the details table ----------------------------------------------------------------------

def _norm_label(label: str) -> str:
    t = label.lower().replace("\u2019", "'")
    t = re.sub(r"[^a-z0-9' ]+", " ", t)
    return " ".join(t.split())


DATE_LABEL = re.compile(r"\bdates?\b|\bwhen\b|\bheld\b|\bon\b$")
BARE_EVENT = re.compile(
    r"^(?:(?:the|this|initial|first|review|child|protection|case|conference|icpc|rcpc|meeting|core|group|cgm|"
    r"next|last|previous|and|time|venue|place)\s*)+$")
NOT_A_DATE_ROW = re.compile(r"\bbirth\b|\bdob\b|\bchair\b|\breason\b|\bcategory\b|\btype\b|\bdecision\b|\bnumber\b")
REPORT_DATE = re.compile(
    r"^(?:date (?:of )?(?:this )?report(?: (?:completed|written|signed))?|(?:this )?report(?:'s)? date|"
    r"date (?:report )?(?:completed|written|signed|of completion)|completed(?: on)?|written on|report (?:completed|"
    r"written|signed)(?: on)?)$")
NEXT = re.compile(r"\bnext\b|\bdue\b|\bfuture\b|\bplanned\b")
PREVIOUS = re.compile(r"\blast\b|\bprevious\b|\bmost recent\b|\bprior\b")
INITIAL = re.compile(r"\binitial\b|\bicpc\b|\bplan (?:started|start|began)\b|\bstart of (?:the )?plan\b|"
                     r"\bfirst (?:child protection )?conference\b")
ORDINAL_REVIEW = re.compile(r"\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|\d+th)\b.*\b(?:review|rcpc)\b")
REVIEW_WORD = re.compile(r"\breview\b|\brcpc\b")
CONFERENCE_WORD = re.compile(r"\bconference\b|\bicpc\b|\brcpc\b")
RUN_IN = re.compile(r"^\s*((?:\d{1,2}[.)]\s*)?[A-Z][\w'\u2019 ]{2,40}?)\s*:\s+\S")
CORE_GROUP_WORD = re.compile(r"\bcore group\b|\bcgm\b")
MEETING_LABEL = re.compile(r"^(?:date(?: and (?:time|venue|place))?|date time and venue|date and time and venue|"
                           r"meeting date|date of (?:the )?(?:core group )?meeting|date of (?:the )?core group|"
                           r"core group date|meeting)$")
FIRST_MEETING = re.compile(r"\b(?:first|1st|initial) (?:core group|cgm|meeting)\b", re.I)
NOT_FIRST_MEETING = re.compile(r"\b(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|\d+th|last|review) "
                               r"(?:core group|cgm|meeting)\b", re.I)
THIS_IS_FIRST_MEETING = re.compile(r"\bthis (?:is|was) the first (?:core group )?(?:meeting|cgm)\b", re.I)
THIS_IS_FIRST_REVIEW = re.compile(
    r"\bthis (?:is|will be) the first (?:review|rcpc)\b|\bthis first review\b|\b(?:report|reports) (?:to|for) "
    r"(?:the|this) first review\b", re.I)
FIRST_REVIEW_TITLE = re.compile(r"\bfirst review\b|\bfirst rcpc\b", re.I)
VALUE_CONFERENCE = re.compile(r"\b(?:conference|icpc|rcpc)\b[^.;]{0,25}$", re.I)


@dataclass
class _Row:
    label: str  # normalised
    label_block: Block | None
    value_block: Block
    value_start: int = 0


def _details_rows(ctx: LintContext, cells: dict[int, list[list[Block]]]) -> list[_Row]:
    """Label-value rows: two-column details tables, and 'Label: value' lines before the first heading."""
    rows: list[_Row] = []
    for t in ctx.document.tables:
        # the details table, or any two-column table above the first heading ('Initial conference | 3 March')
        if not t.is_details and (t.section or len(t.header) != 2):
            continue
        for row in cells.get(t.index, []):
            if len(row) == 2 and row[0].text.strip():
                rows.append(_Row(_norm_label(row[0].text), row[0], row[1]))
    for b in ctx.document.blocks:
        if b.kind == "heading":
            break
        if b.kind == "paragraph" and (m := re.match(r"^\s*([A-Z][A-Za-z'\u2019 ]{1,50}?)\s*:\s+(?=\S)", b.text)):
            rows.append(_Row(_norm_label(m.group(1)), None, b, m.end()))
    return rows


class _Reader:
    def __init__(self, ctx: LintContext):
        self.ctx = ctx
        self.doc = ctx.document
        self._year: list[int | None] = []
        self.tl = Timeline(report_type=ctx.report_type)
        self.cells: dict[int, list[list[Block]]] = {}
        for b in self.doc.blocks:
            if b.kind == "cell" and b.table is not None:
                rows = self.cells.setdefault(b.table, [])
                while len(rows) <= (b.row or 0):
                    rows.append([])
                rows[b.row or 0].append(b)

    def year(self) -> int | None:
        """The year most full dates are in: the context for a date written without one.

        The dates counted are those of the parts this module reads (tables, the top of the draft,
        visits, plans and next meetings), which are also where a year-less date is read; the whole
        draft only when those give no year. Reading every block with the date pattern would cost
        more than all the timeliness rules together.
        """
        if not self._year:
            read = {"plan", "next-meetings"}
            texts = [b.text for b in self.doc.blocks if b.table is not None or not b.section
                     or read & b.section_keys or _is_visits_section(b)]
            year = document_year(texts)
            self._year.append(year if year is not None else document_year([b.text for b in self.doc.blocks]))
        return self._year[0]

    def read(self) -> Timeline:
        rows = _details_rows(self.ctx, self.cells)
        self._details(rows)
        self._ages(rows)
        self._planned()
        self._visits()
        return self.tl

    # -- details ---------------------------------------------------------------------------
    def _details(self, rows: list[_Row]) -> None:
        rt = self.ctx.report_type
        title = self.doc.title.lower()
        found: dict[str, list[tuple[DateRef, str]]] = {}
        kinds: dict[str, str] = {}

        def put(role: str, ref: DateRef | None, label: str = "") -> None:
            if ref is not None:
                found.setdefault(role, []).append((ref, label))

        for r in rows:
            label = r.label
            if NOT_A_DATE_ROW.search(label) or not label:
                continue
            value = r.value_block.text[r.value_start:]
            if r.label_block is not None and FIRST_MEETING.search(value + " " + label):
                self.tl.first_meeting = True
            if REPORT_DATE.match(label):
                put("report", _single(r.value_block, self.year, r.value_start))
                continue
            if not (DATE_LABEL.search(label) or BARE_EVENT.match(label)):
                continue
            if rt == "core-group-minutes" and MEETING_LABEL.match(label) and not CONFERENCE_WORD.search(label):
                # 'Meeting | First meeting after the conference on 2 June 2025': the conference, not the meeting
                dates, _ = read_dates(value, self.year)
                if len(dates) == 1 and VALUE_CONFERENCE.search(value[:dates[0].start]):
                    ref = _single(r.value_block, self.year, r.value_start)
                    put("conference", ref)
                    if ref and (k := _kind(value[:dates[0].start])):
                        kinds["conference"] = k
                else:
                    put("meeting", _single(r.value_block, self.year, r.value_start))
                continue
            if CORE_GROUP_WORD.search(label):
                ref = _single(r.value_block, self.year, r.value_start)
                if ref and NEXT.search(label):
                    self.tl.planned.append(Planned("core-group", ref))
                elif ref and re.search(r"\bfirst\b", label):
                    self.tl.planned.append(Planned("core-group", ref, first=True))
                continue
            if re.search(r"\bminutes\b", label) or not (CONFERENCE_WORD.search(label) or REVIEW_WORD.search(label)):
                continue
            ref = _single(r.value_block, self.year, r.value_start)
            if ref is None:
                continue
            if NEXT.search(label):
                self.tl.planned.append(Planned("review", ref))
            elif PREVIOUS.search(label):
                put("previous", ref)
            elif INITIAL.search(label):
                put("icpc", ref)
            elif ORDINAL_REVIEW.search(label):
                put("ordinal-review", ref, label)
            elif re.search(r"\bthis\b", label):
                put("this", ref)
            elif REVIEW_WORD.search(label):
                if rt == "rcpc-report" or (rt == "agency-report" and REVIEW_WORD.search(title)):
                    put("this-review", ref)
                elif rt in ("icpc-report", "core-group-minutes", "chairs-letter"):
                    self.tl.planned.append(Planned("review", ref))
            else:
                put("conference", ref)

        ambiguous = False

        def one(role: str) -> DateRef | None:
            nonlocal ambiguous
            refs = [r for r, _ in found.get(role, [])]
            if refs and any(r.date != refs[0].date for r in refs):
                ambiguous = True  # the same date given twice, with two values: which is right is not clear
                return None
            return refs[0] if refs else None

        tl = self.tl
        tl.report_date = one("report")
        tl.icpc = one("icpc")
        tl.previous_review = one("previous")
        tl.meeting = one("meeting") if rt == "core-group-minutes" else None
        this, generic, review = one("this"), one("conference"), one("this-review")
        ordinal = found.get("ordinal-review", [])
        if ambiguous:
            tl.icpc = tl.previous_review = None
            return
        current = this or review or generic
        if rt == "rcpc-report":
            if current is None and len(ordinal) == 1:
                current = ordinal[0][0]
                tl.first_review = bool(re.search(r"\b(?:first|1st)\b", ordinal[0][1]))
            elif current is not None and ordinal and tl.previous_review is None:
                earlier = [r for r, _ in ordinal if r.date < current.date]
                tl.previous_review = max(earlier, key=lambda r: r.date) if earlier else None
            tl.conference, tl.conference_kind = current, "rcpc"
        elif rt == "icpc-report":
            tl.conference, tl.conference_kind = this or generic or tl.icpc, "icpc"
        elif rt == "agency-report":
            if review is not None:
                tl.conference, tl.conference_kind = review, "rcpc"
            elif this or generic:
                tl.conference, tl.conference_kind = this or generic, _kind(title)
            elif tl.icpc is not None:
                tl.conference, tl.conference_kind = tl.icpc, "icpc"
        elif rt == "chairs-letter":
            tl.conference = this or generic or tl.icpc
            tl.conference_kind = _kind(title) or ("icpc" if tl.conference is tl.icpc and tl.icpc else None)
        elif rt == "core-group-minutes":
            if this or generic:
                tl.conference, tl.conference_kind = this or generic, kinds.get("conference")
            elif tl.previous_review is not None:
                tl.conference, tl.conference_kind = tl.previous_review, "rcpc"
            elif tl.icpc is not None:
                tl.conference, tl.conference_kind = tl.icpc, "icpc"
            if not tl.first_meeting:
                tl.first_meeting = bool(FIRST_MEETING.search(title)) or any(
                    THIS_IS_FIRST_MEETING.search(b.text) for b in self.doc.blocks[:80] if b.kind == "paragraph")
            if NOT_FIRST_MEETING.search(title):
                tl.first_meeting = False
        if tl.conference_kind == "icpc" and tl.icpc is None:
            tl.icpc = tl.conference
        if rt == "rcpc-report" and not tl.first_review:
            tl.first_review = bool(FIRST_REVIEW_TITLE.search(self.doc.title)) or any(
                THIS_IS_FIRST_REVIEW.search(b.text) for b in self.doc.blocks if b.kind == "paragraph")

    # -- children's ages -------------------------------------------------------------------
    def _ages(self, rows: list[_Row]) -> None:
        child_label = re.compile(r"^(?:child|children|child's name|childs name|names? of (?:the )?child(?:ren)?|"
                                 r"young person|young people|pupil|patient|baby|subject|name)\b")
        adult = re.compile(r"\b(?:mother|father|parent|carer|worker|author|chair|gp|school|agency|setting|"
                           r"officer|nurse|visitor|partner)\b")
        ages: dict[str, Age] = {}
        extra: Age | None = None
        for r in rows:
            value = r.value_block.text[r.value_start:]
            if child_label.match(r.label) and not adult.search(r.label):
                for name, seg in _children(value):
                    ages[name] = _age(seg)
            elif r.label in ("dob", "d o b", "date of birth"):
                extra = _age(f"born {value}")
            elif r.label in ("age", "child's age", "childs age"):
                extra = _age(f"aged {value}")
        if len(ages) == 1 and extra is not None:
            (name, age), = ages.items()
            if age.years is None and age.born is None:
                ages[name] = extra
        self.tl.ages = ages

    # -- planned dates ---------------------------------------------------------------------
    def _planned(self) -> None:
        planning = {"plan", "next-meetings"}
        for t in self.doc.tables:
            if t.is_details:
                continue
            rows = self.cells.get(t.index, [])
            actions = {a.block.row for a in table_plan(t, self.doc.records)}
            for r_i, row in enumerate(rows):
                if r_i == 0 and not (planning & t.section_keys):
                    continue
                if r_i in actions or planning & t.section_keys:
                    self._read_planned(row, strict="next-meetings" not in t.section_keys)
        for b in self.doc.blocks:
            if b.kind not in ("paragraph", "list_item") or b.table is not None:
                continue
            run_in = RUN_IN.match(b.text)
            if run_in and "next-meetings" in section_keys_for_heading(run_in.group(1)):
                # 'Next meeting: 2 September 2025, 10am': a section in one line
                self._read_planned([b], strict=False, heading=run_in.group(1))
            elif planning & b.section_keys and "chronology" not in b.section_keys:
                meetings = "next-meetings" in b.section_keys
                self._read_planned([b], strict=not meetings, heading=b.section if meetings else "")

    def _read_planned(self, blocks: list[Block], strict: bool, heading: str = "") -> None:
        """Dates in a row or paragraph, each named by the words since the date before it in the
        same sentence ('the review conference is on'), or, for the first, by the row's other cells or
        the heading ('Next meeting' over '6 November 2025 at 2pm')."""
        rt = self.ctx.report_type
        read = [(b, *read_dates(b.text, self.year)) for b in blocks]
        if not all(clear for _, _, clear in read):
            return
        dated = [(b, f) for b, dates, _ in read for f in dates]
        if len(blocks) > 1 and len(dated) == 1:
            # a table row with one date: the other cells say what it is ('17 June 2025 | Core group')
            b, f = dated[0]
            words = heading + " " + " ".join(c.text if c is not b else c.text[:f.start] + " " + c.text[f.end:]
                                             for c in blocks)
            event, first, conf_minutes = _event(words, rt, strict) or (None, False, False)
            if event is not None and not HISTORY.search(words):
                self.tl.planned.append(Planned(event, DateRef(f.date, b, f.start, f.end, f.has_year),
                                               first=first, conference_minutes=conf_minutes))
            return
        current: tuple[str | None, bool, bool] = (None, False, False)
        context = heading
        for b, dates, _ in read:
            pos = 0
            for f in dates:
                before = b.text[pos:f.start]
                if re.search(r"[.!?]\s", before):  # a new sentence: forget what the last one was about
                    current, context = (None, False, False), ""
                    before = re.split(r"[.!?]\s", before)[-1]
                context += " " + before
                named = _event(context, rt, strict)
                if named is not None:
                    current = named
                elif current[1]:
                    current = (current[0], False, current[2])  # 'the first core group on X and then on Y'
                event, first, conf_minutes = current
                if event is not None and not HISTORY.search(b.text):
                    self.tl.planned.append(Planned(event, DateRef(f.date, b, f.start, f.end, f.has_year),
                                                   first=first, conference_minutes=conf_minutes))
                context = ""
                pos = f.end
            context += " " + b.text[pos:]

    # -- visits ----------------------------------------------------------------------------
    def _visits(self) -> None:
        tl, rt = self.tl, self.ctx.report_type
        if rt == "rcpc-report":
            start = tl.previous_review or (tl.icpc if tl.first_review else None)
            plan_start = tl.icpc or start
            tl.visits_from = start
            if plan_start is None:
                return  # an RCPC report may list visits from before the plan: without its start, say nothing
        elif rt == "core-group-minutes":
            plan_start = tl.conference
            tl.visits_from = tl.conference if tl.first_meeting else None
        else:
            return  # before a plan (ICPC) or not the social worker's record: no visit timescale applies
        tl.plan_start = plan_start
        latest = tl.meeting or tl.report_date or (tl.conference if rt == "rcpc-report" else None)
        groups: dict[str | None, list[Visit]] = {}
        unclear = False
        in_tables: set[int] = set()
        for t in self.doc.tables:
            if t.is_details or not _is_visits_table(t):
                continue
            in_tables.add(t.index)
            got, ok = self._table_visits(t)
            unclear |= not ok
            for v in got:
                groups.setdefault(v.child, []).append(v)
        section_visits, ok = self._section_visits(in_tables)
        unclear |= not ok
        if section_visits:
            groups.setdefault(None, []).extend(section_visits)
        if unclear:
            return
        for mentions in groups.values():
            # The same date named twice ('seen on 2 May and 13 May... seen alone on 2 May') is one visit.
            by_date: dict[dt.date, Visit] = {}
            for v in mentions:
                if v.ref.date in by_date:
                    first = by_date[v.ref.date]
                    first.says_alone = first.says_alone or v.says_alone
                    first.clear = first.clear or v.clear
                else:
                    by_date[v.ref.date] = v
            visits = list(by_date.values())
            # Written without a year and not in order: the year is not certain, so neither is the gap.
            if any(not v.ref.has_year for v in visits) and any(
                    b.ref.date < a.ref.date for a, b in zip(visits, visits[1:], strict=False)):
                continue
            visits = [v for v in visits if (plan_start is None or v.ref.date >= plan_start.date)
                      and (latest is None or v.ref.date <= latest.date)]
            visits.sort(key=lambda v: v.ref.date)
            if visits:
                tl.visits.append(visits)

    def _table_visits(self, t: Table) -> tuple[list[Visit], bool]:
        rows = self.cells.get(t.index, [])
        header = [_norm_label(h) for h in t.header]
        date_col = next((i for i, h in enumerate(header) if re.match(r"^(?:dates?|date (?:of )?(?:visit|contact)|"
                                                                    r"date seen|visit date|when)\b", h)), None)
        if date_col is None:
            return [], True
        alone_col = next((i for i, h in enumerate(header) if re.search(r"\balone\b", h)), None)
        child_col = next((i for i, h in enumerate(header) if i != date_col and re.match(
            r"^(?:child(?:ren)?|name|who was seen|young person)$", h)), None)
        # a column for each child ('Date | Where | Kayla | Mikey'): each cell says whether that child was seen
        per_child = {i: name for i, h in enumerate(t.header) for name in self.tl.ages
                     if i != date_col and re.search(r"\b" + re.escape(name) + r"\b", h)}
        out: list[Visit] = []
        for row in rows[1:]:
            if date_col >= len(row) or len(row) == 1:
                continue
            row_text = " | ".join(c.text for i, c in enumerate(row) if i not in per_child)
            if NOT_A_VISIT.search(row_text):
                continue
            cell = row[date_col]
            dates, clear = read_dates(cell.text, self.year)
            if not clear:
                return [], False
            refs = [DateRef(f.date, cell, f.start, f.end, f.has_year) for f in dates]
            if per_child:
                for i, name in per_child.items():
                    said = row[i].text if i < len(row) else ""
                    if not said.strip() or NOT_A_VISIT.search(said) or NOT_SEEN_CELL.match(said):
                        continue
                    out.extend(Visit(ref, name, not REMOTE.search(said + row_text), bool(SAYS_ALONE.search(said)))
                               for ref in refs)
                continue
            if alone_col is not None and alone_col < len(row):
                says = not re.match(r"^\s*(?:|-+|\?+|tbc|tba|not (?:known|recorded)|unknown|n/?k)\s*\.?\s*$",
                                    row[alone_col].text, re.I)
            else:
                says = bool(SAYS_ALONE.search(row_text))
            child = row[child_col].text.strip() if child_col is not None and child_col < len(row) else None
            out.extend(Visit(ref, child or None, not REMOTE.search(row_text), says) for ref in refs)
        return out, True

    def _section_visits(self, in_tables: set[int]) -> tuple[list[Visit], bool]:
        out: list[Visit] = []
        by_section: dict[str, list[Block]] = {}
        for b in self.doc.blocks:
            if b.kind in ("paragraph", "list_item") and _is_visits_section(b):
                by_section.setdefault(b.section, []).append(b)
        for blocks in by_section.values():
            covered_all = False
            covered: set[dt.date] = set()
            visits: list[Visit] = []
            for b in blocks:
                # a list item is one visit's record; in a paragraph, each sentence is read on its own
                units = [(0, b.text)] if b.kind == "list_item" else \
                    [(sent.start_char, sent.text) for sent in self.ctx.docs[b.index].sents]
                for offset, text in units:
                    dates, clear = read_dates(text, self.year)
                    if not clear:
                        return [], False
                    says = bool(SAYS_ALONE.search(text))
                    if says and not dates and ALL.search(text):
                        covered_all = True
                    if says:
                        covered.update(f.date for f in dates)
                    if not dates or NOT_A_VISIT.search(text):
                        continue
                    clear_visit = (b.kind == "list_item" or bool(SEEN.search(text))) and not REMOTE.search(text)
                    for f in dates:
                        ref = DateRef(f.date, b, offset + f.start, offset + f.end, f.has_year)
                        visits.append(Visit(ref, None, clear_visit, says))
            for v in visits:
                v.says_alone = v.says_alone or covered_all or v.ref.date in covered
            out.extend(visits)
        return out, True


def _is_visits_section(b: Block) -> bool:
    return _visits_heading(b.section)


@cache
def _visits_heading(heading: str) -> bool:
    return bool(VISIT_HEADING.search(heading)) and not OTHER_VISITS.search(heading)


def _is_visits_table(t: Table) -> bool:
    header = " ".join(_norm_label(h) for h in t.header)
    if not re.search(r"\bdates?\b|\bwhen\b", header):
        return False
    if re.search(r"\bseen\b|\bvisits?\b|\balone\b", header) and not OTHER_VISITS.search(header):
        return True
    in_visits = bool(VISIT_HEADING.search(t.section)) and not OTHER_VISITS.search(t.section)
    return in_visits and not re.search(r"\bevent|\bwhat happened\b|\bincident", header)


VISIT_HEADING = re.compile(r"\b(?:dates?|times?|when)\b.{0,30}\b(?:seen|saw|visited)\b|\bseen alone\b|\bvisits?\b|"
                           r"\bvisited\b|\bvisiting\b", re.I)
OTHER_VISITS = re.compile(r"\bcontact\b|\bfamily time\b|\bsupervised\b|\bfather'?s?\b|\bmother'?s?\b|\bparents?'?\b",
                          re.I)
SEEN = re.compile(r"\b(?:saw|seen|see|visit(?:ed|s)?|met|home visit)\b", re.I)
SAYS_ALONE = re.compile(
    r"\balone\b|\bon (?:his|her|their) own\b|\bby (?:him|her|them)sel(?:f|ves)\b|\bprivately\b|\bone[- ]to[- ]one\b|"
    r"\bwith (?:his|her|their|the|both|mum|mummy|mother|dad|daddy|father|parents?|carers?|grand\w+|nan|nana|"
    r"(?:step-?)?(?:brother|sister|siblings?)|foster carers?|teacher|staff)\b|\bpresent\b", re.I)
ALL = re.compile(r"\b(?:all|both|each|every)\b", re.I)
# A date in a visits section that is not a visit where the child was seen: cancelled, no one in, or still to come.
NOT_A_VISIT = re.compile(
    r"\bcancel(?:l?ed|s|lation)?\b|\bno access\b|\bno answer\b|\bno[- ]?one (?:was )?(?:at )?home\b|\bnobody\b|"
    r"\b(?:did not|didn't|could not|couldn't|was unable to|were unable to) (?:go ahead|happen|take place|see|visit|"
    r"be seen)\b|\b(?:not|never) (?:be )?(?:seen|visited|at home|in)\b(?!\s+alone)|\bmissed (?:the |a |this )?visit|"
    r"\bvisit was missed\b|\b(?:is|are|was|were) (?:planned|booked|arranged) for\b|\bplanned for\b|\bbooked for\b|"
    r"\bnext visit\b|\bwill (?:be )?(?:visit|see|seen)\b|\bis due\b|\bdue on\b|\brefused\b", re.I)
NOT_SEEN_CELL = re.compile(r"^\s*(?:no|n|-+|x|n/?a|none|absent|away|out)\s*\.?\s*$", re.I)
# Seen, but not in person: counts towards how often the child was in touch, not as a visit to ask 'alone?' of.
REMOTE = re.compile(r"\bphone\b|\btelephone\b|\bvideo\b|\bvirtual\b|\bonline\b|\bteams\b|\bzoom\b", re.I)
HISTORY = re.compile(r"\b(?:was|were) (?:held|sent|circulated|done)\b|\btook place\b|\bhas been held\b", re.I)

MINUTES = re.compile(r"\bminutes\b", re.I)
SEND = re.compile(r"\b(?:send|sent|circulat\w*|distribut\w*|shar\w*|issu\w*|typed|out|email\w*|post\w*|receive\w*|"
                  r"get|have)\b", re.I)
EVENT_WORDS = re.compile(
    r"(?P<minutes>\bminutes\b)|(?P<cg>\bcore[- ]group\b|\bcgm\b)|"
    r"(?P<review>\breview (?:child protection )?(?:case )?conference\b|\brcpc\b|\bnext (?:child protection )?"
    r"conference\b|\breview (?:cp )?conference\b)|(?P<next_meeting>\bnext meeting\b)|"
    r"(?P<other>\bvisit\w*\b|\bconference\b|\bappointment\b|\bsession\b|\bcourse\b|\bcourt\b|\bhearing\b|"
    r"\bassessment\b|\breport\b)", re.I)


def _event(context: str, report_type: str, strict: bool = False) -> tuple[str | None, bool, bool] | None:
    """What the words before a date say it is the date of.

    Returns (event, first, conference minutes). The event is None when the words name something
    else (a visit, a course) or name two different meetings, so which is meant is not clear. The
    whole result is None when the words name nothing: the date is the same kind as the last one.
    `strict` (an action, not a list of meetings): 'core group' counts only as 'the next/first core
    group', since 'Share the plan at the core group | 2 April' dates the sharing, not a meeting.
    """
    kinds: set[str] = set()
    first = False
    for m in EVENT_WORDS.finditer(context):
        kind = m.lastgroup or "other"
        if kind == "next_meeting":
            kind = "cg" if report_type == "core-group-minutes" else "other"
        if kind == "cg":
            qualifier = re.search(r"\b(first|1st|initial|next|following)\s+$", context[:m.start()], re.I)
            if qualifier and qualifier.group(1).lower() in ("first", "1st", "initial"):
                first = True
            if strict and not qualifier:
                kind = "other"
        kinds.add(kind)
    if not kinds:
        return None
    if "minutes" in kinds:
        if not SEND.search(context):
            return (None, False, False)
        conf = bool(re.search(r"\bconference\b|\bicpc\b|\brcpc\b", context, re.I)) or report_type == "chairs-letter"
        core = bool(re.search(r"\bcore group\b|\bthese minutes\b|\bthis meeting\b", context, re.I)) or \
            report_type == "core-group-minutes"
        if conf == core:
            return (None, False, False)  # which meeting's minutes is not clear
        return ("minutes", False, conf)
    if len(kinds) > 1:
        return (None, False, False)
    kind = kinds.pop()
    if kind == "cg":
        return ("core-group", first, False)
    if kind == "review":
        return ("review", False, False)
    return (None, False, False)


def _kind(text: str) -> str | None:
    t = text.lower()
    initial = bool(re.search(r"\binitial\b|\bicpc\b", t))
    review = bool(re.search(r"\breview\b|\brcpc\b", t))
    if initial == review:
        return None
    return "icpc" if initial else "rcpc"


def _children(value: str) -> list[tuple[str, str]]:
    """('Skye', 'Skye Henderson (11)') for each child named in a details value."""
    parts = re.split(r",\s*(?=[A-Z])|\s+(?:and|&)\s+(?=[A-Z])|;\s*|/\s*(?=[A-Z])", value)
    out: list[tuple[str, str]] = []
    for p in parts:
        m = re.match(r"\s*([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", p)
        if m and not re.match(r"\s*(?:DOB|D\.O\.B|Date|Aged?|Year|Born|Unborn|Baby|Not|Male|Female)\b", p) \
                and m.group(1) not in ("Mr", "Ms", "Mrs", "Miss", "Master"):
            out.append((m.group(1), p))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + ", " + p)
    return out


def _age(text: str) -> Age:
    t = text.lower()
    if re.search(r"\bunborn\b|\bpre-?birth\b|\bexpected\b|\bdue date\b|\bedd\b", t):
        return Age(years=0.0)
    if m := re.search(r"\b(?:dob|d\.o\.b\.?|date of birth|born)\b", t):
        dates = find_dates(text[m.end():], None)
        if dates and dates[0].has_year:
            return Age(born=dates[0].date)
    if m := re.search(r"\baged?\s*:?\s*(\d{1,2})\s*(months?|weeks?|days?|mths?)\b", t) or \
            re.search(r"\b(\d{1,2})\s*(months?|weeks?|days?|mths?)\s*(?:old)?\b", t):
        n, unit = int(m.group(1)), m.group(2)
        return Age(years=n / 12 if unit.startswith("m") else n / 52 if unit.startswith("w") else n / 365)
    if m := re.search(r"\baged?\s*:?\s*(\d{1,2})\b", t) or re.search(r"\((\d{1,2})\)", t) or \
            re.search(r"\b(\d{1,2})\s*(?:years?|yrs?)(?:\s*old)?\b|\b(\d{1,2})\s*y/?o\b", t):
        return Age(years=float(next(g for g in m.groups() if g)))
    if m := re.search(r"\byear (\d{1,2})\b", t):
        return Age(years=float(int(m.group(1)) + 5))
    return Age()
