"""The cache folder: whole files or none, damage and read-only folders are misses, never errors; the
matchers, word lists and rules' documentation kept there hold only cpdocs' own data."""

from __future__ import annotations

import json
import os
import stat

import pytest
from helpers import DRAFTS

from cpdocs import cache, regex_cache
from cpdocs.config import Config
from cpdocs.lint import catalogue, matcher_data, wordlists
from cpdocs.lint.engine import lint_file
from cpdocs.lint.rules import all_rules


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CPDOCS_CACHE_DIR", str(folder))
    return folder


def test_written_whole_and_read_back_by_its_key(cache_dir):
    key = cache.digest("test", [1, 2])
    assert cache.read("test", key) is None
    assert cache.write("test", key, {"a": [1, "b"]})
    assert cache.read("test", key) == {"a": [1, "b"]}
    assert cache.read("test", cache.digest("test", [1, 3])) is None  # another key misses
    assert [p.name for p in cache_dir.iterdir()] == [f"test-{key[:40]}.json"]  # no temporary file left


def test_damaged_or_foreign_files_are_misses(cache_dir):
    key = cache.digest("test", "x")
    cache.write("test", key, [1])
    path = next(cache_dir.iterdir())
    path.write_text('{"key": "' + key + '", "data": [1', encoding="utf-8")  # cut short
    assert cache.read("test", key) is None
    path.write_text(json.dumps({"key": "another", "data": [1]}), encoding="utf-8")
    assert cache.read("test", key) is None
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert cache.read("test", key) is None


def test_marshal_keeps_tuples_and_refuses_damage(cache_dir):
    key = cache.digest("test", "m")
    data = {("a", 1): (2, [3], None, b"x")}
    assert cache.write("test", key, data, fmt="marshal")
    assert cache.read("test", key, fmt="marshal") == data
    assert cache.read("test", key) is None  # the JSON file of that key is another file
    path = cache_dir / f"test-{key[:40]}.marshal"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])  # cut short
    assert cache.read("test", key, fmt="marshal") is None
    path.write_bytes(b"\x00garbage")
    assert cache.read("test", key, fmt="marshal") is None
    assert not cache.write("test", key, {"when": object()}, fmt="marshal")  # not a built-in type


def test_data_json_cannot_hold_leaves_nothing_behind(cache_dir):
    assert not cache.write("test", cache.digest("test"), {"when": object()})
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_folder_is_no_error(cache_dir):
    cache_dir.mkdir()
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert not cache.write("test", cache.digest("test"), [1])
        assert cache.read("test", cache.digest("test")) is None
    finally:
        cache_dir.chmod(stat.S_IRWXU)


def test_a_folder_that_is_a_file_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CPDOCS_CACHE_DIR", str(blocker))
    assert not cache.write("test", cache.digest("test"), [1])
    assert cache.read("test", cache.digest("test")) is None


def test_an_empty_setting_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("CPDOCS_CACHE_DIR", "")
    assert cache.folder() is None
    assert not cache.write("test", cache.digest("test"), [1])


