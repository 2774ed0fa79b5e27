"""Test helpers for Word tracked changes: accept or reject one author's revisions in a .docx, as Word's
"Accept All" / "Reject All" would, and list a package's revisions.

Kept apart from cpdocs on purpose: the tests check cpdocs' tracked changes with code that does not
share cpdocs' own assumptions about them."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"


def _xml(docx: bytes, name: str = DOCUMENT):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(name))


def _replace_part(docx: bytes, root, name: str = DOCUMENT) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == name else src.read(info.filename)
            z.writestr(info, data)
    return out.getvalue()


def _mine(el, author: str | None) -> bool:
    return author is None or el.get(W + "author") == author


def _unwrap(el) -> None:
    parent = el.getparent()
    for child in list(el):
        el.addprevious(child)
    parent.remove(el)


def revisions(docx: bytes) -> list[tuple[str, str, str]]:
    """(kind, id, author) of every w:ins and w:del in the body, in order."""
    return [(el.tag[len(W):], el.get(W + "id"), el.get(W + "author"))
            for el in _xml(docx).iter(W + "ins", W + "del")]


def accept(docx: bytes, author: str | None = "cpdocs") -> bytes:
    """Accept the author's revisions: deleted runs go, inserted runs, paragraphs and rows stay."""
    root = _xml(docx)
    for el in list(root.iter(W + "del")):
        if _mine(el, author):
            el.getparent().remove(el)
    for el in list(root.iter(W + "ins")):
        if not _mine(el, author):
            continue
        if el.getparent().tag in (W + "rPr", W + "trPr"):  # an inserted paragraph mark or table row
            el.getparent().remove(el)
        else:
            _unwrap(el)
    return _replace_part(docx, root)


def reject(docx: bytes, author: str | None = "cpdocs") -> bytes:
    """Reject the author's revisions: inserted runs go, and paragraphs and table rows that were inserted
    whole; deleted runs come back as they were."""
    root = _xml(docx)
    for el in list(root.iter(W + "ins")):
        if not _mine(el, author) or el.getparent() is None:
            continue
        parent = el.getparent()
        if parent.tag == W + "trPr":
            row = parent.getparent()
            table = row.getparent()
            table.remove(row)
            if not table.findall(W + "tr"):
                table.getparent().remove(table)
        elif parent.tag == W + "rPr" and parent.getparent().tag == W + "pPr":
            p = parent.getparent().getparent()
            if p.getparent() is not None and not [r for r in p.iter(W + "t")
                                                  if not any(a.tag == W + "ins" for a in r.iterancestors())]:
                p.getparent().remove(p)
        else:
            parent.remove(el)
    for el in list(root.iter(W + "del")):
        if _mine(el, author) and el.getparent() is not None and el.getparent().tag != W + "rPr":
            for t in el.iter(W + "delText"):
                t.tag = W + "t"
            _unwrap(el)
    return _replace_part(docx, root)


def run_formats(docx: bytes) -> list[str]:
    """For each paragraph, a letter a character of its current text: B bold, - not; deleted text left out."""
    out = []
    for p in _xml(docx).iter(W + "p"):
        line = []
        for r in p.iter(W + "r"):
            if any(a.tag == W + "del" for a in r.iterancestors()):
                continue
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None
            line.append(("B" if bold else "-") * sum(len(t.text or "") for t in r.findall(W + "t")))
        out.append("".join(line))
    return out


# -- LibreOffice's view of the same changes ---------------------------------------------------------

ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def libreoffice_changes(fodt_root) -> dict[str, tuple[str, str]]:
    """The tracked changes LibreOffice read, by id: (insertion or deletion, author)."""
    out = {}
    for region in fodt_root.iter(ODF_TEXT + "changed-region"):
        kind = next((c.tag[len(ODF_TEXT):] for c in region if c.tag.startswith(ODF_TEXT)), "")
        out[region.get(ODF_TEXT + "id")] = (kind, region.findtext(f".//{DC_CREATOR}") or "")
    return out


def libreoffice_paragraphs(fodt_root, author: str | None = None, accept_changes: bool = True) -> list[str]:
    """The body's paragraphs as LibreOffice holds them, with `author`'s changes accepted (or rejected);
    other changes are left as LibreOffice shows them (both old and new words). Comments left out."""
    changes = libreoffice_changes(fodt_root)
    skip_kind = "deletion" if accept_changes else "insertion"
    body = fodt_root.find(f".//{ODF_OFFICE}text")
    out = []

    def walk(el, open_ids: set[str], parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == ODF_TEXT + "change-start":
                open_ids.add(child.get(ODF_TEXT + "change-id"))
            elif tag == ODF_TEXT + "change-end":
                open_ids.discard(child.get(ODF_TEXT + "change-id"))
            elif tag in (ODF_OFFICE + "annotation", ODF_TEXT + "tracked-changes"):
                pass
            elif tag in (ODF_TEXT + "p", ODF_TEXT + "h"):
                inner: list[str] = []
                if child.text and not _hidden(open_ids, changes, author, skip_kind):
                    inner.append(child.text)
                walk(child, open_ids, inner)
                out.append(" ".join("".join(inner).split()))
            else:
                if tag == ODF_TEXT + "s":
                    parts.append(" ")
                elif tag == ODF_TEXT + "tab":
                    parts.append(" ")
                elif child.text and not _hidden(open_ids, changes, author, skip_kind):
                    parts.append(child.text)
                walk(child, open_ids, parts)
            if child.tail and not _hidden(open_ids, changes, author, skip_kind):
                parts.append(child.tail)

    walk(body, set(), [])
    return [p for p in out if p]


def _hidden(open_ids, changes, author, skip_kind) -> bool:
    return any(changes.get(i, ("", ""))[0] == skip_kind and (author is None or changes[i][1] == author)
               for i in open_ids)
