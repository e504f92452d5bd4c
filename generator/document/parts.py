"""Builder functions the site's pages and the printed documents share.

Each takes the builder of its run (``b``, an :class:`ItemBuilder`: the site's
:class:`~.build.Builder` or the printables' :class:`~.printables.PrintBuilder`), which
offers the same things: the Project (``b.p``), words of the catalogue (``b.t``, ``b.rich``:
the site's area, or the printables' over it) and the one reader of content text
(``b.text``, a :class:`~.text.ContentText`, with ``plain``, ``inline`` and ``blocks``). So the
skip-rule sentence, a reference, a document's fields, tick boxes, signatures and FAQ,
a question's notes and skip rules and a section's heading are made in one place, in the
same words on the page and on paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol

from generator.project import reference_kinds
from generator.project import addresses as paths
from generator.models import FaqBlock, FieldsBlock, GuideQuestion, ListBlock, Paragraph, SignaturesBlock, TickBoxesBlock
from generator.project.references import Reference
from generator.strings import Catalogue
from generator.strings.foreign import kept
from generator.document import nodes as n

if TYPE_CHECKING:
    from generator.project import Project
    from generator.document.text import ContentText


class ItemBuilder(Protocol):
    """What a builder of one run offers these parts: the site's :class:`~.build.Builder` and
    the printables' :class:`~.printables.PrintBuilder` both."""

    p: "Project"
    words: Catalogue
    text: "ContentText"

    def t(self, name: str, **values: Any) -> str: ...

    def rich(self, name: str, **values: Any) -> n.Inlines: ...


def squash(text: str) -> str:
    """The words of ``text`` one space apart (words in another language stay :class:`ForeignWords`)."""
    return kept(text, " ".join(text.split()))


def section_anchor(section_id: str) -> str:
    return f"section-{section_id}"  # section ids are unique in a project


def reference(p: Any, words: Catalogue, ref: Reference, blank: Callable[[str], str]) -> n.Inline:
    """A ``[[kind:id]]`` reference as a node: where it points on the site and on paper.

    An unfilled placeholder is a :class:`~.nodes.Blank` whose words (``blank(label)``)
    name what belongs there; a filled one is its value.
    """
    if ref.kind == "placeholder":
        value = p.placeholder_value(ref.id)
        if value is None:
            label = p.settings.placeholders[ref.id].label
            return n.Blank(label, blank(label))
        return n.Text(squash(value))
    kind = reference_kinds.KINDS[ref.kind]
    paper = kind.on_paper(p, ref.id)
    return n.CrossRef(kind.label(p, ref.id, words), kind.target(p, ref.id), paper.anchor, paper.number, paper.url)


def skip_rule(b: ItemBuilder, rule: Any, owner: Any) -> n.Inlines:
    """A skip rule in words, with references to the questions and section it names."""
    p = b.p
    page = paths.owner_page(owner)

    def question(entry: Any) -> n.CrossRef:
        anchor = paths.question_anchor(entry.question.id)
        return n.CrossRef(b.t("skip.question", number=entry.number), paths.Target(page, anchor), anchor, entry.number)

    at = question(p.question_by_id[rule.if_covered_at])
    sections = {s.id: s for s in owner.sections}
    if rule.target in sections:
        section = sections[rule.target]
        anchor = section_anchor(section.id)
        words = b.t("skip.section", number=p.section_number(owner, section), title=squash(section.title))
        target = n.CrossRef(words, paths.Target(page, anchor), anchor)
    else:
        target = question(p.question_by_id[rule.target])
    name = "skip.then_skip" if rule.then == "skip" else "skip.then_partial"
    return b.rich(name, topic=squash(rule.topic), at=(at,), target=(target,))


def asides(b: ItemBuilder, q: Any, owner: Any, note_title: str, skip_title: str) -> tuple[tuple[n.Callout, ...], ...]:
    """A guide question's facilitator notes and skip rules, each set apart under its title."""
    if not isinstance(q, GuideQuestion):
        return (), ()
    notes = tuple(n.Callout("note", note_title, (n.Para(b.text.inline(note.text)),)) for note in q.notes)
    skips = tuple(n.Callout("skip", skip_title, (n.Para(skip_rule(b, rule, owner)),)) for rule in q.skip_logic)
    return notes, skips