def test_phrases_come_from_the_cache_and_are_rebuilt_when_damaged(cache_dir, monkeypatch):
    from cpdocs.nlp import load_model

    nlp = load_model()
    plain = [e for e in wordlists.load_wordlists(Config()).vague if e.pattern is None]
    built = matcher_data.phrase_data(nlp, plain)
    assert any(p.lemmas for p in built) and all(p.words for p in built)

    def fail(*_):
        raise AssertionError("computed again although cached")

    with monkeypatch.context() as m:
        m.setattr(matcher_data, "_compute", fail)
        assert matcher_data.phrase_data(nlp, plain) == built
    for path in cache_dir.glob("phrases-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["data"][0][0] = 7  # a word that is not a string
        path.write_text(json.dumps(data), encoding="utf-8")
    assert matcher_data.phrase_data(nlp, plain) == built


def test_the_authoritys_extras_are_part_of_the_key(cache_dir, monkeypatch):
    monkeypatch.setattr(wordlists, "_load", wordlists._load.__wrapped__)  # past the in-process cache
    base = wordlists.load_wordlists(Config())
    extra = wordlists.load_wordlists(Config(extra_jargon={"hub meeting": "a meeting of the team"}))
    assert "hub meeting" in {e.key for e in extra.jargon} and "hub meeting" not in {e.key for e in base.jargon}
    assert len(list(cache_dir.glob("wordlists-*.json"))) == 2


def test_cached_word_lists_are_the_lists_built_from_the_yaml(cache_dir, monkeypatch):
    built = wordlists._build((), (), (), (), ())
    monkeypatch.setattr(wordlists, "_load", wordlists._load.__wrapped__)  # past the in-process cache
    wordlists.load_wordlists(Config())  # writes the file
    monkeypatch.setattr(wordlists, "_build", lambda *a: pytest.fail("built again although cached"))
    cached = wordlists.load_wordlists(Config())
    assert cached == built
    for name in wordlists.LISTS:
        for a, b in zip(getattr(cached, name), getattr(built, name), strict=True):
            assert (a.needs, a.extra) == (b.needs, b.extra)


def test_no_word_of_a_draft_reaches_the_cache(cache_dir, tmp_path):
    draft = tmp_path / "draft.md"
    text = (DRAFTS / "example-agency-report.md").read_text(encoding="utf-8")
    draft.write_text(text + "\n\nMs Quillfeather-Zanwick said Ozymandiaz is ongoing.\n", encoding="utf-8")
    result = lint_file(draft, config=Config(extra_jargon={"hub meeting": "a team meeting"}))
    assert result.findings
    files = list(cache_dir.iterdir())
    assert files
    for path in files:  # JSON, and the compiled expressions (marshal, which writes text as UTF-8)
        body = path.read_bytes()
        assert b"Quillfeather" not in body and b"Ozymandiaz" not in body


def test_rules_documentation_matches_the_rules_and_follows_their_source(cache_dir, monkeypatch):
    live = [r.info for r in all_rules()]
    assert [i.__dict__ for i in catalogue.rule_infos()] == [i.__dict__ for i in live]
    stamp = catalogue._stamp()
    monkeypatch.setattr(catalogue, "_stamp", lambda: [*stamp, "rules/new.py:1:1"])
    for path in cache_dir.glob("rules-*.json"):
        path.write_text(json.dumps({"key": "x", "data": []}), encoding="utf-8")
    assert [i.__dict__ for i in catalogue.rule_infos()] == [i.__dict__ for i in live]
    assert len(list(cache_dir.glob("rules-*.json"))) == 2  # a new source, a new copy
    assert catalogue.info_by_code("cpd101").name == "vague-wording"
    assert catalogue.info_by_code("jargon").code == "CPD301"
    assert catalogue.info_by_code("CPD999") is None


def test_patterns_from_cached_parts_are_the_compiled_patterns(cache_dir, monkeypatch):
    import re

    monkeypatch.setattr(wordlists, "_load", wordlists._load.__wrapped__)
    wordlists.load_wordlists(Config())
    cached = wordlists.load_wordlists(Config())
    text = (DRAFTS / "example-agency-report.md").read_text(encoding="utf-8") + \
        " section 47 enquiries; a naïve plan; G2P1; explore options further; it was naive"
    patterns = [e.pattern for name in wordlists.LISTS for e in getattr(cached, name) if e.pattern is not None]
    assert patterns and all(p.parts for p in patterns)
    for p in patterns:
        fresh = re.compile(p.pattern, p.flags)
        got = p.compiled()
        assert (got.pattern, got.flags, got.groups, got.groupindex) == \
            (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_damaged_parts_compile_as_usual():
    good = regex_cache.compiled_parts(r"\bnaive\b", 2)
    broken = wordlists.LazyPattern(r"\bnaive\b", 2, [good[0], [999999, 1, 2], *good[2:]])
    assert broken.compiled().search("So NAIVE.").group() == "NAIVE"
    assert wordlists.LazyPattern(r"\bnaive\b", 2, ["not", "parts"]).compiled().search("naive")


def test_bank_holidays_are_the_packages_in_and_beyond_the_cached_years(cache_dir, monkeypatch):
    import datetime as dt

    import holidays

    from cpdocs import bank_holidays as bh

    monkeypatch.setattr(bh, "bank_holidays", bh.bank_holidays.__wrapped__)
    package = holidays.country_holidays("GB", subdiv="ENG")
    for attempt in ("built", "cached", "damaged"):
        if attempt == "damaged":
            for path in cache_dir.glob("bank-holidays-*.json"):
                path.write_text(json.dumps({"key": path.stem, "data": {"2025-13-40": 1}}), encoding="utf-8")
        calendar = bh.bank_holidays()
        day = dt.date(bh.FIRST - 3, 1, 1)
        while day.year <= bh.LAST + 3:
            assert (day in calendar, calendar.get(day)) == (day in package, package.get(day)), (attempt, day)
            day += dt.timedelta(days=1)
    assert dt.datetime(2025, 12, 25, 9, 30) in calendar and calendar.get(dt.date(2025, 4, 18)) == "Good Friday"
    assert len(list(cache_dir.glob("bank-holidays-*.json"))) == 1
