"""Benchmark `cpdocs lint` from a cold start, side by side with proselint, and show where the time goes.

Targets (issue 14), on a 2-core machine:

- sixteen drafts of about 1,250 words each (DOCX) in one cold call: at most 4x proselint's time
  on the same drafts as Markdown (aim for 3x);
- one 5,000-word DOCX, cold: at most 1.5 s; `cpdocs --version` and `cpdocs rules` under 0.2 s;
- warm throughput at least 15,000 words a second on one core;
- peak memory (of any one process) under 300 MB.

proselint is not a cpdocs dependency: it is only the yardstick here. Install it into the same
environment to get the comparison (`pip install proselint`); without it the comparison is skipped.

On a shared machine, run it as `chrt -f 10 python benchmarks/bench_lint.py` (root; real-time
priority for the minute it takes) so that other people's work does not stretch the wall-clock
figures; the CPU figures hold either way.

"Cold" means a new process each time, as a user runs it, with the operating system's file cache
and cpdocs' cache folder warm (the first run after installing also fills the cache folder: shown
once, on its own line). Each cold figure is the best and the median of --runs runs; on a shared
machine the best is the one to compare. The stage table times one cold process doing each stage
in turn on the sixteen drafts, in one process, so the stages add up.

    python benchmarks/bench_lint.py [--runs 5] [--code DIR]

--code DIR measures the cpdocs package found in DIR instead (a checkout of an earlier commit, such
as `git worktree add /tmp/before main`), for before-and-after figures; the stage table needs
the current code and is left out then.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ["fixtures/eval/docs", "fixtures/eval2/docs", "fixtures/eval3/docs", "fixtures/eval4/docs"]
LONG_DRAFT = ROOT / "fixtures/eval/docs/06_rcpc_long.docx"  # a real 5,000-word review report

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
    """A synthetic report of four paragraphs repeated (the benchmark's earlier document)."""
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


def sixteen_drafts() -> list[Path]:
    """The sixteen fixture drafts (DOCX with a Markdown twin) nearest 1,250 words each."""
    pairs = []
    for folder in SETS:
        for md in sorted((ROOT / folder).glob("*.md")):
            docx = md.with_suffix(".docx")
            if docx.exists() and docx != LONG_DRAFT:
                pairs.append((abs(len(md.read_text(encoding="utf-8").split()) - 1250), docx))
    return [d for _, d in sorted(pairs)[:16]]


CODE = ROOT  # where the measured cpdocs package is (see --code)


def env() -> dict[str, str]:
    """A user's environment: bytecode written and read as after `pip install`."""
    e = dict(os.environ)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


def run(cmd: list[str], environ: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB (of the process or any of its workers) of one run."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=CODE,
                            env=environ or env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cold(cmd: list[str], runs: int) -> dict[str, float]:
    got = [run(cmd) for _ in range(runs)]
    walls = [g[0] for g in got]
    return {"best": min(walls), "median": statistics.median(walls), "cpu": min(g[1] for g in got),
            "mb": max(g[2] for g in got)}


def proselint_cmd() -> list[str] | None:
    exe = shutil.which("proselint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    return [exe, "check"] if exe else None


STAGES = r"""
import gc, json, sys, time
t = time.perf_counter(); marks = {}
def mark(name):
    global t
    now = time.perf_counter(); marks[name] = now - t; t = now
from cpdocs.cli import GC_THRESHOLDS
gc.set_threshold(*GC_THRESHOLDS)  # as `cpdocs` sets it
from cpdocs.regex_cache import kept
with kept():  # as `cpdocs lint` imports the engine
    from cpdocs.config import Config
    from cpdocs.lint import engine
    from cpdocs.lint.reporters import json as json_reporter
    from cpdocs.nlp import import_spacy
    import_spacy()
    import cpdocs.readers.docx
mark("import")
from cpdocs.nlp import load_model
nlp = load_model(); mark("model load")
from cpdocs.lint.context import LISTS, phrase_matchers
from cpdocs.lint.wordlists import load_wordlists
words = load_wordlists(Config())
for name, field in LISTS.items():
    phrase_matchers(nlp, name, getattr(words, field))
mark("word lists and matchers")
from cpdocs.readers import read_document
documents = [read_document(p) for p in sys.argv[1:]]; mark("reading")
docs = engine.analyse(nlp, [(d, words) for d in documents]); mark("pipeline")
results = [engine.lint_document(d, Config(), None, docs=a) for d, a in zip(documents, docs)]; mark("rules")
json_reporter.render(results); mark("reporting")
print(json.dumps(marks))
"""


def stages(files: list[Path], cache_dir: str | None = None) -> dict[str, float]:
    e = env()
    if cache_dir is not None:
        e["CPDOCS_CACHE_DIR"] = cache_dir
    out = subprocess.run([sys.executable, "-c", STAGES, *map(str, files)], capture_output=True, text=True,
                         cwd=ROOT, env=e, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


WARM = r"""
import json, sys, time
from cpdocs.lint.engine import lint_file
runs, files = int(sys.argv[1]), sys.argv[2:]
words = sum(lint_file(f).metrics.words for f in files)  # the model loaded, the caches warm
best = float("inf")
for _ in range(runs):
    t = time.process_time()  # CPU seconds of this one-threaded process: per core, whatever else runs
    for f in files:
        lint_file(f)
    best = min(best, time.process_time() - t)
print(json.dumps([words, best]))
"""


def warm(files: list[Path], runs: int) -> tuple[int, float]:
    """Words and best CPU seconds of linting the files one by one in one process (model loaded, one core)."""
    out = subprocess.run([sys.executable, "-c", WARM, str(runs), *map(str, files)], capture_output=True, text=True,
                         cwd=CODE, env=env(), check=True)
    words, best = json.loads(out.stdout.strip().splitlines()[-1])
    return words, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--code", type=Path, default=None, help="measure the cpdocs package in this folder instead")
    a = ap.parse_args()
    global CODE
    CODE = (a.code or ROOT).resolve()
    if not (CODE / "cpdocs" / "__init__.py").exists():
        raise SystemExit(f"no cpdocs package in {CODE}")
    drafts = sixteen_drafts()
    mds = [d.with_suffix(".md") for d in drafts]
    md_words = sum(len(m.read_text(encoding="utf-8").split()) for m in mds)
    cpdocs = [sys.executable, "-m", "cpdocs"]
    lint = [*cpdocs, "lint", "--format", "json", "--fail-on", "never"]

    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "synthetic.docx"
        synthetic_words = make_docx(synthetic, 5000)
        print(f"measuring the cpdocs in {CODE}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
        first = run([*lint, str(drafts[0])], {**env(), "CPDOCS_CACHE_DIR": str(Path(tmp) / "new-cache")})
        run([*lint, str(drafts[0])])  # bytecode and the cache folder in place, as after the first use
        print(f"cpdocs lint, cold (new process each run; best and median of {a.runs}; CPU = user + system)\n")
        print(f"{'what':<52} {'best':>7} {'median':>7} {'CPU':>7} {'peak':>7}  target")
        rows = [
            ("cpdocs --version", [*cpdocs, "--version"], "< 0.2 s"),
            ("cpdocs rules", [*cpdocs, "rules"], "< 0.2 s"),
            (f"one 5,000-word DOCX ({LONG_DRAFT.name})", [*lint, str(LONG_DRAFT)], "<= 1.5 s"),
            (f"one {synthetic_words:,}-word DOCX (synthetic, repeated paragraphs)", [*lint, str(synthetic)],
             "<= 1.5 s"),
            (f"16 drafts, {md_words:,} words, DOCX, one call", [*lint, *map(str, drafts)], "<= 4x proselint"),
        ]
        if CODE == ROOT:
            rows.append(("16 drafts, one call, --jobs 1 (one core)", [*lint, "--jobs", "1", *map(str, drafts)], ""))
        figures = {}
        for label, cmd, target in rows:
            f = cold(cmd, a.runs)
            figures[label] = f
            print(f"{label:<52} {f['best']:>6.2f}s {f['median']:>6.2f}s {f['cpu']:>6.2f}s {f['mb']:>5.0f}MB  {target}")
        print(f"{'first run ever (empty cache folder), one draft':<52} {first[0]:>6.2f}s {'':>7} {first[1]:>6.2f}s "
              f"{first[2]:>5.0f}MB")

        prose = proselint_cmd()
        sixteen = figures[rows[4][0]]
        print()
        if prose is None:
            print("proselint: not installed, comparison skipped (it is not a cpdocs dependency; "
                  "`pip install proselint` to compare)")
        else:
            p = cold([*prose, *map(str, mds)], a.runs)
            label = "proselint, the same 16 drafts as Markdown, one call"
            print(f"{label:<52} {p['best']:>6.2f}s {p['median']:>6.2f}s {p['cpu']:>6.2f}s {p['mb']:>5.0f}MB")
            print(f"cpdocs / proselint: {sixteen['best'] / p['best']:.1f}x wall (best), "
                  f"{sixteen['median'] / p['median']:.1f}x (median), {sixteen['cpu'] / p['cpu']:.1f}x CPU"
                  f"   (target <= 4x, aim 3x)")

        if CODE == ROOT:
            print("\nWhere the time goes: one cold process, the 16 drafts, one core (seconds)\n")
            cached = stages(drafts)
            fresh = stages(drafts, str(Path(tmp) / "stage-cache"))
            print(f"{'stage':<26} {'cache warm':>11} {'cache empty':>12}")
            for name in cached:
                print(f"{name:<26} {cached[name]:>10.3f}s {fresh[name]:>11.3f}s")
            print(f"{'total':<26} {sum(cached.values()):>10.3f}s {sum(fresh.values()):>11.3f}s")

        print("\nwarm lint, one process, model loaded, CPU seconds of one core (target >= 15,000 words/s):")
        for label, files in (("the 16 drafts", drafts), (LONG_DRAFT.name, [LONG_DRAFT]),
                             ("the synthetic draft", [synthetic])):
            words, best = warm(files, a.runs)
            print(f"  {label:<28} {words:>6,} words in {best:.2f} s = {words / best:>7,.0f} words/s")
        peak = max(f["mb"] for f in figures.values())
        print(f"peak memory of any one cpdocs process: {peak:.0f} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
