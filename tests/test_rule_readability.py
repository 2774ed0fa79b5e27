"""CPD401 long-sentence and CPD402 hard-to-read, and the document figures."""

from __future__ import annotations

from helpers import found, lint_md

from cpdocs.config import Config
from cpdocs.lint.readability import flesch, syllables

LONG = ("Ms Bennett said that she felt everyone was against her and that she was doing her best, and that it "
        "was wrong for the school to ask Skye about her drinking in front of other children, and Helen agreed "
        "to look into what happened and talk to the member of staff involved.")


def test_a_very_long_sentence_is_a_warning_with_its_length():
    r = lint_md(f"# Report\n\n{LONG} Skye is well.\n")
    long = [f for f in r.findings if f.rule == "CPD401"]
    assert len(long) == 1 and long[0].text == LONG and long[0].severity == "warning"
    assert "52 words" in long[0].message


def test_a_long_sentence_under_45_words_is_information_only():
    s = " ".join(["word"] * 38) + "."
    r = lint_md(f"# Report\n\n{s}\n")
    assert [f.severity for f in r.findings if f.rule == "CPD401"] == ["info"]


def test_short_sentences_and_the_configured_limit():
    short = "Skye is well. She likes drama club. Her mum came to the meeting."
    assert not [f for f in lint_md(f"# Report\n\n{short}\n").findings if f.rule == "CPD401"]
    r = lint_md(f"# Report\n\n{short}\n", config=Config(max_sentence_words=4))
    assert [f.text for f in r.findings if f.rule == "CPD401"] == ["Her mum came to the meeting."]


def test_document_figures_and_low_reading_ease_warning():
    plain = "Skye is well. She goes to school. " * 40
    r = lint_md(f"# Report\n\n{plain}\n")
    assert r.metrics.sentences == 80 and r.metrics.flesch_reading_ease > 80
    assert not [f for f in r.findings if f.rule == "CPD402"]
    hard = ("Notwithstanding multidisciplinary considerations, intergenerational vulnerabilities necessitate "
            "comprehensive therapeutic interventions. ") * 20
    r = lint_md(f"# Report\n\n{hard}\n")
    assert [f.rule for f in r.findings if f.rule == "CPD402"] == ["CPD402"]


def test_syllables_and_formula():
    assert [syllables(w) for w in ("the", "nursery", "poorly", "conference", "made")] == [1, 3, 2, 3, 1]
    ease, grade = flesch(100, 5, 150)
    assert round(ease, 1) == 59.6 and round(grade, 1) == 9.9


def test_a_quotation_that_ends_one_sentence_is_not_joined_to_the_next():
    quote = ("You said: \"I'm sixteen, it's legal, so why is it any of your business, and why do you all keep "
             "asking?\" You told us that Kieran is the only one who listens to you, and that you will not go to any "
             "more meetings with a room full of people you do not know.")
    assert found(lint_md("# Letter\n\n" + quote + "\n"), "readability") == []
