"""'My views': real content controls a child can type into, read back by `cpdocs lint` as the child's voice."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from family_support import packs

from cpdocs.config import Config
from cpdocs.generate.child_pack import BANDS
from cpdocs.generate.render import docx_bytes
from cpdocs.lint.engine import lint_document
from cpdocs.readers import read_document

TYPED = {
    "5-7": {"good-things": "I like my bedroom and my cat.", "worries": "I do not like it when Mum shouts.",
            "dreams": "I want to go to the park with Dad."},
    "8-12": {"going-well": "School is better now.", "worries": "I get scared when there is no food.",
             "wishes": "I want to stay with Dad at weekends and I want Mum to get help."},
    "13+": {"going-well": "Things at home are calmer.", "worries": "I worry Craig will come back.",
            "wishes": "I want the plan to end after Christmas and to see Dad more."},
}


def my_views(band: str) -> bytes:
    r = next(x for x in packs("review-bennett", band) if x.document == "child-pack-my-views")
    return docx_bytes(r)


def controls(data: bytes) -> dict[str, object]:
    doc = open_docx(io.BytesIO(data))
    out = {}
    for sdt in doc.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        out[tag.get(qn("w:val"))] = sdt
    return out


def fill(data: bytes, answers: dict[str, str]) -> bytes:
    """Type into the content controls as Word does: a run of text in the control's paragraph."""
    doc = open_docx(io.BytesIO(data))
    for sdt in doc.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val"))
        if tag in answers:
            p = sdt.find(f"{qn('w:sdtContent')}/{qn('w:p')}")
            run = p.makeelement(qn("w:r"), {})
            text = run.makeelement(qn("w:t"), {})
            text.text = answers[tag]
            run.append(text)
            p.append(run)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def child_voice_missing(data: bytes) -> bool:
    result = lint_document(read_document("my-views.docx", data), Config(select=["CPD701"]), "agency-report")
    return "child-voice" in [f.text for f in result.findings]


@pytest.mark.parametrize("band", BANDS)
def test_the_boxes_are_content_controls_with_a_title_and_a_tag(band):
    found = controls(my_views(band))
    assert set(TYPED[band]) <= set(found)
    for tag, sdt in found.items():
        pr = sdt.find(qn("w:sdtPr"))
        assert pr.find(qn("w:alias")).get(qn("w:val")), tag  # Word shows the title on the control
        assert pr.find(qn("w:lock")).get(qn("w:val")) == "sdtLocked"  # emptying it does not delete the box
        assert pr.find(qn("w:showingPlcHdr")) is None  # no placeholder text to be mistaken for an answer


@pytest.mark.parametrize("band", BANDS)
def test_what_the_child_types_is_read_back_as_the_childs_voice(band):
    blank = my_views(band)
    assert child_voice_missing(blank)  # an empty form is not the child's views
    filled = fill(blank, TYPED[band])
    document = read_document("my-views.docx", filled)
    for words in TYPED[band].values():
        assert words in document.body_text  # the Word reader reads inside w:sdt
    assert not child_voice_missing(filled)


def test_one_answer_is_enough_and_it_is_the_answer_that_counts():
    blank = my_views("8-12")
    assert not child_voice_missing(fill(blank, {"wishes": "I want to see Dad more."}))
    assert child_voice_missing(fill(blank, {}))
