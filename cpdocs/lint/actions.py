"""Finding the actions in a draft and reading who owns them and when they are due.

Actions live in action tables (columns such as 'Action | Who | By when') and in the bullets
of a plan or actions section. For each one this module answers two questions the standards
ask of every action: does it name a person or agency who will do it, and does it give a date
or a frequency?
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cpdocs.lint.context import LintContext
from cpdocs.lint.dates_in_text import MONTH_NAME
from cpdocs.model import PlanItem

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NO_OWNER = re.compile(
    r"^\s*(?:|-+|\?+|n/?a|none|tbc|tba|tbd|to be (?:confirmed|agreed|decided|arranged|allocated)|all|everyone|"
    r"everybody|all (?:professionals|agencies|parties)|professionals|agencies|services|various|the network|"
    r"core group(?: members)?|network|unknown|not known|unallocated)\s*\.?\s*$", re.I)

DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
UNIT = (r"(?:day|week|fortnight|month|term|half[- ]term|year|morning|afternoon|evening|night|weekend|school day|"
        r"working day|visit|session|appointment|meeting|core group|contact|time|" + DAY + r")s?")
WHEN = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_NAME + r"\b"
    r"|\b" + MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b" + MONTH_NAME + r"\s+\d{4}\b"
    r"|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:by|on|before|from|until|after)\s+\d{1,2}/\d{1,2}\b(?!/)"  # 'by 4/4': day and month
    r"|\bat\s+any\s+time\b|\bwhenever\s+(?:you|she|he|they|we|[A-Z][a-z]+)\s+(?!(?:needs?|wants?)\b)\w+"  # on call
    r"|\b(?:on|by|every|each|from|until|before|next|this|on a|on the)\s+" + DAY + r"\b"
    r"|\b" + DAY + r"\b"
    r"|\b(?:daily|weekly|fortnightly|monthly|termly|nightly|yearly|annually|quarterly|hourly|weekdays|weeknights)\b"
    r"|\b(?:every|each)\s+(?:other\s+|single\s+|school\s+)?(?:\d+\s+|one\s+|two\s+|three\s+|four\s+|five\s+|six\s+"
    r"|ten\s+)?(?:working\s+|school\s+|calendar\s+|nursery\s+|college\s+|weekday\s+|term-time\s+)?" + UNIT + r"\b"
    r"|\b(?:once|twice|\d+\s+times|one|two|three|four)\s+(?:times\s+)?(?:a|per|each|every)\s+" + UNIT + r"\b"
    r"|\b(?:at|before|by|after|until|ahead of)\s+(?:the\s+)?(?:next\s+|first\s+|second\s+|following\s+)?"
    r"(?:review(?:\s+child\s+protection)?\s+conference|core group(?:\s+meeting)?|conference|rcpc|icpc)s?\b"
    r"|\bon\s+the\s+day\s+of\s+(?:the\s+|each\s+|every\s+|his\s+|her\s+)?(?:next\s+|review\s+)?"
    r"(?:conference|core group|meeting|review|hearing|visit|appointment)s?\b"
    r"|\bat\s+(?:each|every)\s+(?!(?:opportunity|chance|point|stage|level|step)\b)[\w'\u2019-]+"  # 'at every drop-off'
    r"|\b(?:at|before|after|by|from)?\s*(?:each|every)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:meeting|visit|session|"
    r"appointment|core group|review|contact|home visit)s?\b"
    r"|\b(?:at|by|from|before)\s+\d{1,2}\s+weeks(?:'|\u2019)?(?:\s+pregnant|\s+gestation)?\b"
    r"|\bwithin\s+(?:\d+|one|two|three|four|five|six|seven|ten|a)\s+(?:working\s+|school\s+)?" + UNIT + r"\b"
    r"|\b(?:the\s+)?same\s+(?:working\s+)?day\b|\bwithin\s+\d+\s+hours\b"
    r"|\b(?:today|tomorrow|immediately|tonight|this week|next week|this month|next month|end of (?:the\s+)?"
    r"(?:week|month|term|" + MONTH_NAME + r"))\b"
    r"|\b(?:\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm))\s+(?:each|every|on)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|ten|a)\s+(?:working\s+|school\s+)?(?:days?|weeks?|months?)\s+"
    r"(?:after|before|from|of)\s+(?:the\s+|his\s+|her\s+|their\s+)?\w+"
    r"|\bthe\s+(?:day|week|morning)\s+(?:after|before)\b|\bon\s+days?\s+\d{1,2}\b"
    r"|\b(?:before|by|after|until|over|at|during|for)\s+(?:the\s+)?(?:christmas|easter|new year|"
    r"(?:october\s+|february\s+|may\s+)?half[- ]term|summer holidays?|school holidays?|"
    r"end of (?:the\s+)?(?:school\s+)?term)\b",
    re.I,
)

ROLE = re.compile(
    r"\b(?:social\s+worker|sw|health\s+visitor|hv|school\s+nurse|midwife|midwives|gp|doctor|nurse|teacher|"
    r"head\s*teacher|headteacher|head of year|senco|senco|dsl|deputy|nursery|school|college|academy|setting|"
    r"police|officer|pc|mother|father|mum|dad|parents?|carers?|step-?(?:father|mother|dad|mum)|grand(?:mother|"
    r"father|ma|pa|ad|dad|mum)|nan|nana|aunt|auntie|uncle|sister|brother|family|partner|manager|team|worker|"
    r"practitioner|therapist|psychologist|psychiatrist|clinician|consultant|paediatrician|advocate|advis[oe]r|"
    r"co-?ordinator|lead|chair|key\s*(?:worker|person)|mentor|coach|counsell?or|officer|service|"
    r"i|we|you|she|he|they|camhs|idva|isva|elsa|salt|probation|housing|council|local authority|"
    r"children's services|social care|trust|charity|clinic|practice|surgery)\b",
    re.I,
)
OWNER_IN_BRACKETS = re.compile(r"\(([^()]{2,40})\)\W*$")  # who, at the end of the action
INITIALS = re.compile(r"[A-Z]{2,3}(?:\s*(?:,|and|&)\s*[A-Z]{2,3})*")
PASSIVE = re.compile(r"^(?:to|will|shall|must|should|would|can|could|may|is to|are to)\s+"
                     r"(?:be|have been|continue to be)\s+(?:\w+(?:ed|en|ne|wn|un|ht|lt|pt|id|de)|put|set|sent|spent|"
                     r"met|held|read|let|cut|told|sold|found|left|heard|lost|won|hung|stood|understood)\b", re.I)
AGENT = re.compile(r"\b(?:by|with support from|led by|chaired by|supported by|from)\s+(?:the\s+|a\s+|an\s+)?([^,.;]+)",
                   re.I)
IMPLIED_OWNER_HEADING = re.compile(
    r"\bwhat\s+(?:i|we|(?:the\s+)?[\w'\u2019]+(?:\s+[\w'\u2019]+)?)\s+will\s+do\b|\b(?:my|our)\s+actions\b", re.I)
TYPED_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,2}[.)]?|\(?[a-h][.)]|\(?[ivx]{1,4}\))\s+")  # '9.3 If...'
NOT_AN_ACTION = re.compile(
    r"^\s*(?:(?:outcome|aim|goal|what needs to change|why|risk|note|objective)s?\b\s*\d*\s*[:\-\u2013]"
    r"|(?:if|should|unless|in the event)\b)", re.I)  # a heading line, or a contingency ('If..., then...')


def gives_when(text: str) -> bool:
    return bool(WHEN.search(text or ""))


def owner_missing(cell: str) -> bool:
    return bool(NO_OWNER.match(cell or "")) or crowd(cell or "")


def span_of(ctx: LintContext, item: PlanItem) -> Span:
    doc = ctx.tagged(item.block)
    return doc.char_span(item.start, item.end, alignment_mode="expand") or doc[:]


def all_actions(ctx: LintContext) -> list[PlanItem]:
    """The plan's items that ask for something to be done. An item of a plan table always does;
    a line or a list item does when it says what someone will do ('Sam to...', 'Check...'), not
    when it reports progress ('Ms Brooks has started the course') or is a contingency ('If...')."""
    return [a for a in ctx.document.plan
            if a.in_table or (not NOT_AN_ACTION.match(TYPED_NUMBER.sub("", a.text, count=1))
                              and is_action(_first_sentence(span_of(ctx, a))))]


def _first_sentence(span: Span) -> Span:
    """A plan item of several sentences asks for work when its first sentence does ('We will hold the
    first core group on 20 March. Chloe will chair it.'); a later one only adds to it."""
    for sent in span.sents if len(span) else ():
        if sent.text.strip():
            return sent
    return span


SUBORDINATORS = {"when", "as", "if", "until", "while", "because", "after", "before", "once", "unless", "so", "that",
                 "who", "which", "where"}


def is_action(doc: Doc | Span) -> bool:
    """A bullet that asks for something to be done: 'X to...', 'X will...', 'Check...', 'Review on 2 June'.

    A bullet that reports what has happened or what is so ('Jayden is at school every day',
    'Ms Brooks has started the course') is progress, not an action.
    """
    if _first_marker(doc) is not None:
        return True
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.tag_ == "VB":
        return True  # an imperative: 'Check Skye's attendance'
    # A noun phrase ('Review meeting on 2 June', 'Mentoring as and when he is free') is an action; a
    # sentence whose main verb is finite ('Ms Brooks has started the course') reports progress.
    for t in doc:
        if t.lower_ in SUBORDINATORS:
            return True
        if t.tag_ in ("VBZ", "VBD", "VBP"):
            return False
    return True



def names_owner(ctx: LintContext, item: PlanItem) -> bool:
    """Does this action name who will do it? 'Ms Foster to...', 'HV will...', '... chaired by Sam'; in
    an action of two sentences, either may say who ('We will send the minutes. Kerry Dodds will post them.')."""
    if IMPLIED_OWNER_HEADING.search(item.block.section or ""):
        return True
    tail = OWNER_IN_BRACKETS.search(item.text)
    if tail and (INITIALS.fullmatch(tail.group(1)) or ROLE.search(tail.group(1))):
        return True  # '... by Thurs 10 April (JM).', '... fortnightly on Tuesdays (school nurse).'
    span = span_of(ctx, item)
    sents = [s for s in span.sents if s.text.strip()] if len(span) else []
    if len(sents) > 1:
        return any(_names_owner(ctx, s, s.text) for s in sents)
    return _names_owner(ctx, span, item.text)


def _names_owner(ctx: LintContext, doc, text: str) -> bool:
    marker = _first_marker(doc)
    if marker is None:
        return _has_agent(text)  # a noun phrase: 'Review meeting on 2 June, chaired by Sam Okoro'
    subject = doc[:marker]
    after = doc[marker:].text
    if PASSIVE.match(after):
        return _has_agent(after)
    if not len(subject):
        return _has_agent(text)
    if crowd(subject.text) or (subject.text.strip().lower() in ("we", "us", "we all")
                               and ctx.report_type in ("chairs-letter", "core-group-minutes")):
        return False  # 'All agencies to...'; and in a letter or minutes, 'we' is everyone and so no one
    return _is_owner(subject, ctx.proper_names)


CROWD = re.compile(
    r"^(?:all|everyone|everybody|all involved|(?:the\s+)?(?:relevant\s+|key\s+|other\s+|all\s+|multi-?agency\s+|"
    r"partner\s+)*(?:professionals?|agencies|services|partners|the team|team|teams|network|professional network|"
    r"core group(?: members)?|group|workers|practitioners)(?: involved)?)$", re.I)


def crowd(subject: str) -> bool:
    """A subject that names no one: 'professionals', 'all agencies', 'the team', 'services'."""
    return bool(CROWD.match(" ".join(subject.replace(",", " ").split())))


def _first_marker(doc: Doc | Span) -> int | None:
    """Index of the token that starts the verb: 'to' + verb, or a modal ('will', 'must')."""
    for i, t in enumerate(doc):
        if t.tag_ == "MD" and t.lower_ in ("will", "shall", "must", "should", "would", "can", "could", "may"):
            return i
        if t.lower_ == "to" and i + 1 < len(doc) and doc[i + 1].tag_ in ("VB", "VBP") and i > 0:
            return i
        if t.lower_ in ("is", "are") and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            return i
        if t.lower_ in ("agreed", "agrees", "needs", "need", "has", "have") and i > 0 and i + 1 < len(doc) \
                and doc[i + 1].lower_ == "to":
            return i
    return None


def _is_owner(span, names: frozenset[str]) -> bool:
    if ROLE.search(span.text):
        return True
    return any((t.tag_ in ("NNP", "NNPS") or t.text in names) and t.text[:1].isupper() and t.is_alpha
               and not t.is_stop for t in span)


def _has_agent(text: str) -> bool:
    for m in AGENT.finditer(text):
        agent = m.group(1)
        if ROLE.search(agent) or re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'\-]+)+\b|\b[A-Z]{2,}\b", agent):
            return True
    return False
