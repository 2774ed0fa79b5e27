"""Measuring the family's documents with cpdocs' own linter, as a reader of the Word file would get them.

Every figure comes from the library's public functions: the Word file is read back with
`cpdocs.readers.read_document` and checked with `cpdocs.lint.engine.lint_document`; sentence
lengths are counted with the long-sentence rule's own `sentence_words`. Used by
tests/test_family_documents.py and printed as a table by benchmarks/family_documents.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cpdocs.config import Config
from cpdocs.generate.case import load_case
from cpdocs.generate.child_pack import BANDS, render_child_pack
from cpdocs.generate.easy_read import render_easy_read
from cpdocs.generate.render import Rendered, docx_bytes
from cpdocs.lint.engine import lint_document
from cpdocs.lint.rules.readability import sentence_words
from cpdocs.nlp import load_model
from cpdocs.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "fixtures" / "cases").glob("*.yaml"))

# The figures the issue asks for: longest sentence allowed, and the lowest Flesch reading ease.
LIMITS = {"5-7": (15, 80.0), "8-12": (20, 80.0), "13+": (20, 70.0), "easy-read": (20, 70.0)}
# Which of cpdocs' report types each document is checked as: the letters after the conference have
# the chair's letter's sections (decision, plan, next meetings); the others are checked for wording only.
REPORT_TYPE = {"child-pack-after": "chairs-letter", "chairs-letter-easy-read": "chairs-letter"}


@dataclass
class Figures:
    case: str
    band: str
    document: str
    stem: str
    words: int
    sentences: int
    longest: int
    flesch: float
    jargon: list[str]
    long_sentences: list[str]
    plan_items: int
    no_owner: list[str]
    no_date: list[str]
    missing: list[str]


@cache
def packs(case_name: str, band: str) -> tuple[Rendered, ...]:
    case = load_case(ROOT / "fixtures" / "cases" / f"{case_name}.yaml")
    if band == "easy-read":
        return tuple(render_easy_read(case, None, everyone=True))
    return tuple(render_child_pack(case, None, band=band))


def measure(case_name: str, band: str, r: Rendered, data: bytes | None = None) -> Figures:
    limit, _ = LIMITS[band]
    document = read_document(f"{r.stem}.docx", data if data is not None else docx_bytes(r))
    rtype = REPORT_TYPE.get(r.document, "agency-report")
    result = lint_document(document, Config(max_sentence_words=limit), rtype)
    nlp = load_model()
    longest = 0
    for block in document.blocks:
        if block.kind in ("paragraph", "list_item", "cell"):
            longest = max([longest, *(sentence_words(s) for s in nlp(block.text).sents)])
    plan_items = sum(1 for b in document.blocks if b.kind == "list_item" and "plan" in b.section_keys
                     and "contingency" not in b.section_keys)

    def texts(*codes: str) -> list[str]:
        return [f.text for f in result.findings if f.rule in codes]

    return Figures(case_name, band, r.document, r.stem, result.metrics.words, result.metrics.sentences, longest,
                   round(result.metrics.flesch_reading_ease, 1), texts("CPD301", "CPD302"), texts("CPD401"),
                   plan_items, texts("CPD201"), texts("CPD202"),
                   [f.text for f in result.findings if f.category == "missing-section"] if r.document in REPORT_TYPE
                   else [])


def all_figures() -> list[Figures]:
    out = []
    for path in CASES:
        for band in (*BANDS, "easy-read"):
            for r in packs(path.stem, band):
                out.append(measure(path.stem, band, r))
    return out
