"""Printed documents as Typst source: one document, or every appendix after a cover with the contents.

The source is made from the document tree (:class:`~generator.document.nodes.Printable`,
and :class:`~generator.document.nodes.Cover` for the combined file) only, by
:class:`TypstWriter`, one ``visit_<node>`` method per node type; a node it does not know
is an error, never skipped. The layout lives in ``print.typ`` (fixed code of this package);
the writer only calls its functions.

Content never becomes Typst code: the writer builds :class:`Typ` fragments, and a plain
``str`` put into one (through :func:`call`, :func:`seq` or :func:`lit`) is always written as
a Typst string literal, which Typst prints as it is (no markup, no ``#`` code, no maths).
Every word comes from the tree; the writer adds no phrase and no number.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.document import nodes as n
from generator.document.markup import is_inline, trimmed
from generator.document.visitor import UnknownNode, Visitor

TEMPLATE_FILE = Path(__file__).with_name("print.typ")
_WHITESPACE = re.compile(r"[ \t\r\n]+")  # laid out as one space, as in HTML (no-break spaces stay)
_PAGE_FIELD = re.compile(r"\{(page|pages)\}")


class Typ(str):
    """A fragment of Typst code written by this module (never content)."""


def lit(text: str) -> Typ:
    """A Typst string literal holding ``text`` exactly (Typst strings have no interpolation)."""
    escaped = (
        _WHITESPACE.sub(" ", text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
    )
    return Typ(f'"{escaped}"')


def arg(value: object) -> Typ:
    """One argument: code this module wrote stays code; a ``str`` becomes a literal."""
    if isinstance(value, Typ):
        return value
    if isinstance(value, bool):
        return Typ("true" if value else "false")
    if isinstance(value, str):
        return lit(value)
    if isinstance(value, int):
        return Typ(str(value))
    if value is None:
        return Typ("none")
    if isinstance(value, (tuple, list)):
        return array(value)
    raise TypeError(f"no Typst form for {type(value).__name__}")


def array(values) -> Typ:
    items = [arg(v) for v in values]
    return Typ("(" + "".join(f"{item}, " for item in items) + ")")  # the comma keeps one item an array


def call(function: str, *args: object, **named: object) -> Typ:
    """``function(args…, name: value…)``; ``function`` is a name from ``print.typ`` or Typst."""
    parts = [arg(a) for a in args] + [f"{name.replace('_', '-')}: {arg(v)}" for name, v in named.items()]
    return Typ(f"{function}({', '.join(parts)})")


def seq(pieces) -> Typ:
    """Inline pieces as one content value, side by side (``[#a#b]``)."""
    return Typ("[" + "".join(f"#{arg(p)}" for p in pieces) + "]")


def stack(blocks) -> Typ:
    """Block pieces as one content value, one under the other."""
    return Typ("[" + "".join(f"\n#{arg(b)}\n" for b in blocks) + "]")


def target(anchor: str) -> Typ:
    """A label value: where a link lands, and a named destination in the PDF."""
    return call("label", anchor)


def page_of(template: str) -> Typ:
    """The catalogue's "Page {page} of {pages}" with the page fields filled in by Typst."""
    pieces: list[object] = []
    for index, piece in enumerate(_PAGE_FIELD.split(template)):
        if index % 2:
            pieces.append(call("page-number") if piece == "page" else call("page-total"))
        elif piece:
            pieces.append(piece)
    return seq(pieces)


def language(tag: str) -> tuple[str, str | None]:
    """A BCP 47 tag as Typst's language and region (``en-GB`` → ``en``, ``GB``); a tag whose
    language is not an ISO 639 code Typst knows (``x-pseudo``) is "und", undetermined."""
    primary, _, rest = tag.partition("-")
    if not (2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha()):
        return "und", None
    region = next((p for p in rest.split("-") if len(p) == 2 and p.isascii() and p.isalpha()), None)
    return primary.lower(), region.upper() if region else None


_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot"})


class TypstWriter(Visitor):
    """Writes printed documents as Typst code: one ``visit_<node>`` method per node type."""

    def __init__(self, anchors: frozenset[str]):
        self.anchors = anchors  # anchors present in the file being written
        self.in_link = False  # inside a link: what would link again is plain text

    def inline(self, children: n.Inlines) -> Typ:
        return seq(self.visit(child) for child in children)

    def blocks(self, blocks) -> Typ:
        return stack(self.visit(block) for block in blocks)

    # --- inline ------------------------------------------------------------------------------

    def visit_text(self, node: n.Text) -> Typ:
        return lit(node.text)

    def visit_code(self, node: n.Code) -> Typ:
        return lit(node.text)

    def visit_strong(self, node: n.Strong) -> Typ:
        return call("strong", self.inline(node.children))

    def visit_emphasis(self, node: n.Emphasis) -> Typ:
        return call("emph", self.inline(node.children))

    def visit_externallink(self, node: n.ExternalLink) -> Typ:
        return self._link(node.url, node.children)

    def visit_link(self, node: n.Link) -> Typ:  # a page of the site: not on paper
        return self.inline(node.children)

    def visit_crossref(self, node: n.CrossRef) -> Typ:
        if node.anchor and node.anchor in self.anchors:
            return self._link(target(node.anchor), (n.Text(node.label),))
        if node.url:
            return self._link(node.url, (n.Text(node.label),))
        return lit(node.label)

    def visit_blank(self, node: n.Blank) -> Typ:
        return call("blank", node.text)

    def visit_foreign(self, node: n.Foreign) -> Typ:
        """Words in another language: set in it (Typst tags the language in the PDF); a stale
        translation is in the page's own language, so is as it is."""
        lang, region = language(node.language) if node.language else ("und", None)
        if lang == "und":
            return self.inline(node.children)
        return call("text", self.inline(node.children), lang=lang, region=region)

    def visit_element(self, node: n.Element) -> Typ:
        """Content's other elements: a table as a table, a list as a list, a link as a link;
        an element paper has no form for (``<details>``, a definition list) as the words and
        blocks it holds, in order, so every word is on paper."""
        if node.tag == "a":
            href = node.attribute("href")
            return self._link(href, node.children) if href else self.inline(node.children)
        if node.tag == "table":
            return self._table(node)
        if node.tag in ("ul", "ol"):
            items = [self._item(item) for item in node.children if isinstance(item, n.Element)]
            return call("enum" if node.tag == "ol" else "list", *items)
        if node.inline:
            return self.inline(node.children)
        if node.inline_content:
            return call("para", "", self.inline(trimmed(node.children)))
        return self._mixed(node.children)

    def _item(self, item: n.Element) -> Typ:
        if item.inline_content:
            return self.inline(trimmed(item.children))
        return self._mixed(item.children)

    def _mixed(self, children: tuple) -> Typ:
        """Blocks in order, the inline nodes between them gathered into paragraphs."""
        pieces: list[Typ] = []
        loose: list = []
        for child in (*children, None):
            if child is not None and is_inline(child):
                loose.append(child)
                continue
            if trimmed(tuple(loose)):
                pieces.append(call("para", "", self.inline(trimmed(tuple(loose)))))
            loose = []
            if child is not None:
                pieces.append(self.visit(child))
        return stack(pieces)

    def _table(self, node: n.Element) -> Typ:
        """A table a person wrote (Markdown's pipes): header rows repeated on each page."""
        header: list[list[Typ]] = []
        body: list[list[Typ]] = []
        for part in node.children:
            if not isinstance(part, n.Element):
                continue
            rows = part.children if part.tag in _TABLE_PARTS else (part,)
            for row in rows:
                if not (isinstance(row, n.Element) and row.tag == "tr"):
                    continue
                cells = [c for c in row.children if isinstance(c, n.Element) and c.tag in ("th", "td")]
                made = [self._item(cell) for cell in cells]
                is_header = part.tag == "thead" or (cells and all(c.tag == "th" for c in cells) and not body)
                (header if is_header and not body else body).append(made)
        width = max((len(r) for r in (*header, *body)), default=0)
        if not width:
            return stack([])
        filled = [[*row, *([seq([])] * (width - len(row)))] for row in (*header, *body)]  # short rows filled
        return call("content-table", width, filled[: len(header)], filled[len(header):])

    def visit_prose(self, node: n.Prose) -> Typ:
        return self.blocks(node.children)

    def _link(self, destination: str | Typ, children: n.Inlines) -> Typ:
        if self.in_link:
            return self.inline(children)
        self.in_link = True
        inner = self.inline(children)
        self.in_link = False
        return call("link", destination, inner)

    # --- blocks ------------------------------------------------------------------------------

    def visit_heading(self, node: n.Heading) -> Typ:
        heading = call("heading", self.inline(node.children), level=node.level)
        return seq([heading, target(node.anchor)]) if node.anchor else heading

    def visit_para(self, node: n.Para) -> Typ:
        return call("para", node.role, self.inline(node.children))

    def visit_itemlist(self, node: n.ItemList) -> Typ:
        return call("enum" if node.ordered else "list", *(self.inline(item) for item in node.items))

    def visit_callout(self, node: n.Callout) -> Typ:
        return call("callout", node.kind, node.title, self.blocks(node.body))

    def visit_fields(self, node: n.Fields) -> Typ:
        rows = [(row.label, call("write-in") if row.write_in else self.inline(row.value)) for row in node.rows]
        return call("fields", rows)

    def visit_tickboxes(self, node: n.TickBoxes) -> Typ:
        """Statements with a tick box each, or numbered, one row each, with a labelled box."""
        if node.box_label is None:
            return call("tick-list", [self.inline(item) for item in node.items])
        rows = [(number, self.inline(item)) for number, item in zip(node.numbers, node.items)]
        return call("statements", node.box_label, rows)

    def visit_signatures(self, node: n.Signatures) -> Typ:
        """One row per person (one unnamed row when none is named)."""
        return call("signatures", node.columns, node.signers or ("",))

    def _aside(self, kind: str, callout: n.Callout) -> Typ:
        """A note or skip rule inside a question: its title run in with its words."""
        words = seq(self.inline(b.children) for b in callout.body if isinstance(b, n.Para))
        return call("aside", kind, callout.title, words)

    def visit_question(self, q: n.Question) -> Typ:
        prompts = call("prompts", q.prompts_label, [self.inline(p) for p in q.prompts]) if q.prompts else None
        rating = call("rating", q.scale_label, [c.choice for c in q.scale]) if q.scale else None
        space = call("notes-space", q.space_label, Typ(f"{int(q.space_mm)}mm")) if q.space_label else None
        return call(
            "question", target(q.anchor), q.number_label, self.inline(q.text),
            skips=[self._aside("skip", skip) for skip in q.skips],  # read before the prompts
            prompts_part=prompts,
            notes=[self._aside("note", note) for note in q.notes],
            rating_part=rating,
            space=space,
        )

    def visit_cover(self, cover: n.Cover) -> Typ:
        """The combined file's first page: its title, where it is from, and the contents."""
        entries = [(target(anchor), words) for anchor, words in cover.contents]
        return call("cover", cover.title, cover.site_title, cover.from_line, cover.contents_label, entries)

    def visit_printable(self, doc: n.Printable) -> Typ:
        """One document; its title carries the running header and footer."""
        first, *rest = doc.blocks
        if not isinstance(first, n.Heading):
            raise UnknownNode(f"a printed document starts with its title, not {type(first).__name__}")
        start = call("document-start", target(first.anchor or doc.anchor), doc.page.header, doc.page.footer,
                     self.inline(first.children))
        return stack([start, *(self.visit(b) for b in rest)])


def _source(body: Typ, title: str, subject: str, keywords: str, doc: n.Printable) -> str:
    lang, region = language(doc.language)
    setup = call(
        "reflect-page.with", title=title, author=doc.organisation, description=subject, keywords=keywords,
        lang=lang, region=region, page_of=page_of(doc.page.page_of),
    )
    return TEMPLATE_FILE.read_text(encoding="utf-8") + f"\n#show: {setup}\n#{body}\n"


def document_source(doc: n.Printable) -> str:
    """Typst source for one appendix, participant version or question set."""
    body = TypstWriter(doc.anchors).visit(doc)
    return _source(body, doc.heading, doc.subject, doc.page.keywords, doc)


def combined_source(docs: tuple[n.Printable, ...], cover: n.Cover) -> str:
    """Typst source for every appendix in one file, after a cover with the contents."""
    if not docs:
        raise ValueError("no appendices to combine")
    writer = TypstWriter(frozenset().union(*(d.anchors for d in docs)))
    pieces: list[Typ] = [writer.visit(cover)]
    for doc in docs:
        pieces += [call("next-document"), writer.visit(doc)]
    return _source(stack(pieces), cover.document_title, cover.subject, cover.keywords, docs[0])
