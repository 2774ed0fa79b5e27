"""What a command loads before it answers: `cpdocs rules` and `--version` never import spaCy, and
spaCy is imported without its own command line (typer, weasel, httpx), which cpdocs never uses."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cpdocs.cli import COMMANDS, SUMMARIES, cli

PROBE = """
import sys
from cpdocs.cli import cli
try:
    cli.main({args!r}, standalone_mode=False)
finally:
    print("LOADED", sorted(m for m in ("spacy", "thinc", "numpy", "docx", "holidays") if m in sys.modules),
          file=sys.stderr)
"""


def loaded(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("rules", "CPD301"), ("--help",), ("lint", "--help")])
def test_no_language_model_for_commands_that_need_none(args, tmp_path):
    env = {**os.environ, "CPDOCS_CACHE_DIR": str(tmp_path)}
    loaded(env, *args)  # the first run after an install or a change fills the cache folder
    assert loaded(env, *args) == "LOADED []"


def test_help_lists_each_commands_own_summary():
    for name, target in COMMANDS.items():
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert SUMMARIES[name] == command.help.split("\n\n")[0].strip(), name
    out = CliRunner().invoke(cli, ["--help"]).stdout
    assert all(name in out for name in COMMANDS) and "Check draft reports against the standards." in out


def test_spacy_without_its_command_line():
    code = ("import sys; from cpdocs.nlp import import_spacy; s = import_spacy(); "
            "print(hasattr(s, 'info'), 'spacy.cli' in sys.modules, 'typer' in sys.modules, 'weasel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["True", "False", "False", "False"]
