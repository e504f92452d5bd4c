"""Printed documents as editable Word files: A4, real styles, byte-reproducible.

Structure uses Word's own styles, so the navigation pane, a table of contents and
restyling all work: the title is ``Heading 1``, sections ``Heading 2``, questions
``Heading 3``; numbered lists ``List Number`` (each list restarts at 1) and bullets
``List Bullet``. Parts with no built-in equivalent get named styles of their own
(``Prompts Label``, ``Facilitator Note``, ``Skip Logic``, ``Script``, ``Guidance``,
``Tick Box``, ``Source Note``) so an adopter can restyle them all at once.

Unfilled placeholders are highlighted yellow and name what belongs there. The file's
properties (title, subject, language, author, dates) are set from the content and the
build stamp, and every zip entry has the same fixed time, so the same content gives the
same bytes.

How it is made: the parts every file shares (styles, theme, settings) come from
:func:`~generator.writers.word.package.template`, made once per process with python-docx;
:class:`DocxWriter` writes the document's body as WordprocessingML text
(:mod:`~generator.writers.word.wordml`), one ``visit_<node>`` method per node type. Run
properties (bold, italic, highlight, link colour) are set in one place,
:meth:`DocxWriter.runs`, through :func:`~generator.writers.word.wordml.run_properties`.
"""

from __future__ import annotations

from datetime import datetime

from generator.document import nodes as n
from generator.document.build import plain_text
from generator.document.nodes import Printable
from generator.document.visitor import Visitor
from generator.writers.limits import fit_metadata
from generator.writers.word.content import write_element
from generator.writers.word.forms import (
    QUESTION_LIST_ID,
    STATEMENT_LIST_ID,
    Numbering,
    checkbox,
    complex_field,
    number_field,
    page_of,
    signatures_table,
    statements_table,
    table_indent,
)
from generator.writers.word.package import (
    APP, CORE, DOCUMENT, DOCUMENT_RELS, FOOTER, HEADER, HEADER_RELS, NUMBERING, RELS_OPEN, Template, relationships,
    template, zip_package,
)
from generator.writers.word.runs import runs as flat_runs
from generator.writers.word.wordml import Paragraph, Table, attr, element, run, run_properties, twips

LINK_COLOUR = "1A3D99"
DEFAULT_LANGUAGE, DEFAULT_FONT = "en-GB", "Arial"


