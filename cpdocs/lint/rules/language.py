"""Judgemental labels for people: 'chaotic', 'hostile', 'uncooperative', 'attention-seeking'."""

from __future__ import annotations

import re

from cpdocs.lint.context import CLOSING_QUOTES, OPENING_QUOTES
from cpdocs.lint.rules.base import Rule, RuleInfo

NEGATION = {"not", "never", "n't", "no", "nor", "neither"}
COPULA = {"be", "become", "seem", "appear", "get", "feel", "look", "sound", "remain", "grow"}
DEGREE = {"very", "quite", "so", "really", "often", "always", "increasingly", "particularly", "a", "bit", "rather",
          "too", "extremely", "sometimes", "more", "most", "less", "become", "been", "being", "has", "have", "had",
          "can", "could", "may", "might", "will", "would", "still", "also", "then", "now", "at", "times"}
# Subjects that are a time or a situation, not a person: 'mornings were difficult'.
TIMES = {"morning", "evening", "night", "day", "week", "weekend", "time", "period", "term", "year", "month",
         "situation", "start", "handover", "transition", "journey", "process", "task", "question", "subject",
         "conversation", "discussion", "bedtime", "mealtime", "routine"}
THINGS = {"things", "everything"}
FAMILY_SPEAKER = re.compile(r"\b(?:he|she|they|mum|mummy|dad|daddy|mother|father|nan|nana|grandma|grandad|"
                            r"brother|sister|auntie|aunt|uncle|stepdad|stepmum)\b", re.I)
CLAUSE_BREAK = re.compile(r",\s*(?:but|and|although|though|whereas|while|so)\b|;|\s[\u2013\u2014-]\s|\bbut\b", re.I)
SPEECH = re.compile(r"\b(?:said|says|told|tells|explained|explains|described|describes|calls?|called)\b", re.I)


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
            if _negated(m) or _about_a_thing(m) or _reported(m, ctx) or ctx.hypothetical(m.block, m.start) \
                    or _quoted_back(m, ctx):
                continue
            yield self.finding(m.block, m.start, m.end,
                               f"'{m.text}' is a label; say what the person did or said instead",
                               why="a word that judges a person, from the list of labels; it is not denied ('was not "
                                   "...'), not about a time or a situation, and not in someone's quoted words",
                               suggestion=m.entry.suggestion)


def _negated(m) -> bool:
    """'was not aggressive', 'never hostile': a label denied is not a judgement of the person."""
    doc = m.tokens
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    before = [t.lower_ for t in doc[max(span.start - 3, span.sent.start):span.start]]
    if any(w in NEGATION for w in before):
        return True
    # 'no one in our service has seen him be aggressive', 'nobody has heard her be rude'
    clause = [t.lower_ for t in doc[max(span.start - 10, span.sent.start):span.start]]
    pairs = set(zip(clause, clause[1:], strict=False))
    return any(w in PERCEIVED for w in clause) and (("no", "one") in pairs or "nobody" in clause or "never" in clause
                                                    or "not" in clause or "n't" in clause)


PERCEIVED = {"seen", "saw", "heard", "witnessed", "noticed", "observed", "known"}


def _quoted_back(m, ctx) -> bool:
    """'his belief that he is "naughty"': a label in quotation marks that someone's quoted words used
    ('Dad says I'm naughty'): their word, quoted back, not the author's judgement."""
    text = m.block.text
    if text[m.start - 1:m.start] not in OPENING_QUOTES or text[m.end:m.end + 1] not in CLOSING_QUOTES:
        return False
    word = m.text.lower()
    return any(word in b.text[s:e].lower() and not (b is m.block and s <= m.start < e)
               for b in ctx.document.blocks for s, e in ctx.quotes[b.index])


def _about_a_thing(m) -> bool:
    """'mornings were difficult', 'it was chaotic at handover': the label describes a time or a
    situation, not a person."""
    words = m.tokens.char_span(m.start, m.end, alignment_mode="expand")
    if words is None or not any(_time_or_thing(t.lower_) for t in words.doc[words.sent.start:words.start]):
        return False  # no subject it could be about: no need for the tags
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    i = span.start - 1
    while i >= span.sent.start and m.doc[i].lower_ in DEGREE:
        i -= 1
    if i < span.sent.start or m.doc[i].lemma_.lower() not in COPULA:
        return False
    j = i - 1
    while j >= span.sent.start and (m.doc[j].lower_ in DEGREE or m.doc[j].tag_ in ("MD", "RB")
                                    or m.doc[j].lemma_ == "be"):
        j -= 1
    if j < span.sent.start:
        return False
    subject = m.doc[j]
    return subject.lower_ in THINGS or (subject.tag_ in ("NN", "NNS") and subject.lemma_.lower() in TIMES)


def _time_or_thing(word: str) -> bool:
    return word in THINGS or word in TIMES or word[:-1] in TIMES or word[:-2] in TIMES  # 'mornings', 'processes'


def _reported(m, ctx) -> bool:
    """'She said he smacks her when she is naughty', in the part of the report that gives the child's
    account: the child's own word, reported; not the author's judgement. A professional's label ('DM said Ms Nolan is a
    difficult tenant') and the author's own after a new clause ('..., but Jordan was hostile') are."""
    if "child-voice" not in m.block.section_keys:
        return False  # only where the draft gives the child's own account
    doc = m.tokens
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    family = {n.lower() for role in ("child", "mother", "father") for n in ctx.people.get(role, ())}
    for t in doc[span.sent.start:span.start]:
        if SPEECH.fullmatch(t.text):
            speaker = doc[max(span.sent.start, t.i - 2):t.i]
            between = doc[t.i:span.start].text
            named = any(w.lower_ in family for w in speaker) or bool(FAMILY_SPEAKER.search(speaker.text))
            return named and not CLAUSE_BREAK.search(between)
    return False
