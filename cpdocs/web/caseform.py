"""The case form: HTML form fields <-> the case file's data, and the model's errors -> fields.

Field names are the case model's own paths (`children[1].date_of_birth`), so an error from
`validate_case` lands beside the field it is about. Parts of a case file the form does not
show (what each child said, the chronology, report sections...) travel with the form in a
hidden field, so an uploaded case can be corrected in the form without losing them.

An empty row (a child, a person, an action with nothing typed in) is left out, and the
error paths are turned back from the model's numbering to the form's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

Path = tuple[str | int, ...]

# Every field the form shows, with [*] for a row number.
FIELDS = """
family_name
partnership.name partnership.authority partnership.address partnership.phone partnership.email
partnership.conference_team partnership.conference_team_phone partnership.conference_team_email
conference.type conference.date conference.time conference.venue conference.strategy_discussion
conference.previous_conference conference.chair.name conference.chair.phone conference.chair.email
conference.review.date conference.review.time conference.review.venue
children[*].name children[*].date_of_birth children[*].expected_date_of_birth children[*].decision
children[*].category children[*].receives_letter
family[*].name family[*].relationship family[*].lives_with_children family[*].address
family[*].parental_responsibility family[*].invited family[*].attended family[*].receives_letter family[*].views
professionals[*].name professionals[*].role professionals[*].agency professionals[*].phone professionals[*].email
professionals[*].address professionals[*].attended professionals[*].receives_letter professionals[*].core_group
professionals[*].gp
social_worker.name social_worker.team social_worker.phone social_worker.email social_worker.manager
decision.reasons
plan[*].outcome plan[*].actions[*].what plan[*].actions[*].who plan[*].actions[*].by plan[*].actions[*].every
contingency
core_group.meetings[*].date core_group.meetings[*].time core_group.meetings[*].venue
""".split()
FIELD_SET = set(FIELDS)

# Tick boxes and their defaults in the case model (an unticked box sends nothing).
BOOLS = {
    "children[*].receives_letter": False,
    "family[*].lives_with_children": True, "family[*].parental_responsibility": False, "family[*].invited": True,
    "family[*].attended": False, "family[*].receives_letter": True,
    "professionals[*].attended": False, "professionals[*].receives_letter": True,
    "professionals[*].core_group": False, "professionals[*].gp": False,
}
LINES = {"partnership.address", "family[*].address", "professionals[*].address"}  # one line each
PARAGRAPHS = {"family[*].views", "decision.reasons", "contingency"}  # a blank line between
COLLECTIONS = ("children", "family", "professionals", "plan", "plan[*].actions", "core_group.meetings")

# What to ask for when a field is missing.
ASK = {
    "name": "the name", "date": "the date", "venue": "where it takes place", "type": "the type of conference",
    "relationship": "who this person is to the children", "role": "their role", "agency": "their agency",
    "team": "the team", "outcome": "what will be different for the child", "what": "what will be done",
    "who": "who will do it", "date_of_birth": "the date of birth",
}

TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]")


def parse_path(name: str) -> Path | None:
    """'plan[0].actions[1].what' -> ('plan', 0, 'actions', 1, 'what'); None if it is not a path."""
    out: list[str | int] = []
    pos = 0
    for m in TOKEN.finditer(name):
        gap = name[pos:m.start()]
        if gap not in ("", "."):
            return None
        out.append(m.group(1) if m.group(1) else int(m.group(2)))
        pos = m.end()
    return tuple(out) if out and pos == len(name) else None


def path_name(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + p
    return out


def generic(path: Path) -> str:
    """('children', 0, 'name') -> 'children[*].name'."""
    return re.sub(r"\[\d+\]", "[*]", path_name(path))


def _generic_name(name: str) -> str:
    return re.sub(r"\[\d+\]", "[*]", name)


def _is_prefix(g: str) -> bool:
    return any(f == g or f.startswith(g + ".") or f.startswith(g + "[") for f in FIELDS)


def _text(g: str, v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, int) and g.endswith("time") and 0 <= v < 24 * 60:
        return f"{v // 60:02d}:{v % 60:02d}"  # YAML read an unquoted 10:30 as minutes
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()[:5] if isinstance(v, dt.time) else v.isoformat()
    if isinstance(v, list):
        return ("\n\n" if g in PARAGRAPHS else "\n").join(str(x) for x in v)
    return "" if v is None else str(v)


def to_form(data: dict) -> tuple[dict[str, str], dict[str, Any]]:
    """A case file's data as form values, and the parts the form does not show (kept aside)."""
    values: dict[str, str] = {}
    extra: dict[str, Any] = {}

    def walk(obj: Any, path: Path) -> None:
        g = generic(path)
        if g in FIELD_SET:
            values[path_name(path)] = _text(g, obj)
            return
        if path and not _is_prefix(g):
            extra[path_name(path)] = obj
            return
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, (*path, str(k)))
        elif isinstance(obj, list) and path:
            for i, v in enumerate(obj):
                walk(v, (*path, i))
        else:
            extra[path_name(path)] = obj

    walk(data, ())
    # tick boxes that the file left to their defaults
    for coll in ("children", "family", "professionals"):
        for i in rows(values, coll, extra):
            for g, default in BOOLS.items():
                if g.startswith(coll + "[") and path_name((coll, i, g.rsplit(".", 1)[1])) not in values:
                    values[path_name((coll, i, g.rsplit(".", 1)[1]))] = "yes" if default else ""
    return values, extra


