"""Tables that are not data: layout tables and forms, read as the headings and paragraphs they are.

Practitioners lay reports out in tables as often as in headings: a two-column table with
section labels on the left ('Reason for report', 'Child's views', 'Actions') and the text on
the right; a Word form of questions and answers with a shaded label row for each part; the
whole report typed into one or two big cells. A person reads these as headings and
paragraphs, and so must the rules: a cell's paragraphs are separate paragraphs, a label is a
heading (the form's words, not the author's), and a short answer ('Dean Carter', '☒ Yes') is a
detail, like the details table at the top of a report. Data tables (a plan, a chronology, a
visits record, an attendance list) stay tables.

Everything here works on `RawItem`s from any reader, so a layout table in Word, in Markdown
(cells with `<br>`) or in a PDF is read the same way.
"""

from __future__ import annotations

import re

from cpdocs.raw import SENTENCE_END, RawCell, RawItem, looks_like_heading
from cpdocs.standards import section_keys_for_heading

# Column names of a data table's header row ('Date | Event', 'Action | Who | By when').
DATA_HEADER = re.compile(
    r"^\s*(?:dates?|when|time|day|name|names|who|role|action|actions|task|tasks|by when|by whom|lead|owner|"
    r"responsible|outcome|outcomes|goal|event|events|what happened|incident|details of|agency|organisation|"
    r"relationship|age|dob|date of birth|address|status|progress|rag|frequency|timescales?|target(?: date)?|"
    r"seen|seen alone|where|venue|attended|present|apologies|contact|initials|no\.?|#|ref|source|risk|need|"
    r"what|why|how|comments?|update|result|review date|completed|done|area|domain|score|scaling|strengths?|"
    r"worries|concerns?|impact|meeting|meetings|place|expected|type|purpose|service|professional|telephone|"
    r"phone|email|contact details|relationship to|school|class|year|subject|attendance|percentage|words?|terms?|"
    r"phrases?|abbreviations?|acronyms?|meaning|what it means|what this means|stands for|agenda(?: item)?|item|"
    r"discussion|notes?|topic|summary of discussion)\b", re.I)
# the title of a glossary: its rows are words and what they mean, never a form's questions or a plan
GLOSSARY_TITLE = re.compile(r"glossary|abbreviations|acronyms|key (?:terms|words)|what (?:the )?words mean|"
                            r"words (?:used|we use)|what (?:these|some) words mean", re.I)
FORM_HEADER = re.compile(
    r"^\s*(?:questions?|sections?|items?|headings?|areas?|topics?|field|prompt)\s*$"
    r"|^\s*(?:answers?|responses?|details|information|comments?|your (?:answer|response)|notes)\s*$", re.I)
DATE_LABEL = re.compile(r"^\s*(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?[\s/.\-]|^\s*\d{4}-\d{2}-\d{2}|^\s*(?:w/?c|wc)\b",
                        re.I)
DETAIL_LABELS = re.compile(
    r"^(child|children|name|names?|mother|father|dob|d\.o\.b\.?|date of birth|address|social worker|author|"
    r"report author|report by|setting|school|agency|date|venue|chair|meeting|conference|family|parents?|carer|role|gp|"
    r"legal status|category|present|ethnicity|siblings?|date and (time|venue)|time|key person|key worker|"
    r"nhs (?:number|no)|unique pupil|upn|year group|class|telephone|tel|phone|email|ref|our ref|your ref|"
    r"nationality|language|religion|gender|sex|age|baby|unborn|due date|edd|health visitor|midwife)\b",
    re.IGNORECASE,
)
LABEL_VALUE = re.compile(r"^\s*([A-Z][\w'\u2019./ ]{0,30}?)\s*:\s+(\S.*)$")
# Guidance a form gives its author, left in the draft: 'Describe the strengths within the family, for
# example...', 'Guidance: complete every section', 'Click or tap here to enter text.'
GUIDANCE_LABEL = re.compile(
    r"^\s*[\[(]?\s*(?:guidance|instructions?|note to (?:the )?author|author note|help text)\s*[:\-]"
    r"|^\s*[\[(]?\s*(?:click|tap) (?:or (?:click|tap) )?here to\b"
    r"|^\s*[\[(]?\s*(?:type|enter|insert) (?:text|details|your \w+|the \w+)? ?here\b", re.I)