def question(b: ItemBuilder, q: Any, owner: Any, prompts_label: str, asides_titles: tuple[str, str],
             **more: Any) -> n.Question:
    """A question with its number (the Project's), prompts, notes and skip rules (``more``: what
    only the site or only paper shows, e.g. links and source, or the scale and a space to write in)."""
    number = b.p.question_by_id[q.id].number
    notes, skips = asides(b, q, owner, *asides_titles) if asides_titles else ((), ())
    return n.Question(
        anchor=paths.question_anchor(q.id),
        number=number,
        number_label=b.t("question_number", number=number),
        text=b.text.plain(squash(q.text)),
        prompts_label=prompts_label,
        prompts=tuple(b.text.plain(squash(pr.text)) for pr in q.prompts),
        notes=notes,
        skips=skips,
        **more,
    )


def section_heading(words: str | n.Inlines, section: Any) -> n.Heading:
    """A section's heading: its words (a string, or inline nodes that keep each part's language)."""
    return n.Heading(2, (n.Text(squash(words)),) if isinstance(words, str) else words, section_anchor(section.id))


def source_line(words: str, url: str | None = None) -> n.Para:
    """Where an item comes from (linked to the report when it has an address)."""
    text = n.Text(words)
    return n.Para((n.ExternalLink(url, (text,)),) if url else (text,), "source", searchable=False)


def response_options(b: ItemBuilder, guide: Any) -> n.ItemList:
    return n.ItemList(tuple(
        (n.Strong((n.Text(squash(o.label)),)), n.Text(": "), *b.text.inline(o.text)) for o in guide.response_options
    ), ordered=True)


def guide_facts(b: ItemBuilder, guide: Any) -> str:
    """``12 questions in 4 sections; about 60 minutes.``: what a guide holds, and how long it takes."""
    count = sum(len(s.questions) for s in guide.sections)
    facts = b.t("guide.facts", questions=b.t("count.questions", count=count),
                sections=b.t("count.sections", count=len(guide.sections)))
    if guide.duration:
        facts = b.t("guide.facts_and", facts=facts, more=squash(guide.duration))
    return b.t("guide.facts_end", facts=facts)


def scale_options(qset: Any) -> tuple[n.ScaleOption, ...]:
    return tuple(
        n.ScaleOption(str(o.value), squash(o.label), squash(o.description or "")) for o in qset.scale.options
    )


def document_block(b: ItemBuilder, block: Any, box_label: str | None = None,
                   number: Callable[[int], str] | None = None) -> list[n.Block]:
    """One block of a document template; ``box_label``: the words of an initials box, and
    ``number``: a statement's number as printed beside it."""
    if isinstance(block, Paragraph):
        return list(b.text.blocks(block.text))
    if isinstance(block, ListBlock):
        return [n.ItemList(tuple(b.text.inline(item) for item in block.items), ordered=block.ordered)]
    if isinstance(block, FieldsBlock):
        return [n.Fields(tuple(
            n.FieldRow(squash(f.label), () if f.write_in else b.text.inline(f.value), f.write_in)
            for f in block.fields
        ))]
    if isinstance(block, TickBoxesBlock):
        items = tuple(b.text.inline(item) for item in block.items)
        if not block.initials:
            return [n.TickBoxes(items)]
        numbers = tuple(number(i) for i in range(1, len(items) + 1)) if number else ()
        return [n.TickBoxes(items, box_label, numbers)]
    if isinstance(block, SignaturesBlock):
        return [n.Signatures(tuple(squash(line) for line in block.lines), tuple(squash(s) for s in block.signers))]
    if isinstance(block, FaqBlock):
        out: list[n.Block] = []
        for item in block.items:
            out += [n.Heading(3, b.text.plain(squash(item.question))), *b.text.blocks(item.answer)]
        return out
    raise TypeError(block)  # pragma: no cover - the models admit no other block


def words_list(b: Any, items: list[str]) -> str:
    """``a, b and c`` in the site's language."""
    if len(items) < 2:
        return "".join(items)
    return b.t("list.last", items=b.t("list.separator").join(items[:-1]), last=items[-1])


def present_kinds(b: Any, kinds: tuple[tuple[str, bool], ...]) -> str:
    """The plural names of the kinds that are present, as a list in the site's language."""
    return words_list(b, [b.words.kind(kind, plural=True) for kind, present in kinds if present])
