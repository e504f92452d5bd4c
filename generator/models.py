"""Typed, frozen models of every content file.

Each class declares one kind of content item, one documented field per line, in the
order an author writes them. Models validate shape only (types, required text, ids,
allowed values); references between items are checked when the whole
:class:`~generator.project.Project` is assembled.

Scalars arrive from :mod:`generator.yamlsource` as the exact text written, so the
number and yes/no fields below parse that text themselves: only ``true``/``false`` is a
boolean and only a plain decimal is a number.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*$"
QUOTE_WORD_LIMIT = 40


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_blank", "expected text, found only spaces")
    return value


def _parse_int(value: Any) -> Any:
    if isinstance(value, str):
        if re.fullmatch(r"-?(0|[1-9][0-9]{0,14})", value.strip()):
            return int(value)
        if re.fullmatch(r"-?[1-9][0-9]{15,}", value.strip()):
            raise PydanticCustomError(
                "yaml_int_long", "expected a whole number of at most 15 digits, found one of {digits} digits",
                {"digits": f"{len(value.strip().lstrip('-')):,}"},
            )
        raise PydanticCustomError("yaml_int", "expected a whole number, found '{text}'", {"text": value})
    return value


def _parse_bool(value: Any) -> Any:
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise PydanticCustomError("yaml_bool", "expected true or false, found '{text}'", {"text": value})
    return value


ID_LIMIT = 100  # ids name files (``<id>.html``, ``<id>.docx``): well under 255 bytes


def _short_id(value: str) -> str:
    if len(value) > ID_LIMIT:
        raise PydanticCustomError(
            "id_too_long", "id has {length} characters; keep it to at most {limit} (it names files and "
            "web addresses)", {"length": len(value), "limit": ID_LIMIT},
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), AfterValidator(_short_id)]
"""An identifier: lowercase letters, digits and single hyphens, e.g. ``limited-resources``."""

Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
"""Plain text that must not be empty."""

Markdown = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
"""Text that may use Markdown and ``[[kind:id]]`` references."""

Source = Annotated[str, StringConstraints(min_length=3), AfterValidator(_not_blank)]
"""Where in the report an item comes from, e.g. ``Appendix 1, question 7, prompt 2``."""

Number = Annotated[int, BeforeValidator(_parse_int)]
YesNo = Annotated[bool, BeforeValidator(_parse_bool)]
Url = Annotated[str, StringConstraints(pattern=r"^(https://|mailto:)\S+$")]
SiteUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+(/\S*)?/$")]
Date = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
PlaceholderName = Annotated[str, StringConstraints(pattern=PLACEHOLDER_PATTERN)]
NotesSpace = Annotated[str, StringConstraints(pattern=r"^(none|small|medium|large|[1-9][0-9]{0,2}mm)$")]
"""Space to write in under each printed question: none, small, medium, large, or a height such as ``45mm``."""


class Node(BaseModel):
    """Base of every content model: immutable, unknown keys rejected, origin remembered."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

    # Where an item came from is recorded after validation (validation.attach_origins) in
    # pydantic's private slot. No PrivateAttr is declared: declaring one makes pydantic build
    # a private dict for every one of the (many thousands of) items as they are validated.

    @property
    def origin_file(self) -> str:
        """The content file this item was read from, relative to the project root."""
        return (self.__pydantic_private__ or {}).get("_file", "")

    @property
    def origin_path(self) -> tuple[Any, ...]:
        """The item's data path inside its file, e.g. ``("sections", 0, "questions", 2)``."""
        return (self.__pydantic_private__ or {}).get("_path", ())


# --- shared pieces -------------------------------------------------------------------


class AlternativeLabel(Node):
    label: Text = Field(description="Another wording the report uses for the same item.")
    source: Source = Field(description="Where the report uses this wording.")


class Prompt(Node):
    text: Text = Field(description="A follow-up question a facilitator may ask.")
    source: Source


class FacilitatorNote(Node):
    text: Markdown = Field(description="Guidance for the facilitator, not read aloud.")
    source: Source


class Script(Node):
    text: Markdown = Field(description="What the facilitator says (our paraphrase).")
    source: Source


