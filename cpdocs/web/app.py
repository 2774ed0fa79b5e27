"""The app factory: a Flask app whose pages call the same library functions as the command line.

Why Flask: the pages are forms and results, rendered on the server with Jinja2 (which cpdocs
already uses), so they work with no JavaScript at all; Flask is small, well kept, synchronous
(the lint engine is plain CPU-bound Python, which gains nothing from async), and its test
client drives every page in the tests. It is served by waitress, a pure-Python threaded
server, so one slow PDF does not hold up anyone else.

Privacy: uploads are read into memory (never a temporary file), nothing is kept between
requests, no request is logged, every response says `Cache-Control: no-store`, and the
Content-Security-Policy allows nothing from anywhere but this server.
"""

from __future__ import annotations

import io
import logging
import secrets
import traceback
from pathlib import Path

from flask import Flask, Request, render_template
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from cpdocs import __version__
from cpdocs.config import Config, load_config
from cpdocs.web import security
from cpdocs.web.workers import DEFAULT_TIME_LIMIT, Checker

log = logging.getLogger("cpdocs.web")

DEFAULT_MAX_UPLOAD_MB = 20


class MemoryRequest(Request):
    """Uploaded files stay in memory, never in a temporary file on disk."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def create_app(config_file: Path | str | None = None, max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB,
               secret_key: bytes | None = None, testing: bool = False, workers: int = 0,
               time_limit: float = DEFAULT_TIME_LIMIT) -> Flask:
    """A new app. `config_file` is a cpdocs.toml for the authority's settings (timescales,
    word lists); without it the defaults apply. Each call makes a new secret key unless given:
    forms from an earlier run of the server are refused politely. `workers` > 0 checks drafts in
    that many worker processes (see cpdocs.web.workers); 0 checks them in the request's thread."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.request_class = MemoryRequest
    app.secret_key = secret_key or secrets.token_bytes(32)
    app.config.update(
        TESTING=testing,
        MAX_CONTENT_LENGTH=max_upload_mb * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=max_upload_mb * 1024 * 1024,
        MAX_FORM_PARTS=20_000,
        SESSION_COOKIE_NAME="cpdocs_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SEND_FILE_MAX_AGE_DEFAULT=0,
        CPDOCS_MAX_UPLOAD_MB=max_upload_mb,
    )
    config = load_config(Path(config_file)) if config_file else Config()
    app.extensions["cpdocs_config"] = config
    app.extensions["cpdocs_checker"] = Checker(config, str(config_file) if config_file else None, workers,
                                               time_limit)
    app.jinja_env.globals["version"] = __version__
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    from cpdocs.lint.reporters.html import TEMPLATES as REPORT_TEMPLATES

    # The lint reporter's own templates, as "report/...": the check page shows its markup.
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader,
                                         PrefixLoader({"report": FileSystemLoader(str(REPORT_TEMPLATES))})])
    security.install(app)

    from cpdocs.web import check, handbook, make, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(check.bp)
    app.register_blueprint(make.bp)
    app.register_blueprint(handbook.bp)
    _errors(app)
    return app


def cpdocs_config(app: Flask) -> Config:
    return app.extensions["cpdocs_config"]


def checker(app: Flask) -> Checker:
    return app.extensions["cpdocs_checker"]


def _errors(app: Flask) -> None:
    @app.errorhandler(security.CsrfError)
    def csrf_failed(_exc):
        return render_template(
            "error.html", title="This page has expired",
            message="The form was sent without the safety code this page gives it, or the cpdocs server has "
                    "been restarted since the page was opened. Nothing was sent or kept.",
            advice="Go back, reload the page, and try again."), 400

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_exc):
        mb = app.config["CPDOCS_MAX_UPLOAD_MB"]
        return render_template(
            "error.html", title="The file is too large",
            message=f"cpdocs reads files up to {mb} MB. A report is almost always much smaller than that.",
            advice="Check that you chose the right file. If the report has large pictures in it, save a copy "
                   "without them and check that."), 413

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        titles = {404: "Page not found", 405: "That cannot be done here"}
        return render_template(
            "error.html", title=titles.get(exc.code or 0, "Something went wrong"),
            message="There is no page at this address." if exc.code == 404 else "The request could not be handled.",
            advice="Use the links at the top of the page."), exc.code or 400

    @app.errorhandler(Exception)
    def fault(exc: Exception):
        # Log where the fault is, never what was in it: an exception's message may quote a draft.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("fault in cpdocs (%s)\n%s", type(exc).__name__, frames)
        return render_template(
            "error.html", title="Something went wrong in cpdocs",
            message=f"cpdocs could not finish this because of a fault in cpdocs itself ({type(exc).__name__}). "
                    "Nothing was kept.",
            advice="Try again. If it happens again, please report it, without sending the document."), 500
