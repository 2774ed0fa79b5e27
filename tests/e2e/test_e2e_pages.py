"""In a real browser: check a draft, fill the case form with a mistake and correct it, download
and open the files, work out deadlines; and an accessibility check of every page with axe-core."""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pytest
from docx import Document as OpenDocx
from e2e_support import ROOT, shot
from playwright.sync_api import expect

DRAFT = ROOT / "fixtures/drafts/example-agency-report.docx"


def no_outside(page) -> None:
    assert page.outside == [], page.outside
    assert page.csp_violations == [], page.csp_violations


def docx_text(data: bytes) -> str:
    d = OpenDocx(io.BytesIO(data))
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


def check_draft(page, server):
    page.goto(server + "/check")
    page.set_input_files("#draft", str(DRAFT))
    page.get_by_role("button", name="Check the draft").click()
    page.wait_for_selector("text=What to fix in this draft")


def test_upload_a_draft_and_see_its_findings(page, server, tmp_path):
    check_draft(page, server)
    assert page.locator("mark").count() > 3
    assert page.locator(".note").count() >= 10
    assert "Agency report" in page.inner_text("main")
    shot(page, "02-check-result")
    # a marked word links to its explanation
    first = page.locator("a.ref").first
    target = first.get_attribute("href")
    first.click()
    assert page.url.endswith(target)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download the draft with Word comments").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == "example-agency-report.cpdocs.docx"
    with zipfile.ZipFile(path) as zf:
        assert b"cpdocs" in zf.read("word/comments.xml")
    assert docx_text(path.read_bytes())
    no_outside(page)


def test_check_again_shows_what_changed(page, server):
    check_draft(page, server)
    page.set_input_files("#draft", str(DRAFT))
    page.get_by_role("button", name="Check again").click()
    page.wait_for_selector("text=Since the last check")
    assert "0 fixed, 0 new" in page.inner_text(".govuk-notification-banner")
    no_outside(page)


def fill(page, label_id: str, value: str) -> None:
    page.locator(f'[id="{label_id}"]').fill(value)


def test_case_form_with_a_mistake_then_corrected_and_downloaded(page, server, tmp_path):
    page.goto(server + "/make")
    page.get_by_role("button", name="Fill in the case").click()
    page.locator('[id="conference.type"]').select_option("initial")
    for k, v in {
        "conference.date": "22/04/2025", "conference.time": "10:00", "conference.venue": "Room 3, Family Centre",
        "conference.chair.name": "Janet Adeyemi", "conference.chair.email": "janet@example.org",
        "conference.strategy_discussion": "03/04/2025",
        "children[0].name": "Amara Okafor", "children[0].date_of_birth": "03/05/2016",
        "family[0].name": "Grace Okafor", "family[0].relationship": "mother",
        "family[0].address": "Flat 4, 27 Willow Court\nBrookfield BK3 9LP",
        "family[1].name": "Daniel Mensah", "family[1].relationship": "father",
        "family[1].address": "8 Harbour Lane\nEastmouth EM4 2JD",
        "professionals[0].name": "Dr Helen Moss", "professionals[0].role": "GP",
        "professionals[0].agency": "Willow Street Surgery", "professionals[0].email": "h.moss@example.org",
        "social_worker.name": "Priya Shah", "social_worker.team": "Safeguarding Team 2",
        "social_worker.phone": "01632 960 123",
        "decision.reasons": "Amara often goes without meals at weekends.",
        "plan[0].outcome": "Amara eats three meals every day.",
        "plan[0].actions[0].what": "Refer Ms Okafor to the food bank",
        "plan[0].actions[0].who": "Priya Shah (social worker)",
        "plan[0].actions[0].by": "in due course",  # the mistake
        "partnership.name": "Brookfield Safeguarding Partnership",
    }.items():
        fill(page, k, v)
    page.locator('[id="children[0].category"]').select_option("neglect")
    page.locator('[id="professionals[0].gp"]').check()
    page.locator('[id="family[1].lives_with_children"]').uncheck()
    page.get_by_role("button", name="Check the details and continue").click()
    page.wait_for_selector(".govuk-error-summary")
    summary = page.inner_text(".govuk-error-summary")
    assert "Outcome 1, action 1: not a date" in summary
    assert page.locator('[id="plan[0].actions[0].by-error"]').is_visible()
    assert page.locator('[id="children[0].name"]').input_value() == "Amara Okafor"  # kept
    shot(page, "05-case-form-error")
    page.get_by_role("link", name="Outcome 1, action 1: not a date").click()
    fill(page, "plan[0].actions[0].by", "29/04/2025")
    page.get_by_role("button", name="Check the details and continue").click()
    page.wait_for_selector("text=The details are complete")
    assert page.locator('tr[data-event="chairs-letter"]').count() == 1
    shot(page, "06-documents")

    with page.expect_download() as dl:
        page.locator('button[data-doc="chairs-letter"][data-format="docx"]').click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    with zipfile.ZipFile(path) as zf:
        letters = [n for n in zf.namelist() if n.endswith(".docx")]
        assert len(letters) >= 3  # mother, father, GP
        for name in letters:
            assert "Amara" in docx_text(zf.read(name))

    with page.expect_download() as dl:
        page.locator('button[data-doc="core-group-minutes"][data-format="pdf"]').click()
    pdf = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pdf)
    with pdfplumber.open(pdf) as doc:
        assert "Amara" in "".join(p.extract_text() or "" for p in doc.pages)
    no_outside(page)


