"""Case text is data, never code: it appears as written in every format and nothing in it runs."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
import yaml
from docx import Document

from cpdocs.generate.case import validate_case
from cpdocs.generate.render import render_document, to_bytes

ROOT = Path(__file__).resolve().parent.parent
NASTY = ["<script>alert('x')</script>", "{{ 7*7 }}", "{% include 'page.html.j2' %}",
         "Tom & Jerry <b>bold</b> \"quoted\" 'single'"]


@pytest.fixture(scope="module")
def rendered():
    data = yaml.safe_load((ROOT / "fixtures" / "cases" / "initial-okafor.yaml").read_text(encoding="utf-8"))
    data["decision"]["reasons"] = NASTY
    data["plan"][0]["actions"][0]["what"] = NASTY[1] + " and " + NASTY[3]
    data["partnership"]["name"] = "Brook & Field <Partnership> {{ 6*7 }}"
    case = validate_case(data, "case.yaml")
    return render_document("chairs-letter", case)[0]


def test_html_escapes_everything(rendered):
    html = to_bytes(rendered, "html").decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and ">49<" not in html and " 49 " not in html
    assert "{% include &#39;page.html.j2&#39; %}" in html
    assert html.count("<!DOCTYPE html>") == 1  # nothing was included
    assert "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34;" in html
    assert "{{ 6*7 }}" in html and "42" not in html


def test_word_has_the_text_exactly_as_written(rendered):
    d = Document(io.BytesIO(to_bytes(rendered, "docx")))
    paras = [p.text for p in d.paragraphs]
    for text in NASTY:
        assert text in paras, text
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "{{ 7*7 }} and Tom & Jerry <b>bold</b> \"quoted\" 'single'" in cells
    header = " ".join(p.text for p in d.sections[0].header.paragraphs)
    assert "Brook & Field <Partnership> {{ 6*7 }}" in header
    assert "42" not in header


def test_pdf_has_the_text_exactly_as_written(rendered):
    with pdfplumber.open(io.BytesIO(to_bytes(rendered, "pdf"))) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "<script>alert('x')</script>" in text
    assert "{{ 7*7 }}" in text and "{% include 'page.html.j2' %}" in text
    assert "Tom & Jerry <b>bold</b>" in text


def test_templates_cannot_reach_python_internals():
    from jinja2.exceptions import SecurityError

    from cpdocs.generate.render import environment

    with pytest.raises(SecurityError):
        environment().from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
