"""Where a draft's plan is, whatever form it is written in, and which tables are records.

Actions live in plans wherever they are written: a plan table ('Action | Who | By when'), a
numbered or bulleted list under a plan, actions or recommendations heading, lines of a plan
written one to a paragraph, 'Action: Sam (health visitor) to ... by 14/03' lines inside the
discussion of minutes, and 'We will...' sentences in the 'What happens next' part of a chair's
letter. A record is not a plan: a review of last time's actions with their status, a
chronology, a household or attendance table, a table of visits.

This module finds the candidates by structure alone and says why each was read as an
action; the lint rules then decide, with the language model, which of them ask for something
to be done, and whether it has an owner and a date.
"""

from __future__ import annotations

import re

from cpdocs.model import Block, Document, PlanItem, Table

ACTION_COL = re.compile(
    r"^\s*(?:actions?|tasks?|what\s*$|what (?:we|i|they|you) will do|activity|activities|intervention|steps?"
    r"|actions? (?:agreed|needed|required)"
    r"|what (?:needs to|will|must) (?:happen|be done|change)|details)", re.I)
OUTCOME_COL = re.compile(r"^\s*(?:outcomes?|goals?|aims?|objectives?|what needs to change|risks?)\b", re.I)
WHO_COL = re.compile(r"\b(?:who|lead|by whom|responsible|owner|person|agency|named|worker)\b", re.I)
WHEN_COL = re.compile(r"\b(?:when|timescales?|dates?|deadlines?|frequency|how often|target|by)\b", re.I)
STATUS_COL = re.compile(r"^\s*(?:status|progress|update|completed\??|done\??|rag|achieved\??|outcome of action|"
                        r"comments? on progress|progress (?:made|update)|met\??)"
                        r"(?:\s+(?:at|as at|on|by)\s+[\w /.-]{1,20})?\s*$", re.I)  # 'Status', 'Status at 1 May 2025'
# 'Review of the plan from the last conference', 'Progress on the last plan': the old plan, looked back on
LAST_PLAN = re.compile(r"\b(?:last|previous|old|first)\s+(?:child protection\s+)?plan\b"
                       r"|\bplan\s+(?:from|agreed at|made at|set at)\s+the\s+(?:last|previous|initial|first)\b", re.I)
# an action cell that says there is none: a row of minutes where nothing was agreed
NO_ACTION = re.compile(r"^\s*(?:none(?:\s+(?:agreed|needed|required|identified))?|no\s+(?:new\s+|further\s+)?actions?"
                       r"(?:\s+(?:agreed|needed|required|identified))?|nil|n/?a|[-\u2013\u2014.]+)\s*\.?\s*$", re.I)
NOT_ACTION_TABLE = re.compile(r"\b(?:seen|alone|where|place|location|attended|present|apologies|role|happened|"
                              r"events?|incidents?)\b", re.I)

# A section that looks back: a review of the last plan, progress so far.
LOOKS_BACK = re.compile(
    r"\b(?:review of|reviewing|progress|update on|updates? from|since the last|so far|previous|last (?:meeting|core "
    r"group|conference|review)|actions? from (?:the )?(?:last|previous)|outstanding actions? from|what has happened)\b",
    re.I)
# Outcomes say what should change, not who does what: a plan's goals are not its actions.
OUTCOMES = re.compile(r"\b(?:outcomes?|goals?|aims?|objectives?|what (?:the|this) plan is for|what needs to change|"
                      r"what we (?:want|hope) to (?:achieve|see|happen)|what should change|desired)\b", re.I)
STEPS = re.compile(r"\b(?:actions?|steps|tasks|what (?:we|i|\w+) will do|who will|next|what will happen)\b", re.I)
CHRONOLOGY = re.compile(r"\b(?:chronology|history|background|significant events|timeline)\b", re.I)
ACTION_LINE = re.compile(r"(?:^|(?<=[.!?;]\s)|(?<=\n))\s*(?:agreed\s+)?actions?(?:\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?"
                         r"\s*[:\u2013\u2014-]\s*", re.I)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])['\"\u2019\u201d)]*\s+(?=[A-Z0-9\u201c\u2018\"'(])|\n")
