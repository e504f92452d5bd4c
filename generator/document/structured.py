"""Content text as structure: Markdown read into paragraphs and lists of inline nodes.

What the printed documents need of content text (a PDF and a Word file lay text out
themselves, so they take no HTML): paragraphs and lists of :class:`~.nodes.Text`,
:class:`~.nodes.Strong`, :class:`~.nodes.Emphasis` and :class:`~.nodes.ExternalLink`,
with each ``[[kind:id]]`` reference resolved (``resolve``, shared with the site: see
:func:`.parts.reference`) into a :class:`~.nodes.CrossRef`, a placeholder's value or a
marked :class:`~.nodes.Blank`. A :class:`StructuredText` belongs to one run (one build
of the printables): it owns its Markdown converter and reads each distinct text once.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Callable

import markdown as markdown_lib

from generator.project.references import Reference, find_references
from generator.document import nodes as n

_TOKEN = re.compile("\ue000(\\d+)\ue001")
# Characters and line starts that make text more than one plain paragraph in Markdown.
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\\!|~]|\n\s*\n|^\s*(?:[-+*=]|\d+[.)])(?:\s|$)", re.M)
_CONTAINERS = (n.Strong, n.Emphasis, n.ExternalLink)


class StructuredText:
    """Reads content text into blocks of inline nodes, each distinct text once per run."""

    def __init__(self, resolve: Callable[[Reference], n.Inline]):
        self.resolve = resolve
        self._markdown = markdown_lib.Markdown()  # one converter, reset between texts (making one is slow)
        self._cache: dict[tuple[str, str, str], object] = {}

    def plain(self, text: str) -> n.Inlines:
        """Single-line plain text (titles, questions, prompts): references resolved, no Markdown."""
        key = ("plain", text, "")
        if key not in self._cache:
            text = " ".join(text.split())
            refs, _ = find_references(text)
            parts: list[n.Inline] = []
            last = 0
            for ref in refs:
                parts.append(n.Text(text[last : ref.start]))
                parts.append(self.resolve(ref))
                last = ref.end
            parts.append(n.Text(text[last:]))
            self._cache[key] = merge(parts)
        return self._cache[key]  # type: ignore[return-value]

    def inline(self, text: str) -> n.Inlines:
        """One line of Markdown (a list item, a field value): its paragraphs and items joined."""
        key = ("inline", text, "")
        if key not in self._cache:
            parts: list[n.Inline] = []
            for block in self.blocks(" ".join(text.split())):
                lines = block.items if isinstance(block, n.ItemList) else (block.children,)  # type: ignore[union-attr]
                for line in lines:
                    parts += [n.Text(" ")] if parts else []
                    parts += line
            self._cache[key] = merge(parts)
        return self._cache[key]  # type: ignore[return-value]

    def blocks(self, text: str, role: str = "") -> tuple[n.Block, ...]:
        """Markdown text (paragraphs, lists) as blocks; ``role`` given to each paragraph."""
        key = ("blocks", text, role)
        if key not in self._cache:
            self._cache[key] = self._read(text, role)
        return self._cache[key]  # type: ignore[return-value]

    def _read(self, text: str, role: str) -> tuple[n.Block, ...]:
        refs, _ = find_references(text)
        out: list[str] = []
        last = 0
        for index, ref in enumerate(refs):
            out += [text[last : ref.start], f"\ue000{index}\ue001"]
            last = ref.end
        out.append(text[last:])
        source = "".join(out).strip()
        if not _MARKDOWN_SIGNS.search(source):  # most texts: one paragraph, no Markdown at all
            html = f"<p>{escape(source, quote=False)}</p>"
        else:
            html = self._markdown.reset().convert(source)
        reader = _HtmlBlocks([self.resolve(ref) for ref in refs], role)
        reader.feed(html)
        reader.close()
        return tuple(reader.result)


def merge(parts: list[n.Inline] | tuple[n.Inline, ...]) -> n.Inlines:
    """Adjacent texts joined; empty texts dropped."""
    out: list[n.Inline] = []
    for part in parts:
        if isinstance(part, n.Text):
            if not part.text:
                continue
            if out and isinstance(out[-1], n.Text):
                out[-1] = n.Text(out[-1].text + part.text)  # type: ignore[union-attr]
                continue
        out.append(part)
    return tuple(out)


def _trimmed(parts: n.Inlines, end: int) -> n.Inlines:
    """Whitespace taken off the first (end 0) or last (end -1) words; what is left empty dropped."""
    out = list(merge(parts))
    while out:
        edge = out[end]
        if isinstance(edge, n.Text):
            words = edge.text.lstrip() if end == 0 else edge.text.rstrip()
            if words:
                out[end] = n.Text(words)
                break
        elif isinstance(edge, _CONTAINERS):
            inner = _trimmed(edge.children, end)
            if inner:
                out[end] = _with_children(edge, inner)
                break
        else:
            break
        out.pop(end)
    return tuple(out)


def _strip(parts: list[n.Inline]) -> n.Inlines:
    return _trimmed(_trimmed(tuple(parts), 0), -1)


def _with_children(node: n.Inline, children: n.Inlines) -> n.Inline:
    if isinstance(node, n.ExternalLink):
        return n.ExternalLink(node.url, children)
    return type(node)(children)  # type: ignore[call-arg]


class _HtmlBlocks(HTMLParser):
    """Reads the small HTML that Markdown makes of content text back into blocks."""

    def __init__(self, refs: list[n.Inline], role: str):
        super().__init__(convert_charrefs=True)
        self.refs = refs
        self.role = role
        self.result: list[n.Block] = []
        self.parts: list[n.Inline] = []
        self.open: list[tuple[str, str | None, list[n.Inline]]] = []  # strong / em / a being read
        self.lists: list[tuple[bool, list[n.Inlines]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b", "em", "i", "a"):
            kind = {"b": "strong", "i": "em"}.get(tag, tag)
            self.open.append((kind, dict(attrs).get("href") if tag == "a" else None, []))
        elif tag in ("ul", "ol"):
            self._flush_para()
            self.lists.append((tag == "ol", []))
        elif tag == "li":
            self.parts = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag):
        kind = {"b": "strong", "i": "em"}.get(tag, tag)
        if kind in ("strong", "em", "a"):
            if self.open and self.open[-1][0] == kind:
                self._close()
        elif tag == "li" and self.lists:
            self._close_all()
            self.lists[-1][1].append(_strip(self.parts))
            self.parts = []
        elif tag in ("ul", "ol") and self.lists:
            ordered, items = self.lists.pop()
            if self.lists:  # a nested list: flattened into the outer one
                self.lists[-1][1].extend(items)
            else:
                self.result.append(n.ItemList(tuple(items), ordered))
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote") and not self.lists:
            self._flush_para()

    def handle_data(self, data):
        self._data(data)

    def _target(self) -> list[n.Inline]:
        return self.open[-1][2] if self.open else self.parts

    def _close(self) -> None:
        kind, href, children = self.open.pop()
        inner = merge(children)
        if kind == "strong":
            made: list[n.Inline] = [n.Strong(inner)]
        elif kind == "em":
            made = [n.Emphasis(inner)]
        else:
            made = [n.ExternalLink(href, inner)] if href else list(inner)
        self._target().extend(made)

    def _close_all(self) -> None:
        while self.open:
            self._close()

    def _data(self, data: str) -> None:
        data = re.sub(r"\s+", " ", data)
        target = self._target()
        last = 0
        for match in _TOKEN.finditer(data):
            target.append(n.Text(data[last : match.start()]))
            target.append(self.refs[int(match.group(1))])
            last = match.end()
        target.append(n.Text(data[last:]))

    def _flush_para(self) -> None:
        self._close_all()
        parts = _strip(self.parts)
        self.parts = []
        if parts:
            self.result.append(n.Para(parts, self.role))

    def close(self):
        super().close()
        self._flush_para()
