"""Topic guides: sections of questions with prompts, notes and skip rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.fields import (
    Id,
    Text,
    Markdown,
    Source,
    Date,
    NotesSpace,
    Node,
    Prompt,
    FacilitatorNote,
    Script,
)


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
