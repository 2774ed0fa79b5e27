"""Make documents from a checked case: the words from Jinja templates, the dates from cpdocs.timescales.

Each document is rendered once, as simple HTML, by a sandboxed Jinja environment with
autoescaping: case text is data, so `<script>`, `{{ 7*7 }}` or `{% include %}` in a case file
appears as those characters and is never run. That one HTML then becomes:

- HTML: the page template around it, with the CSS inlined (one self-contained file);
- PDF: the same page, laid out by WeasyPrint as tagged PDF/UA with a title and language;
- Word: its headings, paragraphs, lists and tables added to a docxtpl template at `{{p body }}`.

Nothing is written here except by `write_outputs`, which writes every file whole (a temporary
file in the same folder, then renamed) and never replaces a file without `force`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from cpdocs import timescales
from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.generate import pictures
from cpdocs.generate.case import Case, Child
from cpdocs.generate.html_to_docx import Box, Para, Pictures, Table, body_elements, parse
from cpdocs.standards import report_types, sections

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_DOCX = TEMPLATES / "document.docx"
LARGE_DOCX = TEMPLATES / "easy-read.docx"  # Easy Read and the child's pack: larger print, pictures
CSS = TEMPLATES / "cpdocs.css"
LARGE_CSS = TEMPLATES / "easy-read.css"
STYLES = ("standard", "easy-read", "child")

DOCUMENTS = ("chairs-letter", "core-group-minutes", "agency-report", "icpc-report", "rcpc-report")
REPORTS = ("agency-report", "icpc-report", "rcpc-report")
FORMATS = ("docx", "pdf", "html")

CONFERENCE_WORDS = {
    "initial": ("initial child protection conference",
                "the first meeting to decide whether a child needs a plan to keep them safe"),
    "review": ("review child protection conference",
               "a meeting to check how the plan to keep a child safe is working"),
    "pre-birth": ("pre-birth child protection conference",
                  "a meeting to decide whether a baby will need a plan to keep them safe"),
}


# --- formatting filters ------------------------------------------------------------------------

def long_date(d: dt.date | None) -> str:
    """'Tuesday 22 April 2025': the day of the week helps people, and there is no doubt about the order."""
    if d is None:
        return ""
    return f"{d:%A} {d.day} {d:%B %Y}"


def clock(t: dt.time | None) -> str:
    """'10am', '10:30am', '2pm', '12 noon'."""
    if t is None:
        return ""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    h = t.hour % 12 or 12
    minutes = f":{t.minute:02d}" if t.minute else ""
    return f"{h}{minutes}{'am' if t.hour < 12 else 'pm'}"


def and_list(items: Iterable[str]) -> str:
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def first_names(names: Iterable[str]) -> list[str]:
    return [n.split()[0] for n in names]


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, clock=clock, and_list=and_list, first_names=first_names)
    env.globals.update(picture=pictures.img)
    return env


# --- what the templates see -----------------------------------------------------------------------

@dataclass
class Slot:
    """A meeting in a table: agreed (date, time, place known) or only the latest date allowed."""

    name: str
    date: dt.date
    time: dt.time | None = None
    venue: str | None = None
    agreed: bool = True
    who: str = ""
    note: str = ""


@dataclass
class Recipient:
    name: str
    kind: str  # family, child or professional
    description: str = ""
    address: list[str] = field(default_factory=list)
    email: str | None = None
    attended: bool = False


@dataclass
class Team:
    name: str
    phone: str | None
    email: str | None


@dataclass
class Subject:
    """How the letter names a child: 'Amara needs', or 'you need' in the child's own letter."""

    name: str
    obj: str
    poss: str
    poss_cap: str
    need: str
    need_bare: str
    has: str
    does: str


@dataclass
class Rendered:
    document: str
    title: str
    body: str  # escaped HTML
    stem: str  # the file name without its extension
    partnership: str = ""
    style: str = "standard"  # or easy-read / child: larger print and pictures (STYLES)
    band: str = ""  # the child's pack: which age band's wording (5-7, 8-12, 13+)

    @property
    def large(self) -> bool:
        return self.style != "standard"


