"""Print the figures of the child's pack and the Easy Read letters, for every fixture case and band.

    python benchmarks/family_documents.py

Each document is made as Word, read back and linted by cpdocs itself (see tests/family_support.py).
The limits (longest sentence, lowest reading ease) are the issue's; tests/test_family_documents.py
fails when a document breaks them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from family_support import LIMITS, all_figures  # noqa: E402


def main() -> None:
    print("| case | band | document | words | longest sentence (limit) | reading ease (at least) | "
          "jargon | plan items | no owner | no date |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for f in all_figures():
        limit, ease = LIMITS[f.band]
        doc = f.document.replace("child-pack-", "").replace("chairs-letter-easy-read", "Easy Read letter")
        who = f.stem.rsplit("_", 1)[-1]
        print(f"| {f.case} | {f.band} | {doc} ({who}) | {f.words} | {f.longest} ({limit}) | {f.flesch:.0f} ({ease:.0f})"
              f" | {len(f.jargon)} | {f.plan_items} | {len(f.no_owner)} | {len(f.no_date)} |")


if __name__ == "__main__":
    main()
