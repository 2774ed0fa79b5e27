"""Benchmark `cpdocs lint`: cold start, warm throughput and peak memory on a 5,000-word DOCX.

Targets (issue: lint): cold lint under 3 s on a 2-core machine, warm throughput at least 8,000
words a second on one core, peak memory under 500 MB. Prints its figures; asserts nothing.

    python benchmarks/bench_lint.py [--words 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "Poppy started at the nursery in September 2024. She attends Monday to Thursday, 8am to 3pm, and her key "
    "person is Amy Cartwright. This is ongoing and nursery will monitor attendance going forward.",
    "The health visitor saw Poppy at home on 3 March 2025. The flat was cold and there was little food. "
    "Ms Hargreaves said she had run out of money and was waiting for her benefits to be paid.",
    "It is felt that Ms Hargreaves is struggling with her mental health, although she has not said this to "
    "us. Clearly she does not accept that there is a problem. She was hostile when staff raised it.",
    "Poppy said \"Mummy cross\" when she put the doll in the cot. She runs to Amy at the door each morning "
    "and cries at home time on some days. Her speech is delayed and the SALT referral is ongoing.",
]


def make_docx(path: Path, words: int) -> int:
    from docx import Document

    doc = Document()
    doc.add_heading("Little Acorns Day Nursery \u2013 Report for the Initial Child Protection Conference", 1)
    count, i = 0, 0
    while count < words:
        if i % 6 == 0:
            doc.add_heading(["Involvement", "Risks", "Strengths", "Impact on Poppy", "Analysis", "Poppy's father"][
                (i // 6) % 6], 2)
        text = PARAGRAPHS[i % len(PARAGRAPHS)]
        doc.add_paragraph(text)
        count += len(text.split())
        i += 1
    table = doc.add_table(rows=1, cols=3)
    for c, h in zip(table.rows[0].cells, ["Action", "Who", "By when"], strict=True):
        c.text = h
    for _ in range(10):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = "Home visit to be arranged", "TBC", "Ongoing"
    doc.save(path)
    return count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.docx"
        words = make_docx(path, a.words)
        cpdocs = [sys.executable, "-m", "cpdocs", "lint", str(path), "--fail-on", "never", "--format", "json"]
        # Cold: a new process each time, model loaded from disk.
        colds = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(cpdocs, capture_output=True, check=True, cwd=ROOT)
            colds.append(time.perf_counter() - t)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # Warm: one process, the model already loaded, one core.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from cpdocs.lint.engine import lint_file

        lint_file(path)
        t = time.perf_counter()
        for _ in range(a.runs):
            result = lint_file(path)
        warm = (time.perf_counter() - t) / a.runs
    print(f"document: {words} words, {len(result.findings)} findings")
    print(f"cold lint (new process, best of 3): {min(colds):.2f} s   (target < 3 s)")
    print(f"warm lint: {warm * 1000:.0f} ms = {words / warm:,.0f} words/s on one core   (target >= 8,000)")
    print(f"peak memory of a cold lint: {peak_mb:.0f} MB   (target < 500 MB)")


if __name__ == "__main__":
    main()
