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

W_R, W_T, W_RPR = qn("w:r"), qn("w:t"), qn("w:rPr")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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
