"""Regular expressions compiled at start-up are kept between runs, and nothing else is."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest

from cpdocs import cache, regex_cache

pytestmark = pytest.mark.skipif(regex_cache._INTERNALS is None, reason="not a CPython with re._compiler")

PATTERNS = [
    (r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\s+(\d{4})", 0),
    (r"^\s*(?:core group|conference)\b.*$", re.I | re.M),
    (r"""(?x) \b (?: ongoing | asap ) \b  # a vague word""", 0),
    (rb"\x00+(?=PK)", 0),
]
TEXTS = ["Seen on 3 May 2025 and 14 June 2026.", "notes\nCore Group on Monday\nCONFERENCE next", "It is ONGOING, asap.",
         b"\x00\x00PK"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own, and the module as a new process finds it."""
    monkeypatch.setenv("CPDOCS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regex_cache, "_kept", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    re.purge()
    yield tmp_path / "cache"
    re.purge()


def _new_process(monkeypatch):
    monkeypatch.setattr(regex_cache, "_kept", None)
    re.purge()


def _behaviour(pattern: re.Pattern, text) -> tuple:
    found = [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]
    return pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex), found


def test_kept_code_compiles_to_the_same_expressions(fresh, monkeypatch):
    with regex_cache.kept():
        first = [_behaviour(re.compile(p, f), t) for (p, f), t in zip(PATTERNS, TEXTS, strict=True)]
    assert [f.suffix for f in fresh.iterdir()] == [".marshal"]
    _new_process(monkeypatch)

    def parse_again(*args):
        raise AssertionError("compiled from the pattern's text, not from the kept code")

    monkeypatch.setattr(regex_cache, "compiled_parts", parse_again)
    with regex_cache.kept():
        again = [_behaviour(re.compile(p, f), t) for (p, f), t in zip(PATTERNS, TEXTS, strict=True)]
    assert again == first
    assert first[0][4][0][2] == {"day": "3", "month": "May"}  # the expressions really matched


def test_python_s_own_compiler_is_back_after_the_block_even_on_error(fresh):
    own = re._compiler.compile
    with pytest.raises(KeyError), regex_cache.kept():
        assert re._compiler.compile is not own
        raise KeyError("a model that will not load")
    assert re._compiler.compile is own


def test_what_is_compiled_outside_the_block_or_by_another_thread_is_not_kept(fresh, monkeypatch):
    re.compile(r"Kayla Brennan-Okafor\b")  # a name from a draft, compiled while linting
    seen_by_other = []

    def other_thread():
        seen_by_other.append(re.compile(r"\bDeclan\s+Moss\b").search("with Declan Moss"))

    with regex_cache.kept():
        re.compile(r"\bstart-up pattern\b")
        t = threading.Thread(target=other_thread)
        t.start()
        t.join()
    assert seen_by_other[0] is not None  # the other thread still compiled and matched as usual
    _new_process(monkeypatch)
    stored = regex_cache._load()
    assert (r"\bstart-up pattern\b", 0) in stored
    assert not any("Kayla" in str(k[0]) or "Declan" in str(k[0]) for k in stored)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None])
def test_a_damaged_cache_is_compiled_round(fresh, monkeypatch, damage):
    with regex_cache.kept():
        re.compile(r"(?P<n>\d+) working days")
    path = next(fresh.iterdir())
    if damage is None:  # readable, but code Python refuses
        key = regex_cache._key()
        cache.write(regex_cache.KIND, key, {(r"(?P<n>\d+) working days", 0): (0, [1, 2, 3], 0, {}, (None,))},
                    fmt="marshal")
    else:
        path.write_bytes(damage)
    _new_process(monkeypatch)
    with regex_cache.kept():
        m = re.compile(r"(?P<n>\d+) working days").search("within 15 working days")
    assert m is not None and m.group("n") == "15"


def test_no_cache_folder_means_python_s_own_compiler(tmp_path, monkeypatch):
    monkeypatch.setenv("CPDOCS_CACHE_DIR", "")
    own = re._compiler.compile
    with regex_cache.kept():
        assert re._compiler.compile is own
        assert re.compile(r"\d+ days").search("10 days")


def test_importing_the_engine_keeps_the_rules_expressions(tmp_path, monkeypatch):
    """Every command that lints imports the engine, so that is where the rules' expressions are kept."""
    monkeypatch.setenv("CPDOCS_CACHE_DIR", str(tmp_path))
    subprocess.run([sys.executable, "-c", "import cpdocs.lint.engine"], check=True)
    stored = cache.read(regex_cache.KIND, regex_cache._key(), fmt="marshal")
    assert isinstance(stored, dict) and len(stored) > 100
