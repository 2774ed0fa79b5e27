"""What every fuzz target shares: the one rule a crash breaks, and how a target is run.

A reader may refuse any input, but only with an `InputError` whose message is one plain line
naming the file: that is what the user sees. Any other exception is a crash, and so is a
refusal whose message spans several lines (the command line prints it as one). Targets call
only the public doors (`cpdocs.readers.read_document`, `cpdocs.generate.case.load_case`), so
they keep working when the readers' insides are rewritten.

Run a target with atheris (coverage-guided, libFuzzer underneath); coverage is measured in
cpdocs and the parsing libraries (INSTRUMENTED), or with FUZZ_INSTRUMENT=all in everything:

    python fuzz/fuzz_docx.py fuzz/corpus/docx -max_total_time=60

With no corpus folder given, the target makes `fuzz/corpus/NAME` and fills it with seeds
built from the fixtures (see seeds.py). Without atheris installed, `one_input` can still be
called directly, which is how the regression tests replay every crash ever found.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What coverage is measured in: cpdocs and the pure-Python libraries its readers parse with.
INSTRUMENTED = ["cpdocs", "docx", "pdfminer", "pdfplumber", "markdown_it", "mdurl", "yaml"]
EVERYTHING = os.environ.get("FUZZ_INSTRUMENT") == "all"  # the long runs: every Python function loaded


def load(*modules: str, main: bool) -> None:
    """Import the modules a target exercises, instrumented for coverage when the target runs under atheris.

    Only modules imported here, for the first time, are instrumented: that is why neither this
    file nor seeds.py imports cpdocs at the top.
    """
    instrument = main and not EVERYTHING
    if instrument:
        import atheris
    with atheris.instrument_imports(include=INSTRUMENTED) if instrument else nullcontext():
        for name in modules:
            importlib.import_module(name)


def refuse_plainly(fn: Callable[[], object], *, one_line: bool = True) -> None:
    """Call fn; an InputError is a fine answer, anything else raises (a crash for the fuzzer)."""
    from cpdocs.errors import InputError

    try:
        fn()
    except InputError as exc:
        if one_line and "\n" in str(exc):
            raise AssertionError(f"an error message spans several lines: {str(exc)[:200]!r}") from exc


def corpus_dir(name: str, seeds: Callable[[], list[bytes]], argv: list[str]) -> list[str]:
    """argv with a corpus folder (the one given, else fuzz/corpus/NAME), seeded from the fixtures if empty."""
    given = [a for a in argv[1:] if not a.startswith("-")]
    folder = Path(given[0]) if given else HERE / "corpus" / name
    if not folder.is_dir() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(seeds()):
            (folder / f"seed-{i:03d}").write_bytes(seed)
    return argv if given else [argv[0], str(folder), *argv[1:]]


def run(name: str, one_input: Callable[[bytes], None], seeds: Callable[[], list[bytes]]) -> None:
    """Fuzz one_input with atheris (with FUZZ_INSTRUMENT=all, every Python function loaded is instrumented)."""
    import atheris

    logging.disable(logging.WARNING)  # pdfminer warns on every damaged font: noise, not findings
    argv = corpus_dir(name, seeds, list(sys.argv))
    if EVERYTHING:
        atheris.instrument_all()
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
