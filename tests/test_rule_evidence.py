"""CPD501 opinion-as-fact: from the marker to the end of its clause, unless evidence is given."""

from __future__ import annotations

from helpers import found, lint_md


def opinions(md: str) -> list[str]:
    return found(lint_md(md, "agency-report"), "evidence")


def test_markers_without_evidence_give_the_clause():
    md = ("# Report\n\nI feel this is linked to what she is seeing at home. It was felt that Skye's behaviour is "
          "linked to being tired, although nobody asked her. Clearly she does not accept that there is a problem.\n")
    assert opinions(md) == ["I feel this is linked to what she is seeing at home",
                            "It was felt that Skye's behaviour is linked to being tired",
                            "Clearly she does not accept that there is a problem"]


def test_opinions_with_their_evidence_and_plain_uses_are_left_alone():
    md = ("# Report\n\nI believe Poppy is hungry because she ate three bowls of cereal on 3, 10 and 24 March. "
          "Sam spoke clearly and slowly to Jayden. Skye said \"I feel sad when Mum drinks\".\n")
    assert opinions(md) == []
