"""The project settings, its audiences and the appendix order."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.models.fields import (
    Id,
    Text,
    Markdown,
    Source,
    YesNo,
    Url,
    SiteUrl,
    Date,
    PlaceholderName,
    Node,
)


# --- settings

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag such as ``cy`` or ``en-GB``."""


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
    strings: dict[str, Text] = Field(
        default_factory=dict, description="Your own words for Reflect's interface strings in this language."
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


class AudiencesFile(Node):
    audiences: tuple[Audience, ...] = Field(min_length=1)


class AppendicesFile(Node):
    appendices: tuple[Id, ...] = Field(
        description="Guides and documents in appendix order; numbers follow."
    )
    label: Text | None = Field(None, description="The word before each number, e.g. 'Annex' (default 'Appendix').")
    title: Text | None = Field(None, description="The section's name, e.g. 'Annexes' (default 'Appendices').")
    numbered: YesNo = Field(True, description="false: listed under their own titles, without numbers.")
