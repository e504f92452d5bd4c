"""Content in more than one language: translations beside the source text, checked and applied.

A content item (any mapping of a content file that a model reads: a question, a prompt, a
scale option, a document block…) may carry its translations beside its own text::

    text: Our board understands what co-production means.
    translations:
      cy:
        text: Mae ein bwrdd yn deall beth yw ystyr cydgynhyrchu.
        source_fingerprint: 5d41402abc

Only the item's text fields are translated (:data:`generator.models.translated.TRANSLATED_FIELDS`); ids, references,
numbers and structure belong to the source and are shared by every language. A list of
texts (a list block's ``items``) is translated as a list of the same length. The
``source_fingerprint`` is :func:`fingerprint` of the item's source text when the
translation was written: when the source text changes, the translation is *stale*.

Reading (:func:`split_translations`) takes the ``translations`` keys out of a file's data
before the models see it, so the models and everything built from them stay
single-language. :func:`check_translations` reports every bad translation at once;
:func:`localise` gives the Project as it reads in one language, the same structure with
the translated texts; a text shown there that is not a current translation (not yet
translated, or stale) is :class:`~generator.strings.foreign.ForeignWords`, which says its
language and state, so every output can mark it without a character in the text.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

from generator import models as m
from generator.source.diagnostics import Diagnostic, Position
from generator.source.reader import SourceMap
from generator.strings.foreign import ForeignWords

from generator.models.translated import FINGERPRINT_KEY, KEY, SHARED_FIELDS, TRANSLATED_FIELDS

__all__ = ["FINGERPRINT_KEY", "KEY", "SHARED_FIELDS", "TRANSLATED_FIELDS"]


def fingerprint(texts: Mapping[str, Any]) -> str:
    """Ten hex digits naming exactly this source text (field names and values, in order)."""
    canonical = json.dumps([[name, value] for name, value in texts.items()], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:10]


def source_texts(item: m.Node) -> dict[str, Any]:
    """The item's translated fields that hold text in the source, in declaration order."""
    out: dict[str, Any] = {}
    for name in TRANSLATED_FIELDS.get(type(item), ()):
        value = getattr(item, name)
        if value is None or value == () or value == "":
            continue
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """The translations written on one item of one file: ``{language: {field: text}}``."""

    file: str
    path: tuple[Any, ...]  # the item's data path in its file
    languages: Mapping[str, Any]  # as written (checked by check_translations)


def split_translations(data: Any, file: str) -> tuple[Any, list[Written]]:
    """``data`` without its ``translations`` keys (for the models), and what they held."""
    found: list[Written] = []

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if type(value) is dict:
            out = {}
            for key, inner in value.items():
                if key == KEY:
                    found.append(Written(file, path, inner))
                else:
                    out[key] = walk(inner, path + (key,))
            return out
        if type(value) is list:
            return [walk(inner, path + (index,)) for index, inner in enumerate(value)]
        return value

    return walk(data, ()), found


# --- the translations of a project -----------------------------------------------------------


@dataclass(frozen=True)
class Translation:
    """One item's text in one language, checked."""

    texts: Mapping[str, Any]  # field -> translated text (a list for a list of texts)
    written_fingerprint: str | None  # the source fingerprint the translator saw, if written


@dataclass(frozen=True)
class Translations:
    """Every checked translation of a project, by (file, item path) and language."""

    languages: tuple[str, ...] = ()  # the languages besides the default, as settings list them
    items: Mapping[tuple[str, tuple[Any, ...]], Mapping[str, Translation]] = field(default_factory=dict)

    def of(self, item: m.Node, language: str) -> Translation | None:
        return self.items.get((item.origin_file, item.origin_path), {}).get(language)


@dataclass(frozen=True)
class TextState:
    """The state of one translatable field of one item in one language."""

    item: m.Node
    field: str
    language: str
    state: str  # "translated", "missing" or "stale"


