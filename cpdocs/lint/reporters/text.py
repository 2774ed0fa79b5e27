"""Plain text for the terminal: one finding a line, grouped by file, then the counts.

`file:section:line: CODE message [standard]`, with the suggestion on the next line, indented,
so the line a person reads first says what is wrong and where.
"""

from __future__ import annotations

from collections import Counter

import click

from cpdocs.lint.finding import CATEGORIES, FileResult, Finding

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _where(result: FileResult, f: Finding) -> str:
    loc = f.location
    parts = [result.path, loc.section or "-"]
    if loc.page is not None:
        parts.append(f"p{loc.page}")
    parts.append(str(loc.line) if loc.line is not None else f"b{loc.block}")
    return ":".join(parts)


def render(results: list[FileResult], colour: bool = False, show_suggestions: bool = True,
           explain: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    lines: list[str] = []
    totals: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for r in results:
        if r.error is not None:
            lines.append(style(f"cpdocs: {r.error}", fg="red", bold=True))
            continue
        lines.append(style(f"{r.path} ({r.report_type}, {r.report_type_source})", bold=True))
        if explain and r.report_type_why:
            lines.append(style(f"    read as {r.report_type}: {r.report_type_why}", dim=True))
        for f in r.findings:
            sev = style(f.severity, fg=COLOURS.get(f.severity))
            quoted = f" \u2014 \u201c{_short(f.text)}\u201d" if f.category != "missing-section" and f.text else ""
            lines.append(f"{_where(r, f)}: {f.rule} {sev}: {f.message}{quoted} [{f.standard}]")
            if show_suggestions and f.suggestion:
                lines.append(style(f"    try: {f.suggestion}", dim=True))
            if explain and f.why:
                lines.append(style(f"    why: {f.why}", dim=True))
            totals[f.category] += 1
            severities[f.severity] += 1
        m = r.metrics
        lines.append(f"  {m.words} words, {m.sentences} sentences, reading ease {m.flesch_reading_ease:.0f}, "
                     f"grade {m.flesch_kincaid_grade:.1f}")
        lines.append("")
    if totals:
        counts = ", ".join(f"{c} {totals[c]}" for c in CATEGORIES if totals[c])
        total = sum(totals.values())
        lines.append(f"Found {total} problem{'s' if total != 1 else ''}: {counts}.")
        lines.append(", ".join(f"{severities[s]} {s}{'s' if severities[s] != 1 else ''}"
                               for s in ("error", "warning", "info") if severities[s]) + ".")
    elif not any(r.error for r in results):
        lines.append(style("No problems found.", fg="green"))
    return "\n".join(lines)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