def rows(values: dict[str, Any], collection: str, extra: dict[str, Any] | None = None) -> list[int]:
    """The row numbers of a collection ('children', 'plan[0].actions') that have any field."""
    pat = re.compile(re.escape(collection) + r"\[(\d+)\]")
    found = set()
    for key in list(values) + list(extra or {}):
        m = pat.match(key)
        if m:
            found.add(int(m.group(1)))
    return sorted(found)


def _json_date(o: Any) -> Any:
    if isinstance(o, dt.date | dt.time | dt.datetime):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def dumps(obj: Any) -> str:
    return json.dumps(obj, default=_json_date, ensure_ascii=False, separators=(",", ":"))


def from_form(form: dict[str, str], extra: dict[str, Any]) -> tuple[dict, dict[str, list[int]]]:
    """Form values (and the parts kept aside) as case data; with, for each collection, the form's
    row number of each row the data kept (empty rows are left out)."""
    tree: dict = {}
    row_markers: set[tuple[str, int]] = set()

    def put(path: Path, value: Any) -> None:
        node: Any = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})  # rows are dicts keyed by number until the end
        node[path[-1]] = value

    for name, value in form.items():
        if name.endswith("._row"):
            p = parse_path(name[:-5])
            if p and isinstance(p[-1], int):
                row_markers.add((path_name(p[:-1]), p[-1]))
            continue
        g = _generic_name(name)
        if g not in FIELD_SET or g in BOOLS:
            continue
        path = parse_path(name)
        if path is None:
            continue
        text = value.replace("\r\n", "\n").strip()
        if text:
            put(path, text)
    for coll_name, i in row_markers:
        coll = parse_path(coll_name)
        for g in BOOLS:
            if _generic_name(f"{coll_name}[{i}]") + "." == g.rsplit(".", 1)[0] + ".":
                leaf = g.rsplit(".", 1)[1]
                put((*coll, i, leaf), form.get(path_name((*coll, i, leaf))) == "yes")
    for name, value in extra.items():
        path = parse_path(name)
        if path is not None:
            put(path, value)

    maps: dict[str, list[int]] = {}

    def finish(node: Any, path: Path) -> Any:
        if isinstance(node, dict) and node and all(isinstance(k, int) for k in node):
            kept = []
            index = []
            for i in sorted(node):
                row = finish(node[i], (*path, i))
                if _has_text(row):
                    index.append(i)
                    kept.append(row)
            maps[path_name(path)] = index
            return kept
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                fv = finish(v, (*path, k))
                if fv not in ({}, [], None) or generic((*path, k)) not in _OPTIONAL_GROUPS:
                    out[k] = fv
            return out
        return node

    data = finish(tree, ())
    # groups the model needs: present (if empty), so that every missing field inside is named
    for group in ("partnership", "conference", "social_worker"):
        if not isinstance(data.get(group), dict):
            data[group] = {}
    if not isinstance(data["conference"].get("chair"), dict):
        data["conference"]["chair"] = {}
    data.setdefault("children", [])
    return data, maps


