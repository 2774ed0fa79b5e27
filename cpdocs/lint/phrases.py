"""A word list's phrases, ready to find in a draft: by exact words, and by base form.

Built once per model and list (not per draft: lemmatising twelve hundred phrases costs more
than linting a short report), from the tokens and base forms kept on disk between runs
(`cpdocs.lint.matcher_data`).

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
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


@dataclass
class ListMatcher:
    """Exact (lower case) and base-form matchers of a list, the entries by key, and the base-form
    phrases as lemma sequences for `LemmaGate`."""

    lower: PhraseMatcher
    lemma: PhraseMatcher
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
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    plain = [e for e in entries if e.pattern is None]
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    lemma_phrases: list[tuple[str, ...]] = []
    for e, p in zip(plain, phrase_data(nlp, plain), strict=True):
        lower.add(e.key, [Doc(nlp.vocab, words=p.words, spaces=p.spaces)])
        if p.lemmas is not None:
            lemma.add(e.key, [Doc(nlp.vocab, words=p.words, spaces=p.spaces, lemmas=p.lemmas)])
            if p.lemmas:
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
