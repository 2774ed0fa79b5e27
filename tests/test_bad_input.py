"""Bad input: one plain line naming the file and the problem, exit code 2, and the other files
in the same call are still linted. The input file is never changed."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from click.testing import CliRunner
from helpers import docx_bytes

from cpdocs.cli import cli
from cpdocs.readers import CFB_MAGIC

GOOD = "# Core Group Meeting \u2013 Minutes\n\nPriya saw Skye alone on 2 May 2025.\n"


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _with_part(name: str, data: bytes) -> bytes:
    """A real .docx with one part replaced."""
    src = docx_bytes(lambda d: d.add_paragraph("Hello"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item.filename))
    return out.getvalue()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                  b'<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                   b'<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')

CASES = {
    "corrupt.docx": (b"PK\x03\x04 this is not really a zip file at all", "damaged"),
    "protected.docx": (CFB_MAGIC + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100,
                       "password-protected"),
    "old.docx": (CFB_MAGIC + b"\x00" * 400, "Word 97-2003"),
    "renamed.docx": (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "is a PDF file"),
    "empty.md": (b"", "is empty"),
    "blank.txt": (b"  \n\n ", "is empty"),
    "bomb.docx": (_zip({"word/document.xml": b"<a>" + b" " * 30_000_000 + b"</a>", "[Content_Types].xml": b"<x/>"}),
                  "zip bomb"),
    "entities.docx": (_with_part("word/document.xml", BILLION_LAUGHS), "XML entities"),
    "external.docx": (_with_part("word/document.xml", EXTERNAL_ENTITY), "XML entities"),
    "latin1.txt": ("Caf\u00e9 report, Mum\u2019s view".encode("cp1252"), "not UTF-8"),
    "notes.rtf": (b"{\\rtf1 hello}", "type cpdocs does not read"),
    "nobody.docx": (_zip({"[Content_Types].xml": b"<x/>"}), "no document body"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_gets_one_plain_line_and_exit_2(tmp_path, name):
    data, expected = CASES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    before = hashlib.sha256(data).hexdigest()
    result = CliRunner().invoke(cli, ["lint", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and errors[0].startswith(f"cpdocs: {bad}: ") and expected in errors[0], errors
    assert "Traceback" not in result.output
    assert '"path": "' + str(good) in result.stdout  # the good file was still linted
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_a_document_of_200000_words_is_refused_plainly(tmp_path):
    big = tmp_path / "huge.md"
    big.write_text("# Report\n\n" + ("Poppy played in the sand tray today. " * 30_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(big)])
    assert result.exit_code == 2
    assert "too long to be one report" in result.output and "Traceback" not in result.output


def test_binary_on_standard_input():
    result = CliRunner().invoke(cli, ["lint", "-"], input=b"\x00\x01\x02\xff binary junk")
    assert result.exit_code == 2 and "-: is binary data" in result.output


def test_missing_file_and_folder(tmp_path):
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_good_files_are_never_changed(tmp_path):
    p = tmp_path / "d.docx"
    p.write_bytes(docx_bytes(lambda d: (d.add_heading("Report", 1), d.add_paragraph("This is ongoing."))))
    before = p.read_bytes()
    mtime = p.stat().st_mtime_ns
    CliRunner().invoke(cli, ["lint", str(p)])
    assert p.read_bytes() == before and p.stat().st_mtime_ns == mtime
    assert sorted(x.name for x in tmp_path.iterdir()) == ["d.docx"]  # nothing written beside it
