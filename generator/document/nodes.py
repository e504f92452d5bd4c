"""The document tree: typed, frozen nodes for everything the site publishes.

Builders (:mod:`.pages`, :mod:`.findings`, :mod:`.questions`, :mod:`.appendices` for the
site's pages, :mod:`.printables` for the printed documents, sharing :mod:`.parts`) make
these from a Project, once; writers walk them and dispatch on the node's type (the site
writer, the Typst writer for the PDF, the Word writer). A node carries every word,
number and label it shows: a writer only lays them out.

Inline nodes hold one line of text; block nodes hold inlines and other blocks. Content
text a person wrote in Markdown is read once (:mod:`.text`) into the same nodes for the
site and for paper: paragraphs, lists, emphasis, code and links as their own node types,
every other element the sanitiser allows as an :class:`Element`, each ``[[kind:id]]``
reference resolved to a :class:`CrossRef` (or a placeholder's value or :class:`Blank`).
Words in another language than the page's (or a stale translation) are in a :class:`Foreign`.
No node holds HTML: every writer escapes every word as it writes it. A printed
document's root is :class:`Printable`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from generator.project.sanitize import INLINE_TAGS, safe_attributes
from generator.project.addresses import Target
from generator.project.addresses import document_anchor as doc_anchor  # noqa: F401 - the printables name it so

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
    """A reference, resolved: the words it reads as and where it points.

    ``target`` is its place on the site; ``anchor`` its place in the printed documents
    (linked only where that anchor is in the same file); ``number`` the number of the
    question it names (a cross-reference field in Word); ``url`` a web address, for what
    lives outside the site and the printed documents (a resource).
    """

    label: str
    target: Target | None = None
    anchor: str | None = None
    number: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Blank:
    """An unfilled placeholder: a visibly marked gap that names what belongs there."""

    name: str  # the placeholder's label
    text: str  # what the reader sees, e.g. "[Study number: to be filled in]"


@dataclass(frozen=True)
class Element:
    """An element of content text with no node type of its own: a Markdown table, a definition
    list, an abbreviation, a ``<details>``, a paragraph with attributes. Only what the allowlist
    names can be made (:func:`generator.project.sanitize.safe_attributes`; anything else raises
    ``ValueError``). Its children are inlines, or blocks too where it is no inline element."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    children: tuple["Inline | Block", ...]

    def __post_init__(self) -> None:
        if safe_attributes(self.tag, self.attributes) != self.attributes:
            raise ValueError(f"<{self.tag}> with {self.attributes!r} is not allowed in content")

    @property
    def inline(self) -> bool:
        """Whether it sits inside a line of text (``<abbr>``) rather than being a block."""
        return self.tag in INLINE_TAGS

    @property
    def inline_content(self) -> bool:
        """Whether every child is inline (its words make one line, or one paragraph)."""
        return not any(isinstance(c, BLOCK_TYPES) or (isinstance(c, Element) and not c.inline) for c in self.children)

    def attribute(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)


@dataclass(frozen=True)
class Foreign:
    """Words not in the page's language's current words: ``language`` the BCP 47 tag they are in
    (``""``: the page's own), ``state`` why they are there (:data:`generator.strings.foreign.STATES`:
    an interface string that fell back to English, content not yet translated, a stale
    translation). Made by the builders from :class:`~generator.strings.foreign.ForeignWords`; it
    holds one line's inlines, so a text of several paragraphs has one in each paragraph, list
    item or heading (the blocks stay well-formed)."""

    language: str
    state: str
    children: tuple["Inline", ...]


Inline = Union[Text, Code, Strong, Emphasis, Link, ExternalLink, CrossRef, Blank, Element, Foreign]
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
    role: str = ""  # "" body, "source", "lead", "links", "meta", "nojs", "keep" (kept with what follows)
    searchable: bool = True


@dataclass(frozen=True)
class Prose:
    """Content text a person wrote in Markdown, as blocks (paragraphs, lists, tables…: see :mod:`.text`)."""

    children: tuple["Block", ...]


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

    kind: str  # what the words are: script (read aloud) | intro (a section's) | about (a template's) | note | skip
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
    choice: str = ""  # on paper: the words beside its tick box ("1 Not at all")


@dataclass(frozen=True)
class Scale:
    """The scale a set's statements are rated on, with the values the publisher defined."""

    heading: str
    options: tuple[ScaleOption, ...]


