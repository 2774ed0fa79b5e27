"""Documents made from good cases lint clean; a blank report lints with only missing sections.

These need the linter (cpdocs.lint.engine); without it they are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CASES, case_documents

from cpdocs.config import Config
from cpdocs.generate.case import load_case
from cpdocs.generate.render import render_blank, render_document, write_outputs
from cpdocs.standards import REPORT_TYPES, report_types

engine = pytest.importorskip("cpdocs.lint.engine")

ROOT = Path(__file__).resolve().parent.parent


PAIRS = case_documents()


def errors(result) -> list[str]:
    return [f"{f.rule} {f.category}: {f.message} — {f.text!r}" for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("case_path, doc", PAIRS, ids=[f"{p.stem}-{d}" for p, d in PAIRS])
def test_generated_documents_lint_with_no_errors(case_path, doc, tmp_path):
    """A document the case fills lints clean. A report the case gives no text for keeps a prompt
    under the headings it cannot fill, and the linter says those sections are still to be written,
    and nothing else."""
    case = load_case(case_path)
    written = doc not in REPORT_TYPES or doc in ("chairs-letter", "core-group-minutes") or doc in case.reports
    paths = write_outputs(render_document(doc, case, None, case_path), ["docx"], tmp_path)
    for path in paths:
        result = engine.lint_file(path, doc, Config())
        problems = errors(result) if written else [e for e in errors(result) if "missing-section" not in e]
        assert not problems, (path.name, problems)


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_every_chairs_letter_is_recognised_as_a_letter(case_path, tmp_path):
    case = load_case(case_path)
    for path in write_outputs(render_document("chairs-letter", case, None, case_path), ["docx"], tmp_path):
        result = engine.lint_file(path, None, Config())
        assert result.report_type == "chairs-letter", path.name
        assert not errors(result), (path.name, errors(result))


def shared_vocabulary_text() -> str:
    """The section titles and prompts of report_types.yaml, which cpdocs must write word for word."""
    from cpdocs.standards import sections

    return " ".join(f"{s.title} {s.prompt}" for s in sections().values())


@pytest.mark.parametrize("report_type", REPORT_TYPES)
def test_a_blank_report_lints_with_only_missing_sections(report_type, tmp_path):
    """Nothing cpdocs adds to a blank report is flagged. Findings on the shared section titles and
    prompts themselves ('Chronology', 'parental responsibility') are the vocabulary's to settle,
    and are checked strictly in the test below."""
    from cpdocs.generate.render import to_bytes

    path = tmp_path / f"{report_type}.docx"
    path.write_bytes(to_bytes(render_blank(report_type), "docx"))
    result = engine.lint_file(path, report_type, Config())
    shared = shared_vocabulary_text()
    others = [f"{f.rule} {f.category} {f.text!r}" for f in result.findings
              if f.category != "missing-section" and f.text not in shared]
    assert not others


@pytest.mark.parametrize("report_type", REPORT_TYPES)
def test_a_blank_report_has_no_finding_but_missing_sections(report_type, tmp_path):
    from cpdocs.generate.render import to_bytes

    path = tmp_path / f"{report_type}.docx"
    path.write_bytes(to_bytes(render_blank(report_type), "docx"))
    result = engine.lint_file(path, report_type, Config())
    assert [f.text for f in result.findings if f.category != "missing-section"] == []


@pytest.mark.parametrize("report_type", REPORT_TYPES)
def test_a_blank_report_says_which_sections_are_still_to_be_written(report_type, tmp_path):
    from cpdocs.generate.render import to_bytes

    path = tmp_path / f"{report_type}.docx"
    path.write_bytes(to_bytes(render_blank(report_type), "docx"))
    result = engine.lint_file(path, report_type, Config())
    missing = {f.text for f in result.findings if f.category == "missing-section"}
    assert missing == set(report_types()[report_type].required)