def content_items(project: Any) -> Iterator[m.Node]:
    """Every item of the project that has text fields, parents before children."""
    roots: list[m.Node] = [project.settings, *project.audiences, *project.themes, *project.quotes,
                           *project.implications, *project.resources, *project.documents, *project.pages,
                           *project.guides, *project.question_sets]
    if project.order is not None:
        roots.append(project.order)

    def walk(node: m.Node) -> Iterator[m.Node]:
        yield node
        for value in node.__dict__.values():
            if isinstance(value, m.Node):
                yield from walk(value)
            elif type(value) is tuple:
                for inner in value:
                    if isinstance(inner, m.Node):
                        yield from walk(inner)
            elif type(value) is dict:
                for inner in value.values():
                    if isinstance(inner, m.Node):
                        yield from walk(inner)

    for root in roots:
        yield from walk(root)


def text_states(project: Any, language: str) -> Iterator[TextState]:
    """Every source text of the project, translated, missing or stale in ``language``."""
    translations: Translations = project.translations
    for item in content_items(project):
        texts = source_texts(item)
        if not texts:
            continue
        found = translations.of(item, language)
        current = fingerprint(texts)
        for name in texts:
            if found is None or name not in found.texts:
                yield TextState(item, name, language, "missing")
            elif found.written_fingerprint != current:
                yield TextState(item, name, language, "stale")
            else:
                yield TextState(item, name, language, "translated")


def check_translations(
    written: list[Written], project: Any, sources: Mapping[str, SourceMap], failed_files: set[str] = frozenset()  # type: ignore[assignment]
) -> tuple[Translations, list[Diagnostic]]:
    """The project's translations, and a problem for each that does not fit its item.

    A translation may be only for a language ``languages`` in settings names, only of the
    item's text fields (:data:`generator.models.translated.TRANSLATED_FIELDS`), a list of as many texts as the source
    for a list, and only where the source has text. References inside translated text are
    checked with every other text (:func:`generator.project.checks.text_references`).
    """
    languages = tuple(project.settings.languages) if getattr(project.settings, "languages", None) else ()
    default = project.settings.site.language if getattr(project.settings, "site", None) else ""
    items = {(i.origin_file, i.origin_path): i for i in content_items(project)}
    problems: list[Diagnostic] = []
    table: dict[tuple[str, tuple[Any, ...]], dict[str, Translation]] = {}

    for entry in written:
        if entry.file in failed_files:
            continue
        source = sources[entry.file]

        def at(*steps: Any, key: bool = False) -> Position:
            return source.position(entry.path + (KEY, *steps), key=key)

        item = items.get((entry.file, entry.path))
        if item is None or not TRANSLATED_FIELDS.get(type(item)):
            problems.append(Diagnostic(at(key=True), "this item has no text to translate; translations belong "
                                       "beside the text they translate (a question, a prompt, a block…)"))
            continue
        if type(entry.languages) is not dict:
            problems.append(Diagnostic(at(), "expected a mapping of languages, e.g. 'cy:' holding the translated "
                                       "fields"))
            continue
        allowed = TRANSLATED_FIELDS[type(item)]
        texts = source_texts(item)
        for language, given in entry.languages.items():
            if language not in languages:
                known = ", ".join(languages) or "none: list them under 'languages:' in content/settings.yml"
                extra = (f"; '{language}' is the default language (site.language): its text is the item's own"
                         if language == default else _hint(language, languages))
                problems.append(Diagnostic(at(language, key=True),
                                           f"unknown language '{language}'{extra}; languages: {known}"))
                continue
            if type(given) is not dict:
                problems.append(Diagnostic(at(language), "expected the translated fields, e.g. 'text: ...', "
                                           f"and '{FINGERPRINT_KEY}'"))
                continue
            translated: dict[str, Any] = {}
            written_fp: str | None = None
            for name, value in given.items():
                where = at(language, name)
                if name == FINGERPRINT_KEY:
                    if type(value) is not str or not re.fullmatch(r"[0-9a-f]{10}", value):
                        problems.append(Diagnostic(where, f"expected the source fingerprint: 10 hex digits "
                                                   f"(now {fingerprint(texts)})"))
                    else:
                        written_fp = value
                    continue
                if name not in allowed:
                    problems.append(Diagnostic(at(language, name, key=True), _unknown_field(item, name, allowed)))
                    continue
                if name not in texts:
                    problems.append(Diagnostic(at(language, name, key=True),
                                               f"'{name}' has no source text here to translate"))
                    continue
                wrong = _shape_problem(texts[name], value)
                if wrong:
                    problems.append(Diagnostic(where, f"'{name}': {wrong}"))
                    continue
                translated[name] = tuple(value) if isinstance(value, list) else value
            if translated:
                table.setdefault((entry.file, entry.path), {})[language] = Translation(
                    MappingProxyType(translated), written_fp)
    return Translations(languages, MappingProxyType({k: MappingProxyType(v) for k, v in table.items()})), problems