class View:
    """Everything a template needs, worked out here so that templates only arrange words."""

    def __init__(self, doc: str, case: Case | None, cfg: Config | None):
        self.doc = doc
        self.case = case
        self.cfg = cfg
        self.t = timescales.timescales(cfg)
        self.sections = sections()
        self.prompts = {k: s.prompt for k, s in self.sections.items()}
        self.spec = report_types()[doc]
        self.recipient: Recipient | None = None
        self.report = None
        self.report_deadlines = None
        if case is None:
            self.report_details = _blank_details(doc)
            return
        c = case.conference
        self.conference = c
        self.sw = case.social_worker
        self.conference_words, explanation = CONFERENCE_WORDS[c.type]
        self.conference_explained = f"{self.conference_words} ({explanation})"
        self.kids_first = and_list(k.name if k.unborn else k.first_name for k in case.children)
        self.kids_full = and_list(k.name for k in case.children)
        self.children_details = "; ".join(_child_detail(k) for k in case.children)
        self.letter_date = c.date
        self.chairs_letter_due = timescales.add_working_days(c.date, self.t["chairs_letter_working_days"], cfg)
        self.confirm_by = timescales.add_working_days(c.date, self.t["chairs_letter_working_days"] + 1, cfg)
        self.challenge_by = timescales.add_working_days(self.letter_date, self.t["challenge_working_days"], cfg)
        p = case.partnership
        self.team = Team(p.conference_team or "the child protection conference team",
                         p.conference_team_phone or p.phone, p.conference_team_email or p.email)
        self.has_core_group = any(k.decision == "child-protection-plan" for k in case.children)
        self.people = _people(case)
        self.core_group_who = self._core_group_who()
        self.review = self._review()
        self.first_core_group = self._first_core_group()
        self.meetings = self._letter_meetings() if self.has_core_group else []
        self.fathers = [m for m in case.family if m.is_father]
        self.parent_views = [m for m in case.family if m.views]
        self.seen = [(k, s) for k in case.children for s in k.seen]
        self.said = [(k, w) for k in case.children for w in k.said]
        self.recipients = letter_recipients(case)
        self.sent_to = [f"{r.name} ({r.description})" if r.description else r.name for r in self.recipients]
        if doc in REPORTS:
            self.report = case.reports.get(doc)
            self.report_deadlines = self._report_deadlines()
            self.report_details = self._report_details()
        if doc == "core-group-minutes":
            self._minutes()

    # people and meetings
    def _core_group_who(self) -> str:
        case = self.case
        names = case.core_group.members or (
            [m.name for m in case.family if m.parental_responsibility or m.lives_with_children]
            + [self.sw.name] + [p.name for p in case.professionals if p.core_group])
        return and_list(self.people.get(n, n) for n in dict.fromkeys(names))

    def _review(self) -> Slot:
        c = self.case.conference
        name = "Review child protection conference"
        who = "The family and the professionals invited to this conference"
        if c.review:
            return Slot(name, c.review.date, c.review.time, c.review.venue, True, who)
        note = ""
        if c.type == "initial":
            due = timescales.add_months(c.date, self.t["first_rcpc_months"], self.cfg)
        elif c.type == "review":
            due = timescales.add_months(c.date, self.t["later_rcpc_months"], self.cfg)
        else:
            births = [k.date_of_birth for k in self.case.children if k.date_of_birth and k.date_of_birth > c.date]
            d = timescales.pre_birth_review(c.date, min(births) if births else None, self.cfg)
            due = d.due
            if not births:
                note = (f"or within {self.t['pre_birth_rcpc_months_after_birth']} month of the birth, "
                        "if that is sooner")
        return Slot(name, due, None, None, False, who, note)

    def _first_core_group(self) -> Slot:
        c = self.case.conference
        agreed = [m for m in self.case.core_group.meetings if m.date >= c.date]
        name = "First core group meeting" if c.type != "review" else "Next core group meeting"
        if agreed:
            m = agreed[0]
            return Slot(name, m.date, m.time, m.venue, True, self.core_group_who)
        if c.type == "review":
            due = timescales.previous_working_day(c.date + dt.timedelta(weeks=self.t["core_group_interval_weeks"]),
                                             self.cfg)
        else:
            due = timescales.add_working_days(c.date, self.t["first_core_group_working_days"], self.cfg)
        return Slot(name, due, None, None, False, self.core_group_who)

    def _letter_meetings(self) -> list[Slot]:
        rows = [self.first_core_group]
        later = [m for m in self.case.core_group.meetings if m.date > self.first_core_group.date
                 and m.date < self.review.date]
        rows += [Slot("Core group meeting", m.date, m.time, m.venue, True, self.core_group_who) for m in later]
        return rows + [self.review]

    def short_names(self, names: Iterable[str]) -> list[str]:
        """'Amara' for Amara Okafor; an unborn child keeps the whole name ('Baby Harper')."""
        kids = {k.name: k for k in self.case.children}
        return [n if n in kids and kids[n].unborn else n.split()[0] for n in names]

    def subject(self, child: Child) -> Subject:
        r = self.recipient
        if r is not None and r.kind == "child" and r.name == child.name:
            return Subject("you", "you", "your", "Your", "need", "need", "have", "do")
        n = child.name if child.unborn else child.first_name
        poss = f"{n}'s"
        return Subject(n, n, poss, poss, "needs", "needs", "has", "does")

    # reports
    def _report_deadlines(self) -> dict[str, dt.date]:
        c = self.case.conference
        kind = "rcpc" if c.type == "review" else "icpc"
        before = {d.event: d.due for d in timescales.deadlines(kind, c.date, self.cfg)}
        return {"admin": before["reports-to-admin"], "parents": before["reports-to-parents"]}

    def _report_details(self) -> list[tuple[str, str]]:
        c = self.case.conference
        r = self.report
        when = long_date(c.date) + (f" at {clock(c.time)}" if c.time else "")
        return [
            ("Children", self.children_details),
            ("Conference", f"{self.conference_words[0].upper()}{self.conference_words[1:]}, {when}, {c.venue}"),
            ("Social worker", f"{self.sw.name}, {self.sw.team}"),
            ("Author", ", ".join(x for x in (r.author, r.role) if x) if r else ""),
            ("Agency", (r.agency or "") if r else ""),
        ]

    # core group minutes
    def _minutes(self) -> None:
        case = self.case
        m = case.core_group.minutes
        agreed = case.core_group.meetings
        date = (m.date if m and m.date else None) or (agreed[0].date if agreed else self.first_core_group.date)
        same = next((a for a in agreed if a.date == date), None)
        self.minutes = _Minutes(
            date=date,
            time=(m.time if m and m.time else None) or (same.time if same else None),
            venue=(m.venue if m and m.venue else None) or (same.venue if same else None),
            chair=m.chair if m else None,
            minute_taker=m.minute_taker if m else None,
            attended=[self.people.get(n, n) for n in (m.attended if m else [])],
            apologies=[self.people.get(n, n) for n in (m.apologies if m else [])],
            disagreements=m.disagreements if m else [],
            due=timescales.add_working_days(date, self.t["core_group_minutes_working_days"], self.cfg),
            attended_names=list(m.attended if m else []),
            apology_names=list(m.apologies if m else []),
        )
        later = [a for a in agreed if a.date > date]
        if later:
            rows = [Slot("Core group meeting", a.date, a.time, a.venue, True, self.core_group_who)
                    for a in later if a.date < self.review.date]
        else:
            schedule = timescales.core_group_schedule(date, self.review.date, self.cfg)[1:]
            rows = [Slot("Core group meeting", d, None, None, False, self.core_group_who) for d in schedule]
        self.meetings = rows + [self.review]
        gps = [p for p in case.professionals if p.is_gp]
        members = case.core_group.members or [p.name for p in case.professionals if p.core_group]
        names = list(dict.fromkeys(
            list(members) + [f.name for f in case.family if f.parental_responsibility or f.lives_with_children]
            + [self.sw.name]))
        self.minutes_to = [self.people.get(n, n) for n in names]
        self.minutes_to += [f"{g.name} ({g.role}, {g.agency}), who always receives the minutes as the children's doctor"
                            for g in gps if g.name not in names]
        self.minutes_to.append(f"{case.conference.chair.name} (chair of the conference)")
        self.gps = gps


