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

from cpdocs.document import RawItem
from cpdocs.errors import InputError

MAX_UNPACKED = 250 * 1024 * 1024  # bytes of XML and media once unzipped
MAX_RATIO = 150  # a part that unzips to more than 150 times its packed size is a zip bomb
TYPED_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2023\u2043\u25e6\u2219\u00b7*\-\u2013o]|\d{1,2}[.)])\s+")

W_P, W_TBL, W_SDT, W_R, W_T, W_TAB, W_BR, W_CR = (qn(t) for t in ("w:p", "w:tbl", "w:sdt", "w:r", "w:t", "w:tab",
                                                                   "w:br", "w:cr"))
W_DEL, W_SDTCONTENT = qn("w:del"), qn("w:sdtContent")


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


class Styles:
    """The document's styles, read once: python-docx looks each style up afresh (slowly) per paragraph."""

    def __init__(self, styles_el):
        self.names: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.run_props: dict[str, dict[str, object]] = {}
        self.default_size = 22  # half-points: Word's 11pt unless the document says otherwise
        defaults = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}") \
            if styles_el is not None else None
        if (size := _run_props(defaults).get("sz")) is not None:
            self.default_size = int(size)
        self.outline: dict[str, int] = {}
        self.numbered: set[str] = set()
        self.default_para: str | None = None
        for st in styles_el.iterchildren(qn("w:style")) if styles_el is not None else ():
            sid = st.get(qn("w:styleId"))
            if sid is None:
                continue
            name = st.find(qn("w:name"))
            self.names[sid] = (name.get(qn("w:val")) if name is not None else sid) or sid
            based = st.find(qn("w:basedOn"))
            if based is not None:
                self.based_on[sid] = based.get(qn("w:val"))
            self.run_props[sid] = _run_props(st.find(qn("w:rPr")))
            ppr = st.find(qn("w:pPr"))
            if ppr is not None:
                lvl = ppr.find(qn("w:outlineLvl"))
                if lvl is not None and (n := _number(lvl.get(qn("w:val")))) is not None:
                    self.outline[sid] = n
                if ppr.find(qn("w:numPr")) is not None:
                    self.numbered.add(sid)
            if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) is not None \
                    and _on_attr(st.get(qn("w:default"))):
                self.default_para = sid

    def chain(self, sid: str | None):
        seen = set()
        while sid is not None and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based_on.get(sid)

    def props(self, sid: str | None) -> dict[str, object]:
        """Bold, underline and size of a style, with what it inherits (nearest definition wins)."""
        out: dict[str, object] = {}
        for s in reversed(list(self.chain(sid))):
            out.update(self.run_props.get(s, {}))
        return out

    def heading_level(self, sid: str | None) -> int:
        for s in self.chain(sid):
            name = self.names.get(s, s).lower()
            if name == "title":
                return 1
            m = re.match(r"heading\s*(\d)", name)
            if m:
                return int(m.group(1))
            if s in self.outline and self.outline[s] < 9:
                return self.outline[s] + 1
        return 0

    def is_list(self, sid: str | None) -> bool:
        return any("list" in self.names.get(s, s).lower() or s in self.numbered for s in self.chain(sid))


def _number(val: str | None) -> int | None:
    """A small whole number from an attribute; None for '²' (a digit int() refuses) or 5,000 nines."""
    return int(val) if val and val.isdecimal() and len(val) <= 9 else None


def _on_attr(val: str | None) -> bool:
    return val is None or val.lower() not in ("0", "false", "off", "none")


def _on(el) -> bool:
    return _on_attr(el.get(qn("w:val")))


def _para_style(p_el, styles: Styles) -> str | None:
    ppr = p_el.find(qn("w:pPr"))
    ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return ps.get(qn("w:val")) if ps is not None else styles.default_para


def _heading_level(p_el, styles: Styles) -> int:
    ppr = p_el.find(qn("w:pPr"))
    if ppr is not None:
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is not None and (n := _number(lvl.get(qn("w:val")))) is not None and n < 9:
            return n + 1
    return styles.heading_level(_para_style(p_el, styles))


def _is_list(p_el, styles: Styles) -> bool:
    ppr = p_el.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True
    return styles.is_list(_para_style(p_el, styles))


def _deleted(el) -> bool:
    return any(a.tag == W_DEL for a in el.iterancestors())


