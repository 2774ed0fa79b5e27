"""Suggestions as Word tracked changes: `w:del` of the old words and `w:ins` of the new, in the run's
own formatting, signed with an author and the time, so the author accepts or rejects each in Word's
review pane.

Written here, in lxml on python-docx's tree, rather than with a tracked-changes library: the two on
PyPI were tried against cpdocs' cases. docx-revisions rebuilds the runs it touches without their
formatting (a bold word's neighbours lose their bold) and finds its target by searching the text;
docx-redline needs Python 3.12 (cpdocs supports 3.11). What is needed is small: the words come from
a finding, `docx_ranges` turns them into whole runs and refuses what cannot safely be changed in
place (a hyperlink, a field, a smart tag, someone else's tracked change), and this module wraps
those runs and adds new ones beside them.

Revision ids start above every `w:id` already in the package (comments, bookmarks, earlier
revisions), so existing tracked changes and comments are kept as they are.
"""

from __future__ import annotations

import itertools
from copy import deepcopy
from datetime import UTC, datetime

from docx.oxml.ns import nsmap, qn
from lxml import etree

from cpdocs.lint.edits import Edit, word_ops
from cpdocs.lint.reporters.docx_ranges import W_R, W_RPR, W_T, Ranges, set_text
from cpdocs.model import Block

W_INS, W_DEL, W_DELTEXT, W_ID, W_AUTHOR, W_DATE = (
    qn("w:ins"), qn("w:del"), qn("w:delText"), qn("w:id"), qn("w:author"), qn("w:date"))
W_PPR, W_TRPR, W_TBL, W_TC = qn("w:pPr"), qn("w:trPr"), qn("w:tbl"), qn("w:tc")
RPR_CHANGE = qn("w:rPrChange")
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
ALL_IDS = etree.XPath("//@w:id", namespaces={"w": nsmap["w"]})


def first_free_id(package) -> int:
    """One more than the largest `w:id` in any XML part of the package (footnotes and the like that
    python-docx keeps as bytes are parsed for it)."""
    top = 0
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None and str(part.partname).endswith(".xml"):
            try:
                element = etree.fromstring(part.blob, SAFE_XML)
            except etree.XMLSyntaxError:
                continue
        if element is None:
            continue
        for value in ALL_IDS(element):
            if value.lstrip("-").isdigit():
                top = max(top, int(value))
    return top + 1


class Marks:
    """Stamps revisions with a fresh id, the author and the time."""

    def __init__(self, package, author: str, when: datetime | None = None):
        self.ids = itertools.count(first_free_id(package))
        self.author = author
        self.date = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def make(self, tag: str):
        el = etree.Element(tag)
        el.set(W_ID, str(next(self.ids)))
        el.set(W_AUTHOR, self.author)
        el.set(W_DATE, self.date)
        return el


def _new_run(text: str, like) -> etree._Element:
    """A run of new text in the formatting of the run `like` (not its tracked formatting change)."""
    run = etree.Element(W_R)
    rpr = like.find(W_RPR) if like is not None else None
    if rpr is not None:
        rpr = deepcopy(rpr)
        for change in rpr.findall(RPR_CHANGE):
            rpr.remove(change)
        run.append(rpr)
    t = etree.SubElement(run, W_T)
    set_text(t, text)
    return run


def _insert(text: str, like, marks: Marks):
    ins = marks.make(W_INS)
    ins.append(_new_run(text, like))
    return ins


def _delete(first, last, marks: Marks):
    """Mark the runs from `first` to `last` (siblings) as deleted: each group of neighbouring text runs
    goes in one `w:del`; bookmarks, comment marks and comment references stay outside. The last
    `w:del` made (new words go after it)."""
    siblings, el = [], first
    while el is not None:
        siblings.append(el)
        if el is last:
            break
        el = el.getnext()
    made, group = None, []
    for el in [*siblings, None]:
        if el is not None and el.tag == W_R and el.find(W_T) is not None:
            group.append(el)
            continue
        if group:
            made = marks.make(W_DEL)
            group[0].addprevious(made)
            for run in group:
                for t in run.iter(W_T):
                    t.tag = W_DELTEXT
                made.append(run)
            group = []
    return made


def rewrite(ranges: Ranges, block: Block, edit: Edit, marks: Marks) -> None:
    """Make one edit as tracked changes, word by word: only the words that change are deleted and
    inserted ('CAMHS' gains its name before it and a bracket after, and stays as it was)."""
    old = block.text[edit.start:edit.end]
    for tag, i1, i2, j1, j2 in reversed(word_ops(old, edit.new)):  # from the right: earlier offsets hold
        a, b, text = edit.start + i1, edit.start + i2, edit.new[j1:j2]
        if tag in ("delete", "replace"):
            first_run, last_run = ranges.span(block, a, b)
            deleted = _delete(first_run, last_run, marks)
            if text:
                deleted.addnext(_insert(text, last_run, marks))
        elif a < len(block.text) and a < edit.end:
            run = ranges.start_at(block, a)
            run.addprevious(_insert(text, run, marks))
        else:
            run = ranges.end_at(block, a - 1)
            run.addnext(_insert(text, run, marks))


# -- a glossary at the end of the draft, as one tracked insertion ------------------------------------

def _style_id(doc, name: str, kind: str) -> str | None:
    for st in doc.styles.element.iterchildren(qn("w:style")):
        n = st.find(qn("w:name"))
        if st.get(qn("w:type")) == kind and n is not None and (n.get(qn("w:val")) or "").lower() == name.lower():
            return st.get(qn("w:styleId"))
    return None


def _inserted_paragraph(p, marks: Marks) -> None:
    """Mark a paragraph's runs and its paragraph mark as inserted."""
    for run in [r for r in p if r.tag == W_R]:
        ins = marks.make(W_INS)
        run.addprevious(ins)
        ins.append(run)
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(W_RPR)
    if rpr is None:
        rpr = etree.SubElement(ppr, W_RPR)
    rpr.insert(0, marks.make(W_INS))


def add_glossary(doc, rows: list[tuple[str, str]], marks: Marks, heading: str,
                 header: tuple[str, str] = ("Word", "What it means")) -> None:
    """A heading and a two-column table of words and their plain meanings at the end of the draft,
    every part of it a tracked insertion (rejecting it leaves the draft as it was)."""
    heading_style = _style_id(doc, "Heading 2", "paragraph")
    para = doc.add_paragraph()
    run = para.add_run(heading)
    if heading_style:
        para._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), heading_style)
    else:
        run.bold = True
    _inserted_paragraph(para._p, marks)
    table = doc.add_table(rows=len(rows) + 1, cols=2)
    if _style_id(doc, "Table Grid", "table"):
        table.style = "Table Grid"
    for r, (word, meaning) in enumerate([header, *rows]):
        cells = table.rows[r].cells
        for c, text in enumerate((word, meaning)):
            cell_run = cells[c].paragraphs[0].add_run(text)
            cell_run.bold = r == 0
        tr = table.rows[r]._tr
        tr.get_or_add_trPr().append(marks.make(W_INS))
        for p in tr.iter(qn("w:p")):
            _inserted_paragraph(p, marks)
    doc.add_paragraph()  # the document's last paragraph after a table, as Word keeps one