WILL = re.compile(r"\b(?:will|shall|are going to|is going to|to)\b", re.I)
# 'Book the dentist (Ms Reid): done.' - an action of the last plan, reported with its status
STATUS_TAIL = re.compile(r"(?::|\s[\u2013\u2014-])\s*(?:not\s+(?:yet\s+)?)?(?:done|completed?|achieved|met|"
                         r"carried (?:forward|over))\b", re.I)
# 'We will hold the first core group on 20 March. Chloe Nixon will chair it.': the second sentence says
# who, for the first; it is not an action of its own.
NAMES_WHO_FOR_US = re.compile(r"^\s*(?:we|all of us|everyone|the professionals)\b", re.I)
SAYS_WHO = re.compile(r"\bwill\b.{0,60}\b(?:it|them|this|these|that)\b|\bwill (?:do|chair|lead|arrange|send|post|"
                      r"book|write|run|share)\b", re.I)
# 'The plan agreed at the conference is:', 'We agreed these actions:', 'What will happen next:' - a
# paragraph ending in a colon that says the list under it is the plan
PLAN_INTRO = re.compile(
    r"(?:\b(?:the|our|this|your|child protection)\s+plan\s+(?:(?:that\s+)?(?:we|the conference|the core group)\s+"
    r"agreed|agreed|is|will be|includes)\b"
    r"|\b(?:we|the conference|the core group|the meeting|everyone)\s+agreed\b"
    r"|\b(?:the\s+)?(?:actions|next steps)\s+(?:agreed\s+)?(?:are|were)\b"
    r"|\bwhat (?:will|needs to) happen (?:next|now)\b|\bwho will do what\b)[^.!?]{0,80}:\s*$", re.I)
REFERS_BACK = re.compile(r"^(?:it|this|that|these|those|which|there)\b", re.I)
LETTER_OPEN = re.compile(r"^\s*(?:dear|to)\s+\S", re.I)
LETTER_CLOSE = re.compile(r"^\s*(?:yours\s+(?:sincerely|faithfully|truly)|kind regards|best wishes|with best wishes|"
                          r"many thanks|regards)\b", re.I)


def columns(header: list[str], in_plan: bool) -> tuple[int | None, int | None, int | None]:
    """The action, who and when columns. Without a column named 'Action' (or 'Task', 'What'...),
    a table is an action table only in a plan section and with both a who and a when column."""
    action = next((i for i, h in enumerate(header) if ACTION_COL.match(h)), None)
    who = next((i for i, h in enumerate(header) if WHO_COL.search(h) and i != action), None)
    when = next((i for i, h in enumerate(header) if WHEN_COL.search(h) and i not in (action, who)), None)
    if action is None and in_plan and who is not None and when is not None \
            and not any(NOT_ACTION_TABLE.search(h) for h in header):
        action = next((i for i, h in enumerate(header) if i not in (who, when) and not OUTCOME_COL.match(h)), None)
    return action, who, when


def _plan_section(keys: frozenset[str]) -> bool:
    return ("plan" in keys or "recommendation" in keys) and "contingency" not in keys


def find_records(doc: Document) -> dict[int, str]:
    """What each table records, when it is a record rather than a plan or details."""
    out: dict[int, str] = {}
    for t in doc.tables:
        header = " ".join(t.header).lower()
        if t.is_details:
            out[t.index] = "details"
        elif _looks_back(t):
            out[t.index] = "review"
        elif CHRONOLOGY.search(t.section) or ("date" in header and re.search(r"event|what happened|incident", header)):
            out[t.index] = "chronology"
        elif "seen" in header or ("date" in header and re.search(r"visit|alone", header)):
            out[t.index] = "visits"
        elif re.search(r"\b(?:attend|present|apolog|initials)", header):
            out[t.index] = "attendance"
        elif re.search(r"\b(?:relationship|date of birth|dob|household)\b", header):
            out[t.index] = "household"
    return out


DONE = re.compile(r"^\s*(?:done|completed?|achieved|met|yes|closed|finished|in place|\u2713|\u2714)\b", re.I)