@dataclass
class _Minutes:
    date: dt.date
    time: dt.time | None
    venue: str | None
    chair: str | None
    minute_taker: str | None
    attended: list[str]
    apologies: list[str]
    disagreements: list[str]
    due: dt.date
    attended_names: list[str]
    apology_names: list[str]


def _child_detail(k: Child) -> str:
    if k.unborn:
        return f"{k.name} (unborn, expected {long_date(k.expected_date_of_birth)})"
    return f"{k.name} (born {long_date(k.date_of_birth)})"


def _blank_details(doc: str) -> list[tuple[str, str]]:
    if doc == "core-group-minutes":
        return [("Children", ""), ("Date and time", ""), ("Venue", ""), ("Chair", ""), ("Minutes taken by", ""),
                ("Social worker", "")]
    if doc == "chairs-letter":
        return [("Children", ""), ("Conference", ""), ("Date and time", ""), ("Chair", ""), ("Social worker", "")]
    return [("Children", ""), ("Conference", ""), ("Date of conference", ""), ("Author", ""), ("Agency", "")]


def _people(case: Case) -> dict[str, str]:
    """Name -> 'Name (relationship or role)', for lists of who is expected and who came."""
    out = {f.name: f"{f.name} ({f.relationship})" for f in case.family}
    out.update({p.name: f"{p.name} ({p.role}, {p.agency})" for p in case.professionals})
    sw = case.social_worker
    out.setdefault(sw.name, f"{sw.name} (social worker)")
    out.update({k.name: f"{k.name} (child)" for k in case.children})
    return out


