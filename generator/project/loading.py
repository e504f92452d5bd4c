"""Load every content file into one validated, cross-referenced, immutable ``Project``.

``load_project(root)`` reads the files declared in :mod:`generator.source.layout`, validates
each against its model, then runs the checks that span files (:mod:`.checks`). It
collects every problem in every file and raises one :class:`ContentError` listing them
all; only a project with no errors is returned.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from generator.source.diagnostics import Diagnostic, Position, raise_if_errors
from generator.source.content_tree import tree_problems
from generator.source.layout import CONTENT_FILES, find_files, stray_files
from generator.models import FILE_MODELS, AppendicesFile, Audience, Document, Guide, Node, QuestionSet, Settings
from generator.project.translations import Translations, Written, check_translations, split_translations, translation_notes
from generator.models.validation import build_model
from generator.project.versions import read_releases
from generator.source.reader import LoadedFile, SourceMap, load_yaml_file
from generator.project.checks import check_references, hint as _hint
from generator.project.model import Appendable, Appendix, Project

# Which reference kinds cannot be fully checked when a file of a given kind failed to load.
_KINDS_HELD_BY_FILE = {
    "settings": {"placeholder"},
    "audiences": {"audience"},
    "appendices": {"appendix", "guide", "document"},
    "themes": {"theme", "subtheme"},
    "quotes": set(),
    "implications": {"implication"},
    "resources": {"resource"},
    "document": {"document", "appendix"},
    "page": {"page"},
    "guide": {"guide", "appendix", "question"},
    "question-set": {"question-set", "question"},
}


def _signature(root: Path) -> tuple[Any, ...]:
    """Name, size and modification time of every file under the content folders."""
    entries = []
    for folder in ("content", "questions"):
        for path in sorted((root / folder).rglob("*")):
            try:
                stat = path.stat()
            except (OSError, RuntimeError):  # a broken link or a loop: reported by content_tree
                stat = path.lstat()
            entries.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class ProjectCache:
    """The Project at a folder, loaded once per content state; owned by whoever runs.

    ``reflect build`` checks the content and then hands over to the site engine, whose
    adapter asks for the Project again, and the preview rebuilds on every change: both
    keep one of these, so unchanged files are not read twice.
    """

    def __init__(self) -> None:
        self._loaded: tuple[Path, tuple[Any, ...], Project] | None = None

    def load(self, root: Path | str) -> Project:
        root = Path(root).resolve()
        signature = _signature(root)
        if self._loaded and self._loaded[0] == root and self._loaded[1] == signature:
            return self._loaded[2]
        project = load_project(root)
        self._loaded = (root, signature, project)
        return project

    def put(self, project: Project) -> None:
        """A Project the caller loaded just now (the CLI's check before a build)."""
        self._loaded = (project.root, _signature(project.root), project)


class _Read:
    """What reading the files produced: models by kind, problems, and what could not be checked."""

    def __init__(self) -> None:
        self.problems: list[Diagnostic] = []
        self.sources: dict[str, SourceMap] = {}
        self.raw: dict[str, Any] = {}
        self.items: dict[str, list[Node]] = {kind.kind: [] for kind in CONTENT_FILES}
        self.incomplete: set[str] = set()  # reference kinds whose targets may be missing
        self.broken_ids: set[str] = set()  # ids of named files that failed to load
        self.failed: set[str] = set()  # kinds of file that exist but failed to load
        self.releases: tuple[Any, ...] = ()  # content/releases/, oldest first
        self.translations: list[Written] = []  # the `translations:` written beside the texts
        self.failed_files: set[str] = set()  # files whose items could not be read

    def one(self, kind: str, attribute: str) -> Any:
        return getattr(self.items[kind][0], attribute) if self.items[kind] else ()


def load_project(root: Path | str) -> Project:
    """Load, validate and cross-reference the project at ``root``; raise ContentError on any problem.

    Files that fail validation are left out, and references into them are not checked
    (that would only repeat the same mistake); everything else is still checked, so one
    run reports every independent problem.
    """
    root = Path(root).resolve()
    read = _read_files(root)
    project = _assemble(root, read)
    if "placeholder" in read.incomplete:  # the settings did not load: no languages to check translations against
        translations, translation_problems = Translations(), []
    else:
        translations, translation_problems = check_translations(
            read.translations, project, read.sources, read.failed_files)
    object.__setattr__(project, "translations", translations)
    problems = read.problems + translation_problems + check_references(project, read.incomplete)
    raise_if_errors(problems)
    warnings = tuple(p for p in problems if p.severity != "error")
    if warnings:
        object.__setattr__(project, "warnings", warnings)
    missing, stale = translation_notes(project)  # notes, kept apart: check lists them per language
    object.__setattr__(project, "translation_notes", tuple(missing) + tuple(stale))
    object.__setattr__(project, "stale_translations", tuple(stale))
    _release_positions(project)
    return project


def _read_files(root: Path) -> _Read:
    """Every content file read and validated against its model; stray files named."""
    read = _Read()
    for kind in CONTENT_FILES:
        paths = find_files(root, kind)
        if kind.required and not paths:
            read.problems.append(Diagnostic(Position(kind.pattern), "required file is missing"))
            read.incomplete |= _KINDS_HELD_BY_FILE[kind.kind]
        for path in paths:
            _read_file(root, kind, path, read)
    read.releases, release_problems = read_releases(root)
    read.problems.extend(release_problems)
    read.problems.extend(tree_problems(root))  # links out of the project, broken links, pipes
    for stray in stray_files(root):
        read.problems.append(
            Diagnostic(
                Position(stray.relative_to(root).as_posix()),
                "file is not read: content files belong in content/ (settings, audiences, appendices, "
                "themes, quotes, implications, resources, documents/, pages/) or questions/ "
                "(guides/, sets/) and end in .yml",
            )
        )
    return read


def _read_file(root: Path, kind: Any, path: Path, read: _Read) -> None:
    display = path.relative_to(root).as_posix()
    loaded, found = load_yaml_file(path, display)
    read.problems.extend(found)
    model = None
    if loaded is not None:
        read.sources[display] = loaded.source
        data, written = split_translations(loaded.data, display)  # the models read one language
        read.translations.extend(written)
        model, model_found = build_model(LoadedFile(loaded.path, data, loaded.source), FILE_MODELS[kind.kind])
        # a value the reader already rejected (e.g. a tag) needs no second message
        reported = {d.position for d in found if d.severity == "error"}
        read.problems.extend(d for d in model_found if d.position not in reported)
    if model is None:
        read.failed_files.add(display)
        read.failed.add(kind.kind)
        read.incomplete |= _KINDS_HELD_BY_FILE[kind.kind]
        read.broken_ids.add(path.stem)
        return
    read.raw[display] = loaded.data
    if kind.named_by_id and getattr(model, "id", path.stem) != path.stem:
        read.problems.append(
            Diagnostic(
                loaded.source.position(("id",)),
                f"id '{model.id}' must match the file name '{path.stem}'",  # type: ignore[attr-defined]
            )
        )
    read.items[kind.kind].append(model)


def _assemble(root: Path, read: _Read) -> Project:
    """The Project from what was read, appendices numbered in their declared order."""
    items = read.items
    guides = tuple(items["guide"])  # type: ignore[arg-type]
    documents = tuple(items["document"])  # type: ignore[arg-type]
    appendices: tuple[Appendix, ...] = ()
    if items["appendices"]:
        appendices, appendix_problems = _order_appendices(
            items["appendices"][0], guides, documents, read.sources, read.broken_ids  # type: ignore[arg-type]
        )
        read.problems.extend(appendix_problems)
        if appendix_problems:
            read.incomplete |= {"appendix", "guide", "document"}
    elif "appendices" not in read.failed:  # no order given: guides, then documents, by file name
        appendices = tuple(Appendix(i, item) for i, item in enumerate((*guides, *documents), 1))
    settings = items["settings"][0] if items["settings"] else Settings.model_construct(placeholders={})
    return Project(
        root=root,
        settings=settings,  # type: ignore[arg-type]
        audiences=read.one("audiences", "audiences"),
        themes=read.one("themes", "themes"),
        quotes=read.one("quotes", "quotes"),
        implications=read.one("implications", "groups"),
        resources=read.one("resources", "resources"),
        documents=tuple(a.item for a in appendices if isinstance(a.item, Document)),
        pages=tuple(sorted(items["page"], key=lambda p: (p.placement, p.order, p.id))),  # type: ignore[attr-defined]
        guides=tuple(a.item for a in appendices if isinstance(a.item, Guide)),
        question_sets=_by_audience(items["question-set"], read.one("audiences", "audiences")),
        appendices=appendices,
        order=items["appendices"][0] if items["appendices"] else None,  # type: ignore[arg-type]
        sources=MappingProxyType(read.sources),
        raw=MappingProxyType(read.raw),
        releases=read.releases,
        translations=Translations(),
    )


def _release_positions(project: Project) -> None:
    """Free what only checking needed: positions of every node and the raw data.

    Everything that reports a position has run by now (placeholder uses are worked out
    here first); a large bank's node positions would otherwise stay in memory for the
    whole site build. File names stay, so ``where`` still names the file.
    """
    project.placeholder_uses  # noqa: B018 - computed now, while positions are known
    object.__setattr__(
        project, "sources", MappingProxyType({name: SourceMap(name) for name in project.sources})
    )
    object.__setattr__(project, "raw", MappingProxyType({}))
    project.__dict__.pop("_suspect_texts", None)


def _by_audience(sets: list[Node], audiences: tuple[Audience, ...]) -> tuple[QuestionSet, ...]:
    """Question sets in the order their audiences are listed (then by file name)."""
    order = {a.id: i for i, a in enumerate(audiences)}
    return tuple(sorted(sets, key=lambda s: order.get(s.audience, len(order))))  # type: ignore[attr-defined]


def _order_appendices(
    file: AppendicesFile,
    guides: tuple[Guide, ...],
    documents: tuple[Document, ...],
    sources: Mapping[str, SourceMap],
    broken_ids: set[str],
) -> tuple[tuple[Appendix, ...], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    available: dict[str, Appendable] = {g.id: g for g in guides}
    for doc in documents:
        available.setdefault(doc.id, doc)
    source = sources[file.origin_file]
    placed: list[Appendix] = []
    seen: set[str] = set()
    for index, ident in enumerate(file.appendices):
        position = source.position(("appendices", index))
        if ident in seen:
            problems.append(Diagnostic(position, f"'{ident}' is listed twice in the appendices"))
            continue
        seen.add(ident)
        if ident not in available:
            if ident in broken_ids:
                continue  # its file has problems of its own, reported already
            problems.append(
                Diagnostic(
                    position,
                    f"appendix '{ident}' is neither a guide (questions/guides/) nor a document "
                    f"(content/documents/){_hint(ident, available)}",
                )
            )
            continue
        placed.append(Appendix(len(placed) + 1, available[ident]))
    for ident, item in available.items():
        if ident not in seen:
            problems.append(
                Diagnostic(
                    Position(item.origin_file, 1, 1),
                    f"'{ident}' is not listed in content/appendices.yml, so it has no appendix number",
                )
            )
    return tuple(placed), problems
