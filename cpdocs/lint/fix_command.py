"""`cpdocs fix`: parse options, make the suggested copy (cpdocs.lint.fixer), write it or print the diff."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cpdocs.config import config_for
from cpdocs.errors import InputError, fault
from cpdocs.files import write_whole
from cpdocs.lint.commands import split_codes
from cpdocs.readers import read_bytes
from cpdocs.standards import REPORT_TYPES


def default_copy_path(path: str) -> Path:
    """draft.docx -> draft.suggested.docx beside it (draft.md -> draft.suggested.md)."""
    p = Path(path)
    return p.with_name(f"{p.stem}.suggested{p.suffix}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command("fix")
@click.argument("path")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the copy [default: DRAFT.suggested.docx beside the draft].")
@click.option("--select", default=None, help="Only these rules: codes, names or categories, comma-separated.")
@click.option("--ignore", default=None, help="Leave out these rules: codes, names or categories, comma-separated.")
@click.option("--author", default="cpdocs", show_default=True, help="The name Word shows on each suggested change.")
@click.option("--diff", is_flag=True, help="Print the changes as a unified diff of the text and write nothing.")
@click.option("--glossary", is_flag=True,
              help="Add a table of the acronyms and terms the draft uses, with their plain meanings, at the end.")
@click.option("--type", "report_type", type=click.Choice(REPORT_TYPES), default=None,
              help="The report type, when it should not be worked out from the draft.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A cpdocs.toml to use instead of the one found next to the draft.")
@click.option("--force", is_flag=True, help="Replace the copy if it already exists.")
def fix(path, output, select, ignore, author, diff, glossary, report_type, config_file, force):
    """Write a copy of a draft with each safe suggestion as a change to accept or reject.

    In a Word draft the suggestions are tracked changes (an acronym written out at its first use, a
    term swapped for the plain words the word list says mean the same) and every other finding is a
    comment. Markdown and text drafts get the changes made in the copy. The draft is never changed.
    Exit code: 0 the copy was written (with --diff: 0 nothing to change, 1 changes shown), 2 bad input.
    """
    from cpdocs.lint.fixer import fix_draft, unified_diff

    if path == "-":
        raise InputError(path, "cpdocs fix needs a file: it writes a copy beside it (or use --diff with a file)")
    author = " ".join(author.split())[:100] or "cpdocs"
    target = output if output is not None else default_copy_path(path)
    data = read_bytes(path)
    if not diff and target.exists() and not force:
        raise InputError(target, "already exists; use --force to replace it")
    config = config_for(Path(path), config_file)
    config.select = split_codes(select) or config.select
    config.ignore = config.ignore + split_codes(ignore)
    try:
        outcome = fix_draft(path, data, config, report_type, author=author, glossary=glossary)
    except InputError:
        raise
    except Exception as exc:  # a fault in cpdocs itself: one plain line, as for lint, never a half-written copy
        if os.environ.get("CPDOCS_DEBUG"):
            raise
        raise InputError(path, fault(exc, "fixed")) from None
    if diff:
        text = unified_diff(outcome, path)
        click.echo(text, nl=False)
        sys.exit(1 if text else 0)
    write_whole(target, outcome.copy, force, source=path)
    made = _plural(len(outcome.edits), "suggested change")
    extra = f" and a glossary of {_plural(len(outcome.glossary), 'word')}" if outcome.glossary else ""
    if outcome.kind == "docx":
        click.echo(f"cpdocs: wrote {target}: {made} to accept or reject{extra}, "
                   f"{_plural(outcome.comments, 'comment')}", err=True)
    else:
        left = len(outcome.result.findings) - len(outcome.edits)
        click.echo(f"cpdocs: wrote {target} with {made} made{extra}; {_plural(left, 'finding')} need you "
                   f"(cpdocs lint {target} lists them)", err=True)
    if outcome.held:
        click.echo(f"cpdocs: {_plural(len(outcome.held), 'suggestion')} left to you, each with the reason "
                   f"{'in its comment' if outcome.kind == 'docx' else 'below'}", err=True)
        if outcome.kind != "docx":
            for f in outcome.result.findings:
                if id(f) in outcome.held:
                    click.echo(f"  {f.rule} \"{f.text}\" -> \"{f.replacement}\": "
                               f"{outcome.held[id(f)].removeprefix('cpdocs did not make this change for you: ')}",
                               err=True)
