"""In a real browser: check a Word draft, then download it with suggested changes, beside the download
with comments, and open what came down."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from e2e_support import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' own helpers
from tracked_support import reject, revisions  # noqa: E402

from cpdocs.readers import read_document  # noqa: E402

DRAFT = ROOT / "fixtures/drafts/example-agency-report.docx"


def test_download_the_draft_with_suggested_changes(page, server, tmp_path):
    page.goto(server + "/check")
    page.set_input_files("#draft", str(DRAFT))
    page.get_by_role("button", name="Check the draft").click()
    page.wait_for_selector("text=What to fix in this draft")
    comments = page.get_by_role("button", name="Download the draft with Word comments")
    suggested = page.get_by_role("button", name="Download the draft with suggested changes")
    assert comments.is_visible() and suggested.is_visible()
    # together, one under the other in the same group of buttons
    group = page.locator(".govuk-button-group").filter(has=suggested)
    assert group.count() == 1 and group.filter(has=comments).count() == 1
    page.screenshot(path=str(tmp_path / "buttons.png"))
    assert "tracked changes" in page.inner_text("#suggested-hint")
    with page.expect_download() as dl:
        suggested.click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == "example-agency-report.suggested.docx"
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b"cpdocs" in zf.read("word/comments.xml")
    assert [a for _, _, a in revisions(data)].count("cpdocs") >= 3
    original = [(b.kind, b.text) for b in read_document("d.docx", DRAFT.read_bytes()).blocks]
    assert [(b.kind, b.text) for b in read_document("d.docx", reject(data)).blocks] == original
    # the page is still there, and the other download still works
    with page.expect_download() as dl2:
        comments.click()
    assert dl2.value.suggested_filename == "example-agency-report.cpdocs.docx"
    assert page.outside == [] and page.csp_violations == []
