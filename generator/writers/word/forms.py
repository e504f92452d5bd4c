"""The form parts of a Word file: checkbox content controls, list numbering, fields, tables to fill in.

Tick boxes and initials boxes are Word checkbox content controls (``w14:checkbox``), which
Word ticks with a click and LibreOffice shows as a box. Question and statement numbers
are Word list numbering, so a question added in Word renumbers everything below it.
Rows a person fills in never break across pages.
"""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

UNCHECKED, CHECKED = "2610", "2612"  # ☐ and ☒, the characters Word itself shows
BOX_FONT = "MS Gothic"  # what Word uses for its own checkbox controls
QUESTION_LIST_ID = 9001  # our abstract numbering ids, far from the template's
STATEMENT_LIST_ID = 9002


def checkbox(paragraph, title: str) -> None:
    """A checkbox content control at the end of the paragraph."""
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w', 'w14')}><w:sdtPr>"
        f'<w:alias w:val="{_xml(title)}"/><w:tag w:val="reflect-checkbox"/>'
        "<w14:checkbox>"
        '<w14:checked w14:val="0"/>'
        f'<w14:checkedState w14:val="{CHECKED}" w14:font="{BOX_FONT}"/>'
        f'<w14:uncheckedState w14:val="{UNCHECKED}" w14:font="{BOX_FONT}"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        f'<w:rFonts w:ascii="{BOX_FONT}" w:eastAsia="{BOX_FONT}" w:hAnsi="{BOX_FONT}"/>'
        f"</w:rPr><w:t>{chr(int(UNCHECKED, 16))}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    paragraph._p.append(sdt)


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text, {'"': "&quot;"})


def list_numbering(doc, abstract_id: int, indent_mm: float, bold: bool) -> int:
    """A new decimal list ("1.", "2." …) starting at 1; returns its numId."""
    numbering = doc.part.numbering_part.element
    if not numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]'):
        twips = int(Mm(indent_mm).twips)
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{twips}" w:hanging="{twips}"/></w:pPr>'
            + ("<w:rPr><w:b/></w:rPr>" if bold else "")
            + "</w:lvl></w:abstractNum>"
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def number_paragraph(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def keep_row_whole(row, with_next: bool) -> None:
    """The row never splits across pages; with_next keeps it on the page of the next row."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def statements_table(writer, items, box_label: str, keep: bool) -> None:
    """Numbered statements, one row each: number (a Word list), statement, initials box."""
    doc = writer.doc
    num_id = list_numbering(doc, STATEMENT_LIST_ID, 7, False)
    table = doc.add_table(rows=0, cols=2)
    for item in items:
        row = table.add_row()
        statement, box = row.cells
        paragraph = statement.paragraphs[0]
        paragraph.style = doc.styles["Statement"]
        number_paragraph(paragraph, num_id)
        writer.runs(paragraph, item)
        label = box.paragraphs[0]
        label.style = doc.styles["Box Label"]
        label.add_run(box_label)
        checkbox(box.add_paragraph(style="Box Label"), box_label)
        _borders(box, ("top", "left", "bottom", "right"))
        row.height = Mm(12)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        keep_row_whole(row, keep)
    widths(table, (Mm(150), Mm(24)))


def signatures_table(writer, columns, signers) -> None:
    """One table row per person: who signs, then a line above each caption, cells aligned."""
    doc = writer.doc
    table = doc.add_table(rows=0, cols=1 + len(columns))
    for index, signer in enumerate(signers):
        row = table.add_row()
        cells = row.cells
        cells[0].paragraphs[0].style = doc.styles["Field Label"]
        cells[0].paragraphs[0].add_run(signer)
        for cell, column in zip(cells[1:], columns):
            line = cell.paragraphs[0]
            line.style = doc.styles["Signature Line"]
            caption = cell.add_paragraph(column, style="Signature Caption")
            del caption
        row.height = Mm(17)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        keep_row_whole(row, index < len(signers) - 1)
    rest = (174 - 38) / max(1, len(columns))
    widths(table, (Mm(38), *(Mm(rest) for _ in columns)))


def widths(table, sizes) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, sizes):
            cell.width = width


def _borders(cell, sides) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tc_pr.append(borders)


# --- fields and properties -------------------------------------------------------------



def number_field(run, anchors) -> list[tuple[str, bool]]:
    """The run's text in pieces; the piece that is a question's number marked as a field."""
    if run.number is None or run.target not in anchors or run.text.count(str(run.number)) != 1:
        return [(run.text, False)]
    before, _, after = run.text.partition(str(run.number))
    return [(p, f) for p, f in ((before, False), (str(run.number), True), (after, False)) if p]


def complex_field(holder, instruction: str, result) -> None:
    """A field as Word writes it (begin, instruction, separate, shown result, end)."""

    def char_run(kind: str):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        return run

    holder.append(char_run("begin"))
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    code.append(text)
    holder.append(code)
    holder.append(char_run("separate"))
    holder.append(result)
    holder.append(char_run("end"))


def simple_field(paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def page_of(paragraph, template: str) -> None:
    """The catalogue's "Page {page} of {pages}" with PAGE and NUMPAGES fields in place."""
    before, _, rest = template.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    if before:
        paragraph.add_run(before)
    simple_field(paragraph, "PAGE", "1")
    if middle:
        paragraph.add_run(middle)
    simple_field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)
