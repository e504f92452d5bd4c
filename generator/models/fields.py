"""Field types and the base of every content model: what one value may be, and where it came from."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic.json_schema import WithJsonSchema
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
_URL_UNSAFE = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f-\x9f\u2028\u2029]")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_UNSAFE_NAMES = {'"': "a double quote", "'": "a single quote", "<": "'<'", ">": "'>'", "`": "a backtick",
                     "\\": "a backslash", " ": "a space"}


def _safe_characters(value: str) -> str:
    """A web address goes into HTML attributes and server configurations as it is: nothing may end them."""
    found = _URL_UNSAFE.search(value)
    if found:
        char = found.group(0)
        what = _URL_UNSAFE_NAMES.get(char) or ("a line break or tab" if char.isspace() else "a control character")
        raise PydanticCustomError(
            "url_character", "a web address cannot hold {what}; remove it or write it percent-encoded "
            "(a space is %20, a double quote %22)", {"what": what},
        )
    return value


def _web_address(value: str, schemes: tuple[str, ...], relative: bool) -> str:
    _safe_characters(value)
    scheme = _URL_SCHEME.match(value)
    if scheme is None and relative and not value.startswith("//"):
        return value  # a path within the site
    name = scheme.group(1).lower() if scheme else ""
    ok = name in schemes and (name == "mailto" or re.match(r"^[A-Za-z]+://[^/?#]+", value))
    try:
        urlsplit(value)
    except ValueError:  # such as an unclosed "[" of an IPv6 address
        ok = False
    if not ok:
        starts = [f"{s}:" if s == "mailto" else f"{s}://" for s in schemes]
        starts += ["a path within the site"] if relative else []
        raise PydanticCustomError(
            "url_scheme", "expected a web address starting with {allowed}, found '{given}'",
            {"allowed": ", ".join(starts[:-1]) + " or " + starts[-1],
             "given": value if len(value) <= 60 else value[:57] + "..."},
        )
    return value


def _link_url(value: str) -> str:
    return _web_address(value, ("https", "http", "mailto"), relative=True)


def _repository_url(value: str) -> str:
    return _web_address(value, ("https", "http"), relative=False)


def _site_url(value: str) -> str:
    _web_address(value, ("https", "http"), relative=False)
    if not value.endswith("/"):
        raise PydanticCustomError("site_url_slash", "the site's address must end in '/', e.g. '{given}/'",
                                  {"given": value})
    return value


def _edit_path(value: str) -> str:
    """A path under the repository's address; a missing final '/' is added (the file's path follows)."""
    _safe_characters(value)
    if _URL_SCHEME.match(value) or value.startswith("/"):
        raise PydanticCustomError(
            "edit_path", "expected a path under the repository's address, such as 'edit/main/', found '{given}'",
            {"given": value},
        )
    return value if value.endswith("/") else value + "/"


# The same rules as JSON Schema patterns, so that editors agree with check (see generator/models/schema.py).
_SAFE = r"[^\s\"'<>`\\\x00-\x1f\x7f-\x9f\u2028\u2029]"
_HTTP = r"[hH][tT][tT][pP][sS]?://(?![/?#])"
_NO_SCHEME = r"(?![A-Za-z][A-Za-z0-9+.\-]*:)"


def _shape(pattern: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "minLength": 1, "pattern": pattern})


Url = Annotated[str, StringConstraints(min_length=1), AfterValidator(_link_url),
                _shape(rf"^(?:(?:{_HTTP}|[mM][aA][iI][lL][tT][oO]:){_SAFE}*|{_NO_SCHEME}(?!//){_SAFE}+)$")]
"""A link: an http(s) or mailto address, or a path within the site; nothing that could end an attribute."""
WebUrl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_repository_url), _shape(rf"^{_HTTP}{_SAFE}+$")]
"""An http(s) address of another site (a repository)."""
SiteUrl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_site_url), _shape(rf"^{_HTTP}{_SAFE}*/$")]
"""The address the site is published at: http(s), ending in '/'."""
EditPath = Annotated[str, StringConstraints(min_length=1), AfterValidator(_edit_path), _shape(rf"^{_NO_SCHEME}(?!/){_SAFE}+$")]
"""A path under a repository's address, ending in '/' (added when missing)."""
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


LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
"""A BCP 47 language tag (``en-GB``, ``cy``, ``gd``); any language, with or without a catalogue."""
