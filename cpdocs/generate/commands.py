"""The generate, new, deadlines and schema commands: parse, call the library, print, exit code."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from cpdocs import timescales
from cpdocs.config import Config, config_for
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.generate.case import CaseError, _date, case_schema, load_case
from cpdocs.generate.child_pack import BANDS
from cpdocs.generate.documents import DOCUMENTS, render_document
from cpdocs.generate.render import FORMATS, long_date, render_blank, write_outputs
from cpdocs.standards import REPORT_TYPES

NEW_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def _fail_case(exc: CaseError) -> None:
    for line in exc.lines():
        click.echo(f"cpdocs: {line}", err=True)
    sys.exit(2)


def _formats(value: str) -> list[str]:
    out = []
    for part in value.replace(" ", "").lower().split(","):
        if not part:
            continue
        if part not in FORMATS:
            raise click.BadParameter(f"unknown format {part!r} (use {', '.join(FORMATS)}, comma-separated)")
        if part not in out:
            out.append(part)
    if not out:
        raise click.BadParameter("give at least one format: docx, pdf or html")
    return out


def _setting_path(cfg: Config, key: str) -> Path | None:
    """A template named in configuration, relative to the configuration file."""
    value = (cfg.template or {}).get(key)
    if not value:
        return None
    p = Path(value).expanduser()
    if not p.is_absolute() and cfg.path is not None:
        p = cfg.path.parent / p
    return p


def _templates(template: Path | None, cfg: Config) -> tuple[Path | None, Path | None]:
    """(Word template, extra CSS): --template wins over [template] docx/css in configuration."""
    docx = _setting_path(cfg, "docx")
    css = _setting_path(cfg, "css")
    if template is not None:
        suffix = template.suffix.lower()
        if suffix == ".docx":
            docx = template
        elif suffix == ".css":
            css = template
        else:
            raise InputError(template, "is not a template cpdocs can use: give a Word template (.docx) or a "
                                       "stylesheet (.css)")
    for p in (docx, css):
        if p is not None and not p.is_file():
            raise InputError(p, "no such template file")
    return docx, css


@click.command()
@click.argument("document", type=click.Choice(DOCUMENTS + ("calendar",)), metavar="DOC")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              help="Comma-separated: docx, pdf, html (a calendar is always .ics).")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=Path("."),
              help="Folder to write to (default: the current folder).")
@click.option("--template", type=click.Path(path_type=Path),
              help="Your own Word template (.docx, with a {{p body }} line) or stylesheet (.css).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this cpdocs.toml.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option("--easy-read", is_flag=True, help="chairs-letter: the Easy Read letter and plan, for every parent "
                                               "and carer.")
@click.option("--band", type=click.Choice(BANDS), help="child-pack: the age band's wording to use for every child "
                                                       "(default: each child's age).")
@click.option("--min-age", type=click.IntRange(0, 18), help="child-pack: the youngest age that gets a pack "
                                                            "(default 5, or child_pack_min_age in cpdocs.toml).")
@click.option("--family-name", is_flag=True, help="calendar: name the family in the titles (default: initials).")
def generate(document: str, case: Path, formats: str, outdir: Path, template: Path | None,
             config_file: Path | None, force: bool, easy_read: bool, band: str | None, min_age: int | None,
             family_name: bool) -> None:
    """Write DOC from the case file CASE (YAML or JSON).

    DOC is one of: chairs-letter (one letter for each person it goes to, and an Easy Read one for
    each person whose format is easy-read), core-group-minutes, agency-report, icpc-report,
    rcpc-report, child-pack (the child's own pack: before, my views, after), calendar (the dates
    as an .ics file). Files are named DATE_DOCUMENT_FAMILY[_RECIPIENT].EXT; an existing file is
    never replaced without --force.
    """
    fmts = _formats(formats)
    cfg = config_for(case, config_file)
    docx_template, css = _templates(template, cfg)
    try:
        case_obj = load_case(case)
    except CaseError as exc:
        _fail_case(exc)
        return
    if document == "calendar":
        _write_calendar(case_obj, cfg, outdir, force, family_name)
        return
    rendered = render_document(document, case_obj, cfg, case, easy_read=easy_read, band=band, min_age=min_age)
    if not rendered:
        limit = min_age if min_age is not None else cfg.child_pack_min_age
        click.echo(f"cpdocs: {case}: no child in this case is {limit} or over on the day of the conference, so "
                   "there is no child's pack to write (change the age with --min-age or child_pack_min_age)",
                   err=True)
        return
    for path in write_outputs(rendered, fmts, outdir, force, docx_template, css):
        click.echo(f"wrote {path}")


def _write_calendar(case, cfg: Config, outdir: Path, force: bool, family_name: bool) -> None:
    from cpdocs.generate.ics import case_calendar
    from cpdocs.generate.render import slug

    if outdir.exists() and not outdir.is_dir():
        raise InputError(outdir, "is a file, not a folder")
    path = outdir / f"{case.conference.date.isoformat()}_calendar_{slug(case.surname)}.ics"
    write_whole(path, case_calendar(case, cfg, family_name or None), force)
    click.echo(f"wrote {path}")


@click.command()
@click.argument("report_type", type=click.Choice(REPORT_TYPES), metavar="TYPE")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="File to write: .docx (the default), .pdf, .html or .md. Default: TYPE.docx here.")
@click.option("--template", type=click.Path(path_type=Path),
              help="Your own Word template (.docx) or stylesheet (.css).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this cpdocs.toml.")
@click.option("--force", is_flag=True, help="Replace the file if it already exists.")
def new(report_type: str, output: Path | None, template: Path | None, config_file: Path | None, force: bool) -> None:
    """Write a blank TYPE with every heading the standards require and a prompt under each.

    TYPE is one of: agency-report, icpc-report, rcpc-report, core-group-minutes, chairs-letter.
    """
    output = output or Path(f"{report_type}.docx")
    fmt = NEW_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise click.BadParameter(f"cannot write {output.suffix or 'a file without an extension'}: "
                                 "use .docx, .pdf, .html or .md", param_hint="-o")
    cfg = config_for(output.parent if output.parent.exists() else None, config_file)
    docx_template, css = _templates(template, cfg)
    blank = render_blank(report_type, cfg)
    blank.stem = output.stem
    outdir = output.parent if str(output.parent) else Path(".")
    from cpdocs.generate.render import to_bytes

    if output.exists() and not force:
        raise InputError(output, "already exists; use --force to replace it")
    data = to_bytes(blank, fmt, docx_template, css)
    outdir.mkdir(parents=True, exist_ok=True)
    write_whole(output, data, force)
    click.echo(f"wrote {output}")


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        return _date(value)
    except Exception:
        raise click.BadParameter("not a date (write it as 2025-03-14 or 14/03/2025)") from None


EVENT_OPTIONS = {
    "strategy_discussion": "strategy-discussion",
    "icpc": "icpc",
    "rcpc": "rcpc",
    "core_group": "core-group",
    "pre_birth_conference": "pre-birth-conference",
}
EVENT_WORDS = {
    "strategy-discussion": "Strategy discussion",
    "icpc": "Initial child protection conference",
    "rcpc": "Review child protection conference",
    "core-group": "Core group meeting",
    "pre-birth-conference": "Pre-birth child protection conference",
}


@click.command()
@click.option("--strategy-discussion", callback=_day, metavar="DATE", help="Date of the strategy discussion.")
@click.option("--icpc", callback=_day, metavar="DATE", help="Date of the initial child protection conference.")
@click.option("--rcpc", callback=_day, metavar="DATE", help="Date of a review child protection conference.")
@click.option("--core-group", callback=_day, metavar="DATE", help="Date of a core group meeting.")
@click.option("--pre-birth-conference", callback=_day, metavar="DATE", help="Date of a pre-birth conference.")
@click.option("--birth", callback=_day, metavar="DATE", help="The baby's date of birth (with --pre-birth-conference).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "ics"]), default="text", show_default=True,
              help="text, json, or ics (a calendar file for Outlook; use -o).")
@click.option("--ref", help="ics: a short case reference for the titles, which also keeps two cases' events apart "
                            "(e.g. the children's initials or your case number).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the screen.")
@click.option("--force", is_flag=True, help="Replace the -o file if it exists.")
@click.option("--config", "config_file", type=click.Path(path_type=Path),
              help="Use this cpdocs.toml (its [timescales] and closure_days).")
def deadlines(fmt: str, config_file: Path | None, birth: dt.date | None, ref: str | None, output: Path | None,
              force: bool, **events: dt.date | None) -> None:
    """Work out what is due, and by when, after one event.

    Give exactly one of the event options. Dates are working days: Monday to Friday, not a bank
    holiday in England and Wales, not a closure day in cpdocs.toml.
    """
    given = [(EVENT_OPTIONS[k], v) for k, v in events.items() if v is not None]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --strategy-discussion, --icpc, --rcpc, --core-group, "
                               "--pre-birth-conference")
    event, date = given[0]
    if birth is not None and event != "pre-birth-conference":
        raise click.UsageError("--birth goes with --pre-birth-conference")
    cfg = config_for(None, config_file)
    result = timescales.deadlines(event, date, cfg, birth)
    if fmt == "ics":
        from cpdocs.generate.ics import deadlines_calendar

        data = deadlines_calendar(event, date, cfg, birth, ref)
    elif fmt == "json":
        data = (json.dumps([d.as_json() for d in result], indent=2) + "\n").encode("utf-8")
    else:
        width = max(len(d.event) for d in result)
        lines = [f"{EVENT_WORDS[event]} on {long_date(date)}:"] + [
            f"  {d.due.isoformat()}  {long_date(d.due):<27} {d.event:<{width}}  {d.rule}  [{d.source}]" for d in result]
        data = ("\n".join(lines) + "\n").encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_whole(output, data, force)
    click.echo(f"wrote {output}")


@click.command()
def schema() -> None:
    """Print the JSON Schema of a case file, for other systems that write case files."""
    click.echo(json.dumps(case_schema(), indent=2))
