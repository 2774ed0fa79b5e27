"""`cpdocs lint` and `cpdocs rules`: parse options, call the engine, print, set the exit code.

The engine, the rules and the language model are imported only when a draft is linted, so
`cpdocs rules` and `--help` answer at once.
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

import click

from cpdocs.config import config_for
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.lint.finding import FileResult
from cpdocs.lint.fixable import fix_info
from cpdocs.standards import REPORT_TYPES

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


def expand_paths(patterns: tuple[str, ...]) -> list[str]:
    """Files named, globs (expanded here too, for shells that do not), and folders (their drafts)."""
    from cpdocs.readers import SUPPORTED

    out: list[str] = []
    for pattern in patterns:
        if pattern == "-":
            out.append(pattern)
            continue
        p = Path(pattern)
        if p.is_dir():
            out.extend(sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in SUPPORTED and f.is_file()))
        elif any(ch in pattern for ch in "*?[") and not p.exists():
            matches = sorted(glob.glob(pattern, recursive=True))
            out.extend(matches if matches else [pattern])
        else:
            out.append(pattern)
    return out


def split_codes(value: str | None) -> list[str]:
    """`--select` and `--ignore`: comma-separated codes, names or categories."""
    return [c.strip() for c in (value or "").split(",") if c.strip()]


@click.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="How to show the findings (html: one page with the draft's text and the findings marked).")
@click.option("--type", "report_type", type=click.Choice(REPORT_TYPES), default=None,
              help="The report type, when it should not be worked out from the draft.")
@click.option("--select", default=None, help="Only these rules: codes, names or categories, comma-separated.")
@click.option("--ignore", default=None, help="Leave out these rules: codes, names or categories, comma-separated.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A cpdocs.toml to use instead of the one found next to the draft.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Exit with code 1 when there are findings at this level [default: error].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file instead of the screen.")
@click.option("--no-suggestions", is_flag=True, help="Text format: leave out the suggested rewording.")
@click.option("--explain", is_flag=True,
              help="Text format: say how cpdocs read the draft for each finding (why it is a plan action, which "
                   "heading it looked for...) and why it chose the report type.")
@click.option("--annotate", is_flag=True,
              help="Word drafts: write a copy with each finding as a comment (to -o, or DRAFT.cpdocs.docx).")
@click.option("--force", is_flag=True, help="Replace an output file that already exists.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="How many processes check the drafts [default: one per free core, with four drafts each or more].")
def lint(paths, fmt, report_type, select, ignore, config_file, fail_on, output, no_suggestions, explain, annotate,
         force, jobs):
    """Check draft reports against the standards.

    PATHS are .docx, .pdf, .md or .txt files, folders, glob patterns, or - for standard input.
    Exit code: 0 no findings at the --fail-on level, 1 findings, 2 a file could not be read.
    """
    from cpdocs.lint.engine import Job, guarded
    from cpdocs.lint.parallel import lint_files, workers_for

    documents: dict[int, object] = {}  # the Document of each result, for the HTML report
    fail_level = fail_on
    files = expand_paths(paths)
    if annotate and output is not None and len(files) > 1:
        raise click.UsageError("with --annotate, -o names the annotated copy, so give one draft only")
    if output is not None and not annotate and output.exists() and not force:
        raise InputError(output, "already exists; use --force to replace it")
    results: list[FileResult | None] = [None] * len(files)
    todo: list[tuple[int, Job]] = []
    for n, p in enumerate(files):
        config = guarded(p, config_for, None if p == "-" else Path(p), config_file)
        if isinstance(config, FileResult):
            results[n] = config
            continue
        config.select = split_codes(select) or config.select
        config.ignore = config.ignore + split_codes(ignore)
        fail_level = fail_level or config.fail_on
        todo.append((n, Job(p, config, report_type)))
    if annotate or fmt == "html":
        from cpdocs.lint.reporters.docx_comments import lint_and_annotate

        for n, job in todo:
            got = guarded(job.path, lint_and_annotate, job.path, report_type, job.config,
                          output if annotate else None, force, annotate)
            if isinstance(got, tuple):
                documents[n], results[n] = got
            else:
                results[n] = got
    else:
        job_list = [job for _, job in todo]
        for (n, _), result in zip(todo, lint_files(job_list, workers_for(job_list, jobs)), strict=True):
            results[n] = result
    done = [r for r in results if r is not None]  # every file has one
    if fmt != "text":
        for r in done:
            if r.error:
                click.echo(f"cpdocs: {r.error}", err=True)
    if fmt == "json":
        from cpdocs.lint.reporters import json as json_reporter

        out = json_reporter.render(done)
    elif fmt == "html":
        from cpdocs.lint.reporters import html as html_reporter

        out = html_reporter.render([(r, documents.get(i)) for i, r in enumerate(done)])
    else:
        from cpdocs.lint.reporters import text as text_reporter

        colour = output is None and sys.stdout.isatty()
        out = text_reporter.render(done, colour=colour, show_suggestions=not no_suggestions, explain=explain)
    if output is not None and not annotate:
        write_whole(output, out + "\n", force)
    else:
        click.echo(out)
    levels = FAIL_LEVELS[fail_level or "error"]
    if any(r.error for r in done):
        sys.exit(2)
    sys.exit(1 if any(f.severity in levels for r in done for f in r.findings) else 0)


@click.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="html: a handbook page for training, every rule with its reason, standard and examples.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of the screen.")
@click.option("--force", is_flag=True, help="Replace an output file that already exists.")
def rules(code, fmt, output, force):
    """List every rule, or explain one (by code or name): what, why, the standard, examples."""
    from cpdocs.lint.catalogue import info_by_code, rule_infos

    infos = rule_infos()
    if code:
        info = info_by_code(code)
        if info is None:
            raise InputError(code, "no such rule; run 'cpdocs rules' to see them all")
        infos = [info]
    as_json = json.dumps([rule_facts(i) for i in infos], indent=2, ensure_ascii=False)
    if fmt == "html" or output is not None:
        from cpdocs.lint.reporters import html as html_reporter

        if output is not None and output.exists() and not force:
            raise InputError(output, "already exists; use --force to replace it")
        if fmt == "html":
            page = html_reporter.render_handbook(infos)
        elif fmt == "json":
            page = as_json
        else:
            page = "\n".join(f"{i.code}  {i.name:<24} {i.category:<16} {i.severity:<8} {i.summary}" for i in infos)
        if output is None:
            click.echo(page)
        else:
            write_whole(output, page + "\n", force)
        return
    if fmt == "json":
        click.echo(as_json)
        return
    if not code:
        for i in infos:
            click.echo(f"{i.code}  {i.name:<24} {i.category:<16} {i.severity:<8} {i.summary}")
        return
    i = infos[0]
    fixes = fix_info(i.code)
    click.echo(f"{i.code} {i.name} ({i.category}, {i.severity})\n\n{i.summary}\n\nWhy it matters: {i.why}\n\n"
               f"Standard: {i.standard}\n\nInstead of: {i.bad}\nWrite:      {i.good}\n\n"
               f"cpdocs fix: {'can fix' if fixes.can_fix else 'cannot fix'}. {fixes.how}")


def rule_facts(info) -> dict:
    """A rule's documentation for `--format json`, with what `cpdocs fix` can do about it."""
    return {**info.__dict__, "fix": fix_info(info.code).as_dict()}

