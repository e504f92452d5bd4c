"""Content's other elements in a Word file: a table as a Word table, a list as a list, the rest
as paragraphs of their words (see :class:`~generator.document.nodes.Element`).

A Word file has no ``<details>`` or definition list: what such an element holds is laid out
as the paragraphs, lists and tables inside it, in order, so every word is on paper.
"""

from __future__ import annotations

from typing import Any

from generator.document import nodes as n
from generator.document.markup import is_inline, trimmed

ROWS = frozenset({"thead", "tbody", "tfoot"})


def write_element(writer: Any, node: n.Element) -> None:
    """One element of content text into the Word document ``writer`` is writing."""
    if node.tag == "table":
        table(writer, node)
    elif node.tag in ("ul", "ol"):
        items = list_items(node)
        if node.tag == "ol":
            writer.numbered(items)
        else:
            for item in items:
                writer.paragraph(item, "List Bullet")
    elif node.inline:
        writer.paragraph((node,))
    elif node.inline_content:
        if node.children:
            writer.paragraph(trimmed(node.children))
    else:
        blocks(writer, node.children)


def blocks(writer: Any, children: tuple) -> None:
    """Blocks in order; inline nodes between them gathered into paragraphs."""
    loose: list = []
    for child in children:
        if is_inline(child):
            loose.append(child)
            continue
        if trimmed(tuple(loose)):
            writer.paragraph(trimmed(tuple(loose)))
        loose = []
        writer.visit(child)
    if trimmed(tuple(loose)):
        writer.paragraph(trimmed(tuple(loose)))


def list_items(node: n.Element) -> tuple[n.Inlines, ...]:
    """Each item's words as one line; a list inside an item adds its items after it (as on paper before)."""
    out: list[n.Inlines] = []
    for item in node.children:
        if not isinstance(item, n.Element):
            continue
        words: list = []
        nested: list[n.Inlines] = []
        for child in item.children:
            if is_inline(child):
                words.append(child)
            elif isinstance(child, n.ItemList):
                nested += child.items
            elif isinstance(child, n.Element) and child.tag in ("ul", "ol"):
                nested += list_items(child)
            elif isinstance(child, n.Para):
                words += [n.Text(" "), *child.children] if words else child.children
        out.append(trimmed(tuple(words)))
        out += nested
    return tuple(line for line in out if line)


def table(writer: Any, node: n.Element) -> None:
    """A table a person wrote (Markdown's pipes): a Word table, its header cells bold."""
    rows = [row for part in node.children if isinstance(part, n.Element)
            for row in (part.children if part.tag in ROWS else (part,))
            if isinstance(row, n.Element) and row.tag == "tr"]
    cells = [[c for c in row.children if isinstance(c, n.Element) and c.tag in ("th", "td")] for row in rows]
    width = max((len(r) for r in cells), default=0)
    if not width:
        return
    made = writer.table(width, writer.style_id("Table Grid"))
    for row in cells:
        word_row = made.add_row()
        for index, cell in enumerate(row):
            words = trimmed(cell.children) if cell.inline_content else _words(cell.children)
            writer.runs(word_row.cells[index].paragraphs[0], (n.Strong(words),) if cell.tag == "th" else words)
    writer.add()


def _words(children: tuple) -> n.Inlines:
    out: list = []
    for child in children:
        part = child.children if isinstance(child, (n.Para, n.Element)) else (child,)
        out += [n.Text(" "), *part] if out else part
    return trimmed(tuple(out))
