"""The parts every Word file shares, made once per language and font, and the zip they go into.

A Word file is a zip of XML parts. Most of them (the styles, about 800 KB of XML, the theme,
the settings, the font table) are the same for every document in one language and font:
:func:`template` makes them once per worker process with python-docx (its default template,
Reflect's page and styles from :mod:`generator.writers.word.styles`, an empty header and
footer) and keeps each part's bytes already compressed. A document then writes only its own
parts (body, header, footer, numbering, links, properties) and :func:`zip_package` puts the
lot into a zip with fixed entry times (:func:`generator.writers.ooxml.zip_parts`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from generator.writers.ooxml import Compressed, zip_parts

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
NUMBERING = "word/numbering.xml"
HEADER = "word/header1.xml"
HEADER_RELS = "word/_rels/header1.xml.rels"
FOOTER = "word/footer1.xml"
CORE = "docProps/core.xml"
APP = "docProps/app.xml"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RELS_OPEN = ('<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">')


@dataclass(frozen=True)
class Template:
    """The shared parts of every Word file in one language and font, and what a writer needs
    to know about them."""

    order: tuple[str, ...]  # the parts in the order python-docx saves them
    shared: dict[str, Compressed]  # the parts no document changes
    document_head: str  # document.xml up to and including <w:body>
    document_tail: str  # the section properties and the closing tags
    header_head: str  # header1.xml up to and including its root's start tag
    footer_head: str
    numbering: str  # numbering.xml as the template has it
    num_ids: tuple[int, ...]  # the template's list instances
    document_rels: str  # document.xml.rels
    rel_ids: tuple[str, ...]  # the relationship ids document.xml.rels holds
    core: bytes  # core.xml as the template has it
    style_ids: dict[str, str | None]  # style name → id (None: the default style of its type)
    list_number: tuple[int, int] | None  # "List Number": (its numId, that list's abstractNumId)
    block_width: int  # the text block's width, twips


PAGE = {"width": 210, "height": 297, "left": 18, "right": 18, "top": 22, "bottom": 20, "header": 10, "footer": 10}


@lru_cache(maxsize=4)
def template(language: str, font: str) -> Template:
    """The shared parts for one language and font (made once per process: a pure function of
    its arguments and the installed python-docx)."""
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Mm

    from generator.writers.word.styles import set_up_styles

    word = new_document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.header_distance, section.footer_distance = Mm(PAGE["header"]), Mm(PAGE["footer"])
    set_up_styles(word, language, font)
    section.header.paragraphs  # makes the header and footer parts (rId9, rId10)
    section.footer.paragraphs
    # The template's thumbnail shows an empty page: leave it out.
    package_rels = word.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    block_width = (section.page_width - section.left_margin - section.right_margin)

    styles = word.styles
    defaults = {kind: styles.default(kind) for kind in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE)}
    style_ids = {s.name: (None if s == defaults.get(s.type) else s.style_id) for s in styles}
    ppr = styles["List Number"].element.pPr
    list_number = None
    if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
        num_id = ppr.numPr.numId.val
        list_number = (num_id, word.part.numbering_part.element.num_having_numId(num_id).abstractNumId.val)

    raw = io.BytesIO()
    word.save(raw)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as package:
        for name in package.namelist():
            parts[name] = package.read(name)
    document = parts[DOCUMENT].decode("utf-8")
    body = document.index("<w:body>") + len("<w:body>")
    rels = parts[DOCUMENT_RELS].decode("utf-8")
    numbering = parts[NUMBERING].decode("utf-8")
    own = {DOCUMENT, DOCUMENT_RELS, NUMBERING, HEADER, FOOTER, CORE, APP}
    return Template(
        order=tuple(parts),
        shared={name: Compressed.of(data) for name, data in parts.items() if name not in own},
        document_head=document[:body],
        document_tail=document[document.index("<w:sectPr", body):],
        header_head=_root_start(parts[HEADER].decode("utf-8")),
        footer_head=_root_start(parts[FOOTER].decode("utf-8")),
        numbering=numbering,
        num_ids=tuple(int(i) for i in re.findall(r'<w:num w:numId="(\d+)"', numbering)),
        document_rels=rels,
        rel_ids=tuple(re.findall(r'<Relationship Id="([^"]+)"', rels)),
        core=parts[CORE],
        style_ids=style_ids,
        list_number=list_number,
        block_width=int(round(block_width / 635.0)),
    )


def _root_start(xml: str) -> str:
    """The XML declaration and the root element's start tag (a header or footer)."""
    root = xml.index("<w:", xml.index("?>"))
    return xml[: xml.index(">", root) + 1]


def zip_package(template: Template, own: dict[str, bytes], stamp: datetime) -> bytes:
    """The Word file: the template's parts and the document's own (``own``, by name; a part the
    template does not have, such as the header's links, goes after the part it belongs to),
    every entry dated ``stamp`` (or 1980, the earliest a zip can say), deflated at level 9."""
    names = list(template.order)
    if HEADER_RELS in own:
        names.insert(names.index(HEADER) + 1, HEADER_RELS)
    return zip_parts(((name, template.shared[name] if name in template.shared else own[name]) for name in names),
                     stamp)


def relationships(base: str, links: dict[str, str]) -> str:
    """A part's relationships with external hyperlinks added (``links``: address → rId);
    ``base``: the part's relationships so far (``RELS_OPEN + "</Relationships>"`` for none)."""
    from generator.writers.word.wordml import attr

    added = "".join(
        f'<Relationship Id="{rid}" Type="{HYPERLINK}" Target="{attr(url)}" TargetMode="External"/>'
        for url, rid in links.items()
    )
    return base.replace("</Relationships>", added + "</Relationships>")
