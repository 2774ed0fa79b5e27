"""Audit throughput and memory: `cpdocs audit` over a generated folder, locally and on Dask, and --resume.

    python benchmarks/bench_audit.py [--drafts 2000] [--jobs 1 2] [--no-dask] [--no-resume] [--no-reports]

The drafts are made in a temporary folder from the fictional fixtures in fixtures/drafts
(Word and Markdown), each Markdown copy with its own names and dates so that no two files
are the same. Each configuration runs `cpdocs audit` as its own process, as a user would,
so that its figures include starting the workers and loading the language model in each.

Printed for each: files per second, and peak memory (resident set size) of the audit's own
process and of all its processes together, sampled four times a second. The audit's own
memory is also shown at each quarter of the folder: flat, because rows are streamed to the
CSV. Then an audit is killed (SIGKILL, as a power cut or a cluster's scheduler would) at
about half way, and run again with --resume: the figures show how many drafts were kept
without being checked again, and how long finishing took.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Poppy", "Tyler", "Ruby", "Skye", "Jayden", "Kacey", "Zara", "Mikey", "Evie", "Finn"]


def make_folder(target: Path, count: int) -> None:
    """Write `count` drafts under `target`, in ten team folders."""
    drafts = ROOT / "fixtures" / "drafts"
    sources = sorted(drafts.glob("*.md")) + sorted(drafts.glob("*.docx"))
    if not sources:
        raise SystemExit("no fixture drafts found in fixtures/drafts")
    for i in range(count):
        src = sources[i % len(sources)]
        team = target / f"team-{i % 10:02d}"
        team.mkdir(parents=True, exist_ok=True)
        dest = team / f"{i:04d}-{src.stem}{src.suffix}"
        if src.suffix == ".md":
            text = src.read_text(encoding="utf-8")
            text += f"\n\nI saw {NAMES[i % len(NAMES)]} at home on {1 + i % 28} May 2025 and spoke with them alone.\n"
            dest.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(src, dest)


def rows_done(outdir: Path) -> int:
    """Rows written so far, in the partial CSV of a running audit (or the finished CSV)."""
    total = 0
    for p in [*outdir.glob("audit.partial-*.csv"), outdir / "audit.csv"]:
        try:
            with p.open(encoding="utf-8-sig", newline="") as fh:
                total = max(total, sum(1 for _ in csv.reader(fh)) - 1)
        except (OSError, csv.Error):
            pass
    return total


class Run:
    """One `cpdocs audit` process, watched: its memory and that of its workers, its progress."""

    def __init__(self, args: list[str], outdir: Path, drafts: int):
        self.outdir, self.drafts = outdir, drafts
        self.peak_main = self.peak_all = 0
        self.at_quarter: dict[int, int] = {}
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "cpdocs", "audit", *args, "-o", str(outdir)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                     start_new_session=True)
        self.ps = psutil.Process(self.proc.pid)

    def sample(self) -> None:
        try:
            main = self.ps.memory_info().rss
            kids = sum(c.memory_info().rss for c in self.ps.children(recursive=True))
        except psutil.Error:
            return
        self.peak_main, self.peak_all = max(self.peak_main, main), max(self.peak_all, main + kids)
        done = rows_done(self.outdir)
        for q in (1, 2, 3):
            if q not in self.at_quarter and done >= self.drafts * q / 4:
                self.at_quarter[q] = main

    def wait(self, kill_at: int | None = None) -> tuple[str, float, bool]:
        """Sample until the audit ends (or kill it when `kill_at` rows are written): output, seconds, killed."""
        n = 0
        while self.proc.poll() is None:
            time.sleep(0.25)
            self.sample()
            n += 1
            if kill_at is not None and n % 2 == 0 and rows_done(self.outdir) >= kill_at:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                return "", time.perf_counter() - self.started, True
        out = self.proc.stdout.read() if self.proc.stdout else ""
        return out, time.perf_counter() - self.started, False


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def run_one(label: str, folder: Path, outdir: Path, args: list[str], drafts: int) -> float:
    run = Run([str(folder), *args], outdir, drafts)
    out, seconds, _ = run.wait()
    if run.proc.returncode != 0:
        print(f"{label}: failed ({run.proc.returncode})\n{out}")
        return 0.0
    rows = rows_done(outdir)
    quarters = ", ".join(mb(run.at_quarter[q]) for q in sorted(run.at_quarter))
    print(f"{label}: {rows} files in {seconds:.1f} s = {rows / seconds:.2f} files/s; peak memory: audit process "
          f"{mb(run.peak_main)}, all processes {mb(run.peak_all)}; audit process at 1/4, 1/2, 3/4 of the folder: "
          f"{quarters}")
    return rows / seconds


def resume_after_kill(folder: Path, outdir: Path, args: list[str], drafts: int) -> None:
    first = Run([str(folder), *args], outdir, drafts)
    _, killed_after, killed = first.wait(kill_at=drafts // 2)
    kept = rows_done(outdir)
    print(f"resume: killed (SIGKILL) after {killed_after:.1f} s with {kept} of {drafts} rows written"
          + ("" if killed else " (it finished before the kill)"))
    second = Run([str(folder), *args, "--resume"], outdir, drafts)
    out, seconds, _ = second.wait()
    m = re.search(r"(\d+) unchanged since the last audit", out)
    skipped = int(m.group(1)) if m else 0
    rows = rows_done(outdir)
    print(f"resume: --resume finished in {seconds:.1f} s: {skipped} drafts kept without checking them again, "
          f"{rows - skipped} checked; audit.csv has {rows} rows (of {drafts}); peak memory "
          f"{mb(second.peak_main)} (audit process)")
    if second.proc.returncode != 0 or rows != drafts:
        print(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-resume", action="store_true")
    parser.add_argument("--no-reports", action="store_true", help="leave out the HTML report of each draft")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    extra = ["--no-reports"] if args.no_reports else []
    with tempfile.TemporaryDirectory(prefix="cpdocs-bench-") as tmp:
        folder = Path(tmp) / "drafts"
        make_folder(folder, args.drafts)
        print(f"{args.drafts} drafts, {cores} processor(s), load average {os.getloadavg()[0]:.1f} before starting "
              "(other programs running slow the figures down)")
        rates = {}
        for jobs in args.jobs:
            rates[jobs] = run_one(f"local, --jobs {jobs}", folder, Path(tmp) / f"out-{jobs}",
                                  ["--jobs", str(jobs), *extra], args.drafts)
        if not args.no_dask:
            run_one(f"Dask, a local cluster of {args.dask_workers} workers", folder, Path(tmp) / "out-dask",
                    ["--dask", "local", "--jobs", str(args.dask_workers), *extra], args.drafts)
        if 1 in rates and 2 in rates and rates[1]:
            print(f"speed-up with 2 jobs: {rates[2] / rates[1]:.2f}x")
        if not args.no_resume:
            resume_after_kill(folder, Path(tmp) / "out-resume", ["--jobs", str(max(args.jobs)), *extra], args.drafts)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