GUIDANCE_ASK = re.compile(
    r"^\s*[\[(]?\s*(?:please\s+)?(?:give|include|describe|detail|record|provide|summari[sz]e|list|state|explain|"
    r"outline|consider|set out|add|insert|enter|type|write|comment on|tell us|say|use this (?:box|section)|complete)\b",
    re.I)
GENERIC = re.compile(
    r"\b(?:(?:the|each|a|any) child(?:'s|ren(?:'s)?)?|the (?:father|mother|parents?|family|carers?)(?:'s|s')?|your|you|"
    r"this (?:section|box)|the conference should|for example|e\.g\.|if (?:you|applicable|relevant))\b", re.I)
CHECKBOXES = "\u2610\u2611\u2612\u25a1\u25a0\u2713\u2714\u2717\u2718"
WORD = re.compile(r"[\w'\u2019&-]+")


def unfold(items: list[RawItem]) -> list[RawItem]:
    """The items with every layout table and form replaced by what it holds, and runs of details
    typed as lines ('Mother: Chelsea Barraclough') read as a details table."""
    out: list[RawItem] = []
    for item in items:
        if item.kind == "table":
            out.extend(unfold_table(item))
        elif not guidance(item, in_form=False):
            out.append(item)
    return _detail_lines(out)


def guidance(item: RawItem, in_form: bool) -> bool:
    """Guidance the form gives, left in by the author; in a form's answer box, also an instruction
    that speaks of 'the child' or 'you' in general ('Give the father's details...')."""
    if item.kind == "table":
        return False
    text = item.text.strip()
    if GUIDANCE_LABEL.match(text):
        return True
    return in_form and bool(GUIDANCE_ASK.match(text)) and bool(GENERIC.search(text))


def _detail_line(item: RawItem) -> re.Match | None:
    if item.kind != "paragraph" or "\n" in item.text or _words(item.text) > 12:
        return None
    m = LABEL_VALUE.match(item.text)
    return m if m and DETAIL_LABELS.match(m.group(1)) and not SENTENCE_END.search(m.group(2).strip()) else None


def _detail_lines(items: list[RawItem]) -> list[RawItem]:
    """Two or more 'Label: value' lines in a row, with labels such as 'Mother', 'Date of birth' or
    'School': the details of the report, typed as lines."""
    out: list[RawItem] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and _detail_line(items[j]):
            j += 1
        if j - i >= 2:
            rows = []
            for item in items[i:j]:
                m = _detail_line(item)
                mapped = item.mapped()
                rows.append([RawCell(items=[_part(item, mapped, m.start(1), m.end(1))]),
                             RawCell(items=[_part(item, mapped, m.start(2), len(item.text))])])
            out.append(RawItem(kind="table", cells=rows, details=True, line=items[i].line, page=items[i].page))
            i = j
            continue
        out.append(items[i])
        i += 1
    return out


def _part(item: RawItem, mapped, start: int, end: int) -> RawItem:
    piece = mapped.slice(start, end)
    return RawItem(kind="paragraph", text=piece.text, origin=piece.origin if item.origin is not None else None,
                   line=item.line, page=item.page, disabled=item.disabled)


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _live(row: list[RawCell]) -> list[RawCell]:
    return [c for c in row if not c.merged]


def _label_like(cell: RawCell) -> bool:
    """A cell that names what is beside it: short, one line, not a sentence ('Child's views', 'Father:')."""
    paras = cell.paragraphs
    if len(paras) != 1 or paras[0].kind == "list_item":
        return False
    text = paras[0].text.strip()
    if not text or _words(text) > 14 or len(text) > 120 or "\n" in text:
        return False
    return not SENTENCE_END.search(text) or text.endswith("?") or text.endswith("...")


def _prose(cell: RawCell) -> bool:
    """A cell of running text: several paragraphs, a list, or a sentence of some length."""
    paras = cell.paragraphs
    if len(paras) >= 2 or any(p.kind == "list_item" for p in paras) or any(i.kind == "table" for i in cell.items):
        return True
    text = cell.text
    return _words(text) >= 12 or (_words(text) >= 6 and bool(re.search(r"[.!?](?:\s|$)", text)))


def _big(cell: RawCell) -> bool:
    return len(cell.paragraphs) >= 3 or _words(cell.text) >= 80


