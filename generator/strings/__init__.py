"""Every word Reflect itself writes, one catalogue per language.

A catalogue is a YAML file beside this module (``en.yml``, ``cy.yml``), nested by area
(``site``, ``print``, ``tools``…); a string is named by its dotted path (``print.page_of``).
Values are ``str.format`` templates with named fields (``"Page {page} of {pages}"``), or,
for words that depend on a count, a mapping of CLDR plural categories (``one``,
``other``; Welsh also ``zero``, ``two``, ``few``, ``many``) to templates.

A template may name a kind of content as ``{kind:theme}`` (singular), ``{kind:themes}``
(plural) or ``{kind:Themes}`` (capitalised): the catalogue's own names under ``kinds.`` (or
the publisher's, from ``names:`` in settings) are put in before the template is used, so a
publisher who calls themes "stages" renames them in every string at once.

A string missing from a language falls back to English; :meth:`Catalogue.language_of`
says which language a string actually came from, so a writer can mark that text with
``lang="en"``. Content never passes through here: only Reflect's own words do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import re

import yaml

FALLBACK = "en"
PSEUDO = "x-pseudo"  # a test language: English with every string wrapped in ⟦ ⟧
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
Template = str | Mapping[str, str]
KINDS = "kinds."  # the names of the content kinds, plural strings {one, other}
_KIND_NAME = re.compile(r"\{kind:([A-Za-z_]+)\}")


def _plural_english(count: int) -> str:
    return "one" if count == 1 else "other"


def _plural_welsh(count: int) -> str:
    # CLDR rules for Welsh (cy), integer counts.
    return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(count, "other")


PLURAL_RULES: Mapping[str, Callable[[int], str]] = MappingProxyType(
    {"en": _plural_english, "cy": _plural_welsh}
)


class UnknownString(KeyError):
    """A string name no catalogue defines (a bug in Reflect, or a misspelt override)."""


def flatten(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Template]]:
    """(dotted name, template) for every string in a nested catalogue mapping."""
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not set(value) <= set(PLURAL_CATEGORIES):
            yield from flatten(value, name + ".")
        else:
            yield name, value


@cache
def _read(language: str) -> Mapping[str, Template]:
    """The strings of one shipped catalogue file, flattened (read once per process)."""
    try:
        text = resources.files(__package__).joinpath(f"{language}.yml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return MappingProxyType({})
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the catalogue is read on every run
    return MappingProxyType(dict(flatten(yaml.load(text, Loader=loader) or {})))


def available_languages() -> tuple[str, ...]:
    """Languages with a shipped catalogue, English first."""
    names = sorted(
        entry.name[: -len(".yml")]
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".yml")
    )
    return tuple(sorted(names, key=lambda name: name != FALLBACK))


def has_catalogue(language: str) -> bool:
    """Whether Reflect ships a catalogue for ``language`` (its primary subtag: ``en-GB`` is ``en``)."""
    return language == PSEUDO or language.split("-")[0].lower() in available_languages()


@dataclass(frozen=True)
class Catalogue:
    """The interface words of one language, with English behind it and the publisher's overrides on top."""

    language: str
    strings: Mapping[str, Template]
    fallback: Mapping[str, Template]
    overrides: Mapping[str, Template] = field(default_factory=dict)

    def _raw(self, name: str) -> Template:
        for source in (self.overrides, self.strings, self.fallback):
            if name in source:
                return source[name]
        raise UnknownString(name)

    def template(self, name: str) -> Template:
        """The string ``name`` as written (its ``{kind:…}`` names and fields not yet put in)."""
        return self._raw(name)

    def kind(self, kind: str, plural: bool = False) -> str:
        """What this site calls one (or, ``plural``, several) of a kind of content: ``theme``, ``question_set``…"""
        return self._named("{kind:" + kind + ("s" if plural else "") + "}")

    def _template(self, name: str) -> Template:
        template = self._raw(name)
        if isinstance(template, Mapping):
            return {category: self._named(form) for category, form in template.items()}
        return self._named(template)

    def _named(self, form: str) -> str:
        return _KIND_NAME.sub(self._kind_name, form) if "{kind:" in form else form

    def _kind_name(self, found: re.Match) -> str:
        """``theme`` → the kind's singular name, ``themes`` → its plural, ``Theme`` → capitalised."""
        spec = found.group(1)
        kind, plural = spec.lower(), False
        if f"{KINDS}{kind}" not in self.fallback and kind.endswith("s"):
            kind, plural = kind[:-1], True
        forms = self._raw(f"{KINDS}{kind}")
        word = forms.get("other" if plural else "one") or forms["other"] if isinstance(forms, Mapping) else forms
        return word[:1].upper() + word[1:] if spec[:1].isupper() else word

    def language_of(self, name: str) -> str:
        """The language the string ``name`` is actually written in (English when it fell back)."""
        if name in self.overrides or name in self.strings:
            return self.language
        return FALLBACK

    def text(self, name: str, /, **values: Any) -> str:
        """The string ``name`` with ``values`` filled in; a plural string needs ``count``."""
        template = self._template(name)
        if isinstance(template, Mapping):
            if "count" not in values:
                raise TypeError(f"{name} is a plural string: pass count=")
            template = self._plural_form(name, template, values["count"])
        return template.format(**values) if values else template

    def _plural_form(self, name: str, forms: Mapping[str, str], count: int) -> str:
        language = self.language_of(name)
        rule = PLURAL_RULES.get(language.split("-")[0], _plural_english)
        category = rule(int(count))
        return forms.get(category) or forms["other"]

    def names(self, prefix: str = "") -> tuple[str, ...]:
        """Every string name (English's, which is complete) starting with ``prefix``."""
        return tuple(name for name in self.fallback if name.startswith(prefix))

    def missing(self) -> tuple[str, ...]:
        """Names English has and this language lacks (they show in English)."""
        return tuple(name for name in self.fallback if name not in self.strings)

    def section(self, prefix: str) -> dict[str, Any]:
        """Every string under ``prefix`` (for example ``tools.``) as plain data, for the browser."""
        return {
            name[len(prefix):]: (dict(t) if isinstance(t, Mapping) else t)
            for name in self.names(prefix)
            for t in (self._template(name),)
        }