class Links:
    """One part's external hyperlinks: each address related once, numbered as python-docx numbers them."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self.taken = set(taken)
        self.added: dict[str, str] = {}  # address → rId

    def relate(self, url: str) -> str:
        if url not in self.added:
            rid = next(f"rId{i}" for i in range(1, len(self.taken) + 2) if f"rId{i}" not in self.taken)
            self.taken.add(rid)
            self.added[url] = rid
        return self.added[url]


class DocxWriter(Visitor):
    """Writes one printed document's body as WordprocessingML: one ``visit_<node>`` method per node type."""

    def __init__(self, anchors: frozenset[str], word: Template | None = None):
        self.template = word or template(DEFAULT_LANGUAGE, DEFAULT_FONT)
        self.anchors = anchors
        self.body: list[str] = []  # the body's paragraphs and tables, written
        self.numbering = Numbering(self.template.numbering, self.template.num_ids)
        self.links = Links(self.template.rel_ids)
        self.bookmark_id = 0
        self.question_num_id: int | None = None

    def style_id(self, name: str) -> str | None:
        """A style's id (None for the default style of its type); a name the template lacks is an error."""
        try:
            return self.template.style_ids[name]
        except KeyError:
            raise KeyError(f"no style with name '{name}'") from None

    def runs(self, paragraph: Paragraph, inline: n.Inlines, *, italic: bool | None = None,
             links: Links | None = None) -> None:
        """Inline nodes as Word runs (nesting flattened: bold in a link is a bold, linked run).
        ``links``: the hyperlinks of the part the paragraph is in (the body's by default)."""
        links = self.links if links is None else links
        for made in flat_runs(inline):
            link = None
            if made.target and made.target in self.anchors:
                link = f' w:anchor="{attr(_bookmark_name(made.target))}" w:history="1"'
            elif made.href:
                link = f' r:id="{links.relate(made.href)}" w:history="1"'
            properties = run_properties(
                bold=made.bold,
                italic=bool(made.italic or italic),
                colour=LINK_COLOUR if link is not None else None,
                highlight="yellow" if made.blank else None,
                underline=link is not None,
                language=made.language,  # words in another language than the document's
            )
            pieces = []
            for piece, field in number_field(made, self.anchors):
                written = run(piece, properties)
                if field:  # the question's number, kept up to date by Word from its list number
                    written = complex_field(f" REF {_bookmark_name(made.target)} \\n ", written)
                pieces.append(written)
            if link is not None:
                paragraph.add(element("w:hyperlink", link, "".join(pieces)))
            else:
                paragraph.content.extend(pieces)

    def add(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new body paragraph in ``style`` (a style name), holding ``text`` as one plain run."""
        paragraph = Paragraph(None if style is None else self.style_id(style))
        if text:
            paragraph.add_run(text)
        self.body.append(paragraph)
        return paragraph

    def paragraph(self, inline: n.Inlines, style: str | None = None, *, italic: bool | None = None) -> Paragraph:
        paragraph = self.add(style=style)
        self.runs(paragraph, inline, italic=italic)
        return paragraph

    def table(self, columns: int, style: str | None = None) -> Table:
        """A new body table of ``columns`` equal columns, in the table style with id ``style``."""
        made = Table(columns, self.template.block_width, style)
        self.body.append(made)
        return made

    def bookmark(self, paragraph: Paragraph, anchor: str) -> None:
        self.bookmark_id += 1
        paragraph.content.insert(0, f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{attr(_bookmark_name(anchor))}"/>')
        paragraph.add(f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>')

    def numbered(self, items: tuple[n.Inlines, ...], style: str = "List Number", prefix: str = "") -> None:
        """A numbered list that starts at 1, however many lists came before it."""
        num_id = None
        if self.template.list_number is not None:
            num_id = self.numbering.add_num(self.template.list_number[1])
        for item in items:
            paragraph = self.add(style=style)
            if num_id is not None:
                paragraph.number(num_id)
            if prefix:
                paragraph.add_run(prefix)
            self.runs(paragraph, item)

    def body_xml(self) -> str:
        return "".join(block.xml() for block in self.body)

    # --- blocks: one visit method per node type ---------------------------------------------

    def visit_heading(self, node: n.Heading) -> None:
        paragraph = self.paragraph(node.children, f"Heading {node.level}")
        if node.anchor:
            self.bookmark(paragraph, node.anchor)

    def visit_para(self, node: n.Para) -> None:
        style = {"lead": "Lead", "meta": "Meta", "source": "Source Note"}.get(node.role)
        paragraph = self.paragraph(node.children, style)
        if node.role == "keep":
            paragraph.keep(True)

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
        title.keep(True)
        for inner in node.body:
            if isinstance(inner, n.Para):
                self.paragraph(inner.children, style)
            elif isinstance(inner, n.ItemList):
                for item in inner.items:
                    self.paragraph(item, style)
            else:
                self.visit(inner)

    def visit_fields(self, node: n.Fields) -> None:
        table = self.table(2, self.style_id("Table Grid"))
        label_style = self.style_id("Field Label")
        for row in node.rows:
            made = table.add_row()
            label = made.cells[0].paragraphs[0]
            label.style, label.has_properties = label_style, True
            label.add_run(row.label)
            if row.write_in:
                made.height, made.rule = twips(8), "atLeast"
            else:
                self.runs(made.cells[1].paragraphs[0], row.value)
        table.widths((twips(62), twips(112)))
        self.body.append(Paragraph())

    def visit_signatures(self, node: n.Signatures) -> None:
        signatures_table(self, node.columns, node.signers or ("",))
        self.body.append(Paragraph())

    def visit_tickboxes(self, block: n.TickBoxes) -> None:
        if block.box_label is not None:
            # Kept with what follows (the signatures), as on paper.
            statements_table(self, block.items, block.box_label, keep=True)
            self.add(style="Spacer").keep(True)
            return
        num_id = self.numbering.decimal_list(STATEMENT_LIST_ID, 7, False)
        for item in block.items:
            paragraph = self.add(style="Tick Box")
            paragraph.number(num_id)
            checkbox(paragraph, plain_text(item)[:60])
            paragraph.add_run(" ")
            self.runs(paragraph, item)

    def _aside(self, callout: n.Callout, style: str, keep: bool | None) -> None:
        """A note or skip rule inside a question: its title run in, in bold, with its words."""
        paragraph = self.add(style=style)
        paragraph.add_run(f"{callout.title} ", run_properties(bold=True))
        for inner in callout.body:
            if isinstance(inner, n.Para):
                self.runs(paragraph, inner.children)
        paragraph.keep(keep)

    def visit_question(self, q: n.Question) -> None:
        if self.question_num_id is None:
            self.question_num_id = self.numbering.decimal_list(QUESTION_LIST_ID, 7, True)
        heading = self.add(style="Heading 3")
        heading.number(self.question_num_id)
        heading.keep(True)
        self.runs(heading, q.text)
        self.bookmark(heading, q.anchor)
        keep = bool(q.space_label)  # the question, its prompts and notes space stay on one page
        for skip in q.skips:  # read before the prompts
            self._aside(skip, "Skip Logic", True)
        if q.prompts:
            self.add(q.prompts_label, "Prompts Label")
            for prompt in q.prompts:
                paragraph = self.paragraph(prompt, "List Bullet", italic=True)
                paragraph.left_indent(twips(13))
                paragraph.keep(keep)
        for note in q.notes:
            self._aside(note, "Facilitator Note", keep)
        if q.scale:
            self.add(q.scale_label, "Rating").keep(True)
            choices = self.add(style="Rating")
            choices.keep(keep)
            for index, choice in enumerate(q.scale):
                if index:
                    choices.add_run("    ")
                checkbox(choices, choice.choice)
                choices.add_run(f" {choice.choice}")
        if q.space_label:
            table = self.table(1, self.style_id("Table Grid"))
            row = table.add_row()
            row.height, row.rule = twips(q.space_mm), "exact"
            row.keep_whole(False)
            label = row.cells[0].paragraphs[0]
            label.style, label.has_properties = self.style_id("Notes Label"), True
            label.add_run(q.space_label)
            table.widths((twips(167),))
            table_indent(table, 7)
            self.add(style="Spacer")


def _bookmark_name(anchor: str) -> str:
    """Word bookmark names: letters, digits and underscores, 40 characters at most."""
    name = "".join(c if c.isalnum() else "_" for c in anchor)
    if len(name) > 40:
        import hashlib

        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


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
    word = template(doc.language, doc.page.font)
    writer = DocxWriter(doc.anchors, word)
    header_links = Links()
    header = [Paragraph(writer.style_id("Header"))]
    if doc.variant == "participant" and doc.page.study:
        writer.runs(header[0], doc.page.study, links=header_links)
    else:
        header[0].add_run(doc.page.header)
        if doc.page.study:
            header.append(Paragraph(writer.style_id("Header")))
            writer.runs(header[1], doc.page.study, links=header_links)
    edition = Paragraph(writer.style_id("Footer"))
    edition.add_run(doc.page.footer, run_properties(size=15))  # 7.5 pt
    pages = Paragraph(writer.style_id("Footer"))
    pages.alignment("right")
    page_of(pages, doc.page.page_of)

    for block in doc.blocks:
        writer.visit(block)

    return package(writer, stamp, _core_properties(word, doc, stamp), doc.organisation,
                   header=header, footer=[edition, pages], header_links=header_links)


def package(writer: DocxWriter, stamp: datetime, core: bytes | None = None, company: str = "", *,
            header: list[Paragraph] | None = None, footer: list[Paragraph] | None = None,
            header_links: Links | None = None) -> bytes:
    """The Word file of what ``writer`` wrote: its body, header and footer paragraphs, its lists
    and links, the file properties ``core`` (the template's when None) and ``company``."""
    from xml.sax.saxutils import escape

    word = writer.template
    header = header if header is not None else [Paragraph(writer.style_id("Header"))]
    footer = footer if footer is not None else [Paragraph(writer.style_id("Footer"))]
    own = {
        DOCUMENT: word.document_head + writer.body_xml() + word.document_tail,
        DOCUMENT_RELS: relationships(word.document_rels, writer.links.added),
        NUMBERING: writer.numbering.xml(),
        HEADER: word.header_head + "".join(p.xml() for p in header) + "</w:hdr>",
        FOOTER: word.footer_head + "".join(p.xml() for p in footer) + "</w:ftr>",
        APP: APP_XML.format(company=escape(company)),
    }
    if header_links is not None and header_links.added:
        own[HEADER_RELS] = relationships(RELS_OPEN + "</Relationships>", header_links.added)
    data = {name: xml.encode("utf-8") for name, xml in own.items()}
    data[CORE] = word.core if core is None else core
    return zip_package(word, data, stamp)


def _core_properties(word: Template, doc: Printable, stamp: datetime) -> bytes:
    """core.xml: the template's, with the document's title, subject, language, author and dates
    (each text at most 255 characters: fit_metadata cuts with "…")."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    element = parse_xml(word.core)
    props = CoreProperties(element)
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
    return serialize_part_xml(element)
