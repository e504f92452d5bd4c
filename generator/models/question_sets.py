"""Reflective question sets: statements rated on the publisher's scale."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.fields import (
    Id,
    Text,
    Markdown,
    Source,
    Number,
    NotesSpace,
    Node,
    Prompt,
)


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