def plural_categories(language: str) -> tuple[str, ...]:
    """The CLDR plural categories ``language``'s counts take (English: one, other)."""
    rule = PLURAL_RULES.get(language.split("-")[0].lower(), _plural_english)
    found = {rule(count) for count in range(0, 1001)}
    return tuple(category for category in PLURAL_CATEGORIES if category in found)


def grouped_overrides(written: Mapping[str, Any]) -> dict[str, Template]:
    """The publisher's ``strings:`` with plural forms given by dotted names gathered up.

    ``site.count.themes.one: …`` and ``site.count.themes.other: …`` become one plural string
    ``site.count.themes: {one: …, other: …}``, as if written as a mapping; a name whose last
    part is no plural category is kept as written (the check names it if it is unknown).
    """
    grouped: dict[str, Any] = {}
    for name, value in written.items():
        head, _, last = name.rpartition(".")
        if head and last in PLURAL_CATEGORIES and name not in _read(FALLBACK):
            forms = grouped.setdefault(head, {})
            if isinstance(forms, dict):
                forms[last] = value
            continue
        if isinstance(value, Mapping) and isinstance(grouped.get(name), dict):
            grouped[name] = {**grouped[name], **value}
        else:
            grouped[name] = dict(value) if isinstance(value, Mapping) else value
    return grouped


def _wrapped(template: Template) -> Template:
    """A string marked so that tests can tell Reflect's words from content text."""
    if isinstance(template, Mapping):
        return {category: f"⟦{form}⟧" for category, form in template.items()}
    return f"⟦{template}⟧"


def load_catalogue(language: str, overrides: Mapping[str, Template] | None = None) -> Catalogue:
    """The catalogue for ``language`` (``cy``, ``en-GB``…), English where it has no string.

    ``overrides`` (string name → template, or plural forms) come from the publisher's settings; an unknown
    name raises :class:`UnknownString` (the loader reports it with a "did you mean").
    """
    english = _read(FALLBACK)
    base = language.split("-")[0].lower()
    own = english if base == FALLBACK else _read(base)
    overrides = dict(overrides or {})
    if language == PSEUDO:  # kind names are wrapped with the strings they are put in
        english = own = MappingProxyType(
            {name: t if name.startswith(KINDS) else _wrapped(t) for name, t in english.items()})
        overrides = {name: t if name.startswith(KINDS) else _wrapped(t)  # type: ignore[misc]
                     for name, t in overrides.items()}
    unknown = sorted(set(overrides) - set(english))
    if unknown:
        raise UnknownString(", ".join(unknown))
    return Catalogue(language=language, strings=own, fallback=english, overrides=overrides)
