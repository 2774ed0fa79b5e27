"""The case file: what a conference decided, about whom, and what happens next.

A case file is YAML or JSON, checked here against a pydantic model before any document is
made. Every problem is reported at once, each as `FILE: field.path: what is wrong`, and
never with the value itself (it may be a child's details). `cpdocs schema` prints the JSON
Schema of `Case`, so other systems can write case files.

Paths count from 0, like every JSON tool: `children[0]` is the first child.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from cpdocs.errors import InputError
from cpdocs.standards import sections

MAX_BYTES = 5 * 1024 * 1024

# --- friendly scalar types ---------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y")
# Written like a date (digits in a date's places) but maybe not a real one: 2025-13-22, 30/02/2025.
DATE_SHAPED = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$")


def _date(v: Any) -> Any:
    """A date as YAML gives it, or '2025-03-14', '14/03/2025', '14 March 2025' (never month first)."""
    if isinstance(v, dt.datetime):
        return v.date() if v.time() == dt.time() else v  # a time of day makes it not a date
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        s = " ".join(v.split())
        for f in DATE_FORMATS:
            try:
                return dt.datetime.strptime(s, f).date()
            except ValueError:
                continue
        if DATE_SHAPED.match(s):
            raise PydanticCustomError("date_not_real", "not a real date")
    raise PydanticCustomError("date_parsing", "not a date")


TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.I)


def _time(v: Any) -> Any:
    """'10:30', '14:00', '2pm', '2.30pm'. YAML reads an unquoted 10:30 as the number 630 (minutes,
    in base 60); that is turned back into 10:30."""
    if isinstance(v, dt.time):
        return v
    if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 24 * 60:
        return dt.time(v // 60, v % 60)
    if isinstance(v, str):
        m = TIME.match(v.strip())
        if m:
            h, mins, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower().replace(".", "")
            if ampm == "pm" and h < 12:
                h += 12
            elif ampm == "am" and h == 12:
                h = 0
            if (ampm or m.group(2)) and h < 24 and mins < 60:
                return dt.time(h, mins)
    raise PydanticCustomError("time_parsing", "not a time")


def _lines(v: Any) -> Any:
    """An address as a list of lines, or as one text with a line (or a comma) between parts."""
    if isinstance(v, str):
        parts = v.splitlines() if "\n" in v else v.split(",")
        return [p.strip() for p in parts if p.strip()]
    return v


def _paragraphs(v: Any) -> Any:
    """Text given either as one block or as a list of paragraphs."""
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"\n\s*\n", v) if p.strip()]
    return v


def _category(v: Any) -> Any:
    if isinstance(v, str):
        s = v.strip().lower()
        return re.sub(r"\s+abuse$", "", s)
    return v


Day = Annotated[dt.date, BeforeValidator(_date)]
TimeOfDay = Annotated[dt.time, BeforeValidator(_time)]
Text = Annotated[str, Field(min_length=1)]
Address = Annotated[list[Text], BeforeValidator(_lines), Field(min_length=1)]
Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs)]
Category = Annotated[Literal["neglect", "physical", "emotional", "sexual"], BeforeValidator(_category)]

# Words that do not say who or when (Swindon CSC Quality Standards 4.2). An action containing one
# is refused here, so a document made from a case never carries them.
VAGUE = re.compile(r"\b(ongoing|on-going|asap|a\.s\.a\.p\.?|tbc|tba|tbd|as appropriate|as required|as needed|"
                   r"when necessary|as and when|regularly|in due course)\b", re.I)
NOBODY = re.compile(r"^\s*(tbc|tba|tbd|to be (confirmed|agreed|allocated)|all|everyone|everybody|all agencies|"
                    r"all professionals|professionals|agencies|the core group|core group|core group members|"
                    r"the network|network|family|the family|unknown|n/?a|none)\s*\.?\s*$", re.I)


def problem(field: str, text: str) -> PydanticCustomError:
    """A problem with one field, raised from a model validator so that it names the field."""
    return PydanticCustomError("cpdocs", "{field}: {problem}", {"field": field, "problem": text})


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- the model -----------------------------------------------------------------------------------

class Partnership(Base):
    name: Text = Field(description="The safeguarding partnership, e.g. 'Brookfield Safeguarding Partnership'.")
    authority: str | None = Field(None, description="The council's children's services, for the letter heading.")
    address: Address | None = Field(None, description="Postal address for the letter heading.")
    phone: str | None = None
    email: str | None = None
    conference_team: str | None = Field(
        None, description="Who to contact about a conference decision, e.g. 'the Child Protection Conference team'.")
    conference_team_phone: str | None = None
    conference_team_email: str | None = None
    challenge: Paragraphs | None = Field(
        None, description="Your own words on how to challenge a conference decision; replaces the standard wording.")


class Person(Base):
    name: Text
    phone: str | None = None
    email: str | None = None


class Meeting(Base):
    date: Day
    time: TimeOfDay | None = None
    venue: str | None = None


class Conference(Base):
    type: Literal["initial", "review", "pre-birth"] = Field(description="initial, review or pre-birth")
    date: Day
    time: TimeOfDay | None = None
    venue: Text
    chair: Person
    strategy_discussion: Day | None = Field(None, description="Date of the strategy discussion (initial conferences).")
    previous_conference: Day | None = Field(None, description="Date of the last conference (review conferences).")
    review: Meeting | None = Field(
        None, description="The next review conference as agreed; left out, cpdocs works out the latest date allowed.")


class Visit(Base):
    date: Day
    alone: bool = Field(description="Was the child seen alone (or, for a baby, seen awake)?")
    by: Text = Field(description="Who saw the child, e.g. 'Priya Shah (social worker)'.")
    where: str | None = None


class ChildWords(Base):
    words: Text = Field(description="What the child said, in their own words.")
    date: Day | None = None
    to: str | None = Field(None, description="Who the child said it to.")


Band = Literal["5-7", "8-12", "13+"]


class ForChild(Base):
    """What the social worker writes for the child to read in their own pack (`cpdocs generate child-pack`)."""

    called: str | None = Field(None, description="The name the child likes to be called, if not their first name.")
    why: Paragraphs = Field([], description="Why the meeting is happening, written for the child to read "
                                            "(short sentences, everyday words).")
    decided: Paragraphs = Field([], description="What the meeting decided and why, written for the child; left "
                                                "out, the pack says the decision in plain words.")
    band: Band | None = Field(None, description="Which version of the pack to give (5-7, 8-12 or 13+), when it "
                                                "should not follow the child's age.")


class Child(Base):
    name: Text
    date_of_birth: Day | None = None
    expected_date_of_birth: Day | None = Field(None, description="For an unborn child, instead of date_of_birth.")
    decision: Literal["child-protection-plan", "child-in-need-plan", "early-help-plan", "no-plan"] = Field(
        "child-protection-plan", description="What the conference decided for this child.")
    category: Category | None = Field(None, description="neglect, physical, emotional or sexual (abuse).")
    receives_letter: bool = Field(False, description="Send this child their own chair's letter.")
    address: Address | None = Field(None, description="Only if the child's letter goes to a different address.")
    seen: list[Visit] = []
    said: list[ChildWords] = []
    for_child: ForChild | None = Field(None, description="Words for the child's own pack.")

    @model_validator(mode="after")
    def _check(self) -> Child:
        if (self.date_of_birth is None) == (self.expected_date_of_birth is None):
            raise problem("date_of_birth", "give date_of_birth, or expected_date_of_birth for an unborn child")
        if self.decision == "child-protection-plan" and self.category is None:
            raise problem("category", "needed when the decision is a child protection plan")
        if self.decision != "child-protection-plan" and self.category is not None:
            raise problem("category", "only for a child protection plan")
        return self

    @property
    def unborn(self) -> bool:
        return self.date_of_birth is None

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class FamilyMember(Base):
    name: Text
    relationship: Text = Field(description="e.g. mother, father, mother's partner, grandmother, carer")
    children: list[Text] | None = Field(
        None, description="The children (by name) this person is parent or carer to; left out, all of them.")
    lives_with_children: bool = True
    address: Address | None = None
    parental_responsibility: bool = False
    invited: bool = True
    attended: bool = False
    receives_letter: bool = Field(True, description="Send this person a chair's letter at their own address.")
    views: Paragraphs | None = Field(None, description="What this person thinks about the concerns and the plan.")
    format: Literal["standard", "easy-read"] = Field(
        "standard", description="easy-read: this person's chair's letter also comes in Easy Read.")

    @property
    def is_father(self) -> bool:
        return bool(re.search(r"\b(father|dad|step-?father|partner|boyfriend|husband)\b", self.relationship, re.I))


class Professional(Base):
    name: Text
    role: Text = Field(description="e.g. health visitor, class teacher, GP")
    agency: Text
    phone: str | None = None
    email: str | None = None
    address: Address | None = None
    invited: bool = True
    attended: bool = False
    receives_letter: bool = True
    core_group: bool = Field(False, description="A member of the core group.")
    gp: bool = Field(False, description="The children's GP (always receives the core group minutes).")
    views: Paragraphs | None = None

    @property
    def is_gp(self) -> bool:
        return self.gp or bool(re.search(r"\b(GP|general practitioner)\b", self.role))


class SocialWorker(Base):
    name: Text
    team: Text = Field(description="e.g. 'Brookfield Children's Social Care, Safeguarding Team 2'")
    phone: str | None = None
    email: str | None = None
    manager: str | None = Field(None, description="The social worker's team manager.")

    @model_validator(mode="after")
    def _contact(self) -> SocialWorker:
        if not (self.phone or self.email):
            raise problem("phone", "give the social worker's phone number or email, so families can reach them")
        return self


class Dissent(Base):
    name: Text
    role: str | None = None
    view: Text


class Decision(Base):
    reasons: Paragraphs = Field([], description="Why the conference decided as it did, in plain words.")
    dissent: list[Dissent] = []


class Action(Base):
    what: Text
    who: Text = Field(description="The person (and role) who will do it.")
    by: Day | None = Field(None, description="The date it will be done by.")
    every: str | None = Field(None, description="How often, for a repeated action: 'every Tuesday'.")
    progress: str | None = None
    for_child: str | None = Field(None, description="What will be done, in words a child can read, for the "
                                                    "child's own plan ('help your mum get food every week').")

    @model_validator(mode="after")
    def _smart(self) -> Action:
        if self.by is None and not self.every:
            raise problem("by", "give a date (by) or how often (every), e.g. 'every Tuesday'")
        if NOBODY.match(self.who):
            raise problem("who", "name the person who will do this, with their role")
        for field in ("what", "every", "for_child"):
            m = VAGUE.search(getattr(self, field) or "")
            if m:
                raise problem(field, f"'{m.group(0)}' is not a timescale: give a date or say how often")
        if self.every and not re.search(r"\b(every|each|daily|weekly|fortnightly|monthly|once|twice|times)\b",
                                        self.every, re.I):
            raise problem("every", "say how often, e.g. 'every Tuesday' or 'every 10 working days'")
        return self


class Outcome(Base):
    outcome: Text = Field(description="What will be different for the child when the plan has worked.")
    children: list[Text] | None = Field(None, description="Which children (by name); left out, all of them.")
    actions: list[Action] = Field(min_length=1)
    progress: str | None = Field(None, description="Progress so far (for core group minutes and review reports).")


class Minutes(Base):
    date: Day | None = Field(None, description="The core group meeting these minutes are for.")
    time: TimeOfDay | None = None
    venue: str | None = None
    chair: str | None = None
    minute_taker: str | None = None
    attended: list[Text] = []
    apologies: list[Text] = []
    disagreements: Paragraphs = []


class CoreGroup(Base):
    members: list[Text] = Field([], description="Names of the family members and professionals in the core group.")
    meetings: list[Meeting] = Field([], description="Core group meetings already agreed, first one first.")
    minutes: Minutes | None = None


class Event(Base):
    date: Day
    event: Text


class ReportContent(Base):
    author: str | None = None
    role: str | None = None
    agency: str | None = None
    sections: dict[str, Paragraphs] = Field({}, description="Section key (e.g. analysis) -> what it says.")

    @model_validator(mode="after")
    def _keys(self) -> ReportContent:
        known = sections()
        for key in self.sections:
            if key not in known:
                raise problem(f"sections.{key}", f"not a section cpdocs knows (use one of {', '.join(known)})")
        return self


class Case(Base):
    """One child protection case: a conference, the children, the family, the professionals, the plan."""

    family_name: str | None = Field(None, description="Used in file names; left out, the first child's surname.")
    partnership: Partnership
    conference: Conference
    children: list[Child] = Field(min_length=1)
    family: list[FamilyMember] = []
    professionals: list[Professional] = []
    social_worker: SocialWorker
    decision: Decision = Decision()
    plan: list[Outcome] = []
    contingency: Paragraphs = []
    core_group: CoreGroup = CoreGroup()
    chronology: list[Event] = []
    reports: dict[Literal["agency-report", "icpc-report", "rcpc-report"], ReportContent] = {}

    @property
    def surname(self) -> str:
        return self.family_name or self.children[0].name.split()[-1]

    def person_names(self) -> set[str]:
        return {p.name for p in self.family} | {p.name for p in self.professionals} | {self.social_worker.name}


def cross_check(case: Case) -> list[tuple[str, str]]:
    """Problems that need more than one part of the case: names that must match, addresses letters need."""
    out: list[tuple[str, str]] = []
    kids = {c.name for c in case.children}
    people = case.person_names()
    pre_birth = case.conference.type == "pre-birth"
    for i, c in enumerate(case.children):
        if c.unborn and not pre_birth:
            out.append((f"children[{i}].expected_date_of_birth", "only for a pre-birth conference"))
        if c.date_of_birth is not None and c.date_of_birth > case.conference.date:
            out.append((f"children[{i}].date_of_birth", "after the conference date; for a baby not yet born give "
                                                         "expected_date_of_birth instead"))
    if pre_birth and not any(c.unborn for c in case.children):
        out.append(("children", "a pre-birth conference needs a child with expected_date_of_birth"))
    if case.conference.type == "initial" and case.conference.previous_conference:
        out.append(("conference.previous_conference", "only for a review conference"))
    home = next((f.address for f in case.family if f.lives_with_children and f.address), None)
    for i, c in enumerate(case.children):
        if c.receives_letter and not (c.address or home):
            out.append((f"children[{i}].address", "needed for the child's letter (or give an address to a parent "
                                                  "the child lives with)"))
    for i, f in enumerate(case.family):
        for j, name in enumerate(f.children or []):
            if name not in kids:
                out.append((f"family[{i}].children[{j}]", "not the name of a child in this case"))
        if f.receives_letter and not f.address:
            out.append((f"family[{i}].address", "needed for this person's letter (or set receives_letter: no)"))
    for i, p in enumerate(case.professionals):
        if p.receives_letter and not (p.address or p.email):
            out.append((f"professionals[{i}].email", "needed for this professional's letter (or give an address)"))
    for i, o in enumerate(case.plan):
        for j, name in enumerate(o.children or []):
            if name not in kids:
                out.append((f"plan[{i}].children[{j}]", "not the name of a child in this case"))
    for j, name in enumerate(case.core_group.members):
        if name not in people:
            out.append((f"core_group.members[{j}]", "not the name of a family member or professional in this case"))
    if case.core_group.minutes:
        for field in ("attended", "apologies"):
            for j, name in enumerate(getattr(case.core_group.minutes, field)):
                if name not in people and name not in kids:
                    out.append((f"core_group.minutes.{field}[{j}]",
                                "not the name of a person in this case"))
    dates = [m.date for m in case.core_group.meetings]
    if dates != sorted(dates):
        out.append(("core_group.meetings", "put the meetings in date order, first one first"))
    return out


# --- reading, and plain errors -------------------------------------------------------------------

class CaseError(InputError):
    """A case file with one or more problems: each is one line `FILE: field: problem`."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.problems = problems
        super().__init__(path, problems[0] if len(problems) == 1 else f"{len(problems)} problems")

    def lines(self) -> list[str]:
        return [f"{self.path}: {p}" for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


PLAIN = {
    "missing": "missing",
    "extra_forbidden": "not a field cpdocs knows (check the spelling)",
    "date_parsing": "not a date (write it as 2025-03-14 or 14/03/2025)",
    "date_not_real": "not a real date",
    "time_parsing": "not a time (write it as 10:30 or 2pm)",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "bool_type": "must be yes or no",
    "bool_parsing": "must be yes or no",
    "list_type": "must be a list (one item a line, each starting with '- ')",
    "model_type": "must be a set of fields (name: value)",
    "model_attributes_type": "must be a set of fields (name: value)",
    "dict_type": "must be a set of fields (name: value)",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
}


def plain_error(err: dict) -> str:
    """One pydantic error as `field.path: what is wrong`, in plain words, never quoting the value."""
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    path = field_path(loc)
    if kind == "cpdocs":
        path = f"{path}.{ctx['field']}" if path else ctx["field"]
        return f"{path}: {ctx['problem']}"
    if loc and loc[-1] == "[key]":
        return f"{path}: not one of the names cpdocs knows here"
    if kind == "literal_error":
        msg = f"must be one of {ctx.get('expected', '')}".replace("'", "")
    elif kind == "too_short":
        n = ctx.get("min_length", 1)
        msg = "must have at least one item" if n == 1 else f"must have at least {n} items"
    elif kind in PLAIN:
        msg = PLAIN[kind]
    elif kind == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
    else:
        msg = str(err.get("msg", "not valid")).split(",")[0].lower()
    return f"{path}: {msg}" if path else msg


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key given twice in one mapping (the second would silently win)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, str | int) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the field '{key}' is given twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A date or time as YAML reads it; an impossible one (2025-02-30) stays text for the field to refuse.

    YAML's own date parsing raises a bare ValueError for a date shaped right but not real, before
    any field check could name the field.
    """
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_case_text(text: str, path: Path | str) -> Any:
    name = str(path)
    if name.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        what = getattr(exc, "problem", None) or "cannot be read"
        raise InputError(path, f"not valid YAML ({where}{what})") from None


def validate_case(data: Any, path: Path | str) -> Case:
    if not isinstance(data, dict):
        raise InputError(path, "is not a case file: it must be a set of fields such as 'conference:' and "
                               "'children:' (see `cpdocs new` and fixtures/cases/)")
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = list(dict.fromkeys(plain_error(e) for e in exc.errors(include_url=False, include_input=False)))
        raise CaseError(path, problems) from None
    problems = [f"{p}: {m}" for p, m in cross_check(case)]
    if problems:
        raise CaseError(path, problems)
    return case


def load_case(path: Path | str) -> Case:
    """Read and check a case file (YAML or JSON). Raises InputError (CaseError: every problem)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise InputError(p, "is too large for a case file (more than 5 MB)")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a folder, not a case file") from None
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(p, "is not UTF-8 text; save it as UTF-8 and try again") from None
    return validate_case(parse_case_text(text, p), p)


def case_schema() -> dict:
    return Case.model_json_schema()
