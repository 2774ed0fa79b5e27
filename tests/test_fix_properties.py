"""Properties of `cpdocs fix` over many generated Word drafts (hypothesis).

Each draft mixes plain sentences with acronyms and terms the rules flag (some with a safe rewrite,
some with two meanings, labels and vague wording that are never rewritten), split into runs at
random places with random bold, some words inside a hyperlink or someone else's tracked insertion,
and a table. For every one: accepting every change and rejecting every change both give documents
Word and cpdocs can open; rejecting gives back the draft's text, block by block; accepting leaves
none of the fixed findings and no new ones.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as OpenDocx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fix_support import assert_holds
from helpers import docx_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tracked_support import accept, reject

from cpdocs.config import Config
from cpdocs.lint.fixer import fix_draft
from cpdocs.readers import read_document

PLAIN = ["Poppy", "was", "seen", "at", "home", "on", "3 May", "and", "Mum", "said", "she", "felt", "better", "the",
         "nursery", "staff", "saw", "her", "smile", "with", "Dad", "every", "Tuesday"]
FLAGGED = ["CAMHS", "the MASH", "an IDVA", "respite", "a genogram", "hypertension", "the PA", "the DSL", "chaotic",
           "ongoing", "supervised contact with her father", "the LADO", "a SGO", "the HV", "dental caries"]

words = st.lists(st.one_of(st.sampled_from(PLAIN), st.sampled_from(FLAGGED)), min_size=3, max_size=14)
sentence = words.map(lambda ws: (" ".join(ws)[:1].upper() + " ".join(ws)[1:] + "."))
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def runs(draw, text: str) -> str:
    """The paragraph's text as runs cut at random places, some bold, one maybe in a hyperlink or in
    someone else's tracked insertion."""
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=4))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if text[a:b]]
    out = []
    for i, piece in enumerate(pieces):
        bold = "<w:rPr><w:b/></w:rPr>" if draw(st.booleans()) else ""
        run = f'<w:r>{bold}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
        wrap = draw(st.sampled_from(["", "", "", "link", "ins"])) if len(pieces) > 1 else ""
        if wrap == "link":
            run = f'<w:hyperlink r:id="rIdX">{run}</w:hyperlink>'
        elif wrap == "ins":
            run = f'<w:ins w:id="{900 + i}" w:author="Sam Patel" w:date="2025-05-01T10:00:00Z">{run}</w:ins>'
        out.append(run)
    return "".join(out)


@st.composite
def drafts(draw) -> bytes:
    paras = draw(st.lists(paragraph, min_size=1, max_size=5))
    xml = [draw(runs(p)) for p in paras]
    cells = draw(st.lists(st.tuples(paragraph, paragraph), max_size=2))

    def build(doc) -> None:
        doc.add_heading("Little Acorns Nursery \u2013 Report for Conference", 1)
        doc.add_heading("What we know", 2)
        sect = doc.element.body[-1]
        for inner in xml:
            sect.addprevious(parse_xml(f"<w:p {nsdecls('w', 'r')}>{inner}</w:p>"))
        if cells:
            table = doc.add_table(rows=len(cells), cols=2)
            for r, (a, b) in enumerate(cells):
                table.cell(r, 0).text, table.cell(r, 1).text = a, b

    return docx_bytes(build)


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drafts(), st.booleans())
def test_accept_all_and_reject_all_on_generated_drafts(data: bytes, glossary: bool):
    outcome = fix_draft("generated.docx", data, Config(), glossary=glossary)
    for version in (accept(outcome.copy), reject(outcome.copy), outcome.copy):
        assert OpenDocx(io.BytesIO(version)).paragraphs is not None  # Word's package opens
        assert read_document("generated.docx", version).blocks
    assert_holds("generated.docx", data, outcome)
    # nothing was changed inside a hyperlink or someone else's insertion
    for e in outcome.edits:
        assert "hyperlink" not in outcome.held.get(id(e.finding), "")
