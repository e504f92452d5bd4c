"""Every kind of thing a ``[[kind:id]]`` reference may name, declared once.

One :class:`ReferenceKind` per kind says which ids exist, the words a reference reads as
(numbers computed from the content's order, words from the catalogue) and the page and
anchor it points at on the site, and where it points on paper. Checking, the site and the
printables all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping

from generator.project import addresses as paths
from generator.models import Guide
from generator.project.numbering import numbered_label, words_for
from generator.strings import Catalogue

if TYPE_CHECKING:
    from generator.project import Project

Ids = Callable[["Project"], Mapping[str, Any]]
Label = Callable[["Project", str, Catalogue], str]
Where = Callable[["Project", str], "paths.Target | None"]


@dataclass(frozen=True)
class OnPaper:
    """Where a reference points in printed documents: an anchor inside them (linked when the
    file holds it), the question number Word's cross-reference field shows, or a web address."""

    anchor: str | None = None
    number: int | None = None
    url: str | None = None


OnPaperOf = Callable[["Project", str], OnPaper]
_NOWHERE = OnPaper()


@dataclass(frozen=True)
class ReferenceKind:
    name: str
    ids: Ids
    label: Label
    target: Where
    on_paper: OnPaperOf = lambda p, i: _NOWHERE  # plain words on paper unless declared


def appendix_label(p: "Project", ident: str, words: Catalogue) -> str:
    """``Appendix 2`` (the publisher's word and number), or the item's own title when unnumbered."""
    return numbered_label(p, ident, words) or p.appendix_by_id[ident].item.title


def _theme(p: "Project", ident: str, words: Catalogue) -> str:
    theme = p.theme_by_id[ident]
    return words.text("site.reference.theme", number=p.theme_number(theme), label=theme.label)


def _subtheme(p: "Project", ident: str, words: Catalogue) -> str:
    sub = p.subtheme_by_id[ident]
    return words.text("site.reference.subtheme", code=p.subtheme_code(sub), label=sub.label)


def question_label(p: "Project", ident: str, words: Catalogue) -> str:
    entry = p.question_by_id[ident]
    if isinstance(entry.owner, Guide):
        return words.text(
            "site.reference.guide_question",
            appendix=appendix_label(p, entry.owner.id, words), number=entry.number,
        )
    return words.text("site.reference.set_question", number=entry.number, title=entry.owner.title)


def _implication(p: "Project", ident: str, words: Catalogue) -> str:
    if ident in p.group_by_id:
        group = p.group_by_id[ident]
        return words.text("site.reference.implication", number=p.group_number(group), title=group.title)
    return words.text("site.reference.action", code=p.action_code(p.action_by_id[ident]))


def _question_target(p: "Project", ident: str) -> paths.Target:
    entry = p.question_by_id[ident]
    return paths.Target(paths.owner_page(entry.owner), paths.question_anchor(ident))


def _implication_target(p: "Project", ident: str) -> paths.Target:
    prefix = "implication" if ident in p.group_by_id else "action"
    return paths.Target(paths.IMPLICATIONS, f"{prefix}-{ident}")


def _page_target(p: "Project", ident: str) -> paths.Target:
    page = p.page_by_id[ident]
    return paths.Target(paths.narrative_page(page.id, page.placement))


def _appendix_target(p: "Project", ident: str) -> paths.Target:
    return paths.Target(paths.appendix_page(ident))


def _printed_document(p: "Project", ident: str) -> OnPaper:
    return OnPaper(anchor=paths.document_anchor(ident))


def _printed_question(p: "Project", ident: str) -> OnPaper:
    return OnPaper(anchor=paths.question_anchor(ident), number=p.question_by_id[ident].number)


def _placeholder(p: "Project", ident: str, words: Catalogue) -> str:
    return p.placeholder_value(ident) or p.settings.placeholders[ident].label


_KINDS = (
    ReferenceKind("appendix", lambda p: p.appendix_by_id, appendix_label, _appendix_target, _printed_document),
    ReferenceKind("audience", lambda p: p.audience_by_id, lambda p, i, w: p.audience_by_id[i].name,
                  lambda p, i: paths.Target(paths.audience_page(i))),
    ReferenceKind("guide", lambda p: p.guide_by_id, appendix_label, _appendix_target, _printed_document),
    ReferenceKind("document", lambda p: p.document_by_id, appendix_label, _appendix_target, _printed_document),
    ReferenceKind("theme", lambda p: p.theme_by_id, _theme, lambda p, i: paths.Target(paths.theme_page(i))),
    ReferenceKind("subtheme", lambda p: p.subtheme_by_id, _subtheme,
                  lambda p, i: paths.Target(paths.theme_page(p.theme_of[i].id), f"subtheme-{i}")),
    ReferenceKind("question", lambda p: p.question_by_id, question_label, _question_target, _printed_question),
    ReferenceKind("question-set", lambda p: p.set_by_id, lambda p, i, w: p.set_by_id[i].title,
                  lambda p, i: paths.Target(paths.question_set_page(i)), _printed_document),
    ReferenceKind("implication", lambda p: {**p.group_by_id, **p.action_by_id}, _implication, _implication_target),
    ReferenceKind("resource", lambda p: p.resource_by_id, lambda p, i, w: p.resource_by_id[i].title,
                  lambda p, i: paths.Target(paths.RESOURCES, f"resource-{i}"),
                  lambda p, i: OnPaper(url=p.resource_by_id[i].url)),
    ReferenceKind("page", lambda p: p.page_by_id, lambda p, i, w: p.page_by_id[i].title, _page_target),
    ReferenceKind("placeholder", lambda p: p.settings.placeholders or {}, _placeholder, lambda p, i: None),
)

KINDS: Mapping[str, ReferenceKind] = MappingProxyType({kind.name: kind for kind in _KINDS})


def words_of(project: "Project") -> Catalogue:
    """The catalogue of the project's language, with the publisher's own strings."""
    return words_for(project)


def label(project: "Project", kind: str, ident: str, words: Catalogue | None = None) -> str:
    return KINDS[kind].label(project, ident, words or words_of(project))


def target(project: "Project", kind: str, ident: str) -> "paths.Target | None":
    return KINDS[kind].target(project, ident)
