"""A word list's phrases, ready to find in a draft: by exact words, and by base form.

Built once per model and list (not per draft: lemmatising twelve hundred phrases costs more
than linting a short report), from the tokens and base forms kept on disk between runs
(`cpdocs.lint.matcher_data`). A phrase is found by its words in order, looked up by its first
word (`PhraseIndex`): what spaCy's PhraseMatcher finds, without making a spaCy document and a
vocabulary entry for every word of twelve hundred phrases at each start.

Finding a phrase by base form ('escalated' for 'escalate') needs the tagger's lemmas, which
cost twenty times the rest of the analysis. `LemmaGate` says, without the tagger, whether a
block could hold such a match at all, so most blocks are never tagged.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpdocs.lint.matcher_data import phrase_data
from cpdocs.lint.wordlists import Entry
from cpdocs.nlp import LemmaForms, splits_alone

if TYPE_CHECKING:
    from spacy.tokens import Doc


class PhraseIndex:
    """Phrases as sequences of one token attribute (LOWER: the lower-case words, or LEMMA: their base
    forms), each under its entry's key; found in a doc by that attribute's values, read in one call
    (`Doc.to_array`) rather than token by token."""

    def __init__(self, attr: str) -> None:
        self.attr = attr
        # first value -> length -> the whole sequence -> the keys of the phrases written so
        self._by_first: dict[int, dict[int, dict[tuple[int, ...], list[str]]]] = {}

    def add(self, key: str, words: list[str]) -> None:
        from spacy.strings import hash_string

        values = tuple(hash_string(w) for w in words)
        keys = self._by_first.setdefault(values[0], {}).setdefault(len(values), {}).setdefault(values, [])
        if key not in keys:
            keys.append(key)

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every (key, start, end) where a phrase runs in the doc's tokens, overlaps and all, in
        order of start."""
        by_first = self._by_first
        if not by_first or not len(doc):
            return []
        values = doc.to_array(self.attr).tolist()
        out: list[tuple[str, int, int]] = []
        n = len(values)
        for i, value in enumerate(values):
            lengths = by_first.get(value)
            if lengths is None:
                continue
            for length, phrases in lengths.items():
                if i + length <= n:
                    keys = phrases.get(tuple(values[i:i + length]))
                    if keys:
                        out.extend((key, i, i + length) for key in keys)
        return out


@dataclass
class ListMatcher:
    """Exact (lower case) and base-form indexes of a list, the entries by key, and the base-form
    phrases as lemma sequences for `LemmaGate`."""

    lower: PhraseIndex
    lemma: PhraseIndex
    by_key: dict[str, Entry]
    lemma_phrases: list[tuple[str, ...]]
    patterned: list[Entry]  # the entries found by regular expression instead
    needs: frozenset[str]  # every string one of those needs (see Entry.needs)
    by_need: dict[str, list[int]]  # the patterned entries (by index) that need each string
    always: list[int]  # the patterned entries that need no particular string

    def patterns_for(self, lowered: str) -> list[Entry]:
        """The patterned entries that could match a block, in list order: those needing a string
        the (lower-case) block has, and those needing none."""
        found = set(self.always)
        for need in self.needs:
            if need in lowered:
                found.update(self.by_need[need])
        return [self.patterned[i] for i in sorted(found)]


_lock = threading.Lock()
_matchers: dict[tuple[int, str, int], tuple[tuple[Entry, ...], ListMatcher]] = {}
_gates: dict[tuple[int, tuple[int, ...]], tuple[tuple, LemmaGate | None]] = {}
_forms: dict[int, tuple[object, LemmaForms | None]] = {}


def phrase_matchers(nlp, name: str, entries: tuple[Entry, ...]) -> ListMatcher:
    """The matchers of a list, built once per model and list."""
    key = (id(nlp), name, id(entries))  # by identity: hashing a thousand entries per call is slow
    with _lock:
        found = _matchers.get(key)
        if found is None or found[0] is not entries:
            found = (entries, _build(nlp, entries))
            _matchers[key] = found
        return found[1]


def _build(nlp, entries: tuple[Entry, ...]) -> ListMatcher:
    plain = [e for e in entries if e.pattern is None]
    lower, lemma = PhraseIndex("LOWER"), PhraseIndex("LEMMA")
    lemma_phrases: list[tuple[str, ...]] = []
    for e, p in zip(plain, phrase_data(nlp, plain), strict=True):
        lower.add(e.key, [w.lower() for w in p.words])
        if p.lemmas:
            lemma.add(e.key, p.lemmas)
            lemma_phrases.append(tuple(p.lemmas))
    patterned = [e for e in entries if e.pattern is not None]
    by_need: dict[str, list[int]] = {}
    for i, e in enumerate(patterned):
        for need in e.needs or ():
            by_need.setdefault(need, []).append(i)
    always = [i for i, e in enumerate(patterned) if e.needs is None]
    return ListMatcher(lower, lemma, {e.key: e for e in plain}, lemma_phrases, patterned, frozenset(by_need),
                       by_need, always)


class LemmaGate:
    """Could a list's base-form phrases match an untagged doc anywhere its exact words do not?

    The lemma a word gets is always among `LemmaForms.of_word`, whatever the tagger says. A
    base-form match whose every lemma is the word's own lower case is also an exact match of the
    same phrase at the same place, which the exact matcher finds, so only a match through some
    other form ('plans' for 'plan') needs the tagger. When `could_match` is False the lemma
    matcher would find nothing new in the doc.
    """

    def __init__(self, phrases: list[tuple[str, ...]], forms: LemmaForms):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for seq in phrases:
            self.by_first.setdefault(seq[0], []).append(seq)
        self.forms = forms
        self._starts: dict[str, list[tuple[str, ...]]] = {}

    def _starting(self, word: str) -> list[tuple[str, ...]]:
        found = self._starts.get(word)
        if found is None:
            found = [seq for form in self.forms.of_word(word) for seq in self.by_first.get(form, ())]
            self._starts[word] = found
        return found

    def could_match(self, doc: Doc) -> bool:
        if not self.by_first:
            return False
        words = [t.text for t in doc]
        n = len(words)
        of_word = self.forms.of_word
        for i, word in enumerate(words):
            for seq in self._starting(word):
                end = i + len(seq)
                if end > n or not all(seq[j] in of_word(words[i + j]) for j in range(1, len(seq))):
                    continue
                if any(seq[j] != words[i + j].lower() for j in range(len(seq))):
                    return True
        return False


def lemma_gate(nlp, matchers: list[ListMatcher]) -> LemmaGate | None:
    """The gate for these lists under this model, or None when every block must be tagged."""
    key = (id(nlp), tuple(id(m) for m in matchers))
    with _lock:
        found = _gates.get(key)
        if found is None or any(a is not b for a, b in zip(found[0], matchers, strict=True)):
            if id(nlp) not in _forms or _forms[id(nlp)][0] is not nlp:
                _forms[id(nlp)] = (nlp, LemmaForms.of(nlp) if splits_alone(nlp) else None)
            forms = _forms[id(nlp)][1]
            gate = None if forms is None else LemmaGate([s for m in matchers for s in m.lemma_phrases], forms)
            found = (tuple(matchers), gate)
            _gates[key] = found
        return found[1]
