"""The generate, new, deadlines and schema commands as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from docx import Document

from cpdocs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
OKAFOR = ROOT / "fixtures" / "cases" / "initial-okafor.yaml"


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


def test_generate_writes_predictable_files(tmp_path):
    r = run("generate", "icpc-report", OKAFOR, "-o", tmp_path, "--format", "docx,html")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2025-04-22_icpc-report_okafor.docx", "2025-04-22_icpc-report_okafor.html"]


def test_never_overwrites_without_force(tmp_path):
    assert run("generate", "icpc-report", OKAFOR, "-o", tmp_path, "--format", "html").exit_code == 0
    target = tmp_path / "2025-04-22_icpc-report_okafor.html"
    target.write_text("the administrator's edited copy", encoding="utf-8")
    r = run("generate", "icpc-report", OKAFOR, "-o", tmp_path, "--format", "docx,html")
    assert r.exit_code == 2
    assert "already exists; use --force to replace it" in r.output
    assert target.read_text(encoding="utf-8") == "the administrator's edited copy"
    assert not (tmp_path / "2025-04-22_icpc-report_okafor.docx").exists()  # nothing half done
    r = run("generate", "icpc-report", OKAFOR, "-o", tmp_path, "--format", "docx,html", "--force")
    assert r.exit_code == 0
    assert "Amara Okafor" in target.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cpdocs-")]


def test_a_bad_case_gives_every_problem_and_writes_nothing(tmp_path):
    data = yaml.safe_load(OKAFOR.read_text(encoding="utf-8"))
    data["children"][1]["date_of_birth"] = "not yet"
    data["social_worker"].pop("name")
    bad = tmp_path / "case.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "out"
    r = run("generate", "chairs-letter", bad, "-o", out)
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert f"cpdocs: {bad}: children[1].date_of_birth: not a date (write it as 2025-03-14 or 14/03/2025)" in lines
    assert f"cpdocs: {bad}: social_worker.name: missing" in lines
    assert "Traceback" not in r.output
    assert not out.exists()


def test_missing_case_and_bad_format(tmp_path):
    r = run("generate", "chairs-letter", tmp_path / "nope.yaml", "-o", tmp_path)
    assert r.exit_code == 2 and "no such file" in r.output
    r = run("generate", "chairs-letter", OKAFOR, "--format", "doc", "-o", tmp_path)
    assert r.exit_code == 2 and "unknown format 'doc'" in r.output


def test_unfitting_report_is_refused(tmp_path):
    r = run("generate", "rcpc-report", OKAFOR, "-o", tmp_path)
    assert r.exit_code == 2
    assert "an rcpc-report is for a review conference, and this case is an initial conference" in r.output
    assert not list(tmp_path.iterdir())


def test_authority_word_template(tmp_path):
    from cpdocs.templates.build_docx_templates import build

    tpl = build(tmp_path / "ours.docx")
    d = Document(str(tpl))
    d.sections[0].header.add_paragraph("Brookfield Borough Council logo here")
    d.save(str(tmp_path / "house.docx"))
    r = run("generate", "agency-report", OKAFOR, "-o", tmp_path / "out", "--format", "docx",
            "--template", tmp_path / "house.docx")
    assert r.exit_code == 0, r.output
    out = Document(str(tmp_path / "out" / "2025-04-22_agency-report_okafor.docx"))
    assert "Brookfield Borough Council logo here" in [p.text for p in out.sections[0].header.paragraphs]
    assert any("Amara Okafor" in c.text for t in out.tables for row in t.rows for c in row.cells)


def test_a_word_template_without_a_body_line_is_refused(tmp_path):
    d = Document()
    d.add_paragraph("Our letterhead")
    d.save(str(tmp_path / "nobody.docx"))
    r = run("generate", "agency-report", OKAFOR, "-o", tmp_path / "out", "--format", "docx",
            "--template", tmp_path / "nobody.docx")
    assert r.exit_code == 2 and "{{p body }}" in r.output
    (tmp_path / "fake.docx").write_text("not a word file", encoding="utf-8")
    r = run("generate", "agency-report", OKAFOR, "-o", tmp_path / "out", "--template", tmp_path / "fake.docx")
    assert r.exit_code == 2 and "is not a Word template" in r.output
    assert not (tmp_path / "out").exists()


def test_timescales_and_templates_from_configuration(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    case = folder / "case.yaml"
    shutil.copy(OKAFOR, case)
    (folder / "house.css").write_text("h1 { color: #004a80; }", encoding="utf-8")
    (folder / "cpdocs.toml").write_text(
        '[timescales]\nfirst_rcpc_months = 2\n\n[template]\ncss = "house.css"\n', encoding="utf-8")
    r = run("generate", "chairs-letter", case, "-o", folder / "out", "--format", "html")
    assert r.exit_code == 0, r.output
    html = (folder / "out" / "2025-04-22_chairs-letter_okafor_grace-okafor.html").read_text(encoding="utf-8")
    # Two months after Tue 22 Apr 2025: Sun 22 Jun 2025, back to Fri 20 Jun 2025.
    assert "on or before Friday 20 June 2025" in html
    assert "#004a80" in html


def test_a_mistyped_timescale_is_reported(tmp_path):
    (tmp_path / "cpdocs.toml").write_text("[timescales]\nfirst_rcpc_month = 2\n", encoding="utf-8")
    r = run("deadlines", "--icpc", "2025-04-22", "--config", tmp_path / "cpdocs.toml")
    assert r.exit_code == 2 and "unknown setting 'first_rcpc_month'" in r.output


def test_deadlines_json():
    r = run("deadlines", "--icpc", "2025-04-22", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert [d["event"] for d in data] == ["invitations", "reports-to-admin", "reports-to-parents", "chairs-letter",
                                          "first-core-group", "conference-minutes", "rcpc"]
    assert all(set(d) == {"event", "due", "rule", "source"} for d in data)
    assert data[4]["due"] == "2025-05-07"


def test_deadlines_text_and_events():
    r = run("deadlines", "--core-group", "19/12/2025")
    assert r.exit_code == 0
    assert "2026-01-07" in r.output and "Wednesday 7 January 2026" in r.output
    r = run("deadlines", "--strategy-discussion", "2025-04-03", "--format", "json")
    assert json.loads(r.output) == [{"event": "icpc", "due": "2025-04-28",
                                     "rule": "within 15 working days of the strategy discussion",
                                     "source": "SSP Multi-Agency Standards, Child Protection Conferences 2; "
                                               "Swindon CSC Quality Standards 13.3"}]
    r = run("deadlines", "--pre-birth-conference", "2025-03-03", "--birth", "2025-04-21", "--format", "json")
    assert json.loads(r.output)[0]["due"] == "2025-05-21"
    r = run("deadlines", "--rcpc", "2025-07-31", "--format", "json")
    assert [d["event"] for d in json.loads(r.output)] == [
        "reports-to-admin", "reports-to-parents", "chairs-letter", "conference-minutes", "rcpc"]


def test_deadlines_bad_input():
    assert run("deadlines").exit_code == 2
    assert run("deadlines", "--icpc", "2025-04-22", "--rcpc", "2025-05-01").exit_code == 2
    r = run("deadlines", "--icpc", "22nd April")
    assert r.exit_code == 2 and "not a date" in r.output
    assert run("deadlines", "--icpc", "2025-04-22", "--birth", "2025-05-01").exit_code == 2


def test_schema_is_json_schema():
    r = run("schema")
    assert r.exit_code == 0
    s = json.loads(r.output)
    assert s["type"] == "object" and "children" in s["properties"]


def test_new_writes_a_blank_report(tmp_path):
    out = tmp_path / "blank.docx"
    r = run("new", "icpc-report", "-o", out)
    assert r.exit_code == 0
    text = [p.text for p in Document(str(out)).paragraphs]
    assert "The child's father and other significant adults" in text
    assert "Analysis" in text
    r = run("new", "icpc-report", "-o", out)
    assert r.exit_code == 2 and "already exists" in r.output
    assert run("new", "icpc-report", "-o", out, "--force").exit_code == 0
    md = tmp_path / "blank.md"
    assert run("new", "rcpc-report", "-o", md).exit_code == 0
    assert "## Dates the child was seen" in md.read_text(encoding="utf-8")
    r = run("new", "icpc-report", "-o", tmp_path / "blank.odt")
    assert r.exit_code == 2
