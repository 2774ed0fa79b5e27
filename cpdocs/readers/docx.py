"""Word (.docx) drafts, read from the package's XML after it has been checked as safe.

What the author sees on the page is what counts, and nothing else:

- the body's paragraphs and tables in order, also inside content controls (`w:sdt`), custom
  XML and text boxes; table cells keep their own paragraphs, lists and nested tables;
- tracked changes as the draft now reads: insertions in, deletions and moved-away text out
  (python-docx's `paragraph.text` would lose inserted runs); review comments, headers,
  footers, hidden text and the document's properties are not read;
- footnotes and endnotes as Markdown writes them: a mark `[^3]` where the note is referred to,
  and the note's text as `[^3]: ...` after the body (the document model keeps notes apart);
- a content control still showing its placeholder, or a run in the Placeholder Text style,
  is the form's guidance, not the author's words: left out;
- checkboxes read as the glyph the page shows, ☒ or ☐, whether a content control, a legacy
  form field or a Wingdings symbol;
- Word's own numbering and bullets (`w:numPr`, from the paragraph or its style): the number is
  not in the text, so it is worked out from numbering.xml as Word counts it;
- Word heading styles and outline levels, bold, underlined or larger lines, shaded cells.

Every character of every item keeps its origin (the `w:t` it came from), so Word comments and
tracked changes can later be put on exactly the words a finding is about.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from functools import cache

from docx import Document as open_docx
from docx.oxml.ns import qn as _qn
from docx.oxml.parser import parse_xml

from cpdocs.errors import InputError
from cpdocs.raw import RawCell, RawItem
from cpdocs.textmap import MappedText, clean, line_pieces

MAX_UNPACKED = 250 * 1024 * 1024  # bytes of XML and media once unzipped
MAX_RATIO = 150  # a part that unzips to more than 150 times its packed size is a zip bomb
TYPED_BULLET = re.compile(
    r"^\s*(?:[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\u27a2\u25ba\u25b6\u2713\u2714*\-\u2013\u2014o]"
    r"|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h][.)])\s+")
TYPED_NUMBER = re.compile(r"^\s*\(?(\d{1,2})[.)]")

# 'w:pStyle' to its Clark name, worked out once per name (the reader asks for each name thousands of times)
qn = cache(_qn)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
(W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDTPR, W_SDTCONTENT, W_R, W_T, W_TAB, W_PTAB, W_BR, W_CR, W_DEL, W_MOVEFROM,
 W_SYM, W_FLDCHAR, W_NOBREAK, W_SOFTHYPHEN, W_TXBX, W_PPR, W_RPR, W_CUSTOMXML, W_SMARTTAG, W_HYPERLINK,
 W_FLDSIMPLE, W_INS, W_MOVETO, W_TCPR, W_DELTEXT, W_INSTR) = (
    W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtPr", "sdtContent", "r", "t", "tab", "ptab", "br", "cr",
                    "del", "moveFrom", "sym", "fldChar", "noBreakHyphen", "softHyphen", "txbxContent", "pPr",
                    "rPr", "customXml", "smartTag", "hyperlink", "fldSimple", "ins", "moveTo", "tcPr", "delText",
                    "instrText"))
MC_FALLBACK = MC + "Fallback"
VAL = W + "val"
W_FOOTNOTEREF, W_ENDNOTEREF = W + "footnoteReference", W + "endnoteReference"
NOTES = {"footnotes": (W + "footnote", ""), "endnotes": (W + "endnote", "e")}  # part: (element, label prefix)
W_PSTYLE, W_OUTLINE = W + "pStyle", W + "outlineLvl"

# Wingdings and Segoe UI Symbol characters that draw a ticked, crossed or empty box.
CHECKED_SYMBOLS = {"F0FE", "F0FD", "F078", "F0FB", "F0FC", "F052", "F053", "F054", "2612", "2611", "2BBD"}
EMPTY_SYMBOLS = {"F0A8", "F06F", "F071", "F0A3", "F072", "2610", "F0FE0"}
CHECKED, EMPTY = "\u2612", "\u2610"


def check_package(data: bytes, path: str) -> dict[str, bytes]:
    """Refuse what is not a safe Word package before any XML parser sees it; the XML parts, unpacked
    (read once here, so the reader need not unpack them again)."""
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
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                try:
                    head = zf.read(info.filename)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
                    raise InputError(path, "is damaged: part of it cannot be unpacked") from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(path, "is not safe to open: it declares XML entities, which Word never writes")
                parts[info.filename] = head
    return parts


DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_styles_seen: dict[bytes, Styles] = {}  # by the styles part's digest: drafts from one template share them


def _word_parts(parts: dict[str, bytes]):
    """The body, styles and numbering of a package laid out as Word lays it out, parsed by python-docx's
    own parser but without opening the parts nobody reads (theme, fonts, settings...); None for any
    other layout, which `open_docx` then reads as before. `parts` are the package's XML parts."""
    if not {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"} <= parts.keys():
        return None
    types = parse_xml(parts["[Content_Types].xml"])
    if not any(o.get("PartName") == "/word/document.xml" and o.get("ContentType") == DOCUMENT_TYPE
               for o in types.iter(OVERRIDE)):
        return None  # a template or a macro-enabled file: python-docx says what it is
    main = [r.get("Target", "").lstrip("/") for r in parse_xml(parts["_rels/.rels"]).iter(RELATIONSHIP)
            if r.get("Type", "").endswith("/officeDocument")]
    if main != ["word/document.xml"]:
        return None
    found: dict[str, str] = {}
    for r in parse_xml(parts["word/_rels/document.xml.rels"]).iter(RELATIONSHIP):
        kind = r.get("Type", "").rsplit("/", 1)[-1]
        if kind not in ("styles", "numbering", *NOTES):
            continue
        target = r.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
        if r.get("TargetMode") == "External" or kind in found or name not in parts:
            return None
        found[kind] = name
    if "styles" not in found:
        return None
    body = parse_xml(parts["word/document.xml"]).find(W + "body")
    if body is None:
        return None
    raw_styles = parts[found["styles"]]
    numbering = parse_xml(parts[found["numbering"]]) if "numbering" in found else None
    key = hashlib.sha256(raw_styles).digest()
    styles = _styles_seen.get(key)
    if styles is None:
        styles = Styles(parse_xml(raw_styles))
        if len(_styles_seen) >= 16:
            _styles_seen.clear()
        _styles_seen[key] = styles
    notes = {kind: parse_xml(parts[found[kind]]) for kind in NOTES if kind in found}
    return body, styles, numbering, notes


def _on_attr(val: str | None) -> bool:
    return val is None or val.lower() not in ("0", "false", "off", "none")


def _on(el) -> bool:
    return el is not None and _on_attr(el.get(VAL))


def _int(val: str | None, default: int = 0) -> int:
    try:
        return int(val) if val is not None else default
    except ValueError:
        return default


def _number(val: str | None) -> int | None:
    """A small whole number from an attribute; None for '²' (isdigit, but int() refuses it) or 5,000 nines."""
    return int(val) if val and val.isdecimal() and len(val) <= 9 else None


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
        self.numbering: dict[str, tuple[str, int]] = {}  # style -> (numId, level)
        self.default_para: str | None = None
        for st in styles_el.iterchildren(qn("w:style")) if styles_el is not None else ():
            sid = st.get(qn("w:styleId"))
            if sid is None:
                continue
            name = st.find(qn("w:name"))
            self.names[sid] = (name.get(VAL) if name is not None else sid) or sid
            based = st.find(qn("w:basedOn"))
            if based is not None:
                self.based_on[sid] = based.get(VAL)
            self.run_props[sid] = _run_props(st.find(W_RPR))
            ppr = st.find(W_PPR)
            if ppr is not None:
                lvl = ppr.find(qn("w:outlineLvl"))
                if lvl is not None and (n := _number(lvl.get(VAL))) is not None:
                    self.outline[sid] = n
                num = _num_pr(ppr)
                if num is not None:
                    self.numbering[sid] = num
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
        """Bold, underline, italic, size and hidden of a style, with what it inherits."""
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

    def list_style(self, sid: str | None) -> bool:
        return any("list" in self.names.get(s, s).lower() for s in self.chain(sid))

    def style_numbering(self, sid: str | None) -> tuple[str, int] | None:
        for s in self.chain(sid):
            if s in self.numbering:
                return self.numbering[s]
        return None

    def is_placeholder(self, sid: str | None) -> bool:
        return any(self.names.get(s, s).lower().replace(" ", "") == "placeholdertext" for s in self.chain(sid))


def _num_pr(ppr) -> tuple[str, int] | None:
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (num_id.get(VAL) if num_id is not None else "", _int(ilvl.get(VAL)) if ilvl is not None else 0)


class Numbering:
    """Word's list numbering (numbering.xml), counted as Word counts it: the number of an item
    is not in its text, and a reader that does not count loses '3. Analysis'."""

    def __init__(self, numbering_el):
        self.levels: dict[str, dict[int, tuple[str, int]]] = {}  # abstractNumId -> ilvl -> (format, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering_el is None:
            return
        for an in numbering_el.iterchildren(qn("w:abstractNum")):
            aid = an.get(qn("w:abstractNumId")) or ""
            levels = {}
            for lvl in an.iterchildren(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                start = lvl.find(qn("w:start"))
                levels[_int(lvl.get(qn("w:ilvl")))] = ((fmt.get(VAL) if fmt is not None else "decimal") or "decimal",
                                                       _int(start.get(VAL), 1) if start is not None else 1)
            self.levels[aid] = levels
        for num in numbering_el.iterchildren(qn("w:num")):
            aid_el = num.find(qn("w:abstractNumId"))
            overrides = {}
            for ov in num.iterchildren(qn("w:lvlOverride")):
                so = ov.find(qn("w:startOverride"))
                if so is not None:
                    overrides[_int(ov.get(qn("w:ilvl")))] = _int(so.get(VAL), 1)
            self.nums[num.get(qn("w:numId")) or ""] = (aid_el.get(VAL) if aid_el is not None else "", overrides)

    def next(self, num_id: str, ilvl: int) -> tuple[bool, int | None] | None:
        """(is a bullet, the item's number) for the next item of this list; None if it is no list."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        fmt, start = self.levels.get(aid, {}).get(ilvl, ("decimal", 1))
        if fmt in ("bullet", "none"):
            return True, None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, value in overrides.items():
                counters[level] = value - 1
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level starts again under the next item
        return False, counters[ilvl]


def _run_props(rpr) -> dict[str, object]:
    """Bold, underline, italic, size and hidden set directly in a w:rPr (absent ones left out)."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    for tag, key in (("w:b", "b"), ("w:i", "i"), ("w:vanish", "vanish")):
        el = rpr.find(qn(tag))
        if el is not None:
            out[key] = _on(el)
    u = rpr.find(qn("w:u"))
    if u is not None:
        out["u"] = (u.get(VAL) or "single") != "none"
    sz = rpr.find(qn("w:sz"))
    if sz is not None and (n := _number(sz.get(VAL))) is not None:
        out["sz"] = n
    rs = rpr.find(qn("w:rStyle"))
    if rs is not None:
        out["style"] = rs.get(VAL)
    return out


def _placeholder_sdt(sdt) -> bool:
    pr = sdt.find(W_SDTPR)
    flag = pr.find(qn("w:showingPlcHdr")) if pr is not None else None
    return flag is not None and _on(flag)


def _checkbox_field(fld) -> str | None:
    """A legacy FORMCHECKBOX field: the box the page shows."""
    box = fld.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
    if box is None:
        return None
    checked = box.find(qn("w:checked"))
    if checked is not None:
        return CHECKED if _on(checked) else EMPTY
    default = box.find(qn("w:default"))
    return CHECKED if default is not None and _on(default) else EMPTY


class Reader:
    """One walk over a document body."""

    def __init__(self, body, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.ordinals = {el: i for i, el in enumerate(body.iter(W_T))}  # the same order `annotate` counts in
        self.in_cell = 0  # how deep in table cells the walk is (a cell's line breaks are left as they are)

    # -- a paragraph's text ----------------------------------------------------------------
    def paragraph(self, p_el) -> tuple[MappedText, list, list]:
        """The paragraph's visible text with origins, the runs that hold it, and its text boxes."""
        out = MappedText()
        runs: list = []
        boxes: list = []
        styles = self.styles

        def visit(el, run=None) -> None:
            for child in el:
                tag = child.tag
                if not isinstance(tag, str) or tag in (W_DEL, W_MOVEFROM, W_PPR, W_RPR, W_SDTPR, MC_FALLBACK,
                                                       W_DELTEXT, W_INSTR):
                    continue
                if tag == W_T:
                    text = child.text or ""
                    if text:
                        ordinal = self.ordinals.get(child)
                        n = len(text)
                        out.add(text, list(zip([ordinal] * n, range(n), strict=True)) if ordinal is not None else None)
                        if run is not None and (not runs or runs[-1] is not run):
                            runs.append(run)
                elif tag == W_R:
                    props = _run_props(child.find(W_RPR))
                    if props.get("vanish") or styles.is_placeholder(props.get("style")):  # hidden, or guidance
                        continue
                    visit(child, child)
                elif tag == W_SDT:
                    if _placeholder_sdt(child):
                        continue  # a content control still showing its guidance
                    content = child.find(W_SDTCONTENT)
                    if content is not None:
                        visit(content, run)
                elif tag in (W_TAB, W_PTAB):
                    out.add(" ")
                elif tag in (W_BR, W_CR):
                    out.add(" " if child.get(qn("w:type")) in ("page", "column") else "\n")
                elif tag == W_NOBREAK:
                    out.add("-")
                elif tag == W_SYM:
                    code = (child.get(qn("w:char")) or "").upper()
                    if code in CHECKED_SYMBOLS:
                        out.add(CHECKED)
                    elif code in EMPTY_SYMBOLS:
                        out.add(EMPTY)
                elif tag == W_FLDCHAR:
                    if child.get(qn("w:fldCharType")) == "begin" and (box := _checkbox_field(child)):
                        out.add(box)
                elif tag == W_TXBX:
                    boxes.append(child)
                elif tag in (W_FOOTNOTEREF, W_ENDNOTEREF):
                    kind = "footnotes" if tag == W_FOOTNOTEREF else "endnotes"
                    out.add(f"[^{NOTES[kind][1]}{child.get(qn('w:id'))}]")
                elif tag != W_SOFTHYPHEN:
                    visit(child, run)

        visit(p_el)
        return out, runs, boxes

    def _all_styled(self, p_el, runs, keys: tuple[str, ...], larger: bool) -> bool:
        """Every run with text has one of these properties (bold, underline...), or is clearly larger."""
        para = self.styles.props(_para_style(p_el, self.styles))
        if not runs:
            return False
        for r_el in runs:
            props = dict(para)
            rpr_props = _run_props(r_el.find(W_RPR))
            if rpr_props.get("style"):
                props.update(self.styles.props(rpr_props["style"]))
            props.update(rpr_props)
            big = larger and int(props.get("sz") or self.styles.default_size) >= self.styles.default_size + 4
            if not (any(props.get(k) for k in keys) or big):
                return False
        return True

    def notes(self, parts: dict) -> list[RawItem]:
        """Each footnote and endnote as one paragraph, '[^3]: its text', in the order of the parts."""
        out = []
        for kind, root in parts.items():
            tag, prefix = NOTES[kind]
            for note in root.iterchildren(tag):
                if note.get(qn("w:type")) not in (None, "normal"):
                    continue  # the separator lines Word keeps among the notes
                texts = []
                for p_el in note.iter(W_P):
                    raw = self.paragraph(p_el)[0]
                    texts.append(clean(raw.text, raw.origin).text.strip())
                text = " ".join(t for t in texts if t)
                if text:
                    out.append(RawItem(kind="paragraph", text=f"[^{prefix}{note.get(qn('w:id'))}]: {text}"))
        return out

    # -- the body --------------------------------------------------------------------------
    def walk(self, container_el, items: list[RawItem]) -> None:
        for el in container_el.iterchildren():
            tag = el.tag
            if tag == W_P:
                self._paragraph_items(el, items)
            elif tag == W_TBL:
                items.append(self.table(el))
            elif tag == W_SDT:
                if _placeholder_sdt(el):
                    continue
                content = el.find(W_SDTCONTENT)
                if content is not None:
                    self.walk(content, items)
            elif tag in (W_CUSTOMXML, W_INS, W_MOVETO, W_SMARTTAG):
                self.walk(el, items)

    def _paragraph_items(self, p_el, items: list[RawItem]) -> None:
        raw, runs, boxes = self.paragraph(p_el)
        text = clean(raw.text, raw.origin)
        if text.text:
            item = self._item(p_el, text, runs)
            lines = line_pieces(text) if item.kind == "paragraph" and "\n" in text.text and not self.in_cell else []
            if len(lines) > 1:
                items.extend(self._line_item(p_el, line, runs) for line in lines)
            elif lines:
                items.append(self._item(p_el, lines[0], runs))  # a line wrapped by hand, joined back
            else:
                items.append(item)
        for box in boxes:
            self.walk(box, items)  # a text box's paragraphs follow the paragraph that anchors it

    def _line_item(self, p_el, line: MappedText, runs) -> RawItem:
        """One line of a paragraph broken by line breaks: a bold line is a heading typed so, a line
        starting with a typed bullet a list item ('Plan' then '- Kerry Lomax to...', in one paragraph)."""
        ordinals = {o[0] for o in line.origin if o is not None}
        return self._item(p_el, line, [r for r in runs if any(self.ordinals.get(t) in ordinals for t in r.iter(W_T))])

    def _item(self, p_el, text: MappedText, runs) -> RawItem:
        styles = self.styles
        level = _heading_level(p_el, styles)
        bold = self._all_styled(p_el, runs, ("b", "u"), larger=True)
        italic = self._all_styled(p_el, runs, ("i",), larger=False)
        if level:
            return RawItem(kind="heading", text=text.text, origin=text.origin, level=level, bold=bold)
        ppr = p_el.find(W_PPR)
        num = _num_pr(ppr)
        if num is None:
            num = styles.style_numbering(_para_style(p_el, styles))
        listed = self.numbering.next(*num) if num is not None else None
        if listed is not None:
            bullet, number = listed
            return RawItem(kind="list_item", text=text.text, origin=text.origin, bold=bold, italic=italic,
                           numbered=not bullet, number=number, list_level=num[1])
        m = TYPED_BULLET.match(text.text)
        if m or styles.list_style(_para_style(p_el, styles)):
            typed = TYPED_NUMBER.match(m.group(0)) if m else None
            rest = text.slice(m.end()) if m else text
            return RawItem(kind="list_item", text=rest.text, origin=rest.origin, bold=bold, italic=italic,
                           numbered=typed is not None, number=int(typed.group(1)) if typed else None)
        return RawItem(kind="paragraph", text=text.text, origin=text.origin, bold=bold, italic=italic)

    def table(self, tbl_el) -> RawItem:
        rows: list[list[RawCell]] = []
        for tr in _children(tbl_el, W_TR):
            row: list[RawCell] = []
            for tc in _children(tr, W_TC):
                tcpr = tc.find(W_TCPR)
                span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                merged = vmerge is not None and vmerge.get(VAL) in (None, "continue")
                cell_items: list[RawItem] = []
                if not merged:
                    self.in_cell += 1
                    try:
                        self.walk(tc, cell_items)
                    finally:
                        self.in_cell -= 1
                row.append(RawCell(items=cell_items, shaded=_cell_shaded(tcpr), merged=merged,
                                   span=max(1, _int(span_el.get(VAL), 1) if span_el is not None else 1)))
            rows.append(row)
        return RawItem(kind="table", cells=rows)


def _children(el, tag: str):
    """Children with this tag, also inside content controls and custom XML wrapped round rows or cells."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (W_CUSTOMXML, W_INS, W_MOVETO):
            yield from _children(child, tag)


def _para_style(p_el, styles: Styles) -> str | None:
    ppr = p_el.find(W_PPR)
    ps = ppr.find(W_PSTYLE) if ppr is not None else None
    return ps.get(VAL) if ps is not None else styles.default_para


def _heading_level(p_el, styles: Styles) -> int:
    ppr = p_el.find(W_PPR)
    if ppr is not None:
        lvl = ppr.find(W_OUTLINE)
        if lvl is not None and (n := _number(lvl.get(VAL))) is not None and n < 9:
            return n + 1
    return styles.heading_level(_para_style(p_el, styles))


def _cell_shaded(tcpr) -> bool:
    shd = tcpr.find(qn("w:shd")) if tcpr is not None else None
    if shd is None:
        return False
    fill = (shd.get(qn("w:fill")) or "").lower()
    return fill not in ("", "auto", "ffffff")


def read_docx(data: bytes, path: str) -> list[RawItem]:
    xml_parts = check_package(data, path)
    try:
        parts = _word_parts(xml_parts)
        if parts is not None:
            body, styles, numbering_el, notes = parts
        else:  # laid out in some other way: python-docx finds the parts (and supplies default styles)
            doc = open_docx(io.BytesIO(data))
            body = doc.element.body
            styles = Styles(doc.styles.element)
            try:
                numbering_el = doc.part.numbering_part.element
            except (KeyError, NotImplementedError, AttributeError):
                numbering_el = None
            notes = {rel.reltype.rsplit("/", 1)[-1]: parse_xml(rel.target_part.blob) for rel in doc.part.rels.values()
                     if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in NOTES}
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(path, f"is damaged: Word could not open it either ({type(exc).__name__})") from None
    items: list[RawItem] = []
    reader = Reader(body, styles, Numbering(numbering_el))
    reader.walk(body, items)
    return items + reader.notes(notes)