# --- settings --------------------------------------------------------------------------


class Placeholder(Node):
    label: Text = Field(description="What the value is, shown next to a blank.")
    value: str | None = Field(default=None, description="The value; leave empty until known.")
    description: Text | None = Field(default=None, description="Guidance for the adopter.")


class ReportInfo(Node):
    title: Text = Field(description="Title of the source report.")
    publisher: Text = Field(description="Who published it.")
    published: Text = Field(description="When it was published, as printed.")
    url: Url | None = Field(default=None, description="Where the report can be read.")


class SiteInfo(Node):
    title: Text = Field(description="Site title, shown in the header and on documents.")
    description: Text = Field(description="One-sentence description for search engines.")
    organisation: Text = Field(description="Who publishes this site.")
    publication_date: Date = Field(description="Date this edition was published (YYYY-MM-DD).")
    language: Text = Field(default="en-GB", description="Language of the content (BCP 47).")
    content_version: Text = Field(description="Version of the content; worksheets key answers by it.")
    url: SiteUrl | None = Field(
        default=None,
        description="The site_url: full address the site is published at, ending in '/', e.g. "
        "https://example.org/reflect/ (canonical links, sitemap, 404 page, absolute links in the data).",
    )


class Licence(Node):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")] = Field(
        description="SPDX identifier of the content's licence, e.g. CC-BY-4.0 or OGL-UK-3.0."
    )
    url: Url = Field(description="Web address of the licence text.")


class EditLinks(Node):
    repository_url: Url | None = Field(
        default=None, description="Web address of the repository holding this content."
    )
    edit_path: Text = Field(
        default="edit/main/", description="Path under the repository that opens a file for editing."
    )


class PrintSettings(Node):
    notes_space: YesNo = Field(default=True, description="Leave space for notes under each question.")
    font: Text = Field(
        default="Arial",
        description="Font of the printables: Word files name it; PDFs use it or a metric-compatible font.",
    )


class Settings(Node):
    site: SiteInfo
    licence: Licence | None = Field(
        default=None, description="Licence of the content: shown in the footer, documents and open data."
    )
    report: ReportInfo | None = Field(default=None, description="The source report, if the site presents one.")
    edit: EditLinks = Field(default_factory=EditLinks)
    print: PrintSettings = Field(default_factory=PrintSettings)
    placeholders: dict[PlaceholderName, Placeholder] = Field(
        default_factory=dict, description="Named values used by document templates."
    )
    strings: dict[str, Text] = Field(
        default_factory=dict,
        description="Your own words for Reflect's interface strings, by name (e.g. site.findings.quotes).",
    )


# --- audiences and appendices --------------------------------------------------------


class Audience(Node):
    id: Id
    name: Text = Field(description="Who they are, e.g. 'Ward teams'.")
    summary: Markdown = Field(description="Why this site matters to them.")
    source: Source


class AudiencesFile(Node):
    audiences: tuple[Audience, ...] = Field(min_length=1)


class AppendicesFile(Node):
    appendices: tuple[Id, ...] = Field(
        description="Guides and documents in appendix order; numbers follow."
    )
    label: Text | None = Field(None, description="The word before each number, e.g. 'Annex' (default 'Appendix').")
    title: Text | None = Field(None, description="The section's name, e.g. 'Annexes' (default 'Appendices').")
    numbered: YesNo = Field(True, description="false: listed under their own titles, without numbers.")


# --- topic guides ------------------------------------------------------------------------


class ResponseOption(Node):
    id: Id
    label: Text
    text: Markdown
    source: Source


class SkipRule(Node):
    if_covered_at: Id = Field(description="Question at which the topic may already have come up.")
    then: Literal["skip", "focus-on-remaining-prompts"]
    target: Id = Field(description="Section or question the rule acts on.")
    topic: Text = Field(description="The topic that may already have been covered.")
    source: Source


