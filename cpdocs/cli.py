"""The command line: parse, call the library, print, set the exit code. No logic lives here."""

from __future__ import annotations

import importlib
import sys

import click

from cpdocs import __version__
from cpdocs.errors import InputError

# Each command lives in its own module and is imported only when it runs, so `cpdocs lint`
# does not wait for the web server or the PDF renderer to load.
COMMANDS = {
    "lint": "cpdocs.lint.commands:lint",
    "rules": "cpdocs.lint.commands:rules",
    "fix": "cpdocs.lint.fix_command:fix",
    "audit": "cpdocs.audit.command:audit",
    "generate": "cpdocs.generate.commands:generate",
    "new": "cpdocs.generate.commands:new",
    "deadlines": "cpdocs.generate.commands:deadlines",
    "schema": "cpdocs.generate.commands:schema",
    "serve": "cpdocs.web.command:serve",
}


class CpdocsGroup(click.Group):
    """Loads commands on demand, and turns every InputError into one plain line and exit code 2,
    never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)

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


