"""JSON Schemas of the content files, for autocompletion, hover help and checking in editors.

One schema per kind of file (see :mod:`generator.source.layout`), generated from the models and then
adjusted so that an editor agrees with ``reflect check`` about shape, both ways:

- The loader keeps every scalar as the text written (``duration: 90`` is the text "90"), so
  wherever a model wants text, the schema also accepts the numbers and yes/no values a YAML
  editor sees; a whole-number field also accepts a quoted number (``value: "1"``), and a
  yes/no field the quoted words ``"true"``/``"false"``.
- Required text must contain something other than spaces, and a quote must stay under the
  word limit, as the models check.
- Every field has a description (the model's own, else the one in :data:`FIELD_HELP`).

What a schema cannot express is left to ``reflect check``: references between files, a file
name that differs from its ``id``, repeated scale values, and the exact text of a number
(an editor sees ``012`` as the number 12).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.source.layout import CONTENT_FILES
from generator.models import FILE_MODELS, ID_LIMIT, ID_PATTERN, QUOTE_WORD_LIMIT

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
NOT_BLANK = r"\S"
WHOLE_NUMBER_TEXT = r"^\s*-?(0|[1-9][0-9]{0,14})\s*$"  # at most 15 digits, as the loader reads
LARGEST_NUMBER = 10**15 - 1
_WORD, _GAP = r"[\w’'-]", r"[^\w’'-]"
QUOTE_WORDS = rf"^{_GAP}*(?:{_WORD}+{_GAP}+){{0,{QUOTE_WORD_LIMIT - 2}}}(?:{_WORD}+)?{_GAP}*$"

FIELD_HELP: dict[str, str] = {
    # by field name; "Model.field" entries win over plain names
    "id": "Identifier: lowercase letters, digits and single hyphens; unique for its kind.",
    "source": "Where this comes from in your source, e.g. 'Section 2, question 7'.",
    "title": "Title, as shown in headings and menus.",
    "summary": "A short description (Markdown and [[kind:id]] references allowed).",
    "text": "The text (Markdown and [[kind:id]] references allowed).",
    "label": "The label shown for this item.",
    "description": "A longer description.",
    "audience": "Id of the audience this is for (content/audiences.yml).",
    "sections": "The sections, in order.",
    "questions": "The questions, in order; numbers follow this order.",
    "prompts": "Follow-up prompts, each with its text and source.",
    "subthemes": "Ids of the subthemes this relates to.",
    "implications": "Ids of the implication actions this relates to.",
    "intro": "An introduction shown before the section's questions.",
    "items": "The items, in order.",
    "type": "The kind of block.",
    "url": "Web address (https://).",
    "publisher": "Who publishes it.",
    "value": "The value.",
    "actions": "The actions under this implication.",
    "alternative_labels": "Other wordings the source uses for the same item.",
    "answer": "The answer (Markdown allowed).",
    "question": "The question.",
    "audiences": "Who the site is for; each gets its own page.",
    "blocks": "The blocks of this section, in order.",
    "body": "The page's text (Markdown and [[kind:id]] references allowed).",
    "closing_script": "What the facilitator says to close.",
    "opening_script": "What the facilitator says to open.",
    "details": "Further points under the action.",
    "duration": "How long it takes, as text (e.g. 'Up to 1.5 hours').",
    "edit": "'Edit this page' links.",
    "fields": "Labelled values, e.g. for a form's header.",
    "form": "'question' (asked) or 'statement' (rated).",
    "format": "'focus-group' or 'written-questions'.",
    "groups": "Implications, each a group of actions.",
    "heading": "The section's heading (none for an untitled section).",
    "lines": "Signature lines, each a label.",
    "notes": "Guidance for the facilitator, not read aloud.",
    "options": "The scale's options, lowest first (2 to 7).",
    "order": "Position among the pages of the same placement.",
    "ordered": "true for a numbered list.",
    "placement": "Which menu section the page belongs to: 'findings' or 'about'.",
    "print": "Settings of the printable documents.",
    "prompts_label": "Heading over each question's prompts.",
    "purpose": "What the set is for and how to use it.",
    "quotes": "Participants' quotes.",
    "report": "The source report.",
    "resources": "Further reading.",
    "response_label": "Label of each question's answer box.",
    "response_options": "Ways to respond (e.g. online form, email).",
    "scale": "The rating scale every question in the set uses.",
    "site": "The site's title, description, language, version and address.",
    "skip_logic": "When to skip or shorten this question.",
    "subtheme": "Id of the subtheme this belongs to.",
    "themes": "The findings' themes, each with subthemes.",
    "then": "'skip' or 'focus-on-remaining-prompts'.",
    "FieldItem.value": "The value (text, or a [[placeholder:name]]).",
    "ScaleOption.value": "The option's number (whole number).",
    "ScaleOption.label": "The option's name, e.g. 'Partly in place'.",
}


def _accept_yaml_scalars(node: Any) -> Any:
    """Rewrite a pydantic schema fragment so it accepts what the loader accepts (see module doc)."""
    if isinstance(node, list):
        return [_accept_yaml_scalars(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _accept_yaml_scalars(value) for key, value in node.items()}
    kind = node.get("type")
    if kind == "string":
        if node.get("pattern") == ID_PATTERN:
            node["maxLength"] = ID_LIMIT  # ids name files
        if "minLength" in node and "pattern" not in node and "enum" not in node and "const" not in node:
            node["pattern"] = NOT_BLANK
        if "enum" not in node and "const" not in node:
            node["type"] = ["string", "number", "boolean"]
    elif kind == "integer":
        extra = {k: v for k, v in node.items() if k not in ("type",)}
        number = {"type": "integer", "minimum": -LARGEST_NUMBER, "maximum": LARGEST_NUMBER}
        return {**extra, "anyOf": [number, {"type": "string", "pattern": WHOLE_NUMBER_TEXT}]}
    elif kind == "boolean":
        extra = {k: v for k, v in node.items() if k not in ("type",)}
        return {**extra, "anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}
    return node


def _describe(schema: dict[str, Any]) -> None:
    """Give every property a description: the model's own, else FIELD_HELP's."""
    models = [schema, *schema.get("$defs", {}).values()]
    for model in models:
        name = model.get("title", "")
        for field, prop in model.get("properties", {}).items():
            if not prop.get("description"):
                prop["description"] = FIELD_HELP.get(f"{name}.{field}") or FIELD_HELP.get(field, "")


def _limit_quote_words(schema: dict[str, Any]) -> None:
    quote = schema.get("$defs", {}).get("Quote", {}).get("properties", {}).get("quote")
    if quote is not None:
        quote["allOf"] = [{"pattern": QUOTE_WORDS}]


def _allow_translations(schema: dict[str, Any]) -> None:
    """Every item with text takes ``translations`` (language -> its translated fields and fingerprint)."""
    from generator.models.translated import FINGERPRINT_KEY, KEY, TRANSLATED_FIELDS

    by_name = {model.__name__: fields for model, fields in TRANSLATED_FIELDS.items()}
    for model in [schema, *schema.get("$defs", {}).values()]:
        fields = by_name.get(model.get("title", ""))
        if not fields or "properties" not in model:
            continue
        text = {"type": ["string", "number", "boolean"], "pattern": NOT_BLANK}
        translated = {
            name: ({"type": "array", "items": text} if model["properties"].get(name, {}).get("type") == "array"
                   or "array" in json.dumps(model["properties"].get(name, {})) else text)
            for name in fields
        }
        translated[FINGERPRINT_KEY] = {"type": "string", "pattern": "^[0-9a-f]{10}$",
                                       "description": "Fingerprint of the source text this translates."}
        model["properties"][KEY] = {
            "type": "object",
            "description": "This item's text in other languages, by language tag (see settings 'languages').",
            "additionalProperties": {"type": "object", "properties": translated, "additionalProperties": False},
        }


def schema_for(kind: str) -> dict:
    schema = FILE_MODELS[kind].model_json_schema(mode="validation")
    schema = _accept_yaml_scalars(schema)
    _describe(schema)
    _limit_quote_words(schema)
    _allow_translations(schema)
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = f"Reflect {kind} file"
    return schema


def schema_files() -> dict[str, bytes]:
    """File name -> JSON bytes, one per kind of content file."""
    return {
        f"{kind.kind}.schema.json": (json.dumps(schema_for(kind.kind), indent=2, sort_keys=True) + "\n").encode()
        for kind in CONTENT_FILES
    }


def editor_mapping(schema_dir: str = "schema") -> dict[str, str]:
    """The ``yaml.schemas`` setting for VS Code's YAML extension: schema -> glob."""
    return {f"{schema_dir}/{kind.kind}.schema.json": kind.pattern for kind in CONTENT_FILES}


def write_schemas(output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schema_files().items():
        path = output / name
        path.write_bytes(data)
        written.append(path)
    mapping = output / "vscode-settings.json"
    mapping.write_text(json.dumps({"yaml.schemas": editor_mapping(output.as_posix())}, indent=2) + "\n")
    written.append(mapping)
    return written
