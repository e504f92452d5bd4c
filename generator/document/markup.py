"""Content HTML made into document nodes: only allowed elements and attributes can exist.

What Markdown makes of content text, with the raw HTML a person wrote inside it, arrives
here as a stream of tags, text and resolved references (see :mod:`.text`), and leaves as
nodes: :class:`~.nodes.Para`, :class:`~.nodes.ItemList`, :class:`~.nodes.Strong`,
:class:`~.nodes.Emphasis`, :class:`~.nodes.Code`, :class:`~.nodes.ExternalLink` where the
element is the plain thing Markdown makes, :class:`~.nodes.Element` for every other allowed
element. The allowlist is the sanitiser's (:mod:`generator.project.sanitize`): an element it does
not name is left out with its tags (its text stays), scripts, styles, frames, objects and
templates with everything inside them, an attribute it does not name or a URL it refuses
with the attribute, an image left without a source with the image. Writers then escape
every word and value as they write it, so nothing a person wrote reaches a page as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.project.sanitize import INLINE_TAGS, safe_attributes
from generator.document import nodes as n

DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "textarea", "title"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
CLOSES_PARAGRAPH = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "figure", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "nav", "ol", "p", "pre", "section", "table", "ul",
})
_SPACE = re.compile(r"\s+")


@dataclass
class _Open:
    tag: str
    attributes: tuple[tuple[str, str], ...]
    children: list = field(default_factory=list)


class NodeBuilder:
    """Builds nodes from a stream of start tags, end tags, text and ready-made inline nodes.

    Sloppy HTML is closed as a browser would in the common cases (an end tag closes what is
    open inside it, a list item the item before it, a block the paragraph around it);
    an end tag with nothing open to close is ignored.
    """

    def __init__(self, role: str = ""):
        self.role = role
        self.root = _Open("", ())
        self.stack: list[_Open] = [self.root]
        self.dropping: str | None = None  # inside an element left out with its content
        self.depth = 0

    def start(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self.dropping is not None:
            self.depth += tag == self.dropping
            return
        if tag in DROPPED_WITH_CONTENT:
            self.dropping, self.depth = tag, 1
            return
        allowed = safe_attributes(tag, attributes)
        if allowed is None or (tag == "img" and not any(name == "src" for name, _ in allowed)):
            return  # not allowed (its text stays), or an image with no source left
        top = self.stack[-1].tag
        if (tag == "li" and top == "li") or (tag in CLOSES_PARAGRAPH and top == "p"):
            self.end(top)
        if tag in VOID:
            self.stack[-1].children.append(n.Element(tag, allowed, ()))
        else:
            self.stack.append(_Open(tag, allowed))

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if self.dropping is not None:
            self.depth -= tag == self.dropping
            if not self.depth:
                self.dropping = None
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                while len(self.stack) > index:
                    self._close()
                return

    def text(self, words: str) -> None:
        if self.dropping is None and words:
            self.stack[-1].children.append(n.Text(words))

    def inline(self, node: n.Inline) -> None:
        if self.dropping is None:
            self.stack[-1].children.append(node)

    def blocks(self) -> tuple[n.Block, ...]:
        """Everything read, as blocks: loose inline content at the top becomes a paragraph."""
        while len(self.stack) > 1:
            self._close()
        out: list[n.Block] = []
        loose: list[n.Inline] = []
        for child in self.root.children:
            if is_inline(child):
                loose.append(child)
                continue
            if loose:
                out += _paragraph(loose, self.role)
                loose = []
            out.append(n.Para(child.children, self.role) if self.role and type(child) is n.Para else child)
        return (*out, *_paragraph(loose, self.role))

    def _close(self) -> None:
        made = self.stack.pop()
        node = node_for(made.tag, made.attributes, made.children, self._in_pre())
        if not (type(node) is n.Para and not node.children):  # an empty paragraph shows nothing
            self.stack[-1].children.append(node)

    def _in_pre(self) -> bool:
        return any(item.tag == "pre" for item in self.stack)


def _paragraph(parts: list, role: str) -> list[n.Block]:
    words = trimmed(merged([n.Text(_SPACE.sub(" ", c.text)) if type(c) is n.Text else c for c in parts]))
    return [n.Para(words, role)] if words else []


def is_inline(node: object) -> bool:
    if isinstance(node, n.Element):
        return node.inline
    return isinstance(node, (n.Text, n.Code, n.Strong, n.Emphasis, n.Link, n.ExternalLink, n.CrossRef, n.Blank,
                             n.Foreign))


def node_for(tag: str, attributes: tuple[tuple[str, str], ...], children: list, in_pre: bool) -> n.Block | n.Inline:
    """The node for one closed element: the plain thing Markdown makes as its own node type."""
    if tag != "pre" and not in_pre:
        children = [n.Text(_SPACE.sub(" ", c.text)) if type(c) is n.Text else c for c in children]
    parts = merged(children)
    inline = all(is_inline(c) for c in parts)
    if not attributes and inline:
        if tag == "strong":
            return n.Strong(parts)
        if tag == "em":
            return n.Emphasis(parts)
        if tag == "code" and all(type(c) is n.Text for c in parts):
            return n.Code("".join(c.text for c in parts))  # type: ignore[union-attr]
        if tag == "p":
            return n.Para(trimmed(parts))
    if tag == "a" and len(attributes) == 1 and attributes[0][0] == "href" and inline:
        return n.ExternalLink(attributes[0][1], parts)
    if tag in ("ul", "ol") and not attributes:
        items = [c for c in parts if not (type(c) is n.Text and not c.text.strip())]
        if all(type(i) is n.Element and i.tag == "li" and not i.attributes and i.inline_content for i in items):
            return n.ItemList(tuple(trimmed(i.children) for i in items), tag == "ol")  # type: ignore[union-attr]
    if not inline:  # a container of blocks: the spaces between them are no text
        parts = tuple(c for c in parts if not (type(c) is n.Text and not c.text.strip()))
    elif tag not in ("pre", "code") and tag not in INLINE_TAGS:
        parts = trimmed(parts)
    return n.Element(tag, attributes, parts)


def merged(parts: list | tuple) -> n.Inlines:
    """Adjacent texts joined; empty texts dropped."""
    out: list = []
    for part in parts:
        if type(part) is n.Text:
            if not part.text:
                continue
            if out and type(out[-1]) is n.Text:
                out[-1] = n.Text(out[-1].text + part.text)
                continue
        out.append(part)
    return tuple(out)


def trimmed(parts: tuple) -> tuple:
    """Whitespace taken off the first and the last words (inside the inline nodes at the ends)."""
    return _trimmed(_trimmed(merged(parts), 0), -1)


def _trimmed(parts: tuple, end: int) -> tuple:
    out = list(parts)
    while out:
        edge = out[end]
        if type(edge) is n.Text:
            words = edge.text.lstrip() if end == 0 else edge.text.rstrip()
            if words:
                out[end] = n.Text(words)
                break
        elif type(edge) in (n.Strong, n.Emphasis, n.ExternalLink, n.Foreign) and edge.children:
            inner = _trimmed(edge.children, end)
            if inner:
                out[end] = _with_children(edge, inner)
                break
        else:
            break
        out.pop(end)
    return tuple(out)


def _with_children(node, children: tuple):
    if type(node) is n.ExternalLink:
        return n.ExternalLink(node.url, children)
    if type(node) is n.Foreign:
        return n.Foreign(node.language, node.state, children)
    return type(node)(children)


# --- words in another language ---------------------------------------------------------------


def foreign_inlines(children: n.Inlines, language: str, state: str) -> n.Inlines:
    """One line's inline nodes in a :class:`~.nodes.Foreign` (nothing, or only spaces: as they are)."""
    if all(type(c) is n.Text and not c.text.strip() for c in children):
        return children
    return (n.Foreign(language, state, tuple(children)),)


