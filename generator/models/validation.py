"""Turn loaded YAML into models, translating every validation error into a diagnostic.

Messages are chosen by pydantic's error *type* (``missing``, ``extra_forbidden``, ...),
never by matching its English message text, and each points at the exact line and
column of the key or value at fault. An unknown key gets a "did you mean" hint drawn
from the fields the model at that place really has.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from generator.source.diagnostics import Diagnostic
from generator.models import ID_PATTERN, Node
from generator.source.reader import LoadedFile, SourceMap


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'" if len(str(value)) <= 40 else "text"


def _candidates(annotation: Any) -> list[Any]:
    """Unwrap Annotated, Optional, Union, tuple[...] and dict[...] into inner types."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _candidates(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_candidates(arg))
        return found
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at ``loc`` below ``model``."""
    current: list[Any] = [model]
    for item in loc:
        nxt: list[Any] = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(item, str) and item in tp.model_fields:
                    nxt.extend(_candidates(tp.model_fields[item].annotation))
                continue
            origin = typing.get_origin(tp)
            args = typing.get_args(tp)
            if origin is tuple and isinstance(item, int):
                nxt.extend(_candidates(args[0]))
            elif origin is dict and isinstance(item, str):
                nxt.extend(_candidates(args[1]))
        if not nxt:
            # a discriminator tag or validator name in loc: keep the members it selects
            tagged = [
                tp
                for tp in current
                if isinstance(tp, type)
                and issubclass(tp, BaseModel)
                and "type" in tp.model_fields
                and item in typing.get_args(tp.model_fields["type"].annotation)
            ]
            nxt = tagged or current
        current = nxt
    models = [tp for tp in current if isinstance(tp, type) and issubclass(tp, BaseModel)]
    return models[0] if len(models) == 1 else None


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop union tags and validator names from ``loc``, keeping only real data steps."""
    path: list[Any] = []
    for index, item in enumerate(loc):
        if isinstance(data, dict) and isinstance(item, str) and item in data:
            data = data[item]
            path.append(item)
        elif isinstance(data, list) and isinstance(item, int) and 0 <= item < len(data):
            data = data[item]
            path.append(item)
        elif isinstance(data, dict) and isinstance(item, str) and index == len(loc) - 1:
            # a missing key: the error is about this key of this mapping
            path.append(item)
            break
        # anything else is a union tag or validator name: not a step in the data
    return tuple(path)


def _message_for(error: dict[str, Any], model: type[BaseModel], path: tuple[Any, ...]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = _describe(error.get("input"))
    key = path[-1] if path and isinstance(path[-1], str) else None
    templates: dict[str, Callable[[], str]] = {
        "missing": lambda: f"missing required key '{key}'",
        "extra_forbidden": lambda: _unknown_key(model, path),
        "string_type": lambda: f"expected text, found {given}",
        "string_too_short": lambda: "expected text, found an empty value"
        if ctx.get("min_length", 1) <= 1
        else f"expected at least {ctx.get('min_length')} characters, found {given}",
        "text_blank": lambda: "expected text, found only spaces",
        "string_pattern_mismatch": lambda: _pattern_message(ctx.get("pattern", ""), given),
        "literal_error": lambda: f"expected one of {ctx.get('expected')}, found {given}",
        "tuple_type": lambda: f"expected a list, found {given}",
        "list_type": lambda: f"expected a list, found {given}",
        "dict_type": lambda: f"expected a mapping of keys, found {given}",
        "model_type": lambda: f"expected a mapping of keys, found {given}",
        "model_attributes_type": lambda: f"expected a mapping of keys, found {given}",
        "too_short": lambda: f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}",
        "too_long": lambda: f"expected at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}",
        "int_type": lambda: f"expected a whole number, found {given}",
        "bool_type": lambda: f"expected true or false, found {given}",
        "union_tag_not_found": lambda: f"missing required key '{ctx.get('discriminator', 'type').strip(chr(39))}'",
        "union_tag_invalid": lambda: f"unknown {ctx.get('discriminator', 'type').strip(chr(39))} "
        f"'{ctx.get('tag')}'; expected one of {ctx.get('expected_tags')}",
    }
    if kind in templates:
        return templates[kind]()
    # our own PydanticCustomError types carry a finished message
    return error["msg"]