def _shape_problem(source: Any, value: Any) -> str:
    if isinstance(source, list):
        if type(value) is not list:
            return f"expected a list of {len(source)} texts, as the source has"
        if len(value) != len(source):
            return (f"the translation has {len(value)} items and the source {len(source)}: structure is shared, "
                    "translate each item in its place")
        for index, inner in enumerate(value):
            if type(inner) is not str or not inner.strip():
                return f"item {index + 1}: expected text"
        return ""
    if type(value) is not str:
        return "expected text" + (" (a list is translated item by item in the item itself)" if type(value) is list else "")
    if not value.strip():
        return "expected text, found only spaces"
    return ""


def _unknown_field(item: m.Node, name: str, allowed: tuple[str, ...]) -> str:
    fields = type(item).model_fields
    if name in fields:
        shape = fields[name].annotation
        if "tuple" in str(shape) and any(isinstance(v, m.Node) for v in getattr(item, name, ()) or ()):
            return (f"'{name}' is not translated here: each of its items carries its own translations "
                    "(structure is shared between languages)")
        return f"'{name}' is not translated: ids, references, numbers and structure are shared by every language"
    return f"unknown field '{name}'{_hint(name, allowed)}; translated fields here: {', '.join(allowed)}"


def _hint(name: str, known: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# --- the project in one language -------------------------------------------------------------


Marker = Callable[[str], str]


def localise(project: Any, language: str, translated_quote: Marker | None = None) -> Any:
    """The Project as it reads in ``language``: the same items, with their translated texts.

    A text without a translation keeps the source text, as
    :class:`~generator.strings.foreign.ForeignWords` in the default language (state
    ``"untranslated"``); a stale translation is used, as ``ForeignWords`` of the page's own
    language (state ``"stale"``): every output then marks it (see :mod:`generator.strings.foreign`).
    A participant's quote in translation is passed through ``translated_quote`` (which says
    it is a translation). The default language (or a project without translations) is the
    project itself.
    """
    if language == project.settings.site.language or language not in project.translations.languages:
        return project
    default = project.settings.site.language
    done: dict[int, Any] = {}

    def translate(node: m.Node) -> m.Node:
        known = done.get(id(node))
        if known is not None:
            return known
        update: dict[str, Any] = {}
        for name, value in node.__dict__.items():
            if isinstance(value, m.Node):
                new = translate(value)
                if new is not value:
                    update[name] = new
            elif type(value) is tuple and value and isinstance(value[0], m.Node):
                new_items = tuple(translate(inner) for inner in value)
                if any(a is not b for a, b in zip(new_items, value)):
                    update[name] = new_items
            elif type(value) is dict and value and isinstance(next(iter(value.values())), m.Node):
                new_map = {key: translate(inner) for key, inner in value.items()}
                if any(new_map[k] is not value[k] for k in value):
                    update[name] = new_map
        texts = source_texts(node)
        if texts:
            found = project.translations.of(node, language)
            is_stale = found is not None and found.written_fingerprint != fingerprint(texts)
            for name, source in texts.items():
                if found is not None and name in found.texts:
                    value = found.texts[name]
                    if translated_quote is not None and isinstance(node, m.Quote) and name == "quote":
                        value = translated_quote(value)
                    flag: tuple[str, str] | None = ("", "stale") if is_stale else None
                else:
                    value = tuple(source) if isinstance(source, list) else source
                    flag = (default, "untranslated")
                if flag is not None:
                    value = tuple(ForeignWords(v, *flag) for v in value) if isinstance(value, tuple) \
                        else ForeignWords(value, *flag)
                if flag is not None or value != getattr(node, name):
                    update[name] = value
        result = node.model_copy(update=update) if update else node
        done[id(node)] = result
        return result

    def each(items: tuple) -> tuple:
        return tuple(translate(item) for item in items)

    documents, guides = each(project.documents), each(project.guides)
    own = project.settings.languages[language]
    settings = translate(project.settings)
    # Reflect's own words in this language too: its catalogue, with this language's strings
    settings = settings.model_copy(update={
        "site": settings.site.model_copy(update={"language": language}),
        "strings": dict(own.strings),
        "names": own.names,  # the publisher's names in this language, else its catalogue's
    })
    by_id = {item.id: item for item in (*documents, *guides)}
    appendices = tuple(dataclasses.replace(a, item=by_id[a.item.id]) for a in project.appendices)
    return dataclasses.replace(
        project,
        settings=settings,
        audiences=each(project.audiences),
        themes=each(project.themes),
        quotes=each(project.quotes),
        implications=each(project.implications),
        resources=each(project.resources),
        documents=documents,
        pages=each(project.pages),
        guides=guides,
        question_sets=each(project.question_sets),
        appendices=appendices,
        order=translate(project.order) if project.order is not None else None,
        language=language,
        default_settings=project.settings,
    )


def published_languages(project: Any) -> tuple[str, ...]:
    """The languages besides the default that get a site: complete ones, and incomplete ones allowed to be."""
    return tuple(
        language for language in project.translations.languages
        if project.settings.languages[language].publish_incomplete or not missing_count(project, language)
    )


def language_name(project: Any, language: str) -> str:
    """A language's own name: from settings, else from its catalogue (``site.language.name``)."""
    from generator.strings import load_catalogue

    own = project.settings.languages.get(language) if project.settings.languages else None
    if own is not None and own.name:
        return own.name
    return load_catalogue(language).text("site.language.name")


# --- what check says -------------------------------------------------------------------------


def translation_notes(project: Any) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Per language, the texts not translated (one note per file) and the stale translations (one per item).

    Both are notes ("info"): ``--strict`` does not fail on them; ``--strict-translations``
    fails on the stale ones. Made while the loader still knows positions.
    """
    missing_notes: list[Diagnostic] = []
    stale_notes: list[Diagnostic] = []
    for language in project.translations.languages:
        missing: dict[str, list[TextState]] = {}
        stale: dict[tuple[str, tuple[Any, ...]], list[TextState]] = {}
        for state in text_states(project, language):
            if state.state == "missing":
                missing.setdefault(state.item.origin_file, []).append(state)
            elif state.state == "stale":
                stale.setdefault((state.item.origin_file, state.item.origin_path), []).append(state)
        for file, states in missing.items():
            first = states[0]
            missing_notes.append(Diagnostic(
                project.where(first.item, first.field),
                f"{language}: {len(states)} text(s) in this file not translated (from here: "
                f"{', '.join(_field_path(s) for s in states[:3])}{', …' if len(states) > 3 else ''}); "
                "they show in the default language", "info"))
        for states in stale.values():
            item = states[0].item
            now = fingerprint(source_texts(item))
            found = project.translations.of(item, language)
            written = f"{FINGERPRINT_KEY} {found.written_fingerprint}" if found and found.written_fingerprint \
                else f"no {FINGERPRINT_KEY}"
            stale_notes.append(Diagnostic(
                project.where(item, KEY, language),
                f"{language}: translation is stale ({', '.join(s.field for s in states)}): written for another "
                f"source text ({written}); review it against the source, then set {FINGERPRINT_KEY}: {now}",
                "info"))
    return missing_notes, stale_notes


def missing_count(project: Any, language: str) -> int:
    return sum(1 for s in text_states(project, language) if s.state == "missing")


def _field_path(state: TextState) -> str:
    steps = [str(step) for step in state.item.origin_path if not isinstance(step, int)]
    return ".".join([*steps[-1:], state.field]) if steps else state.field