class GuideQuestion(Node):
    id: Id
    text: Text
    source: Source
    subthemes: tuple[Id, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    notes: tuple[FacilitatorNote, ...] = ()
    skip_logic: tuple[SkipRule, ...] = ()


class GuideSection(Node):
    id: Id
    title: Text
    source: Source
    intro: Markdown | None = None
    questions: tuple[GuideQuestion, ...] = Field(min_length=1)


class Guide(Node):
    id: Id
    title: Text
    audience: Id
    format: Literal["focus-group", "written-questions"]
    duration: Text | None = None
    source: Source
    summary: Markdown
    opening_script: Script | None = None
    response_options: tuple[ResponseOption, ...] = ()
    prompts_label: Text = "Prompts (use as needed)"
    sections: tuple[GuideSection, ...] = Field(min_length=1)
    closing_script: Script | None = None
    notes_space: NotesSpace | None = Field(default=None, description="Space under each printed question.")
    version: Text | None = Field(default=None, description="This guide's own version, printed in its footer.")
    date: Date | None = Field(default=None, description="This guide's own date (YYYY-MM-DD), printed in its footer.")
    participant_title: Text | None = Field(
        default=None, description="Title of the copy handed to respondents (written questions)."
    )
    respondent_intro: Markdown | None = Field(
        default=None, description="Words to the person answering, at the top of their copy."
    )
    respondent_fields: tuple[Text, ...] = Field(
        default=(), description="Labels of optional write-in blanks (name, ID) on the respondent's copy."
    )


# --- reflective question sets ----------------------------------------------------------


class ScaleOption(Node):
    value: Number
    label: Text
    description: Text | None = None


class Scale(Node):
    label: Text = Field(description="The question the scale answers.")
    options: tuple[ScaleOption, ...] = Field(min_length=2, max_length=7)

    @field_validator("options")
    @classmethod
    def _distinct_values(cls, options: tuple[ScaleOption, ...]) -> tuple[ScaleOption, ...]:
        values = [o.value for o in options]
        if len(set(values)) != len(values):
            raise PydanticCustomError("scale_values", "scale option values must be different")
        return options


class SetQuestion(Node):
    id: Id
    form: Literal["question", "statement"] = "question"
    text: Text
    source: Source
    subthemes: tuple[Id, ...] = ()
    implications: tuple[Id, ...] = ()
    prompts: tuple[Prompt, ...] = ()


class SetSection(Node):
    id: Id
    title: Text
    source: Source
    intro: Markdown | None = None
    questions: tuple[SetQuestion, ...] = Field(min_length=1)


class QuestionSet(Node):
    id: Id
    title: Text
    audience: Id
    purpose: Markdown
    source: Source
    scale: Scale
    response_label: Text = "Your notes"
    sections: tuple[SetSection, ...] = Field(min_length=1)
    notes_space: NotesSpace | None = Field(default=None, description="Space under each printed question.")


# --- findings ----------------------------------------------------------------------------


class Subtheme(Node):
    id: Id
    label: Text = Field(description="The label, as the source prints it.")
    alternative_labels: tuple[AlternativeLabel, ...] = ()
    summary: Markdown
    source: Source


class Theme(Node):
    id: Id
    label: Text = Field(description="The label, as the source prints it.")
    alternative_labels: tuple[AlternativeLabel, ...] = ()
    summary: Markdown
    source: Source
    subthemes: tuple[Subtheme, ...] = Field(min_length=1)


class ThemesFile(Node):
    themes: tuple[Theme, ...] = ()


def _short_quote(value: str) -> str:
    words = len(re.findall(r"[\w’'-]+", value.replace("[...]", " ")))
    if words >= QUOTE_WORD_LIMIT:
        raise PydanticCustomError(
            "quote_too_long",
            "quote has {words} words; keep it under {limit} and mark cuts with [...]",
            {"words": words, "limit": QUOTE_WORD_LIMIT},
        )
    if re.search(r"(?<!\[)(\.\.\.|…)(?!\])", value.replace("[...]", "")) and "[…]" in value:
        raise PydanticCustomError("quote_cut", "mark cuts in a quote with [...]")
    return value


class Quote(Node):
    id: Id
    subtheme: Id
    quote: Annotated[Text, AfterValidator(_short_quote)] = Field(
        description="A participant's words, under 40 words, cuts marked [...]."
    )
    attribution: Text | None = Field(
        default=None, description="Who said it; default: the string site.findings.attribution."
    )
    source: Source


class QuotesFile(Node):
    quotes: tuple[Quote, ...] = ()


class ImplicationAction(Node):
    id: Id
    text: Markdown
    details: tuple[Markdown, ...] = ()
    subthemes: tuple[Id, ...] = Field(min_length=1)
    source: Source


class ImplicationGroup(Node):
    id: Id
    title: Text
    source: Source
    actions: tuple[ImplicationAction, ...] = Field(min_length=1)


class ImplicationsFile(Node):
    groups: tuple[ImplicationGroup, ...] = ()


class Resource(Node):
    id: Id
    title: Text
    url: Url
    publisher: Text | None = None
    description: Markdown
    source: Source


class ResourcesFile(Node):
    resources: tuple[Resource, ...] = ()


# --- document templates ---------------------------------------------------------------


class Paragraph(Node):
    type: Literal["paragraph"]
    text: Markdown


class ListBlock(Node):
    type: Literal["list"]
    ordered: YesNo = False
    items: tuple[Markdown, ...] = Field(min_length=1)


class FieldItem(Node):
    label: Text
    value: str = Field(default="", description="The value printed; none for a write-in field.")
    write_in: YesNo = Field(
        default=False, description="A blank each respondent fills in on paper (name, ID, date)."
    )

    @model_validator(mode="after")
    def _value_or_write_in(self) -> "FieldItem":
        if self.write_in and self.value.strip():
            raise PydanticCustomError("write_in_value", "a write-in field is left blank: remove its value")
        if not self.write_in and not self.value.strip():
            raise PydanticCustomError("field_value", "a field needs a value, or write_in: true for a blank")
        return self


class FieldsBlock(Node):
    type: Literal["fields"]
    fields: tuple[FieldItem, ...] = Field(min_length=1)


class TickBoxesBlock(Node):
    type: Literal["tick-boxes"]
    items: tuple[Markdown, ...] = Field(min_length=1)
    initials: YesNo = Field(default=False, description="Numbered statements with an initials box each.")


class SignaturesBlock(Node):
    type: Literal["signatures"]
    lines: tuple[Text, ...] = Field(min_length=1, description="What each person writes: name, date, signature.")
    signers: tuple[Text, ...] = Field(default=(), description="One row per person who signs.")


class FaqItem(Node):
    question: Text
    answer: Markdown


class FaqBlock(Node):
    type: Literal["faq"]
    items: tuple[FaqItem, ...] = Field(min_length=1)


Block = Annotated[
    Union[Paragraph, ListBlock, FieldsBlock, TickBoxesBlock, SignaturesBlock, FaqBlock],
    Field(discriminator="type"),
]


class DocumentSection(Node):
    id: Id
    heading: Text | None = None
    source: Source
    blocks: tuple[Block, ...] = Field(min_length=1)


class Document(Node):
    id: Id
    title: Text
    source: Source
    summary: Markdown
    sections: tuple[DocumentSection, ...] = Field(min_length=1)
    version: Text | None = Field(default=None, description="This document's own version, printed in its footer.")
    date: Date | None = Field(default=None, description="This document's own date (YYYY-MM-DD), printed in its footer.")
    participant_title: Text | None = Field(default=None, description="Title of the participant version.")
    page_header: Markdown | None = Field(
        default=None, description="Printed at the top of every page, e.g. study title and identifiers."
    )


# --- narrative pages -------------------------------------------------------------------


class NarrativePage(Node):
    id: Id
    title: Text
    placement: Literal["findings", "about"]
    order: Number
    source: Source
    body: Markdown


FILE_MODELS: dict[str, type[Node]] = {
    "settings": Settings,
    "audiences": AudiencesFile,
    "appendices": AppendicesFile,
    "themes": ThemesFile,
    "quotes": QuotesFile,
    "implications": ImplicationsFile,
    "resources": ResourcesFile,
    "document": Document,
    "page": NarrativePage,
    "guide": Guide,
    "question-set": QuestionSet,
}
"""Which model reads which kind of content file (see :mod:`generator.layout`)."""
