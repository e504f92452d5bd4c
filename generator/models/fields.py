"""Field types and the base of every content model: what one value may be, and where it came from."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
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


# --- shared pieces


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