def letter_recipients(case: Case) -> list[Recipient]:
    """Each parent and carer at their own address, each child whose letter the case asks for, and
    every professional (SSP Multi-Agency Standards, Conference documents 1)."""
    out: list[Recipient] = []
    home = next((f.address for f in case.family if f.lives_with_children and f.address), None) or []
    for f in case.family:
        if f.receives_letter:
            out.append(Recipient(f.name, "family", f.relationship, list(f.address or []), None, f.attended))
    for k in case.children:
        if k.receives_letter and not k.unborn:
            out.append(Recipient(k.name, "child", "", list(k.address or home), None, False))
    for p in case.professionals:
        if p.receives_letter:
            out.append(Recipient(p.name, "professional", f"{p.role}, {p.agency}", list(p.address or []), p.email,
                                 p.attended))
    sw = case.social_worker
    if sw.name not in {p.name for p in case.professionals}:
        out.append(Recipient(sw.name, "professional", f"social worker, {sw.team}", [], sw.email, True))
    return out


# --- rendering --------------------------------------------------------------------------------------

def render_html(template: str, view: Any) -> str:
    """The document's HTML from a template and the view it reads (`v` in the template)."""
    try:
        return environment().get_template(template).render(v=view)
    except TemplateError as exc:  # a bug in a template, not in the case: say which template
        raise InputError(TEMPLATES / template, f"template error: {exc}") from None


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def check_fits(doc: str, case: Case, case_path: Path | str) -> None:
    t = case.conference.type
    if doc == "icpc-report" and t == "review":
        raise InputError(case_path, "an icpc-report is for an initial or pre-birth conference, and this case is "
                                    "a review conference: use rcpc-report or agency-report")
    if doc == "rcpc-report" and t != "review":
        raise InputError(case_path, f"an rcpc-report is for a review conference, and this case is {_a(t)} {t} "
                                    "conference: use icpc-report or agency-report")
    if doc == "core-group-minutes" and not any(k.decision == "child-protection-plan" for k in case.children):
        raise InputError(case_path, "core group minutes are for a child protection plan, and no child in this "
                                    "case has one")
    if doc == "core-group-minutes" and not any(p.is_gp for p in case.professionals):
        raise InputError(case_path, "the case names no GP: add the children's GP to professionals with 'gp: yes' "
                                    "(the GP always receives the core group minutes)")


