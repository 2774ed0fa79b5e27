"""Text as a reader found it, with where each character came from.

A Word paragraph's text is built from many `w:t` elements, with tracked deletions left out,
soft hyphens dropped and runs of spaces collapsed; a finding's offsets are in that cleaned
text, but the Word comments and tracked changes go back into the XML. So a reader keeps, for
every character of the text it hands on, an origin (for Word: the ordinal of the `w:t`
element in the body and the index in it; for a character the reader made up, such as the
space joining two paragraphs of a cell, None). Every cleaning step goes through `clean`,
which keeps text and origins in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Origin = tuple[int, int] | None

# Characters that take no room on the page: soft hyphen, zero-width spaces and joiners, word
# joiner, byte-order mark. Typing them (or pasting from the web) must not split a word.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
# Line and paragraph separators and the like: a new line.
NEWLINES = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")

# Anything `clean` would change: an invisible character, a space-like character other than a
# single plain space between two words, or a space at either end.
NEEDS_CLEANING = re.compile("[" + "".join(sorted(INVISIBLE | NEWLINES)) + r"]|[^\S ]|  |^ | $")


@dataclass
class MappedText:
    """Text and, for each character, its origin (same length)."""

    text: str = ""
    origin: list[Origin] = field(default_factory=list)

    def add(self, text: str, origin: Origin | list[Origin] | None = None) -> None:
        self.text += text
        if isinstance(origin, list):
            self.origin.extend(origin)
        else:
            self.origin.extend([origin] * len(text))

    def slice(self, start: int, end: int | None = None) -> MappedText:
        end = len(self.text) if end is None else end
        return MappedText(self.text[start:end], self.origin[start:end])


def clean(text: str, origin: list[Origin] | None = None, keep_newlines: bool = True) -> MappedText:
    """Drop invisible characters, turn every space-like character into a plain space, collapse
    runs of spaces to one (a run holding a line break becomes one line break when
    `keep_newlines`), and strip both ends. Origins follow their characters."""
    if origin is None:
        origin = [None] * len(text)
    if not NEEDS_CLEANING.search(text):
        return MappedText(text, list(origin))  # most text: nothing to drop or collapse
    out_chars: list[str] = []
    out_origin: list[Origin] = []
    pending: str | None = None
    pending_origin: Origin = None
    for ch, o in zip(text, origin, strict=True):
        if ch in INVISIBLE:
            continue
        if ch.isspace() or ch in NEWLINES:
            is_newline = keep_newlines and ch in NEWLINES
            if pending is None or (is_newline and pending != "\n"):
                pending, pending_origin = ("\n" if is_newline else " "), o
            continue
        if pending is not None and out_chars:
            out_chars.append(pending)
            out_origin.append(pending_origin)
        pending = None
        out_chars.append(ch)
        out_origin.append(o)
    return MappedText("".join(out_chars), out_origin)


def join(parts: list[MappedText], sep: str = "\n") -> MappedText:
    """Texts joined by a separator that comes from no element."""
    out = MappedText()
    for p in parts:
        if not p.text:
            continue
        if out.text:
            out.add(sep, None)
        out.add(p.text, p.origin)
    return out


def line_pieces(text: MappedText) -> list[MappedText]:
    """The lines of a text broken by line breaks, a wrapped line joined back to the one before (it
    does not end a sentence and the next starts in lower case: 'Mum will take him to the' /
    'appointment')."""
    pieces: list[MappedText] = []
    start = 0
    for end in [*(i for i, ch in enumerate(text.text) if ch == "\n"), len(text.text)]:
        line = text.slice(start, end)
        start = end + 1
        if not line.text.strip():
            continue
        prev = pieces[-1].text.rstrip() if pieces else ""
        if prev and prev[-1] not in ".!?:;" and line.text.lstrip()[:1].islower():
            pieces[-1] = join([pieces[-1], line], " ")
        else:
            pieces.append(line)
    return pieces
