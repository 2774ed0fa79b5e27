"""`cpdocs lint --format html` and `cpdocs rules --format html`: one safe, self-contained page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from cpdocs.cli import cli
from cpdocs.config import Config
from cpdocs.lint.engine import lint_document
from cpdocs.lint.reporters.html import render, render_handbook, segments
from cpdocs.lint.rules import all_rules
from cpdocs.readers import read_document

HOSTILE = """# Social Work Report to Review Child Protection Conference

## Analysis

Mum said <script>alert("x")</script> & <b>bold</b> <img src=x onerror=alert(1)> were typed in the draft.
It is clear that the DSL will monitor the situation going forward.

## Plan

| Action | Who | When |
|---|---|---|
| Referral to <i>CAMHS</i> | TBC | ongoing |
"""


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def page_for(text: str, path: str = "draft.md") -> tuple[str, object]:
    document = read_document(path, text.encode("utf-8"))
    result = lint_document(document, Config())
    return render([(result, document)]), result


def test_draft_text_is_escaped():
    page, _ = page_for(HOSTILE)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<b>bold" not in page and "<i>CAMHS" not in page
    parser = Collector()
    parser.feed(page)
    assert not [t for t, _ in parser.tags if t in ("script", "img", "iframe", "object", "embed", "link")]
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)


def test_page_is_self_contained():
    page, _ = page_for(HOSTILE)
    assert "<style>" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page


def test_every_finding_is_marked_listed_and_explained():
    page, result = page_for(HOSTILE)
    inline = [i for i, f in enumerate(result.findings, start=1) if f.location.end > f.location.start]
    assert inline
    for n in inline:
        assert f'id="d1-{n}"' in page  # where the words are
        assert f'id="d1-n{n}"' in page  # the explanation
        assert f'href="#d1-{n}"' in page  # the list of findings links to the words
    assert page.count("<mark") >= len(inline)
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_page_is_accessible_in_structure():
    page, _ = page_for(HOSTILE)
    assert '<html lang="en-GB">' in page
    assert 'class="skip" href="#main"' in page
    assert "<main" in page and "<nav" in page
    assert "Reading ease" in page and "Findings by kind" in page
    assert "<table" in page and "<th" in page
    assert 'aria-label="Finding' in page


def test_segments_split_overlapping_findings_without_losing_text():
    class F:
        def __init__(self, n, category="jargon"):
            self.n, self.category, self.label, self.message = n, category, category, "m"

    text = "It is clear that the DSL will monitor it."
    segs = segments(text, [(0, 41, F(1, "evidence")), (21, 24, F(2)), (25, 37, F(3, "vague-action"))])
    assert "".join(s.text for s in segs) == text
    dsl = next(s for s in segs if s.text == "DSL")
    assert dsl.category == "jargon" and dsl.starts == [2]
    assert segs[0].starts == [1]


def test_cli_html_to_file_and_no_overwrite(tmp_path: Path):
    draft = tmp_path / "draft.md"
    draft.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    runner = CliRunner()
    r = runner.invoke(cli, ["lint", str(draft), "--format", "html", "-o", str(out)])
    assert r.exit_code in (0, 1), r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    r = runner.invoke(cli, ["lint", str(draft), "--format", "html", "-o", str(out)])
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(cli, ["lint", str(draft), "--format", "html", "-o", str(out), "--force"])
    assert r.exit_code in (0, 1)


def test_cli_html_shows_a_file_that_cannot_be_read(tmp_path: Path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    good = tmp_path / "good.md"
    good.write_text("# Report\n\nI saw Sam at home on 3 March 2025.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["lint", str(bad), str(good), "--format", "html"])
    assert r.exit_code == 2
    assert "Could not be checked" in r.output and "Traceback" not in r.output


def test_handbook_has_every_rule():
    infos = [r.info for r in all_rules()]
    page = render_handbook(infos)
    for i in infos:
        assert f'id="{i.code}"' in page
        assert i.why.replace("'", "&#39;")[:40] in page or i.why[:20] in page
    r = CliRunner().invoke(cli, ["rules", "--format", "html"])
    assert r.exit_code == 0 and "Instead of" in r.output and "Write" in r.output


def test_handbook_to_file(tmp_path: Path):
    out = tmp_path / "handbook.html"
    runner = CliRunner()
    assert runner.invoke(cli, ["rules", "--format", "html", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").count('class="card rule') == len(all_rules())
    r = runner.invoke(cli, ["rules", "--format", "html", "-o", str(out)])
    assert r.exit_code == 2
