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
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document as open_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.files import write_whole
from cpdocs.lint.finding import FileResult, Finding
from cpdocs.lint.fixable import fix_info
from cpdocs.lint.reporters.docx_ranges import Ranges, outside_fields

AUTHOR, INITIALS = "cpdocs", "CP"
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def comment_text(f: Finding, note: str = "") -> str:
    """What is wrong, what to write instead (with a sentence to fill in, where the rule has one), the
    standard; and `note`, such as why cpdocs did not make a suggested change itself."""
    lines = [f"{f.message} ({f.rule} {f.name})"]
    if f.suggestion:
        lines.append(f"Try: {f.suggestion}")
    fill_in = fix_info(f.rule).fill_in
    if fill_in:
        lines.append(f"Fill in: {fill_in}")
    if note:
        lines.append(note)
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


class CommentWriter:
    """Adds comments to an open package: the same XML as python-docx's `add_comment`, written in one
    piece per comment (python-docx looks up the next id and the styles afresh for every paragraph,
    which takes seconds for the few hundred comments of a long draft)."""

    def __init__(self, doc, author: str = AUTHOR, initials: str = INITIALS):
        self.comments = doc.comments._comments_elm  # python-docx adds the comments part when there is none
        ids = [int(x) for x in self.comments.xpath("./w:comment/@w:id") if x.lstrip("-").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.head = (f'{nsdecls("w")} w:author={quoteattr(author)} w:initials={quoteattr(initials)} '
                     f'w:date="{datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}"')

    def add(self, first, last, text: str) -> None:
        cid = self.next_id
        self.next_id += 1
        paras = []
        for i, line in enumerate(text.split("\n")):
            ref = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>' if i == 0 else ""
            paras.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{ref}'
                         f'<w:r><w:t xml:space="preserve">{escape(XML_INVALID.sub("", line))}</w:t></w:r></w:p>')
        self.comments.append(parse_xml(f'<w:comment {self.head} w:id="{cid}">{"".join(paras)}</w:comment>'))
        # the range: a start mark before the first run, an end mark and the reference run after the last
        first.addprevious(_marker(first, "commentRangeStart", cid))
        ref = first.makeelement(qn("w:r"), {})
        style = etree.SubElement(etree.SubElement(ref, qn("w:rPr")), qn("w:rStyle"))
        style.set(qn("w:val"), "CommentReference")
        ref.append(_marker(first, "commentReference", cid))
        last.addnext(ref)
        last.addnext(_marker(first, "commentRangeEnd", cid))


def _marker(like, name: str, cid: int):
    el = like.makeelement(qn(f"w:{name}"), {})
    el.set(qn("w:id"), str(cid))
    return el


def comment_on(doc, ranges: Ranges, document: Document, findings: list[Finding],
               notes: dict[int, str] | None = None) -> int:
    """Put each finding as a comment on its words in the open package `doc` (notes by `id(finding)`);
    how many were put."""
    writer = CommentWriter(doc)
    added = 0
    for f in findings:
        loc = f.location
        index = loc.block if loc.end > loc.start else whole_block(document, f)
        if index is None or index >= len(document.blocks):
            continue
        block = document.blocks[index]
        start, end = (loc.start, loc.end) if loc.end > loc.start else (0, len(block.text))
        span = ranges.runs(block, start, end)
        if span is None:
            continue
        first, last = outside_fields(*span)
        writer.add(first, last, comment_text(f, (notes or {}).get(id(f), "")))
        added += 1
    return added


def saved(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def add_comments(data: bytes, document: Document, result: FileResult) -> tuple[bytes, int]:
    """The draft's bytes with every finding as a comment; and how many comments were added."""
    doc = open_package(data, document.path)
    added = comment_on(doc, Ranges(doc.element.body), document, result.findings)
    return saved(doc), added


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
