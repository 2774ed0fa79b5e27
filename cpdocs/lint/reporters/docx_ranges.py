"""From a finding's words back to the Word runs that hold them.

The Word reader keeps, for every character of a block's text, the `w:t` element it came from
(its ordinal among the body's `w:t` elements) and the index in it. Here the same package is
opened again and the same elements counted in the same order, so a finding's [start, end) in
a block becomes a range of whole runs: the run holding the first character is split so that
it starts there, the run holding the last so that it ends there, each keeping its own
formatting. Word comments (`--annotate`) and tracked changes (`cpdocs fix`) are then put on
those runs. No rule is run again and no text is matched by searching.
"""

from __future__ import annotations

from bisect import bisect_right
from copy import deepcopy

from docx.oxml.ns import qn

from cpdocs.model import Block

W_R, W_T, W_RPR, W_P = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:p")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Where words may be rewritten in place: runs straight in a paragraph or in a content control's
# content. Anything else around or between them is a reason to leave the words to the author.
EDITABLE_WITHIN = frozenset({qn("w:sdtContent"), qn("w:sdt")})
MARKERS = frozenset(qn(f"w:{t}") for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                                             "proofErr", "permStart", "permEnd"))
TEXT_RUN_PARTS = frozenset({W_RPR, W_T, qn("w:lastRenderedPageBreak")})
WRAPPERS = {  # what a span may not be inside of, or cross, and how to say so
    qn("w:hyperlink"): "a hyperlink", qn("w:fldSimple"): "a field", qn("w:smartTag"): "a smart tag",
    qn("w:customXml"): "a custom XML tag", qn("w:ins"): "a tracked change", qn("w:del"): "a tracked change",
    qn("w:moveFrom"): "a tracked change", qn("w:moveTo"): "a tracked change", qn("w:sdt"): "a content control",
    qn("w:fldChar"): "a field", qn("w:instrText"): "a field",
}
W_FLDCHAR, FLD_TYPE = qn("w:fldChar"), qn("w:fldCharType")


def set_text(t_el, text: str) -> None:
    t_el.text = text
    if text != text.strip():
        t_el.set(XML_SPACE, "preserve")


def split_before(t_el, index: int):
    """Make character `index` of `t_el` the first of a run and return that run (a w:r), or None
    when `index` is past the end of the run (nothing to split off).

    The left part keeps the original run and, unless `index` is 0, the original `w:t` with the
    characters before `index`; the rest moves to a new run right after it with the same formatting.
    """
    r = t_el.getparent()
    if r is None or r.tag != W_R:
        return None
    children = list(r)
    k = children.index(t_el)
    text = t_el.text or ""
    if index <= 0 and not [c for c in children[:k] if c.tag != W_RPR]:
        return r
    after = children[k + 1:]
    if index >= len(text) and not after:
        return None
    new = deepcopy(r)
    for c in list(new):
        new.remove(c)
    rpr = r.find(W_RPR)
    if rpr is not None:
        new.append(deepcopy(rpr))
    if index <= 0:
        r.remove(t_el)
        new.append(t_el)
    elif index < len(text):
        tail = deepcopy(t_el)
        set_text(tail, text[index:])
        set_text(t_el, text[:index])
        new.append(tail)
    for c in after:
        new.append(c)  # moves it
    r.addnext(new)
    return new


