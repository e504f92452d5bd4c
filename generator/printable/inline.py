"""Content text as runs: Markdown and ``[[kind:id]]`` references resolved the way every printable must.

An unfilled ``[[placeholder:name]]`` becomes a run marked ``blank`` whose words (which name
what belongs there) come from the catalogue.
"""

from __future__ import annotations

import dataclasses
import re
from html import escape
from html.parser import HTMLParser

import markdown as markdown_lib

from ..project import Project, reference_label
from ..references import Reference, find_references
from ..strings import Catalogue
from .document import Block, Inline, ListOf, Para, Run, doc_anchor, question_anchor

# --- text: Markdown and references into runs -----------------------------------------------------

_TOKEN = re.compile("\ue000(\\d+)\ue001")


class _Text:
    """Turns content text into runs, resolving references the way every output must."""

    def __init__(self, project: Project, catalogue: Catalogue):
        self.p = project
        self.words = catalogue

    def ref_run(self, ref: Reference, bold: bool = False, italic: bool = False) -> Run:
        p = self.p
        if ref.kind == "placeholder":
            value = p.placeholder_value(ref.id)
            if value is None:
                label = p.settings.placeholders[ref.id].label
                return Run(self.words.text("print.blank", label=label), bold, italic, blank=True)
            return Run(" ".join(value.split()), bold, italic)
        label = reference_label(p, ref)
        target = None
        href = None
        number = None
        if ref.kind in ("appendix", "guide", "document", "question-set"):
            target = doc_anchor(ref.id)
        elif ref.kind == "question":
            target = question_anchor(ref.id)
            number = p.question_by_id[ref.id].number
        elif ref.kind == "resource":
            href = p.resource_by_id[ref.id].url
        return Run(label, bold, italic, href=href, target=target, number=number)

    def plain(self, text: str, bold: bool = False, italic: bool = False) -> Inline:
        """Single-line plain text (titles, questions, prompts): references resolved, no Markdown."""
        text = " ".join(text.split())
        refs, _ = find_references(text)
        runs: list[Run] = []
        last = 0
        for ref in refs:
            if ref.start > last:
                runs.append(Run(text[last : ref.start], bold, italic))
            runs.append(self.ref_run(ref, bold, italic))
            last = ref.end
        if last < len(text):
            runs.append(Run(text[last:], bold, italic))
        return _merge(runs)

    def inline(self, text: str) -> Inline:
        """One line of Markdown (list item, field value) as runs."""
        blocks = self.blocks(" ".join(text.split()))
        runs: list[Run] = []
        for block in blocks:
            if isinstance(block, Para):
                if runs:
                    runs.append(Run(" "))
                runs.extend(block.text)
            elif isinstance(block, ListOf):
                for item in block.items:
                    if runs:
                        runs.append(Run(" "))
                    runs.extend(item)
        return _merge(runs)

    def blocks(self, text: str, role: str = "body") -> tuple[Block, ...]:
        """Markdown text (paragraphs, lists) as blocks."""
        refs, _ = find_references(text)
        tokens: list[Reference] = []
        out: list[str] = []
        last = 0
        for ref in refs:
            out.append(text[last : ref.start])
            out.append(f"\ue000{len(tokens)}\ue001")
            tokens.append(ref)
            last = ref.end
        out.append(text[last:])
        source = "".join(out).strip()
        if not _MARKDOWN_SIGNS.search(source):  # most texts: one paragraph, no Markdown at all
            html = f"<p>{escape(source, quote=False)}</p>"
        else:
            html = _MARKDOWN.reset().convert(source)
        reader = _HtmlBlocks(self, tokens, role)
        reader.feed(html)
        reader.close()
        return tuple(reader.result)


_MARKDOWN = markdown_lib.Markdown()  # one converter, reset between texts (building one is slow)
# Characters and line starts that make text more than one plain paragraph in Markdown.
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\\!|~]|\n\s*\n|^\s*(?:[-+*=]|\d+[.)])(?:\s|$)", re.M)


def _merge(runs: list[Run]) -> Inline:
    """Adjacent runs with the same look joined; empty runs dropped."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and not run.blank and not merged[-1].blank:
            prev = merged[-1]
            if dataclasses.replace(prev, text="") == dataclasses.replace(run, text=""):
                merged[-1] = dataclasses.replace(prev, text=prev.text + run.text)
                continue
        merged.append(run)
    return tuple(merged)


class _HtmlBlocks(HTMLParser):
    """Reads the small HTML that Markdown makes of content text back into blocks."""

    def __init__(self, text: _Text, tokens: list[Reference], role: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.tokens = tokens
        self.role = role
        self.result: list[Block] = []
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.href: list[str | None] = []
        self.lists: list[tuple[bool, list[Inline]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag in ("ul", "ol"):
            self._flush_para()
            self.lists.append((tag == "ol", []))
        elif tag == "li":
            self.runs = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "a":
            self.href.pop()
        elif tag == "li" and self.lists:
            self.lists[-1][1].append(_strip(self.runs))
            self.runs = []
        elif tag in ("ul", "ol") and self.lists:
            ordered, items = self.lists.pop()
            if self.lists:  # a nested list: flatten into the outer one
                self.lists[-1][1].extend(items)
            else:
                self.result.append(ListOf(tuple(items), ordered))
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote") and not self.lists:
            self._flush_para()

    def handle_data(self, data):
        self._data(data)

    def _data(self, data: str) -> None:
        data = re.sub(r"\s+", " ", data)
        href = next((h for h in reversed(self.href) if h), None)
        last = 0
        for match in _TOKEN.finditer(data):
            if match.start() > last:
                self.runs.append(Run(data[last : match.start()], self.bold > 0, self.italic > 0, href=href))
            ref = self.tokens[int(match.group(1))]
            self.runs.append(self.text.ref_run(ref, self.bold > 0, self.italic > 0))
            last = match.end()
        if last < len(data):
            self.runs.append(Run(data[last:], self.bold > 0, self.italic > 0, href=href))

    def _flush_para(self) -> None:
        runs = _strip(self.runs)
        self.runs = []
        if runs:
            self.result.append(Para(runs, self.role))

    def close(self):
        super().close()
        self._flush_para()


def _strip(runs: list[Run]) -> Inline:
    merged = list(_merge(runs))
    while merged and not merged[0].text.strip():
        merged.pop(0)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        merged[0] = dataclasses.replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = dataclasses.replace(merged[-1], text=merged[-1].text.rstrip())
    return _merge(merged)


