"""The fuzz targets: every crash they ever found stays fixed, and each target runs briefly in CI.

Each file under fuzz/regressions/TARGET/ is an input that once crashed that target; it is
replayed through the target's own `one_input` (no atheris needed). The short runs give each
target a fixed budget of seconds under atheris, from the seeds, and fail on any crash.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cpdocs.errors import InputError
from cpdocs.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
TARGETS = ["docx", "markdown", "text", "pdf", "case"]
SHORT_RUN_SECONDS = 8


def target(name: str):
    if str(FUZZ) not in sys.path:
        sys.path.insert(0, str(FUZZ))
    return importlib.import_module(f"fuzz_{name}")


REGRESSIONS = sorted(p for p in (FUZZ / "regressions").glob("*/*") if p.is_file())


def test_there_is_a_target_per_reader_and_for_case_files():
    assert sorted(p.stem for p in FUZZ.glob("fuzz_*.py")) == sorted(f"fuzz_{t}" for t in TARGETS)
    assert {p.parent.name for p in REGRESSIONS} <= set(TARGETS)


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_crash_once_found_is_fixed(path: Path):
    target(path.parent.name).one_input(path.read_bytes())


def test_the_harness_calls_a_non_input_error_a_crash():
    harness = target("docx").refuse_plainly
    harness(lambda: (_ for _ in ()).throw(InputError("x.docx", "is damaged")))
    with pytest.raises(ZeroDivisionError):
        harness(lambda: 1 / 0)
    with pytest.raises(AssertionError):
        harness(lambda: (_ for _ in ()).throw(InputError("x.docx", "two\nlines")))


def _docx_with(document_xml: bytes | None = None, styles_xml: bytes | None = None) -> bytes:
    seeds = target("docx").seeds
    body, styles = seeds.docx_parts(seeds.TEMPLATE_DOCX.read_bytes())
    return seeds.wrap_docx(document_xml or body, styles_xml or styles)


def test_a_word_body_in_another_namespace_is_damaged_not_a_crash():
    seeds = target("docx").seeds
    body, _ = seeds.docx_parts(seeds.TEMPLATE_DOCX.read_bytes())
    odd = body.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"urn:not-word", 1)
    with pytest.raises(InputError, match="is damaged"):
        read_document("draft.docx", _docx_with(odd))


@pytest.mark.parametrize("value", ["\u00b2", "9" * 5000, "-1", ""])
def test_a_size_or_outline_level_that_is_no_small_number_is_ignored(value: str):
    """'²' passes str.isdigit() but not int(); 5,000 digits pass both checks but int() refuses them."""
    seeds = target("docx").seeds
    body, styles = seeds.docx_parts(seeds.TEMPLATE_DOCX.read_bytes())
    attr = f'w:val="{value}"'.encode()
    odd_styles = styles.replace(b"<w:rPr>", b"<w:rPr><w:sz " + attr + b"/>", 1).replace(
        b"<w:pPr>", b"<w:pPr><w:outlineLvl " + attr + b"/>", 1)
    odd_body = body.replace(b"<w:pPr>", b"<w:pPr><w:outlineLvl " + attr + b"/>", 1).replace(
        b"<w:rPr>", b"<w:rPr><w:sz " + attr + b"/>", 1)
    plain = read_document("draft.docx", _docx_with())
    odd = read_document("draft.docx", _docx_with(odd_body, odd_styles))
    assert [b.text for b in odd.blocks] == [b.text for b in plain.blocks]


def _atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _atheris(), reason="atheris is not installed (Linux x86-64 wheels only)")
@pytest.mark.parametrize("name", TARGETS)
def test_a_short_fuzz_run_finds_no_crash(name: str, tmp_path: Path):
    corpus, crashes = tmp_path / "corpus", tmp_path / "crashes"
    crashes.mkdir()
    r = subprocess.run(
        [sys.executable, str(FUZZ / f"fuzz_{name}.py"), str(corpus), f"-max_total_time={SHORT_RUN_SECONDS}",
         "-timeout=30", "-rss_limit_mb=2048", f"-artifact_prefix={crashes}/", "-print_final_stats=1"],
        capture_output=True, text=True, timeout=600, cwd=FUZZ, env={**os.environ, "PYTHONHASHSEED": "0"})
    tail = r.stderr[-3000:]
    assert r.returncode == 0, tail
    assert not list(crashes.iterdir()), tail
    executed = [line for line in r.stderr.splitlines() if line.startswith("stat::number_of_executed_units")]
    assert executed and int(executed[0].split(":")[-1]) > len(list(corpus.iterdir())) // 2, tail
