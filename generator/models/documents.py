"""Document templates (information sheets, consent forms…) and narrative pages."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.fields import (
    Id,
    Text,
    Markdown,
    Source,
    Number,
    YesNo,
    Date,
    Node,
)


# --- document templates


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


# --- narrative pages


class NarrativePage(Node):
    id: Id
    title: Text
    placement: Literal["findings", "about"]
    order: Number
    source: Source
    body: Markdown
