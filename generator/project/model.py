"""The validated Project: everything the writers need, cross-referenced and frozen.

Numbers (appendix N, theme N, subtheme N(x), question N) are computed here from order,
never written by hand in content. Loading is :mod:`.loading`; checks are :mod:`.checks`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Union

from generator.source.diagnostics import Diagnostic, Position
from generator.models import (
    AppendicesFile,
    Audience,
    Document,
    Guide,
    GuideQuestion,
    GuideSection,
    ImplicationAction,
    ImplicationGroup,
    NarrativePage,
    Node,
    QuestionSet,
    Quote,
    Resource,
    SetQuestion,
    SetSection,
    Settings,
    Subtheme,
    Theme,
)
from generator.project.references import find_references
from generator.source.reader import SourceMap

SCHEMA_VERSION = 1
_SUSPECT = re.compile(r"\[\[|<|=|:|&|//|\\|\{")  # texts worth scanning for references and unsafe markup

Appendable = Union[Guide, Document]
AnyQuestion = Union[GuideQuestion, SetQuestion]


@dataclass(frozen=True)
class Appendix:
    number: int
    item: Appendable

    @property
    def kind(self) -> str:
        return "guide" if isinstance(self.item, Guide) else "document"


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


class _Lookups:
    """Items by id and by what they link to (worked out once, on first use)."""

    themes: tuple[Theme, ...]

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
    def question_count(self) -> Mapping[str, int]:
        """How many questions each guide and question set holds, by its id."""
        return MappingProxyType({o.id: sum(len(s.questions) for s in o.sections) for o in (*self.guides, *self.question_sets)})

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


class _Texts:
    """Placeholders and the texts that may hold references or markup."""

    settings: Settings
    sources: Mapping[str, SourceMap]
    raw: Mapping[str, Any]


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

        Texts with none of ``[[``, ``<``, ``=``, ``:``, ``&``, ``//``, ``\\`` or ``{`` can hold neither, so they are
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


@dataclass(frozen=True)
class Project(_Lookups, _Texts):
    """Everything the renderers need, validated and cross-referenced.

    Frozen: no field is ever assigned after loading. What changes is only the lookups and
    numbers worked out on first use (``cached_property``), stored on the instance once;
    they change no answer, so a Project can be shared by every builder of a run."""

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
    order: AppendicesFile | None = None  # content/appendices.yml: the numbering word and whether numbers show
    releases: tuple[Any, ...] = ()  # earlier editions recorded in content/releases/ (versions.Snapshot), oldest first
    translations: Any = field(repr=False, default=None)  # translations.Translations: every checked translation
    language: str | None = None  # the language this view reads in (translations.localise); None: the default
    default_settings: Settings | None = None  # in a localised view: the settings as written (default language)
    translation_notes: tuple[Diagnostic, ...] = ()  # per language: texts not translated, stale translations
    stale_translations: tuple[Diagnostic, ...] = ()  # what `--strict-translations` fails on


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
    def release_changes(self) -> tuple[Any, ...]:
        """What changed at each recorded release and at this edition (``versions.Changes``), oldest first."""
        from generator.project.versions import release_changes

        return release_changes(self)

    @cached_property
    def questions_by_action(self) -> Mapping[str, tuple[QuestionEntry, ...]]:
        table: dict[str, list[QuestionEntry]] = {a: [] for a in self.action_by_id}
        for entry in self.questions:
            for aid in getattr(entry.question, "implications", ()):
                table.setdefault(aid, []).append(entry)
        return MappingProxyType({k: tuple(v) for k, v in table.items()})
