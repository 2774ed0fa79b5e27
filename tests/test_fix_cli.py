"""`cpdocs fix` from the command line: the copy, --diff, --select/--ignore, --author, --glossary, bad
input; and Markdown and text drafts, whose copies get the same changes made in their own text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DRAFTS, lint_md
from tracked_support import W, reject, revisions

from cpdocs.cli import cli
from cpdocs.config import Config
from cpdocs.lint.fixer import GLOSSARY_HEADING, fix_draft
from cpdocs.readers import read_document

MD = """# Health Visitor Report to Initial Child Protection Conference

## Health visiting involvement

I have been Mason's named HV since January 2024. Ms Reid was referred to **CAMHS** in May and asked
for respite in June. Mum to engage with services ongoing.

## Plan

| Action | Who | When |
|---|---|---|
| Poppy has supervised contact with her father | SW | ongoing |
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["fix", *args])


@pytest.fixture
def word(tmp_path: Path) -> Path:
    p = tmp_path / "example-agency-report.docx"
    p.write_bytes((DRAFTS / "example-agency-report.docx").read_bytes())
    return p


def test_the_copy_is_written_beside_the_draft_and_the_draft_is_never_touched(word: Path):
    before = word.read_bytes()
    r = run(str(word))
    assert r.exit_code == 0, r.output
    copy = word.with_name("example-agency-report.suggested.docx")
    assert copy.exists() and word.read_bytes() == before
    assert "suggested change" in r.output and "comment" in r.output
    assert [a for _, _, a in revisions(copy.read_bytes())].count("cpdocs") >= 3
    first = copy.read_bytes()
    r = run(str(word))  # not replaced without --force
    assert r.exit_code == 2 and "already exists" in r.output and "--force" in r.output
    assert copy.read_bytes() == first
    assert run(str(word), "--force").exit_code == 0
    r = run(str(word), "-o", str(word), "--force")
    assert r.exit_code == 2 and "never writes over a draft" in r.output
    assert word.read_bytes() == before


def test_diff_prints_the_changes_and_writes_nothing(word: Path):
    r = run(str(word), "--diff")
    assert r.exit_code == 1  # like ruff --diff: there are changes
    assert r.output.startswith(f"--- {word}\n+++ {word} (suggested)\n")
    assert "-I have been Mason's named HV since" in r.output
    assert "+I have been Mason's named health visitor (HV) since" in r.output
    assert not word.with_name("example-agency-report.suggested.docx").exists()
    assert list(word.parent.iterdir()) == [word]


def test_diff_of_a_draft_with_nothing_to_change_is_empty(tmp_path: Path):
    p = tmp_path / "clean.md"
    p.write_text("# Agency report\n\nPoppy was seen at home on 3 May 2025 and was happy.\n", encoding="utf-8")
    r = run(str(p), "--diff")
    assert r.exit_code == 0 and r.output == ""


def test_select_and_ignore_choose_the_rules(word: Path, tmp_path: Path):
    only = fix_draft(str(word), word.read_bytes(), _config(select=["CPD302"]))
    assert only.edits and {f.rule for f in only.result.findings} == {"CPD302"}
    none = fix_draft(str(word), word.read_bytes(), _config(ignore=["CPD302"]))
    assert not [e for e in none.edits if e.finding.rule == "CPD302"]
    assert not [f for f in none.result.findings if f.rule == "CPD302"]
    r = run(str(word), "--ignore", "jargon", "--diff")
    assert r.exit_code == 0 and r.output == ""


def _config(select=(), ignore=()) -> Config:
    c = Config()
    c.select, c.ignore = list(select), list(ignore)
    return c


def test_author_names_every_change(word: Path, tmp_path: Path):
    out = tmp_path / "out.docx"
    assert run(str(word), "--author", "Amy  Cartwright", "-o", str(out)).exit_code == 0
    authors = {a for _, _, a in revisions(out.read_bytes())}
    assert authors == {"Amy Cartwright"}


def test_glossary_is_added_for_word_markdown_and_text(word: Path, tmp_path: Path):
    out = tmp_path / "g.docx"
    r = run(str(word), "--glossary", "-o", str(out))
    assert r.exit_code == 0 and "glossary" in r.output
    texts = [b.text for b in read_document("g.docx", out.read_bytes()).blocks]
    assert GLOSSARY_HEADING in texts and "EPDS" in texts
    assert GLOSSARY_HEADING not in [b.text for b in read_document("g.docx", reject(out.read_bytes())).blocks]
    md = tmp_path / "draft.md"
    md.write_text(MD, encoding="utf-8")
    assert run(str(md), "--glossary").exit_code == 0
    copy = (tmp_path / "draft.suggested.md").read_text(encoding="utf-8")
    assert f"## {GLOSSARY_HEADING}" in copy and "| CAMHS | Child and Adolescent Mental Health Services |" in copy


