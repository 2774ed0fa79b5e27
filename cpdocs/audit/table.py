"""The audit's CSV: one row per draft, and the way back from a row to the summary it was made from.

A row carries the draft's content hash and the cpdocs version that checked it, so that
`--resume` can keep the rows of unchanged drafts, and a `details` cell (JSON) with what the
dashboard counts beyond the columns (vague phrases, jargon, standards, sections), so that a
resumed audit's dashboard is the same as a fresh one's.
"""

from __future__ import annotations

import json

from cpdocs.lint.finding import CATEGORIES

CSV_FIELDS = ["path", "report_type", "words", "sentences", "reading_ease", "grade", "findings", "errors",
              "warnings", *CATEGORIES, "missing_sections", "report", "error", "sha256", "cpdocs_version", "details"]
NUMBERS = {"words": int, "sentences": int, "reading_ease": float, "grade": float, "findings": int, "errors": int,
           "warnings": int}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DETAILS = ("missing", "vague", "jargon", "standards", "sections")


def csv_row(s: dict) -> dict:
    row = {k: "" for k in CSV_FIELDS}
    row["path"] = s["path"]
    row["sha256"] = s.get("sha256") or ""
    row["cpdocs_version"] = s.get("version") or "" if s.get("sha256") else ""
    if s.get("error"):
        row["error"] = s["error"]
    else:
        for k in ("report_type", *NUMBERS):
            row[k] = s[k]
        for c in CATEGORIES:
            row[c] = s["counts"].get(c, 0)
        row["missing_sections"] = "; ".join(s["missing"])
        row["report"] = f"reports/{s['report']}" if s.get("report") else ""
        row["details"] = json.dumps({k: s[k] for k in DETAILS}, ensure_ascii=False, separators=(",", ":"))
    # a cell that starts like a formula would run in a spreadsheet: make it plain text
    return {k: (f"'{v}" if isinstance(v, str) and v[:1] in FORMULA_START else v) for k, v in row.items()}


def plain_cell(v: str | None) -> str:
    """A cell as it was before csv_row guarded it against spreadsheets."""
    v = v or ""
    return v[1:] if v[:1] == "'" and v[1:2] in FORMULA_START else v


def summary_from_row(row: dict) -> dict:
    """The summary a CSV row was written from (for --resume); a row that cannot be read back is None."""
    row = {k: plain_cell(v) for k, v in row.items() if k is not None}
    s: dict = {"path": row.get("path", ""), "sha256": row.get("sha256") or None,
               "version": row.get("cpdocs_version") or None}
    if row.get("error"):
        return s | {"error": row["error"]}
    try:
        details = json.loads(row.get("details") or "")
        s |= {k: conv(row[k]) for k, conv in NUMBERS.items()}
        s |= {"report_type": row.get("report_type") or None, "error": None,
              "counts": {c: int(row[c]) for c in CATEGORIES if row.get(c) and int(row[c])},
              "report": (row.get("report") or "").removeprefix("reports/") or None}
        s |= {k: details[k] for k in DETAILS}
    except (ValueError, KeyError, TypeError):
        return None
    return s
