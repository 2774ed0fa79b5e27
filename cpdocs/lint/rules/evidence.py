"""Opinion passed off as fact: 'I feel', 'it is felt', 'clearly', 'it would appear'."""

from __future__ import annotations

import re

from cpdocs.lint.rules.base import Rule, RuleInfo

CLAUSE_END = re.compile(
    r",\s+(?:although|but|however|though|whereas|while|and\s+(?:she|he|they|this|that|it)\b)|;|:|\s[\u2013\u2014-]\s"
    r"|\s\((?![^)]*\))"
)


class OpinionAsFact(Rule):
    info = RuleInfo(
        code="CPD501", name="opinion-as-fact", category="evidence", severity="warning",
        summary="An opinion stated as fact, or without the evidence it rests on ('I feel', 'it is felt', "
                "'clearly').",
        why="Conference decisions must rest on evidence. A reader must be able to tell fact, observation, "
            "allegation and opinion apart, and see what each opinion is based on.",
        standard="Hampshire Safeguarding children procedures 8.9.1; Sunderland SCB Core Practice Standards 6.26; "
                 "SSP Multi-Agency Standards, Reports to Child Protection Conferences 1",
        bad="Clearly she does not accept that there is a problem.",
        good="Ms Hargreaves said on 11 April that there was 'nothing wrong' with Poppy's attendance, which is 71%.",
    )

    def check(self, ctx):
        for m in ctx.find("evidence", ctx.words.evidence_markers):
            sent = ctx.sentence_of(m.block, m.start)
            sent_start, sent_end = sent.start_char, sent.end_char
            rest = m.block.text[m.end:sent_end]
            cut = CLAUSE_END.search(rest)
            end = m.end + (cut.start() if cut else len(rest))
            clause = m.block.text[m.start:end].rstrip(" .,;:!?")
            if len(clause.split()) < 3 and not cut:
                continue  # a marker with nothing after it is not a claim ("I think so.")
            outside = m.block.text[sent_start:m.start] + " " + m.block.text[m.end:sent_end]
            if any(c.search(outside) for c in ctx.words.evidence_cues):
                continue
            yield self.finding(m.block, m.start, m.start + len(clause),
                               "an opinion is given as fact, with no evidence for it",
                               suggestion="Say what you saw, heard or read that shows this, and when; or say "
                                          "clearly that it is your professional opinion and why you hold it.")
