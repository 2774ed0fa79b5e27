"""Word XML for the forms real drafts come in: numbering, content controls, checkboxes, tracked
changes, text boxes. Tests build small drafts with these and read them back."""

from __future__ import annotations

from docx.oxml import parse_xml

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"')


def elements(xml: str) -> list:
    return list(parse_xml(f"<w:body {NS}>{xml}</w:body>"))


def body_xml(document, xml: str) -> None:
    """Add raw body XML (paragraphs, tables, content controls) at the end of the body."""
    body = document.element.body
    sect = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    for el in elements(xml):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


def para_xml(paragraph, xml: str) -> None:
    """Add raw run-level XML (runs, insertions, deletions, inline content controls) to a paragraph."""
    for el in elements(f"<w:p>{xml}</w:p>")[0]:
        paragraph._p.append(el)


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(inner: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + "</w:pPr>"
    return f"<w:p>{ppr}{inner}</w:p>"


def add_numbering(document, num_id: int, fmt: str) -> None:
    """A list definition (`bullet` or `decimal`) with its own numId."""
    numbering = document.part.numbering_part.element
    abstract = 900 + num_id
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{"•" if fmt == "bullet" else f"%{i + 1}."}"/></w:lvl>' for i in range(3))
    an = elements(f'<w:abstractNum w:abstractNumId="{abstract}">{levels}</w:abstractNum>')[0]
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(an)
    else:
        numbering.append(an)
    numbering.append(elements(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>')[0])


def sdt_text(text: str, placeholder: bool = False) -> str:
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    return f"<w:sdt><w:sdtPr>{flag}<w:text/></w:sdtPr><w:sdtContent>{r(text)}</w:sdtContent></w:sdt>"


def sdt_checkbox(checked: bool) -> str:
    glyph = "\u2612" if checked else "\u2610"
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{int(checked)}"/></w14:checkbox></w:sdtPr>'
            f"<w:sdtContent>{r(glyph)}</w:sdtContent></w:sdt>")


def legacy_checkbox(checked: bool) -> str:
    state = '<w:checked/>' if checked else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def ins(text: str) -> str:
    return f'<w:ins w:id="901" w:author="A. Reviewer" w:date="2025-03-01T10:00:00Z">{r(text)}</w:ins>'


def dele(text: str) -> str:
    return (f'<w:del w:id="902" w:author="A. Reviewer" w:date="2025-03-01T10:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def cell(inner_paras: list[str], shaded: bool = False, span: int = 1) -> str:
    pr = ""
    if shaded or span > 1:
        pr = "<w:tcPr>" + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
            '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' if shaded else "") + "</w:tcPr>"
    return f"<w:tc>{pr}{''.join(inner_paras) or '<w:p/>'}</w:tc>"


def table(rows: list[list[str]], cols: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="4500"/>' for _ in range(cols))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            + "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows) + "</w:tbl>")


def add_notes(document, kind: str, notes: dict[int, str]) -> None:
    """A footnotes or endnotes part, as Word writes it: two separator notes, then one note per id."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    tag = kind[:-1]  # 'footnote' or 'endnote'
    body = (f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            f'</w:{tag}>')
    for n, text in notes.items():
        body += (f'<w:{tag} w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                 f'<w:{tag}Ref/></w:r>{r(" " + text)}</w:p></w:{tag}>')
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {NS}>{body}</w:{kind}>'.encode()
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
    part = Part(PackURI(f"/word/{kind}.xml"), content_type, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnotes" else RT.ENDNOTES)


def note_ref(kind: str, n: int) -> str:
    """The superscript mark in the text that refers to a note."""
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind[:-1]}Reference w:id="{n}"/></w:r>'
