"""PrintDocs as editable Word files (python-docx): A4, real styles, byte-reproducible.

Structure uses Word's own styles, so the navigation pane, a table of contents and
restyling all work: the title is ``Heading 1``, sections ``Heading 2``, questions
``Heading 3``; numbered lists ``List Number`` (each list restarts at 1) and bullets
``List Bullet``. Parts with no built-in equivalent get named styles of their own
(``Prompts Label``, ``Facilitator Note``, ``Skip Logic``, ``Script``, ``Guidance``,
``Tick Box``, ``Source Note``) so an adopter can restyle them all at once.

Unfilled placeholders are highlighted yellow and name what belongs there. The file's
properties (title, subject, language, author, dates) are set from the content and the
build stamp, and the zip is rewritten with fixed entry times, so the same content gives
the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..limits import fit_metadata
from .document import (
    Block,
    Callout,
    Fields,
    Heading,
    Inline,
    ListOf,
    Para,
    PrintDoc,
    Question,
    Signatures,
    TickBoxes,
)
from .stamp import ZIP_EPOCH

TICK_BOX = "☐"
FONT = "DejaVu Sans"  # the PDFs' font; Word substitutes a close one where it is missing
LINK_COLOUR = RGBColor(0x1A, 0x3D, 0x99)


# --- styles ----------------------------------------------------------------------------------


def _shade(ppr, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _border(ppr, sides: tuple[str, ...], colour: str, size: int = 8, kind: str = "single") -> None:
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    ppr.append(borders)


def _paragraph_style(doc, name: str, *, italic=False, bold=False, size=None, indent_mm=0,
                     shade=None, border=None, space_after=4, keep_next=False, colour=None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.italic = italic or None
    font.bold = bold or None
    if size:
        font.size = Pt(size)
    if colour:
        font.color.rgb = colour
    fmt = style.paragraph_format
    fmt.left_indent = Mm(indent_mm) if indent_mm else None
    fmt.space_after = Pt(space_after)
    fmt.keep_with_next = keep_next or None
    ppr = style.element.get_or_add_pPr()
    if border:
        _border(ppr, *border)
    if shade:
        _shade(ppr, shade)
    return style


def _set_up_styles(doc, language: str) -> None:
    styles = doc.styles
    # Language and font for every style, through the document defaults.
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), language)
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 18), (2, 14), (3, 11.5)):
        heading = styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    styles["Title"].font.name = FONT
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)

    _paragraph_style(doc, "Lead", size=11)
    _paragraph_style(doc, "Meta", italic=True, colour=RGBColor(0x33, 0x33, 0x33))
    _paragraph_style(doc, "Source Note", size=8, colour=RGBColor(0x55, 0x55, 0x55))
    _paragraph_style(doc, "Script", indent_mm=3, shade="EEF2FB",
                     border=(("left",), "1A3D99", 18))
    _paragraph_style(doc, "Guidance", indent_mm=3, shade="FFF8DC",
                     border=(("left",), "8A6D00", 18))
    _paragraph_style(doc, "Callout Title", bold=True, indent_mm=3, keep_next=True, space_after=2)
    _paragraph_style(doc, "Prompts Label", bold=True, size=9, indent_mm=7, keep_next=True, space_after=2)
    prompt = styles["List Bullet"]
    prompt.font.italic = None
    _paragraph_style(doc, "Facilitator Note", size=9.5, indent_mm=7, shade="FFF8DC",
                     border=(("top", "left", "bottom", "right"), "8A6D00", 4))
    _paragraph_style(doc, "Skip Logic", size=9.5, indent_mm=7, shade="EEF2FB",
                     border=(("top", "left", "bottom", "right"), "1A3D99", 4, "dashed"))
    _paragraph_style(doc, "Rating", size=9.5, indent_mm=7, space_after=3)
    _paragraph_style(doc, "Notes Label", size=8, indent_mm=0, colour=RGBColor(0x55, 0x55, 0x55),
                     space_after=0)
    tick = _paragraph_style(doc, "Tick Box", space_after=6)
    tick.base_style = styles["List Number"]
    _paragraph_style(doc, "Field Label", bold=True, space_after=0)


# --- inline text -------------------------------------------------------------------------------


class DocxWriter:
    def __init__(self, doc, anchors: frozenset[str]):
        self.doc = doc
        self.anchors = anchors
        self.bookmark_id = 0
        self.list_number_num_id = self._style_num_id("List Number")

    def _style_num_id(self, style_name: str) -> int | None:
        ppr = self.doc.styles[style_name].element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        return ppr.numPr.numId.val

    def runs(self, paragraph, inline: Inline, *, italic: bool | None = None) -> None:
        for run in inline:
            link = None
            if run.target and run.target in self.anchors:
                link = OxmlElement("w:hyperlink")
                link.set(qn("w:anchor"), _bookmark_name(run.target))
                link.set(qn("w:history"), "1")
            elif run.href:
                rid = paragraph.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), rid)
                link.set(qn("w:history"), "1")
            made = paragraph.add_run(run.text)
            made.bold = run.bold or None
            made.italic = True if (run.italic or italic) else None
            if run.blank:
                made.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if link is not None:
                made.font.color.rgb = LINK_COLOUR
                made.font.underline = True
                paragraph._p.remove(made._r)
                link.append(made._r)
                paragraph._p.append(link)

    def paragraph(self, inline: Inline, style: str | None = None, *, italic: bool | None = None):
        paragraph = self.doc.add_paragraph(style=style)
        self.runs(paragraph, inline, italic=italic)
        return paragraph

    def bookmark(self, paragraph, anchor: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), _bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def numbered(self, items: tuple[Inline, ...], style: str = "List Number", prefix: str = "") -> None:
        """A numbered list that starts at 1, however many lists came before it."""
        num_id = None
        if self.list_number_num_id is not None:
            numbering = self.doc.part.numbering_part.element
            abstract = numbering.num_having_numId(self.list_number_num_id).abstractNumId.val
            num = numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            num_id = num.numId
        for item in items:
            paragraph = self.doc.add_paragraph(style=style)
            if num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
            if prefix:
                paragraph.add_run(prefix)
            self.runs(paragraph, item)

    # --- blocks -----------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            paragraph = self.paragraph(block.text, f"Heading {block.level}")
            if block.anchor:
                self.bookmark(paragraph, block.anchor)
        elif isinstance(block, Para):
            style = {"lead": "Lead", "meta": "Meta", "source": "Source Note"}.get(block.role)
            self.paragraph(block.text, style)
        elif isinstance(block, ListOf):
            if block.ordered:
                self.numbered(block.items)
            else:
                for item in block.items:
                    self.paragraph(item, "List Bullet")
        elif isinstance(block, Callout):
            style = "Script" if block.kind in ("script", "intro") else "Guidance"
            title = self.doc.add_paragraph(block.title, style="Callout Title")
            title.paragraph_format.keep_with_next = True
            for inner in block.body:
                if isinstance(inner, Para):
                    self.paragraph(inner.text, style)
                elif isinstance(inner, ListOf):
                    for item in inner.items:
                        self.paragraph(item, style)
                else:
                    self.block(inner)
        elif isinstance(block, Question):
            self.question(block)
        elif isinstance(block, TickBoxes):
            self.numbered(block.items, style="Tick Box", prefix=f"{TICK_BOX}  ")
        elif isinstance(block, Fields):
            table = self.doc.add_table(rows=0, cols=2)
            table.style = self.doc.styles["Table Grid"]
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].paragraphs[0].style = self.doc.styles["Field Label"]
                cells[0].paragraphs[0].add_run(label)
                self.runs(cells[1].paragraphs[0], value)
            _widths(table, (Mm(62), Mm(112)))
            self.doc.add_paragraph()
        elif isinstance(block, Signatures):
            table = self.doc.add_table(rows=0, cols=2)
            for line in block.lines:
                row = table.add_row()
                row.height = Mm(12)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
                row.cells[0].paragraphs[0].add_run(line)
                _cell_bottom_border(row.cells[1])
            _widths(table, (Mm(62), Mm(112)))
            self.doc.add_paragraph()
        else:  # pragma: no cover
            raise TypeError(block)

    def question(self, q: Question) -> None:
        heading = self.doc.add_paragraph(style="Heading 3")
        heading.add_run(f"{q.number}. ")
        self.runs(heading, q.text)
        self.bookmark(heading, q.anchor)
        if q.prompts:
            self.doc.add_paragraph(q.prompts_label, style="Prompts Label")
            for prompt in q.prompts:
                paragraph = self.paragraph(prompt, "List Bullet", italic=True)
                paragraph.paragraph_format.left_indent = Mm(13)
        for note in q.notes:
            paragraph = self.doc.add_paragraph(style="Facilitator Note")
            paragraph.add_run("Facilitator note: ").bold = True
            self.runs(paragraph, note)
        for skip in q.skips:
            paragraph = self.doc.add_paragraph(style="Skip Logic")
            paragraph.add_run("Skip logic: ").bold = True
            self.runs(paragraph, skip)
        if q.scale:
            self.doc.add_paragraph(q.scale_label or "", style="Rating")
            self.doc.add_paragraph(
                "    ".join(f"{TICK_BOX} {c.value} {c.label}" for c in q.scale), style="Rating"
            )
        if q.space_label:
            table = self.doc.add_table(rows=1, cols=1)
            table.style = self.doc.styles["Table Grid"]
            row = table.rows[0]
            row.height = Mm(32)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            cell = row.cells[0]
            cell.paragraphs[0].style = self.doc.styles["Notes Label"]
            cell.paragraphs[0].add_run(q.space_label)
            _widths(table, (Mm(167),))
            table.alignment = None
            _table_indent(table, Mm(7))
            self.doc.add_paragraph()


def _bookmark_name(anchor: str) -> str:
    """Word bookmark names: letters, digits and underscores, 40 characters at most."""
    name = "".join(c if c.isalnum() else "_" for c in anchor)
    if len(name) > 40:
        import hashlib

        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def _widths(table, widths) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _table_indent(table, indent) -> None:
    tbl_pr = table._tbl.tblPr
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(indent.twips)))
    ind.set(qn("w:type"), "dxa")
    tbl_pr.append(ind)


def _cell_bottom_border(cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    tc_pr.append(borders)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- the document --------------------------------------------------------------------------------


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Reflect</Application><DocSecurity>0</DocSecurity>"
    "<Company>{company}</Company></Properties>"
)


def render_docx(doc: PrintDoc, stamp: datetime) -> bytes:
    """The document as DOCX bytes, identical for identical content and stamp."""
    word = new_document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    _set_up_styles(word, doc.language)

    header = section.header.paragraphs[0]
    header.text = doc.heading
    header.style = word.styles["Header"]
    edition = section.footer.paragraphs[0]
    edition.style = word.styles["Footer"]
    edition.add_run(f"{doc.site_title} · {doc.edition}").font.size = Pt(7.5)
    pages = section.footer.add_paragraph(style="Footer")
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")

    writer = DocxWriter(word, doc.anchors)
    for block in doc.blocks:
        writer.block(block)

    props = word.core_properties  # each text at most 255 characters (fit_metadata cuts with "…")
    props.title = fit_metadata(doc.heading)
    props.subject = fit_metadata(doc.subject)
    props.language = doc.language
    props.author = fit_metadata(doc.organisation)
    props.last_modified_by = fit_metadata(doc.organisation)
    props.keywords = fit_metadata(", ".join(k for k in (doc.label, doc.site_title) if k))
    props.comments = fit_metadata(f"{doc.site_title}, {doc.edition}. Made by Reflect from {doc.sources[0]}.")
    props.category = {"guide": "Topic guide", "document": "Template", "question-set": "Reflective questions"}[doc.kind]
    props.content_status = ""
    props.identifier = doc.id
    props.version = ""
    props.revision = 1
    stamp_naive = stamp.replace(tzinfo=None)
    props.created = stamp_naive
    props.modified = stamp_naive
    props.last_printed = stamp_naive

    # The template's thumbnail shows an empty page: leave it out.
    package_rels = word.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)

    raw = io.BytesIO()
    word.save(raw)
    return _normalise_zip(raw.getvalue(), stamp, doc.organisation)


def _normalise_zip(data: bytes, stamp: datetime, company: str) -> bytes:
    """The same entries in the same order with fixed times and attributes; our own app.xml."""
    when = max(stamp, ZIP_EPOCH)
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/app.xml":
                from xml.sax.saxutils import escape

                content = APP_XML.format(company=escape(company)).encode("utf-8")
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()
