"""Check a draft through the page: findings, Word comments, a second check, and every bad input."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from docx import Document as OpenDocx
from web_support import CASES, DRAFTS, errors, field_errors, hidden, new_client, token

import cpdocs.web.check as check_module
from cpdocs.generate.case import load_case
from cpdocs.generate.render import render_document, to_bytes


@pytest.fixture()
def client():
    return new_client(max_upload_mb=2)[1]


def upload(client, data: bytes, name: str, **form):
    body = {"csrf_token": token(client), "draft": (io.BytesIO(data), name), **form}
    return client.post("/check", data=body, content_type="multipart/form-data")


def test_docx_draft_shows_its_findings(client):
    r = upload(client, (DRAFTS / "example-agency-report.docx").read_bytes(), "example-agency-report.docx")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "What to fix in this draft" in page
    assert "Agency report" in page and "worked out from the draft" in page
    assert '<mark class="cat-' in page  # words marked in the draft
    assert 'class="note cat-' in page  # explanations beside them
    assert "Reading ease" in page
    assert "Download the draft with Word comments" in page
    assert hidden(page, "previous")


def test_markdown_draft_and_chosen_type(client):
    data = (DRAFTS / "core-group-minutes.md").read_bytes()
    page = upload(client, data, "minutes.md", report_type="core-group-minutes").get_data(as_text=True)
    assert "Core group minutes" in page and "worked out from the draft" not in page


def test_pasted_text(client):
    text = "# Agency report\n\nThe family will engage with services going forward. Mum was hostile.\n"
    r = client.post("/check", data={"csrf_token": token(client), "text": text})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "going forward" in page and "hostile" in page
    assert "Download the draft with Word comments" not in page  # only for Word files


def test_draft_text_is_escaped(client):
    text = "# Agency report\n\n<script>alert('x')</script> The plan is ongoing. {{ 7*7 }}\n"
    page = client.post("/check", data={"csrf_token": token(client), "text": text}).get_data(as_text=True)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "{{ 7*7 }}" in page


def test_second_check_shows_what_was_fixed_and_what_is_new(client):
    first = ("# Agency report\n\nThe assessment is ongoing. Mum was hostile to the social worker.\n")
    page = client.post("/check", data={"csrf_token": token(client), "text": first}).get_data(as_text=True)
    previous = hidden(page, "previous")
    second = ("# Agency report\n\nThe assessment will be finished by 14 March 2025. Mum was hostile. "
              "Dad has been signposted.\n")
    page2 = client.post("/check", data={"csrf_token": token(client), "text": second, "previous": previous}
                        ).get_data(as_text=True)
    assert "Since the last check" in page2
    fixed = page2[page2.index(">Fixed<"):page2.index(">New<")]
    new = page2[page2.index(">New<"):page2.index("</ul>", page2.index(">New<"))]
    assert "ongoing" in fixed
    assert "signposted" in new
    assert "hostile" not in fixed and "hostile" not in new


def test_altered_previous_field_is_ignored(client):
    text = "# Agency report\n\nThe assessment is ongoing.\n"
    page = client.post("/check", data={"csrf_token": token(client), "text": text, "previous": "forged.value"}
                       ).get_data(as_text=True)
    assert "Since the last check" not in page


def test_word_copy_has_the_comments(client):
    data = (DRAFTS / "example-agency-report.docx").read_bytes()
    page = upload(client, data, "example-agency-report.docx").get_data(as_text=True)
    r = client.post("/check/word", data={"csrf_token": token(client), "draft": hidden(page, "draft"),
                                         "name": "example-agency-report.docx", "report_type": ""})
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].endswith("example-agency-report.cpdocs.docx")
    assert r.headers["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(r.data)) as zf:
        assert "word/comments.xml" in zf.namelist()
        assert b"cpdocs" in zf.read("word/comments.xml")
    assert OpenDocx(io.BytesIO(r.data)).paragraphs  # opens


def test_word_copy_of_garbage_is_refused_plainly(client):
    r = client.post("/check/word", data={"csrf_token": token(client), "draft": "not base64!!", "name": "x.docx"})
    assert r.status_code == 400
    assert "Upload it again" in r.get_data(as_text=True)


def test_nothing_chosen(client):
    r = client.post("/check", data={"csrf_token": token(client), "text": "   "})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert errors(page)["draft"] == "Choose a file to check, or paste the text of the draft"
    assert "There is a problem" in page


def test_unknown_report_type(client):
    r = client.post("/check", data={"csrf_token": token(client), "text": "# Report\n\nText.", "report_type": "x"})
    assert r.status_code == 400
    assert "report_type" in errors(r.get_data(as_text=True))


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * 200_000_000 + b">")
    return buf.getvalue()


HOSTILE = [
    (b"%PDF-1.4\n%garbage", "draft.docx", "is a PDF file, not a Word document"),
    (b"", "empty.docx", "is empty"),
    (b"PK\x03\x04 this is not really a zip", "broken.docx", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "locked.docx", "password"),
    (b"\x00\x01\x02binary\x00" * 100, "blob.txt", "binary"),
    (b"caf\xe9 au lait", "latin1.txt", "UTF-8"),
    (b"MZ\x90\x00" + b"\x00" * 64, "program.exe", "not a report"),
    (None, "bomb.docx", "bomb.docx"),
]


@pytest.mark.parametrize("data, name, words", HOSTILE)
def test_hostile_file_gets_a_plain_message_and_the_server_goes_on(client, data, name, words):
    if data is None:
        data = _zip_bomb()
    r = upload(client, data, name)
    assert r.status_code in (422, 500)
    page = r.get_data(as_text=True)
    message = field_errors(page)["draft"]
    assert name in message and words.lower() in message.lower()
    assert "Traceback" not in page
    ok = upload(client, b"# Agency report\n\nThe plan is ongoing.\n", "fine.md")
    assert ok.status_code == 200


def test_oversized_upload_gets_a_plain_message(client):
    r = upload(client, b"a" * (3 * 1024 * 1024), "huge.txt")
    assert r.status_code == 413
    page = r.get_data(as_text=True)
    assert "too large" in page and "2 MB" in page


def test_a_fault_is_plain_and_never_logs_the_draft(client, monkeypatch, caplog):
    def broken(name, data, report_type):
        raise RuntimeError("Amara Okafor said something private")

    monkeypatch.setattr(check_module, "run_check", broken)
    with caplog.at_level(logging.DEBUG):
        r = client.post("/check", data={"csrf_token": token(client), "text": "# Report\n\nAmara Okafor said.\n"})
    assert r.status_code == 500
    page = r.get_data(as_text=True)
    assert "fault in cpdocs" in page and "RuntimeError" in page
    assert "private" not in page and "Amara" not in caplog.text


def test_uploads_are_never_logged(client, caplog):
    with caplog.at_level(logging.DEBUG):
        upload(client, b"# Agency report\n\nZebedee Quintrell is ongoing.\n", "secret-family.md")
    assert "Zebedee" not in caplog.text and "secret-family" not in caplog.text


def test_pdf_draft(client):
    case = load_case(CASES / "initial-okafor.yaml")
    pdf = to_bytes(render_document("icpc-report", case)[0], "pdf")
    r = upload(client, pdf, "report.pdf")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "What to fix in this draft" in page and "Amara" in page
    assert "Download the draft with Word comments" not in page


def test_a_strange_file_name_is_made_safe_for_the_download(client):
    data = (DRAFTS / "example-agency-report.docx").read_bytes()
    page = upload(client, data, "example.docx").get_data(as_text=True)
    r = client.post("/check/word", data={"csrf_token": token(client), "draft": hidden(page, "draft"),
                                         "name": "a\r\nSet-Cookie: x=1\"b.docx", "report_type": ""})
    assert r.status_code == 200
    assert "\n" not in r.headers["Content-Disposition"] and "Set-Cookie" not in r.headers
