"""Judgemental labels for people: 'chaotic', 'hostile', 'uncooperative', 'attention-seeking'."""

from __future__ import annotations

from cpdocs.lint.rules.base import Rule, RuleInfo

NEGATION = {"not", "never", "n't", "no", "nor", "neither"}


class JudgementalLabel(Rule):
    info = RuleInfo(
        code="CPD601", name="judgemental-label", category="language", severity="warning",
        summary="A label that judges a person instead of describing what they did or said.",
        why="Labels stick to families for years, are read differently by each professional, and give a "
            "parent nothing to respond to. Describe what was seen and heard, and when.",
        standard="Swindon CSC Quality Standards 7.4 (respectful and not judgemental); Hampshire Safeguarding "
                 "children procedures 10.4.4 (avoid non-specific labels such as 'disturbed')",
        bad="Ms Hargreaves was hostile and chaotic.",
        good="On 11 April Ms Hargreaves shouted at the room leader and said nursery were 'always on her back'.",
    )

    def check(self, ctx):
        for m in ctx.find("labels", ctx.words.labels):
            if _negated(m):
                continue
            yield self.finding(m.block, m.start, m.end,
                               f"'{m.text}' is a label; say what the person did or said instead",
                               suggestion=m.entry.suggestion)


def _negated(m) -> bool:
    """'was not aggressive', 'never hostile': a label denied is not a judgement of the person."""
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    before = [t.lower_ for t in m.doc[max(span.start - 3, span.sent.start):span.start]]
    return any(w in NEGATION for w in before)
