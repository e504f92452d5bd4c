"""Printed documents as HTML for WeasyPrint: one document, or every appendix with a contents page.

The HTML is made from the document tree (:class:`~generator.document.nodes.Printable`) only
(never from the site's pages), by :class:`HtmlWriter`, one ``visit_<node>`` method per node
type. Headings carry the bookmarks (h1 appendix, h2 section, h3 question); links to an
anchor are kept only where the anchor is in the same file, so every link in a PDF works.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from generator.document import nodes as n
from generator.document.nodes import Printable
from generator.writers.stamp import iso

CSS_FILE = Path(__file__).with_name("print.css")
FONT_ROOT = Path("/usr/share/fonts/truetype")
# The font a Word file names → metric-compatible files for the PDF, so both paginate alike
# (folder, regular, bold, italic, bold italic). Liberation fonts are Debian's fonts-liberation.
_LIBERATION_SANS = ("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                    "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf")
_LIBERATION_SERIF = ("liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")
_DEJAVU_SANS = ("dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                "DejaVuSans-BoldOblique.ttf")
METRIC_FONTS = {
    "arial": _LIBERATION_SANS,
    "helvetica": _LIBERATION_SANS,
    "liberation sans": _LIBERATION_SANS,
    "times new roman": _LIBERATION_SERIF,
    "liberation serif": _LIBERATION_SERIF,
    "dejavu sans": _DEJAVU_SANS,
}
FALLBACK_FONT = _DEJAVU_SANS  # for characters the main font lacks
STYLES = (("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic"))


class FontMissing(RuntimeError):
    pass


def _faces(family: str, files: tuple[str, ...], required: bool) -> list[str]:
    folder, *names = files
    rules = []
    for name, (weight, style) in zip(names, STYLES):
        path = FONT_ROOT / folder / name
        if not path.is_file():
            if required and name == names[0]:
                raise FontMissing(
                    f"the font file {path} is not installed; install the Debian package "
                    f"fonts-{folder} to print documents"
                )
            continue
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return rules


def font_files() -> list[Path]:
    """Every font file the PDFs may embed (for the cache key)."""
    found = {FONT_ROOT / files[0] / name for files in (*METRIC_FONTS.values(),) for name in files[1:]}
    return sorted(p for p in found if p.is_file())


def font_faces_css(font: str) -> str:
    """``@font-face`` rules naming font files, so every PDF embeds known fonts.

    A font with a metric-compatible free font (Arial → Liberation Sans) prints with that;
    any other font is asked of the system by name, with DejaVu Sans behind it.
    """
    files = METRIC_FONTS.get(font.lower())
    rules = _faces("Reflect Print", files, True) if files else []
    rules += _faces("Reflect Fallback", FALLBACK_FONT, False)
    family = "" if files else f"@font-face {{ font-family: \"Reflect Print\"; src: local({_css_string(font)}); }}"
    return "\n".join([*rules, family]) + "\n"


def stylesheet(font: str, page_of: str) -> str:
    """The whole print stylesheet: fonts, the packaged rules, the page number's words."""
    before, _, rest = page_of.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    counter = " ".join(
        part for part in (_css_string(before) if before else "", "counter(page)",
                          _css_string(middle) if middle else "", "counter(pages)",
                          _css_string(after) if after else "") if part
    )
    return (
        font_faces_css(font)
        + CSS_FILE.read_text(encoding="utf-8")
        + f"\n@page {{ @bottom-right {{ content: {counter}; }} }}\n"
    )


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


