"""Where each kind of content lives in a project, as declarations.

A project is a folder holding ``content/`` and ``questions/``. Each entry below names a
kind of content file, the glob that finds it, whether it must exist (only settings and
audiences must; a site also needs one question set or guide), and whether the
file name must equal the item's ``id`` (so an edit link and an id always agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.source.content_tree import readable, resolved  # no editor files, no links out of the project


@dataclass(frozen=True)
class FileKind:
    kind: str  # a key of generator.models.FILE_MODELS
    pattern: str  # glob relative to the project root
    single: bool  # exactly one file, or any number
    named_by_id: bool  # file stem must equal the item's id
    required: bool = False  # a site cannot be built without it


CONTENT_FILES: tuple[FileKind, ...] = (
    FileKind("settings", "content/settings.yml", single=True, named_by_id=False, required=True),
    FileKind("audiences", "content/audiences.yml", single=True, named_by_id=False, required=True),
    FileKind("appendices", "content/appendices.yml", single=True, named_by_id=False),
    FileKind("themes", "content/themes.yml", single=True, named_by_id=False),
    FileKind("quotes", "content/quotes.yml", single=True, named_by_id=False),
    FileKind("implications", "content/implications.yml", single=True, named_by_id=False),
    FileKind("resources", "content/resources.yml", single=True, named_by_id=False),
    FileKind("document", "content/documents/*.yml", single=False, named_by_id=True),
    FileKind("page", "content/pages/*.yml", single=False, named_by_id=True),
    FileKind("guide", "questions/guides/*.yml", single=False, named_by_id=True),
    FileKind("question-set", "questions/sets/*.yml", single=False, named_by_id=True),
)

WATCHED_FOLDERS = ("content", "questions")
"""Folders whose changes trigger a rebuild during preview."""


def find_files(root: Path, kind: FileKind) -> list[Path]:
    """The files of one kind, sorted by name so every build reads them in the same order."""
    if kind.single:
        path = root / kind.pattern
        return [path] if readable(path, root) else []
    folders: dict[Path, Path] = {}  # each folder resolved once for this search
    return sorted(p for p in root.glob(kind.pattern) if readable(p, root, folders))


def stray_files(root: Path) -> list[Path]:
    """YAML files under the content folders that no kind claims (a misplaced or misnamed file)."""
    folders: dict[Path, Path] = {}
    claimed = {resolved(p, folders) for kind in CONTENT_FILES for p in find_files(root, kind)}
    strays = []
    for folder in WATCHED_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".yml", ".yaml") and readable(path, root, folders) and resolved(path, folders) not in claimed:
                strays.append(path)
    return strays
