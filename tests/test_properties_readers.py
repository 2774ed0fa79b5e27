"""Property-based tests: drafts of random structure never break the readers or the rules.

Hypothesis builds Word, Markdown and text drafts with nested and merged tables, empty and huge
cells, headings everywhere, lists in tables, odd Unicode, right-to-left text, zero-width and
control characters, tracked changes and content controls. For every one:

- reading it gives a Document or one plain InputError line, never another exception;
- every finding's offsets lie inside the block it names;
- linting the same bytes twice gives the same result.

Only the public doors are used (read_document, lint_document), so these tests keep working
when the readers' insides change. `HYPOTHESIS_PROFILE=long pytest tests/test_properties_readers.py`
runs many more examples than CI does.
"""

from __future__ import annotations

import io
import os

from docx import Document as NewDocx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.lint.engine import lint_document
from cpdocs.readers import read_document

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# -- words ------------------------------------------------------------------------------------------

PHRASES = [
    "Mum to engage with services ongoing.", "Referral to CAMHS to be made ASAP.", "The family are chaotic.",
    "It is clear that Ms Reid's drinking is affecting Poppy.", 'Poppy said "Mummy shouts at night".',
    "The health visitor will visit every Tuesday until 14 March 2025.", "LADO, DSL, MASH, CIN, CP plan, PLO.",
    "Mr Dobson did not attend.", "Analysis", "Risks", "Strengths", "What Poppy says", "Plan", "Father",
    "Who", "When", "Action", "by 14/03/2025", "TBC", "Dad", "Chronology: 2 May 2025 school raised a concern.",
]
ODD = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202c", "\u2028", "\u2029", "\u00a0",
    "\u0301", "\U0001f600", "\U0001f469\u200d\U0001f467", "\ufb01", "\u0130", "\u00df", "\u2167",
]
RTL = ["\u0645\u0627\u0645\u0627 \u0641\u064a \u0627\u0644\u0628\u064a\u062a",
       "\u05d0\u05de\u05d0 \u05d1\u05d1\u05d9\u05ea", "\u200fRTL mark\u200f", "\u202bembedded\u202c"]
CONTROL = [chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127)]


def _xml_safe(s: str) -> str:
    """Word files cannot hold most control characters: python-docx refuses them, and so does Word."""
    return "".join(ch for ch in s if ch in "\t\n\r" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"
                                                          and not 0xD800 <= ord(ch) <= 0xDFFF))


words = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(ODD + RTL),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    st.text(st.sampled_from("ab .,;:!?-'\"()[]*_#|\t"), max_size=20),
)
line_text = st.lists(words, min_size=0, max_size=6).map(" ".join)
huge_text = st.integers(200, 1500).map(lambda n: " ".join(PHRASES[i % len(PHRASES)] for i in range(n // 6)))
cell_text = st.one_of(st.just(""), line_text, line_text, huge_text)

# -- Word drafts ------------------------------------------------------------------------------------

leaf_cell = st.one_of(
    cell_text.map(lambda t: ("text", t)),
    st.lists(line_text, min_size=1, max_size=3).map(lambda xs: ("list", xs)),
    line_text.map(lambda t: ("heading", t)),
)


def tables(cells) -> st.SearchStrategy:
    return st.tuples(st.integers(1, 4), st.integers(1, 4), st.lists(cells, min_size=16, max_size=16),
                     st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
                              max_size=2),
                     st.booleans()).map(lambda t: ("table",) + t)


cell = st.recursive(leaf_cell, lambda inner: tables(inner), max_leaves=6)
block = st.one_of(
    st.tuples(st.just("heading"), st.integers(0, 9), line_text),
    st.tuples(st.just("para"), line_text, st.booleans()),
    st.tuples(st.just("bullet"), line_text),
    st.tuples(st.just("tracked"), line_text, line_text, line_text),
    st.tuples(st.just("sdt"), line_text),
    tables(cell),
)
docx_plan = st.lists(block, min_size=1, max_size=10)


def _run(parent, text: str, deleted: bool = False) -> None:
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = _xml_safe(text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    parent.append(r)


def _fill_cell(cell_obj, spec) -> None:
    kind = spec[0]
    if kind == "text":
        cell_obj.text = _xml_safe(spec[1])
    elif kind == "list":
        for t in spec[1]:
            cell_obj.add_paragraph(_xml_safe(t), style="List Bullet")
    elif kind == "heading":
        cell_obj.add_paragraph(_xml_safe(spec[1]), style="Heading 2")
    else:
        _add_table(cell_obj, spec)
        cell_obj.add_paragraph("")  # Word needs a paragraph after a table in a cell


def _add_table(container, spec) -> None:
    _, nrows, ncols, cells, merges, shaded = spec
    table = container.add_table(rows=nrows, cols=ncols)
    for i, row in enumerate(table.rows):
        for j, c in enumerate(row.cells):
            _fill_cell(c, cells[(i * ncols + j) % len(cells)])
    for r0, c0, r1, c1 in merges:
        a = table.cell(min(r0, nrows - 1), min(c0, ncols - 1))
        b = table.cell(min(r1, nrows - 1), min(c1, ncols - 1))
        try:
            a.merge(b)
        except Exception:  # python-docx refuses some merges; a real table would not have them either
            pass
    if shaded and nrows == 1 and ncols == 1:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:fill"), "D9D9D9")
        table.cell(0, 0)._tc.get_or_add_tcPr().append(shd)


def build_docx(plan) -> bytes:
    doc = NewDocx()
    for b in plan:
        kind = b[0]
        if kind == "heading":
            doc.add_heading(_xml_safe(b[2]), level=b[1])
        elif kind == "para":
            p = doc.add_paragraph()
            p.add_run(_xml_safe(b[1])).bold = b[2]
        elif kind == "bullet":
            doc.add_paragraph(_xml_safe(b[1]), style="List Number")
        elif kind == "tracked":
            p = doc.add_paragraph()
            _run(p._p, b[1])
            ins = OxmlElement("w:ins")
            ins.set(qn("w:id"), "1")
            ins.set(qn("w:author"), "Reviewer")
            _run(ins, b[2])
            p._p.append(ins)
            dele = OxmlElement("w:del")
            dele.set(qn("w:id"), "2")
            dele.set(qn("w:author"), "Reviewer")
            _run(dele, b[3], deleted=True)
            _run(dele, b[3])  # w:t inside w:del: not what Word writes, but found in the wild
            p._p.append(dele)
        elif kind == "sdt":
            sdt = OxmlElement("w:sdt")
            content = OxmlElement("w:sdtContent")
            p = OxmlElement("w:p")
            _run(p, b[1])
            content.append(p)
            sdt.append(content)
            doc.element.body.insert(len(doc.element.body) - 1, sdt)
        else:
            _add_table(doc, b)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

# -- Markdown and text drafts -----------------------------------------------------------------------


md_line = st.one_of(
    st.tuples(st.integers(1, 7), line_text).map(lambda t: "#" * t[0] + " " + t[1]),
    line_text.map(lambda t: "- " + t),
    line_text.map(lambda t: "1. " + t),
    line_text.map(lambda t: "  * " + t),
    st.lists(line_text, min_size=1, max_size=4).map(lambda cs: "| " + " | ".join(cs) + " |"),
    st.sampled_from(["|---|---|", "| --- |", "", "", "---", "===", "```", "> ", "<table><tr><td>", "</td></tr>",
                     "<!-- cpdocs: disable=CPD101 -->", "\t\tindented code", "**Analysis**", "__Plan__"]),
    line_text,
    st.sampled_from(CONTROL).map(lambda c: f"text{c}with a control character"),
    huge_text,
)
md_text = st.lists(md_line, min_size=1, max_size=25).map("\n".join)

# -- the properties -------------------------------------------------------------------------------


def check(path: str, data: bytes) -> None:
    """Read and lint twice; offsets inside their blocks; the same result both times."""
    try:
        document = read_document(path, data)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(path)
        return
    first = lint_document(document, Config())
    for f in first.findings:
        loc = f.location
        if loc.end == 0 and loc.start == 0:
            continue  # a finding about the whole draft (a missing section), not words in a block
        assert 0 <= loc.block < len(document.blocks), f
        text = document.blocks[loc.block].text
        assert 0 <= loc.start <= loc.end <= len(text), (f.rule, loc, len(text))
    again = lint_document(read_document(path, data), Config())
    assert again.as_dict() == first.as_dict()


@settings(max_examples=int(settings.default.max_examples * 1.6))
@given(docx_plan)
def test_random_word_drafts_never_break_the_reader_or_the_rules(plan):
    check("draft.docx", build_docx(plan))


@given(md_text)
def test_random_markdown_never_breaks_the_reader_or_the_rules(text):
    check("draft.md", text.encode("utf-8", "surrogatepass"))


@given(md_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_random_text_never_breaks_the_reader_or_the_rules(text, encoding):
    check("draft.txt", text.encode(encoding, "surrogatepass"))


@given(st.binary(max_size=3000), st.sampled_from(["draft.docx", "draft.md", "draft.txt", "draft.pdf", "-"]))
def test_random_bytes_get_a_plain_refusal_or_a_reading(data, path):
    check(path, data)


def test_the_word_builder_makes_what_it_says():
    """The strategies are not empty: a plan with each feature reads back with its words."""
    plan = [("heading", 1, "Analysis"), ("tracked", "Kept", "Inserted", "Deleted"), ("sdt", "In a control"),
            ("table", 2, 2, [("text", "Who"), ("list", ["in a list"]), ("heading", "Cell heading"),
                             ("table", 1, 1, [("text", "nested")] * 16, [], False)] * 4, [(0, 0, 0, 1)], False)]
    doc = read_document("d.docx", build_docx(plan))
    text = " ".join(b.text for b in doc.blocks)
    assert "Analysis" in text and "Kept" in text and "Inserted" in text and "Deleted" not in text
    assert "In a control" in text and "nested" in text and "in a list" in text