class HtmlWriter:
    """Writes printed documents as HTML: one ``visit_<node>`` method per node type."""

    def __init__(self, anchors: frozenset[str]):
        self.anchors = anchors  # anchors present in the file being written
        self.in_link = False  # inside a link: what would link again is plain text

    def visit(self, node: object) -> str:
        return getattr(self, "visit_" + type(node).__name__.lower())(node)

    def inline(self, children: n.Inlines) -> str:
        return "".join(self.visit(child) for child in children)

    # --- inline ------------------------------------------------------------------------------

    def visit_text(self, node: n.Text) -> str:
        return html.escape(node.text, quote=False)

    def visit_code(self, node: n.Code) -> str:
        return html.escape(node.text, quote=False)

    def visit_strong(self, node: n.Strong) -> str:
        return f"<strong>{self.inline(node.children)}</strong>"

    def visit_emphasis(self, node: n.Emphasis) -> str:
        return f"<em>{self.inline(node.children)}</em>"

    def visit_externallink(self, node: n.ExternalLink) -> str:
        return self._link(node.url, node.children)

    def visit_link(self, node: n.Link) -> str:  # a page of the site: not on paper
        return self.inline(node.children)

    def visit_crossref(self, node: n.CrossRef) -> str:
        if node.anchor and node.anchor in self.anchors:
            return self._link(f"#{node.anchor}", (n.Text(node.label),))
        if node.url:
            return self._link(node.url, (n.Text(node.label),))
        return html.escape(node.label, quote=False)

    def visit_blank(self, node: n.Blank) -> str:
        return f'<mark class="blank">{html.escape(node.text, quote=False)}</mark>'

    def _link(self, href: str, children: n.Inlines) -> str:
        if self.in_link:
            return self.inline(children)
        self.in_link = True
        inner = self.inline(children)
        self.in_link = False
        return f'<a href="{_attr(href)}">{inner}</a>'

    # --- blocks ------------------------------------------------------------------------------

    def visit_heading(self, node: n.Heading) -> str:
        anchor = f' id="{_attr(node.anchor)}"' if node.anchor else ""
        return f"<h{node.level}{anchor}>{self.inline(node.children)}</h{node.level}>"

    def visit_para(self, node: n.Para) -> str:
        role = f' class="{node.role}"' if node.role else ""
        return f"<p{role}>{self.inline(node.children)}</p>"

    def visit_itemlist(self, node: n.ItemList) -> str:
        tag = "ol" if node.ordered else "ul"
        items = "".join(f"<li>{self.inline(item)}</li>" for item in node.items)
        return f"<{tag}>{items}</{tag}>"

    def visit_callout(self, node: n.Callout) -> str:
        body = "".join(self.visit(b) for b in node.body)
        return (
            f'<div class="callout callout-{node.kind}">'
            f'<p class="callout-title">{html.escape(node.title)}</p>{body}</div>'
        )

    def visit_fields(self, node: n.Fields) -> str:
        rows = "".join(
            f'<tr><th scope="row">{html.escape(row.label)}</th>'
            + ('<td class="write-in"></td>' if row.write_in else f"<td>{self.inline(row.value)}</td>")
            + "</tr>"
            for row in node.rows
        )
        return f'<table class="fields"><tbody>{rows}</tbody></table>'

    def visit_tickboxes(self, node: n.TickBoxes) -> str:
        """Statements with a tick box each, or numbered, one table row each, with a labelled box."""
        if node.box_label is None:
            items = "".join(
                f'<li><span class="box tick" aria-hidden="true"></span> {self.inline(item)}</li>'
                for item in node.items
            )
            return f'<ol class="tickboxes">{items}</ol>'
        label = html.escape(node.box_label)
        rows = "".join(
            f'<tr><td class="number">{html.escape(number)}</td><td class="statement">{self.inline(item)}</td>'
            f'<td class="initials"><span class="box-label">{label}</span></td></tr>'
            for number, item in zip(node.numbers, node.items)
        )
        return f'<table class="statements"><tbody>{rows}</tbody></table>'

    def visit_signatures(self, node: n.Signatures) -> str:
        """One row per person (one unnamed row when none is named): a line above each caption."""
        rows = "".join(
            f'<tr><th scope="row">{html.escape(signer)}</th>'
            + "".join(
                f'<td><div class="line"></div><p class="caption">{html.escape(column)}</p></td>'
                for column in node.columns
            )
            + "</tr>"
            for signer in node.signers or ("",)
        )
        return f'<table class="signatures"><tbody>{rows}</tbody></table>'

    def _aside(self, kind: str, callout: n.Callout) -> str:
        """A note or skip rule inside a question: its title run in with its words."""
        inner = "".join(self.inline(b.children) for b in callout.body if isinstance(b, n.Para))
        return (f'<aside class="{kind}"><p><span class="aside-label">{html.escape(callout.title)}</span> '
                f"{inner}</p></aside>")

    def visit_question(self, q: n.Question) -> str:
        parts = [
            f'<section class="question">'
            f'<h3 id="{_attr(q.anchor)}">'
            f'<span class="qnum">{html.escape(q.number_label)}</span> {self.inline(q.text)}</h3>'
        ]
        parts += [self._aside("skip-logic", skip) for skip in q.skips]  # read before the prompts
        if q.prompts:
            items = "".join(f"<li>{self.inline(p)}</li>" for p in q.prompts)
            parts.append(
                f'<div class="prompts"><p class="prompts-label">{html.escape(q.prompts_label)}</p>'
                f"<ul>{items}</ul></div>"
            )
        parts += [self._aside("facilitator-note", note) for note in q.notes]
        if q.scale:
            choices = "".join(
                f'<li><span class="box tick" aria-hidden="true"></span> {html.escape(c.choice)}</li>'
                for c in q.scale
            )
            parts.append(
                f'<div class="rating"><p class="rating-label">{html.escape(q.scale_label)}</p>'
                f"<ul>{choices}</ul></div>"
            )
        if q.space_label:
            parts.append(
                f'<div class="notes-space" style="height: {q.space_mm}mm">'
                f'<p class="notes-label">{html.escape(q.space_label)}</p></div>'
            )
        parts.append("</section>")
        return "".join(parts)

    def visit_cover(self, cover: n.Cover) -> str:
        """The combined file's first page: its title, where it is from, and the contents."""
        toc = "".join(f'<li><a href="#{_attr(anchor)}">{html.escape(words)}</a></li>' for anchor, words in cover.contents)
        return (
            '<section class="cover">'
            f'<h1 class="cover-title" data-header="{_attr(cover.title)}" data-footer="">'
            f"{html.escape(cover.title)}</h1>"
            f"<p><strong>{html.escape(cover.site_title)}</strong></p>"
            f"<p>{html.escape(cover.from_line)}</p>"
            f'<nav class="toc"><h2>{html.escape(cover.contents_label)}</h2><ol>{toc}</ol></nav>'
            "</section>"
        )

    def visit_printable(self, doc: n.Printable) -> str:
        """One document as an article; its title carries the running header and footer."""
        first, *rest = doc.blocks
        assert isinstance(first, n.Heading)
        title = (
            f'<h1 id="{_attr(first.anchor or doc.anchor)}" data-header="{_attr(doc.page.header)}" '
            f'data-footer="{_attr(doc.page.footer)}">{self.inline(first.children)}</h1>'
        )
        body = "".join(self.visit(b) for b in rest)
        return f'<article class="doc doc-{doc.kind} doc-{doc.variant}">{title}{body}</article>'