def foreign_blocks(blocks: tuple, language: str, state: str) -> tuple:
    """Blocks of content text with each of their lines in a :class:`~.nodes.Foreign`, inside its block
    (a paragraph's words, each list item's, each table cell's), so the blocks stay what they were."""
    return tuple(_foreign_block(block, language, state) for block in blocks)


def _foreign_block(block, language: str, state: str):
    if type(block) is n.Para:
        return n.Para(foreign_inlines(block.children, language, state), block.role, block.searchable)
    if type(block) is n.Heading:
        return n.Heading(block.level, foreign_inlines(block.children, language, state), block.anchor)
    if type(block) is n.ItemList:
        return n.ItemList(tuple(foreign_inlines(i, language, state) for i in block.items), block.ordered,
                          block.searchable)
    if type(block) is n.Element and not block.inline and block.tag != "pre":
        if block.inline_content:
            return n.Element(block.tag, block.attributes, foreign_inlines(block.children, language, state))
        out: list = []
        loose: list = []
        for child in (*block.children, None):
            if child is not None and is_inline(child):
                loose.append(child)
                continue
            out += foreign_inlines(tuple(loose), language, state)
            loose = []
            if child is not None:
                out.append(_foreign_block(child, language, state))
        return n.Element(block.tag, block.attributes, tuple(out))
    return block  # a preformatted block: shown as written
