"""Fuzz the case-file loader: any bytes as a YAML case file, read as `cpdocs generate` reads it.

A bad case file may give several problems, one a line (CaseError), so several lines are
allowed here; what is not allowed is any exception but InputError.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import seeds
from harness import load, refuse_plainly, run

load("cpdocs.generate.case", main=__name__ == "__main__")
from cpdocs.generate.case import load_case  # noqa: E402  (imported, and instrumented, by load)

# One file rewritten per input, in memory-backed /dev/shm where there is one.
_DIR = Path(tempfile.mkdtemp(prefix="cpdocs-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
CASE_FILE = _DIR / "case.yaml"
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)


def one_input(data: bytes) -> None:
    CASE_FILE.write_bytes(data)
    refuse_plainly(lambda: load_case(CASE_FILE), one_line=False)


if __name__ == "__main__":
    run("case", one_input, seeds.case_seeds)
