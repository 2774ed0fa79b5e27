"""Finding the actions in a draft and reading who owns them and when they are due.

Actions live in action tables (columns such as 'Action | Who | By when') and in the bullets
of a plan or actions section. For each one this module answers two questions the standards
ask of every action: does it name a person or agency who will do it, and does it give a date
or a frequency?
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from cpdocs.document import Block, Table
from cpdocs.lint.context import LintContext
from cpdocs.lint.dates_in_text import MONTH_NAME

ACTION_COL = re.compile(
    r"^\s*(?:actions?|tasks?|what\s*$|what (?:we|i|they|you) will do|activity|activities|intervention|steps?"
    r"|actions? (?:agreed|needed|required)"
    r"|what (?:needs to|will|must) (?:happen|be done|change)|details)", re.I)
OUTCOME_COL = re.compile(r"^\s*(?:outcomes?|goals?|aims?|objectives?|what needs to change|risks?)\b", re.I)
WHO_COL = re.compile(r"\b(?:who|lead|by whom|responsible|owner|person|agency|named|worker)\b", re.I)
WHEN_COL = re.compile(r"\b(?:when|timescales?|dates?|deadlines?|frequency|how often|target|by)\b", re.I)

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
    r"|\b(?:on|by|every|each|from|until|before|next|this|on a|on the)\s+" + DAY + r"\b"
    r"|\b" + DAY + r"\b"
    r"|\b(?:daily|weekly|fortnightly|monthly|termly|nightly|yearly|annually|quarterly|hourly|weekdays|weeknights)\b"
    r"|\b(?:every|each)\s+(?:other\s+|single\s+|school\s+)?(?:\d+\s+|one\s+|two\s+|three\s+|four\s+|five\s+|six\s+"
    r"|ten\s+)?(?:working\s+|school\s+|calendar\s+)?" + UNIT + r"\b"
    r"|\b(?:once|twice|\d+\s+times|one|two|three|four)\s+(?:times\s+)?(?:a|per|each|every)\s+" + UNIT + r"\b"
    r"|\b(?:at|before|by|after|until|ahead of)\s+(?:the\s+)?(?:next\s+|first\s+|second\s+|following\s+)?"
    r"(?:review(?:\s+child\s+protection)?\s+conference|core group(?:\s+meeting)?|conference|rcpc|icpc)s?\b"
    r"|\b(?:at|before|after|by|from)?\s*(?:each|every)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:meeting|visit|session|"
    r"appointment|core group|review|contact|home visit)s?\b"
    r"|\b(?:at|by|from|before)\s+\d{1,2}\s+weeks(?:'|\u2019)?(?:\s+pregnant|\s+gestation)?\b"
    r"|\bwithin\s+(?:\d+|one|two|three|four|five|six|seven|ten|a)\s+(?:working\s+|school\s+)?" + UNIT + r"\b"
    r"|\b(?:the\s+)?same\s+(?:working\s+)?day\b|\bwithin\s+\d+\s+hours\b"
    r"|\b(?:today|tomorrow|immediately|tonight|this week|next week|this month|next month|end of (?:the\s+)?"
    r"(?:week|month|term|" + MONTH_NAME + r"))\b"
    r"|\b(?:\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm))\s+(?:each|every|on)\b",
    re.I,
)

ROLE = re.compile(
    r"\b(?:social\s+worker|sw|health\s+visitor|hv|school\s+nurse|midwife|midwives|gp|doctor|nurse|teacher|"
    r"head\s*teacher|headteacher|head of year|senco|senco|dsl|deputy|nursery|school|college|academy|setting|"
    r"police|officer|pc|mother|father|mum|dad|parents?|carers?|step-?(?:father|mother|dad|mum)|grand(?:mother|"
    r"father|ma|pa|ad|dad|mum)|nan|nana|aunt|auntie|uncle|sister|brother|family|partner|manager|team|worker|"
    r"practitioner|therapist|psychologist|psychiatrist|clinician|consultant|paediatrician|advocate|advis[oe]r|"
    r"co-?ordinator|lead|chair|key\s*(?:worker|person)|mentor|coach|counsell?or|officer|service|"
    r"i|we|she|he|they|camhs|idva|isva|elsa|salt|probation|housing|council|local authority|"
    r"children's services|social care|trust|charity|clinic|practice|surgery)\b",
    re.I,
)
PASSIVE = re.compile(r"^(?:to|will|shall|must|should|would|can|could|may|is to|are to)\s+"
                     r"(?:be|have been|continue to be)\s+\w+(?:ed|en|ne|wn|un|ht|lt|pt|id|de)\b", re.I)
AGENT = re.compile(r"\b(?:by|with support from|led by|chaired by|supported by|from)\s+(?:the\s+|a\s+|an\s+)?([^,.;]+)",
                   re.I)
IMPLIED_OWNER_HEADING = re.compile(
    r"\bwhat\s+(?:i|we|(?:the\s+)?[\w'\u2019]+(?:\s+[\w'\u2019]+)?)\s+will\s+do\b|\b(?:my|our)\s+actions\b", re.I)
NOT_AN_ACTION = re.compile(
    r"^\s*(?:(?:outcome|aim|goal|what needs to change|why|risk|note|objective)s?\b\s*\d*\s*[:\-\u2013]"
    r"|(?:if|should|unless|in the event)\b)", re.I)  # a heading line, or a contingency ('If..., then...')


@dataclass
class Action:
    block: Block  # the action cell, or the bullet
    owner: str | None  # the Who cell, when the action is in a table with one
    when: str | None  # the When cell, when the action is in a table with one
    in_table: bool

    @property
    def text(self) -> str:
        return self.block.text


def gives_when(text: str) -> bool:
    return bool(WHEN.search(text or ""))


def owner_missing(cell: str) -> bool:
    return bool(NO_OWNER.match(cell or ""))


NOT_ACTION_TABLE = re.compile(r"\b(?:seen|alone|where|place|location|attended|present|apologies|role|happened|"
                              r"events?|incidents?)\b", re.I)


def _columns(header: list[str], in_plan: bool) -> tuple[int | None, int | None, int | None]:
    """The action, who and when columns. Without a column named 'Action' (or 'Task', 'What'...),
    a table is an action table only in a plan section and with both a who and a when column."""
    action = next((i for i, h in enumerate(header) if ACTION_COL.match(h)), None)
    who = next((i for i, h in enumerate(header) if WHO_COL.search(h) and i != action), None)
    when = next((i for i, h in enumerate(header) if WHEN_COL.search(h) and i not in (action, who)), None)
    if action is None and in_plan and who is not None and when is not None \
            and not any(NOT_ACTION_TABLE.search(h) for h in header):
        action = next((i for i, h in enumerate(header) if i not in (who, when) and not OUTCOME_COL.match(h)), None)
    return action, who, when


def table_actions(table: Table) -> list[Action]:
    if table.is_details:
        return []
    action, who, when = _columns(table.header, "plan" in table.section_keys)
    if action is None or (who is None and when is None):
        return []
    out = []
    for row in table.rows:
        cells = {c.col: c for c in row}
        if action not in cells or not cells[action].text.strip():
            continue
        if len(row) == 1 and len(table.header) > 2:
            continue  # a sub-heading row: one merged cell across the table
        out.append(Action(
            block=cells[action],
            owner=cells[who].text if who is not None and who in cells else None,
            when=cells[when].text if when is not None and when in cells else None,
            in_table=True,
        ))
    return out


def list_actions(ctx: LintContext) -> list[Action]:
    out = []
    for b in ctx.document.blocks:
        if b.kind == "list_item" and "plan" in b.section_keys and "contingency" not in b.section_keys \
                and not NOT_AN_ACTION.match(b.text) \
                and is_action(ctx.docs[b.index]):
            out.append(Action(block=b, owner=None, when=None, in_table=False))
    return out


SUBORDINATORS = {"when", "as", "if", "until", "while", "because", "after", "before", "once", "unless", "so", "that",
                 "who", "which", "where"}


def is_action(doc: Doc) -> bool:
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



def all_actions(ctx: LintContext) -> list[Action]:
    actions = [a for t in ctx.document.tables for a in table_actions(t)]
    return actions + list_actions(ctx)


def names_owner(ctx: LintContext, block: Block) -> bool:
    """Does this action name who will do it? 'Ms Foster to...', 'HV will...', '... chaired by Sam'."""
    doc: Doc = ctx.docs[block.index]
    text = block.text
    if IMPLIED_OWNER_HEADING.search(block.section or ""):
        return True
    marker = _first_marker(doc)
    if marker is None:
        return _has_agent(text)  # a noun phrase: 'Review meeting on 2 June, chaired by Sam Okoro'
    subject = doc[:marker]
    after = doc[marker:].text
    if PASSIVE.match(after):
        return _has_agent(after)
    if not len(subject):
        return _has_agent(text)
    return _is_owner(subject, ctx.proper_names)


def _first_marker(doc: Doc) -> int | None:
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