def _is_data_header(row: list[RawCell]) -> bool:
    """A header row of column names: 'Date | Event', 'Action | Who | By when', or short bold names
    over three columns or more."""
    cells = _live(row)
    texts = [c.text.strip() for c in cells]
    if len(cells) < 2 or any(_words(t) > 6 for t in texts):
        return False
    if any(FORM_HEADER.match(t) for t in texts if t):
        return False
    filled = [c for c in cells if c.text.strip()]
    if len(cells) >= 3 and all(_words(c.text) <= 4 and not SENTENCE_END.search(c.text.strip()) for c in filled) \
            and all(all(p.bold for p in c.paragraphs) or c.shaded for c in filled):
        return True
    named = sum(1 for t in texts if t and DATA_HEADER.match(t))
    return named >= (len(filled) if len(filled) <= 2 else len(filled) - 1)


def _is_form_header(row: list[RawCell]) -> bool:
    texts = [c.text.strip() for c in _live(row) if c.text.strip()]
    return len(texts) >= 2 and all(FORM_HEADER.match(t) for t in texts)


def classify(rows: list[list[RawCell]]) -> str:
    """'box' (one short cell), 'flow' (text laid out in big cells), 'labelled' (labels beside
    their text: a layout table or a form), or 'data'."""
    live = [_live(r) for r in rows]
    filled = [c for r in live for c in r if c.text.strip()]
    if len(filled) == 1 and len(rows) == 1:
        return "flow" if _big(filled[0]) or len(filled[0].paragraphs) >= 2 else "box"
    if all(len(r) == 1 for r in live):
        return "flow"  # one column: boxes stacked down the page
    if live[0] and GLOSSARY_TITLE.search(live[0][0].text) and len(live[0][0].text.split()) <= 6:
        return "data"  # 'What the words mean | ...': a glossary, kept as a table of words and meanings
    if len(live) <= 2 and all(len(r) <= 2 for r in live) and any(_big(c) for c in filled) \
            and not _is_data_header(rows[0]) and not (len(live) == 2 and _labelled(live)):
        return "flow"
    if _is_data_header(rows[0]) and not _is_form_header(rows[0]):
        return "data"
    if _labelled(live):
        return "labelled"
    if any(_big(c) for c in filled):
        return "flow"  # a report typed into a grid of big cells, with no column names over them
    return "data"


def _labelled(live: list[list[RawCell]]) -> bool:
    pairs = [r for r in live if len(r) >= 2]
    if not pairs:
        return False
    first = [r[0] for r in pairs if r[0].text.strip()]
    if not first:
        return False
    labels = sum(1 for c in first if _label_like(c))
    dates = sum(1 for c in first if DATE_LABEL.match(c.text))
    if labels < 0.6 * len(first) or dates > 0.4 * len(first):
        return False
    # some row has running text beside its label, or the labels are a form's questions or shaded
    prose = any(any(_prose(c) for c in r[1:]) for r in pairs)
    shaded = sum(1 for r in pairs if r[0].shaded) >= max(1, len(pairs) // 2) and not any(c.shaded for r in pairs
                                                                                      for c in r[1:])
    return prose or (shaded and len(pairs) >= 2)


def unfold_table(table: RawItem) -> list[RawItem]:
    rows = [r for r in table.table_cells() if any(c.text.strip() for c in r)]
    if not rows:
        return []
    shape = classify(rows)
    if shape == "data":
        table.cells = rows
        return [table]
    if shape == "box":
        cell = next(c for r in rows for c in _live(r) if c.text.strip())
        return [_box(cell)]
    if shape == "flow":
        return _flow(rows)
    return _unfold_labelled(rows)


def _box(cell: RawCell) -> RawItem:
    """A one-cell box: a heading typed in a shaded or bold box, or a boxed paragraph."""
    para = cell.paragraphs[0]
    text = cell.mapped()
    bold = all(p.bold for p in cell.paragraphs)
    return RawItem(kind="paragraph", text=text.text, origin=text.origin, bold=bold, shaded=cell.shaded or bold,
                   line=para.line, page=para.page, disabled=para.disabled)


def _flow(rows: list[list[RawCell]]) -> list[RawItem]:
    out: list[RawItem] = []
    for row in rows:
        for cell in _live(row):
            if not cell.text.strip():
                continue
            if len(cell.paragraphs) == 1 and not any(i.kind == "table" for i in cell.items) \
                    and (cell.shaded or cell.paragraphs[0].bold) and looks_like_heading(_box(cell)):
                out.append(_box(cell))  # a shaded or bold label box above its text
                continue
            out.extend(unfold(cell.items))
    return out


