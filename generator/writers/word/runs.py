"""Inline nodes flattened into runs: stretches of text with one look, as a Word file holds them.

A word processor has no nesting: bold inside a link inside emphasis is one run that is
bold, italic and linked. :func:`runs` walks the inline nodes (one ``visit_<node>`` method
per type) carrying the look down, and joins neighbouring runs that look alike.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.document import nodes as n
from generator.document.visitor import Visitor

BOLD = frozenset({"b", "strong"})
ITALIC = frozenset({"i", "em", "cite", "dfn", "var"})


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None  # a web or mailto address
    target: str | None = None  # an anchor inside the printed documents (linked only if present)
    blank: bool = False  # an unfilled placeholder: printed highlighted
    number: int | None = None  # the number of the question it names: a cross-reference field in Word
    language: str | None = None  # the words' language when not the document's (a BCP 47 tag)


def runs(children: n.Inlines, italic: bool = False) -> tuple[Run, ...]:
    """The runs of some inline nodes, neighbours with the same look joined."""
    walker = _Walker()
    walker.walk(children, Run("", italic=italic))
    return _joined(walker.out)


class _Walker(Visitor):
    def __init__(self) -> None:
        self.out: list[Run] = []

    def walk(self, children: tuple, look: Run) -> None:
        for child in children:
            self.visit(child, look)

    def visit_text(self, node: n.Text, look: Run) -> None:
        self.out.append(dataclasses.replace(look, text=node.text))

    def visit_code(self, node: n.Code, look: Run) -> None:
        self.out.append(dataclasses.replace(look, text=node.text))

    def visit_strong(self, node: n.Strong, look: Run) -> None:
        self.walk(node.children, dataclasses.replace(look, bold=True))

    def visit_emphasis(self, node: n.Emphasis, look: Run) -> None:
        self.walk(node.children, dataclasses.replace(look, italic=True))

    def visit_externallink(self, node: n.ExternalLink, look: Run) -> None:
        self.walk(node.children, dataclasses.replace(look, href=node.url))

    def visit_link(self, node: n.Link, look: Run) -> None:  # a site page: no address on paper
        self.walk(node.children, look)

    def visit_crossref(self, node: n.CrossRef, look: Run) -> None:
        self.out.append(Run(node.label, look.bold, look.italic, node.url, node.anchor, False, node.number,
                            look.language))

    def visit_blank(self, node: n.Blank, look: Run) -> None:
        self.out.append(Run(node.text, look.bold, look.italic, blank=True, language=look.language))

    def visit_foreign(self, node: n.Foreign, look: Run) -> None:
        self.walk(node.children, dataclasses.replace(look, language=node.language or look.language))

    def visit_element(self, node: n.Element, look: Run) -> None:
        """Content's other elements: bold, italic or a link where they are, their words in any case."""
        if node.tag == "br":
            self.out.append(dataclasses.replace(look, text=" "))
        elif node.tag in BOLD:
            look = dataclasses.replace(look, bold=True)
        elif node.tag in ITALIC:
            look = dataclasses.replace(look, italic=True)
        elif node.tag == "a" and node.attribute("href"):
            look = dataclasses.replace(look, href=node.attribute("href"))
        self.walk(node.children, look)

    def visit_para(self, node: n.Para, look: Run) -> None:  # a paragraph inside an element
        self.out.append(dataclasses.replace(look, text=" "))
        self.walk(node.children, look)

    def visit_itemlist(self, node: n.ItemList, look: Run) -> None:  # a list inside an inline element
        for item in node.items:
            self.out.append(dataclasses.replace(look, text=" "))
            self.walk(item, look)


def _joined(found: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in found:
        if not run.text:
            continue
        if out and not run.blank and not out[-1].blank and run.number is None and out[-1].number is None:
            prev = out[-1]
            if dataclasses.replace(prev, text="") == dataclasses.replace(run, text=""):
                out[-1] = dataclasses.replace(prev, text=prev.text + run.text)
                continue
        out.append(run)
    return tuple(out)
