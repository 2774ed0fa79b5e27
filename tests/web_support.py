"""Helpers for the web tests: an app, its test client, the CSRF token, and a page's form values."""

from __future__ import annotations

import html
import re
from pathlib import Path

from cpdocs.web import create_app

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
CASES = ROOT / "fixtures" / "cases"


def new_client(**kw):
    app = create_app(testing=True, **kw)
    return app, app.test_client()


def token(client) -> str:
    page = client.get("/check").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def errors(page: str) -> dict[str, str]:
    """The error summary: field id -> message."""
    return {html.unescape(k): html.unescape(v) for k, v in re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', page)}


def field_errors(page: str) -> dict[str, str]:
    """The messages shown beside each field."""
    return {html.unescape(k): " ".join(html.unescape(re.sub(r"<[^>]+>", "", v)).split()).removeprefix("Error: ")
            for k, v in re.findall(r'<p id="([^"]+)-error" class="govuk-error-message">(.*?)</p>', page, re.S)}


def hidden(page: str, name: str) -> str:
    m = re.search(r'name="' + re.escape(name) + r'" value="([^"]*)"', page)
    return html.unescape(m.group(1)) if m else ""


def form_values(page: str, form_action: str | None = None) -> dict[str, str]:
    """What a browser would send for the (first) form: inputs, ticked boxes, textareas, selects."""
    if form_action:
        start = page.index(f'action="{form_action}"')
        page = page[start:page.index("</form>", start)]
    out: dict[str, str] = {}
    for m in re.finditer(r"<(input|textarea|select)([^>]*)>", page):
        attrs = m.group(2)
        name = re.search(r'name="([^"]+)"', attrs)
        if not name or 'type="submit"' in attrs:
            continue
        name = html.unescape(name.group(1))
        if 'type="file"' in attrs:
            continue
        if 'type="checkbox"' in attrs:
            if " checked" in attrs:
                out[name] = "yes"
            continue
        if m.group(1) == "input":
            v = re.search(r'value="([^"]*)"', attrs)
            out[name] = html.unescape(v.group(1)) if v else ""
        elif m.group(1) == "textarea":
            out[name] = html.unescape(page[m.end():page.index("</textarea>", m.end())])
        else:
            body = page[m.end():page.index("</select>", m.end())]
            sel = re.search(r'<option value="([^"]*)" selected', body)
            out[name] = html.unescape(sel.group(1)) if sel else ""
    return out
