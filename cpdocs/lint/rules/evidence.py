"""Opinion passed off as fact: 'I feel', 'it is felt', 'clearly', 'it would appear'."""

from __future__ import annotations

import re

from cpdocs.lint.rules.base import Rule, RuleInfo

CLAUSE_END = re.compile(
    r",\s+(?:although|but|however|though|whereas|while|and\s+(?:she|he|they|this|that|it)\b)|;|:|\s[\u2013\u2014-]\s"
    r"|\s\((?![^)]*\))"
)


CONTRAST = re.compile(r"^[,;]?\s*(?:although|but|however|though|whereas|while|yet|even though)\b", re.I)
EVIDENCE_LEAD = re.compile(
    r"^\W*(?:this is because|that is because|because|for example|for instance|e\.g\.|in particular|specifically|"
    r"i (?:saw|observed|heard|noticed|noted|found|counted|smelt)|we (?:saw|observed|heard|noticed|noted|found)|"
    r"(?:the )?(?:records?|notes|register|results?|tests?|chronology|logs?) (?:show|showed|shows|record))\b", re.I)
RECOMMENDS = re.compile(r"\b(?:should|recommend\w*|plan|conference|remain|be made subject|child in need|cin)\b", re.I)


def _next_sentence(ctx, block, sent_end: int) -> str:
    """The sentence after this one: in the same paragraph, or the first of the next paragraph under
    the same heading."""
    rest = block.text[sent_end:].strip()
    if rest:
        doc = ctx.docs[block.index]
        for sent in doc.sents:
            if sent.start_char >= sent_end and sent.text.strip():
                return sent.text
    b = ctx.next_block(block)
    return next((s.text for s in ctx.docs[b.index].sents if s.text.strip()), "") if b is not None else ""


def _evidenced_next(ctx, block, sent_end: int) -> bool:
    """A judgement followed by its evidence in the next sentence, said to be so ('This is because...',
    'For example...', 'I saw...', 'The records show...')."""
    return bool(EVIDENCE_LEAD.match(_next_sentence(ctx, block, sent_end)))


def _reasoned_recommendation(ctx, block, clause: str) -> bool:
    """'We think the plan should stay in place, because...': a recommendation is an opinion by its
    nature; under the recommendation heading, with the report's reasons given, it is not a finding."""
    return "recommendation" in block.section_keys and bool(RECOMMENDS.search(clause))


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
            # evidence in the same sentence, but not in a clause that goes the other way
            # ('It is clear that Dean stays most nights, although Kerry says he lives at his mum's')
            tail = m.block.text[end:sent_end]
            outside = m.block.text[sent_start:m.start] + " " + m.block.text[m.end:end]
            if not CONTRAST.match(tail):
                outside += " " + tail
            if any(c.search(outside) for c in ctx.words.evidence_cues):
                continue
            if _evidenced_next(ctx, m.block, sent_end):
                continue  # 'I think she minimises it. This is because...', '... For example, ...'
            if _reasoned_recommendation(ctx, m.block, clause) or ctx.hypothetical(m.block, m.start):
                continue
            yield self.finding(m.block, m.start, m.start + len(clause),
                               "an opinion is given as fact, with no evidence for it",
                               why=f"'{m.text.strip()}' marks an opinion or a judgement; nothing in its sentence gives "
                                   f"the evidence (what was seen or said, a date, a result, 'because'), and the next "
                                   f"sentence does not start with it ('This is because', 'For example')",
                               suggestion="Say what you saw, heard or read that shows this, and when; or say "
                                          "clearly that it is your professional opinion and why you hold it.")
