"""The project settings, its audiences and the appendix order."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.models.fields import (
    Id,
    Text,
    Markdown,
    Source,
    YesNo,
    Url,
    WebUrl,
    SiteUrl,
    EditPath,
    LanguageTag,
    Date,
    PlaceholderName,
    Node,
)


# --- settings


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
    language: LanguageTag = Field(default="en-GB", description="Language of the content (a BCP 47 tag such as en-GB, cy or gd).")
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
    repository_url: WebUrl | None = Field(
        default=None, description="Web address of the repository holding this content."
    )
    edit_path: EditPath = Field(
        default="edit/main/", description="Path under the repository that opens a file for editing ('/' added at the end)."
    )
    source_comments: YesNo = Field(
        default=False,
        description="true: the published source view and copy of each YAML file keep its # comments "
        "(by default they are left out: a comment is a note to the team, not to readers).",
    )


class PrintSettings(Node):
    notes_space: YesNo = Field(default=True, description="Leave space for notes under each question.")
    font: Text = Field(
        default="Arial",
        description="Font of the printables: Word files name it; PDFs use it or a metric-compatible font.",
    )


NameText = Annotated[Text, StringConstraints(pattern=r"^[^{}]*$")]


class KindName(Node):
    """What the publisher calls one kind of content: its singular and plural (and any other plural forms)."""

    one: NameText = Field(description="The name of one, e.g. 'stage'.")
    other: NameText = Field(description="The name of several, e.g. 'stages'.")
    zero: NameText | None = Field(default=None, description="The zero plural form, where the language has one.")
    two: NameText | None = Field(default=None, description="The two plural form, where the language has one.")
    few: NameText | None = Field(default=None, description="The few plural form, where the language has one.")
    many: NameText | None = Field(default=None, description="The many plural form, where the language has one.")


class KindNames(Node):
    """The publisher's names for the kinds of content, used by every interface string that names them."""

    theme: KindName | None = Field(default=None, description="What this site calls a theme.")
    subtheme: KindName | None = Field(default=None, description="What this site calls a subtheme.")
    quote: KindName | None = Field(default=None, description="What this site calls a quote.")
    implication: KindName | None = Field(default=None, description="What this site calls an implication.")
    action: KindName | None = Field(default=None, description="What this site calls an action.")
    audience: KindName | None = Field(default=None, description="What this site calls an audience.")
    guide: KindName | None = Field(default=None, description="What this site calls a guide.")
    question_set: KindName | None = Field(default=None, description="What this site calls a question set.")
    question: KindName | None = Field(default=None, description="What this site calls a question.")
    document: KindName | None = Field(default=None, description="What this site calls a document.")
    resource: KindName | None = Field(default=None, description="What this site calls a resource.")
class LanguageSettings(Node):
    """A language the content is translated into, besides the default (``site.language``)."""

    name: Text | None = Field(
        default=None, description="The language's own name on the language switch (default: from the catalogue)."
    )
    publish_incomplete: YesNo = Field(
        default=True,
        description="false: this language's site is not built while any text lacks a translation.",
    )
    awaiting_review: Text | None = Field(
        default=None,
        description="Who has yet to review the translation, e.g. 'a Welsh speaker'; the site says so.",
    )
    strings: dict[str, Text | dict[str, Text]] = Field(
        default_factory=dict, description="Your own words for Reflect's interface strings in this language "
        "(plural forms as in strings:)."
    )
    names: KindNames = Field(
        default_factory=KindNames,
        description="Your names for the kinds of content in this language (as names:); without them this "
        "language's site uses its catalogue's names, not the default language's.",
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
    names: KindNames = Field(
        default_factory=KindNames,
        description="Your names for the kinds of content (theme, subtheme, guide, question_set…), singular "
        "and plural, e.g. theme: {one: stage, other: stages}: every interface string naming them follows.",
    )
    strings: dict[str, Text | dict[str, Text]] = Field(
        default_factory=dict,
        description="Your own words for Reflect's interface strings, by name (e.g. site.findings.quotes); "
        "a string that depends on a count takes its plural forms, e.g. site.count.themes: "
        "{one: '{count} stage', other: '{count} stages'} (or site.count.themes.one: …).",
    )
    languages: dict[LanguageTag, LanguageSettings] = Field(
        default_factory=dict,
        description="Languages the content is translated into (BCP 47 tag: settings), besides site.language.",
    )


# --- audiences and appendices


class Audience(Node):
    id: Id
    name: Text = Field(description="Who they are, e.g. 'Ward teams'.")
    summary: Markdown = Field(description="Why this site matters to them.")
    source: Source
    route: Literal["reflect", "evaluate"] | None = Field(
        default=None,
        description="Where the home page offers this audience's question sets: reflect (people reflecting "
        "on their own practice) or evaluate (a team or organisation assessing itself). A set's own route "
        "comes first; without either, a set of statements is evaluate and a set of questions reflect.",
    )


class AudiencesFile(Node):
    audiences: tuple[Audience, ...] = Field(min_length=1)


class AppendicesFile(Node):
    appendices: tuple[Id, ...] = Field(
        description="Guides and documents in appendix order; numbers follow."
    )
    label: Text | None = Field(None, description="The word before each number, e.g. 'Annex' (default 'Appendix').")
    title: Text | None = Field(None, description="The section's name, e.g. 'Annexes' (default 'Appendices').")
    numbered: YesNo = Field(True, description="false: listed under their own titles, without numbers.")
