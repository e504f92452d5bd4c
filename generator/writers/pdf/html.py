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
from generator.writers.html import Html, el, join
from generator.document.nodes import Printable
from generator.document.visitor import Visitor
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


TICK = el("span", {"class": "box tick", "aria-hidden": "true"})


class HtmlWriter(Visitor):
    """Writes printed documents as HTML: one ``visit_<node>`` method per node type, every value
    through the site's escaping element builder (:func:`~generator.writers.html.el`)."""

    def __init__(self, anchors: frozenset[str]):
        self.anchors = anchors  # anchors present in the file being written
        self.in_link = False  # inside a link: what would link again is plain text

    def inline(self, children: tuple) -> Html:
        return join(self.visit(child) for child in children)

    # --- inline ------------------------------------------------------------------------------

    def visit_text(self, node: n.Text) -> Html:
        return join([node.text])

    def visit_code(self, node: n.Code) -> Html:
        return join([node.text])

    def visit_strong(self, node: n.Strong) -> Html:
        return el("strong", None, self.inline(node.children))

    def visit_emphasis(self, node: n.Emphasis) -> Html:
        return el("em", None, self.inline(node.children))

    def visit_externallink(self, node: n.ExternalLink) -> Html:
        return self._link(node.url, node.children)

    def visit_link(self, node: n.Link) -> Html:  # a page of the site: not on paper
        return self.inline(node.children)

    def visit_crossref(self, node: n.CrossRef) -> Html:
        if node.anchor and node.anchor in self.anchors:
            return self._link(f"#{node.anchor}", (n.Text(node.label),))
        if node.url:
            return self._link(node.url, (n.Text(node.label),))
        return join([node.label])

    def visit_blank(self, node: n.Blank) -> Html:
        return el("mark", {"class": "blank"}, node.text)

    def visit_element(self, node: n.Element) -> Html:
        """Content's other elements (a table, a definition list) as they are; a link as a link."""
        if node.tag == "a":
            href = node.attribute("href")
            return self._link(href, node.children) if href else self.inline(node.children)
        return el(node.tag, dict(node.attributes), self.inline(node.children))

    def _link(self, href: str, children: tuple) -> Html:
        if self.in_link:
            return self.inline(children)
        self.in_link = True
        inner = self.inline(children)
        self.in_link = False
        return el("a", {"href": href}, inner)

    # --- blocks ------------------------------------------------------------------------------

    def visit_heading(self, node: n.Heading) -> Html:
        return el(f"h{node.level}", {"id": node.anchor}, self.inline(node.children))

    def visit_para(self, node: n.Para) -> Html:
        return el("p", {"class": node.role or None}, self.inline(node.children))

    def visit_itemlist(self, node: n.ItemList) -> Html:
        return el("ol" if node.ordered else "ul", None, (el("li", None, self.inline(item)) for item in node.items))

    def visit_callout(self, node: n.Callout) -> Html:
        return el("div", {"class": f"callout callout-{node.kind}"}, el("p", {"class": "callout-title"}, node.title),
                  (self.visit(b) for b in node.body))

    def visit_fields(self, node: n.Fields) -> Html:
        rows = (
            el("tr", None, el("th", {"scope": "row"}, row.label),
               el("td", {"class": "write-in"}) if row.write_in else el("td", None, self.inline(row.value)))
            for row in node.rows
        )
        return el("table", {"class": "fields"}, el("tbody", None, rows))

    def visit_tickboxes(self, node: n.TickBoxes) -> Html:
        """Statements with a tick box each, or numbered, one table row each, with a labelled box."""
        if node.box_label is None:
            items = (el("li", None, TICK, " ", self.inline(item)) for item in node.items)
            return el("ol", {"class": "tickboxes"}, items)
        rows = (
            el("tr", None, el("td", {"class": "number"}, number), el("td", {"class": "statement"}, self.inline(item)),
               el("td", {"class": "initials"}, el("span", {"class": "box-label"}, node.box_label)))
            for number, item in zip(node.numbers, node.items)
        )
        return el("table", {"class": "statements"}, el("tbody", None, rows))

    def visit_signatures(self, node: n.Signatures) -> Html:
        """One row per person (one unnamed row when none is named): a line above each caption."""
        rows = (
            el("tr", None, el("th", {"scope": "row"}, signer),
               (el("td", None, el("div", {"class": "line"}), el("p", {"class": "caption"}, column))
                for column in node.columns))
            for signer in node.signers or ("",)
        )
        return el("table", {"class": "signatures"}, el("tbody", None, rows))

    def _aside(self, kind: str, callout: n.Callout) -> Html:
        """A note or skip rule inside a question: its title run in with its words."""
        inner = (self.inline(b.children) for b in callout.body if isinstance(b, n.Para))
        return el("aside", {"class": kind}, el("p", None, el("span", {"class": "aside-label"}, callout.title), " ", inner))

    def visit_question(self, q: n.Question) -> Html:
        parts = [el("h3", {"id": q.anchor}, el("span", {"class": "qnum"}, q.number_label), " ", self.inline(q.text))]
        parts += [self._aside("skip-logic", skip) for skip in q.skips]  # read before the prompts
        if q.prompts:
            parts.append(el("div", {"class": "prompts"}, el("p", {"class": "prompts-label"}, q.prompts_label),
                            el("ul", None, (el("li", None, self.inline(p)) for p in q.prompts))))
        parts += [self._aside("facilitator-note", note) for note in q.notes]
        if q.scale:
            choices = (el("li", None, TICK, " ", c.choice) for c in q.scale)
            parts.append(el("div", {"class": "rating"}, el("p", {"class": "rating-label"}, q.scale_label),
                            el("ul", None, choices)))
        if q.space_label:
            parts.append(el("div", {"class": "notes-space", "style": f"height: {q.space_mm}mm"},
                            el("p", {"class": "notes-label"}, q.space_label)))
        return el("section", {"class": "question"}, parts)

    def visit_cover(self, cover: n.Cover) -> Html:
        """The combined file's first page: its title, where it is from, and the contents."""
        toc = (el("li", None, el("a", {"href": f"#{anchor}"}, words)) for anchor, words in cover.contents)
        return el(
            "section", {"class": "cover"},
            el("h1", {"class": "cover-title", "data-header": cover.title, "data-footer": ""}, cover.title),
            el("p", None, el("strong", None, cover.site_title)), el("p", None, cover.from_line),
            el("nav", {"class": "toc"}, el("h2", None, cover.contents_label), el("ol", None, toc)),
        )

    def visit_printable(self, doc: n.Printable) -> Html:
        """One document as an article; its title carries the running header and footer."""
        first, *rest = doc.blocks
        assert isinstance(first, n.Heading)
        title = el("h1", {"id": first.anchor or doc.anchor, "data-header": doc.page.header,
                          "data-footer": doc.page.footer}, self.inline(first.children))
        return el("article", {"class": f"doc doc-{doc.kind} doc-{doc.variant}"}, title, (self.visit(b) for b in rest))


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
