"""Findings: themes and subthemes, quotes, implications and resources."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from generator.models.fields import (
    QUOTE_WORD_LIMIT,
    Id,
    Text,
    Markdown,
    Source,
    Url,
    Node,
    AlternativeLabel,
)


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
