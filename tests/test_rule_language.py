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
