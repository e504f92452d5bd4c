"""What every page builder shares: the Project, the catalogue, content text and helpers.

A :class:`Builder` belongs to one run (one site build): it owns the content-text cache
and the catalogue of the site's language. Builders of each kind of page are functions
taking it (:mod:`.pages`, :mod:`.findings`, :mod:`.questions`, :mod:`.appendices`).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from markdown.extensions.toc import slugify

from generator.strings.foreign import ForeignWords, kept
from generator.project import reference_kinds
from generator.project import addresses as paths
from generator.project import Project, QuestionEntry
from generator.project.references import Reference
from generator.project.numbering import numbered_label, words_for
from generator.strings import Catalogue
from generator.document import nodes as n
from generator.document import parts
from generator.document.foreign import with_foreign_nodes
from generator.document.text import ContentText

def plain_text(children: n.Inlines) -> str:
    """The words of some inline nodes (or an element's children), without their look."""
    out = []
    for child in children:
        if isinstance(child, n.Text):
            out.append(child.text)
        elif isinstance(child, n.CrossRef):
            out.append(child.label)
        elif isinstance(child, n.Blank):
            out.append(child.text)
        else:
            out.append(plain_text(getattr(child, "children", ())))
    return "".join(out)


def catalogue_words(words: Catalogue, key: str, **values: Any) -> str:
    """A catalogue string; one that fell back to English is :class:`ForeignWords` that say so.

    Formatted into another string, it is plain words there (see :mod:`generator.strings.foreign`).
    """
    text = words.text(key, **values)
    language = words.language_of(key)
    return ForeignWords(text, language, "fallback") if language != words.language else text


class Builder:
    def __init__(self, project: Project, words: Catalogue | None = None):
        self.p = project
        self.words = words or words_for(project)
        self.text = ContentText(self.resolve)

    def t(self, name: str, **values: Any) -> str:
        """An interface string of the site, from the catalogue (:class:`ForeignWords` when it fell back to English)."""
        return catalogue_words(self.words, f"site.{name}", **values)

    # --- references and links ------------------------------------------------------------------

    def resolve(self, ref: Reference) -> n.Inline:
        return parts.reference(self.p, self.words, ref, lambda label: self.t("blank", label=label))

    def appendix_label(self, item_id: str) -> str:
        return reference_kinds.appendix_label(self.p, item_id, self.words)

    def appendix_title(self, item: Any) -> str:
        label = numbered_label(self.p, item.id, self.words)
        return self.t("appendix_title", label=label, title=item.title) if label else item.title

    def appendix_heading(self, item: Any) -> n.Inlines:
        """:meth:`appendix_title` as inline nodes: the item's title keeps its language (see :func:`rich`)."""
        label = numbered_label(self.p, item.id, self.words)
        return self.rich("appendix_title", label=label, title=item.title) if label else (n.Text(item.title),)

    def owner_title(self, owner: Any) -> str:
        return self.appendix_title(owner) if self.p.appendix_by_id.get(owner.id) else owner.title

    def link(self, target: paths.Target, words: str) -> n.Link:
        return n.Link(target, (n.Text(words),))

    def page_link(self, page: str, words: str) -> n.Link:
        return self.link(paths.Target(page), words)

    def bank_link(self, words: str, **filters: str) -> n.Link:
        """A link to the question bank filtered (its fragment keys: audience, owner, theme, subtheme)."""
        fragment = "&".join(f"{key}={value}" for key, value in filters.items() if value)
        return self.link(paths.Target(paths.QUESTION_BANK, fragment), words)

    def question_ref(self, entry: QuestionEntry) -> n.Inlines:
        """``Appendix 1, question 5: <text>`` linking to the question in context."""
        target = paths.Target(paths.owner_page(entry.owner), paths.question_anchor(entry.question.id))
        if entry.owner_kind == "guide":
            where = self.t("question_in_guide", appendix=self.appendix_label(entry.owner.id), number=entry.number)
        else:
            where = self.t("question_in_set", title=entry.owner.title, number=entry.number)
        return (self.link(target, where), n.Text(": "), n.Text(parts.squash(entry.question.text)))

    def subtheme_link(self, sid: str) -> n.Link:
        sub = self.p.subtheme_by_id[sid]
        target = paths.Target(paths.theme_page(self.p.theme_of[sid].id), f"subtheme-{sid}")
        return n.Link(target, self.rich("subtheme_name", code=self.p.subtheme_code(sub), label=sub.label))

    def action_link(self, aid: str) -> n.Link:
        group = self.p.group_of_action[aid]
        code = self.p.action_code(self.p.action_by_id[aid])
        return n.Link(paths.Target(paths.IMPLICATIONS, f"action-{aid}"),
                      self.rich("action_name", code=code, title=group.title))

    # --- blocks ----------------------------------------------------------------------------------

    def source(self, text: str) -> n.Para:
        return parts.source_line(self.t("source", source=" ".join(text.split())))

    def heading(self, level: int, words: str | n.Inlines, anchor: str | None = None) -> n.Heading:
        children = (n.Text(kept(words, " ".join(words.split()))),) if isinstance(words, str) else words
        return n.Heading(level, children, anchor)

    def para(self, words: str) -> n.Para:
        return n.Para((n.Text(words),))

    def rich(self, name: str, **values: Any) -> n.Inlines:
        """A catalogue string of the site whose `code` and **strong** stretches are marked as such."""
        return rich(self.words, f"site.{name}", **values)

    def page(self, path: str, title: str, body: Iterable[Any], source: str | None, search: bool = True) -> n.Page:
        """A page, its headings given anchors (where they have none) and listed for the contents."""
        used: set[str] = set()
        toc: list[n.TocEntry] = []
        done = [self._anchored(with_foreign_nodes(block), used, toc) for block in body if block is not None]
        return n.Page(path, " ".join(title.split()), tuple(done), source, search, tuple(toc))

    def _anchored(self, block: Any, used: set[str], toc: list[n.TocEntry]) -> Any:
        if isinstance(block, n.Heading):
            words = plain_text(block.children)
            anchor = block.anchor or _unique(slugify(words, "-"), used)
            used.add(anchor)
            toc.append(n.TocEntry(block.level, anchor, words))
            return n.Heading(block.level, block.children, anchor)
        if isinstance(block, n.Question):
            used.add(block.anchor)
            toc.append(n.TocEntry(3, block.anchor, f"{block.number_label} {plain_text(block.text)}"))
        return block


def rich(words: Catalogue, key: str, **values: Any) -> n.Inlines:
    """A catalogue string whose `code` and **strong** stretches are marked as such.

    Values are filled in after the marks are found, so content never becomes markup; a
    value that is a tuple of inline nodes stays nodes (a link, a cross-reference), and a
    value that is :class:`ForeignWords` stays so (in its own ``Text``), as do the string's
    own words when it fell back to English. The
    fields travel between two private-use characters from formatting to filling; the same
    characters written into a catalogue string around another name stay as written.
    """
    template = words.text(key, **{k: v if k == "count" else f"\ue000{k}\ue001" for k, v in values.items()})
    language = words.language_of(key)
    own = (lambda text: ForeignWords(text, language, "fallback")) if language != words.language else str
    out: list[Any] = []
    for part in _MARKS.split(template):
        if not part:
            continue
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(n.Code(_fill(part[1:-1], values)))
        elif part.startswith("**") and part.endswith("**") and len(part) > 3:
            out.append(n.Strong((n.Text(own(_fill(part[2:-2], values))),)))
        else:
            out.extend(_filled(part, values, own))
    return tuple(out)


_MARKS = re.compile(r"(`[^`]*`|\*\*[^*]+\*\*)")
_FIELD = re.compile("\ue000(\\w+)\ue001")


def _fill(text: str, values: dict[str, Any]) -> str:
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def _filled(text: str, values: dict[str, Any], own: Any = str) -> list[Any]:
    """Text with its fields filled: a field holding inline nodes keeps them as nodes; ``own``
    makes the string's own words (:class:`ForeignWords` when it fell back)."""
    out: list[Any] = []
    last = 0
    for match in _FIELD.finditer(text):
        if match.group(1) not in values:  # the same characters written into the catalogue: as they are
            continue
        if match.start() > last:
            out.append(n.Text(own(text[last : match.start()])))
        value = values[match.group(1)]
        out.extend(value if isinstance(value, tuple) else (n.Text(value if isinstance(value, str) else str(value)),))
        last = match.end()
    if last < len(text):
        out.append(n.Text(own(text[last:])))
    return out


def _unique(anchor: str, used: set[str]) -> str:
    candidate, number = anchor, 0
    while candidate in used:
        number += 1
        candidate = f"{anchor}_{number}"
    return candidate