def render_document(doc: str, case: Case, cfg: Config | None = None, case_path: Path | str = "case") -> list[Rendered]:
    """The document `doc` for this case: one Rendered per recipient for a chair's letter."""
    if doc not in DOCUMENTS:
        raise InputError(case_path, f"unknown document {doc!r} (use one of {', '.join(DOCUMENTS)})")
    check_fits(doc, case, case_path)
    view = View(doc, case, cfg)
    family = slug(case.surname)
    if doc == "chairs-letter":
        out, used = [], set()
        for r in view.recipients:
            view.recipient = r
            stem = f"{case.conference.date.isoformat()}_{doc}_{family}_{slug(r.name)}"
            n = 2
            while stem in used:
                stem = f"{case.conference.date.isoformat()}_{doc}_{family}_{slug(r.name)}-{n}"
                n += 1
            used.add(stem)
            title = f"Chair's letter to {r.name}: {view.conference_words}, {long_date(case.conference.date)}"
            out.append(Rendered(doc, title, render_html("chairs-letter.html.j2", view), stem, case.partnership.name))
        return out
    if doc == "core-group-minutes":
        date = view.minutes.date
        title = f"Core group minutes, {case.surname} family, {long_date(date)}"
        return [Rendered(doc, title, render_html("core-group-minutes.html.j2", view),
                         f"{date.isoformat()}_{doc}_{family}", case.partnership.name)]
    title = f"{view.spec.title}, {case.surname} family, {long_date(case.conference.date)}"
    return [Rendered(doc, title, render_html("report.html.j2", view),
                     f"{case.conference.date.isoformat()}_{doc}_{family}", case.partnership.name)]


def render_blank(doc: str, cfg: Config | None = None) -> Rendered:
    """A blank document of this type: each required heading with a prompt saying what to write."""
    if doc not in DOCUMENTS:
        raise InputError(doc, f"unknown report type (use one of {', '.join(DOCUMENTS)})")
    view = View(doc, None, cfg)
    return Rendered(doc, view.spec.title, render_html("report.html.j2", view), doc)


# --- formats ----------------------------------------------------------------------------------------

def page_html(r: Rendered, css_extra: Path | None = None) -> str:
    css = CSS.read_text(encoding="utf-8")
    if r.large:
        css += "\n" + LARGE_CSS.read_text(encoding="utf-8")
    if css_extra is not None:
        try:
            css += "\n/* " + css_extra.name.replace("*/", "") + " */\n" + css_extra.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(css_extra, f"cannot be read as a stylesheet ({exc})") from None
    band = "band-" + slug(r.band) if r.band else ""
    return environment().get_template("page.html.j2").render(
        title=r.title, css=Markup(css.replace("</", "<\\/")), body=Markup(r.body),
        body_class=" ".join(x for x in (r.style, band) if x))


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _fetcher():
    from weasyprint.urls import URLFetcher

    # Local files (an authority's logo) and data: URLs only. cpdocs never goes on the network.
    return URLFetcher(allowed_protocols={"file", "data"}, timeout=1)


def pdf_bytes(r: Rendered, css_extra: Path | None = None) -> bytes:
    from weasyprint import HTML

    base = str((css_extra.parent if css_extra else TEMPLATES).resolve()) + os.sep
    html = HTML(string=page_html(r, css_extra), base_url=base, url_fetcher=_fetcher())
    return html.write_pdf(pdf_variant="pdf/ua-1", font_config=_font_config(), uncompressed_pdf=False)


