"""What keeps a family's data safe in the browser: CSRF tokens, response headers, signed fields.

Nothing here stores anything on the server. The CSRF token lives in the user's own signed
session cookie (it holds only that random token) and in each form; the result of a previous
check travels in the user's own page as a signed, compressed hidden field.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, abort, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

CSRF_FIELD = "csrf_token"

# Everything from this server only; no inline script at all, no framing, forms post only here.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class CsrfError(Exception):
    """A form came back without the token of this browser's session."""


def csrf_token() -> str:
    token = session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def check_csrf() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.endpoint == "static":
        abort(405)
    expected = session.get(CSRF_FIELD)
    given = request.form.get(CSRF_FIELD, "")
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        raise CsrfError()


def add_headers(response: Response) -> Response:
    for k, v in HEADERS.items():
        response.headers[k] = v
    return response


def install(app: Flask) -> None:
    app.before_request(check_csrf)
    app.after_request(add_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["CSRF_FIELD"] = CSRF_FIELD


def signer(app: Flask, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(app.secret_key, salt=salt)


def sign(app: Flask, salt: str, value) -> str:
    return signer(app, salt).dumps(value)


def unsign(app: Flask, salt: str, text: str, max_age: int) -> object | None:
    """The value, or None when the field is missing, altered, from another server run, or too old."""
    if not text:
        return None
    try:
        return signer(app, salt).loads(text, max_age=max_age)
    except BadSignature:
        return None
