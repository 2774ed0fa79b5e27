"""Labels for the summary, and what changed between two checks of a draft.

The draft itself is shown with the lint HTML reporter's view model and macros."""

from __future__ import annotations

from collections import Counter

from cpdocs.lint.finding import FileResult
from cpdocs.lint.reporters.html import CATEGORY_LABELS

__all__ = ["CATEGORY_LABELS", "SEVERITY_LABELS", "compare", "compact", "summary"]


SEVERITY_LABELS = {"error": "Must fix", "warning": "Should fix", "info": "Think about"}


def summary(result: FileResult) -> list[tuple[str, int]]:
    counts = Counter(f.category for f in result.findings)
    return [(CATEGORY_LABELS.get(c, c), counts[c]) for c in CATEGORY_LABELS if counts[c]]


# --- what changed since the last check ------------------------------------------------------

def fingerprint(f: dict) -> tuple[str, str]:
    """The same problem in two versions of a draft: the same rule about the same words."""
    return f["rule"], " ".join(str(f["text"]).lower().split())


def compact(result: FileResult) -> list[dict]:
    return [{"rule": f.rule, "name": f.name, "category": f.category, "message": f.message, "text": f.text,
             "section": f.location.section} for f in result.findings]


def compare(previous: list[dict], current: list[dict]) -> dict[str, list[dict]]:
    """What was fixed (in the last check, not in this one), what is new, and how many remain."""
    before = Counter(fingerprint(f) for f in previous)
    now = Counter(fingerprint(f) for f in current)
    fixed_left, new_left = before - now, now - before
    fixed, new = [], []
    for f in previous:
        k = fingerprint(f)
        if fixed_left[k] > 0:
            fixed_left[k] -= 1
            fixed.append(f)
    for f in current:
        k = fingerprint(f)
        if new_left[k] > 0:
            new_left[k] -= 1
            new.append(f)
    return {"fixed": fixed, "new": new, "still": sum((before & now).values())}
