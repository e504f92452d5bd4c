"""The form parts of a Word file: checkbox content controls, list numbering, fields, tables to fill in.

Tick boxes and initials boxes are Word checkbox content controls (``w14:checkbox``), which
Word ticks with a click and LibreOffice shows as a box. Question and statement numbers
are Word list numbering, so a question added in Word renumbers everything below it.
Rows a person fills in never break across pages.
"""

from __future__ import annotations

from generator.writers.word.wordml import Paragraph, Table, attr, parsed_attr, run, text, twips

UNCHECKED, CHECKED = "2610", "2612"  # ☐ and ☒, the characters Word itself shows
BOX_FONT = "MS Gothic"  # what Word uses for its own checkbox controls
QUESTION_LIST_ID = 9001  # our abstract numbering ids, far from the template's
STATEMENT_LIST_ID = 9002


def checkbox(paragraph: Paragraph, title: str) -> None:
    """A checkbox content control at the end of the paragraph."""
    paragraph.add(
        f'<w:sdt><w:sdtPr><w:alias w:val="{parsed_attr(title)}"/><w:tag w:val="reflect-checkbox"/>'
        "<w14:checkbox>"
        '<w14:checked w14:val="0"/>'
        f'<w14:checkedState w14:val="{CHECKED}" w14:font="{BOX_FONT}"/>'
        f'<w14:uncheckedState w14:val="{UNCHECKED}" w14:font="{BOX_FONT}"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        f'<w:rFonts w:ascii="{BOX_FONT}" w:eastAsia="{BOX_FONT}" w:hAnsi="{BOX_FONT}"/>'
        f"</w:rPr><w:t>{chr(int(UNCHECKED, 16))}</w:t></w:r></w:sdtContent></w:sdt>"
    )


class Numbering:
    """The document's numbering part: the template's lists, then the lists this document starts."""

    def __init__(self, template: str, num_ids: tuple[int, ...]) -> None:
        self.template = template
        self.num_ids = list(num_ids)
        self.abstracts: dict[int, str] = {}  # our list definitions, by abstractNumId
        self.nums: list[str] = []  # list instances added, in order

    def add_num(self, abstract_id: int) -> int:
        """A new list instance of ``abstract_id`` that starts at 1; returns its numId (the first
        free number, as Word and python-docx choose it)."""
        num_id = next(i for i in range(1, len(self.num_ids) + 2) if i not in self.num_ids)
        self.num_ids.append(num_id)
        self.nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                         '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
        return num_id

    def decimal_list(self, abstract_id: int, indent_mm: float, bold: bool) -> int:
        """A new decimal list ("1.", "2." …) starting at 1; returns its numId."""
        if abstract_id not in self.abstracts:
            indent = twips(indent_mm)
            self.abstracts[abstract_id] = (
                f'<w:abstractNum w:abstractNumId="{abstract_id}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'
                + ("<w:rPr><w:b/></w:rPr>" if bold else "")
                + "</w:lvl></w:abstractNum>"
            )
        return self.add_num(abstract_id)

    def xml(self) -> str:
        """numbering.xml: our definitions before the first list instance, our instances last."""
        xml = self.template
        first = xml.find("<w:num ")
        if first < 0:
            first = _end_of_nums(xml)
        xml = xml[:first] + "".join(self.abstracts.values()) + xml[first:]
        end = _end_of_nums(xml)
        return xml[:end] + "".join(self.nums) + xml[end:]


def _end_of_nums(xml: str) -> int:
    cleanup = xml.find("<w:numIdMacAtCleanup")
    return cleanup if cleanup >= 0 else xml.rindex("</w:numbering>")


def statements_table(writer, items, box_label: str, keep: bool) -> None:
    """Numbered statements, one row each: number (a Word list), statement, initials box."""
    num_id = writer.numbering.decimal_list(STATEMENT_LIST_ID, 7, False)
    table = writer.table(2)
    for item in items:
        row = table.add_row()
        statement, box = row.cells
        paragraph = statement.paragraphs[0]
        paragraph.style = writer.style_id("Statement")
        paragraph.has_properties = True
        paragraph.number(num_id)
        writer.runs(paragraph, item)
        label = box.paragraphs[0]
        label.style = writer.style_id("Box Label")
        label.has_properties = True
        label.add_run(box_label)
        checkbox(box.add_paragraph(writer.style_id("Box Label")), box_label)
        box.borders = ("top", "left", "bottom", "right")
        row.height = twips(12)
        row.rule = "atLeast"
        row.keep_whole(keep)
    table.widths((twips(150), twips(24)))


def signatures_table(writer, columns, signers) -> None:
    """One table row per person: who signs, then a line above each caption, cells aligned."""
    table = writer.table(1 + len(columns))
    for index, signer in enumerate(signers):
        row = table.add_row()
        first = row.cells[0].paragraphs[0]
        first.style = writer.style_id("Field Label")
        first.has_properties = True
        first.add_run(signer)
        for cell, column in zip(row.cells[1:], columns):
            line = cell.paragraphs[0]
            line.style = writer.style_id("Signature Line")
            line.has_properties = True
            caption = cell.add_paragraph(writer.style_id("Signature Caption"))
            if column:
                caption.add_run(column)
        row.height = twips(17)
        row.rule = "atLeast"
        row.keep_whole(index < len(signers) - 1)
    rest = (174 - 38) / max(1, len(columns))
    table.widths((twips(38), *(twips(rest) for _ in columns)))


# --- fields -----------------------------------------------------------------------------------


def number_field(run, anchors) -> list[tuple[str, bool]]:
    """The run's text in pieces; the piece that is a question's number marked as a field."""
    if run.number is None or run.target not in anchors or run.text.count(str(run.number)) != 1:
        return [(run.text, False)]
    before, _, after = run.text.partition(str(run.number))
    return [(p, f) for p, f in ((before, False), (str(run.number), True), (after, False)) if p]


def complex_field(instruction: str, result: str) -> str:
    """A field as Word writes it (begin, instruction, separate, shown result, end)."""

    def char_run(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    code = f'<w:r><w:instrText xml:space="preserve">{text(instruction)}</w:instrText></w:r>'
    return char_run("begin") + code + char_run("separate") + result + char_run("end")


def simple_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""
    paragraph.add(f'<w:fldSimple w:instr="{attr(instruction)}">{run(shown)}</w:fldSimple>')


def page_of(paragraph: Paragraph, template: str) -> None:
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


def table_indent(table: Table, mm: float) -> None:
    table.indent = twips(mm)
