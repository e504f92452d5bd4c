"""The document tree: typed, frozen nodes for everything the site publishes.

Builders (:mod:`.pages`, :mod:`.findings`, :mod:`.questions`, :mod:`.appendices`) make
these from a Project, once; writers walk them and dispatch on the node's type. A node
carries every word, number and label it shows: a writer only lays them out.

Inline nodes hold one line of text; block nodes hold inlines and other blocks. Content
text a person wrote in Markdown arrives as :class:`Prose` (already converted and
sanitised, see :mod:`.text`), with its cross-references resolved to :class:`CrossRef`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from ..site_paths import Target

# --- inline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    """A link to a page (and anchor) of the site, or to a file the site ships."""

    target: Target
    children: tuple["Inline", ...]
    button: bool = False


@dataclass(frozen=True)
class ExternalLink:
    url: str
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class CrossRef:
    """A ``[[kind:id]]`` reference, resolved: the words it reads as and where it points."""

    label: str
    target: Target


@dataclass(frozen=True)
class Blank:
    """An unfilled placeholder: a visibly marked gap that names what belongs there."""

    name: str  # the placeholder's label
    text: str  # what the reader sees, e.g. "[Study number: to be filled in]"


@dataclass(frozen=True)
class Markup:
    """HTML converted from content Markdown and sanitised (see :mod:`.text`)."""

    html: str


Inline = Union[Text, Code, Strong, Emphasis, Link, ExternalLink, CrossRef, Blank, Markup]
Inlines = tuple[Inline, ...]


# --- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    children: Inlines
    anchor: str | None = None  # None: made from the words, as the site engine does


@dataclass(frozen=True)
class Para:
    children: Inlines
    role: str = ""  # "" body, "source", "lead", "links", "meta", "nojs"
    searchable: bool = True


@dataclass(frozen=True)
class Prose:
    """One or more paragraphs a person wrote in Markdown (lists, emphasis, links…)."""

    children: Inlines


@dataclass(frozen=True)
class ItemList:
    items: tuple[Inlines, ...]
    ordered: bool = False
    searchable: bool = True


@dataclass(frozen=True)
class Card:
    title: Inlines
    body: Inlines


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Routes:
    """Start routes: one per task a visitor comes to do, each with the links that start it."""

    label: str  # names the navigation region
    routes: tuple[Card, ...]


@dataclass(frozen=True)
class Callout:
    """Words set apart (a script read aloud, a facilitator note, a skip rule)."""

    kind: str  # note | info | quote | abstract
    title: str
    body: tuple["Block", ...]


@dataclass(frozen=True)
class Quote:
    anchor: str
    text: str
    caption: str


@dataclass(frozen=True)
class ThemeRow:
    theme: Inlines
    subthemes: tuple[Inlines, ...]


@dataclass(frozen=True)
class ThemesTable:
    caption: str
    headers: tuple[str, str]
    rows: tuple[ThemeRow, ...]


@dataclass(frozen=True)
class ScaleOption:
    value: str
    label: str
    description: str


@dataclass(frozen=True)
class Scale:
    """The scale a set's statements are rated on, with the values the publisher defined."""

    heading: str
    options: tuple[ScaleOption, ...]


@dataclass(frozen=True)
class SkipRule:
    title: str
    children: Inlines


@dataclass(frozen=True)
class Question:
    """A question (or rated statement) in context, with its prompts, notes and skip rules."""

    anchor: str
    heading: Inlines  # number and text
    prompts_label: str
    prompts: tuple[Inlines, ...]
    notes: tuple[Callout, ...]
    skips: tuple[Callout, ...]
    links_label: str
    links: tuple[Inlines, ...]
    source: "Para"


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, Inlines], ...]


@dataclass(frozen=True)
class TickBoxes:
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class Signatures:
    lines: tuple[str, ...]
    signers: tuple[str, ...] = ()  # one row each; none: one row per line


@dataclass(frozen=True)
class DownloadLinks:
    label: str
    buttons: tuple[Link, ...]
    also_label: str
    others: tuple[Link, ...]
    variant_label: str = ""  # e.g. the participant version's files, when the item has one
    variant_buttons: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Cell:
    children: Inlines
    header: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    role: str = ""  # the class of the table, e.g. "reflect-bank"


@dataclass(frozen=True)
class Widget:
    """A browser tool's mount point: its data rides on the element, with words for no script."""

    role: str  # reflect-worksheet | reflect-bank-filters | reflect-composer
    data: Any  # JSON-able
    attributes: tuple[tuple[str, str], ...] = ()
    fallback: Inlines = ()


@dataclass(frozen=True)
class Group:
    """Blocks kept together and out of the search index (cross-listings of the real items)."""

    children: tuple["Block", ...]
    searchable: bool = False


Block = Union[
    Heading, Para, Prose, ItemList, Cards, Callout, Quote, ThemesTable, Scale, Question, Fields,
    TickBoxes, Signatures, DownloadLinks, Table, Widget, Group,
]


@dataclass(frozen=True)
class Page:
    path: str  # Markdown source path on the site, e.g. "findings/challenges.md"
    title: str
    body: tuple[Block, ...]
    source: str | None = None  # the content file it comes from (for the edit link)
    search: bool = True  # False keeps the page out of the search index
    toc: tuple["TocEntry", ...] = field(default=())


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str
