"""The child's pack and the Easy Read letters: measured by cpdocs' own rules, for every fixture case and band.

The figures are the issue's: no jargon or acronym findings; no sentence over 15 words (5-7) or 20
(8-12, 13+, Easy Read); Flesch reading ease at least 80 under 13 and 70 for 13+ and Easy Read;
every plan item with an owner and a date, and as many plan items as the case has actions.
A template change that breaks one of them fails here.
"""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pytest
from family_support import CASES, LIMITS, measure, packs
from helpers import ROOT

from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.generate.case import load_case
from cpdocs.generate.child_pack import BANDS, band_for, render_child_pack
from cpdocs.generate.documents import render_document
from cpdocs.generate.easy_read import render_easy_read
from cpdocs.generate.render import docx_bytes, pdf_bytes

CASE_BANDS = [(p.stem, band) for p in CASES for band in (*BANDS, "easy-read")]


def expected_plan_items(case_name: str, band: str, stem: str) -> int:
    case = load_case(ROOT / "fixtures" / "cases" / f"{case_name}.yaml")
    if band == "easy-read":
        return sum(len(o.actions) for o in case.plan)
    child = next(k for k in case.children if stem.endswith(k.name.lower().replace(" ", "-")))
    return sum(len(o.actions) for o in case.plan if not o.children or child.name in o.children)


@pytest.mark.parametrize(("case_name", "band"), CASE_BANDS)
def test_every_document_meets_the_figures(case_name, band):
    made = packs(case_name, band)
    if case_name == "pre-birth-harper" and band != "easy-read":
        assert made == ()  # nobody there is 5 or over: no pack, and nothing pretends otherwise
        return
    assert made, "no document was made"
    longest_allowed, lowest_ease = LIMITS[band]
    for r in made:
        f = measure(case_name, band, r)
        assert f.jargon == [], f"{r.stem}: jargon or unexplained acronyms {f.jargon}"
        assert f.long_sentences == [] and f.longest <= longest_allowed, f"{r.stem}: {f.long_sentences}"
        assert f.words < 150 or f.flesch >= lowest_ease, f"{r.stem}: reading ease {f.flesch}"
        assert f.no_owner == [] and f.no_date == [], f"{r.stem}: {f.no_owner} {f.no_date}"
        assert f.missing == [], f"{r.stem}: sections missing {f.missing}"
        if r.document in ("child-pack-after", "chairs-letter-easy-read"):
            assert f.plan_items == expected_plan_items(case_name, band, r.stem), r.stem
        else:
            assert f.plan_items == 0


def test_the_measure_can_fail():
    """The same measure on a document with a long sentence, jargon and an action with no owner reports them."""
    made = packs("initial-okafor", "5-7")
    after = next(r for r in made if r.document == "child-pack-after")
    bad = after.body.replace(
        "<h2>My plan</h2>",
        "<h2>My plan</h2><ul><li>Home visit to be arranged.</li></ul>"
        "<p>The strategy discussion agreed that the section 47 enquiry should continue because the threshold "
        "for significant harm was met and the network agreed.</p>")
    assert bad != after.body
    from dataclasses import replace

    f = measure("initial-okafor", "5-7", replace(after, body=bad))
    assert f.long_sentences and f.longest > 15
    assert f.jargon
    assert f.no_owner and f.no_date


def test_each_band_has_its_own_words_not_swapped_words():
    texts = {band: [r.body for r in packs("review-bennett", band)] for band in BANDS}
    for part in range(3):
        a, b, c = (set(texts[band][part].split()) for band in BANDS)
        assert len(a ^ b) > 40 and len(b ^ c) > 40 and len(a ^ c) > 40
    assert "house-good" in texts["5-7"][1] and "house-good" not in texts["8-12"][1]


def test_the_band_follows_the_age_and_can_be_chosen():
    assert [band_for(a) for a in (5, 7, 8, 12, 13, 17)] == ["5-7", "5-7", "8-12", "8-12", "13+", "13+"]
    case = load_case(ROOT / "fixtures" / "cases" / "review-bennett.yaml")  # Skye is 12 on the day
    assert {r.band for r in render_child_pack(case, None)} == {"8-12"}
    case.children[0].for_child.band = "13+"
    assert {r.band for r in render_child_pack(case, None)} == {"13+"}
    assert {r.band for r in render_child_pack(case, None, band="5-7")} == {"5-7"}


def test_only_children_old_enough_get_a_pack():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")  # Amara 8, Tobi 4
    names = {r.stem.rsplit("_", 1)[1] for r in render_child_pack(case, None)}
    assert names == {"amara-okafor"}
    assert render_child_pack(case, Config(child_pack_min_age=9)) == []
    case.children[1].for_child = case.children[0].for_child
    assert {r.stem.rsplit("_", 1)[1] for r in render_child_pack(case, None, min_age=4)} == {"amara-okafor",
                                                                                         "tobi-okafor"}