class Ranges:
    """The body's `w:t` elements, counted as the reader counted them, and the pieces each has been
    split into so far (so a second finding in the same run still finds its characters)."""

    def __init__(self, body) -> None:
        self.pieces: list[list[tuple[int, object]]] = [[(0, t)] for t in body.iter(W_T)]

    def locate(self, ordinal: int, index: int):
        """The element now holding character `index` of the reader's `w:t` number `ordinal`, and the
        character's index in it."""
        pieces = self.pieces[ordinal]
        k = bisect_right([p[0] for p in pieces], index) - 1
        offset, el = pieces[max(k, 0)]
        return el, index - offset

    def _split(self, ordinal: int, index: int):
        el, local = self.locate(ordinal, index)
        length = len(el.text or "")
        run = split_before(el, local)
        if run is not None and 0 < local < length:
            tail = run.find(W_T)
            pieces = self.pieces[ordinal]
            pieces.append((index, tail))
            pieces.sort(key=lambda p: p[0])
        return run

    def runs(self, block: Block, start: int, end: int):
        """Split runs so that the block's characters [start, end) are exactly a sequence of whole runs;
        return the first and last `w:r`, or None when the words did not come from the body's text."""
        origin = block.origin
        if not origin:
            return None
        start, end = max(0, start), min(len(block.text), end)
        while start < end and (origin[start] is None or block.text[start].isspace()):
            start += 1
        while end > start and (origin[end - 1] is None or block.text[end - 1].isspace()):
            end -= 1
        if start >= end:
            return None
        (o_start, i_start), (o_end, i_end) = origin[start], origin[end - 1]
        if max(o_start, o_end) >= len(self.pieces):
            return None
        self._split(o_end, i_end + 1)  # the run holding the last character now ends with it
        first = self._split(o_start, i_start)
        last_el, _ = self.locate(o_end, i_end)
        last = last_el.getparent()
        if first is None or last is None or last.tag != W_R:
            return None
        return first, last

    # -- rewriting words in place (`cpdocs fix`) --------------------------------------------------
    def span(self, block: Block, start: int, end: int):
        """Split so that the block's characters [start, end) are whole runs (spaces and all); the first
        and last run. Both ends are split before either is looked up: splitting one end can move the
        other's characters into a new run."""
        (o_start, i_start), (o_end, i_end) = block.origin[start], block.origin[end - 1]
        self._split(o_end, i_end + 1)
        self._split(o_start, i_start)
        return self.locate(o_start, i_start)[0].getparent(), self.locate(o_end, i_end)[0].getparent()

    def start_at(self, block: Block, i: int):
        """Split so that the block's character i is the first of a run; that run."""
        ordinal, index = block.origin[i]
        self._split(ordinal, index)
        el, _ = self.locate(ordinal, index)
        return el.getparent()

    def end_at(self, block: Block, i: int):
        """Split so that the block's character i is the last of a run; that run."""
        ordinal, index = block.origin[i]
        self._split(ordinal, index + 1)
        el, _ = self.locate(ordinal, index)
        return el.getparent()

    def refusal(self, block: Block, start: int, end: int) -> str | None:
        """Why the characters [start, end) cannot be rewritten as a tracked change, or None when they can:
        they must be typed text in runs side by side in one paragraph (or content control), with
        nothing between them but bookmarks and comment marks: not inside or across a hyperlink, a
        field, a smart tag or someone's tracked change (the reader already left deleted text out, so
        a suggestion never lands inside a pending deletion)."""
        origin = block.origin
        if not origin or start >= end or end > len(origin):
            return "the words did not come from the document's text"
        if any(o is None for o in origin[start:end]) or max(o[0] for o in origin[start:end]) >= len(self.pieces):
            return "the words run across a tab, a line break or a form's box"
        runs = []
        for o in origin[start:end]:
            run = self.locate(*o)[0].getparent()
            if not runs or runs[-1] is not run:
                runs.append(run)
        parent = runs[0].getparent()
        for run in runs:
            if run.tag != W_R or run.getparent() is not parent:
                other = run.getparent()
                return "the words cross " + _what(other if other is not None and other.tag != W_P else parent)
        for above in [parent, *parent.iterancestors()]:
            if above.tag == W_P:
                break
            if above.tag not in EDITABLE_WITHIN:
                return "the words are inside " + _what(above)
        sibling = runs[0]
        while sibling is not None:
            if sibling.tag == W_R:
                odd = next((c for c in sibling if c.tag not in TEXT_RUN_PARTS), None)
                if odd is not None:
                    return "the words cross " + _what(odd)
            elif sibling.tag not in MARKERS:
                return "the words cross " + _what(sibling)
            if sibling is runs[-1]:
                break
            sibling = sibling.getnext()
        if _in_field(runs[0]):
            return "the words are a field's result, which Word works out again"
        return None


def _what(el) -> str:
    return WRAPPERS.get(el.tag, "something other than text") if el is not None else "something other than text"


def _in_field(run) -> bool:
    """Whether a run is between a complex field's begin and end (its result, or its code)."""
    return _field_around(run) is not None


def _field_around(run):
    """The runs holding the begin and the end of the outermost complex field a run is inside, or None."""
    p = next((a for a in run.iterancestors(W_P)), None)
    if p is None:
        return None
    depth, begin, inside = 0, None, False
    for el in p.iter(W_FLDCHAR, W_R):
        if el is run and depth > 0:
            inside = True
        if el.tag != W_FLDCHAR:
            continue
        kind = el.get(FLD_TYPE)
        if kind == "begin":
            if depth == 0:
                begin = el.getparent()
            depth += 1
        elif kind == "end" and depth > 0:
            depth -= 1
            if depth == 0 and inside:
                return begin, el.getparent()
    return None


def outside_fields(first, last):
    """A comment's first and last run, moved out to the whole field when either is inside one: a
    comment mark inside a field's result is read by LibreOffice as part of the result."""
    around = _field_around(first)
    if around is not None:
        first = around[0]
    around = _field_around(last)
    if around is not None:
        last = around[1]
    return first, last
