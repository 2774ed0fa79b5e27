"""The command line: formats, exit codes, options, configuration, several files and standard input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cpdocs.cli import cli

FLAWED = ("# Core Group Meeting \u2013 Minutes\n\n## Visits\n\nPriya saw Skye alone on 2 May 2025.\n\n"
          "## Skye's views\n\nSkye said she wants to go to drama club.\n\n## Father\n\nMr Bennett was not invited.\n\n"
          "## Actions\n\n| Action | Who | By when |\n|---|---|---|\n| Check attendance | Helen Marsh | TBC |\n")
CLEAN = FLAWED.replace("| Check attendance | Helen Marsh | TBC |", "| Check attendance | Helen Marsh | Every Friday |")


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_json_output_follows_the_contract(tmp_path):
    p = tmp_path / "minutes.md"
    p.write_text(FLAWED, encoding="utf-8")
    r = run("lint", str(p), "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["version"] == "1"
    f = data["files"][0]
    assert f["path"] == str(p) and f["report_type"] == "core-group-minutes"
    assert set(f["metrics"]) >= {"words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade"}
    date = next(x for x in f["findings"] if x["category"] == "action-date")
    assert set(date) >= {"rule", "name", "category", "severity", "message", "text", "suggestion", "standard",
                         "location"}
    assert date["text"] == "Check attendance" and date["location"]["section"] == "Actions"
    assert set(date["location"]) >= {"section", "block", "start", "end", "line"}


def test_text_output_one_finding_a_line_with_counts(tmp_path):
    p = tmp_path / "minutes.md"
    p.write_text(FLAWED, encoding="utf-8")
    r = run("lint", str(p), "--no-suggestions")
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"{p} (core-group-minutes")
    assert any(ln.startswith(f"{p}:Actions:") and "CPD202" in ln and ln.endswith("]") for ln in lines)
    assert any(ln.startswith("Found ") for ln in lines) and "reading ease" in r.stdout
    one = run("lint", str(p), "--select", "CPD101")  # 'TBC' only
    assert "Found 1 problem: vague-action 1." in one.stdout.splitlines()


def test_exit_codes_and_fail_on(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("lint", str(clean)).exit_code == 0
    flawed = tmp_path / "flawed.md"
    flawed.write_text(FLAWED, encoding="utf-8")
    assert run("lint", str(flawed)).exit_code == 1
    assert run("lint", str(flawed), "--fail-on", "never").exit_code == 0
    assert run("lint", str(flawed), "--bogus").exit_code == 2


def test_select_ignore_and_type(tmp_path):
    p = tmp_path / "m.md"
    p.write_text(FLAWED, encoding="utf-8")
    only = json.loads(run("lint", str(p), "--format", "json", "--select", "action-date").stdout)
    assert {f["category"] for f in only["files"][0]["findings"]} == {"action-date"}
    none = json.loads(run("lint", str(p), "--format", "json", "--ignore", "CPD2,vague-action").stdout)
    assert not {f["category"] for f in none["files"][0]["findings"]} & {"action-date", "action-owner", "vague-action"}
    typed = json.loads(run("lint", str(p), "--format", "json", "--type", "agency-report").stdout)
    assert typed["files"][0]["report_type"] == "agency-report"
    assert typed["files"][0]["report_type_source"] == "given"


def test_configuration_found_upward_from_the_file(tmp_path):
    sub = tmp_path / "team" / "drafts"
    sub.mkdir(parents=True)
    (tmp_path / "team" / "cpdocs.toml").write_text('ignore = ["CPD202"]\nmax_sentence_words = 20\n')
    p = sub / "m.md"
    p.write_text(FLAWED, encoding="utf-8")
    data = json.loads(run("lint", str(p), "--format", "json").stdout)
    assert "action-date" not in {f["category"] for f in data["files"][0]["findings"]}


def test_bad_configuration_is_a_plain_error(tmp_path):
    (tmp_path / "cpdocs.toml").write_text("max_sentence_wrds = 20\n")
    p = tmp_path / "m.md"
    p.write_text(FLAWED, encoding="utf-8")
    r = run("lint", str(p))
    assert r.exit_code == 2 and "unknown setting 'max_sentence_wrds'" in r.output and "Traceback" not in r.output


def test_several_files_globs_folders_and_stdin(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(CLEAN, encoding="utf-8")
    data = json.loads(run("lint", str(tmp_path / "*.md"), "--format", "json").stdout)
    assert [f["path"][-4:] for f in data["files"]] == ["a.md", "b.md"]
    data = json.loads(run("lint", str(tmp_path), "--format", "json").stdout)
    assert len(data["files"]) == 2
    data = json.loads(run("lint", "-", "--format", "json", input=FLAWED.encode()).stdout)
    assert data["files"][0]["path"] == "-" and data["files"][0]["findings"]


def test_output_file_is_written_whole(tmp_path):
    p = tmp_path / "m.md"
    p.write_text(FLAWED, encoding="utf-8")
    out = tmp_path / "out" / "report.json"
    r = run("lint", str(p), "--format", "json", "-o", str(out))
    assert r.exit_code == 1 and json.loads(out.read_text())["files"]
    assert [x.name for x in out.parent.iterdir()] == ["report.json"]


def test_rules_list_and_explain():
    r = run("rules")
    assert r.exit_code == 0 and "CPD101" in r.stdout and "CPD701" in r.stdout
    r = run("rules", "CPD701")
    assert "Why it matters" in r.stdout and "Standard:" in r.stdout and "Instead of:" in r.stdout
    assert run("rules", "missing-section").exit_code == 0
    r = run("rules", "CPD999")
    assert r.exit_code == 2 and "no such rule" in r.output