def _head(title: str, subject: str, doc: Printable, stamp: datetime, keywords: str) -> str:
    when = iso(stamp)
    return (
        "<head>"
        '<meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="author" content="{_attr(doc.organisation)}">'
        f'<meta name="description" content="{_attr(subject)}">'
        f'<meta name="keywords" content="{_attr(keywords)}">'
        '<meta name="generator" content="Reflect">'
        + (f'<meta name="rights" content="{_attr(doc.page.licence)}">' if doc.page.licence else "")
        + f'<meta name="dcterms.created" content="{when}">'
        f'<meta name="dcterms.modified" content="{when}">'
        "</head>"
    )


def document_html(doc: Printable, stamp: datetime) -> tuple[str, str]:
    """(HTML, CSS) for one appendix, participant version or question set."""
    writer = HtmlWriter(doc.anchors)
    keywords = doc.page.keywords
    page = (
        f'<!DOCTYPE html><html lang="{_attr(doc.language)}">'
        + _head(doc.heading, doc.subject, doc, stamp, keywords)
        + f"<body>{writer.visit(doc)}</body></html>"
    )
    return page, stylesheet(doc.page.font, doc.page.page_of)


def combined_html(docs: tuple[Printable, ...], stamp: datetime, cover: n.Cover) -> tuple[str, str]:
    """(HTML, CSS) for every appendix in one file, after a cover with the contents."""
    if not docs:
        raise ValueError("no appendices to combine")
    first = docs[0]
    writer = HtmlWriter(frozenset().union(*(d.anchors for d in docs)))
    articles = "".join(writer.visit(d) for d in docs)
    page = (
        f'<!DOCTYPE html><html lang="{_attr(first.language)}">'
        + _head(cover.document_title, cover.subject, first, stamp, cover.keywords)
        + f"<body>{writer.visit(cover)}{articles}</body></html>"
    )
    return page, stylesheet(first.page.font, first.page.page_of)
