"""The Word files' styles: Word's own (headings, lists) and named ones an adopter can restyle."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

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


def set_up_styles(doc, language: str, font: str) -> None:
    """Language, font and every style the Word writer names, in one document."""
    _defaults(doc, language, font)
    _built_in_styles(doc, font)
    _own_styles(doc)


def _defaults(doc, language: str, font: str) -> None:
    """Language and font for every style, through the document defaults."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), language)
    fonts = rpr_default.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _built_in_styles(doc, font: str) -> None:
    """Word's own styles (Normal, headings, lists) set to the PDF's look."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(10.5)
    # Spacing as in the PDF (print.css): line height about 1.45 em, 7 pt after a paragraph.
    normal.paragraph_format.line_spacing = 1.25
    normal.paragraph_format.space_after = Pt(7)
    for level, size, before, after in ((1, 18, 0, 11), (2, 13.5, 20, 7), (3, 11, 14, 6)):
        heading = styles[f"Heading {level}"]
        heading.font.name = font
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
        heading.paragraph_format.line_spacing = 1.1
        theme = heading.element.rPr.find(qn("w:rFonts"))
        if theme is not None:
            for attr in list(theme.attrib):
                del theme.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                theme.set(qn(attr), font)
    styles["Title"].font.name = font
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)
    styles["List Bullet"].font.italic = None  # prompts


def _own_styles(doc) -> None:
    """The styles Reflect's blocks use, named for what they hold."""
    styles = doc.styles
    _paragraph_style(doc, "Lead", size=11)
    _paragraph_style(doc, "Meta", italic=True, colour=RGBColor(0x33, 0x33, 0x33))
    _paragraph_style(doc, "Source Note", size=8, colour=RGBColor(0x55, 0x55, 0x55))
    _paragraph_style(doc, "Script", indent_mm=3, shade="EEF2FB",
                     border=(("left",), "1A3D99", 18))
    _paragraph_style(doc, "Guidance", indent_mm=3, shade="FFF8DC",
                     border=(("left",), "8A6D00", 18))
    _paragraph_style(doc, "Callout Title", bold=True, indent_mm=3, keep_next=True, space_after=2)
    _paragraph_style(doc, "Prompts Label", bold=True, size=9, indent_mm=7, keep_next=True, space_after=2)
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
    _paragraph_style(doc, "Statement", space_after=4)
    _paragraph_style(doc, "Box Label", size=6.5, colour=RGBColor(0x44, 0x44, 0x44), space_after=0)
    line = _paragraph_style(doc, "Signature Line", space_after=0, border=(("bottom",), "000000", 6))
    line.paragraph_format.space_before = Pt(22)
    line.paragraph_format.right_indent = Mm(3)
    _paragraph_style(doc, "Signature Caption", size=8.5, colour=RGBColor(0x33, 0x33, 0x33), space_after=0)
    _paragraph_style(doc, "Spacer", size=6, space_after=0)


