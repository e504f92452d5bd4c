"""Content text, parsed once: Markdown converted and sanitised, references resolved.

A text a person wrote (Markdown with ``[[kind:id]]`` references) becomes a tuple of inline
nodes: :class:`~.nodes.Markup` for the converted, sanitised Markdown between references,
:class:`~.nodes.CrossRef` for each reference, :class:`~.nodes.Blank` for an unfilled
placeholder. The same text is converted once per run, whatever the page it appears on:
the :class:`ContentText` that caches it belongs to the run (one per site build).
"""

from __future__ import annotations

import re
from typing import Callable

import markdown as markdown_lib

from generator.project.references import Reference, find_references
from generator.project.sanitize import sanitize_html
from generator.document.nodes import Blank, CrossRef, Inlines, Markup, Prose, Text

MARKDOWN_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "tables", "md_in_html")
_TOKEN = "\ue000{}\ue001"  # private-use characters: Markdown and the sanitiser leave them alone
_TOKENS = re.compile("\ue000(\\d+)\ue001")
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


class ContentText:
    """Parses content text into inline nodes, each distinct text once.

    ``resolve`` turns a reference into its node (a cross-reference, a placeholder's value
    or a marked blank); it comes from the reference registry and the catalogue.
    """

    def __init__(self, resolve: Callable[[Reference], "CrossRef | Blank | Text"]):
        self.resolve = resolve
        self._markdown = markdown_lib.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
        self._cache: dict[tuple[str, str], Inlines] = {}

    def prose(self, text: str) -> Inlines:
        """Markdown text of one or more paragraphs."""
        return self._parsed("prose", text.strip())

    def blocks(self, text: str, role: str = "") -> tuple[Prose]:
        """Markdown text as blocks: on the site, one block of converted prose (``role`` is for paper)."""
        return (Prose(self.prose(text)),)

    def inline(self, text: str) -> Inlines:
        """Markdown text for one line (a list item, a table cell): no paragraph around it."""
        return self._parsed("inline", " ".join(text.split()))

    def plain(self, text: str) -> Inlines:
        """Text shown exactly as written (a question, a heading), references resolved."""
        key = ("plain", text)
        cached = self._cache.get(key)
        if cached is None:
            parts: list = []
            last = 0
            refs, _ = find_references(text)
            for ref in refs:
                parts.append(Text(text[last : ref.start]))
                parts.append(self.resolve(ref))
                last = ref.end
            parts.append(Text(text[last:]))
            cached = _collapse(parts)
            self._cache[key] = cached
        return cached

    def _parsed(self, mode: str, text: str) -> Inlines:
        key = (mode, text)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        refs, _ = find_references(text)
        marked = text
        for index, ref in reversed(list(enumerate(refs))):
            marked = marked[: ref.start] + _TOKEN.format(index) + marked[ref.end :]
        self._markdown.reset()
        html = sanitize_html(self._markdown.convert(marked))
        if mode == "inline":
            single = _PARAGRAPH.match(html)
            if single and "<p>" not in single.group(1):
                html = single.group(1)
        parts: list = []
        last = 0
        for match in _TOKENS.finditer(html):
            if match.start() > last:
                parts.append(Markup(html[last : match.start()]))
            parts.append(self.resolve(refs[int(match.group(1))]))
            last = match.end()
        if last < len(html):
            parts.append(Markup(html[last:]))
        cached = tuple(parts)
        self._cache[key] = cached
        return cached


def _collapse(parts: list) -> Inlines:
    """Whitespace collapsed as a one-line text shows it; empty texts dropped."""
    out: list = []
    for index, part in enumerate(parts):
        if isinstance(part, Text):
            words = " ".join(part.text.split())
            if part.text[:1].isspace() and index and words:
                words = " " + words
            elif part.text[:1].isspace() and index:
                words = " "
            if part.text[-1:].isspace() and index < len(parts) - 1 and not words.endswith(" "):
                words += " "
            if words:
                out.append(Text(words))
        else:
            out.append(part)
    return tuple(out)