def _load_template(template: Path | None):
    from docxtpl import DocxTemplate

    path = template or DEFAULT_DOCX
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.startswith(b"PK\x03\x04"):
        raise InputError(path, "is not a Word template (.docx); save it from Word as a .docx file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise InputError(path, "is not a Word document (.docx)")
    except zipfile.BadZipFile:
        raise InputError(path, "is damaged: it cannot be opened as a Word file") from None
    try:
        return DocxTemplate(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(path, f"cannot be opened as a Word template ({type(exc).__name__})") from None


@cache
def _checked_template(path: str, mtime: float) -> None:
    """An authority's template must say where the document goes."""
    tpl = _load_template(Path(path))
    try:
        names = tpl.get_undeclared_template_variables(SandboxedEnvironment())
    except TemplateError as exc:
        raise InputError(path, f"has a template error: {exc}") from None
    if "body" not in names:
        raise InputError(path, "has no {{p body }} line: add a line with just {{p body }} where the document "
                               "should go")


MARKER = "cpdocs-body-d41d8cd98f00b204"


def docx_bytes(r: Rendered, template: Path | None = None) -> bytes:
    """The Word file. An authority's own template (`--template`) is for the standard documents;
    Easy Read and the child's pack keep cpdocs' large-print template, so they never shrink to 11 pt."""
    if r.large:
        template = None
    if template is not None:
        _checked_template(str(template.resolve()), template.stat().st_mtime)
    tpl = _load_template(template or (LARGE_DOCX if r.large else None))
    marker = Markup(f'<w:p><w:r><w:t>{MARKER}</w:t></w:r></w:p>')
    context: dict[str, Any] = {"body": marker, "partnership": r.partnership, "title": r.title,
                               "document": r.document}
    try:
        tpl.render(context, jinja_env=SandboxedEnvironment(undefined=Undefined), autoescape=True)
    except TemplateError as exc:
        raise InputError(template or DEFAULT_DOCX, f"template error: {exc}") from None
    doc = tpl.docx
    _insert_body(doc, r.body, template or (LARGE_DOCX if r.large else DEFAULT_DOCX))
    props = doc.core_properties
    props.title = r.title[:250]
    props.language = "en-GB"
    props.author = r.partnership or "cpdocs"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _insert_body(doc, html: str, template: Path) -> None:
    """Put the document where the template's {{p body }} was: build it at the end of the body
    with the template's own styles, then move it in front of the marker and drop the marker."""
    body = doc.element.body
    marker = next((p for p in body.iter(qn("w:p")) if MARKER in "".join(t.text or "" for t in p.iter(qn("w:t")))),
                  None)
    if marker is None:
        raise InputError(template, "has no {{p body }} line: add a line with just {{p body }} where the document "
                                   "should go")
    for el in body_elements(doc, html, Pictures(pictures.png, pictures.alt)):
        marker.addprevious(el)
    marker.getparent().remove(marker)


def markdown_text(r: Rendered) -> str:
    """The document as Markdown (for `cpdocs new -o report.md`)."""
    out: list[str] = []
    for item in parse(r.body):
        if isinstance(item, Box):
            out += ["| " + item.title + " |", "|---|", "| |", ""]
            continue
        if isinstance(item, Table):
            rows = [[" ".join("".join(x.text for x in p.runs) for p in c.paras).replace("|", "\\|") for c in row]
                    for row in item.rows if row]
            if not rows:
                continue
            n = max(len(x) for x in rows)
            rows = [x + [""] * (n - len(x)) for x in rows]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "---|" * n)
            out += ["| " + " | ".join(x) + " |" for x in rows[1:]]
            out.append("")
            continue
        para: Para = item
        text = "".join(x.text for x in para.runs).replace("\n", "  \n")
        prefix = {"h1": "# ", "h2": "## ", "h3": "### ", "li-ul": "- ", "li-ol": "1. "}.get(para.kind, "")
        if "prompt" in para.cls.split():
            text = f"_{text}_"
        out.append(prefix + text)
        if not para.kind.startswith("li"):
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_bytes(r: Rendered, fmt: str, template: Path | None = None, css: Path | None = None) -> bytes:
    if fmt == "docx":
        return docx_bytes(r, template)
    if fmt == "pdf":
        return pdf_bytes(r, css)
    if fmt == "html":
        return page_html(r, css).encode("utf-8")
    if fmt == "md":
        return markdown_text(r).encode("utf-8")
    raise ValueError(fmt)


# --- writing ----------------------------------------------------------------------------------------

def output_paths(rendered: list[Rendered], formats: Iterable[str], outdir: Path) -> list[tuple[Rendered, str, Path]]:
    return [(r, fmt, outdir / f"{r.stem}.{fmt}") for r in rendered for fmt in formats]


def write_outputs(rendered: list[Rendered], formats: Iterable[str], outdir: Path, force: bool = False,
                  template: Path | None = None, css: Path | None = None) -> list[Path]:
    """Render every file in memory first, then write them: a problem found on the way leaves nothing."""
    plan = output_paths(rendered, formats, outdir)
    if not force:
        for _, _, path in plan:
            if path.exists():
                raise InputError(path, "already exists; use --force to replace it")
    if outdir.exists() and not outdir.is_dir():
        raise InputError(outdir, "is a file, not a folder")
    made = [(path, to_bytes(r, fmt, template, css)) for r, fmt, path in plan]
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for path, data in made:
        write_whole(path, data, force)
        written.append(path)
    return written
