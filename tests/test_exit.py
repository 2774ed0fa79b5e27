"""How `cpdocs` ends: at once when its work is done, without taking the interpreter apart, but
with the same exit code, all of its output, its exit handlers run and its other threads waited for."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT

# Runs cpdocs' real entry point, as the `cpdocs` command does, after setting up what the test watches.
PROBE = """
import atexit, sys, threading, time
from cpdocs.cli import main

class Watched:
    def __del__(self):
        print("TORN DOWN", flush=True)  # runs only if the interpreter frees module globals at exit

WATCHED = Watched()
atexit.register(lambda: print("EXIT HANDLER", flush=True))
if {thread!r}:
    def late():
        time.sleep(0.3)
        print("THREAD DONE", flush=True)
    threading.Thread(target=late).start()
sys.argv = ["cpdocs", *{args!r}]
main()
"""


def run(*args: str, thread: bool = False) -> subprocess.CompletedProcess:
    code = PROBE.format(args=list(args), thread=thread)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_ends_without_tearing_down_but_runs_exit_handlers():
    proc = run("--version")
    assert proc.returncode == 0
    assert "cpdocs" in proc.stdout and "EXIT HANDLER" in proc.stdout
    assert "TORN DOWN" not in proc.stdout


def test_waits_for_another_thread_still_at_work():
    proc = run("--version", thread=True)
    assert proc.returncode == 0
    assert "THREAD DONE" in proc.stdout and "EXIT HANDLER" in proc.stdout


def test_exit_codes_and_whole_output_are_kept(tmp_path):
    draft = ROOT / "fixtures" / "eval" / "docs" / "06_rcpc_long.docx"
    with_findings = run("lint", str(draft), "--format", "json")
    assert with_findings.returncode == 1, with_findings.stderr
    report = json.loads(with_findings.stdout[with_findings.stdout.index("{"):with_findings.stdout.rindex("}") + 1])
    assert report["files"][0]["findings"]  # all of a long JSON answer reached the pipe
    assert "TORN DOWN" not in with_findings.stdout

    assert run("lint", str(draft), "--fail-on", "never", "--format", "json").returncode == 0
    missing = run("lint", str(tmp_path / "none.docx"), "--format", "json")
    assert missing.returncode == 2 and "none.docx: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
