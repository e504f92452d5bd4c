"""Content text, read once into document nodes, for the site and for paper alike.

A text a person wrote is Markdown (:data:`MarkdownText`: paragraphs, lists, tables,
emphasis, links, the raw HTML the sanitiser allows) with ``[[kind:id]]`` references, or
plain text shown as written (:data:`PlainText`: a title, a question) with references.
:class:`ContentText` reads it with Python-Markdown and the extensions in
:data:`MARKDOWN_EXTENSIONS`; a reference is one more inline pattern
(:class:`ReferencePattern`, as the wikilinks extension does it), whose element stands for
the reference it matched, so nothing in the text itself marks a reference: a character a
person typed is always that character. The tree Markdown makes, with the raw HTML in it,
becomes nodes through :class:`~.markup.NodeBuilder`, which keeps only what the allowlist
allows. Every writer (site, PDF, Word, search) renders those nodes.

Text given as :class:`~generator.strings.foreign.ForeignWords` (not yet translated, or a
stale translation: see :func:`generator.project.translations.localise`) comes out with
each of its lines in a :class:`~.nodes.Foreign` node.

A :class:`ContentText` belongs to one run (one site build, one build of the printables):
it owns its Markdown converter and reads each distinct text once.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Callable, NewType

import markdown as markdown_lib
from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from generator.project.references import REFERENCE, Reference, find_references
from generator.document import nodes as n
from generator.document.markup import NodeBuilder, foreign_blocks, foreign_inlines, merged, trimmed
from generator.strings.foreign import ForeignWords

MarkdownText = NewType("MarkdownText", str)
"""Content text in Markdown, with ``[[kind:id]]`` references."""
PlainText = NewType("PlainText", str)
"""Content text shown as written (no Markdown), with ``[[kind:id]]`` references."""

MARKDOWN_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "tables", "md_in_html")
# Characters and line starts that make text more than one plain paragraph in Markdown.
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\\!|~{]|\n\s*\n|^\s*(?:[-+*=:]|\d+[.)])(?:\s|$)|^ {4}|\t| {2}$", re.M)
_RAW = re.compile(util.HTML_PLACEHOLDER % r"([0-9]+)")
_ENTITY = re.compile(re.escape(util.AMP_SUBSTITUTE) + r"(#?\w+;)")

Resolve = Callable[[Reference], "n.CrossRef | n.Blank | n.Text"]


class ReferencePattern(InlineProcessor):
    """``[[kind:id]]`` as an inline pattern: an element that stands for the reference.

    Which element stands for which reference is kept here (by identity, for one text), not
    written into the element: raw HTML a person wrote can make any element but never one of
    these. A malformed reference stays text (``reflect check`` names it).
    """

    def __init__(self) -> None:
        super().__init__(REFERENCE.pattern)
        self.found: dict[int, tuple[etree.Element, Reference]] = {}

    def handleMatch(self, m: re.Match[str], data: str):  # noqa: N802 - Python-Markdown's name
        refs, _ = find_references(m.group(0))
        if not refs:
            return None, None, None
        element = etree.Element("span")
        self.found[id(element)] = (element, refs[0])
        return element, m.start(0), m.end(0)


class _ReferenceExtension(Extension):
    def __init__(self, pattern: ReferencePattern):
        super().__init__()
        self.pattern = pattern

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # Above links (160) so a reference inside a link's words stays one; below code spans
        # (190) and backslash escapes (180), so `[[kind:id]]` in code is shown as written.
        md.inlinePatterns.register(self.pattern, "reflect-reference", 175)


class ContentText:
    """Reads content text into document nodes, each distinct text once.

    ``resolve`` turns a reference into its node (a cross-reference, a placeholder's value
    or a marked blank); it comes from the reference registry and the catalogue.
    """

    def __init__(self, resolve: Resolve):
        self.resolve = resolve
        self._references = ReferencePattern()
        self._markdown = markdown_lib.Markdown(
            extensions=[*MARKDOWN_EXTENSIONS, _ReferenceExtension(self._references)]
        )  # one converter, reset between texts (making one is slow)
        self._trees: list[etree.Element] = []  # the tree of the text being read, not serialised
        self._markdown.serializer = lambda element: self._trees.append(element) or "<div></div>"
        self._cache: dict[tuple[str, str, str], tuple] = {}

    def blocks(self, text: MarkdownText | str, role: str = "") -> tuple[n.Block, ...]:
        """Markdown text as blocks; ``role`` given to each of its top-level paragraphs."""
        key = ("blocks", text, role, _flag(text))
        if key not in self._cache:
            read = self._read(text.strip(), role)
            self._cache[key] = foreign_blocks(read, text.language, text.state) if key[3] else read
        return self._cache[key]

    def prose(self, text: MarkdownText | str) -> tuple[n.Block, ...]:
        """Markdown text of one or more paragraphs (the blocks of a :class:`~.nodes.Prose`)."""
        return self.blocks(text)

    def inline(self, text: MarkdownText | str) -> n.Inlines:
        """Markdown text for one line (a list item, a table cell): its paragraphs and items joined."""
        key = ("inline", text, "", _flag(text))
        if key not in self._cache:
            parts: list[n.Inline] = []
            for block in self.blocks(" ".join(text.split())):
                for line in _lines(block):
                    parts += [n.Text(" ")] if parts else []
                    parts += line
            self._cache[key] = _in_language(merged(parts), text)
        return self._cache[key]

    def plain(self, text: PlainText | str) -> n.Inlines:
        """Text shown exactly as written on one line (a question, a heading), references resolved."""
        key = ("plain", text, "", _flag(text))
        if key not in self._cache:
            words = " ".join(text.split())
            refs, _ = find_references(words)
            parts: list[n.Inline] = []
            last = 0
            for ref in refs:
                parts += [n.Text(words[last : ref.start]), self.resolve(ref)]
                last = ref.end
            parts.append(n.Text(words[last:]))
            self._cache[key] = _in_language(merged(parts), text)
        return self._cache[key]

    def _read(self, source: str, role: str) -> tuple[n.Block, ...]:
        builder = NodeBuilder(role)
        if not _MARKDOWN_SIGNS.search(source):  # most texts: one paragraph, no Markdown at all
            builder.text(source)
            return builder.blocks()
        self._references.found.clear()
        self._trees.clear()
        self._markdown.reset().convert(source)
        _TreeReader(self._markdown, self._references.found, self.resolve, builder).children(self._trees[0])
        self._references.found.clear()
        self._trees.clear()
        return builder.blocks()


def _flag(text: str) -> tuple[str, str] | None:
    """The language and state of words given as :class:`ForeignWords` (None: the page's own, current)."""
    return (text.language, text.state) if type(text) is ForeignWords else None


def _in_language(parts: n.Inlines, text: str) -> n.Inlines:
    return foreign_inlines(parts, text.language, text.state) if type(text) is ForeignWords else parts


def _lines(block: n.Block) -> tuple[n.Inlines, ...]:
    """A block's words as lines of inline nodes (a list's items, a paragraph's words)."""
    if isinstance(block, n.ItemList):
        return block.items
    if isinstance(block, n.Para):
        return (block.children,)
    if isinstance(block, n.Element) and block.inline_content:
        return (trimmed(block.children),)
    return tuple(line for child in getattr(block, "children", ()) for line in _lines(child))


class _TreeReader:
    """Walks the tree Markdown made (raw HTML still in its stash) into a :class:`NodeBuilder`."""

    def __init__(self, md, references: dict, resolve: Resolve, builder: NodeBuilder):
        self.md = md
        self.references = references
        self.resolve = resolve
        self.builder = builder

    def children(self, element: etree.Element) -> None:
        self.text(element.text or "")
        for child in element:
            self.element(child)
            self.text(child.tail or "")

    def element(self, element: etree.Element) -> None:
        found = self.references.get(id(element))
        if found is not None and found[0] is element:
            self.builder.inline(self.resolve(found[1]))
            return
        raw = _RAW.fullmatch(element.text or "") if element.tag == "p" and not len(element) else None
        if raw and not element.attrib and self._block_level(self._stashed(raw)):
            self.raw(self._stashed(raw))  # a block of raw HTML, not a paragraph
            return
        attributes = [(str(k), _words(str(v))) for k, v in element.attrib.items()]
        self.builder.start(str(element.tag), attributes)
        self.children(element)
        self.builder.end(str(element.tag))

    def text(self, text: str, references: bool = False) -> None:
        """Text from the tree, or (``references``) from raw HTML, where Markdown found no references."""
        last = 0
        for match in _RAW.finditer(text):
            self._words(text[last : match.start()], references)
            self.raw(self._stashed(match))
            last = match.end()
        self._words(text[last:], references)

    def _words(self, text: str, references: bool) -> None:
        last = 0
        for ref in find_references(text)[0] if references and "[[" in text else ():
            self.builder.text(text[last : ref.start])
            self.builder.inline(self.resolve(ref))
            last = ref.end
        self.builder.text(_words(text[last:]))

    def raw(self, stashed: "str | etree.Element") -> None:
        if isinstance(stashed, str):
            _RawHtml(self).read(stashed)
        else:  # markdown="1" inside raw HTML: already a tree
            self.element(stashed)

    def _stashed(self, match: re.Match[str]) -> "str | etree.Element":
        index = int(match.group(1))
        stash = self.md.htmlStash
        return stash.rawHtmlBlocks[index] if index < stash.html_counter else match.group(0)

    def _block_level(self, stashed: "str | etree.Element") -> bool:
        if not isinstance(stashed, str):
            return True
        start = re.match(r"^\s*<\/?([^ >/]+)", stashed)
        return bool(start) and (start.group(1)[0] in "!?@%" or self.md.is_block_level(start.group(1)))


def _words(text: str) -> str:
    """Text from Markdown's tree: its entity placeholders (an e-mail address's) decoded, and
    what is left of a placeholder Markdown could not restore without its control characters
    (content holds none: the loader refuses them)."""
    if util.STX not in text and util.ETX not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape("&" + m.group(1)), text).replace(util.STX, "").replace(util.ETX, "")


class _RawHtml(HTMLParser):
    """Raw HTML a person wrote, read into the same builder (entities decoded, comments dropped)."""

    def __init__(self, reader: _TreeReader):
        super().__init__(convert_charrefs=True)
        self.reader = reader

    def read(self, markup: str) -> None:
        self.feed(markup)
        self.close()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![…]>`` (CDATA and the like): left out, as a browser does outside SVG and MathML."""
        end = self.rawdata.find(">", i)
        return -1 if end < 0 else end + 1

    def handle_starttag(self, tag, attrs):
        self.reader.builder.start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.reader.builder.start(tag, attrs)
        self.reader.builder.end(tag)

    def handle_endtag(self, tag):
        self.reader.builder.end(tag)

    def handle_data(self, data):
        self.reader.text(data, references=True)  # may hold the placeholder of more raw HTML
