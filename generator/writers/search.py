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
import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Iterable

from generator.strings import fallback_marks
from generator.document import nodes as n

_TAGS = re.compile(r"<[^>]*>")
_CODE_TAG = re.compile(r"</?code\b[^>]*>", re.I)
CODE_OPEN, CODE_CLOSE = "\ue010", "\ue011"
"""Code stays marked as code in the index (as the theme's own indexing keeps ``<code>``)."""
_HEADING_WITH_ID = re.compile(r"<h[1-6][^>]*\sid=", re.I)
_NOT_WORDS = frozenset({"anchor", "role", "kind", "value", "path", "source", "url", "name", "attributes",
                        "data", "target", "level", "ordered", "header", "searchable", "button"})
"""Fields of a node that are not words a reader sees (for node kinds walked generically)."""


@dataclass(frozen=True)
class SearchEntry:
    anchor: str | None  # None: the page itself (the words before its first heading)
    title: str  # HTML-escaped words
    text: str  # HTML-escaped words


class NeedsHtml(Exception):
    """The page holds a heading inside content HTML: only its finished HTML shows the sections."""


def page_entries(page: n.Page) -> tuple[SearchEntry, ...] | None:
    """The page's search entries, () when it is kept out of search, None when only its HTML can tell."""
    if not page.search:
        return ()
    walker = _Walker(page.title)
    try:
        for block in page.body:
            walker.block(block)
    except NeedsHtml:
        return None
    return walker.entries()


class _Walker:
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

    def block(self, node: Any) -> None:
        kind = type(node)
        if kind is n.Heading:
            self.start(node.level, node.anchor, _words(node.children))
        elif kind is n.Question:
            self.start(3, node.anchor, f"{node.number_label} {_words(node.text)}")
            self.add(*(_words(p) for p in node.prompts))  # the prompts' label is out of search
            for callout in (*node.notes, *node.skips):
                self.block(callout)
            # the "Linked to" line and the source line are out of search
        elif kind is n.Para or kind is n.ItemList:
            if node.searchable:
                self.add(*(_words(item) for item in (node.items if kind is n.ItemList else (node.children,))))
        elif kind is n.Group:
            if node.searchable:
                for child in node.children:
                    self.block(child)
        elif kind is n.Callout:
            self.add(node.title)
            for child in node.body:
                self.block(child)
        elif kind is n.Widget:
            self.add(_words(node.fallback))  # its data is no text; the no-script words are
        elif kind is n.Prose:
            self.add(_words(node.children))
        elif kind is n.Routes:  # its label names the region for assistive technology: no text
            self.add(*(_words(part) for route in node.routes for part in (route.title, route.body)))
        elif kind is n.DownloadLinks:
            self.add(node.label, *(_words((b,)) for b in node.buttons), node.variant_label,
                     *(_words((b,)) for b in node.variant_buttons), node.also_label,
                     " · ".join(_words((o,)) for o in node.others))
        elif kind is n.Scale:
            self.add(node.heading, *(f"{o.label}: {o.description}" if o.description else o.label for o in node.options))
        elif kind is n.Fields:
            self.add(*(word for row in node.rows for word in (row.label, _words(row.value))))
        elif kind is n.Signatures:
            rows = ((signer, *node.columns) for signer in node.signers) if node.signers else (node.columns,)
            self.add(*(word for row in rows for word in row))
        else:
            self.add(*_generic(node))


def _generic(node: Any) -> Iterable[str]:
    """The words of a node the walker has no rule for: every text field, in order."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, n.Markup):
        yield _markup_words(node.html)
    elif type(node) in _INLINE:
        yield _words((node,))
    elif is_dataclass(node):
        for f in fields(node):
            if f.name not in _NOT_WORDS:
                yield from _generic(getattr(node, f.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from _generic(item)


_INLINE = frozenset({n.Text, n.Code, n.Strong, n.Emphasis, n.Link, n.ExternalLink, n.CrossRef, n.Blank, n.Markup})


def _words(children: Iterable[Any]) -> str:
    out: list[str] = []
    _inline(children, out)
    return "".join(out)


def _inline(children: Iterable[Any], out: list[str]) -> None:
    for child in children:
        kind = type(child)
        if kind is n.Text:
            out.append(child.text)
        elif kind is n.Code:
            out.append(f"{CODE_OPEN}{child.text}{CODE_CLOSE}")
        elif kind is n.Markup:
            out.append(_markup_words(child.html))
        elif kind is n.CrossRef:
            out.append(child.label)
        elif kind is n.Blank:
            out.append(child.text)
        else:
            _inline(getattr(child, "children", ()), out)


def _markup_words(markup: str) -> str:
    if _HEADING_WITH_ID.search(markup):
        raise NeedsHtml
    marked = _CODE_TAG.sub(lambda tag: CODE_CLOSE if tag.group(0)[1] == "/" else CODE_OPEN, markup)
    return html.unescape(_TAGS.sub("", marked))


def _html(words: str) -> str:
    return html.escape(words, quote=False).replace(CODE_OPEN, "<code>").replace(CODE_CLOSE, "</code>")


def _clean(text: str) -> str:
    return " ".join(fallback_marks.plain(text).split())