@dataclass(frozen=True)
class Question:
    """A question (or rated statement) in context, with its prompts, notes and skip rules.

    The site shows its links and source; a printed document its scale to tick and a
    labelled space to write in (``space_label`` None: none).
    """

    anchor: str
    number: int
    number_label: str  # "3.": the number as shown (Word numbers questions with its own list)
    text: Inlines
    prompts_label: str
    prompts: tuple[Inlines, ...]
    notes: tuple[Callout, ...] = ()  # facilitator notes: guidance, not read aloud
    skips: tuple[Callout, ...] = ()  # skip rules (read before the prompts on paper)
    links_label: str = ""
    links: tuple[Inlines, ...] = ()
    source: "Para | None" = None
    scale_label: str = ""  # question sets on paper: rate on this scale
    scale: tuple[ScaleOption, ...] = ()
    space_label: str | None = None
    space_mm: int = 0  # the height of that space


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: Inlines
    write_in: bool = False  # a blank each respondent fills in on paper


@dataclass(frozen=True)
class Fields:
    rows: tuple[FieldRow, ...]


@dataclass(frozen=True)
class TickBoxes:
    """Statements, each with a box: a tick box, or a labelled box (``box_label``, e.g. initials)."""

    items: tuple[Inlines, ...]
    box_label: str | None = None
    numbers: tuple[str, ...] = ()  # with a labelled box, each statement's number as printed ("1.")


@dataclass(frozen=True)
class Signatures:
    """A line to write on for each column, one row per signer (none named: one row per column)."""

    columns: tuple[str, ...]  # "Name", "Date", "Signature"
    signers: tuple[str, ...] = ()  # "Participant", "Person taking consent"


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
    TickBoxes, Signatures, DownloadLinks, Table, Widget, Group, Element,
]
BLOCK_TYPES = tuple(t for t in Block.__args__ if t is not Element)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Page:
    path: str  # Markdown source path on the site, e.g. "findings/challenges.md"
    title: str
    body: tuple[Block, ...]
    source: str | None = None  # the content file it comes from (for the edit link)
    search: bool = True  # False keeps the page out of the search index
    toc: tuple["TocEntry", ...] = field(default=())


@dataclass(frozen=True)
class Footer:
    """What every page's footer shows: the content's licence, the accessibility statement, the date.

    Paths are from the site's root (the writer makes them relative to the page it is on).
    """

    licence_url: str | None  # the licence's address as the settings give it
    licence_text: str  # "Content licence: CC-BY-4.0"
    accessibility: tuple[str, str] | None  # (the statement page's .html path, its title)
    date: str  # YYYY-MM-DD
    updated: str  # "Last updated: 2026-11-26"


@dataclass(frozen=True)
class NotFound:
    """The body of the site's "page not found" page: what happened, a search and a way home."""

    title: str
    text: str
    search_label: str
    home_label: str


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


# --- printed documents -------------------------------------------------------------------


@dataclass(frozen=True)
class Furniture:
    """What every printed page repeats, and the file's properties: words from content or catalogue."""

    header: str  # the running header
    study: Inlines  # a document's page_header (study title, identifiers): on every page of the Word file
    footer: str  # "Site · version 1.0, 2026-11-26"
    page_of: str  # the catalogue's "Page {page} of {pages}"
    font: str  # the font the Word file names ("Arial")
    category: str  # "Topic guide", for the Word file's properties
    keywords: str  # "Appendix 2, Site, Topic guide": for both files' properties
    comments: str  # for the Word file's properties
    licence: str = ""  # "Licence: CC-BY-4.0 (https://…)" when the publisher set one


@dataclass(frozen=True)
class Cover:
    """The first page of a file that combines several printables: its title and contents."""

    title: str  # "Appendices"
    document_title: str  # the file's own title: "Appendices: Site"
    site_title: str
    from_line: str  # "From <report>."
    subject: str
    keywords: str
    contents_label: str  # "Contents"
    contents: tuple[tuple[str, str], ...]  # (anchor, heading) of each document, in order


@dataclass(frozen=True)
class Printable:
    """One printed document (an appendix, its participant version or a question set): the root
    the PDF and Word writers walk. Frozen, picklable data: it crosses into worker processes,
    and its content hash keys the download cache."""

    id: str
    kind: str  # guide | document | question-set
    title: str  # the item's own title
    label: str | None  # "Appendix 2", or None for a question set
    subject: str  # one plain-text sentence or so, for document properties
    language: str
    site_title: str
    organisation: str
    edition: str  # "content version 2026.11.1, published 2026-11-26", or the document's own
    publication_date: str
    blocks: tuple[Block, ...]
    sources: tuple[str, ...]  # content files it was made from, relative to the project root
    heading: str  # the title as printed and as on the site: "Appendix 2: Focus group topic guide"
    page: Furniture
    variant: str = "adopter"  # adopter (annotated template) | participant (to hand out)

    @property
    def anchor(self) -> str:
        return doc_anchor(self.id)

    @property
    def anchors(self) -> frozenset[str]:
        """Every anchor this document defines (its top, sections and questions)."""
        found = {self.anchor}
        for block in self.blocks:
            if isinstance(block, (Heading, Question)) and block.anchor:
                found.add(block.anchor)
        return frozenset(found)

    def questions(self) -> tuple[Question, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Question))