def test_markdown_gets_the_changes_made_in_its_own_text(tmp_path: Path):
    md = tmp_path / "draft.md"
    md.write_text(MD, encoding="utf-8")
    r = run(str(md))
    assert r.exit_code == 0, r.output
    copy = (tmp_path / "draft.suggested.md").read_text(encoding="utf-8")
    assert "named health visitor (HV) since" in copy
    assert "**Child and Adolescent Mental Health Services (CAMHS)**" in copy  # inside the bold marks
    assert "asked\nfor short break care in June" in copy  # the line break where it was
    assert "| Poppy has supervised family time with her father | SW | ongoing |" in copy  # in its table cell
    assert "engage with services ongoing" in copy  # vague wording is never rewritten
    assert md.read_text(encoding="utf-8") == MD
    # the copy lints with none of the fixed findings and nothing new
    before = lint_md(MD)
    after = lint_md(copy)
    fixed = {"HV", "CAMHS", "respite", "contact"}
    assert not [f for f in after.findings if f.text in fixed]
    assert {(f.rule, f.location.block) for f in after.findings} <= {(f.rule, f.location.block) for f in before.findings}


def test_words_split_by_markdown_formatting_are_left_to_the_author(tmp_path: Path):
    md = tmp_path / "draft.md"
    md.write_text("# Agency report\n\nMum was referred to CA**MHS** on 3 May 2025.\n", encoding="utf-8")
    outcome = fix_draft(str(md), md.read_bytes(), Config())
    assert outcome.edits == [] and "split by formatting" in next(iter(outcome.held.values()))
    r = run(str(md))
    assert r.exit_code == 0 and "left to you" in r.output and "split by formatting" in r.output


def test_text_drafts_get_the_same_changes(tmp_path: Path):
    txt = tmp_path / "draft.txt"
    txt.write_text("Agency report\n\nReason for the report\n\nMum was referred to CAMHS on 3 May 2025. She asked "
                   "for respite.\n", encoding="utf-8")
    r = run(str(txt), "--diff")
    assert r.exit_code == 1
    assert "+Mum was referred to Child and Adolescent Mental Health Services (CAMHS) on 3 May 2025. She asked " \
           "for short break care." in r.output
    assert run(str(txt)).exit_code == 0
    assert "(CAMHS)" in (tmp_path / "draft.suggested.txt").read_text(encoding="utf-8")


def test_the_fixture_markdown_drafts_hold_up():
    for path in sorted(DRAFTS.glob("*.md")):
        data = path.read_bytes()
        outcome = fix_draft(str(path), data, Config())
        before = lint_md(data.decode("utf-8"), path=path.name)
        after = lint_md(outcome.copy.decode("utf-8"), path=path.name)
        assert len(after.findings) <= len(before.findings) - len(outcome.edits), path.name
        assert {(f.rule, f.location.block) for f in after.findings} <= \
            {(f.rule, f.location.block) for f in before.findings}, path.name


@pytest.mark.parametrize("name, content, problem", [
    ("draft.pdf", b"%PDF-1.4\n%...", "is a PDF"),
    ("draft.docx", b"not a zip", "not a Word document"),
    ("missing.docx", None, "no such file"),
])
def test_bad_input_is_one_plain_line_and_no_copy(tmp_path: Path, name, content, problem):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    r = run(str(p))
    assert r.exit_code == 2
    assert problem in r.output and "Traceback" not in r.output
    assert [q.name for q in tmp_path.iterdir()] == ([name] if content is not None else [])


def test_standard_input_is_refused_plainly():
    r = run("-")
    assert r.exit_code == 2 and "needs a file" in r.output


def test_a_word_copy_opens_and_its_revisions_are_wellformed(word: Path):
    run(str(word))
    copy = word.with_name("example-agency-report.suggested.docx").read_bytes()
    from docx import Document

    assert Document(io.BytesIO(copy)).paragraphs
    xml = zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml")
    assert W[1:-1].encode() in xml and b'w:author="cpdocs"' in xml


def test_an_audit_leaves_out_the_suggested_copies(word: Path):
    from cpdocs.audit import find_drafts

    md = word.parent / "minutes.md"
    md.write_text(MD, encoding="utf-8")
    assert run(str(word)).exit_code == 0 and run(str(md)).exit_code == 0
    assert sorted(p.name for p in word.parent.iterdir()) == [
        "example-agency-report.docx", "example-agency-report.suggested.docx", "minutes.md", "minutes.suggested.md"]
    assert [p.name for p in find_drafts(word.parent)] == ["example-agency-report.docx", "minutes.md"]


def test_a_fault_in_cpdocs_is_one_plain_line_and_no_copy(word: Path, monkeypatch):
    import cpdocs.lint.fixer as fixer

    def broken(*args, **kwargs):
        raise KeyError("a draft's words must never appear in the message")

    monkeypatch.setattr(fixer, "fix_draft", broken)
    monkeypatch.delenv("CPDOCS_DEBUG", raising=False)
    r = run(str(word))
    assert r.exit_code == 2
    assert "fault in cpdocs (KeyError)" in r.output and "never appear" not in r.output and "Traceback" not in r.output
    assert not word.with_name("example-agency-report.suggested.docx").exists()
