"""Which of the rules' suggestions are safe to make for the author, and the words to make them with.

`cpdocs fix` turns a finding's `replacement` into a Word tracked change; it never works one out
itself. A rule sets `replacement` only through this module, and only where the meaning cannot
change:

- an acronym written out at its first use, 'Child and Adolescent Mental Health Services (CAMHS)',
  when the acronym list gives it one meaning (not one of `several_meanings`) and its expansion
  really spells it out (not a description such as 'a type of antidepressant');
- a jargon term whose entry in the word list is marked `safe`, with the reason, entry by entry:
  its `rewrite` (or, when that is absent, its `plain` words) means the same and fits the same
  place in a sentence.

What is safe is data; the words around the term can still make a rewrite wrong, so this module
refuses where they would: another form of the word ('escalated' for 'escalate'), 'a' or 'an'
before it that would no longer fit, a capital that is not the start of a sentence (a service's
name, a heading in capitals), a possessive or a plural acronym, a term that may be part of a longer
name ('respite carer', 'pulmonary hypertension'). Labels and vague wording are never rewritten: only
the author knows what happened, and when.
"""

from __future__ import annotations

import re

ARTICLE_BEFORE = re.compile(r"(?:^|[\s(\u201c\"'])(an?)\s+$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?:^|[.!?:;\u2022]['\"\u2019\u201d)]?)$")
ATTACHED_AFTER = re.compile(r"^(?:['\u2019-]|/\w|\w)")  # CAMHS's, CAMHS-led, CAMHS/CYPS
DESCRIPTION = re.compile(r"^(?:a|an|the)\s", re.IGNORECASE)


def at_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[:start].rstrip()))


def _article_fits(before: str, words: str) -> bool:
    """'a' or 'an' just before the words must still fit them: 'an SGO' cannot become 'an special...'."""
    m = ARTICLE_BEFORE.search(before)
    if m is None:
        return True
    vowel = words[:1].lower() in "aeiou"
    return vowel == (m.group(1).lower() == "an")


def _cased(words: str, written: str, sentence_start: bool) -> str | None:
    """The rewrite in the case the term was written in: as listed for lower case, with a capital
    first letter at the start of a sentence; None for any other capitals (a name, a heading in
    capitals), which the author must judge."""
    if written == written.lower():
        return words
    if sentence_start and written[:1].isupper() and written[1:] == written[1:].lower():
        return words[:1].upper() + words[1:]
    return None


def jargon_rewrite(entry, block_text: str, start: int, end: int, doc=None, used_again: bool = False) -> str | None:
    """The plain words for a jargon finding, when its entry is marked safe and the sentence lets
    them stand in its place; else None (the finding stays a comment).

    `doc` is the block's spaCy Doc: a term that may be part of a longer name ('respite carer',
    'pulmonary hypertension') is left alone. With `used_again`, the term stays in brackets after the
    plain words ('short break care (respite)'), so its later uses are explained and no new finding
    appears there. Only the form listed is rewritten ('contact' for 'contact (with family)': the
    brackets name the sense its pattern finds), never another form of it ('genograms').
    """
    safe = entry.extra.get("safe")
    words = entry.extra.get("rewrite") or entry.extra.get("plain")
    written = block_text[start:end]
    if not safe or not words or " ".join(written.lower().split()) != entry.key.split(" (")[0]:
        return None
    sentence_start = at_sentence_start(block_text, start)
    cased = _cased(words, written, sentence_start)
    if cased is None or ARTICLE_BEFORE.search(block_text[:start]) or ATTACHED_AFTER.match(block_text[end:]):
        return None
    if doc is not None and _in_a_longer_name(doc, start, end, reviewed_before=entry.pattern is not None):
        return None
    if used_again:
        if entry.pattern is not None:
            return None  # its pattern needs the words around it, so '(contact)' in brackets would explain nothing
        term = written if cased == words else written[:1].lower() + written[1:]
        return f"{cased} ({term})"
    return cased


# What may follow a term for its plain words to take its place: a preposition, a verb, 'and', the end of
# the sentence... A noun or an adjective after it may make it part of a longer name ('respite carer',
# 'talipes equinovarus'), which the plain words would break.
FREE_AFTER = frozenset({"ADP", "AUX", "VERB", "CCONJ", "SCONJ", "DET", "PART", "PRON", "ADV", "PUNCT", "SPACE"})


def _in_a_longer_name(doc, start: int, end: int, reviewed_before: bool) -> bool:
    """Whether the words around the term may make it part of a longer name: a noun or adjective after it,
    or an adjective before it ('pulmonary hypertension', 'synthetic cannabinoids'), unless the entry's
    pattern names the words allowed before it ('supervised contact with...')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True  # the words do not line up with the tokens: leave it to the author
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ not in FREE_AFTER:
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    return not reviewed_before and prev is not None and prev.pos_ == "ADJ"


SMALL_WORDS = frozenset({"and", "of", "or", "the", "for", "in", "to", "on", "with", "a", "an", "at", "by", "&"})


def spells_out(acronym: str, name: str) -> bool:
    """Whether the name is the acronym written out and nothing more: each of its letters starts one
    of the name's words (or parts of a hyphenated word), in order, and every other word is a small
    one ('Child and Adolescent Mental Health Services' for CAMHS). 'section 47 enquiry' for S47 has a
    word more, which the sentence may already have ('an S47 enquiry'), so it is not one."""
    if DESCRIPTION.match(name):
        return False
    words = [w for w in re.split(r"[\s\-/,]+", name) if w]
    letters = [c for c in acronym.upper() if c.isalpha()]
    digits = "".join(c for c in acronym if c.isdigit())
    if digits and digits not in [w for w in words if w.isdigit()]:
        return False
    words = [w for w in words if not w.isdigit()]

    def match(i: int, j: int) -> bool:  # letters[i:] against words[j:]
        if i == len(letters):
            return all(w.lower() in SMALL_WORDS for w in words[j:])
        if j == len(words):
            return False
        w = words[j]
        if w[0].upper() == letters[i] and match(i + 1, j + 1):
            return True
        return w.lower() in SMALL_WORDS and match(i, j + 1)  # 'and' in CAMHS's name stands for no letter

    return match(0, 0)


def acronym_rewrite(written: str, key: str, expansion: str | None, block_text: str, start: int, end: int,
                    several_meanings: frozenset[str]) -> str | None:
    """'Name (ACR)' for an acronym at its first use, when the list gives one meaning that spells it
    out; else None (the finding stays a comment)."""
    if not expansion or key in several_meanings or written.upper() != key:
        return None  # no expansion, two meanings, or a plural ('CAWNs') whose name would need its own plural
    name = expansion.partition(" (")[0].strip()
    if not name or not spells_out(key, name):
        return None
    letters = [c for c in block_text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return None  # a line in capitals
    before, after = block_text[:start], block_text[end:]
    if before.endswith("(") or ATTACHED_AFTER.match(after) or not _article_fits(before, name):
        return None
    if at_sentence_start(block_text, start):
        name = name[:1].upper() + name[1:]
    return f"{name} ({written})"
