"""Printed documents as editable Word files (python-docx): A4, real styles, byte-reproducible.

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

from generator.writers.limits import fit_metadata
from generator.document import nodes as n
from generator.document.nodes import Printable
from generator.document.build import plain_text
from generator.writers.word.runs import runs as flat_runs
from generator.document.visitor import Visitor
from generator.writers.word.content import write_element
from generator.writers.word.forms import (
    QUESTION_LIST_ID,
    STATEMENT_LIST_ID,
    checkbox,
    complex_field,
    keep_row_whole,
    list_numbering,
    number_field,
    number_paragraph,
    page_of,
    signatures_table,
    statements_table,
    widths,
)
from generator.writers.word.styles import set_up_styles
from generator.writers.stamp import ZIP_EPOCH

LINK_COLOUR = RGBColor(0x1A, 0x3D, 0x99)


# --- inline text -------------------------------------------------------------------------------


class DocxWriter(Visitor):
    """Writes one printed document into a python-docx document: one ``visit_<node>`` method per node type."""

    def __init__(self, doc, anchors: frozenset[str]):
        self.doc = doc
        self.anchors = anchors
        self.bookmark_id = 0
        self.list_number_num_id = self._style_num_id("List Number")
        self.question_num_id: int | None = None
        self.style_ids: dict[str, str | None] = {}  # paragraph style name → id, for this document

    def _style_num_id(self, style_name: str) -> int | None:
        ppr = self.doc.styles[style_name].element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        return ppr.numPr.numId.val

    def runs(self, paragraph, inline: n.Inlines, *, italic: bool | None = None) -> None:
        """Inline nodes as Word runs (nesting flattened: bold in a link is a bold, linked run)."""
        for run in flat_runs(inline):
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
            for piece, field in number_field(run, self.anchors):
                made = paragraph.add_run(piece)
                made.bold = run.bold or None
                made.italic = True if (run.italic or italic) else None
                if run.blank:
                    made.font.highlight_color = WD_COLOR_INDEX.YELLOW
                if run.language:  # words in another language than the document's
                    made._r.get_or_add_rPr().append(OxmlElement("w:lang", {qn("w:val"): run.language}))
                if link is not None:
                    made.font.color.rgb = LINK_COLOUR
                    made.font.underline = True
                paragraph._p.remove(made._r)
                holder = link if link is not None else paragraph._p
                if field:  # the question's number, kept up to date by Word from its list number
                    complex_field(holder, f" REF {_bookmark_name(run.target)} \\n ", made._r)
                else:
                    holder.append(made._r)
            if link is not None:
                paragraph._p.append(link)

    def add(self, text: str = "", style: str | None = None):
        """A new paragraph in ``style``, whose id is looked up once per document (python-docx
        looks it up on each paragraph, scanning every style: most of a Word file's time)."""
        paragraph = self.doc.add_paragraph(text)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def paragraph(self, inline: n.Inlines, style: str | None = None, *, italic: bool | None = None):
        paragraph = self.add(style=style)
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

    def numbered(self, items: tuple[n.Inlines, ...], style: str = "List Number", prefix: str = "") -> None:
        """A numbered list that starts at 1, however many lists came before it."""
        num_id = None
        if self.list_number_num_id is not None:
            numbering = self.doc.part.numbering_part.element
            abstract = numbering.num_having_numId(self.list_number_num_id).abstractNumId.val
            num = numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            num_id = num.numId
        for item in items:
            paragraph = self.add(style=style)
            if num_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
            if prefix:
                paragraph.add_run(prefix)
            self.runs(paragraph, item)

    # --- blocks: one visit method per node type ---------------------------------------------

    def visit_heading(self, node: n.Heading) -> None:
        paragraph = self.paragraph(node.children, f"Heading {node.level}")
        if node.anchor:
            self.bookmark(paragraph, node.anchor)

    def visit_para(self, node: n.Para) -> None:
        style = {"lead": "Lead", "meta": "Meta", "source": "Source Note"}.get(node.role)
        paragraph = self.paragraph(node.children, style)
        if node.role == "keep":
            paragraph.paragraph_format.keep_with_next = True

    def visit_element(self, node: n.Element) -> None:
        write_element(self, node)

    def visit_itemlist(self, node: n.ItemList) -> None:
        if node.ordered:
            self.numbered(node.items)
        else:
            for item in node.items:
                self.paragraph(item, "List Bullet")

    def visit_callout(self, node: n.Callout) -> None:
        style = "Script" if node.kind in ("script", "intro") else "Guidance"
        title = self.add(node.title, "Callout Title")
        title.paragraph_format.keep_with_next = True
        for inner in node.body:
            if isinstance(inner, n.Para):
                self.paragraph(inner.children, style)
            elif isinstance(inner, n.ItemList):
                for item in inner.items:
                    self.paragraph(item, style)
            else:
                self.visit(inner)

    def visit_only(self, node: n.Only) -> None:
        """Paper's own parts, in their place; the site's are left out."""
        if node.medium == "paper":
            for block in node.children:
                self.visit(block)

    def visit_fields(self, node: n.Fields) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = self.doc.styles["Table Grid"]
        for row in node.rows:
            made = table.add_row()
            cells = made.cells
            cells[0].paragraphs[0].style = self.doc.styles["Field Label"]
            cells[0].paragraphs[0].add_run(row.label)
            if row.write_in:
                made.height = Mm(8)
                made.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            else:
                self.runs(cells[1].paragraphs[0], row.value)
        widths(table, (Mm(62), Mm(112)))
        self.doc.add_paragraph()

    def visit_signatures(self, node: n.Signatures) -> None:
        signatures_table(self, node.columns, node.signers or ("",))
        self.doc.add_paragraph()

    def visit_tickboxes(self, block: n.TickBoxes) -> None:
        if block.box_label is not None:
            # Kept with what follows (the signatures), as on paper.
            statements_table(self, block.items, block.box_label, keep=True)
            self.add(style="Spacer").paragraph_format.keep_with_next = True
            return
        num_id = list_numbering(self.doc, STATEMENT_LIST_ID, 7, False)
        for item in block.items:
            paragraph = self.add(style="Tick Box")
            number_paragraph(paragraph, num_id)
            checkbox(paragraph, plain_text(item)[:60])
            paragraph.add_run(" ")
            self.runs(paragraph, item)

    def _aside(self, callout: n.Callout, style: str, keep: bool | None) -> None:
        """A note or skip rule inside a question: its title run in, in bold, with its words."""
        paragraph = self.add(style=style)
        paragraph.add_run(f"{callout.run_in or callout.title} ").bold = True
        for inner in callout.body:
            if isinstance(inner, n.Para):
                self.runs(paragraph, inner.children)
        paragraph.paragraph_format.keep_with_next = keep

    def visit_question(self, q: n.Question) -> None:
        if self.question_num_id is None:
            self.question_num_id = list_numbering(self.doc, QUESTION_LIST_ID, 7, True)
        heading = self.add(style="Heading 3")
        number_paragraph(heading, self.question_num_id)
        heading.paragraph_format.keep_with_next = True
        self.runs(heading, q.text)
        self.bookmark(heading, q.anchor)
        keep = bool(q.space_label)  # the question, its prompts and notes space stay on one page
        for skip in q.skips:  # read before the prompts
            self._aside(skip, "Skip Logic", True)
        if q.prompts:
            self.add(q.prompts_label, "Prompts Label")
            for prompt in q.prompts:
                paragraph = self.paragraph(prompt, "List Bullet", italic=True)
                paragraph.paragraph_format.left_indent = Mm(13)
                paragraph.paragraph_format.keep_with_next = keep or None
        for note in q.notes:
            self._aside(note, "Facilitator Note", keep or None)
        if q.scale:
            self.add(q.scale_label, "Rating").paragraph_format.keep_with_next = True
            choices = self.add(style="Rating")
            choices.paragraph_format.keep_with_next = keep or None
            for index, choice in enumerate(q.scale):
                if index:
                    choices.add_run("    ")
                checkbox(choices, choice.choice)
                choices.add_run(f" {choice.choice}")
        if q.space_label:
            table = self.doc.add_table(rows=1, cols=1)
            table.style = self.doc.styles["Table Grid"]
            row = table.rows[0]
            row.height = Mm(q.space_mm)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            keep_row_whole(row, False)
            cell = row.cells[0]
            cell.paragraphs[0].style = self.doc.styles["Notes Label"]
            cell.paragraphs[0].add_run(q.space_label)
            widths(table, (Mm(167),))
            table.alignment = None
            _table_indent(table, Mm(7))
            self.add(style="Spacer")


def _bookmark_name(anchor: str) -> str:
    """Word bookmark names: letters, digits and underscores, 40 characters at most."""
    name = "".join(c if c.isalnum() else "_" for c in anchor)
    if len(name) > 40:
        import hashlib

        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def _table_indent(table, indent) -> None:
    tbl_pr = table._tbl.tblPr
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(indent.twips)))
    ind.set(qn("w:type"), "dxa")
    tbl_pr.append(ind)


