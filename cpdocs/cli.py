"""The command line: parse, call the library, print, set the exit code. No logic lives here."""

from __future__ import annotations

import sys

import click

from cpdocs import __version__
from cpdocs.errors import InputError


class CpdocsGroup(click.Group):
    """Turns every InputError into one plain line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"cpdocs: {exc}", err=True)
            sys.exit(2)


@click.group(cls=CpdocsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cpdocs")
def cli() -> None:
    """Check and write child protection conference documents against the local standards."""


def main() -> None:
    cli()


# --- commands -------------------------------------------------------------------------
# Each command lives in its own module and is registered here. Add a line, do not rewrite.
from cpdocs.lint.commands import lint, rules  # noqa: E402

cli.add_command(lint)
cli.add_command(rules)
from cpdocs.web.command import serve  # noqa: E402

cli.add_command(serve)

from cpdocs.generate.commands import deadlines, generate, new, schema  # noqa: E402

cli.add_command(generate)
cli.add_command(new)
cli.add_command(deadlines)
cli.add_command(schema)

from cpdocs.audit_command import audit  # noqa: E402

cli.add_command(audit)
