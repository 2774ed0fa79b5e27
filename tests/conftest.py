"""Fixtures shared by the tests; the helpers themselves are in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import docx_bytes


@pytest.fixture
def make_docx(tmp_path):
    def make(build, name: str = "draft.docx") -> Path:
        p = tmp_path / name
        p.write_bytes(docx_bytes(build))
        return p
    return make
