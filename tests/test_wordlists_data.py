"""The jargon and acronym lists themselves: size, shape, and the words they must never hold.

A false finding on a good report costs more than a missed one (a social worker who sees one
stops reading the findings), so these tests guard the lists against ordinary English words,
duplicate keys and patterns that do not compile, and check a sample of the glossary terms on
real sentences next to their everyday look-alikes.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml
from helpers import found, lint_md
from spacy.lang.en.stop_words import STOP_WORDS

DOMAINS = {"social-care", "health", "police", "education", "legal", "mental-health", "substance-misuse"}

# Ordinary English words that may be jargon only in one sense: as a jargon term they need a
# `pattern` that matches that sense alone ('contact' as family time, not 'contact details').
EVERYDAY_WORDS = set(STOP_WORDS) | {
    "contact", "support", "care", "safe", "safety", "home", "school", "plan", "plans", "meeting", "review", "risk",
    "concern", "concerns", "worry", "worries", "help", "family", "child", "children", "parent", "parents", "mother",
    "father", "visit", "visits", "report", "record", "present", "presentation", "attachment", "drift", "input", "band",
    "script", "recall", "prevent", "statutory", "intelligence", "occurrence", "isolation", "depot", "affect",
    "containment", "niche", "merlin", "turnaround", "encompass", "decant", "respondent", "order", "court", "police",
    "health", "nurse", "doctor", "teacher", "worker", "team", "service", "services", "assessment", "referral",
    "strengths", "scaling", "chronology", "disclosure", "vulnerable", "safeguarding", "harm", "abuse", "neglect",
    "engage", "engagement", "monitor", "ongoing", "regular", "clearly", "difficult", "challenging", "thrive",
    "mosaic", "splitting", "masking", "cognitive", "therapeutic", "formulation", "cascade", "disruption", "nominal",
    "systemic", "accommodated", "allocated", "remanded", "custodial", "tertiary", "adherence", "differentiated",
    "plugging", "rehabilitation", "proceedings", "obs", "code", "level", "tier", "section", "article", "part",
    "rule", "priority", "through", "greater", "primary", "secondary", "working", "using", "lacks", "bad",
    "partial", "full", "good", "housing", "options", "need", "needs", "journey", "finding", "arrangements",
    "provider", "aim", "audit", "pace", "add", "access", "place",
}

# Words the standards accept as plain process words, and the headings of reports and practice
# models: never jargon, with or without a pattern.
NEVER_JARGON = {
    "significant harm", "core group", "child protection plan", "child in need plan", "parenting capacity",
    "home conditions", "safety plan", "contingency plan", "young carer", "disclosure", "lived experience",
    "category of neglect", "parental responsibility", "vulnerable", "chronology", "strengths", "danger statement",
    "safety goal", "scaling", "scaling question", "three houses", "worried about", "working well", "needs to happen",
    "wishes and feelings", "family time", "health visitor", "school nurse", "social worker", "domestic abuse",
    "child protection conference", "safeguarding", "assessment", "referral", "no further action", "low mood",
}

# Capitalised words that appear in headings and forms written in capitals: a key of the
# acronym list is flagged there, so none may be an English word.
HEADING_WORDS = EVERYDAY_WORDS | {
    "reason", "views", "action", "actions", "who", "when", "date", "name", "details", "next", "what", "happens",
    "analysis", "recommendation", "summary", "background", "hope", "arc", "arms", "asset", "mast", "hint", "cat",
    "act", "cap", "core", "brief", "cars", "bed", "did", "hot", "relate", "rio", "spa", "cop", "lea", "isa", "rip",
    "urn", "dip", "pals", "top", "prom", "pet", "gum", "lift", "star", "chat", "fast", "cage", "drive", "calm", "toil",
}


class _NoDuplicatesLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with the same key twice (PyYAML keeps the last)."""


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise AssertionError(f"duplicate keys: {sorted(map(str, dupes))}")
    return loader.construct_mapping(node, deep=deep)


_NoDuplicatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load(name: str) -> dict:
    text = resources.files("cpdocs.lint.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_NoDuplicatesLoader)


JARGON = _load("jargon.yaml")["terms"]
ACRONYMS = _load("acronyms.yaml")


# -- the lists ------------------------------------------------------------------------------

def test_each_list_holds_at_least_a_thousand_entries():
    assert len(JARGON) >= 1000
    assert len(ACRONYMS["expansions"]) >= 1000


def test_every_jargon_entry_has_a_term_a_plain_alternative_and_a_known_domain():
    for e in JARGON:
        assert isinstance(e.get("term"), str) and e["term"].strip() == e["term"] and e["term"], e
        assert e["term"] == e["term"].lower(), e["term"]
        assert isinstance(e.get("plain"), str) and len(e["plain"].strip()) >= 3, e["term"]
        assert e.get("domain") in DOMAINS, e["term"]
        assert set(e) <= {"term", "pattern", "plain", "domain", "lemma", "not_after", "note", "safe", "rewrite"}, \
            e["term"]


def test_no_jargon_term_is_listed_twice():
    terms = [e["term"] for e in JARGON]
    assert len(terms) == len(set(terms)), sorted({t for t in terms if terms.count(t) > 1})


def test_every_pattern_compiles_and_never_matches_nothing():
    for e in JARGON:
        if "pattern" in e:
            rx = re.compile(e["pattern"], re.IGNORECASE)
            assert rx.search("") is None, e["term"]
            assert rx.search("The family were seen at home on 3 May.") is None, e["term"]


def test_everyday_words_are_jargon_only_through_a_pattern():
    bare = [e["term"] for e in JARGON if "pattern" not in e and e["term"] in EVERYDAY_WORDS]
    assert bare == []


def test_process_words_and_model_headings_are_never_jargon():
    assert NEVER_JARGON.isdisjoint(e["term"] for e in JARGON)


def test_every_expansion_is_written_out_and_no_key_is_listed_twice():
    expansions = ACRONYMS["expansions"]
    for key, value in expansions.items():
        assert isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9&]+", key), key
        assert isinstance(value, str) and len(value.strip()) >= 3, key
    upper = [k.upper() for k in expansions]
    assert len(upper) == len(set(upper)), sorted({k for k in upper if upper.count(k) > 1})
    plain = {str(a).upper() for a in ACRONYMS["plain"]}
    assert plain.isdisjoint(upper), sorted(plain & set(upper))


def test_every_expansion_reads_as_name_then_one_bracketed_gloss():
    """The suggestion splits 'name (what it is)' at the bracket: a second bracket, or words after
    it, would print half a sentence."""
    bad = [k for k, v in ACRONYMS["expansions"].items() if "(" in v and not re.fullmatch(r"[^()]+ \([^()]+\)", v)]
    assert bad == []


def test_an_acronym_that_is_an_everyday_word_is_left_alone_in_a_line_of_capitals():
    """'WHAT ARE WE WORRIED ABOUT?': a listed acronym that is also an everyday word ('ARE', age-related
    expectations) cannot be told from the word in capitals; in running text it is still found."""
    from helpers import found, lint_md

    words = sorted(k for k in ACRONYMS["expansions"] if k.lower() in HEADING_WORDS)
    for word in words:
        heading = f"# Report\n\n## WHAT {word} WE WORRIED ABOUT FOR THE CHILDREN\n\nPoppy is three.\n"
        assert word not in found(lint_md(heading), rule="CPD302"), word
    if "ARE" in words:
        assert "ARE" in found(lint_md("# Report\n\nPoppy is working below ARE in speaking.\n"), rule="CPD302")


