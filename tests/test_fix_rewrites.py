"""Which findings carry a safe rewrite (`replacement`), and the word-list data that decides it."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner
from helpers import ROOT, lint_md

from cpdocs.cli import cli
from cpdocs.lint.fixable import FIXES, fix_info
from cpdocs.lint.rewrites import spells_out
from cpdocs.lint.rules import all_rules

DATA = ROOT / "cpdocs" / "lint" / "data"
JARGON = yaml.safe_load((DATA / "jargon.yaml").read_text(encoding="utf-8"))["terms"]
ACRONYMS = yaml.safe_load((DATA / "acronyms.yaml").read_text(encoding="utf-8"))


def rewrites(body: str, rule: str | None = None) -> list[tuple[str, str | None]]:
    result = lint_md("# Report\n\n" + body)
    return [(f.text, f.replacement) for f in result.findings
            if f.rule in ("CPD301", "CPD302") and (rule is None or f.rule == rule)]


# -- acronyms --------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("Mum was referred to CAMHS in May.", "Child and Adolescent Mental Health Services (CAMHS)"),
    ("CAMHS saw Poppy on 3 May.", "Child and Adolescent Mental Health Services (CAMHS)"),
    ("Nursery made a referral to the MASH.", "Multi-Agency Safeguarding Hub (MASH)"),
    ("The ICPC was held on 3 May.", "initial child protection conference (ICPC)"),  # the list's own case
    ("A SGO was made on 3 May.", "special guardianship order (SGO)"),  # 'a' still fits 'special'
])
def test_an_acronym_with_one_meaning_is_written_out_at_its_first_use(body, expected):
    first = rewrites(body, "CPD302")[0]
    assert first[1] == expected


def test_a_sentence_that_starts_with_the_acronym_starts_with_a_capital():
    assert rewrites("ICPC was on 3 May.", "CPD302")[0][1] == "Initial child protection conference (ICPC)"


@pytest.mark.parametrize("body", [
    "The PA visited on 3 May.",  # personal adviser or parenting assessment
    "Two DNAs were recorded.",  # a plural, and DNA has two meanings
    "He has 3 URTIs a year.",  # a plural: its name would need its own plural
    "An SGO was made on 3 May.",  # 'an special guardianship order'
    "CAMHS's report came on 3 May.",  # a possessive
    "The CAMHS-led work began.",  # part of a longer word
    "She takes an SSRI daily.",  # the list describes it rather than spelling it out
    "An S47 enquiry began.",  # 'section 47 enquiry' would say 'enquiry' twice
    "Mum saw the XQZW team.",  # no expansion known
])
def test_an_acronym_is_left_as_a_comment_where_writing_it_out_could_go_wrong(body):
    found = rewrites(body, "CPD302")
    assert found and found[0][1] is None, found


def test_a_line_in_capitals_is_never_rewritten():
    result = lint_md("# REFERRAL TO CAMHS\n\nPoppy was seen at home on 3 May.")
    assert [f.replacement for f in result.findings if f.rule == "CPD302"] == [None]


def test_an_expansion_must_spell_out_its_acronym_and_nothing_more():
    assert spells_out("CAMHS", "Child and Adolescent Mental Health Services")
    assert spells_out("SENCO", "special educational needs co-ordinator")
    assert spells_out("S47", "section 47")
    assert not spells_out("S47", "section 47 enquiry")
    assert not spells_out("SSRI", "a type of antidepressant medicine")
    assert not spells_out("CPOMS", "the school's safeguarding recording system")


# -- jargon ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("Mum asked for respite in March.", "short break care"),
    ("Respite was offered in March.", "Short break care"),
    ("Mum asked for respite. Later respite was offered again.", "short break care (respite)"),
    ("Poppy has supervised contact with her father on Saturdays.", "family time"),
    ("She has hypertension and asthma.", "high blood pressure"),
])
def test_a_term_marked_safe_is_swapped_for_its_plain_words(body, expected):
    assert rewrites(body, "CPD301")[0][1] == expected


@pytest.mark.parametrize("body", [
    "He must not have unsupervised contact with any female under 16.",  # a court order's condition
    "The family support worker has weekly contact with Mum.",  # a worker's contact
    "A contact was received by the MASH on 3 May.",  # the first call about a worry
    "The respite carer came on Friday.",  # part of a longer name
    "She has pulmonary hypertension.",  # an adjective that belongs to the medical term
    "He tested positive for synthetic cannabinoids.",
    "The genograms were done.",  # another form of the listed word
    "The Respite team met on Friday.",  # a capital in the middle of a sentence: a name
    "The threshold was met.",  # not marked safe: its plain words explain, they do not swap
])
def test_a_term_stays_a_comment_where_a_swap_could_change_the_meaning(body):
    found = rewrites(body, "CPD301")
    assert found and found[0][1] is None, found


def test_accepting_the_rewrite_keeps_later_uses_explained():
    body = "Mum asked for respite. Later respite was offered again."
    fixed = body.replace("respite", rewrites(body, "CPD301")[0][1], 1)
    assert rewrites(fixed, "CPD301") == []


def test_labels_and_vague_wording_never_carry_a_rewrite():
    result = lint_md("# Report\n\nMs Hargreaves was hostile and chaotic. Mum to engage with services ongoing. "
                     "Clearly the home is unsafe.")
    kinds = {f.rule for f in result.findings}
    assert {"CPD601", "CPD101"} <= kinds
    assert all(f.replacement is None for f in result.findings)


def test_json_gives_the_replacement_and_the_meaning_only_when_there_is_one(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Report\n\nMum was referred to CAMHS. She was chaotic.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["lint", str(draft), "--format", "json", "--fail-on", "never"])
    findings = json.loads(r.output)["files"][0]["findings"]
    camhs = next(f for f in findings if f["rule"] == "CPD302")
    assert camhs["replacement"] == "Child and Adolescent Mental Health Services (CAMHS)"
    assert camhs["meaning"] == "Child and Adolescent Mental Health Services"
    label = next(f for f in findings if f["rule"] == "CPD601")
    assert "replacement" not in label and "meaning" not in label


# -- the data that decides -------------------------------------------------------------------------

SAFE = [e for e in JARGON if "safe" in e]


def test_a_few_dozen_entries_are_marked_safe_each_with_its_reason():
    assert len(SAFE) >= 30
    for e in SAFE:
        assert isinstance(e["safe"], str) and len(e["safe"].split()) >= 4, e["term"]
    assert all("safe" in e for e in JARGON if "rewrite" in e), "a rewrite without its reason"


def test_every_safe_swap_is_a_few_plain_words_with_no_advice_or_choice():
    for e in SAFE:
        words = e.get("rewrite") or e["plain"]
        assert len(words.split()) <= 6, e["term"]
        assert not re.search(r"[(),;]|\b(?:or|say|name|for example)\b", words), e["term"]
        assert not re.match(r"(?:a|an|the)\s", words, re.I), e["term"]  # 'the' would double up after 'the'


def test_every_safe_swap_is_itself_plain_english_to_the_linter():
    words = [e.get("rewrite") or e["plain"] for e in SAFE]
    result = lint_md("# Report\n\n" + "\n\n".join(f"We talked about {w} on 3 May." for w in words))
    assert [(f.rule, f.text) for f in result.findings if f.rule in ("CPD301", "CPD302", "CPD101", "CPD601")] == []


def test_acronyms_with_several_meanings_are_listed_and_cover_every_expansion_naming_two():
    several = {str(a).upper() for a in ACRONYMS["several_meanings"]}
    expansions = {k.upper(): v for k, v in ACRONYMS["expansions"].items()}
    assert several <= set(expansions)
    two = {k for k, v in expansions.items() if re.search(r"\(or\b|; (?:in|or)\b|\bor, in\b", v)}
    assert two <= several, sorted(two - several)
    assert {"PA", "DNA", "CDT", "SLT"} <= several


def test_the_data_readme_says_what_safe_means():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    assert "`safe`" in text and "`rewrite`" in text and "`several_meanings`" in text


# -- what `cpdocs rules` says about fixing -------------------------------------------------------------

def test_every_rule_says_whether_cpdocs_fix_can_fix_it():
    codes = {r.info.code for r in all_rules()}
    assert codes <= set(FIXES)
    assert {c for c in codes if fix_info(c).can_fix} == {"CPD301", "CPD302"}
    assert fix_info("CPD101").fill_in and "[date]" in fix_info("CPD202").fill_in


def test_cpdocs_rules_code_says_how_it_fixes():
    runner = CliRunner()
    out = runner.invoke(cli, ["rules", "CPD302"]).output
    assert "cpdocs fix: can fix." in out and "(CAMHS)" in out
    out = runner.invoke(cli, ["rules", "CPD601"]).output
    assert "cpdocs fix: cannot fix." in out
    data = json.loads(runner.invoke(cli, ["rules", "--format", "json"]).output)
    assert {d["code"]: d["fix"]["can_fix"] for d in data}["CPD301"] is True
    html = runner.invoke(cli, ["rules", "--format", "html"]).output
    assert "cpdocs fix" in html
