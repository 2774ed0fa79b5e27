"""Make the documents: a case file uploaded, or typed into a form that follows the case model;
the deadlines worked out; the chair's letters, core group minutes and reports to download as
Word or PDF, one at a time or all in one zip.

Nothing is kept on the server: the case travels in the user's own page (a hidden field) and
comes back with each download, where it is checked again before anything is made.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from pathlib import PurePath
from typing import Any

import yaml
from flask import Blueprint, current_app, render_template, request, send_file

from cpdocs.errors import InputError
from cpdocs.generate.case import Case, CaseError, parse_case_text, validate_case
from cpdocs.timescales import deadlines
from cpdocs.web import caseform
from cpdocs.web.app import cpdocs_config
from cpdocs.web.pages import DUE_LABELS, long_date

bp = Blueprint("make", __name__)
log = logging.getLogger("cpdocs.web")

CASE_NAME = "the form"
MAX_CASE_BYTES = 5 * 1024 * 1024
DOC_LABELS = {
    "chairs-letter": "Chair's letters",
    "easy-read": "Chair's letters in Easy Read, with the plan (for every parent and carer)",
    "core-group-minutes": "Core group minutes",
    "agency-report": "Agency report",
    "icpc-report": "Initial conference report",
    "rcpc-report": "Review conference report",
    "child-pack": "The child's own pack: before, My views, after (each child 5 or over)",
}
# What each row of the page makes: (document, Easy Read or not).
WEB_DOCUMENTS = {"chairs-letter": ("chairs-letter", False), "easy-read": ("chairs-letter", True),
                 "core-group-minutes": ("core-group-minutes", False), "agency-report": ("agency-report", False),
                 "icpc-report": ("icpc-report", False), "rcpc-report": ("rcpc-report", False),
                 "child-pack": ("child-pack", False)}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "ics": "text/calendar",
}
START_ROWS = {"children": 1, "family": 2, "professionals": 2, "plan": 1, "core_group.meetings": 1}
START_ACTIONS = 2


def _render_module():
    try:
        from cpdocs.generate import render
    except ImportError:
        return None
    return render


def _make(key: str, case: Case, cfg) -> list:
    """The documents of one row of the page; none old enough for a child's pack is an InputError."""
    from cpdocs.generate.documents import render_document

    doc, easy = WEB_DOCUMENTS[key]
    made = render_document(doc, case, cfg, CASE_NAME, easy_read=easy)
    if not made and doc == "child-pack":
        raise InputError(CASE_NAME, f"no child is {cfg.child_pack_min_age} or over on the day of the conference")
    if not made:
        raise InputError(CASE_NAME, "nobody in the case receives this letter")
    return made


# --- the start page and the upload -------------------------------------------------------------

@bp.get("/make")
def form():
    return render_template("make.html", title="Make the documents", errors={}, problems=[])


