"""Test helpers: lint a draft written inline, build small Word files, find findings.

A module of its own (not conftest) so that test files can import it by a name no other
folder's conftest shadows."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as NewDocx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cpdocs.config import Config
from cpdocs.lint.engine import lint_document
from cpdocs.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"


def lint_md(text: str, report_type: str | None = None, config: Config | None = None, path: str = "draft.md"):
    """Lint Markdown (or, with a .txt path, plain text) given as a string."""
    return lint_document(read_document(path, text.encode("utf-8")), config or Config(), report_type)


def found(result, category: str | None = None, rule: str | None = None) -> list[str]:
    return [f.text for f in result.findings
            if (category is None or f.category == category) and (rule is None or f.rule == rule)]


def shade(cell, fill: str = "D9D9D9") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def docx_bytes(build) -> bytes:
    """Make a .docx in memory: `build(document)` adds its content."""
    doc = NewDocx()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


CASES = sorted((ROOT / "fixtures" / "cases").glob("*.yaml"))


def case_documents() -> list[tuple[Path, str]]:
    """Every (fixture case, document) pair the generator accepts for that case's conference."""
    from cpdocs.errors import InputError
    from cpdocs.generate.case import load_case
    from cpdocs.generate.render import DOCUMENTS, check_fits

    out = []
    for p in CASES:
        case = load_case(p)
        for doc in DOCUMENTS:
            try:
                check_fits(doc, case, p)
            except InputError:
                continue
            out.append((p, doc))
    return out
