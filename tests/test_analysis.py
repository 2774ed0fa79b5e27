"""The language analysis done in two steps gives exactly what one full pass gave.

Blocks are split (tokens, sentences) and only some are tagged; these tests hold that to the
full pipeline: same tokens, sentences, tags and lemmas, every possible lemma foreseen, and the
same findings from every rule as when every block is tagged. A rule that reads tags from a
block it did not ask `ctx.tagged` for fails the last test."""

from __future__ import annotations

import pytest
from helpers import DRAFTS, ROOT, lint_md

from cpdocs import nlp as language
from cpdocs.config import Config
from cpdocs.lint import context
from cpdocs.lint.engine import lint_document
from cpdocs.lint.phrases import lemma_gate, phrase_matchers
from cpdocs.lint.wordlists import Entry
from cpdocs.readers import read_document

SAMPLES = sorted(DRAFTS.glob("*.docx")) + sorted((ROOT / "fixtures" / "eval2" / "docs").glob("0[1-3]*.docx"))


@pytest.fixture(scope="module")
def model():
    return language.load_model()


@pytest.fixture(scope="module")
def texts():
    return [b.text for p in SAMPLES for b in read_document(str(p)).blocks]


def test_split_then_tag_is_the_full_pipeline(model, texts):
    full = list(model.pipe(texts))
    split = language.split(model, texts)
    assert not any(language.is_tagged(d) for d in split if len(d))
    language.tag(model, split[::2])
    language.tag(model, split[1::2])  # tagged in another batch, later
    for a, b in zip(full, split, strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
        assert [(t.tag_, t.pos_, t.lemma_) for t in a] == [(t.tag_, t.pos_, t.lemma_) for t in b]


def test_every_lemma_the_model_gives_is_foreseen(model, texts):
    forms = language.LemmaForms.of(model)
    assert forms is not None
    missed = [(t.text, t.lemma_) for d in model.pipe(texts) for t in d if t.lemma_ not in forms.of_word(t.text)]
    assert missed == []
    assert {"escalate"} <= forms.of_word("escalated") and "be" in forms.of_word("was")
    assert forms.of_word("Poppy") >= {"Poppy", "poppy"}


def test_the_gate_opens_only_for_other_forms(model):
    entries = (Entry(key="escalate", suggestion="", lemma=True), Entry(key="step down", suggestion="", lemma=True))
    gate = lemma_gate(model, [phrase_matchers(model, "test-gate", entries)])
    assert gate is not None

    def opens(text: str) -> bool:
        return gate.could_match(language.split(model, [text])[0])

    assert opens("The concerns were escalated to the team manager.")
    assert opens("The case stepped down in May.")
    assert not opens("We will escalate if she misses school.")  # the exact words: no tags needed
    assert not opens("The plan is working well.")


def test_the_phrase_index_finds_what_spacys_phrase_matcher_finds(model, texts):
    """Every list, over every sample block, by exact words and by base form: the same matches."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from cpdocs.lint.matcher_data import phrase_data
    from cpdocs.lint.wordlists import load_wordlists

    words = load_wordlists(Config())
    docs = list(model.pipe(texts))
    found = 0
    for name, field in context.LISTS.items():
        entries = getattr(words, field)
        ours = phrase_matchers(model, name, entries)
        plain = [e for e in entries if e.pattern is None]
        lower, lemma = PhraseMatcher(model.vocab, attr="LOWER"), PhraseMatcher(model.vocab, attr="LEMMA")
        for e, p in zip(plain, phrase_data(model, plain), strict=True):
            lower.add(e.key, [Doc(model.vocab, words=p.words, spaces=p.spaces)])
            if p.lemmas is not None:
                lemma.add(e.key, [Doc(model.vocab, words=p.words, spaces=p.spaces, lemmas=p.lemmas)])
        for doc in docs:
            for theirs, index in ((lower, ours.lower), (lemma, ours.lemma)):
                expected = sorted((model.vocab.strings[m], s, e) for m, s, e in theirs(doc))
                assert sorted(index.find(doc)) == expected, (name, doc.text)
                found += len(expected)
    assert found > 50  # the samples do hold phrases of the lists


def test_a_base_form_still_finds_its_other_forms():
    config = Config(extra_jargon={"escalate": "pass to a senior manager"})
    result = lint_md("# Report\n\n## Analysis\n\nThe worries were escalated on 3 May.\n", "agency-report", config)
    assert any(f.category == "jargon" and f.text == "escalated" for f in result.findings)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_findings_are_those_of_a_fully_tagged_draft(path, monkeypatch):
    document = read_document(str(path))
    lazy = lint_document(document, Config()).as_dict()
    with monkeypatch.context() as m:
        m.setattr(context, "blocks_to_tag", lambda nlp, d, w, docs: set(range(len(docs))))
        full = lint_document(read_document(str(path)), Config()).as_dict()
    assert lazy == full
