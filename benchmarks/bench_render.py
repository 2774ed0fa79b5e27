"""Warm render time per document: `python benchmarks/bench_render.py [ROUNDS]`.

Targets: Word (DOCX) under 100 ms, PDF under 500 ms, for one document (one letter, one set of
minutes, one report), after a first render has loaded the templates and fonts. Each figure is the
whole job from a checked case: the words (Jinja), the dates, and the file's bytes.

Two figures per format: elapsed (wall-clock) time, and the CPU time the render itself used.
On a busy machine (a CI runner, tests running alongside) elapsed time includes waiting for a
core, so the targets are judged on CPU time; on an idle machine the two are the same.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from cpdocs.generate.case import load_case
from cpdocs.generate.render import render_document, to_bytes

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "cases"
TARGET_MS = {"docx": 100, "pdf": 500}
JOBS = [
    ("initial-okafor.yaml", "chairs-letter"),
    ("initial-okafor.yaml", "core-group-minutes"),
    ("initial-okafor.yaml", "icpc-report"),
    ("initial-okafor.yaml", "agency-report"),
    ("review-bennett.yaml", "rcpc-report"),
    ("pre-birth-harper.yaml", "chairs-letter"),
]


def timed(fn, rounds: int) -> tuple[float, float]:
    """(median elapsed ms, median CPU ms) of `rounds` warm runs."""
    fn()  # warm: templates, styles and fonts loaded
    wall, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    slow = 0
    print(f"median of {rounds} warm renders, in ms (elapsed / CPU)")
    print(f"{'document':<34} {'docx':>15} {'pdf':>15}")
    for case_name, doc in JOBS:
        case = load_case(CASES / case_name)
        cells = []
        for fmt in ("docx", "pdf"):
            wall, cpu = timed(lambda fmt=fmt, doc=doc, case=case: to_bytes(render_document(doc, case)[0], fmt),
                              rounds)
            over = cpu > TARGET_MS[fmt]
            slow += over
            cells.append(f"{wall:6.0f} / {cpu:4.0f}{'!' if over else ' '}")
        print(f"{doc + ' (' + case_name.split('-')[0] + ')':<34} {cells[0]:>15} {cells[1]:>15}")
    verdict = f"{slow} over (!)" if slow else "all met"
    print(f"targets (CPU): docx < {TARGET_MS['docx']} ms, pdf < {TARGET_MS['pdf']} ms: {verdict}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