def test_the_social_workers_words_are_needed_and_the_error_says_where():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    case.children[0].for_child = None
    with pytest.raises(InputError) as err:
        render_child_pack(case, None, "case.yaml")
    assert str(err.value.path) == "case.yaml" and err.value.problem.startswith("children[0].for_child.why:")


def test_the_childs_words_and_names_reach_the_pack():
    made = {r.document: r.body for r in packs("initial-okafor", "8-12")}
    before = made["child-pack-before"]
    assert "Your school and Priya are worried" in before  # the social worker's words for Amara
    assert "Your mum" in before and "Tobi" in before and "complain" in before and "Childline" in before
    after = made["child-pack-after"]
    assert "Priya (your social worker)</strong> will help your mum get food and money" in after
    assert "each day you are absent" in after  # 'each day Amara is absent', said to Amara
    assert "Amara Okafor" not in after


def test_easy_read_comes_for_whoever_needs_it_and_for_everyone_when_asked():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")  # Daniel Mensah: format easy-read
    letters = render_document("chairs-letter", case, None)
    easy = [r.stem for r in letters if r.style == "easy-read"]
    assert easy == ["2025-04-22_chairs-letter-easy-read_okafor_daniel-mensah"]
    assert "2025-04-22_chairs-letter_okafor_daniel-mensah" in [r.stem for r in letters]  # both forms
    everyone = render_document("chairs-letter", case, None, easy_read=True)
    assert [r.stem.rsplit("_", 1)[1] for r in everyone] == ["grace-okafor", "daniel-mensah"]
    with pytest.raises(InputError):
        render_document("core-group-minutes", case, None, easy_read=True)


def test_easy_read_says_you_for_the_reader_and_keeps_the_plan_whole():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    grace = next(r for r in render_easy_read(case, None, everyone=True) if r.stem.endswith("grace-okafor"))
    body = grace.body
    assert "The plan: what you will do" in body
    assert "<strong>You</strong> will take Amara to school by 8:45am each school day" in body
    assert "<strong>You and Sam Patel</strong> will book and attend" in body
    assert "<strong>Priya Shah</strong> will refer Ms Okafor" in body
    assert "Who is who" in body and "<strong>Sam Patel</strong>: health visitor" in body
    assert body.count('data-picture="') >= 20  # a picture beside each point


def test_word_files_are_large_print_with_pictures_and_the_pdf_is_tagged():
    r = packs("initial-okafor", "easy-read")[0]
    data = docx_bytes(r)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        images = [n for n in z.namelist() if n.startswith("word/media/")]
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert len(images) >= 8 and all(n.endswith(".png") for n in images)
    assert 'w:sz w:val="28"' in styles  # Normal is 14 pt
    assert "Picture List" in styles and "<wp:anchor" in body and 'descr="A calendar"' in body
    with pdfplumber.open(io.BytesIO(pdf_bytes(r))) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog and "MarkInfo" in catalog  # tagged
        lang = catalog.get("Lang")
        assert (lang.decode() if isinstance(lang, bytes) else str(lang)) == "en-GB"
        assert pdf.metadata["Title"].startswith("Easy Read letter to Grace Okafor")
        figures = [n for n in _nodes(pdf.pages[0].structure_tree) if n.get("type") == "Figure"]
    assert figures and all(f.get("alt_text") for f in figures)  # each picture described
    assert "A letter in an envelope" in [f["alt_text"] for f in figures]


def _nodes(tree):
    for n in tree:
        yield n
        yield from _nodes(n.get("children", []))


def test_an_authoritys_own_word_template_does_not_shrink_easy_read(tmp_path):
    from cpdocs.templates.build_docx_templates import build

    ours = build(tmp_path / "ours.docx")
    r = packs("initial-okafor", "easy-read")[0]
    with zipfile.ZipFile(io.BytesIO(docx_bytes(r, ours))) as z:
        assert 'w:sz w:val="28"' in z.read("word/styles.xml").decode()


def test_the_committed_large_print_template_is_what_the_script_builds(tmp_path):
    from cpdocs.templates.build_docx_templates import build

    built = build(tmp_path / "easy-read.docx", large=True).read_bytes()
    assert built == (ROOT / "cpdocs" / "templates" / "easy-read.docx").read_bytes(), (
        "run: python cpdocs/templates/build_docx_templates.py, and commit easy-read.docx")


@pytest.mark.parametrize("band", BANDS)
def test_pdf_of_each_band_is_tagged_with_its_title(band):
    r = next(x for x in packs("review-bennett", band) if x.document == "child-pack-before")
    with pdfplumber.open(io.BytesIO(pdf_bytes(r))) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog
        assert pdf.metadata["Title"] == "For Skye: about the meeting on Wednesday 3 December 2025"
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "Skye" in text and "Childline" in text
