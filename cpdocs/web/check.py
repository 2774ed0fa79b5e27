"""Check a draft: upload or paste, see the findings on the draft, download it with Word comments or
with the suggested changes made as tracked changes, and check an edited version to see what was
fixed and what is new.

Nothing is kept on the server. The previous check's findings come back from the user's own page
in a signed hidden field, and the Word copy is made from the draft the page posts back.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import re
from pathlib import PurePath

from flask import Blueprint, current_app, render_template, request, send_file

from cpdocs.errors import InputError
from cpdocs.lint.reporters.html import file_view
from cpdocs.standards import REPORT_TYPES, report_types
from cpdocs.web import highlight
from cpdocs.web.app import checker
from cpdocs.web.security import sign, unsign
from cpdocs.web.workers import Fault, TooSlow

bp = Blueprint("check", __name__)
log = logging.getLogger("cpdocs.web")

PREVIOUS_SALT = "cpdocs-previous-check"
PREVIOUS_MAX_AGE = 12 * 60 * 60  # a working day: after that, a check starts afresh
ACCEPT = ".docx,.pdf,.md,.markdown,.txt"
PASTED = "pasted text.md"


def type_options() -> list[tuple[str, str]]:
    titles = report_types()
    return [("", "Work it out from the title")] + [(k, titles[k].title if k in titles else k) for k in REPORT_TYPES]


def _form(errors: dict[str, str] | None = None, values: dict | None = None, previous: str = "", status: int = 200):
    return render_template("check.html", title="Check a draft", errors=errors or {}, values=values or {},
                           types=type_options(), accept=ACCEPT, previous=previous), status


@bp.get("/check")
def form():
    return _form()


def _upload() -> tuple[str, bytes] | None:
    """The draft: an uploaded file, or pasted text (read as Markdown, which reads plain text well)."""
    file = request.files.get("draft")
    if file is not None and file.filename:
        name = PurePath(file.filename.replace("\\", "/")).name or "draft"
        return name, file.read()
    text = request.form.get("text", "")
    if text.strip():
        return PASTED, text.encode("utf-8")
    return None


def _too_big(data: bytes) -> bool:
    return len(data) > current_app.config["CPDOCS_MAX_UPLOAD_MB"] * 1024 * 1024


def _plain(exc: InputError) -> str:
    problem = exc.problem.rstrip(".")
    return f"{exc.path} {problem}." if exc.path and exc.path != PASTED else f"The pasted text {problem}."


def run_check(name: str, data: bytes, report_type: str | None):
    checked = checker(current_app).run(name, data, report_type)
    return checked.document, checked.result


def _failed(name: str, exc: Exception) -> str:
    """The plain message for a check that did not finish."""
    if isinstance(exc, InputError):
        return _plain(exc)
    if isinstance(exc, TooSlow):
        return (f"{name} took too long to check and was stopped. If it is a very long or unusual file, "
                "save it again as .docx and try that.")
    kind = exc.kind if isinstance(exc, Fault) else type(exc).__name__
    log.error("fault in cpdocs while checking a draft (%s)", kind)
    return f"{name} could not be checked because of a fault in cpdocs ({kind}). Please report it, " \
           "without sending the document."


@bp.post("/check")
def submit():
    report_type = request.form.get("report_type", "")
    previous_token = request.form.get("previous", "")
    values = {"report_type": report_type, "text": request.form.get("text", "")}
    if report_type and report_type not in REPORT_TYPES:
        return _form({"report_type": "Choose a report type from the list"}, values, previous_token, 400)
    upload = _upload()
    if upload is None:
        return _form({"draft": "Choose a file to check, or paste the text of the draft"}, values, previous_token, 400)
    name, data = upload
    if _too_big(data):
        mb = current_app.config["CPDOCS_MAX_UPLOAD_MB"]
        return _form({"draft": f"{name} is too large: cpdocs reads files up to {mb} MB"}, values, previous_token, 413)
    try:
        document, result = run_check(name, data, report_type or None)
    except InputError as exc:
        return _form({"draft": _plain(exc)}, values, previous_token, 422)
    except Exception as exc:  # a fault in cpdocs on a strange file, or too slow: say so, keep serving
        return _form({"draft": _failed(name, exc)}, values, previous_token, 503 if isinstance(exc, TooSlow) else 500)
    current = highlight.compact(result)
    previous = unsign(current_app, PREVIOUS_SALT, previous_token, PREVIOUS_MAX_AGE)
    changes = highlight.compare(previous, current) if isinstance(previous, list) else None
    view = file_view(result, document, "d1")
    titles = report_types()
    is_docx = data.startswith(b"PK\x03\x04") and name.lower().endswith(".docx")
    return render_template(
        "result.html", title=f"Findings for {name}", name=name, result=result, f=view,
        summary=highlight.summary(result), changes=changes,
        type_title=titles[result.report_type].title if result.report_type in titles else result.report_type,
        previous=sign(current_app, PREVIOUS_SALT, current), types=type_options(), accept=ACCEPT, values={},
        errors={}, severity_counts={s: result.count(s) for s in ("error", "warning", "info")},
        draft_b64=base64.b64encode(data).decode("ascii") if is_docx else "",
        pasted=name == PASTED, pasted_text=request.form.get("text", "") if name == PASTED else "",
    )


@bp.post("/check/word")
def word():
    """The draft with each finding as a Word comment. The draft comes back from the user's page."""
    return _word_copy("comments", "cpdocs")


@bp.post("/check/suggested")
def suggested():
    """The draft with the safe suggestions as tracked changes and every other finding as a comment."""
    return _word_copy("suggested", "suggested")


def _word_copy(copy: str, suffix: str):
    name = PurePath(request.form.get("name", "draft.docx").replace("\\", "/")).name or "draft.docx"
    report_type = request.form.get("report_type") or None
    try:
        data = base64.b64decode(request.form.get("draft", ""), validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if report_type not in (None, *REPORT_TYPES) or not data or _too_big(data):
        return _form({"draft": "The draft could not be sent back for the Word copy. Upload it again."}, status=400)
    try:
        made = checker(current_app).run(name, data, report_type, copy=copy).annotated
    except InputError as exc:
        return _form({"draft": _plain(exc)}, status=422)
    except Exception as exc:  # as for a check
        return _form({"draft": _failed(name, exc)}, status=503 if isinstance(exc, TooSlow) else 500)
    stem = re.sub(r'[\x00-\x1f\x7f"\\/]', "", PurePath(name).stem)[:120].strip() or "draft"
    return send_file(io.BytesIO(made), as_attachment=True, download_name=f"{stem}.{suffix}.docx",
                     mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     max_age=0)
