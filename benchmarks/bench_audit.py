"""Audit throughput: `cpdocs audit` over a folder of 200 drafts with one job and with two.

    python benchmarks/bench_audit.py [--drafts 200] [--jobs 1 2]

The drafts are made in a temporary folder from the fictional fixtures in fixtures/drafts
(Word and Markdown), each Markdown copy with its own names and dates so that no two files
are the same. The target: two jobs at least 1.7 times as fast as one on a two-core machine.
Each run includes starting the workers and loading the language model in each of them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpdocs.audit import run_audit  # noqa: E402

NAMES = ["Poppy", "Tyler", "Ruby", "Skye", "Jayden", "Kacey", "Zara", "Mikey", "Evie", "Finn"]


def make_folder(target: Path, count: int) -> int:
    """Write `count` drafts under `target` (in ten team folders); return the number of words."""
    drafts = ROOT / "fixtures" / "drafts"
    sources = sorted(drafts.glob("*.md")) + sorted(drafts.glob("*.docx"))
    if not sources:
        raise SystemExit("no fixture drafts found in fixtures/drafts")
    words = 0
    for i in range(count):
        src = sources[i % len(sources)]
        team = target / f"team-{i % 10:02d}"
        team.mkdir(parents=True, exist_ok=True)
        dest = team / f"{i:03d}-{src.stem}{src.suffix}"
        if src.suffix == ".md":
            text = src.read_text(encoding="utf-8")
            text += f"\n\nI saw {NAMES[i % len(NAMES)]} at home on {1 + i % 28} May 2025 and spoke with them alone.\n"
            dest.write_text(text, encoding="utf-8")
            words += len(text.split())
        else:
            shutil.copyfile(src, dest)
    return words


def _cpu() -> float:
    """CPU seconds used by this process and its finished workers: the load of other programs on
    the machine slows the wall clock, not this."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-reports", action="store_true", help="leave out the HTML report of each draft")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="cpdocs-bench-") as tmp:
        folder = Path(tmp) / "drafts"
        make_folder(folder, args.drafts)
        print(f"{args.drafts} drafts, {cores} processor(s) available, load average {os.getloadavg()[0]:.1f} "
              "(other programs running slow the figures down)")
        rates = {}
        for jobs in args.jobs:
            out = Path(tmp) / f"out-{jobs}"
            cpu0 = _cpu()
            start = time.perf_counter()
            result = run_audit(folder, out, jobs=jobs, reports=not args.no_reports)
            seconds = time.perf_counter() - start
            cpu = _cpu() - cpu0
            t = result.totals
            rates[jobs] = t.files / seconds
            print(f"--jobs {jobs}: {t.files} files ({t.failed} unreadable), {t.words:,} words in {seconds:.1f} s "
                  f"= {rates[jobs]:.1f} files/s, {t.words / seconds:,.0f} words/s; CPU {cpu:.1f} s, "
                  f"{cpu / seconds:.2f} cores busy on average")
        if 1 in rates and len(rates) > 1:
            for jobs, rate in rates.items():
                if jobs != 1:
                    speedup = rate / rates[1]
                    verdict = "meets" if speedup >= 1.7 or jobs != 2 else "misses"
                    print(f"speed-up with {jobs} jobs: {speedup:.2f}x ({verdict} the 1.7x target for 2 jobs)"
                          if jobs == 2 else f"speed-up with {jobs} jobs: {speedup:.2f}x")


if __name__ == "__main__":
    main()
