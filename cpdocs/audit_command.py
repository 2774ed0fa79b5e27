"""`cpdocs audit`: check every draft in a folder, in parallel, and write a CSV and a dashboard."""

from __future__ import annotations

from pathlib import Path

import click

from cpdocs.audit import DEFAULT_TIMEOUT, default_jobs, progress_bar_wanted, run_audit


@click.command("audit")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for audit.csv, audit.html and reports/ [default: cpdocs-audit in the current folder].")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Drafts checked at once [default: one per processor, up to 8].")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one draft may take before it is skipped.")
@click.option("--force", is_flag=True, help="Replace audit.csv and audit.html if they already exist.")
@click.option("--no-reports", is_flag=True, help="Do not write a report page for each draft.")
def audit(folder, outdir, jobs, timeout, force, no_reports):
    """Check every draft (.docx, .pdf, .md, .txt) in FOLDER and its subfolders.

    Writes audit.csv (one row per draft; drafts that cannot be read are listed with the
    problem), audit.html (a dashboard) and reports/ (one page per draft). Nothing is sent
    anywhere, and no draft is changed.
    """
    outdir = outdir if outdir is not None else Path("cpdocs-audit")
    jobs = jobs or default_jobs()
    state = {}

    def start(n: int) -> None:
        if n == 0:
            click.echo(f"cpdocs: no drafts (.docx, .pdf, .md, .txt) found in {folder}", err=True)
        if progress_bar_wanted() and n:
            state["bar"] = click.progressbar(length=n, label=f"Checking {n} drafts",
                                             file=click.get_text_stream("stderr"), show_pos=True, show_eta=True)
            state["bar"].__enter__()

    def step(k: int) -> None:
        if "bar" in state:
            state["bar"].update(k)

    try:
        result = run_audit(folder, outdir, jobs=jobs, force=force, timeout=timeout, progress=step, on_start=start,
                           reports=not no_reports)
    finally:
        bar = state.get("bar")
        if bar is not None:
            bar.__exit__(None, None, None)
    t = result.totals
    rate = t.files / t.seconds if t.seconds else 0.0
    click.echo(f"Checked {t.files} draft{'s' if t.files != 1 else ''} in {t.seconds:.1f} s ({rate:.1f} a second, "
               f"{jobs} job{'s' if jobs != 1 else ''}): {t.findings} findings"
               + (f"; {t.failed} could not be read (listed in the CSV)" if t.failed else "") + ".")
    click.echo(f"Wrote {result.csv_path} and {result.html_path}"
               + ("" if no_reports else f", and a report for each draft in {result.reports_dir}") + ".")
