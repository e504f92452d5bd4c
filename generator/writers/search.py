"""The site search's entries, written from the document tree (no HTML is parsed again).

The browser's search (lunr, in the theme's search worker) reads one entry per section of a
page: where it is (the page, and the heading's anchor), its title and its text. The document
tree already knows each page's headings and words, so the entries come from walking it, the
same way the site writer lays it out: a section starts at every heading that has an anchor
(and at each question, which the site shows as a heading), the words before the first one
belong to the page itself, and what the site marks as out of search (cross-listings, source
lines, prompt labels, the "Linked to" lines, whole pages with ``search`` off) stays out.

Pure: knows nothing of the site engine. The MkDocs adapter hands these entries to the
search plugin in place of its own per-page HTML parsing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Iterable

from generator.document import nodes as n
from generator.document.visitor import Visitor

CODE_OPEN, CODE_CLOSE = "\ue010", "\ue011"
"""Code stays marked as code in the index (as the theme's own indexing keeps ``<code>``).

Those two characters are the walker's own, between reading the words and escaping them:
the same characters in content are taken out first (:func:`_words`), so they never make code."""
HEADINGS = {f"h{level}": level for level in range(1, 7)}
_NOT_WORDS = frozenset({"anchor", "role", "kind", "value", "path", "source", "url", "name", "attributes",
                        "data", "target", "level", "ordered", "header", "searchable", "button"})
"""Fields of a node that are not words a reader sees (for node kinds walked generically)."""


@dataclass(frozen=True)
class SearchEntry:
    anchor: str | None  # None: the page itself (the words before its first heading)
    title: str  # HTML-escaped words
    text: str  # HTML-escaped words


def page_entries(page: n.Page) -> tuple[SearchEntry, ...]:
    """The page's search entries, () when it is kept out of search."""
    if not page.search:
        return ()
    walker = SearchWalker(page.title)
    for block in page.body:
        walker.visit(block)
    return walker.entries()


class SearchWalker(Visitor):
    """Walks a page's blocks as the site writer lays them out, gathering each section's words."""

    def __init__(self, page_title: str):
        self.page_title = page_title
        self.sections: list[list[Any]] = []  # [anchor, title, words]

    def entries(self) -> tuple[SearchEntry, ...]:
        out = []
        for anchor, title, words in self.sections:
            text = _clean(" ".join(words))
            out.append(SearchEntry(anchor, _html(_clean(title or self.page_title)), _html(text)))
        return tuple(out)

    def start(self, level: int, anchor: str | None, title: str) -> None:
        if not anchor:  # a heading without an anchor is no section of its own
            self.add(title)
            return
        if not self.sections and level != 1:
            self.sections.append([None, "", []])  # the page's own entry comes first
        self.sections.append([anchor if self.sections else None, title, []])

    def add(self, *words: str) -> None:
        if not self.sections:
            self.sections.append([None, "", []])
        self.sections[-1][2].extend(w for w in words if w)

    # --- blocks (as the site writer lays them out) -------------------------------------------

    def visit_heading(self, node: n.Heading) -> None:
        self.start(node.level, node.anchor, _words(node.children))

    def visit_question(self, node: n.Question) -> None:
        self.start(3, node.anchor, f"{node.number_label} {_words(node.text)}")
        self.add(*(_words(p) for p in node.prompts))  # the prompts' label is out of search
        for callout in (*node.notes, *node.skips):
            self.visit(callout)
        # the "Linked to" line and the source line are out of search

    def visit_para(self, node: n.Para) -> None:
        if node.searchable:
            self.add(_words(node.children))

    def visit_itemlist(self, node: n.ItemList) -> None:
        if node.searchable:
            self.add(*(_words(item) for item in node.items))

    def visit_group(self, node: n.Group) -> None:
        if node.searchable:
            for child in node.children:
                self.visit(child)

    def visit_callout(self, node: n.Callout) -> None:
        self.add(node.title)
        for child in node.body:
            self.visit(child)

    def visit_prose(self, node: n.Prose) -> None:
        for child in node.children:
            self.visit(child)

    def visit_element(self, node: n.Element) -> None:
        """Content's other elements: a heading a person gave an id starts a section, as on the page."""
        level = HEADINGS.get(node.tag)
        if level and node.attribute("id"):
            self.start(level, node.attribute("id"), _words(node.children))
        elif node.inline or node.inline_content:
            self.add(_words((node,)))
        else:  # blocks, and maybe words between them
            for child in node.children:
                self.add(_words((child,))) if is_inline(child) else self.visit(child)

    def visit_widget(self, node: n.Widget) -> None:
        self.add(_words(node.fallback))  # its data is no text; the no-script words are

    def visit_routes(self, node: n.Routes) -> None:  # its label names the region for assistive technology
        self.add(*(_words(part) for route in node.routes for part in (route.title, route.body)))

    def visit_downloadlinks(self, node: n.DownloadLinks) -> None:
        self.add(node.label, *(_words((b,)) for b in node.buttons), node.variant_label,
                 *(_words((b,)) for b in node.variant_buttons), node.also_label,
                 " · ".join(_words((o,)) for o in node.others))

    def visit_scale(self, node: n.Scale) -> None:
        self.add(node.heading, *(f"{o.label}: {o.description}" if o.description else o.label for o in node.options))

    def visit_fields(self, node: n.Fields) -> None:
        self.add(*(word for row in node.rows for word in (row.label, _words(row.value))))

    def visit_signatures(self, node: n.Signatures) -> None:
        rows = ((signer, *node.columns) for signer in node.signers) if node.signers else (node.columns,)
        self.add(*(word for row in rows for word in row))

    def _every_text_field(self, node: Any) -> None:
        self.add(*_generic(node))

    # The rest show every text field they hold, in order.
    visit_cards = visit_quote = visit_themestable = visit_tickboxes = visit_table = _every_text_field


def _generic(node: Any) -> Iterable[str]:
    """The words of a node with no rule of its own: every text field, in order."""
    if isinstance(node, str):
        yield node
    elif is_inline(node):
        yield _words((node,))
    elif is_dataclass(node):
        for f in fields(node):
            if f.name not in _NOT_WORDS:
                yield from _generic(getattr(node, f.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from _generic(item)


def is_inline(node: Any) -> bool:
    return type(node) in _INLINE or (type(node) is n.Element and node.inline)


_INLINE = frozenset({n.Text, n.Code, n.Strong, n.Emphasis, n.Link, n.ExternalLink, n.CrossRef, n.Blank, n.Foreign})


class _Words(Visitor):
    """The words of inline nodes (and of blocks inside content elements), code marked as code."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def all(self, children: Iterable[Any]) -> None:
        for child in children:
            self.visit(child)

    def visit_text(self, node: n.Text) -> None:
        self.out.append(node.text.replace(CODE_OPEN, "").replace(CODE_CLOSE, ""))

    def visit_code(self, node: n.Code) -> None:
        self.out.append(f"{CODE_OPEN}{node.text.replace(CODE_OPEN, '').replace(CODE_CLOSE, '')}{CODE_CLOSE}")

    def visit_crossref(self, node: n.CrossRef) -> None:
        self.out.append(node.label)

    def visit_blank(self, node: n.Blank) -> None:
        self.out.append(node.text)

    def visit_element(self, node: n.Element) -> None:
        if not node.inline:
            self.out.append(" ")  # a block's words are apart from the next block's
        self.all(node.children)

    def _children(self, node: Any) -> None:
        self.all(node.children)

    visit_strong = visit_emphasis = visit_link = visit_externallink = visit_para = visit_foreign = _children

    def visit_itemlist(self, node: n.ItemList) -> None:
        for item in node.items:
            self.out.append(" ")
            self.all(item)


def _words(children: Iterable[Any]) -> str:
    walker = _Words()
    walker.all(children)
    return "".join(walker.out)


def _html(words: str) -> str:
    return html.escape(words, quote=False).replace(CODE_OPEN, "<code>").replace(CODE_CLOSE, "</code>")


def _clean(text: str) -> str:
    return " ".join(text.split())
