"""Load every content file into one validated, cross-referenced, immutable ``Project``.

``load_project(root)`` reads the files declared in :mod:`generator.layout`, validates
each against its model, then checks everything that spans files: ids unique per kind,
every reference resolved, every guide and document placed in the appendix order. It
collects every problem in every file and raises one :class:`ContentError` listing them
all; only a project with no errors is returned.

Numbers (appendix N, theme N, subtheme N(x), question N) are computed here from order,
never written by hand in content.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Union

from .diagnostics import Diagnostic, Position, raise_if_errors
from .layout import CONTENT_FILES, find_files, stray_files
from .models import (
    FILE_MODELS,
    AppendicesFile,
    Audience,
    AudiencesFile,
    Document,
    Guide,
    GuideQuestion,
    GuideSection,
    ImplicationAction,
    ImplicationGroup,
    ImplicationsFile,
    NarrativePage,
    Node,
    QuestionSet,
    Quote,
    QuotesFile,
    Resource,
    ResourcesFile,
    SetQuestion,
    SetSection,
    Settings,
    Subtheme,
    Theme,
    ThemesFile,
)
from .references import Reference, find_references
from .sanitize import unsafe_content
from .validation import build_model
from .yamlsource import LoadedFile, SourceMap, load_yaml_file

SCHEMA_VERSION = 1
_SUSPECT = re.compile(r"\[\[|<|=|:|&")  # texts worth scanning for references and unsafe markup

Appendable = Union[Guide, Document]
AnyQuestion = Union[GuideQuestion, SetQuestion]


@dataclass(frozen=True)
class Appendix:
    number: int
    item: Appendable

    @property
    def kind(self) -> str:
        return "guide" if isinstance(self.item, Guide) else "document"

    @property
    def label(self) -> str:
        return f"Appendix {self.number}"


@dataclass(frozen=True)
class QuestionEntry:
    """A question in context: where it sits and its computed number."""

    question: AnyQuestion
    number: int  # 1-based, counted through the whole guide or set
    section: GuideSection | SetSection
    owner: Guide | QuestionSet

    @property
    def owner_kind(self) -> str:
        return "guide" if isinstance(self.owner, Guide) else "question-set"


@dataclass(frozen=True)
class PlaceholderUse:
    name: str
    position: Position


@dataclass(frozen=True)
class Project:
    """Everything the renderers need, validated and cross-referenced. Never mutated."""

    root: Path
    settings: Settings
    audiences: tuple[Audience, ...]
    themes: tuple[Theme, ...]
    quotes: tuple[Quote, ...]
    implications: tuple[ImplicationGroup, ...]
    resources: tuple[Resource, ...]
    documents: tuple[Document, ...]
    pages: tuple[NarrativePage, ...]
    guides: tuple[Guide, ...]
    question_sets: tuple[QuestionSet, ...]
    appendices: tuple[Appendix, ...]
    sources: Mapping[str, SourceMap] = field(repr=False)
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)  # each file's data as read
    warnings: tuple[Diagnostic, ...] = ()

    # --- lookups -------------------------------------------------------------------

    @cached_property
    def subthemes(self) -> tuple[Subtheme, ...]:
        return tuple(s for t in self.themes for s in t.subthemes)

    @cached_property
    def audience_by_id(self) -> Mapping[str, Audience]:
        return MappingProxyType({a.id: a for a in self.audiences})

    @cached_property
    def theme_by_id(self) -> Mapping[str, Theme]:
        return MappingProxyType({t.id: t for t in self.themes})

    @cached_property
    def theme_of(self) -> Mapping[str, Theme]:
        """The theme each subtheme id belongs to."""
        return MappingProxyType({s.id: t for t in self.themes for s in t.subthemes})

    @cached_property
    def subtheme_by_id(self) -> Mapping[str, Subtheme]:
        return MappingProxyType({s.id: s for s in self.subthemes})

    @cached_property
    def action_by_id(self) -> Mapping[str, ImplicationAction]:
        return MappingProxyType({a.id: a for g in self.implications for a in g.actions})

    @cached_property
    def group_of_action(self) -> Mapping[str, ImplicationGroup]:
        return MappingProxyType({a.id: g for g in self.implications for a in g.actions})

    @cached_property
    def group_by_id(self) -> Mapping[str, ImplicationGroup]:
        return MappingProxyType({g.id: g for g in self.implications})

    @cached_property
    def guide_by_id(self) -> Mapping[str, Guide]:
        return MappingProxyType({g.id: g for g in self.guides})

    @cached_property
    def set_by_id(self) -> Mapping[str, QuestionSet]:
        return MappingProxyType({s.id: s for s in self.question_sets})

    @cached_property
    def document_by_id(self) -> Mapping[str, Document]:
        return MappingProxyType({d.id: d for d in self.documents})

    @cached_property
    def resource_by_id(self) -> Mapping[str, Resource]:
        return MappingProxyType({r.id: r for r in self.resources})

    @cached_property
    def page_by_id(self) -> Mapping[str, NarrativePage]:
        return MappingProxyType({p.id: p for p in self.pages})

    @cached_property
    def appendix_by_id(self) -> Mapping[str, Appendix]:
        return MappingProxyType({a.item.id: a for a in self.appendices})

    @cached_property
    def questions(self) -> tuple[QuestionEntry, ...]:
        """Every question of every guide, then of every question set, in order."""
        entries: list[QuestionEntry] = []
        for owner in (*self.guides_in_appendix_order, *self.question_sets):
            number = 0
            for section in owner.sections:
                for question in section.questions:
                    number += 1
                    entries.append(QuestionEntry(question, number, section, owner))
        return tuple(entries)

    @cached_property
    def question_by_id(self) -> Mapping[str, QuestionEntry]:
        return MappingProxyType({e.question.id: e for e in self.questions})

    @cached_property
    def guides_in_appendix_order(self) -> tuple[Guide, ...]:
        ordered = [a.item for a in self.appendices if isinstance(a.item, Guide)]
        return tuple(ordered) if ordered else self.guides

    @cached_property
    def quotes_by_subtheme(self) -> Mapping[str, tuple[Quote, ...]]:
        table: dict[str, list[Quote]] = {s.id: [] for s in self.subthemes}
        for quote in self.quotes:
            table.setdefault(quote.subtheme, []).append(quote)
        return MappingProxyType({k: tuple(v) for k, v in table.items()})

    @cached_property
    def questions_by_subtheme(self) -> Mapping[str, tuple[QuestionEntry, ...]]:
        table: dict[str, list[QuestionEntry]] = {s.id: [] for s in self.subthemes}
        for entry in self.questions:
            for sid in entry.question.subthemes:
                table.setdefault(sid, []).append(entry)
        return MappingProxyType({k: tuple(v) for k, v in table.items()})

    @cached_property
    def actions_by_subtheme(self) -> Mapping[str, tuple[ImplicationAction, ...]]:
        table: dict[str, list[ImplicationAction]] = {s.id: [] for s in self.subthemes}
        for group in self.implications:
            for action in group.actions:
                for sid in action.subthemes:
                    table.setdefault(sid, []).append(action)
        return MappingProxyType({k: tuple(v) for k, v in table.items()})

    # --- numbering -------------------------------------------------------------------
    # Numbers are looked up by id: comparing models for equality would compare every field.

    @cached_property
    def _numbers(self) -> Mapping[str, Any]:
        themes = {t.id: i for i, t in enumerate(self.themes, 1)}
        codes = {
            s.id: f"{themes[t.id]}({string.ascii_lowercase[j]})"
            for t in self.themes
            for j, s in enumerate(t.subthemes)
        }
        groups = {g.id: i for i, g in enumerate(self.implications, 1)}
        actions = {
            a.id: f"{groups[g.id]}.{j}" for g in self.implications for j, a in enumerate(g.actions, 1)
        }
        sections = {
            (owner.id, section.id): i
            for owner in (*self.guides, *self.question_sets)
            for i, section in enumerate(owner.sections, 1)
        }
        order = {s.id: i for i, s in enumerate(self.subthemes)}
        return MappingProxyType(
            {"themes": themes, "codes": codes, "groups": groups, "actions": actions,
             "sections": sections, "subtheme_order": order}
        )

    def theme_number(self, theme: Theme) -> int:
        return self._numbers["themes"][theme.id]

    def subtheme_code(self, subtheme: Subtheme) -> str:
        """``2(d)``: theme number and the subtheme's letter, from order."""
        return self._numbers["codes"][subtheme.id]

    def subtheme_order(self, subtheme_id: str) -> int:
        return self._numbers["subtheme_order"][subtheme_id]

    def group_number(self, group: ImplicationGroup) -> int:
        return self._numbers["groups"][group.id]

    def action_code(self, action: ImplicationAction) -> str:
        return self._numbers["actions"][action.id]

    def section_number(self, owner: Guide | QuestionSet, section: GuideSection | SetSection) -> int:
        return self._numbers["sections"][(owner.id, section.id)]

    @cached_property
    def questions_by_action(self) -> Mapping[str, tuple[QuestionEntry, ...]]:
        table: dict[str, list[QuestionEntry]] = {a: [] for a in self.action_by_id}
        for entry in self.questions:
            for aid in getattr(entry.question, "implications", ()):
                table.setdefault(aid, []).append(entry)
        return MappingProxyType({k: tuple(v) for k, v in table.items()})

    # --- placeholders ------------------------------------------------------------------

    def placeholder_value(self, name: str) -> str | None:
        placeholder = self.settings.placeholders.get(name)
        if placeholder is None or placeholder.value is None or not placeholder.value.strip():
            return None
        return placeholder.value

    @cached_property
    def placeholder_uses(self) -> tuple[PlaceholderUse, ...]:
        """Every ``[[placeholder:name]]`` written in the content, with where it is."""
        uses = []
        for file, path, text in self.texts():
            if "[[" not in text:
                continue
            refs, _ = find_references(text)
            for ref in refs:
                if ref.kind == "placeholder":
                    uses.append(PlaceholderUse(ref.id, self.sources[file].find_text(path, ref.written)))
        return tuple(uses)

    @cached_property
    def _suspect_texts(self) -> tuple[tuple[str, tuple[Any, ...], str], ...]:
        found: list[tuple[str, tuple[Any, ...], str]] = []

        def collect(file: str, value: Any, path: tuple[Any, ...]) -> None:
            if type(value) is dict:
                for key, inner in value.items():
                    if type(inner) is str:
                        if _SUSPECT.search(inner):
                            found.append((file, path + (key,), inner))
                    elif inner is not None:
                        collect(file, inner, path + (key,))
            elif type(value) is list:
                for index, inner in enumerate(value):
                    if type(inner) is str:
                        if _SUSPECT.search(inner):
                            found.append((file, path + (index,), inner))
                    elif inner is not None:
                        collect(file, inner, path + (index,))

        for file, data in self.raw.items():
            collect(file, data, ())
        return tuple(found)

    def texts(self) -> Iterator[tuple[str, tuple[Any, ...], str]]:
        """Every text value that may hold a reference or markup: (file, data path, text).

        Texts with none of ``[[``, ``<``, ``=``, ``:`` or ``&`` can hold neither, so they are
        left out (most question texts).
        """
        return iter(self._suspect_texts)

    def unfilled_placeholders(self) -> list[Diagnostic]:
        """One diagnostic per use of a placeholder that settings leave empty."""
        found = []
        for use in self.placeholder_uses:
            if self.placeholder_value(use.name) is None:
                found.append(
                    Diagnostic(
                        use.position,
                        f"placeholder '{use.name}' has no value; set "
                        f"placeholders.{use.name}.value in content/settings.yml",
                    )
                )
        return sorted(found)

    def where(self, item: Node, *path: Any) -> Position:
        """``file:line:col`` of an item (or of one of its fields)."""
        return self.sources[item.origin_file].position(item.origin_path + path)