_OPTIONAL_GROUPS = {"conference.review", "core_group", "core_group.meetings", "decision"}


def _has_text(node: Any) -> bool:
    """A row counts when something was typed in it (ticked boxes alone do not count)."""
    if isinstance(node, dict):
        return any(_has_text(v) for v in node.values())
    if isinstance(node, list):
        return bool(node)
    if isinstance(node, bool):
        return False
    return node not in (None, "")


def form_field_for(problem_path: str, maps: dict[str, list[int]], shown: set[str]) -> str | None:
    """The form field a model error is about: the model's row numbers turned back into the form's,
    then the field itself or the first field shown under it."""
    path = parse_path(problem_path)
    if path is None:
        return None
    form_path: list[str | int] = []
    model_prefix: list[str | int] = []
    for p in path:
        if isinstance(p, int):
            # maps are keyed by the form's path to the collection
            index = maps.get(path_name(tuple(form_path)))
            form_path.append(index[p] if index is not None and p < len(index) else p)
        else:
            form_path.append(p)
        model_prefix.append(p)
    name = path_name(tuple(form_path))
    if name in shown:
        return name
    for candidate in sorted(shown, key=_order):
        if candidate.startswith(name + ".") or candidate.startswith(name + "["):
            return candidate
    return None


def _order(name: str) -> tuple:
    g = _generic_name(name)
    nums = [int(n) for n in re.findall(r"\[(\d+)\]", name)]
    return (FIELDS.index(g) if g in FIELD_SET else len(FIELDS), nums)


ASK_FIELD = {
    "partnership.name": "the name of the safeguarding partnership",
    "conference.date": "the date of the conference", "conference.venue": "where the conference was held",
    "conference.chair.name": "the chair's name", "social_worker.name": "the social worker's name",
    "social_worker.team": "the social worker's team", "conference.review.date": "the date of the review conference",
}
ROW_NOUN = {"children": "Child", "family": "Person", "professionals": "Professional", "plan": "Outcome",
            "actions": "action", "meetings": "Core group meeting"}


def where(field: str) -> str:
    """'plan[1].actions[0].who' -> 'Outcome 2, action 1'; '' for a field not in a row."""
    parts = re.findall(r"([a-z_]+)\[(\d+)\]", field)
    return ", ".join(f"{ROW_NOUN.get(name, name)} {int(n) + 1}" for name, n in parts)


AT_LEAST_ONE = {"children": "Add at least one child", "actions": "Add at least one action to this outcome"}


def plain(problem: str, field: str | None, about: str = "") -> str:
    """'missing' -> 'Child 2: enter the name'; other messages as the model gives them. `about` is
    the path the model named (a whole collection, for 'must have at least one item')."""
    msg = problem.strip()
    if msg == "must have at least one item":
        last = re.sub(r"\[\d+\]$", "", about).rsplit(".", 1)[-1]
        if last in AT_LEAST_ONE:
            context = where(about) if last == "actions" else ""
            return f"{context}: {AT_LEAST_ONE[last].lower()}" if context else AT_LEAST_ONE[last]
    leaf = (field or "").rsplit(".", 1)[-1]
    if msg in ("missing", "must not be empty"):
        msg = f"enter {ASK_FIELD.get(_generic_name(field or ''), ASK.get(leaf, 'this'))}"
    context = where(field or "")
    text = f"{context}: {msg}" if context else msg
    return text[:1].upper() + text[1:]
