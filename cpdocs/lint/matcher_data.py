"""The tokens and base forms of a word list's phrases, computed once and kept in the cache folder.

Running twelve hundred phrases through the tokenizer and the tagger costs more than linting a
short report, and gives the same answer every time for the same lists and model. So the answer
is stored (`cpdocs.cache`), keyed by the phrases themselves (the built-in lists and the
authority's extras from cpdocs.toml), the model's name and version, spaCy's version and cpdocs'
version. It holds only the phrases of the lists, never a word of a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpdocs import __version__, cache
from cpdocs.lint.wordlists import Entry
from cpdocs.nlp import model_id

KIND = "phrases"


@dataclass(frozen=True)
class Phrase:
    words: list[str]
    spaces: list[bool]
    lemmas: list[str] | None  # the base forms, when the phrase is matched by them too


def phrase_data(nlp, plain: list[Entry]) -> list[Phrase]:
    """Tokens and base forms of each plain (not regular-expression) entry, from the cache if it has them."""
    key = cache.digest(KIND, __version__, cache.source_digest(__file__), model_id(nlp),
                       [(e.key, e.lemma) for e in plain])
    phrases = _parse(cache.read(KIND, key), len(plain))
    if phrases is None:
        phrases = _compute(nlp, plain)
        cache.write(KIND, key, [[p.words, p.spaces, p.lemmas] for p in phrases])
    return phrases


def _compute(nlp, plain: list[Entry]) -> list[Phrase]:
    docs = list(nlp.tokenizer.pipe([e.key for e in plain]))
    lemmas: list[list[str] | None] = [None] * len(plain)
    lemma_at = [i for i, e in enumerate(plain) if e.lemma]
    for i, d in zip(lemma_at, nlp.pipe([plain[i].key for i in lemma_at]), strict=True):
        # Only a base form finds its other forms: 'escalate' finds 'escalated', but 'actioned'
        # must not find every 'action' through their shared stem.
        if all(t.lemma_.lower() == t.lower_ for t in d):
            lemmas[i] = [t.lemma_ for t in d]
    return [Phrase([t.text for t in d], [bool(t.whitespace_) for t in d], lm)
            for d, lm in zip(docs, lemmas, strict=True)]


def _parse(data, n: int) -> list[Phrase] | None:
    """The cached phrases, or None if the data is not exactly what `phrase_data` writes."""
    if not isinstance(data, list) or len(data) != n:
        return None
    out = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        words, spaces, lemmas = item
        if not (isinstance(words, list) and all(isinstance(w, str) and w for w in words)):
            return None
        if not (isinstance(spaces, list) and len(spaces) == len(words) and all(isinstance(s, bool) for s in spaces)):
            return None
        if lemmas is not None and not (isinstance(lemmas, list) and len(lemmas) == len(words)
                                       and all(isinstance(x, str) for x in lemmas)):
            return None
        out.append(Phrase(words, spaces, lemmas))
    return out