def _heading(cell: RawCell, level: int) -> RawItem:
    text = cell.mapped()
    para = cell.paragraphs[0]
    return RawItem(kind="heading", text=text.text, origin=text.origin, level=level, authored=False, line=para.line,
                   page=para.page, disabled=para.disabled)


def _detail_value(cells: list[RawCell], label: RawCell | None = None) -> bool:
    """A short answer: a name, a date, a tick box ('Dean Carter', '3 March 2025', '☒ Yes ☐ No'); after a
    label of the details ('Children', 'Parents'), a longer list of them ('Yusuf Hussain, born 30.11.2021
    (3 years); Amira Hussain, born 06.06.2024 (9 months)')."""
    text = " ".join(c.text for c in cells).strip()
    limit = 30 if label is not None and DETAIL_LABELS.match(label.text.strip()) else 14
    return _words(text) <= limit and not re.search(r"[.!?](?:\s|$)", text) \
        and all(len(c.paragraphs) <= 1 for c in cells)


def _unfold_labelled(rows: list[list[RawCell]]) -> list[RawItem]:
    out: list[RawItem] = []
    details: list[list[RawCell]] = []

    def flush() -> None:
        if details:
            out.append(RawItem(kind="table", cells=[list(r) for r in details], details=True))
            details.clear()

    start = 1 if _is_form_header(rows[0]) else 0
    for n, row in enumerate(rows[start:], start=start):
        live = _live(row)
        filled = [c for c in live if c.text.strip()]
        if len(live) == 1 or (len(filled) == 1 and filled[0] is live[0] and (live[0].span > 1 or _label_row(rows, n))):
            flush()
            cell = filled[0]
            if _label_like(cell):
                out.append(_heading(cell, 2))  # a label row across the table: a part of the form
            else:
                out.extend(unfold(cell.items))
            continue
        label, content = live[0], live[1:]
        if len(live) == 4 and _label_like(live[2]) and _detail_value([live[1]]) and _detail_value([live[3]]):
            details.extend([[live[0], live[1]], [live[2], live[3]]])  # 'Name | X | Date of birth | Y'
            continue
        if not label.text.strip() or not _label_like(label):
            flush()
            for cell in live:
                out.extend(unfold(cell.items))
            continue
        answered = [c for c in content if c.text.strip()]
        if answered and _detail_value(answered, label) and (not _prose_label(label) or _ticks(answered)):
            details.append([label, _joined(answered)])
            continue
        flush()
        out.append(_heading(label, 3))
        for cell in answered:
            out.extend(unfold([i for i in cell.items if not guidance(i, in_form=True)]))
    flush()
    return out


def _label_row(rows: list[list[RawCell]], n: int) -> bool:
    """In a format with no merged cells (Markdown), a label alone on its row, not a question, with
    answered rows under it, is a label row across the table ('What Reuben says' over 'Reuben's words')."""
    text = rows[n][0].text.strip()
    if text.endswith(("?", ":")) or any(c.text.strip() for c in rows[n][1:]):
        return False
    nxt = _live(rows[n + 1]) if n + 1 < len(rows) else []
    return len(nxt) >= 2 and all(c.text.strip() for c in nxt[:2])


def _prose_label(label: RawCell) -> bool:
    """A label that asks for an account ('What has the child said?', 'Analysis'), not a detail:
    its answer is a section of the report even when it is short."""
    text = label.text.strip().rstrip(":")
    if ABOUT_THE_PLAN.search(text):
        return False  # 'Category of plan | Neglect' names a detail of the plan, not the plan
    keys = section_keys_for_heading(text)
    return bool(keys - {"father", "parents-views", "dates-seen"}) or text.endswith("?")


ABOUT_THE_PLAN = re.compile(r"\b(?:category|type|date|number|start(?:ed)?|length|status)\b(?:\s+of)?\s+(?:the\s+)?"
                            r"(?:child protection\s+)?plan\b|\bplan\s+(?:category|type|start(?:ed)?|date|number|"
                            r"status)\b", re.I)


def _ticks(cells: list[RawCell]) -> bool:
    """An answer given by ticking boxes ('☒ Yes ☐ No'): a detail, whatever the question."""
    return any(ch in c.text for c in cells for ch in CHECKBOXES)


def _joined(cells: list[RawCell]) -> RawCell:
    if len(cells) == 1:
        return cells[0]
    return RawCell(items=[i for c in cells for i in c.items])