# --- loading ---------------------------------------------------------------------------------


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
            stat = path.stat()
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


def load_project(root: Path | str) -> Project:
    """Load, validate and cross-reference the project at ``root``; raise ContentError on any problem.

    Files that fail validation are left out, and references into them are not checked
    (that would only repeat the same mistake); everything else is still checked, so one
    run reports every independent problem.
    """
    root = Path(root).resolve()
    problems: list[Diagnostic] = []
    sources: dict[str, SourceMap] = {}
    raw: dict[str, Any] = {}
    items: dict[str, list[Node]] = {kind.kind: [] for kind in CONTENT_FILES}
    incomplete: set[str] = set()  # reference kinds whose targets may be missing
    broken_ids: set[str] = set()  # ids of named files that failed to load

    for kind in CONTENT_FILES:
        paths = find_files(root, kind)
        if kind.single and not paths:
            problems.append(Diagnostic(Position(kind.pattern), "required file is missing"))
            incomplete |= _KINDS_HELD_BY_FILE[kind.kind]
        for path in paths:
            display = path.relative_to(root).as_posix()
            loaded, found = load_yaml_file(path, display)
            problems.extend(found)
            model = None
            if loaded is not None:
                sources[display] = loaded.source
                model, model_found = build_model(loaded, FILE_MODELS[kind.kind])
                # a value the reader already rejected (e.g. a tag) needs no second message
                reported = {d.position for d in found if d.severity == "error"}
                problems.extend(d for d in model_found if d.position not in reported)
            if model is None:
                incomplete |= _KINDS_HELD_BY_FILE[kind.kind]
                broken_ids.add(path.stem)
                continue
            raw[display] = loaded.data
            if kind.named_by_id and getattr(model, "id", path.stem) != path.stem:
                problems.append(
                    Diagnostic(
                        loaded.source.position(("id",)),
                        f"id '{model.id}' must match the file name '{path.stem}'",  # type: ignore[attr-defined]
                    )
                )
            items[kind.kind].append(model)

    for stray in stray_files(root):
        problems.append(
            Diagnostic(
                Position(stray.relative_to(root).as_posix()),
                "file is not read: content files belong in content/ (settings, audiences, appendices, "
                "themes, quotes, implications, resources, documents/, pages/) or questions/ "
                "(guides/, sets/) and end in .yml",
            )
        )

    def one(kind: str, attribute: str) -> Any:
        return getattr(items[kind][0], attribute) if items[kind] else ()

    guides = tuple(items["guide"])  # type: ignore[arg-type]
    documents = tuple(items["document"])  # type: ignore[arg-type]
    if items["appendices"]:
        appendices, appendix_problems = _order_appendices(
            items["appendices"][0], guides, documents, sources, broken_ids  # type: ignore[arg-type]
        )
        problems.extend(appendix_problems)
        if appendix_problems:
            incomplete |= {"appendix", "guide", "document"}
    else:
        appendices = ()
    settings = items["settings"][0] if items["settings"] else Settings.model_construct(placeholders={})

    project = Project(
        root=root,
        settings=settings,  # type: ignore[arg-type]
        audiences=one("audiences", "audiences"),
        themes=one("themes", "themes"),
        quotes=one("quotes", "quotes"),
        implications=one("implications", "groups"),
        resources=one("resources", "resources"),
        documents=tuple(a.item for a in appendices if isinstance(a.item, Document)),
        pages=tuple(sorted(items["page"], key=lambda p: (p.placement, p.order, p.id))),  # type: ignore[attr-defined]
        guides=tuple(a.item for a in appendices if isinstance(a.item, Guide)),
        question_sets=_by_audience(items["question-set"], one("audiences", "audiences")),
        appendices=appendices,
        sources=MappingProxyType(sources),
        raw=MappingProxyType(raw),
    )
    problems.extend(check_references(project, incomplete))
    raise_if_errors(problems)
    warnings = tuple(p for p in problems if p.severity != "error")
    if warnings:
        object.__setattr__(project, "warnings", warnings)
    _release_positions(project)
    return project


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