def _looks_back(t: Table) -> bool:
    """A review of last time's actions: under a heading that looks back and does not call itself the
    plan ('Actions from the last core group', not 'Child protection plan - review of progress'), or
    with a status column that says the actions are done."""
    if LOOKS_BACK.search(t.section) and (not re.search(r"\bplan\b", t.section, re.I) or LAST_PLAN.search(t.section)):
        return True
    status = next((i for i, h in enumerate(t.header) if STATUS_COL.match(h)), None)
    if status is None:
        return False
    values = [r[status].text for r in t.rows if status < len(r) and r[status].text.strip()]
    return bool(values) and sum(1 for v in values if DONE.match(v)) > len(values) / 2


def table_plan(table: Table, records: dict[int, str]) -> list[PlanItem]:
    if table.index in records:
        return []
    action, who, when = columns(table.header, "plan" in table.section_keys)
    if action is None or (who is None and when is None):
        return []
    names = " / ".join(h for h in table.header if h)
    why = f"read as a plan action because it is in a table with columns {names}"
    out = []
    for row in table.rows:
        cells = {c.col: c for c in row}
        if action not in cells or not cells[action].text.strip() or NO_ACTION.match(cells[action].text):
            continue
        if len(row) == 1 and len(table.header) > 2:
            continue  # a sub-heading row: one merged cell across the table
        block = cells[action]
        out.append(PlanItem(
            block=block, start=0, end=len(block.text),
            owner=cells[who].text if who is not None and who in cells else None,
            when=cells[when].text if when is not None and when in cells else None,
            in_table=True, why=why))
    return out


def find_plan(doc: Document) -> list[PlanItem]:
    """Every candidate action of the draft, in reading order."""
    items: list[PlanItem] = [a for t in doc.tables for a in table_plan(t, doc.records)]
    # a plan written as lines, one action to a paragraph, is read only where the part of the draft
    # it is in has no plan table or list: there, paragraphs are the plan's introduction or notes
    tabled = {doc.blocks[t.first_block].part for t in doc.tables if t.first_block < len(doc.blocks)
              and table_plan(t, doc.records)}
    listed = {b.part for b in doc.blocks if b.kind == "list_item" and _plan_section(b.section_keys)}
    reviews = _review_sections(doc)
    signed = False  # after 'Yours sincerely' comes the signature, not the plan
    introduced = False  # a list after 'The plan agreed at the conference is:' is the plan, with or without a heading
    for n, b in enumerate(doc.blocks):
        if b.kind in ("heading", "title"):
            signed = False
        signed = signed or (b.kind == "paragraph" and bool(LETTER_CLOSE.match(b.text)))
        if b.kind != "list_item":
            introduced = b.kind == "paragraph" and bool(PLAN_INTRO.search(b.text))
        if b.kind == "list_item" and _heads_actions(doc.blocks, n):
            continue  # a list item with actions under it is their heading: a goal or a theme, not an action
        if signed or b.table is not None or b.kind not in ("paragraph", "list_item") or LOOKS_BACK.search(b.section) \
                or b.section in reviews or STATUS_TAIL.search(b.text):
            continue
        if (lines := _action_lines(b)):
            items.extend(lines)
            continue
        if introduced and b.kind == "list_item" and not _plan_section(b.section_keys):
            items.append(PlanItem(block=b, start=0, end=len(b.text), owner=None, when=None, in_table=False,
                                  why="read as a plan action because it is in a list introduced as the plan"))
            continue
        if not _plan_section(b.section_keys) or (OUTCOMES.search(b.section) and not STEPS.search(b.section)):
            continue
        heading = f"'{b.section}'" if b.section else "the plan"
        if b.kind == "list_item":
            items.append(PlanItem(block=b, start=0, end=len(b.text), owner=None, when=None, in_table=False,
                                  why=f"read as a plan action because it is a list item under the heading {heading}"))
        elif "plan" in b.section_keys and b.part not in tabled and b.part not in listed \
                and len(b.text.split()) <= 50:
            items.extend(_sentences(b, f"read as a plan action because it is a line under the heading {heading}"))
    items.sort(key=lambda a: (a.block.index, a.start))
    return items