@bp.post("/make/upload")
def upload():
    file = request.files.get("case")
    if file is None or not file.filename:
        return render_template("make.html", title="Make the documents", errors={"case": "Choose a case file"},
                               problems=[]), 400
    name = PurePath(file.filename.replace("\\", "/")).name or "case.yaml"
    raw = file.read(MAX_CASE_BYTES + 1)
    try:
        if len(raw) > MAX_CASE_BYTES:
            raise InputError(name, "is too large for a case file (more than 5 MB)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(name, "is not UTF-8 text; save it as UTF-8 and try again") from None
        data = parse_case_text(text, name)
        case = validate_case(data, name)
    except CaseError as exc:
        values, extra = caseform.to_form(data) if isinstance(data, dict) else ({}, {})
        return _case_form(values, extra, exc, status=422, note=f"{name} has {len(exc.problems)} problem"
                          f"{'' if len(exc.problems) == 1 else 's'}. They are shown beside each field below.")
    except InputError as exc:
        return render_template("make.html", title="Make the documents",
                               errors={"case": f"{exc.path} {exc.problem}"}, problems=[]), 422
    except Exception as exc:  # a fault in cpdocs on a strange file: say so, keep serving
        log.error("fault in cpdocs while reading a case file (%s)", type(exc).__name__)
        return render_template("make.html", title="Make the documents",
                               errors={"case": f"{name} could not be read because of a fault in cpdocs "
                                               f"({type(exc).__name__}). Please report it, without the file."},
                               problems=[]), 500
    return _ready(case, data)


# --- the form ----------------------------------------------------------------------------------

def _counts(values: dict[str, str], extra: dict[str, Any], add: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for coll, start in START_ROWS.items():
        present = caseform.rows(values, coll, extra)
        counts[coll] = max(start if not values else 1, (max(present) + 1) if present else 0)
    for p in range(counts["plan"]):
        coll = f"plan[{p}].actions"
        present = caseform.rows(values, coll, extra)
        counts[coll] = max(START_ACTIONS if not present else 1, (max(present) + 1) if present else 0)
    if add in counts:
        counts[add] += 1
        if add == "plan":
            counts[f"plan[{counts['plan'] - 1}].actions"] = START_ACTIONS
    return counts


def _case_form(values: dict[str, str], extra: dict[str, Any], error: CaseError | None = None,
               maps: dict[str, list[int]] | None = None, status: int = 200, add: str | None = None,
               note: str | None = None):
    counts = _counts(values, extra, add)
    values = _with_defaults(values, counts)
    shown = _shown_fields(counts)
    errors: dict[str, str] = {}
    loose: list[str] = []
    for line in (error.problems if error else []):
        where, _, what = line.partition(": ")
        field = caseform.form_field_for(where, maps or {}, shown) if what else None
        if field is None:
            loose.append(line)
        elif field in errors:
            errors[field] += "; " + what
        else:
            errors[field] = caseform.plain(what, field, where)
    ordered = dict(sorted(errors.items(), key=lambda kv: caseform._order(kv[0])))
    return render_template("case_form.html", title="Fill in the case", values=values, errors=ordered,
                           loose=loose, counts=counts, extra=caseform.dumps(extra) if extra else "",
                           note=note, kept=sorted(extra)), status


def _with_defaults(values: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """A row not yet on the page starts with the case model's defaults ticked (letters, invited...)."""
    out = dict(values)
    for g, default in caseform.BOOLS.items():
        coll, leaf = g.split("[*].")
        for i in range(counts.get(coll, 0)):
            row = f"{coll}[{i}]"
            if default and not any(k.startswith(row + ".") for k in values):
                out[f"{row}.{leaf}"] = "yes"
    return out


def _shown_fields(counts: dict[str, int]) -> set[str]:
    shown = set()
    for f in caseform.FIELDS:
        if "[*]" not in f:
            shown.add(f)
            continue
        head = f.split("[*]")[0]
        if head == "plan" and ".actions[*]" in f:
            for p in range(counts["plan"]):
                for a in range(counts.get(f"plan[{p}].actions", 1)):
                    shown.add(f.replace("plan[*]", f"plan[{p}]", 1).replace("actions[*]", f"actions[{a}]"))
        else:
            for i in range(counts.get(head, 1)):
                shown.add(f.replace("[*]", f"[{i}]", 1))
    return shown


@bp.get("/make/form")
def case_form():
    return _case_form({}, {})


@bp.post("/make/form")
def case_form_submit():
    form = {k: v for k, v in request.form.items() if k not in ("csrf_token", "action", "extra", "case")}
    try:
        extra = json.loads(request.form.get("extra") or "{}")
    except ValueError:
        extra = {}
    if not isinstance(extra, dict):
        extra = {}
    action = request.form.get("action", "check")
    if action == "edit":  # from the download page: the case back into the form
        try:
            data = json.loads(request.form.get("case", ""))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return _case_form({}, {}, status=400, note="The case could not be sent back to the form. Start again.")
        values, extra = caseform.to_form(data)
        return _case_form(values, extra)
    if action.startswith("add:"):
        return _case_form(form, extra, add=action[4:])
    data, maps = caseform.from_form(form, extra)
    try:
        case = validate_case(data, CASE_NAME)
    except CaseError as exc:
        return _case_form(form, extra, exc, maps, status=422)
    return _ready(case, data)


# --- the documents ------------------------------------------------------------------------------

def _deadline_rows(case: Case) -> list[dict]:
    cfg = cpdocs_config(current_app)
    c = case.conference
    found = []
    if c.type == "initial":
        found = deadlines("icpc", c.date, cfg)
    elif c.type == "review":
        found = deadlines("rcpc", c.date, cfg)
    else:
        births = [k.date_of_birth for k in case.children if k.date_of_birth]
        found = deadlines("pre-birth-conference", c.date, cfg, birth=births[0] if births else None)
    return [{"label": DUE_LABELS.get(d.event, d.event), "event": d.event, "due": long_date(d.due),
             "iso": d.due.isoformat(), "rule": d.rule, "source": d.source} for d in found]


def _documents(case: Case) -> list[dict]:
    render = _render_module()
    if render is None:
        return []
    out = []
    for doc in WEB_DOCUMENTS:
        try:
            made = _make(doc, case, cpdocs_config(current_app))
        except InputError as exc:
            out.append({"key": doc, "label": DOC_LABELS.get(doc, doc), "ok": False, "why": exc.problem})
            continue
        out.append({"key": doc, "label": DOC_LABELS.get(doc, doc), "ok": True, "count": len(made),
                    "titles": [r.title for r in made]})
    return out


def _ready(case: Case, data: dict):
    return render_template("make_ready.html", title="Download the documents", case=case,
                           case_json=caseform.dumps(data), deadlines=_deadline_rows(case),
                           documents=_documents(case), long_date=long_date,
                           generator=_render_module() is not None)


def _case_from_request() -> tuple[Case, dict]:
    try:
        data = json.loads(request.form.get("case", ""))
    except ValueError:
        raise InputError(CASE_NAME, "could not be sent back; fill it in again") from None
    return validate_case(data, CASE_NAME), data


@bp.post("/make/download")
def download():
    """One document (a zip when there is one per recipient), or every document in one zip."""
    render = _render_module()
    doc = request.form.get("doc", "all")
    fmt = request.form.get("format", "docx")
    if render is None or fmt not in ("docx", "pdf", "yaml", "ics") or (fmt == "ics") != (doc == "calendar") \
            or (doc not in ("all", "calendar") and doc not in WEB_DOCUMENTS):
        return render_template("error.html", title="That cannot be made",
                               message="The document or format asked for is not one cpdocs makes."), 400
    try:
        case, data = _case_from_request()
    except CaseError as exc:
        return _case_form(*caseform.to_form(json.loads(request.form["case"])), exc, status=422)
    except InputError as exc:
        return render_template("error.html", title="The case could not be read", message=str(exc),
                               advice="Go back and try again."), 400
    family = render.slug(case.surname) if hasattr(render, "slug") else "case"
    if fmt == "yaml":
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        return send_file(io.BytesIO(text.encode("utf-8")), as_attachment=True, mimetype="text/yaml",
                         download_name=f"case_{family}.yaml", max_age=0)
    cfg = cpdocs_config(current_app)
    if fmt == "ics":
        from cpdocs.generate.ics import case_calendar

        return send_file(io.BytesIO(case_calendar(case, cfg)), as_attachment=True, mimetype=MIME["ics"],
                         download_name=f"{case.conference.date.isoformat()}_calendar_{family}.ics", max_age=0)
    try:
        if doc == "all":
            files = []
            for d in WEB_DOCUMENTS:
                try:
                    made = _make(d, case, cfg)
                except InputError:
                    continue  # a document that does not fit this case (the page said why)
                files += [(f"{r.stem}.{f}", render.to_bytes(r, f)) for r in made for f in ("docx", "pdf")]
            return _zip(list(dict(files).items()), f"{case.conference.date.isoformat()}_documents_{family}.zip")
        made = _make(doc, case, cfg)
        files = [(f"{r.stem}.{fmt}", render.to_bytes(r, fmt)) for r in made]
    except InputError as exc:
        return render_template("error.html", title="That document cannot be made for this case",
                               message=exc.problem, advice="Go back and change the case."), 422
    if len(files) == 1:
        name, blob = files[0]
        return send_file(io.BytesIO(blob), as_attachment=True, mimetype=MIME[fmt], download_name=name, max_age=0)
    return _zip(files, f"{case.conference.date.isoformat()}_{doc}_{family}_{fmt}.zip")


def _zip(files: list[tuple[str, bytes]], name: str):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for fname, blob in files:
            zf.writestr(fname, blob)
    buf.seek(0)
    return send_file(buf, as_attachment=True, mimetype=MIME["zip"], download_name=name, max_age=0)
