"""How guides and documents are labelled: the publisher's word and numbers, or their own titles.

With ``content/appendices.yml`` they are numbered ("Appendix 2"), under the word its
``label:`` sets ("Annex 2") unless ``numbered: false``. Without that file, or with
``numbered: false``, each is listed under its own title and no numbering word appears
anywhere: the catalogue's section strings are swapped for the neutral ones under
``numbering.plain`` (or, for a publisher's own word, ``numbering.labelled``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from generator.strings import FALLBACK, PSEUDO, Catalogue, load_catalogue

if TYPE_CHECKING:
    from generator.project import Project

PLAIN = "numbering.plain."
LABELLED = "numbering.labelled."


def is_numbered(p: "Project") -> bool:
    return p.order is not None and p.order.numbered


def numbered_label(p: "Project", ident: str, words: Catalogue) -> str | None:
    """``Appendix 2`` (or the publisher's word), or None when items go under their own titles."""
    if not is_numbered(p) or ident not in p.appendix_by_id:
        return None
    number = p.appendix_by_id[ident].number
    if p.order.label:  # type: ignore[union-attr]
        return words.text("numbering.numbered", label=p.order.label, number=number)  # type: ignore[union-attr]
    return words.text("site.reference.appendix", number=number)


def overrides(p: "Project", base: Catalogue) -> dict[str, str]:
    """The section strings this project's numbering needs in place of the catalogue's default."""
    order = p.order
    if order is not None and order.numbered and not order.label and not order.title:
        return {}
    if order is None or not order.numbered:
        swapped = {name[len(PLAIN):]: base.text(name) for name in base.names(PLAIN)}
        if order is not None and order.title:
            swapped.update(_labelled(base, order.title, order.title, only_section=True))
        return swapped
    label = order.label or base.text("numbering.default_label")
    section = order.title or base.text("numbering.default_title")
    return _labelled(base, label, section)


def _labelled(base: Catalogue, label: str, section: str, only_section: bool = False) -> dict[str, str]:
    out = {}
    for name in base.names(LABELLED):
        template = base.text(name)
        if only_section and ("{label}" in template or "intro" in name or "open_data" in name):
            continue  # unnumbered: keep the plain wording that speaks of no numbers
        out[name[len(LABELLED):]] = (
            template.replace("{label}", label).replace("{section}", section)
            .replace("{section_lower}", section.lower())
        )
    return out


def words_for(p: "Project", extra: Mapping[str, str] | None = None) -> Catalogue:
    """The project's catalogue: its language, its numbering's words, then the publisher's strings."""
    language = p.settings.site.language
    base = load_catalogue(FALLBACK if language == PSEUDO else language)  # wrapped once, by the last load
    own = dict(p.settings.strings or {}) if extra is None else dict(extra)
    return load_catalogue(language, {**overrides(p, base), **own})
