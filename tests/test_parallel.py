"""Several files in one call: the same results, in the same order, whether they are read ahead,
shared out to forked workers, or linted one by one; a worker that fails costs time, not results."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading

import pytest
from click.testing import CliRunner
from helpers import DRAFTS

from cpdocs.cli import cli
from cpdocs.config import Config
from cpdocs.lint import parallel
from cpdocs.lint.engine import Job, lint_jobs

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="processes cannot be forked here")


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    """Fork even if the test process has a thread running (a web test's server): these tests need
    the forked paths. Every Forked process started is counted."""
    monkeypatch.setattr(parallel, "can_fork", lambda: "fork" in multiprocessing.get_all_start_methods())
    started = []
    real = parallel.Forked

    class Counted(real):
        def __init__(self, fn, *args):
            started.append(fn.__name__)
            super().__init__(fn, *args)

    monkeypatch.setattr(parallel, "Forked", Counted)
    return started


@pytest.fixture
def jobs(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    paths = [*sorted(DRAFTS.glob("*.md"))[:5], broken, tmp_path / "missing.md", *sorted(DRAFTS.glob("*.docx"))[:2]]
    return [Job(str(p), Config()) for p in paths]


def as_dicts(results):
    return [r.as_dict() for r in results]


def test_workers_give_the_results_of_one_process(jobs, forking):
    one = as_dicts(lint_jobs(jobs))
    assert [bool(r.get("error")) for r in one] == [False] * 5 + [True, True, False, False]
    assert as_dicts(parallel.lint_files(jobs, workers=2)) == one
    assert as_dicts(parallel.lint_files(jobs, workers=3)) == one
    assert forking.count("_lint_share") == 3  # one worker, then two


def test_no_fork_from_a_process_with_threads(monkeypatch):
    monkeypatch.undo()  # the real check
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not parallel.can_fork()
    finally:
        stop.set()
        thread.join()


def test_reading_ahead_gives_the_same_results(jobs, monkeypatch, forking):
    one = as_dicts(lint_jobs(jobs))
    monkeypatch.setattr(parallel, "cold", lambda: True)
    seen = []
    real = parallel.lint_jobs
    monkeypatch.setattr(parallel, "lint_jobs", lambda js, read=None: seen.append(len(read or {})) or real(js, read))
    assert as_dicts(parallel.lint_files(jobs, workers=1)) == one
    assert seen == [len(jobs)]  # every file came read from the forked reader
    assert forking == ["_read_all"]


def test_a_failing_worker_costs_time_not_results(jobs, monkeypatch, forking):
    one = as_dicts(lint_jobs(jobs))
    parent = os.getpid()
    real = parallel._lint_share

    def flaky(share):
        if os.getpid() != parent:
            os._exit(3)  # the worker dies without a word
        return real(share)

    monkeypatch.setattr(parallel, "_lint_share", flaky)
    assert as_dicts(parallel.lint_files(jobs, workers=2)) == one
    assert forking == ["flaky"]


def test_workers_for_many_files_only():
    few = [Job(f"{i}.md", Config()) for i in range(3)]
    many = [Job(f"{i}.md", Config()) for i in range(40)]
    assert parallel.workers_for(few) == 1
    assert 1 <= parallel.workers_for(many) <= (os.cpu_count() or 1)
    assert parallel.workers_for(many, 1) == 1 and parallel.workers_for(few, 8) == 3


def test_the_command_line_gives_the_same_json_with_any_number_of_jobs(tmp_path):
    paths = [str(p) for p in sorted(DRAFTS.glob("*.md"))[:4]]
    runs = [CliRunner().invoke(cli, ["lint", "--format", "json", "--fail-on", "never", "--jobs", n, *paths])
            for n in ("1", "2")]
    assert [r.exit_code for r in runs] == [0, 0]
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert [f["path"] for f in json.loads(runs[1].stdout)["files"]] == paths