def paragraph_text(p_el) -> str:
    parts = []
    for el in p_el.iter(W_T, W_TAB, W_BR, W_CR):
        if _deleted(el):
            continue
        parts.append(el.text or "" if el.tag == W_T else " ")
    return " ".join("".join(parts).split())


def _run_props(rpr) -> dict[str, object]:
    """Bold, underline and size set directly in a w:rPr (absent ones left out)."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    b = rpr.find(qn("w:b"))
    if b is not None:
        out["b"] = _on(b)
    u = rpr.find(qn("w:u"))
    if u is not None:
        out["u"] = (u.get(qn("w:val")) or "single") != "none"
    sz = rpr.find(qn("w:sz"))
    if sz is not None and (n := _number(sz.get(qn("w:val")))) is not None:
        out["sz"] = n
    return out


def _all_bold(p_el, styles: Styles) -> bool:
    """Every run with text stands out as a heading does: bold, underlined, or clearly larger.

    Headings typed by hand are bold most often, but underlined lines and lines in a bigger font
    are headings too in many authorities' templates.
    """
    para = styles.props(_para_style(p_el, styles))
    seen = False
    for r_el in p_el.iter(W_R):
        if _deleted(r_el) or not "".join(t.text or "" for t in r_el.iter(W_T)).strip():
            continue
        seen = True
        rpr = r_el.find(qn("w:rPr"))
        props = dict(para)
        rs = rpr.find(qn("w:rStyle")) if rpr is not None else None
        if rs is not None:
            props.update(styles.props(rs.get(qn("w:val"))))
        props.update(_run_props(rpr))
        large = int(props.get("sz") or styles.default_size) >= styles.default_size + 4
        if not (props.get("b") or props.get("u") or large):
            return False
    return seen


def _cell_shaded(tc) -> bool:
    tcpr = tc.tcPr
    shd = tcpr.find(qn("w:shd")) if tcpr is not None else None
    if shd is None:
        return False
    fill = (shd.get(qn("w:fill")) or "").lower()
    return fill not in ("", "auto", "ffffff")


def _table_item(tbl_el, styles: Styles) -> RawItem:
    rows: list[list[str]] = []
    shaded = bold = False
    trs = tbl_el.findall(qn("w:tr"))
    for tr in trs:
        cells, seen = [], set()
        tcs = tr.findall(qn("w:tc"))
        for tc in tcs:
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                cells.append("")  # the lower part of a vertically merged cell
                continue
            texts = [paragraph_text(p) for p in tc.iter(W_P)]
            cells.append(" ".join(t for t in texts if t))
            if len(trs) == 1 and len(tcs) == 1:
                shaded = _cell_shaded(tc)
                paras = [p for p in tc.iter(W_P) if paragraph_text(p)]
                bold = bool(paras) and all(_all_bold(p, styles) for p in paras)
        rows.append(cells)
    return RawItem(kind="table", rows=rows, shaded=shaded, bold=bold)


def _walk(container_el, styles: Styles, items: list[RawItem]) -> None:
    for el in container_el.iterchildren():
        if el.tag == W_P:
            text = paragraph_text(el)
            if not text:
                continue
            level = _heading_level(el, styles)
            if level:
                items.append(RawItem(kind="heading", text=text, level=level))
                continue
            m = TYPED_BULLET.match(text)
            if _is_list(el, styles) or m:
                num = re.match(r"\s*(\d{1,2})[.)]", m.group(0)) if m else None
                items.append(RawItem(kind="list_item", text=text[m.end():] if m else text, bold=_all_bold(el, styles),
                                     numbered=num is not None, number=int(num.group(1)) if num else None))
                continue
            items.append(RawItem(kind="paragraph", text=text, bold=_all_bold(el, styles)))
        elif el.tag == W_TBL:
            items.append(_table_item(el, styles))
        elif el.tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                _walk(content, styles, items)


def read_docx(data: bytes, path: str) -> list[RawItem]:
    check_package(data, path)
    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(path, f"is damaged: Word could not open it either ({type(exc).__name__})") from None
    body = getattr(doc.element, "body", None)  # None when the root is not a Word document element
    if body is None:
        raise InputError(path, "is damaged: its document body cannot be read")
    items: list[RawItem] = []
    _walk(body, Styles(doc.styles.element), items)
    return items
