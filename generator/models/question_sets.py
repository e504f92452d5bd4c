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


class EarlierScale(Node):
    """How ratings given on a recorded release's scale read on this one (declared by the publisher)."""

    content_version: Text = Field(description="The recorded release (content/releases/) whose scale this maps.")
    ratings: dict[Number, Number] = Field(
        min_length=1, description="Each value of that release's scale and the value of this scale it counts as."
    )


class Scale(Node):
    label: Text = Field(description="The question the scale answers.")
    options: tuple[ScaleOption, ...] = Field(min_length=2, max_length=7)
    earlier: tuple[EarlierScale, ...] = Field(
        default=(),
        description="Ratings on an earlier release's scale carried onto this one: without it, answers rated "
        "on another scale are shown but not counted until rated again.",
    )

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
    replaces: tuple[Id, ...] = Field(
        default=(), description="Ids of earlier versions' questions this one takes the place of (renamed, split, merged)."
    )


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
    response_label: Text | None = Field(
        default=None, description="Label of each question's answer box (default: the catalogue's site.set.response)."
    )
    route: Literal["reflect", "evaluate"] | None = Field(
        default=None,
        description="The home page's start route offering this set: reflect or evaluate "
        "(default: its audience's route, else evaluate for statements and reflect for questions).",
    )
    sections: tuple[SetSection, ...] = Field(min_length=1)
    notes_space: NotesSpace | None = Field(default=None, description="Space under each printed question.")
