"""Prove a speed change kept every finding: snapshot the JSON of every fixture draft, then diff.

    python benchmarks/same_findings.py save OUT_DIR [--one-call] [--code DIR] [--cmd 'cpdocs lint ...']
    python benchmarks/same_findings.py diff BEFORE_DIR AFTER_DIR

`save` lints every draft under `fixtures/drafts` and the `docs` folder of every evaluation set
(`eval` to `eval13`, `eval15`, `forms`; and the dev set, when `CPDOCS_DEVSET` names its folder), in each form
there (.docx, .md, .txt, .pdf), and writes each draft's JSON result to OUT_DIR. By default each
draft gets its own cold call, as a user runs it; `--one-call` lints them all in one call, which
must give the same findings (state that leaked from one draft to the next would show here).
`--code DIR` lints with the cpdocs package in DIR (a checkout of the commit before a change).
`diff` prints every draft whose findings, metrics or report type differ, and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_SETS = ("eval", "eval2", "eval3", "eval4", "forms", "eval5", "eval6", "eval7", "eval8", "eval9", "eval10",
             "eval11", "eval12", "eval13", "eval15")
SETS = ["fixtures/drafts", *(f"fixtures/{name}/docs" for name in EVAL_SETS)]
CMD = f"{sys.executable} -m cpdocs lint --format json --fail-on never"


def drafts() -> list[Path]:
    folders = [ROOT / s for s in SETS]
    if os.environ.get("CPDOCS_DEVSET"):
        folders.append(Path(os.environ["CPDOCS_DEVSET"]) / "docs")
    return [f for d in folders for f in sorted(d.iterdir()) if f.suffix in (".docx", ".md", ".txt", ".pdf")]


def _name(path: Path) -> str:
    return "__".join(path.resolve().parts[-3:]) + ".json"


def save(out_dir: Path, cmd: str, one_call: bool, code: Path = ROOT) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = drafts()
    batches = [files] if one_call else [[f] for f in files]
    for batch in batches:
        proc = subprocess.run(shlex.split(cmd) + [str(f) for f in batch], capture_output=True, text=True, cwd=code)
        results = json.loads(proc.stdout)["files"]
        assert len(results) == len(batch), proc.stderr
        for f, r in zip(batch, results, strict=True):
            r.pop("path", None)
            (out_dir / _name(f)).write_text(json.dumps(r, indent=1, ensure_ascii=False, sort_keys=True))
    print(f"saved {len(files)} drafts to {out_dir}")


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    bad = 0
    for n in names:
        a, b = before / n, after / n
        if not a.exists() or not b.exists():
            print(f"{n}: only in {'after' if b.exists() else 'before'}")
            bad += 1
            continue
        ra, rb = json.loads(a.read_text()), json.loads(b.read_text())
        if ra == rb:
            continue
        bad += 1
        print(f"{n}: differs")
        for key in ("report_type", "report_type_source", "metrics", "error"):
            if ra.get(key) != rb.get(key):
                print(f"   {key}: {ra.get(key)} -> {rb.get(key)}")
        fa = [json.dumps(f, sort_keys=True) for f in ra.get("findings", [])]
        fb = [json.dumps(f, sort_keys=True) for f in rb.get("findings", [])]
        for f in fa:
            if f not in fb:
                print(f"   - {f[:300]}")
        for f in fb:
            if f not in fa:
                print(f"   + {f[:300]}")
        if sorted(fa) == sorted(fb):
            print("   (same findings, other order)")
    print(f"{len(names)} drafts compared, {bad} differ")
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("--cmd", default=CMD)
    s.add_argument("--one-call", action="store_true")
    s.add_argument("--code", type=Path, default=ROOT, help="the folder holding the cpdocs package to run")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    a = ap.parse_args()
    if a.what == "save":
        save(a.out, a.cmd, a.one_call, a.code.resolve())
    else:
        sys.exit(diff(a.before, a.after))


if __name__ == "__main__":
    main()
