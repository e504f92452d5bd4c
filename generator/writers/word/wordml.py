"""WordprocessingML written as text: paragraphs, runs, tables, escaped as an XML serialiser would.

The Word writer builds each file's ``document.xml`` body (and its header and footer) from
these small builders instead of python-docx's element objects, which cost most of a Word
file's time. What they write is what python-docx wrote for the same calls (checked byte for
byte when this was introduced): the same elements, in the same order, with the same
attributes, so Word, LibreOffice and python-docx read the files as before.

Text is escaped as lxml escapes it (``&``, ``<``, ``>``; in attributes also ``"`` and
tab, newline and carriage return as character references), and a character XML cannot hold
(a control character, U+FFFE, U+FFFF) is refused with the error lxml gave.
"""

from __future__ import annotations

import re

EMU_PER_MM = 36000
EMU_PER_TWIP = 635
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RUN_BREAKS = re.compile("([\t\r\n])")
NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"


def twips(mm: float) -> int:
    """A length in millimetres as whole twips, rounded as python-docx rounds it."""
    return int(round(int(mm * EMU_PER_MM) / float(EMU_PER_TWIP)))


def _checked(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError(NOT_XML_MESSAGE)
    return value


def text(value: str) -> str:
    """Character data: ``&``, ``<`` and ``>`` escaped (a carriage return as a reference)."""
    return (_checked(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def attr(value: str) -> str:
    """An attribute value (to go between double quotes)."""
    return (_checked(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def parsed_attr(value: str) -> str:
    """An attribute value as it reads after an XML parser normalised it (line ends and tabs
    become spaces), escaped: what a value put into parsed markup serialises as."""
    return attr(re.sub("[\t\n\r]", " ", value.replace("\r\n", "\n")))


def element(tag: str, attrs: str = "", inner: str = "") -> str:
    """``<tag attrs>inner</tag>``, or ``<tag attrs/>`` when it holds nothing."""
    head = f"<{tag}{attrs}"
    return f"{head}>{inner}</{tag}>" if inner else f"{head}/>"


def run_text(value: str) -> str:
    """A run's content: ``w:t`` for text (space kept where it would be lost), ``w:tab`` for a tab
    and ``w:br`` for a line end."""
    out = []
    for piece in _RUN_BREAKS.split(value):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{text(piece)}</w:t>")
    return "".join(out)


def run(value: str, properties: str | None = None) -> str:
    """A ``w:r``. ``properties``: the ``w:rPr`` children (see :func:`run_properties`); ``None``
    writes no ``w:rPr``, ``""`` an empty one."""
    props = "" if properties is None else element("w:rPr", "", properties)
    return element("w:r", "", props + run_text(value))


def run_properties(*, bold: bool = False, italic: bool = False, colour: str | None = None,
                   size: int | None = None, highlight: str | None = None, underline: bool = False,
                   language: str | None = None) -> str:
    """The children of a run's ``w:rPr``, in the order the schema gives them (``w:b``, ``w:i``,
    ``w:color``, ``w:sz``, ``w:highlight``, ``w:u``, ``w:lang``). ``language``: a BCP 47 tag,
    for words in another language than the document's."""
    out = []
    if bold:
        out.append("<w:b/>")
    if italic:
        out.append("<w:i/>")
    if colour:
        out.append(f'<w:color w:val="{colour}"/>')
    if size is not None:
        out.append(f'<w:sz w:val="{size}"/>')
    if highlight:
        out.append(f'<w:highlight w:val="{highlight}"/>')
    if underline:
        out.append('<w:u w:val="single"/>')
    if language:
        out.append(f'<w:lang w:val="{attr(language)}"/>')
    return "".join(out)


class Paragraph:
    """A ``w:p`` being written: its properties (written in schema order) and its content."""

    __slots__ = ("style", "keep_next", "num_id", "indent", "align", "has_properties", "content")

    def __init__(self, style: str | None = None) -> None:
        self.style = style  # a style id; None: the default paragraph style
        self.keep_next = False
        self.num_id: int | None = None  # list numbering (level 0)
        self.indent: int | None = None  # left indent, twips
        self.align: str | None = None
        self.has_properties = style is not None  # a w:pPr, even an empty one
        self.content: list[str] = []

    def keep(self, value: bool | None) -> None:
        """Keep with the next paragraph (or not)."""
        self.has_properties = True
        self.keep_next = bool(value)

    def number(self, num_id: int) -> None:
        self.has_properties = True
        self.num_id = num_id

    def left_indent(self, value: int) -> None:
        self.has_properties = True
        self.indent = value

    def alignment(self, value: str) -> None:
        self.has_properties = True
        self.align = value

    def add(self, xml: str) -> None:
        self.content.append(xml)

    def add_run(self, value: str, properties: str | None = None) -> None:
        self.content.append(run(value, properties))

    def xml(self) -> str:
        props = ""
        if self.has_properties:
            inner = []
            if self.style is not None:
                inner.append(f'<w:pStyle w:val="{attr(self.style)}"/>')
            if self.keep_next:
                inner.append("<w:keepNext/>")
            if self.num_id is not None:
                inner.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>')
            if self.indent is not None:
                inner.append(f'<w:ind w:left="{self.indent}"/>')
            if self.align is not None:
                inner.append(f'<w:jc w:val="{self.align}"/>')
            props = element("w:pPr", "", "".join(inner))
        return element("w:p", "", props + "".join(self.content))


BORDER = '<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
              'w:noVBand="1" w:val="04A0"/>')


class Cell:
    __slots__ = ("width", "borders", "paragraphs")

    def __init__(self, width: int) -> None:
        self.width = width  # twips
        self.borders: tuple[str, ...] = ()  # sides with a thin black border
        self.paragraphs = [Paragraph()]

    def add_paragraph(self, style: str | None = None) -> Paragraph:
        paragraph = Paragraph(style)
        self.paragraphs.append(paragraph)
        return paragraph

    def xml(self) -> str:
        borders = ""
        if self.borders:
            borders = "<w:tcBorders>" + "".join(BORDER.format(side=s) for s in self.borders) + "</w:tcBorders>"
        return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{self.width}"/>{borders}</w:tcPr>'
                + "".join(p.xml() for p in self.paragraphs) + "</w:tc>")


class Row:
    __slots__ = ("cells", "height", "rule", "cant_split")

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.height: int | None = None  # twips
        self.rule = "atLeast"  # atLeast | exact
        self.cant_split = False

    def keep_whole(self, with_next: bool) -> None:
        """The row never splits across pages; with_next keeps it on the page of the next row."""
        self.cant_split = True
        if with_next:
            for cell in self.cells:
                for paragraph in cell.paragraphs:
                    paragraph.keep(True)

    def xml(self) -> str:
        props = ""
        if self.height is not None or self.cant_split:
            height = f'<w:trHeight w:val="{self.height}" w:hRule="{self.rule}"/>' if self.height is not None else ""
            props = "<w:trPr>" + height + ("<w:cantSplit/>" if self.cant_split else "") + "</w:trPr>"
        return "<w:tr>" + props + "".join(c.xml() for c in self.cells) + "</w:tr>"


class Table:
    """A ``w:tbl`` of ``columns`` equal grid columns across ``block_width`` twips."""

    __slots__ = ("columns", "grid", "style", "fixed", "indent", "rows")

    def __init__(self, columns: int, block_width: int, style: str | None = None) -> None:
        self.columns = columns
        # python-docx: the block width in EMU split evenly, each column then in whole twips
        self.grid = int(round((block_width * EMU_PER_TWIP // columns) / float(EMU_PER_TWIP))) if columns else 0
        self.style = style
        self.fixed = False  # fixed layout (widths set, no autofit)
        self.indent: int | None = None  # twips
        self.rows: list[Row] = []

    def add_row(self) -> Row:
        row = Row([Cell(self.grid) for _ in range(self.columns)])
        self.rows.append(row)
        return row

    def widths(self, sizes: tuple[int, ...]) -> None:
        """Each column's width in twips, on every row; the layout then fixed."""
        self.fixed = True
        for row in self.rows:
            for cell, width in zip(row.cells, sizes):
                cell.width = width

    def xml(self) -> str:
        props = (
            (f'<w:tblStyle w:val="{attr(self.style)}"/>' if self.style else "")
            + '<w:tblW w:type="auto" w:w="0"/>'
            + ('<w:tblLayout w:type="fixed"/>' if self.fixed else "")
            + TABLE_LOOK
            + (f'<w:tblInd w:w="{self.indent}" w:type="dxa"/>' if self.indent is not None else "")
        )
        grid = "".join(f'<w:gridCol w:w="{self.grid}"/>' for _ in range(self.columns))
        return (f"<w:tbl><w:tblPr>{props}</w:tblPr>" + element("w:tblGrid", "", grid)
                + "".join(r.xml() for r in self.rows) + "</w:tbl>")
