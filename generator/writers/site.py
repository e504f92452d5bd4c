"""The site writer: walks a page's document tree and writes its HTML.

One ``visit_<node>`` method per node type (:class:`~.document.visitor.Visitor`, as Sphinx's
translators do); every value goes through the element builder (:mod:`.document.html`),
which escapes it. Content text arrives as nodes like any other (read once, see
:mod:`.document.text`), its other elements as :class:`~.document.nodes.Element`, whose
tag and attributes the allowlist admitted when the node was made. The writer lays out
what the nodes carry: it never makes up a word, a number or a label.
"""

from __future__ import annotations

import json
from typing import Any


from generator.document import nodes as n
from generator.writers.html import Html as Markup, el, foreign_attributes, join
from generator.document.visitor import Visitor
from generator.project.addresses import Target, html_href

SEARCH_EXCLUDE = {"data-search-exclude": "true"}
ADMONITIONS = {"script": "quote", "intro": "quote", "about": "abstract", "note": "note", "skip": "info"}
"""Each kind of callout as the theme's admonition that shows it."""


class SiteWriter(Visitor):
    """Writes one page; ``permalink`` is the title of each heading's link to itself."""

    def __init__(self, permalink: str):
        self.permalink = permalink
        self.page = ""

    def write(self, page: n.Page) -> Markup:
        self.page = page.path
        return join(self.visit(block) for block in page.body)

    def inlines(self, children: n.Inlines) -> Markup:
        return join([self.visit(child) for child in children])

    def href(self, target: Target) -> str:
        return html_href(target.href_from(self.page))

    # --- inline ----------------------------------------------------------------------------

    def visit_text(self, node: n.Text) -> Markup:
        return join([node.text])

    def visit_code(self, node: n.Code) -> Markup:
        return el("code", None, node.text)

    def visit_strong(self, node: n.Strong) -> Markup:
        return el("strong", None, self.inlines(node.children))

    def visit_emphasis(self, node: n.Emphasis) -> Markup:
        return el("em", None, self.inlines(node.children))

    def visit_link(self, node: n.Link) -> Markup:
        return el("a", {"class": "md-button" if node.button else None, "href": self.href(node.target)},
                  self.inlines(node.children))

    def visit_externallink(self, node: n.ExternalLink) -> Markup:
        return el("a", {"href": node.url}, self.inlines(node.children))

    def visit_crossref(self, node: n.CrossRef) -> Markup:
        if node.target is None:
            return el("a", {"href": node.url}, node.label) if node.url else join([node.label])
        return el("a", {"href": self.href(node.target)}, node.label)

    def visit_blank(self, node: n.Blank) -> Markup:
        return el("mark", {"class": "reflect-blank", "data-placeholder": node.name}, node.text)

    def visit_element(self, node: n.Element) -> Markup:
        return el(node.tag, dict(node.attributes), (self.visit(child) for child in node.children))

    def visit_foreign(self, node: n.Foreign) -> Markup:
        return el("span", foreign_attributes(node.language, node.state), self.inlines(node.children))

    # --- blocks ------------------------------------------------------------------------------

    def visit_heading(self, node: n.Heading) -> Markup:
        link = el("a", {"class": "headerlink", "href": f"#{node.anchor}", "title": self.permalink}, "¶")
        return el(f"h{node.level}", {"id": node.anchor}, self.inlines(node.children), link)

    def visit_para(self, node: n.Para) -> Markup:
        role = {"source": "reflect-source", "links": "reflect-links", "nojs": "reflect-nojs",
                "prompts": "reflect-prompts-label"}.get(node.role)
        attributes = {"class": role, **({} if node.searchable else SEARCH_EXCLUDE)}
        inner = self.inlines(node.children)
        if node.role == "meta":
            inner = el("em", None, inner)
        return el("p", attributes, inner)

    def visit_prose(self, node: n.Prose) -> Markup:
        return join(self.visit(block) for block in node.children)

    def visit_itemlist(self, node: n.ItemList) -> Markup:
        items = (el("li", None, self.inlines(item)) for item in node.items)
        return el("ol" if node.ordered else "ul", None if node.searchable else SEARCH_EXCLUDE, items)

    def visit_cards(self, node: n.Cards) -> Markup:
        cards = (
            el("li", None, el("p", None, el("strong", None, self.inlines(c.title))), el("p", None, self.inlines(c.body)))
            for c in node.cards
        )
        return el("div", {"class": "grid cards"}, el("ul", None, cards))

    def visit_routes(self, node: n.Routes) -> Markup:
        routes = (
            el("li", {"class": "reflect-route"}, el("p", {"class": "reflect-route__title"}, el("strong", None, self.inlines(r.title))),
               el("p", None, self.inlines(r.body)))
            for r in node.routes
        )
        return el("nav", {"class": "reflect-routes", "aria-label": node.label}, el("ul", None, routes))

    def visit_callout(self, node: n.Callout) -> Markup:
        title = el("p", {"class": "admonition-title"}, node.title)
        return el("div", {"class": f"admonition {ADMONITIONS[node.kind]}"}, title, (self.visit(b) for b in node.body))

    def visit_quote(self, node: n.Quote) -> Markup:
        return el(
            "figure", {"class": "reflect-quote", "id": node.anchor},
            el("blockquote", None, el("p", None, node.text)), el("figcaption", None, node.caption),
        )

    def visit_themestable(self, node: n.ThemesTable) -> Markup:
        head = el("thead", None, el("tr", None, (el("th", {"scope": "col"}, h) for h in node.headers)))
        rows = (
            el("tr", None, el("th", {"scope": "row"}, self.inlines(row.theme)),
               el("td", None, el("ul", None, (el("li", None, self.inlines(s)) for s in row.subthemes))))
            for row in node.rows
        )
        return el("table", {"class": "reflect-table1"}, el("caption", None, node.caption), head, el("tbody", None, rows))

    def visit_scale(self, node: n.Scale) -> Markup:
        options = (
            el("li", {"value": o.value}, el("strong", None, o.label), f": {o.description}" if o.description else None)
            for o in node.options
        )
        return join([el("p", None, el("strong", None, node.heading)), el("ol", {"class": "reflect-scale"}, options)])

    def visit_question(self, node: n.Question) -> Markup:
        link = el("a", {"class": "headerlink", "href": f"#{node.anchor}", "title": self.permalink}, "¶")
        parts = [el("h3", {"id": node.anchor}, node.number_label, " ", self.inlines(node.text), link)]
        if node.prompts:
            label = el("p", {"class": "reflect-prompts-label", **SEARCH_EXCLUDE}, el("strong", None, node.prompts_label))
            items = el("ul", None, (el("li", None, self.inlines(p)) for p in node.prompts))
            parts.append(el("div", {"class": "reflect-prompts"}, label, items))
        parts += [self.visit(callout) for callout in (*node.notes, *node.skips)]
        if node.links:
            links = join((self.inlines(link) for link in node.links), "; ")
            parts.append(el("p", {"class": "reflect-links", **SEARCH_EXCLUDE}, node.links_label, " ", links))
        parts.append(self.visit(node.source) if node.source else None)
        return join(parts)

    def visit_fields(self, node: n.Fields) -> Markup:
        rows = (el("tr", None, el("th", {"scope": "row"}, row.label), el("td", None, self.inlines(row.value)))
                for row in node.rows)
        return el("table", {"class": "reflect-fields"}, el("tbody", None, rows))

    def visit_tickboxes(self, node: n.TickBoxes) -> Markup:
        box = el("span", {"class": "reflect-tickbox", "aria-hidden": "true"}, "☐")
        return el("ol", {"class": "reflect-tickboxes"}, (el("li", None, box, " ", self.inlines(i)) for i in node.items))

    def visit_signatures(self, node: n.Signatures) -> Markup:
        if node.signers:  # one row per person: a line to write on above each column's caption
            rows = (
                el("tr", None, el("th", {"scope": "row"}, signer),
                   (el("td", {"class": "reflect-signature-line"}, el("span", {"class": "reflect-signature-caption"}, line))
                    for line in node.columns))
                for signer in node.signers
            )
            return el("table", {"class": "reflect-signatures reflect-signers"}, el("tbody", None, rows))
        rows = (el("tr", None, el("th", {"scope": "row"}, line), el("td", {"class": "reflect-signature-line"}))
                for line in node.columns)
        return el("table", {"class": "reflect-signatures"}, el("tbody", None, rows))

    def visit_downloadlinks(self, node: n.DownloadLinks) -> Markup:
        buttons = join((self.visit(b) for b in node.buttons), " ")
        others = join((self.visit(o) for o in node.others), " · ")
        variant = None
        if node.variant_buttons:
            variant = el("p", None, el("strong", None, node.variant_label), " ",
                         join((self.visit(b) for b in node.variant_buttons), " "))
        return el("div", {"class": "reflect-downloads"},
                  el("p", None, el("strong", None, node.label), " ", buttons), variant,
                  el("p", None, node.also_label, " ", others))

    def visit_table(self, node: n.Table) -> Markup:
        head = el("thead", None, el("tr", None, (el("th", {"scope": "col"}, h) for h in node.headers)))
        rows = (
            el("tr", dict(row.attributes),
               (el("th" if c.header else "td", None, self.inlines(c.children)) for c in row.cells))
            for row in node.rows
        )
        caption = el("caption", None, node.caption) if node.caption else None
        return el("table", {"class": node.role or None}, caption, head, el("tbody", None, rows))

    def visit_widget(self, node: n.Widget) -> Markup:
        data = json.dumps(node.data, ensure_ascii=False, sort_keys=True)
        # The data rides on the element, not in a <script>: Material's instant navigation
        # re-creates every <script> of a new page without its type, so runs JSON as code.
        attributes = {"class": node.role, "id": node.role, **dict(node.attributes), "data-reflect-data": data}
        fallback = el("p", {"class": "reflect-nojs"}, self.inlines(node.fallback)) if node.fallback else None
        return el("div", attributes, fallback)

    def visit_group(self, node: n.Group) -> Markup:
        return el("div", None if node.searchable else SEARCH_EXCLUDE, (self.visit(b) for b in node.children))


    # --- the theme's parts: written here so that every value is escaped --------------------

    def footer(self, node: n.Footer, base_url: str) -> Markup:
        """The footer's licence, accessibility statement and date, on a page whose way to the
        site's root is ``base_url`` (the engine's: "..", "." or the site's path on a host)."""
        root = base_url.rstrip("/") + "/"
        licence = None
        if node.licence_url:
            href = node.licence_url if _has_scheme(node.licence_url) else root + node.licence_url
            licence = el("div", {"class": "reflect-licence"}, el("a", {"href": href, "rel": "license"}, node.licence_text))
        statement = None
        if node.accessibility:
            path, title = node.accessibility
            statement = join([el("a", {"href": root + path}, title), " · "])
        updated = el("time", {"datetime": node.date}, node.updated)
        return join([licence, el("div", {"class": "reflect-footer-links"}, statement, updated)])

    def not_found(self, node: n.NotFound, home: str) -> Markup:
        """The "page not found" body; ``home`` is the site's root on the host (ends in "/")."""
        index = home + "index.html"
        search = el(
            "form", {"class": "reflect-not-found__search", "action": index, "method": "get", "role": "search"},
            el("label", {"for": "reflect-not-found-query"}, node.search_label),
            el("input", {"type": "search", "id": "reflect-not-found-query", "name": "q", "required": True}),
            el("button", {"type": "submit", "class": "md-button md-button--primary"}, node.search_label),
        )
        return join([el("h1", None, node.title), el("p", None, node.text), search,
                     el("p", None, el("a", {"href": index, "class": "reflect-not-found__home"}, node.home_label))])


def _has_scheme(url: str) -> bool:
    head = url.split("/", 1)[0]
    return ":" in head


def toc_tokens(page: n.Page) -> list[dict[str, Any]]:
    """The page's headings as the nested table of contents the site engine expects."""
    from markupsafe import escape

    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for entry in page.toc:
        token = {"level": entry.level, "id": entry.anchor, "name": str(escape(entry.title)), "children": []}
        while stack and stack[-1]["level"] >= entry.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
