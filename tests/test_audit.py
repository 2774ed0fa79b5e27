"""`cpdocs audit`: every draft in a folder, in parallel; broken files listed, never fatal."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DRAFTS

from cpdocs.audit import Draft, audit_one, find_drafts, report_name, run_audit
from cpdocs.cli import cli
from cpdocs.errors import InputError

FLAWED = """# Social Work Report to Initial Child Protection Conference

## Plan

- Mum to engage with services ongoing
- Referral to CAMHS to be made ASAP

## Analysis

It is clear that the family are chaotic and the DSL will monitor the situation going forward.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    (root / "team a").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(DRAFTS / "example-agency-report.docx", root / "team a" / "agency.docx")
    shutil.copy(DRAFTS / "core-group-minutes.md", root / "minutes.md")
    (root / "flawed.md").write_text(FLAWED, encoding="utf-8")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 this is not a Word file")
    (root / "latin1.txt").write_bytes("Caf\xe9 visit on 3 March".encode("latin-1"))
    (root / "=HYPERLINK(1).md").write_text(FLAWED, encoding="utf-8")
    (root / ".hidden" / "secret.md").write_text(FLAWED, encoding="utf-8")
    (root / "~$agency.docx").write_bytes(b"lock file")
    (root / "notes.xlsx").write_bytes(b"not a draft")
    return root


def rows(csv_path: Path) -> list[dict]:
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_find_drafts_skips_hidden_lock_files_and_other_types(folder: Path):
    names = [p.relative_to(folder).as_posix() for p in find_drafts(folder)]
    assert names == ["=HYPERLINK(1).md", "broken.docx", "flawed.md", "latin1.txt", "minutes.md", "team a/agency.docx"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_audit_lists_every_file_and_the_broken_ones(folder: Path, tmp_path: Path, jobs: int):
    out = tmp_path / f"out{jobs}"
    result = run_audit(folder, out, jobs=jobs)
    table = {r["path"]: r for r in rows(out / "audit.csv")}
    assert set(table) == {"'=HYPERLINK(1).md", "broken.docx", "flawed.md", "latin1.txt", "minutes.md",
                          "team a/agency.docx"}
    assert table["broken.docx"]["error"].startswith("broken.docx: is damaged")
    assert "UTF-8" in table["latin1.txt"]["error"]
    flawed = table["flawed.md"]
    assert flawed["error"] == "" and int(flawed["words"]) > 10 and int(flawed["findings"]) > 0
    assert int(flawed["vague-action"]) >= 1 or int(flawed["findings"]) >= 3
    assert flawed["report_type"] == "icpc-report"
    assert flawed["report"] == "reports/flawed.md.html"
    assert (out / "reports" / "flawed.md.html").exists()
    assert (out / "reports" / "team_a__agency.docx.html").exists()
    assert result.totals.files == 6 and result.totals.failed == 2
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert 'href="reports/flawed.md.html"' in page
    assert "broken.docx: is damaged" in page
    assert "<svg" in page and "<script" not in page
    assert not list(out.glob(".audit*"))  # no half-written files left behind
    # the drafts are untouched and nothing was written into the folder
    assert sorted(p.name for p in folder.rglob("*")) == sorted(
        ["team a", ".hidden", "agency.docx", "minutes.md", "flawed.md", "broken.docx", "latin1.txt",
         "=HYPERLINK(1).md", "secret.md", "~$agency.docx", "notes.xlsx"])


def test_audit_does_not_overwrite_without_force(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_audit(folder, out, jobs=1, reports=False)
    before = (out / "audit.csv").read_bytes()
    with pytest.raises(InputError, match="already exists"):
        run_audit(folder, out, jobs=1)
    assert (out / "audit.csv").read_bytes() == before
    run_audit(folder, out, jobs=1, force=True, reports=False)


def test_a_slow_file_is_skipped_not_fatal(folder: Path):
    summary = audit_one(Draft(str(folder / "flawed.md"), "flawed.md"), None, timeout=0.000001)
    assert summary["path"] == "flawed.md"
    assert "took longer than" in summary["error"] and "skipped" in summary["error"]


def test_report_names_are_safe():
    assert report_name("a/b c/../d.docx") == "a__b_c__..__d.docx.html"
    assert "/" not in report_name("x/y/z.md")


def test_cli_audit(folder: Path, tmp_path: Path):
    out = tmp_path / "cli-out"
    r = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(out), "--jobs", "2"])
    assert r.exit_code == 0, r.output
    assert "Checked 6 drafts" in r.output and "2 could not be read" in r.output
    r = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(out)])
    assert r.exit_code == 2 and "already exists" in r.output
    r = CliRunner().invoke(cli, ["audit", str(tmp_path / "nowhere"), "-o", str(out)])
    assert r.exit_code == 2 and "no such folder" in r.output and "Traceback" not in r.output
