"""Typed, frozen models of every content file.

Each class declares one kind of content item, one documented field per line, in the
order an author writes them. Models validate shape only (types, required text, ids,
allowed values); references between items are checked when the whole
:class:`~generator.project.Project` is assembled.

Scalars arrive from :mod:`generator.source.reader` as the exact text written, so the
number and yes/no fields below parse that text themselves: only ``true``/``false`` is a
boolean and only a plain decimal is a number.
"""

from __future__ import annotations

from generator.models.fields import (  # noqa: F401
    ID_PATTERN,
    PLACEHOLDER_PATTERN,
    QUOTE_WORD_LIMIT,
    _not_blank,
    _parse_int,
    _parse_bool,
    ID_LIMIT,
    _short_id,
    Id,
    Text,
    Markdown,
    Source,
    Number,
    YesNo,
    Url,
    WebUrl,
    SiteUrl,
    EditPath,
    LanguageTag,
    Date,
    PlaceholderName,
    NotesSpace,
    Node,
    AlternativeLabel,
    Prompt,
    FacilitatorNote,
    Script,
)
from generator.models.settings import (  # noqa: F401
    Placeholder,
    ReportInfo,
    SiteInfo,
    Licence,
    EditLinks,
    PrintSettings,
    LanguageSettings,
    Settings,
    Audience,
    AudiencesFile,
    AppendicesFile,
)
from generator.models.guides import (  # noqa: F401
    ResponseOption,
    SkipRule,
    GuideQuestion,
    GuideSection,
    Guide,
)
from generator.models.question_sets import (  # noqa: F401
    ScaleOption,
    EarlierScale,
    Scale,
    SetQuestion,
    SetSection,
    QuestionSet,
)
from generator.models.findings import (  # noqa: F401
    Subtheme,
    Theme,
    ThemesFile,
    _short_quote,
    Quote,
    QuotesFile,
    ImplicationAction,
    ImplicationGroup,
    ImplicationsFile,
    Resource,
    ResourcesFile,
)
from generator.models.documents import (  # noqa: F401
    Paragraph,
    ListBlock,
    FieldItem,
    FieldsBlock,
    TickBoxesBlock,
    SignaturesBlock,
    FaqItem,
    FaqBlock,
    Block,
    DocumentSection,
    Document,
    NarrativePage,
)

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
"""Which model reads which kind of content file (see :mod:`generator.source.layout`)."""
