"""Figures of long fuzz runs, from their logs: executions, coverage, corpus, crashes, time.

    python fuzz/summarise.py fuzz/logs/*.log

A log may hold several runs of one target (long_run.sh starts again after a crash, or after
being stopped); executions are added up over the runs, coverage is the last run's last report.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

STATUS = re.compile(r"^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+ .*?exec/s: (\d+)")
EXECUTED = re.compile(r"^stat::number_of_executed_units: (\d+)")
ENDED = re.compile(r"^=== run ended with exit code (\d+) after (\d+) s")


def summarise(log: Path) -> dict:
    runs, crashes, seconds = [], 0, 0
    current = {"execs": 0, "final": None, "cov": None}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := STATUS.match(line):
            current["execs"] = int(m.group(1))
            current["cov"] = tuple(int(g) for g in m.group(2, 3, 4, 5))
        elif m := EXECUTED.match(line):
            current["final"] = int(m.group(1))
        elif "Test unit written to" in line and "crash-" in line:
            crashes += 1
        elif m := ENDED.match(line):
            seconds = int(m.group(2))
            runs.append(current)
            current = {"execs": 0, "final": None, "cov": None}
    if current["cov"] is not None:
        runs.append(current)
    last = next((r["cov"] for r in reversed(runs) if r["cov"]), (0, 0, 0, 0))
    return {"log": log.stem, "runs": len(runs), "seconds": seconds,
            "executions": sum(r["final"] if r["final"] is not None else r["execs"] for r in runs),
            "cov": last[0], "ft": last[1], "corpus": last[2], "exec_per_s": last[3], "crashes": crashes}


def main(paths: list[str]) -> None:
    print("| log | runs | seconds | executions | coverage (edges) | features | corpus | exec/s at the end | crashes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for p in paths:
        s = summarise(Path(p))
        print(f"| {s['log']} | {s['runs']} | {s['seconds']} | {s['executions']:,} | {s['cov']} | {s['ft']} | "
              f"{s['corpus']} | {s['exec_per_s']} | {s['crashes']} |")


if __name__ == "__main__":
    main(sys.argv[1:])
