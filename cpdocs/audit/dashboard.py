"""The audit dashboard: one self-contained page, charts drawn here as inline SVG.

Nothing is loaded from anywhere: the charts are SVG written by this module, the style is the
same inline CSS as the lint report. Every chart has a text equivalent (a table beside it) for
a screen reader. The list of files is read back from the audit's CSV as the page is written,
so the dashboard of a large folder is streamed, not held in memory.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator

from markupsafe import Markup, escape

from cpdocs.audit.table import plain_cell
from cpdocs.audit.totals import EASE_BINS, Totals
from cpdocs.lint.finding import CATEGORIES
from cpdocs.lint.reporters.html import CATEGORY_LABELS, TYPE_LABELS, environment

COLOURS = {
    "vague-action": "#92400e", "action-owner": "#b91c1c", "action-date": "#9a3412", "jargon": "#1d4ed8",
    "readability": "#6b21a8", "missing-section": "#374151", "evidence": "#166534", "language": "#9d174d",
    "timeliness": "#115e59", "structure": "#4c1d95",
}
INK, MUTED, GRID, BRAND = "#1b1f24", "#4a5360", "#d5d9df", "#1f4e79"


def hbar_chart(rows: list[tuple[str, int, str]], total: int, label: str) -> Markup:
    """Horizontal bars: (label, value, colour) against `total` (e.g. the number of reports)."""
    width, left, bar_h, gap = 560, 215, 30, 12
    height = len(rows) * (bar_h + gap) + gap
    scale = (width - left - 90) / max(total, 1)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="Segoe UI, Arial, DejaVu Sans, sans-serif">']
    for i, (name, value, colour) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round(value * scale))
        pct = round(100 * value / total) if total else 0
        parts.append(f'<text x="{left - 10}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" font-size="19" '
                     f'fill="{INK}">{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{width - left - 90}" height="{bar_h}" '
                     f'fill="#eef1f4" rx="3"/>')
        parts.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}" rx="3"/>')
        parts.append(f'<text x="{left + w + 8}" y="{y + bar_h * 0.7:.0f}" font-size="18" font-weight="700" '
                     f'fill="{INK}">{value} ({pct}%)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def histogram(bins: list[int], label: str, target: float = 60) -> Markup:
    """Reports by reading ease, in bands of ten, with the plain-English target marked."""
    width, height, left, bottom, top = 560, 330, 44, 56, 24
    n = len(bins)
    plot_w, plot_h = width - left - 20, height - top - bottom
    step = max(1, -(-max(bins + [1]) // 4))  # whole numbers on the scale
    peak = step * 4
    slot = plot_w / n
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="Segoe UI, Arial, DejaVu Sans, sans-serif">']
    for k in range(5):
        v = step * k
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="15" fill="{MUTED}">'
                     f'{v}</text>')
    for i, count in enumerate(bins):
        lo, hi = EASE_BINS[i]
        h = plot_h * count / peak
        x = left + i * slot + 6
        colour = "#166534" if lo >= target else ("#9a3412" if lo >= 30 else "#b91c1c")
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot - 12:.1f}" height="{h:.1f}" '
                     f'fill="{colour}" rx="3"/>')
        if count:
            parts.append(f'<text x="{x + (slot - 12) / 2:.1f}" y="{top + plot_h - h - 6:.1f}" text-anchor="middle" '
                         f'font-size="17" font-weight="700" fill="{INK}">{count}</text>')
        band = f"&lt;{hi}" if i == 0 else (f"{lo}+" if i == n - 1 else f"{lo}\u2013{hi - 1}")
        parts.append(f'<text x="{x + (slot - 12) / 2:.1f}" y="{height - bottom + 20}" text-anchor="middle" '
                     f'font-size="15" fill="{INK}">{band}</text>')
    tx = left + slot * next((i for i, (lo, _) in enumerate(EASE_BINS) if lo >= target), n)
    parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top - 5}" y2="{top + plot_h}" stroke="{BRAND}" '
                 f'stroke-width="3" stroke-dasharray="6 4"/>')
    parts.append(f'<text x="{tx - 6:.1f}" y="{top + 14}" text-anchor="end" font-size="16" fill="{BRAND}" '
                 f'font-weight="700">plain English ({target:.0f}+) \u2192</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="16" '
                 f'fill="{MUTED}">reading ease (higher is easier)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def ranked(counts: Counter, n: int | None = None) -> list[tuple[str, int]]:
    """Most common first, ties by name: the same page whatever order the drafts were checked in
    (a Dask run's and a local run's dashboards are the same)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


def _file_rows(csv_path: str) -> Iterator[dict]:
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            row = {k: plain_cell(v) for k, v in row.items()}
            row["type_label"] = TYPE_LABELS.get(row.get("report_type", ""), row.get("report_type", ""))
            yield row


def render_dashboard(t: Totals, csv_path: str, root: str) -> Iterator[str]:
    read = max(t.read, 1)
    kinds = [(CATEGORY_LABELS.get(c, c), t.files_by_category[c], COLOURS.get(c, MUTED))
             for c in CATEGORIES if t.files_by_category[c]]
    ease_rows = []
    for i, (lo, hi) in enumerate(EASE_BINS):
        band = f"under {hi}" if i == 0 else (f"{lo} or more" if i == len(EASE_BINS) - 1 else f"{lo} to {hi - 1}")
        ease_rows.append((band, t.ease_bins[i]))
    context = {
        "t": t, "root": root, "read": t.read,
        "per_second": t.files / t.seconds if t.seconds else 0,
        "kinds_chart": hbar_chart(kinds, read, "Reports with at least one finding of each kind") if kinds else None,
        "kinds": [(label, n, round(100 * n / read)) for label, n, _ in kinds],
        "ease_chart": histogram(t.ease_bins, "Number of reports in each band of reading ease") if t.read else None,
        "ease_rows": ease_rows,
        "plain": sum(n for (lo, _), n in zip(EASE_BINS, t.ease_bins, strict=True) if lo >= 60),
        "standards": [(s, n, round(100 * n / read)) for s, n in ranked(t.files_by_standard)],
        "vague": [(p, n, t.vague_files[p]) for p, n in ranked(t.vague, 15)],
        "jargon": [(p, n, t.jargon_files[p]) for p, n in ranked(t.jargon, 15)],
        "sections": [(s, n, t.section_files[s]) for s, n in ranked(t.sections, 12)],
        "missing": [(s, n, round(100 * n / read)) for s, n in ranked(t.missing)],
        "types": [(TYPE_LABELS.get(k or "", k or "unknown"), n) for k, n in ranked(t.types)],
        "files": _file_rows(csv_path),
        "categories_short": [(c, CATEGORY_LABELS.get(c, c)) for c in CATEGORIES if t.by_category[c]],
    }
    return environment().get_template("dashboard.html.j2").generate(**context)
