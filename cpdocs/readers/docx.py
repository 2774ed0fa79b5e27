"""Word (.docx) drafts, read with python-docx after the package has been checked as safe.

What a draft's author sees is what counts: body paragraphs and tables in order (also inside
content controls), text that tracked changes keep (insertions in, deletions out), Word
heading styles, bold lines, shaded one-cell tables. Headers and footers belong to no section
and are not read.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from cpdocs.document import RawItem
from cpdocs.errors import InputError

MAX_UNPACKED = 250 * 1024 * 1024  # bytes of XML and media once unzipped
MAX_RATIO = 150  # a part that unzips to more than 150 times its packed size is a zip bomb
TYPED_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2023\u2043\u25e6\u2219\u00b7*\-\u2013o]|\d{1,2}[.)])\s+")

W_P, W_TBL, W_SDT, W_R, W_T, W_TAB, W_BR, W_CR = (qn(t) for t in ("w:p", "w:tbl", "w:sdt", "w:r", "w:t", "w:tab",
                                                                   "w:br", "w:cr"))
W_DEL, W_INSTR, W_SDTCONTENT = qn("w:del"), qn("w:instrText"), qn("w:sdtContent")


def check_package(data: bytes, path: str) -> None:
    """Refuse what is not a safe Word package before any XML parser sees it."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "is damaged: it is not a readable Word document") from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise InputError(path, "is not a Word document (it has no document body)")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(path, "is not safe to open: it unpacks to far more than its size (a zip bomb)")
        if total > MAX_UNPACKED:
            raise InputError(path, "is too large to read: it unpacks to more than 250 MB")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                try:
                    head = zf.read(info.filename)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                    raise InputError(path, "is damaged: part of it cannot be unpacked") from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(path, "is not safe to open: it declares XML entities, which Word never writes")


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _style_bold(style) -> bool | None:
    for s in _style_chain(style):
        if s.font is not None and s.font.bold is not None:
            return s.font.bold
    return None


def _heading_level(paragraph: Paragraph) -> int:
    style = paragraph.style
    for s in _style_chain(style):
        name = (s.name or "").lower()
        if name == "title":
            return 1
        m = re.match(r"heading\s*(\d)", name)
        if m:
            return int(m.group(1))
    ppr = paragraph._p.pPr
    if ppr is not None:
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is not None and lvl.get(qn("w:val"), "9").isdigit() and int(lvl.get(qn("w:val"))) < 9:
            return int(lvl.get(qn("w:val"))) + 1
    return 0


def _is_list(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True
    return any("list" in (s.name or "").lower() for s in _style_chain(paragraph.style))


def _deleted(el) -> bool:
    return any(a.tag == W_DEL for a in el.iterancestors())


def paragraph_text(p_el) -> str:
    parts = []
    for el in p_el.iter(W_T, W_TAB, W_BR, W_CR):
        if _deleted(el):
            continue
        parts.append(el.text or "" if el.tag == W_T else " ")
    return " ".join("".join(parts).split())


def _all_bold(paragraph: Paragraph) -> bool:
    para_bold = _style_bold(paragraph.style)
    seen = False
    for r_el in paragraph._p.iter(W_R):
        if _deleted(r_el):
            continue
        run = Run(r_el, paragraph)
        if not "".join(t.text or "" for t in r_el.iter(W_T)).strip():
            continue
        seen = True
        bold = run.bold
        if bold is None and run.style is not None:
            bold = _style_bold(run.style)
        if bold is None:
            bold = para_bold
        if not bold:
            return False
    return seen


def _cell_shaded(tc) -> bool:
    tcpr = tc.tcPr
    shd = tcpr.find(qn("w:shd")) if tcpr is not None else None
    if shd is None:
        return False
    fill = (shd.get(qn("w:fill")) or "").lower()
    return fill not in ("", "auto", "ffffff")


def _table_item(tbl_el, parent) -> RawItem:
    from docx.table import Table

    table = Table(tbl_el, parent)
    rows: list[list[str]] = []
    shaded = bold = False
    for row in table.rows:
        cells, seen = [], set()
        for tc in row._tr.tc_lst:
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                cells.append("")  # the lower part of a vertically merged cell
                continue
            texts = [paragraph_text(p) for p in tc.iter(W_P)]
            cells.append(" ".join(t for t in texts if t))
            if len(table.rows) == 1 and len(row._tr.tc_lst) == 1:
                shaded = _cell_shaded(tc)
                paras = [Paragraph(p, parent) for p in tc.iter(W_P)]
                bold = any(paragraph_text(p._p) for p in paras) and all(
                    _all_bold(p) for p in paras if paragraph_text(p._p))
        rows.append(cells)
    return RawItem(kind="table", rows=rows, shaded=shaded, bold=bold)


def _walk(container_el, parent, items: list[RawItem]) -> None:
    for el in container_el.iterchildren():
        if el.tag == W_P:
            p = Paragraph(el, parent)
            text = paragraph_text(el)
            if not text:
                continue
            level = _heading_level(p)
            if level:
                items.append(RawItem(kind="heading", text=text, level=level))
                continue
            m = TYPED_BULLET.match(text)
            if _is_list(p) or m:
                num = re.match(r"\s*(\d{1,2})[.)]", m.group(0)) if m else None
                items.append(RawItem(kind="list_item", text=text[m.end():] if m else text, bold=_all_bold(p),
                                     numbered=num is not None, number=int(num.group(1)) if num else None))
                continue
            items.append(RawItem(kind="paragraph", text=text, bold=_all_bold(p)))
        elif el.tag == W_TBL:
            items.append(_table_item(el, parent))
        elif el.tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                _walk(content, parent, items)


def read_docx(data: bytes, path: str) -> list[RawItem]:
    check_package(data, path)
    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(path, f"is damaged: Word could not open it either ({type(exc).__name__})") from None
    items: list[RawItem] = []
    _walk(doc.element.body, doc._body, items)
    return items