def _heads_actions(blocks: list[Block], n: int) -> bool:
    """'1. Chloe will feel safe at home.' with 'Ben Hughes will visit...' under it: the items nested
    under it each say what someone will do. Notes under an action ('Tuesdays at 10am') leave it one."""
    level = blocks[n].list_level
    under = []
    for b in blocks[n + 1:]:
        if b.kind != "list_item" or b.list_level <= level:
            break
        if b.list_level == level + 1:
            under.append(b)
    return bool(under) and all(WILL.search(b.text) for b in under)


def _review_sections(doc: Document) -> set[str]:
    """Sections whose list reports last time's actions with their status ('...: done')."""
    counts: dict[str, list[int]] = {}
    for b in doc.blocks:
        if b.kind == "list_item":
            c = counts.setdefault(b.section, [0, 0])
            c[0] += 1
            c[1] += bool(STATUS_TAIL.search(b.text))
    return {name for name, (items, done) in counts.items() if done >= 2 and done * 2 >= items}


def _action_lines(b: Block) -> list[PlanItem]:
    """'Action: Sam (health visitor) to ring the GP by 14/03' inside a paragraph of minutes."""
    out = []
    marks = list(ACTION_LINE.finditer(b.text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(b.text)
        nl = b.text.find("\n", m.end(), end)
        end = nl if nl != -1 else end
        start = m.end()
        before = b.text[:m.start()].rstrip(" \t")
        if before and not before.endswith("\n"):
            # in the middle of a paragraph of discussion ('... on 12 February. ACTION - Priya Shah to rebook
            # it. It was agreed that ...'), the action is its own sentence; the discussion goes on after it
            first = sentence_spans(b.text[start:end])
            if first:
                end = start + first[0][1]
        words = b.text[start:end].strip()
        if not words:
            continue
        if len(words.split()) <= 4 and not WILL.search(words) and m.start() > 0:
            # '... will ring the school on Monday. Action: KC' - the action is the sentence before
            before = b.text[:m.start()].rstrip()
            sents = sentence_spans(before)
            if not sents:
                continue
            out.append(PlanItem(block=b, start=sents[-1][0], end=sents[-1][1],
                                owner=words.rstrip(". "), when=None, in_table=False,
                                why="read as a plan action because 'Action:' names who will do it"))
            continue
        out.append(PlanItem(block=b, start=start, end=start + len(b.text[start:end].rstrip()), owner=None, when=None,
                            in_table=False, why="read as a plan action because the line starts 'Action:'"))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a line or paragraph, by punctuation (the model's sentences are not known here)."""
    spans, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((s + lead, e - trail))
    return out


def _sentences(b: Block, why: str) -> list[PlanItem]:
    """The actions of a plan line or paragraph: each sentence that says what someone will do, with
    the sentences after it that carry on about it ('... the Freedom Programme. It starts on 3 March.')."""
    sents = sentence_spans(b.text)
    if len(sents) <= 1:
        return [PlanItem(block=b, start=0, end=len(b.text), owner=None, when=None, in_table=False, why=why)]
    out: list[PlanItem] = []
    for s, e in sents:
        text = b.text[s:e]
        carries_on = out and (REFERS_BACK.match(text) or (NAMES_WHO_FOR_US.match(b.text[out[-1].start:out[-1].end])
                                                          and SAYS_WHO.search(text)))
        if (WILL.search(text) and not carries_on) or not out:
            out.append(PlanItem(block=b, start=s, end=e, owner=None, when=None, in_table=False, why=why))
        else:
            out[-1].end = e  # 'We will send the minutes by 8 April. Kerry Dodds will post them.': one action
    return out


def is_letter(doc: Document) -> bool:
    """Written as a letter: it opens 'Dear ...' near the top or closes 'Yours sincerely'."""
    opening = [b for b in doc.blocks[:12] if b.kind in ("paragraph", "title", "heading")]
    if any(LETTER_OPEN.match(b.text) and b.text.lower().startswith("dear") for b in opening):
        return True
    return any(LETTER_CLOSE.match(b.text) for b in doc.blocks[-12:] if b.kind == "paragraph")