def test_every_key_is_read_as_an_acronym_by_the_rule():
    from cpdocs.lint.rules.jargon import ACRONYM, ROMAN

    unseen = [k for k in ACRONYMS["expansions"] if not (m := ACRONYM.fullmatch(k)) or m.group(1) != k]
    assert unseen == []
    roman = [k for k in ACRONYMS["expansions"] if ROMAN.match(k) and k not in ("CIC", "CIV", "DVI")]
    assert roman == []  # 'VI' or 'CL' is read as a number, never as an acronym


# -- the lists at work -----------------------------------------------------------------------

def jargon(md: str) -> list[str]:
    return [t.lower() for t in found(lint_md(md, "agency-report"), rule="CPD301")]


@pytest.mark.parametrize("sentence, term", [
    ("Ms Bennett has a non-mol against Mr Carter.", "non-mol"),
    ("Skye showed frozen watchfulness when her father came in.", "frozen watchfulness"),
    ("The main worry is parental substance misuse.", "parental substance misuse"),
    ("She is prescribed buprenorphine daily.", "buprenorphine"),
    ("The judge asked for a Scott schedule.", "scott schedule"),
    ("Mum has a hx of self-harm.", "hx"),
    ("Nan is approved under reg 24 for now.", "reg 24"),
    ("Leo had a febrile convulsion in March.", "febrile convulsion"),
    ("Kai was going country most weekends.", "going country"),
    ("There was a strat on Monday.", "strat"),
    ("Dad was referred by dom violence services.", "dom violence"),
    ("Poppy was de-planned in May.", "de-planned"),
    ("Skye is working towards the expected standard in reading.", "working towards"),
    ("Police sent an Encompass notification to the school.", "encompass"),
    ("He is on a depot injection each month.", "depot"),
    ("Ms Hart presented with bruising to her arm.", "presented with"),
    ("The family are in priority need.", "priority need"),
])
def test_a_sample_of_glossary_terms_is_found(sentence, term):
    assert term in jargon(f"# Report\n\n{sentence}\n")


@pytest.mark.parametrize("sentence", [
    "We talked about this in greater depth on Friday.",
    "The family finding it hard to cope, Mum rang the school.",
    "Skye walked through the gate and into the playground.",
    "Mum is the primary care giver and Dad has primary care of the baby at weekends.",
    "Ms Bennett was present with her mother at the meeting, and Dad was present as a witness.",
    "Poppy read a red book about a bear.",
    "The child's journey to school takes ten minutes.",
    "The bus depot is next to the flat.",
    "Skye is working towards her swimming badge.",
    "The priority need is for Poppy to see a dentist.",
    "Merlin, the family's dog, was friendly.",
    "Leo shows a good level of development in his speech.",
    "We discussed housing options with Ms Hart.",
    "Mr Carter stopped at the front door and knocked.",
    "The place of safety for the night was her aunt's house.",
])
def test_everyday_look_alikes_are_left_alone(sentence):
    assert jargon(f"# Report\n\n{sentence}\n") == []


def acronyms(md: str):
    return [f for f in lint_md(md, "agency-report").findings if f.rule == "CPD302"]


def test_a_glossary_acronym_gets_its_expansion_in_the_suggestion():
    got = acronyms("# Report\n\nHis OGRS score is high and the EBSNA plan has started.\n")
    assert [f.text for f in got] == ["OGRS", "EBSNA"]
    assert "Offender Group Reconviction Scale" in got[0].suggestion
    assert "emotionally based school non-attendance" in got[1].suggestion


def test_english_words_in_a_heading_of_capitals_are_not_acronyms():
    md = ("# Report\n\n## AIM OF THE PLAN\n\nPoppy will be safe at home.\n\n## ADD DETAILS OF THE VISIT\n\n"
          "The visit was on 3 May.\n\n## PACE OF CHANGE AND AUDIT\n\nThings have improved.\n")
    assert acronyms(md) == []


def test_known_acronyms_in_a_heading_of_capitals_are_still_flagged():
    md = "# Report\n\n## ROSH AND MAPPA\n\nMr Carter is managed in the community.\n"
    assert [f.text for f in acronyms(md)] == ["ROSH", "MAPPA"]
