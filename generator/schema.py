"""JSON Schemas of the content files, for autocompletion and checking in editors.

One schema per kind of file (see :mod:`generator.layout`), generated from the models, so
the schema can never disagree with what ``reflect check`` accepts about shape. (References
between files are checked only by ``reflect check``.)
"""

from __future__ import annotations

import json
from pathlib import Path

from .layout import CONTENT_FILES
from .models import FILE_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str) -> dict:
    schema = FILE_MODELS[kind].model_json_schema(mode="validation")
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
