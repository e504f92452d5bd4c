"""A printable document as plain data, built from the Project: what both writers print.

The PDF writer (:mod:`.print_html`) and the Word writer (:mod:`.docx_writer`) never read
the Project or the site: they read the :class:`PrintDoc` values made here, so a PDF and
its DOCX hold the same words in the same order, numbered exactly as on the site (the
numbers come from :class:`~generator.project.Project`, never from content text).

A ``PrintDoc`` is frozen, picklable data (it crosses into worker processes) and its
:func:`fingerprint` is the content hash the download cache keys on: it changes exactly
when what would be printed changes.

Text is resolved once (:mod:`.inline`): ``[[kind:id]]`` references become runs holding
the computed label (and an internal anchor or web address where there is one), and an
unfilled ``[[placeholder:name]]`` becomes a run marked ``blank`` that names what belongs
there. Every word Reflect itself adds (labels, "Page N of M", the skip-logic sentence)
comes from the catalogue when the tree is built (:mod:`.builders`): the writers only
lay out what the tree carries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Union

# --- the data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None  # a web or mailto address
    target: str | None = None  # an anchor inside the printed documents (linked only if present)
    blank: bool = False  # an unfilled placeholder: printed highlighted
    number: int | None = None  # the number of the question it names: a cross-reference field in Word


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 document title, 2 section, 3 sub-heading
    text: Inline
    anchor: str | None = None


@dataclass(frozen=True)
class Para:
    text: Inline
    role: str = "body"  # body | meta | lead | source | keep (body, kept with what follows)


@dataclass(frozen=True)
class ListOf:
    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Callout:
    """Words set apart: a script read aloud, guidance for the adopter."""

    kind: str  # script | intro | about
    title: str
    body: tuple["Block", ...]


@dataclass(frozen=True)
class ScaleChoice:
    value: int
    label: str


@dataclass(frozen=True)
class Question:
    number: int
    anchor: str
    text: Inline
    prompts_label: str
    prompts: tuple[Inline, ...]
    notes: tuple[Inline, ...] = ()  # facilitator notes: guidance, not read aloud
    skips: tuple[Inline, ...] = ()  # skip logic
    scale_label: str | None = None  # question sets: rate on this scale
    scale: tuple[ScaleChoice, ...] = ()
    space_label: str | None = None  # a labelled space to write in; None leaves none
    space_mm: int = 0  # the height of that space
    number_label: str = ""  # "3.": the number as printed (Word numbers questions with its own list)
    note_label: str = ""  # "Facilitator note:"
    skip_label: str = ""  # "Skip logic:"


@dataclass(frozen=True)
class TickBoxes:
    """Numbered statements, each with a box: a tick box, or a labelled initials box."""

    items: tuple[Inline, ...]
    box_label: str | None = None  # "Initials": a box to initial; None: a tick box


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: Inline
    write_in: bool = False  # a blank each respondent fills in on paper


@dataclass(frozen=True)
class Fields:
    rows: tuple[FieldRow, ...]


@dataclass(frozen=True)
class Signatures:
    """One row per person who signs; a line to write on for each column."""

    columns: tuple[str, ...]  # "Name", "Date", "Signature"
    signers: tuple[str, ...]  # "Participant", "Person taking consent"; ("",) for one unnamed row


Block = Union[Heading, Para, ListOf, Callout, Question, TickBoxes, Fields, Signatures]


@dataclass(frozen=True)
class Furniture:
    """What every page repeats, and the file's properties: all words from content or catalogue."""

    header: str  # the running header
    study: Inline  # a document's page_header (study title, identifiers): on every page of the Word file
    footer: str  # "Site · version 1.0, 2026-11-26"
    page_of: str  # the catalogue's "Page {page} of {pages}"
    font: str  # the font the Word file names ("Arial")
    category: str  # "Topic guide", for the Word file's properties
    comments: str  # for the Word file's properties
    licence: str = ""  # "Licence: CC-BY-4.0 (https://…)" when the publisher set one


@dataclass(frozen=True)
class PrintDoc:
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


def doc_anchor(item_id: str) -> str:
    return f"doc-{item_id}"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"  # as on the site


def section_anchor(section_id: str) -> str:
    return f"section-{section_id}"  # as on the site; section ids are unique in a project


def fingerprint(value: object) -> str:
    """A content hash of printable data (PrintDocs, tuples of them, options)."""
    payload = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data["__type__"] = type(value).__name__
        return data
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def plain_text(inline: Inline) -> str:
    return "".join(run.text for run in inline)


def build_documents(project, catalogue=None, participant: bool = False) -> tuple[PrintDoc, ...]:
    """Every appendix in appendix order, then every question set (or every participant version).

    Built once per printable build (``downloads.plan``); the site's Downloads page is written
    from the files that build made, so nothing here is kept between calls.
    """
    from .builders import DocumentBuilder

    builder = DocumentBuilder(project, catalogue)
    return builder.participant_versions() if participant else builder.all()
