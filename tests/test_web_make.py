"""Make the documents through the page: a case file or the form, errors beside fields, downloads."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml
from docx import Document as OpenDocx
from web_support import CASES, errors, field_errors, form_values, hidden, new_client, token

from cpdocs.generate.case import load_case


@pytest.fixture()
def client():
    return new_client()[1]


def upload_case(client, data: bytes, name: str):
    return client.post("/make/upload", data={"csrf_token": token(client), "case": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def download(client, case_json: str, doc: str, fmt: str):
    return client.post("/make/download", data={"csrf_token": token(client), "case": case_json, "doc": doc,
                                               "format": fmt})


def docx_text(data: bytes) -> str:
    d = OpenDocx(io.BytesIO(data))
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.yaml")))
def test_every_fixture_case_gives_documents_and_deadlines(client, name):
    r = upload_case(client, (CASES / name).read_bytes(), name)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "The details are complete" in page
    assert 'data-doc="chairs-letter"' in page
    assert 'data-event="rcpc"' in page  # the review conference date is worked out
    case_json = hidden(page, "case")
    letters = download(client, case_json, "chairs-letter", "docx")
    assert letters.status_code == 200
    case = load_case(CASES / name)
    first = case.children[0].name.split()[0]
    if letters.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(letters.data)) as zf:
            names = zf.namelist()
            assert names and all(n.endswith(".docx") for n in names)
            text = docx_text(zf.read(names[0]))
    else:
        text = docx_text(letters.data)
    assert first in text


def test_pdf_and_single_file_download(client):
    page = upload_case(client, (CASES / "initial-okafor.yaml").read_bytes(), "initial-okafor.yaml")
    case_json = hidden(page.get_data(as_text=True), "case")
    r = download(client, case_json, "icpc-report", "pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data.startswith(b"%PDF-")
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Content-Disposition"].endswith("2025-04-22_icpc-report_okafor.pdf")


def test_everything_in_one_zip(client):
    page = upload_case(client, (CASES / "initial-okafor.yaml").read_bytes(), "initial-okafor.yaml")
    r = download(client, hidden(page.get_data(as_text=True), "case"), "all", "docx")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.data)) as zf:
        names = zf.namelist()
    assert any("chairs-letter" in n and n.endswith(".pdf") for n in names)
    assert any("core-group-minutes" in n and n.endswith(".docx") for n in names)
    assert not any("rcpc-report" in n for n in names)  # not for an initial conference


def test_a_document_that_does_not_fit_says_why(client):
    page = upload_case(client, (CASES / "initial-okafor.yaml").read_bytes(), "initial-okafor.yaml").get_data(
        as_text=True)
    assert "Not for this case: an rcpc-report is for a review conference" in page
    r = download(client, hidden(page, "case"), "rcpc-report", "docx")
    assert r.status_code == 422


def test_save_the_case_file_round_trip(client):
    page = upload_case(client, (CASES / "review-bennett.yaml").read_bytes(), "review-bennett.yaml")
    r = download(client, hidden(page.get_data(as_text=True), "case"), "all", "yaml")
    assert r.status_code == 200
    saved = yaml.safe_load(r.data)
    again = upload_case(client, r.data, "case.yaml")
    assert again.status_code == 200
    assert saved["conference"]["type"] == "review"


@pytest.mark.parametrize("data, name, words", [
    (b"conference: [\n", "bad.yaml", "not valid YAML"),
    (b"{not json", "bad.json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "latin.yaml", "UTF-8"),
    (b"- just\n- a list\n", "list.yaml", "is not a case file"),
])
def test_bad_case_file_gets_a_plain_message(client, data, name, words):
    r = upload_case(client, data, name)
    assert r.status_code == 422
    assert words in field_errors(r.get_data(as_text=True))["case"]


def test_no_case_file_chosen(client):
    r = client.post("/make/upload", data={"csrf_token": token(client)}, content_type="multipart/form-data")
    assert r.status_code == 400 and errors(r.get_data(as_text=True))["case"] == "Choose a case file"


def test_case_file_with_mistakes_opens_in_the_form_with_each_error_beside_its_field(client):
    data = yaml.safe_load((CASES / "initial-okafor.yaml").read_text())
    data["children"][1]["date_of_birth"] = "31/02/2021"
    data["plan"][0]["actions"][0]["who"] = "TBC"
    r = upload_case(client, yaml.safe_dump(data).encode(), "okafor.yaml")
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "okafor.yaml has 2 problems" in page
    beside = field_errors(page)
    assert beside["children[1].date_of_birth"].startswith("Child 2: not a real date")
    assert "name the person" in beside["plan[0].actions[0].who"]
    values = form_values(page, "/make/form")
    assert values["children[1].date_of_birth"] == "31/02/2021"  # what was there is kept
    # what the form does not show travels with it, and comes back
    values["children[1].date_of_birth"] = "19/01/2021"
    values["plan[0].actions[0].who"] = "Priya Shah (social worker)"
    values["action"] = "check"
    ok = client.post("/make/form", data=values)
    assert ok.status_code == 200
    back = json.loads(hidden(ok.get_data(as_text=True), "case"))
    assert back["children"][0]["said"][0]["words"].startswith("There is no food")
    assert back["reports"]["icpc-report"]["sections"]["analysis"]


def test_empty_form_names_each_missing_field(client):
    r = client.post("/make/form", data={"csrf_token": token(client), "action": "check"})
    assert r.status_code == 422
    found = errors(r.get_data(as_text=True))
    assert found["conference.date"] == "Enter the date of the conference"
    assert found["children[0].name"] == "Add at least one child"
    assert found["social_worker.name"] == "Enter the social worker's name"


def _filled_form(client) -> dict[str, str]:
    page = client.get("/make/form").get_data(as_text=True)
    v = form_values(page, "/make/form")
    v.update({
        "conference.type": "initial", "conference.date": "22/04/2025", "conference.time": "10:00",
        "conference.venue": "Room 3, Brookfield Family Centre", "conference.chair.name": "Janet Adeyemi",
        "conference.chair.email": "janet.adeyemi@example.org", "conference.strategy_discussion": "03/04/2025",
        "children[0].name": "Amara Okafor", "children[0].date_of_birth": "03/05/2016",
        "children[0].decision": "child-protection-plan", "children[0].category": "neglect",
        "family[0].name": "Grace Okafor", "family[0].relationship": "mother",
        "family[0].address": "Flat 4, 27 Willow Court\nBrookfield BK3 9LP",
        "family[1].name": "Daniel Mensah", "family[1].relationship": "father",
        "family[1].address": "8 Harbour Lane\nEastmouth EM4 2JD",
        "professionals[0].name": "Dr Helen Moss", "professionals[0].role": "GP",
        "professionals[0].agency": "Willow Street Surgery", "professionals[0].email": "h.moss@example.org",
        "professionals[0].gp": "yes",
        "social_worker.name": "Priya Shah", "social_worker.team": "Safeguarding Team 2",
        "social_worker.phone": "01632 960 123",
        "decision.reasons": "Amara often goes without meals at weekends.",
        "plan[0].outcome": "Amara eats three meals every day.",
        "plan[0].actions[0].what": "Refer Ms Okafor to the food bank",
        "plan[0].actions[0].who": "Priya Shah (social worker)", "plan[0].actions[0].by": "29/04/2025",
        "partnership.name": "Brookfield Safeguarding Partnership",
        "action": "check",
    })
    return v


def test_form_one_mistake_then_corrected(client):
    v = _filled_form(client)
    v["plan[0].actions[0].by"] = "soon"
    r = client.post("/make/form", data=v)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert list(errors(page)) == ["plan[0].actions[0].by"]
    assert 'value="soon"' in page and 'value="Amara Okafor"' in page
    v = form_values(page, "/make/form")
    v["plan[0].actions[0].by"] = "29/04/2025"
    v["action"] = "check"
    ok = client.post("/make/form", data=v)
    assert ok.status_code == 200
    page = ok.get_data(as_text=True)
    letters = download(client, hidden(page, "case"), "chairs-letter", "docx")
    assert letters.status_code == 200


def test_add_another_row_keeps_what_was_typed(client):
    v = _filled_form(client)
    v["action"] = "add:children"
    page = client.post("/make/form", data=v).get_data(as_text=True)
    assert 'name="children[1].name"' in page and 'value="Amara Okafor"' in page
    v["action"] = "add:plan[0].actions"
    page = client.post("/make/form", data=v).get_data(as_text=True)
    assert 'name="plan[0].actions[1].what"' in page


def test_tampered_case_on_download_is_checked_again(client):
    r = download(client, json.dumps({"children": []}), "chairs-letter", "docx")
    assert r.status_code == 422
    assert "There is a problem" in r.get_data(as_text=True)
    r = download(client, "not json", "chairs-letter", "docx")
    assert r.status_code == 400
    r = download(client, "{}", "../../etc/passwd", "docx")
    assert r.status_code == 400


def test_the_family_documents_and_the_calendar_download_from_the_page(client):
    import icalendar

    name = "initial-okafor.yaml"
    page = upload_case(client, (CASES / name).read_bytes(), name).get_data(as_text=True)
    for doc in ("easy-read", "child-pack"):
        assert f'data-doc="{doc}"' in page
    assert 'data-doc="calendar" data-format="ics"' in page
    case_json = hidden(page, "case")
    pack = download(client, case_json, "child-pack", "docx")
    with zipfile.ZipFile(io.BytesIO(pack.data)) as zf:
        assert sorted(zf.namelist()) == ["2025-04-22_child-pack-after_okafor_amara-okafor.docx",
                                         "2025-04-22_child-pack-before_okafor_amara-okafor.docx",
                                         "2025-04-22_child-pack-my-views_okafor_amara-okafor.docx"]
    easy = download(client, case_json, "easy-read", "pdf")
    with zipfile.ZipFile(io.BytesIO(easy.data)) as zf:
        assert len(zf.namelist()) == 2 and all("easy-read" in n for n in zf.namelist())
    cal = download(client, case_json, "calendar", "ics")
    assert cal.status_code == 200 and cal.mimetype == "text/calendar"
    assert icalendar.Calendar.from_ical(cal.data).walk("VEVENT")
    assert b"Okafor" not in cal.data  # initials only, as on the command line
    assert download(client, case_json, "chairs-letter", "ics").status_code == 400


def test_a_case_with_no_child_old_enough_says_why_there_is_no_pack(client):
    name = "pre-birth-harper.yaml"
    page = upload_case(client, (CASES / name).read_bytes(), name).get_data(as_text=True)
    assert "no child is 5 or over on the day of the conference" in page
