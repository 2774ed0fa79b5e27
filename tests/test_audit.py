"""`cpdocs audit`: every draft in a folder, in parallel; broken files listed, never fatal."""

from __future__ import annotations

import csv
import os
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


# -- resuming, and drafts whose worker dies ------------------------------------------------------

def test_resume_keeps_unchanged_rows_and_checks_new_and_changed_drafts(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run_audit(folder, out, jobs=1, reports=False)
    assert first.totals.skipped == 0
    before = {r["path"]: r for r in rows(out / "audit.csv")}
    assert all(len(r["sha256"]) == 64 and r["cpdocs_version"] for p, r in before.items())
    (folder / "flawed.md").write_text(FLAWED + "\nThe health visitor will visit every Tuesday.\n", encoding="utf-8")
    (folder / "new.md").write_text(FLAWED, encoding="utf-8")
    again = run_audit(folder, out, jobs=1, reports=False, resume=True)
    after = {r["path"]: r for r in rows(out / "audit.csv")}
    assert set(after) == set(before) | {"new.md"}
    assert again.totals.skipped == 5  # all but the changed and the new draft, the unreadable ones included
    assert after["flawed.md"]["sha256"] != before["flawed.md"]["sha256"]
    assert int(after["flawed.md"]["words"]) > int(before["flawed.md"]["words"])
    for p in ("minutes.md", "team a/agency.docx", "broken.docx", "latin1.txt"):
        assert after[p] == before[p]
    assert again.totals.files == 7 and again.totals.failed == 2
    assert "5 unchanged since the last audit, kept" in (out / "audit.html").read_text(encoding="utf-8")
    # the dashboard counts the kept rows as a fresh audit would
    fresh = run_audit(folder, tmp_path / "fresh", jobs=1, reports=False)
    for name in ("read", "failed", "words", "findings", "by_category", "missing", "vague", "jargon", "sections",
                 "files_by_standard", "ease_bins", "types"):
        assert getattr(again.totals, name) == getattr(fresh.totals, name), name


def test_a_row_from_another_cpdocs_version_is_checked_again(folder: Path, tmp_path: Path):
    from cpdocs import __version__

    out = tmp_path / "out"
    run_audit(folder, out, jobs=1, reports=False)
    text = (out / "audit.csv").read_text(encoding="utf-8-sig")
    assert text.count(f",{__version__},") == 6
    (out / "audit.csv").write_text(text.replace(f",{__version__},", ",0.0.0-older,"), encoding="utf-8-sig")
    assert run_audit(folder, out, jobs=1, reports=False, resume=True).totals.skipped == 0


def test_a_stopped_audit_leaves_its_rows_and_resume_finishes_it(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    calls = []

    def stop_after_three(k: int) -> None:
        calls.append(k)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit(folder, out, jobs=1, reports=False, progress=stop_after_three)
    assert not (out / "audit.csv").exists()
    partial = out / "audit.partial-1.csv"
    assert len(rows(partial)) == 3
    with pytest.raises(InputError, match="--resume"):
        run_audit(folder, out, jobs=1, reports=False)
    result = run_audit(folder, out, jobs=2, reports=False, resume=True)
    assert result.totals.skipped == 3 and result.totals.files == 6
    assert len(rows(out / "audit.csv")) == 6 and not list(out.glob("audit.partial-*"))
    assert not list(out.glob(".audit*"))


def _no_init() -> None:
    pass


def _work_or_die(draft, reports_dir, timeout) -> dict:
    """Stands in for audit_one: kills its worker on crash.md, as a reader crash or out of memory would."""
    if draft.rel == "crash.md":
        os._exit(3)
    return {"path": draft.rel, "error": f"{draft.rel}: looked at"}


def test_a_draft_that_kills_its_worker_is_retried_once_then_reported_and_no_other_is_lost(tmp_path: Path):
    from cpdocs.audit.drafts import Draft
    from cpdocs.audit.runner import LocalRunner

    names = [f"d{i:02d}.md" for i in range(12)]
    names.insert(5, "crash.md")
    runner = LocalRunner(2, work=_work_or_die, init=_no_init)
    out = list(runner.summaries((Draft(str(tmp_path / n), n) for n in names), None, 10))
    assert sorted(s["path"] for s in out) == sorted(names)
    by = {s["path"]: s["error"] for s in out}
    assert "stopped while reading it" in by["crash.md"]
    assert all(by[n] == f"{n}: looked at" for n in names if n != "crash.md")


def test_a_folder_given_as_a_url_gives_the_same_rows(folder: Path, tmp_path: Path):
    pytest.importorskip("fsspec")
    run_audit(folder, tmp_path / "path", jobs=1, reports=False)
    result = run_audit(folder.as_uri(), tmp_path / "url", jobs=1, reports=False)
    assert result.totals.files == 6
    assert sorted(map(sorted, (r.items() for r in rows(tmp_path / "url" / "audit.csv")))) == sorted(
        map(sorted, (r.items() for r in rows(tmp_path / "path" / "audit.csv"))))
    with pytest.raises(InputError, match="no such folder"):
        run_audit((tmp_path / "nowhere").as_uri(), tmp_path / "none", jobs=1)


def test_the_dashboard_does_not_depend_on_the_order_drafts_finish_in(tmp_path: Path):
    from cpdocs.audit.dashboard import render_dashboard
    from cpdocs.audit.table import CSV_FIELDS
    from cpdocs.audit.totals import Totals

    def summary(i: int, kind: str) -> dict:
        return {"path": f"{i}.md", "report_type": kind, "words": 100, "sentences": 5, "reading_ease": 60.0,
                "grade": 8.0, "findings": 1, "errors": 1, "warnings": 0, "counts": {"jargon": 1}, "missing": [],
                "vague": [f"phrase {i}"], "jargon": [f"TERM{i}"], "standards": [f"Standard {i}"],
                "sections": {f"Section {i}": 1}, "report": None, "error": None}

    summaries = [summary(i, kind) for i, kind in enumerate(["icpc-report", "chairs-letter", "agency-report"] * 7)]
    csv_file = tmp_path / "audit.csv"
    csv_file.write_text(",".join(CSV_FIELDS) + "\n", encoding="utf-8")
    pages = []
    for order in (summaries, summaries[::-1]):
        totals = Totals()
        for s in order:
            totals.add(s)
        pages.append("".join(render_dashboard(totals, str(csv_file), "drafts")))
    assert pages[0] == pages[1]
    assert "TERM0" in pages[0] and "Chair" in pages[0]
