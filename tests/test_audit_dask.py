"""`cpdocs audit --dask`: the same CSV and dashboard as a local run; a killed worker loses no draft."""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DRAFTS

from cpdocs.audit.drafts import Draft
from cpdocs.cli import cli

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    (root / "team b").mkdir(parents=True)
    for name in ("example-agency-report.docx", "core-group-minutes.md", "chairs-letter.md", "icpc-report.md"):
        shutil.copy(DRAFTS / name, root / ("team b" if name.endswith(".docx") else "") / name)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not a Word file")
    return root


def sorted_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return sorted(csv.reader(fh))


def comparable_dashboard(path: Path) -> list[str]:
    """The dashboard's lines, sorted (rows arrive in any order), without the time it took."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<dt>Time taken</dt><dd>.*?</dd>", "", page)
    return sorted(line.strip() for line in page.splitlines() if line.strip())


def test_dask_local_gives_the_same_csv_and_dashboard_as_a_local_run(folder: Path, tmp_path: Path):
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    r = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(local), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(on_dask), "--dask", "local", "--jobs", "2"])
    assert r.exit_code == 0, r.output
    assert "Dask, a local cluster of 2 workers" in r.output and "Checked 5 drafts" in r.output
    rows = sorted_rows(on_dask / "audit.csv")
    assert rows == sorted_rows(local / "audit.csv")
    assert len(rows) == 6 and any("broken.docx: is damaged" in cell for row in rows for cell in row)
    assert comparable_dashboard(on_dask / "audit.html") == comparable_dashboard(local / "audit.html")
    names = [sorted(p.name for p in (out / "reports").iterdir()) for out in (on_dask, local)]
    assert names[0] == names[1]
    # resuming on Dask keeps every unchanged row
    (folder / "chairs-letter.md").write_text("# Letter\n\nMum to engage with services ongoing.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(on_dask), "--dask", "local", "--resume"])
    assert r.exit_code == 0, r.output
    assert "4 unchanged since the last audit" in r.output


def _work_or_die(draft: Draft, reports_dir, timeout) -> dict:
    """Stands in for audit_one: kills its worker on crash.md, as a reader crash or out of memory would."""
    if draft.rel == "crash.md":
        os._exit(3)
    return {"path": draft.rel, "error": f"{draft.rel}: looked at"}


def test_a_killed_dask_worker_loses_no_draft(tmp_path: Path):
    from cpdocs.audit.dask_runner import DaskRunner

    names = [f"d{i:02d}.md" for i in range(10)]
    names.insert(4, "crash.md")
    runner = DaskRunner("local", workers=2, work=_work_or_die, warm=False)
    out = list(runner.summaries((Draft(str(tmp_path / n), n) for n in names), None, 10))
    assert sorted(s["path"] for s in out) == sorted(names)
    by = {s["path"]: s["error"] for s in out}
    assert "stopped while reading it" in by["crash.md"]
    assert all(by[n] == f"{n}: looked at" for n in names if n != "crash.md")
