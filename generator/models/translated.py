"""Which fields of each kind of content item are translated, and the keys translations use.

Declarations about the models (see :mod:`generator.project.translations` for reading,
checking and applying translations).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from generator import models as m

KEY = "translations"
FINGERPRINT_KEY = "source_fingerprint"

TRANSLATED_FIELDS: Mapping[type, tuple[str, ...]] = MappingProxyType({
    m.AlternativeLabel: ("label",),
    m.Prompt: ("text",),
    m.FacilitatorNote: ("text",),
    m.Script: ("text",),
    m.Placeholder: ("label", "description"),
    m.ReportInfo: ("title", "publisher", "published"),
    m.SiteInfo: ("title", "description", "organisation"),
    m.Audience: ("name", "summary"),
    m.AppendicesFile: ("label", "title"),
    m.ResponseOption: ("label", "text"),
    m.SkipRule: ("topic",),
    m.GuideQuestion: ("text",),
    m.GuideSection: ("title", "intro"),
    m.Guide: ("title", "duration", "summary", "prompts_label", "participant_title", "respondent_intro",
              "respondent_fields"),
    m.ScaleOption: ("label", "description"),
    m.Scale: ("label",),
    m.SetQuestion: ("text",),
    m.SetSection: ("title", "intro"),
    m.QuestionSet: ("title", "purpose", "response_label"),
    m.Subtheme: ("label", "summary"),
    m.Theme: ("label", "summary"),
    m.Quote: ("quote", "attribution"),
    m.ImplicationAction: ("text", "details"),
    m.ImplicationGroup: ("title",),
    m.Resource: ("title", "publisher", "description"),
    m.Paragraph: ("text",),
    m.ListBlock: ("items",),
    m.FieldItem: ("label", "value"),
    m.TickBoxesBlock: ("items",),
    m.SignaturesBlock: ("lines", "signers"),
    m.FaqItem: ("question", "answer"),
    m.DocumentSection: ("heading",),
    m.Document: ("title", "summary", "participant_title", "page_header"),
    m.NarrativePage: ("title", "body"),
})
"""Which fields of each kind of item are text a reader reads, and so are translated."""

SHARED_FIELDS: Mapping[type, tuple[str, ...]] = MappingProxyType({
    m.SiteInfo: ("publication_date", "language", "content_version", "url"),
    m.LanguageSettings: ("name", "awaiting_review"),  # written per language already
    m.EditLinks: ("edit_path", "repository_url"),
    m.ReportInfo: ("url",),
    m.Licence: ("url",),
    m.PrintSettings: ("font",),
    m.Placeholder: ("value",),
    m.Document: ("version", "date"),
    m.Guide: ("version", "date"),
    m.Resource: ("url",),
    m.EarlierScale: ("content_version",),
})
"""Text fields that are not translated: versions, dates, codes, addresses, values of placeholders."""