# --- the document --------------------------------------------------------------------------------


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Reflect</Application><DocSecurity>0</DocSecurity>"
    "<Company>{company}</Company></Properties>"
)


def render_docx(doc: Printable, stamp: datetime) -> bytes:
    """The document as DOCX bytes, identical for identical content and stamp."""
    word = new_document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    set_up_styles(word, doc.language, doc.page.font)

    writer = DocxWriter(word, doc.anchors)
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    if doc.variant == "participant" and doc.page.study:
        writer.runs(header, doc.page.study)
    else:
        header.text = doc.page.header
        if doc.page.study:
            writer.runs(section.header.add_paragraph(style="Header"), doc.page.study)
    edition = section.footer.paragraphs[0]
    edition.style = word.styles["Footer"]
    edition.add_run(doc.page.footer).font.size = Pt(7.5)
    pages = section.footer.add_paragraph(style="Footer")
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page_of(pages, doc.page.page_of)

    for block in doc.blocks:
        writer.visit(block)

    props = word.core_properties  # each text at most 255 characters (fit_metadata cuts with "…")
    props.title = fit_metadata(doc.heading)
    props.subject = fit_metadata(doc.subject)
    props.language = doc.language
    props.author = fit_metadata(doc.organisation)
    props.last_modified_by = fit_metadata(doc.organisation)
    props.keywords = fit_metadata(doc.page.keywords)
    props.comments = fit_metadata(doc.page.comments)
    props.category = fit_metadata(doc.page.category)
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
