"""Readability figures: Flesch reading ease and Flesch-Kincaid grade, computed offline.

textstat counts syllables with NLTK's CMU dictionary, which it downloads at run time: a
network call cpdocs must never make. Pyphen's hyphenation points (textstat's fallback)
undercount syllables badly ('poorly' = 1, 'nursery' = 2), which inflates reading ease. So
cpdocs counts vowel groups with the usual corrections for silent endings (the counter used by
early textstat and most readability tools) and applies the published Flesch formulas.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cpdocs.lint.finding import Metrics

SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
VOWELS = re.compile(r"[aeiouy]{1,2}")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    w = word.lower()
    if len(w) <= 3:
        return 1
    w = SILENT_END.sub("", w)
    w = w[1:] if w.startswith("y") else w
    return max(1, len(VOWELS.findall(w)))


def flesch(words: int, sentences: int, syllable_count: int) -> tuple[float, float]:
    """(reading ease, grade) for the counts; 0 and 0 for an empty text."""
    if not words or not sentences:
        return 0.0, 0.0
    wps = words / sentences
    spw = syllable_count / words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


def measure(ctx) -> Metrics:
    """Words, sentences and Flesch figures for the running text (paragraphs and list items)."""
    words = sents = syl = 0
    for block in ctx.text_blocks():
        if block.kind not in ("paragraph", "list_item"):
            continue
        for sent in ctx.docs[block.index].sents:
            toks = [t for t in sent if t.is_alpha or t.like_num]
            if not toks:
                continue
            sents += 1
            words += len(toks)
            syl += sum(syllables(t.text) if t.is_alpha else 1 for t in toks)
    ease, grade = flesch(words, sents, syl)
    all_words = sum(len(b.text.split()) for b in ctx.document.blocks)
    return Metrics(words=all_words, sentences=sents, flesch_reading_ease=ease, flesch_kincaid_grade=grade)
