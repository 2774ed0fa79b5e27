"""CPD601 judgemental-label."""

from __future__ import annotations

from helpers import found, lint_md


def labels(md: str) -> list[str]:
    return [x.lower() for x in found(lint_md(md, "agency-report"), "language")]


def test_labels_are_flagged_each_time():
    md = ("# Report\n\nHer home life is chaotic. Ms Hargreaves was hostile towards staff. Poppy arrives unkempt. "
          "Skye has been attention-seeking at lunch. Mr Foster was evasive and uncooperative.\n")
    assert labels(md) == ["chaotic", "hostile", "unkempt", "attention-seeking", "evasive", "uncooperative"]


def test_denied_labels_quotes_and_plain_uses_are_left_alone():
    md = ("# Report\n\nMs Brooks was calm and was not aggressive at any point. Skye said \"Mum gets aggressive "
          "when she drinks\". It is difficult to say when the next visit will be.\n")
    assert labels(md) == []


def test_presentation_and_relationship_labels():
    md = ("# Report\n\nMaisie often comes in grubby. Steve is a toxic presence in the home. Mum has been difficult to "
          "engage and did not come to the review.\n")
    assert labels(md) == ["grubby", "toxic", "difficult to engage"]


def test_the_same_words_about_things_or_what_professionals_tried_are_left_alone():
    md = ("# Report\n\nMaisie had grubby hands after painting. Paracetamol is toxic in large doses. It has been "
          "difficult to engage Mr Kerr by phone, so I wrote to him on 3 March. Oliver finds it hard to engage "
          "with maths.\n")
    assert labels(md) == []


def test_labels_from_police_health_and_youth_justice_reports():
    md = ("# Report\n\nTyrese was surly and anti-police. Ryan is devious. The GP called her drug-seeking. "
          "Tyrese is a gang member.\n")
    assert labels(md) == ["surly", "anti-police", "devious", "drug-seeking", "gang member"]


def test_gang_words_about_others_are_left_alone():
    md = "# Report\n\nThe police say older gang members have been seen near the school gates on three evenings.\n"
    assert labels(md) == []


def test_a_label_no_one_has_seen_or_a_childs_word_quoted_back():
    md = ("# Report\n\nNo one in our service has seen him be aggressive. Jayden said, \"Dad says I'm naughty.\" "
          "His belief that he is \"naughty\" worries me. Mum was \"hostile\" on the phone.\n")
    assert found(lint_md(md, "agency-report"), "language") == ["hostile"]
