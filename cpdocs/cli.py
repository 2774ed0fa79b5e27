"""The command line: parse, call the library, print, set the exit code. No logic lives here."""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
import threading

import click

from cpdocs import __version__
from cpdocs.errors import InputError

# Each command lives in its own module and is imported only when it runs, so `cpdocs lint`
# does not wait for the web server or the PDF renderer to load, and `cpdocs --help` lists them
# from SUMMARIES (each command's own first line, checked by the tests) without importing any.
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


SUMMARIES = {
    "lint": "Check draft reports against the standards.",
    "rules": "List every rule, or explain one (by code or name): what, why, the standard, examples.",
    "fix": "Write a copy of a draft with each safe suggestion as a change to accept or reject.",
    "audit": "Check every draft (.docx, .pdf, .md, .txt) in FOLDER and its subfolders.",
    "generate": "Write DOC from the case file CASE (YAML or JSON).",
    "new": "Write a blank TYPE with every heading the standards require and a prompt under each.",
    "deadlines": "Work out what is due, and by when, after one event.",
    "schema": "Print the JSON Schema of a case file, for other systems that write case files.",
    "serve": "Start cpdocs as a page in your web browser, on this computer.",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        with formatter.section("Commands"):
            formatter.write_dl([(n, self._summary(ctx, n, limit)) for n in names])

    def _summary(self, ctx: click.Context, name: str, limit: int) -> str:
        if name in SUMMARIES:
            return click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)
        command = self.get_command(ctx, name)  # a command not in SUMMARIES yet: import it
        return command.get_short_help_str(limit) if command is not None else ""

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


# Start-up makes some half a million objects that live as long as the process (spaCy, the model, the
# rules' data). Python's cycle collector, run after every 700 new objects by default, walks them over
# and over: 0.15 s of a cold `cpdocs lint` on one draft. Run after every 50,000 instead, it runs a
# handful of times; what it frees is no later than a few MB of garbage, and memory is unchanged.
GC_THRESHOLDS = (50_000, 20, 20)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        cli()  # click ends with SystemExit, carrying the exit code
    except SystemExit as done:
        leave(done.code)
        raise


def leave(code) -> None:
    """End the process now that the work is done, without taking the interpreter apart first.

    A normal exit frees every object one by one (spaCy, the model, the rules' data, half a million
    in all) and unloads every module: 0.2-0.3 s of a cold `cpdocs lint` on one draft, after the
    answer is already printed. Here the exit handlers run (temporary folders are removed, worker
    processes are ended, logs are flushed), the output is flushed, and the process ends. Returns
    instead, for the normal exit, when another thread is still at work (a normal exit waits for
    it), when the code is not a number, or when the output cannot be flushed (a closed pipe), so
    that Python reports that as it always does. Every file cpdocs writes is complete and closed
    before the command returns, so none is cut short.
    """
    if code is None:
        code = 0
    if not isinstance(code, int) or any(t.is_alive() and not t.daemon for t in threading.enumerate()
                                        if t is not threading.main_thread()):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


