"""The check page offers the draft with suggested changes beside the draft with comments."""

from __future__ import annotations

import io

from tracked_support import reject, revisions
from web_support import DRAFTS, hidden, new_client, token

from cpdocs.readers import read_document


def _check(client, name: str):
    data = (DRAFTS / name).read_bytes()
    body = {"csrf_token": token(client), "draft": (io.BytesIO(data), name)}
    return data, client.post("/check", data=body, content_type="multipart/form-data").get_data(as_text=True)


def test_both_downloads_are_offered_for_a_word_draft_and_neither_for_text():
    _, client = new_client()
    _, page = _check(client, "example-agency-report.docx")
    assert "Download the draft with Word comments" in page
    assert "Download the draft with suggested changes" in page
    assert 'formaction="/check/suggested"' in page
    _, page = _check(client, "example-agency-report.md")
    assert "Download the draft with suggested changes" not in page


def test_the_suggested_copy_has_tracked_changes_and_rejecting_them_gives_the_draft():
    _, client = new_client()
    data, page = _check(client, "example-agency-report.docx")
    r = client.post("/check/suggested", data={"csrf_token": token(client), "draft": hidden(page, "draft"),
                                              "name": "example-agency-report.docx", "report_type": ""})
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].endswith("example-agency-report.suggested.docx")
    assert r.headers["Cache-Control"] == "no-store"
    assert [a for _, _, a in revisions(r.data)].count("cpdocs") >= 3
    original = [(b.kind, b.text) for b in read_document("d.docx", data).blocks]
    assert [(b.kind, b.text) for b in read_document("d.docx", reject(r.data)).blocks] == original


def test_a_garbled_draft_sent_back_is_refused_plainly():
    _, client = new_client()
    r = client.post("/check/suggested", data={"csrf_token": token(client), "draft": "not base64!!", "name": "x.docx"})
    assert r.status_code == 400
    assert "Upload it again" in r.get_data(as_text=True)


def test_the_standards_pages_say_what_cpdocs_fix_does():
    _, client = new_client()
    page = client.get("/standards/CPD302").get_data(as_text=True)
    assert "Fixed for you" in page and "(CAMHS)" in page
    page = client.get("/standards").get_data(as_text=True)
    assert "Left to you" in page and "Fixed for you" in page
