"""Every page answers, with the privacy and safety headers, and loads nothing from elsewhere."""

from __future__ import annotations

import re

import pytest
from web_support import new_client

from cpdocs.lint.rules import all_rules

PAGES = ["/", "/check", "/make", "/make/form", "/deadlines", "/standards", "/standards/CPD101"]


@pytest.fixture(scope="module")
def client():
    return new_client()[1]


@pytest.mark.parametrize("path", PAGES)
def test_page_answers_with_safe_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    page = r.get_data(as_text=True)
    assert '<html lang="en-GB"' in page
    assert re.search(r"<title>[^<]+ – cpdocs</title>", page)
    assert 'href="#main-content"' in page  # skip link


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_elsewhere(client, path):
    page = client.get(path).get_data(as_text=True)
    for attr in re.findall(r'(?:src|href|action)="([^"]*)"', page):
        assert not re.match(r"(https?:)?//", attr), attr
    assert "<script" not in page  # the pages work without JavaScript
    assert " style=" not in page  # nothing the CSP would block


def test_stylesheets_load_nothing_from_elsewhere(client):
    for path in ("/static/govuk-frontend.min.css", "/static/cpdocs-web.css", "/report.css"):
        r = client.get(path)
        assert r.status_code == 200 and r.mimetype == "text/css"
        css = r.get_data(as_text=True)
        assert "url(" not in css and "@import" not in css and "GDS Transport" not in css


def test_handbook_lists_every_rule_with_examples(client):
    page = client.get("/standards").get_data(as_text=True)
    for rule in all_rules():
        assert f'id="{rule.info.code}"' in page
    assert "Instead of" in page and "Write" in page


def test_rule_page_and_unknown_rule(client):
    assert client.get("/standards/vague-timescale").status_code in (200, 404)
    r = client.get("/standards/NOPE999")
    assert r.status_code == 404
    assert "Page not found" in r.get_data(as_text=True)


def test_unknown_page_is_plain(client):
    r = client.get("/nowhere")
    assert r.status_code == 404
    assert "There is no page at this address" in r.get_data(as_text=True)
    assert r.headers["Cache-Control"] == "no-store"


def test_wrong_method_is_plain(client):
    r = client.put("/check")
    assert r.status_code in (400, 405)


@pytest.mark.parametrize(("path", "current"), [("/", None), ("/deadlines", "Deadlines"), ("/check", "Check a draft"),
                                               ("/make", "Make the documents"), ("/standards", "The standards")])
def test_the_menu_marks_only_the_page_you_are_on(client, path, current):
    page = client.get(path).get_data(as_text=True)
    marked = re.findall(r'<a class="govuk-service-navigation__link" href="[^"]*" aria-current="page">\s*'
                        r'<strong[^>]*>([^<]+)</strong>', page)
    assert marked == ([current] if current else [])
    assert page.count('aria-current="page"') == (1 if current else 0)