def test_deadlines(page, server):
    page.goto(server + "/deadlines")
    page.locator("#event").select_option("icpc")
    page.locator("#date").fill("14/03/2025")
    page.get_by_role("button", name="Work out the deadlines").click()
    row = page.locator('tr[data-event="chairs-letter"]')
    assert "Monday 17 March 2025" in row.inner_text()
    shot(page, "07-deadlines")
    no_outside(page)


def test_pages_work_with_the_keyboard(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))  # waits for the jump, on a slow machine too


# --- accessibility -------------------------------------------------------------------------------

def axe(page, axe_source: str) -> list[dict]:
    """axe-core run in the page (evaluated through the browser's devtools protocol, so the page's
    own Content-Security-Policy stays as strict as ever); serious and critical violations."""
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                           "'wcag22aa', 'best-practice']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _result(page, server):
    check_draft(page, server)


def _case_error(page, server):
    page.goto(server + "/make/form")
    page.get_by_role("button", name="Check the details and continue").click()
    page.wait_for_selector(".govuk-error-summary")


def _documents(page, server):
    page.goto(server + "/make")
    page.set_input_files("#case", str(ROOT / "fixtures/cases/initial-okafor.yaml"))
    page.get_by_role("button", name="Upload the case file").click()
    page.wait_for_selector("text=The details are complete")


def _deadlines(page, server):
    page.goto(server + "/deadlines")
    page.locator("#date").fill("14/03/2025")
    page.get_by_role("button", name="Work out the deadlines").click()


def _check_error(page, server):
    page.goto(server + "/check")
    page.get_by_role("button", name="Check the draft").click()
    page.wait_for_selector(".govuk-error-summary")


PAGES = {
    "01-home": "/", "03-check": "/check", "04-make": "/make", "08-standards": "/standards",
    "09-rule": "/standards/CPD101", "10-not-found": "/nowhere", "11-case-form": "/make/form",
}
STEPS = {"02-check-result": _result, "05-case-form-error": _case_error, "06-documents": _documents,
         "07-deadlines": _deadlines, "12-check-error": _check_error}


@pytest.mark.parametrize("name", sorted([*PAGES, *STEPS]))
def test_no_serious_accessibility_violations(page, server, axe_source, name):
    if name in PAGES:
        page.goto(server + PAGES[name])
    else:
        STEPS[name](page, server)
    shot(page, name)
    violations = axe(page, axe_source)
    assert violations == [], violations
    no_outside(page)


def test_enter_in_the_case_form_checks_rather_than_adding_a_row(page, server):
    page.goto(server + "/make/form")
    page.locator('[id="children[0].name"]').fill("Amara Okafor")
    page.locator('[id="children[0].name"]').press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert page.locator('[id="children[1].name"]').count() == 0
    assert page.locator('[id="children[0].name"]').input_value() == "Amara Okafor"
