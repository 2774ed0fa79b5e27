"""Findings as Word comments on a copy of the draft (`cpdocs lint draft.docx --annotate`).

The copy is the original package opened with python-docx, with comments added and runs
split where a comment starts or ends: its text, styles, tables, headers and footers are the
original's. The original file is never opened for writing.

A finding points at a `Block` of the `Document` and at character offsets in the block's text;
the Word reader kept, for each of those characters, the `w:t` element it came from, so
`docx_ranges` turns the offsets back into runs. No rule is run again and no text is searched for.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as open_docx
from docx.text.run import Run

from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.lint.finding import FileResult, Finding
from cpdocs.lint.reporters.docx_ranges import Ranges

AUTHOR, INITIALS = "cpdocs", "CP"


def comment_text(f: Finding) -> str:
    lines = [f"{f.message} ({f.rule} {f.name})"]
    if f.suggestion:
        lines.append(f"Try: {f.suggestion}")
    if f.standard:
        lines.append(f"Standard: {f.standard}")
    return "\n".join(lines)


def open_package(data: bytes, path: str):
    try:
        return open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(path, f"is damaged: Word could not open it either ({type(exc).__name__})") from None


def whole_block(document: Document, f: Finding) -> int | None:
    """The block a finding about a whole section or the draft is put on: the section's heading, or
    the first paragraph the author wrote."""
    headings = {b.text: b.index for b in document.headings if b.origin}
    first = next((b.index for b in document.blocks if b.kind != "cell" and b.origin), None)
    if first is None:
        first = next((b.index for b in document.blocks if b.origin), None)
    return headings.get(f.location.section, first) if f.location.section else first


def add_comments(data: bytes, document: Document, result: FileResult) -> tuple[bytes, int]:
    """The draft's bytes with every finding as a comment; and how many comments were added."""
    doc = open_package(data, document.path)
    ranges = Ranges(doc.element.body)
    added = 0
    for f in result.findings:
        loc = f.location
        index = loc.block if loc.end > loc.start else whole_block(document, f)
        if index is None or index >= len(document.blocks):
            continue
        block = document.blocks[index]
        start, end = (loc.start, loc.end) if loc.end > loc.start else (0, len(block.text))
        span = ranges.runs(block, start, end)
        if span is None:
            continue
        first, last = span
        doc.add_comment([Run(first, None), Run(last, None)], text=comment_text(f), author=AUTHOR, initials=INITIALS)
        added += 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), added


def default_copy_path(path: str) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}.cpdocs.docx")


def lint_and_annotate(path: str, report_type: str | None, config, output: Path | None, force: bool,
                      annotate: bool = True) -> tuple[Document, FileResult]:
    """Read the draft once, lint it, and (with `annotate`) write the commented copy.

    The copy goes to `output` or `DRAFT.cpdocs.docx` beside the draft; an existing file is
    replaced only with `force`, and the draft itself never."""
    import click

    from cpdocs.lint.reporters.html import lint_keep_document
    from cpdocs.readers import read_bytes, sniff

    data = read_bytes(path)
    if annotate:
        if path == "-" or sniff(data) != "docx" or Path(path).suffix.lower() != ".docx":
            raise InputError(path, "is not a Word (.docx) draft; --annotate can only put comments in a Word file")
        target = Path(output) if output is not None else default_copy_path(path)
        if target.exists() and not force:
            raise InputError(target, "already exists; use --force to replace it")
    document, result = lint_keep_document(path, report_type, config, data)
    if annotate:
        copy, added = add_comments(data, document, result)
        write_whole(target, copy, force, source=path)
        click.echo(f"cpdocs: wrote {target} with {added} comment{'' if added == 1 else 's'}", err=True)
    return document, result