def _pattern_message(pattern: str, given: str) -> str:
    if pattern == ID_PATTERN:
        return f"expected an id of lowercase letters, digits and hyphens, found {given}"
    if pattern.startswith("^(https://"):
        return f"expected a web address starting with https:// (or mailto:), found {given}"
    if pattern.startswith(r"^\d{4}"):
        return f"expected a date written YYYY-MM-DD, found {given}"
    return f"expected text matching {pattern}, found {given}"


def _unknown_key(model: type[BaseModel], path: tuple[Any, ...]) -> str:
    key = str(path[-1])
    owner = _model_at(model, path[:-1])
    if owner is None:
        return f"unknown key '{key}'"
    allowed = list(owner.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
    return f"unknown key '{key}'{hint}"


def build_model(loaded: LoadedFile, model: type[Node]) -> tuple[Node | None, list[Diagnostic]]:
    """Validate one loaded file against its model; return the model and every problem found.

    When the only problems are unknown keys, the file is validated again without them, so
    that its references can still be checked and every problem reported in one run; the
    unknown keys are still reported as errors.
    """
    try:
        item = model.model_validate(loaded.data)
    except ValidationError as exc:
        problems = _diagnostics(exc, loaded, model)
        unknown = [
            _data_path(loaded.data, tuple(e["loc"])) for e in exc.errors() if e["type"] == "extra_forbidden"
        ]
        if len(unknown) != len(exc.errors()):
            return None, problems
        try:
            item = model.model_validate(_without(loaded.data, unknown))
        except ValidationError:
            return None, problems
        attach_origins(item, loaded.path, ())
        return item, problems
    attach_origins(item, loaded.path, ())
    return item, []


def _without(data: Any, paths: list[tuple[Any, ...]]) -> Any:
    """A copy of ``data`` with the keys at ``paths`` removed."""
    import copy

    trimmed = copy.deepcopy(data)
    for path in paths:
        parent = trimmed
        for step in path[:-1]:
            parent = parent[step]
        parent.pop(path[-1], None)
    return trimmed


def _diagnostics(exc: ValidationError, loaded: LoadedFile, model: type[Node]) -> list[Diagnostic]:
    found = []
    errors = exc.errors(include_url=False)
    paths = [_data_path(loaded.data, tuple(e["loc"])) for e in errors]
    for error, path in zip(errors, paths):
        if error["type"] == "too_short" and any(
            len(other) > len(path) and other[: len(path)] == path for other in paths
        ):
            continue  # a list reported short only because its items failed: say why instead
        message = _message_for(error, model, path)
        at_key = error["type"] in ("extra_forbidden",)
        position = loaded.source.position(path, key=at_key)
        if error["type"] in ("missing", "union_tag_not_found"):
            position = loaded.source.position(path[:-1] if error["type"] == "missing" else path)
        found.append(Diagnostic(position, message))
    return found


def attach_origins(item: Any, file: str, path: tuple[Any, ...]) -> None:
    """Record on every model instance which file and data path it came from."""
    object.__setattr__(item, "__pydantic_private__", {"_file": file, "_path": path})
    for name, value in item.__dict__.items():
        if isinstance(value, Node):
            attach_origins(value, file, path + (name,))
        elif type(value) is tuple and value and not isinstance(value[0], str):
            for index, inner in enumerate(value):
                if isinstance(inner, Node):
                    attach_origins(inner, file, path + (name, index))
        elif type(value) is dict:
            for key, inner in value.items():
                if isinstance(inner, Node):
                    attach_origins(inner, file, path + (name, key))


__all__ = ["build_model", "attach_origins", "SourceMap"]