def _hint(ident: str, known: Mapping[str, Any] | set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_references(project: Project, incomplete: set[str] = frozenset()) -> list[Diagnostic]:  # type: ignore[assignment]
    """Ids unique per kind, and every reference (by key or in text) resolved.

    References of the kinds in ``incomplete`` are not checked: their targets' files failed.
    """
    problems: list[Diagnostic] = []
    p = project

    # unique ids per kind -------------------------------------------------------------
    kinds: dict[str, list[Node]] = {
        "audience": list(p.audiences),
        "theme": list(p.themes),
        "subtheme": list(p.subthemes),
        "quote": list(p.quotes),
        "implication": [*p.implications, *(a for g in p.implications for a in g.actions)],
        "resource": list(p.resources),
        "document or guide": [*p.documents, *p.guides],
        "page": list(p.pages),
        "question set": list(p.question_sets),
        "section": [s for owner in (*p.guides, *p.question_sets) for s in owner.sections],
        "question": [e.question for e in p.questions],
        "response option": [o for g in p.guides for o in g.response_options],
    }
    for kind, members in kinds.items():
        first: dict[str, Node] = {}
        for item in members:
            ident = item.id  # type: ignore[attr-defined]
            if ident in first:
                earlier = p.where(first[ident], "id")
                problems.append(
                    Diagnostic(
                        p.where(item, "id"),
                        f"duplicate {kind} id '{ident}' (first used at {earlier})",
                    )
                )
            else:
                first[ident] = item

    def expect(item: Node, path: tuple[Any, ...], ident: str, table: Mapping[str, Any], what: str,
               kind: str = "", scope: str = "") -> None:
        if kind in incomplete:
            return
        if ident not in table:
            problems.append(
                Diagnostic(p.where(item, *path), f"unknown {what} '{ident}'{scope}{_hint(ident, table)}")
            )

    # references held in keys ---------------------------------------------------------
    for guide in p.guides:
        expect(guide, ("audience",), guide.audience, p.audience_by_id, "audience", "audience")
        guide_questions = {q.id: q for s in guide.sections for q in s.questions}
        guide_targets = {**{s.id: s for s in guide.sections}, **guide_questions}
        for section in guide.sections:
            for question in section.questions:
                for index, sid in enumerate(question.subthemes):
                    expect(question, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
                for rule in question.skip_logic:
                    expect(rule, ("if_covered_at",), rule.if_covered_at, guide_questions,
                           "question", scope=f" in guide '{guide.id}'")
                    expect(rule, ("target",), rule.target, guide_targets,
                           "section or question", scope=f" in guide '{guide.id}'")
    for qset in p.question_sets:
        expect(qset, ("audience",), qset.audience, p.audience_by_id, "audience", "audience")
        for section in qset.sections:
            for question in section.questions:
                for index, sid in enumerate(question.subthemes):
                    expect(question, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
                for index, aid in enumerate(question.implications):
                    expect(question, ("implications", index), aid, p.action_by_id, "implication action", "implication")
    for quote in p.quotes:
        expect(quote, ("subtheme",), quote.subtheme, p.subtheme_by_id, "subtheme", "subtheme")
    for group in p.implications:
        for action in group.actions:
            for index, sid in enumerate(action.subthemes):
                expect(action, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
    for subtheme in p.subthemes if "quotes" not in incomplete and p.quotes else ():
        if not p.quotes_by_subtheme.get(subtheme.id):
            problems.append(
                Diagnostic(p.where(subtheme, "id"), f"subtheme '{subtheme.id}' has no quote in content/quotes.yml", "warning")
            )

    # references written in text -----------------------------------------------------
    tables = reference_tables(p)
    for file, path, text in p.texts():
        source = p.sources[file]
        refs, bad = find_references(text)
        for wrong in bad:
            problems.append(Diagnostic(source.find_text(path, wrong.written), wrong.message))
        for unsafe in unsafe_content(text):
            problems.append(Diagnostic(source.find_text(path, unsafe.written), unsafe.message, "warning"))
        for ref in refs:
            table = tables[ref.kind]
            if ref.kind not in incomplete and ref.id not in table:
                problems.append(
                    Diagnostic(
                        source.find_text(path, ref.written),
                        f"unknown {ref.kind} '{ref.id}' in reference {ref.written}{_hint(ref.id, table)}",
                    )
                )
    return problems


def reference_tables(p: Project) -> dict[str, Mapping[str, Any]]:
    """For each reference kind, the ids it can name."""
    from .reference_kinds import KINDS

    return {name: kind.ids(p) for name, kind in KINDS.items()}


def reference_label(p: Project, ref: Reference) -> str:
    """The words a reference reads as in any output: numbers computed from order."""
    from .reference_kinds import label

    return label(p, ref.kind, ref.id)
