"""Readers: one module per input format, each turning bytes into `RawItem`s.

`read_document` is the single door: it checks what the bytes really are (a PDF renamed
.docx, an encrypted Word file, binary on standard input, text that is not UTF-8) and gives
one plain error for each, so no reader ever sees input it was not written for. It reads the
bytes once and never writes to the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from cpdocs.document import Document, RawItem, build_document
from cpdocs.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
MAX_WORDS = 100_000

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: old .doc, or an encrypted .docx
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

TEXT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
SUPPORTED = (".docx", ".pdf", ".md", ".markdown", ".txt")


def _pdf_reader() -> Callable[[bytes, str], list[RawItem]] | None:
    try:
        from cpdocs.readers.pdf import read_pdf
    except ImportError:
        return None
    return read_pdf


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file is called: docx, pdf, cfb, binary or text."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(CFB_MAGIC):
        return "cfb"
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def decode_text(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "is not readable text (broken UTF-16)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8 and try again"
        ) from None


def read_bytes(path: str) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file")
        if p.is_dir():
            raise InputError(path, "is a folder, not a file")
        try:
            if p.stat().st_size > MAX_BYTES:
                raise InputError(path, "is too large (over 50 MB) to be a report")
            data = p.read_bytes()
        except PermissionError:
            raise InputError(path, "cannot be read (permission denied)") from None
        except OSError as exc:
            raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, "is too large (over 50 MB) to be a report")
    return data


def parse(data: bytes, path: str) -> list[RawItem]:
    """Route bytes to the reader for what they really are."""
    if not data.strip():
        raise InputError(path, "is empty")
    kind = sniff(data)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if kind == "cfb":
        if ENCRYPTED_STREAM in data:
            raise InputError(path, "is password-protected; save a copy without a password and check that")
        raise InputError(path, "is an old Word 97-2003 (.doc) file; save it as .docx and try again")
    if kind == "pdf":
        reader = _pdf_reader()
        if suffix == ".docx":
            raise InputError(path, "is a PDF file, not a Word document; rename it to .pdf")
        if reader is None:
            raise InputError(path, "is a PDF, which this version of cpdocs cannot read; use the .docx")
        return reader(data, path)
    if kind == "docx":
        if suffix in TEXT_SUFFIXES or suffix == ".pdf":
            raise InputError(path, f"is a Word document, not {suffix[1:]}; rename it to .docx")
        from cpdocs.readers.docx import read_docx

        return read_docx(data, path)
    if kind == "binary":
        raise InputError(path, "is binary data, not a report (cpdocs reads .docx, .pdf, .md and .txt)")
    if suffix == ".docx":
        raise InputError(path, "is not a Word document (it is plain text); rename it to .txt or .md")
    if suffix not in TEXT_SUFFIXES and suffix not in ("", ".pdf"):
        raise InputError(path, f"has a type cpdocs does not read ({suffix}); use {', '.join(SUPPORTED)}")
    text = decode_text(data, path)
    if suffix == ".pdf":
        raise InputError(path, "is not a PDF (it is plain text); rename it to .txt")
    if TEXT_SUFFIXES.get(suffix) == "text":
        from cpdocs.readers.text import read_text

        return read_text(text)
    from cpdocs.readers.markdown import read_markdown

    return read_markdown(text)  # .md, and standard input: Markdown reads plain text well


def read_document(path: str, data: bytes | None = None) -> Document:
    """Read a draft into a Document; every problem is an InputError naming the file."""
    if data is None:
        data = read_bytes(path)
    items = parse(data, path)
    doc = build_document(path, items)
    words = sum(len(b.text.split()) for b in doc.blocks)
    if words == 0:
        raise InputError(path, "has no text to check")
    if words > MAX_WORDS:
        raise InputError(path, f"is too long to be one report ({words:,} words; cpdocs reads up to {MAX_WORDS:,})")
    return doc
