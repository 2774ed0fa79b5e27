"""`cpdocs audit`: check every draft in a folder, in parallel or on a Dask cluster, and write a CSV and a dashboard."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cpdocs.audit.run import run_audit
from cpdocs.audit.runner import LocalRunner, Runner
from cpdocs.audit.work import DEFAULT_TIMEOUT


def default_jobs() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not on Linux
        return max(1, min(os.cpu_count() or 1, 8))


def make_runner(jobs: int | None, dask: str | None) -> Runner:
    """The local pool unless --dask names a scheduler (or 'local' for a local cluster)."""
    if dask:
        from cpdocs.audit.dask_runner import DaskRunner

        return DaskRunner(dask, workers=jobs or 2)
    return LocalRunner(jobs or default_jobs())


@click.command("audit")
@click.argument("folder")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for audit.csv, audit.html and reports/ [default: cpdocs-audit in the current folder].")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Drafts checked at once [default: one per processor, up to 8; with --dask local, 2 workers].")
@click.option("--dask", "dask", metavar="ADDRESS", default=None,
              help="Run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://scheduler.example.org:8786), "
                   "or 'local' to start one on this computer. Needs pip install \"cpdocs[dask]\".")
@click.option("--resume", is_flag=True,
              help="Keep the rows of drafts unchanged since the last audit in this output folder; check the rest.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one draft may take before it is skipped (not applied on Dask).")
@click.option("--force", is_flag=True, help="Replace audit.csv and audit.html if they already exist.")
@click.option("--no-reports", is_flag=True, help="Do not write a report page for each draft.")
def audit(folder, outdir, jobs, dask, resume, timeout, force, no_reports):
    """Check every draft (.docx, .pdf, .md, .txt) in FOLDER and its subfolders.

    FOLDER may also be a URL the workers can read (s3://..., with the fsspec driver installed).
    Writes audit.csv (one row per draft; drafts that cannot be read are listed with the
    problem), audit.html (a dashboard) and reports/ (one page per draft). Nothing is sent
    anywhere, and no draft is changed.
    """
    outdir = outdir if outdir is not None else Path("cpdocs-audit")
    runner = make_runner(jobs, dask)
    state = {}

    def start(n: int) -> None:
        if n == 0:
            click.echo(f"cpdocs: no drafts (.docx, .pdf, .md, .txt) found in {folder}", err=True)
        if sys.stderr.isatty() and n:
            state["bar"] = click.progressbar(length=n, label=f"Checking {n} drafts",
                                             file=click.get_text_stream("stderr"), show_pos=True, show_eta=True)
            state["bar"].__enter__()

    def step(k: int) -> None:
        if "bar" in state:
            state["bar"].update(k)

    root = folder if "://" in folder else Path(folder)
    try:
        result = run_audit(root, outdir, force=force, timeout=timeout, progress=step, on_start=start,
                           reports=not no_reports, runner=runner, resume=resume)
    except KeyboardInterrupt:
        click.echo(f"cpdocs: audit stopped; the rows done so far are kept in {outdir}. Run the same command with "
                   "--resume to finish it.", err=True)
        raise SystemExit(130) from None
    finally:
        bar = state.get("bar")
        if bar is not None:
            bar.__exit__(None, None, None)
    t = result.totals
    rate = t.files / t.seconds if t.seconds else 0.0
    kept = f"; {t.skipped} unchanged since the last audit (kept)" if t.skipped else ""
    click.echo(f"Checked {t.files} draft{'s' if t.files != 1 else ''} in {t.seconds:.1f} s ({rate:.1f} a second, "
               f"{runner.description}): {t.findings} findings{kept}"
               + (f"; {t.failed} could not be read (listed in the CSV)" if t.failed else "") + ".")
    click.echo(f"Wrote {result.csv_path} and {result.html_path}"
               + ("" if no_reports else f", and a report for each draft in {result.reports_dir}") + ".")
