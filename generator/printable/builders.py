"""Building the print tree from the Project: one builder method per kind of printable.

Two versions of each appendix a respondent receives: the annotated template for the
people adopting it (title with its appendix label, "About this template", source lines)
and a participant version to hand out (its own title, none of that). Every word Reflect
adds comes from the catalogue; every number from the Project.
"""

from __future__ import annotations

import dataclasses
import re

from ..models import (
    Document,
    FaqBlock,
    FieldsBlock,
    Guide,
    GuideQuestion,
    ListBlock,
    Paragraph as ParagraphBlock,
    QuestionSet,
    SetQuestion,
    SignaturesBlock,
    SkipRule,
    TickBoxesBlock,
)
from ..project import Project
from ..numbering import numbered_label, words_for
from ..strings import Catalogue
from .document import (
    Block,
    Callout,
    FieldRow,
    Fields,
    Furniture,
    Heading,
    Inline,
    ListOf,
    Para,
    PrintDoc,
    Question,
    Run,
    ScaleChoice,
    Signatures,
    TickBoxes,
    doc_anchor,
    plain_text,
    question_anchor,
    section_anchor,
)
from .inline import _merge, _Text

NOTES_SPACE_MM = {"none": 0, "small": 20, "medium": 32, "large": 55}
WRITTEN = "written-questions"  # the guide format printed for the person answering
_PIECE = re.compile("\ue010(\\w+)\ue011")


def _squash(text: str) -> str:
    return " ".join(text.split())


def has_participant_version(item) -> bool:
    """Documents are handed out; so are guides whose respondents answer in writing."""
    return isinstance(item, Document) or (isinstance(item, Guide) and item.format == WRITTEN)


class DocumentBuilder:
    """Makes the PrintDoc of each appendix and question set, and each participant version."""

    def __init__(self, project: Project, catalogue: Catalogue | None = None):
        self.p = project
        self.words = catalogue or words_for(project)
        self.t = _Text(project, self.words)

    def w(self, name: str, **values) -> str:
        return self.words.text(f"print.{name}", **values)

    # --- whole documents ------------------------------------------------------------------

    def all(self) -> tuple[PrintDoc, ...]:
        docs: list[PrintDoc] = []
        for appendix in self.p.appendices:
            item = appendix.item
            docs.append(self.guide(item) if isinstance(item, Guide) else self.document(item))
        docs += [self.question_set(qset) for qset in self.p.question_sets]
        return tuple(docs)

    def participant_versions(self) -> tuple[PrintDoc, ...]:
        out = []
        for appendix in self.p.appendices:
            item = appendix.item
            if has_participant_version(item):
                out.append(self.guide(item, True) if isinstance(item, Guide) else self.document(item, True))
        return tuple(out)

    def _common(self, item, kind: str, label, subject: str, blocks: list[Block], participant=False,
                study: Inline = ()) -> PrintDoc:
        site = self.p.settings.site
        title = _squash(getattr(item, "participant_title", None) or item.title) if participant else _squash(item.title)
        heading = self.w("heading_with_label", label=label, title=title) if label and not participant else title
        version, date = getattr(item, "version", None), getattr(item, "date", None)
        if version and date:
            edition = self.w("document_edition", version=_squash(version), date=date)
        else:
            edition = self.w("content_edition", version=site.content_version, date=site.publication_date)
        site_title = _squash(site.title)
        footer = self.w("footer", site=title if participant else site_title, edition=edition)
        licence = self.p.settings.licence
        rights = self.w("licence", id=licence.id, url=licence.url or "") if licence else ""
        category = self.w({"guide": "kind_guide", "document": "kind_document"}.get(kind, "kind_question_set"))
        return PrintDoc(
            id=item.id,
            kind=kind,
            title=title,
            label=None if participant else label,
            subject=subject,
            language=site.language,
            site_title=site_title,
            organisation=_squash(site.organisation),
            edition=edition,
            publication_date=site.publication_date,
            blocks=tuple(blocks),
            sources=(item.origin_file, "content/settings.yml", "content/appendices.yml"),
            heading=heading,
            page=Furniture(
                header=plain_text(study) if study and participant else heading,
                study=study,
                footer=footer,
                page_of=self.words.text("print.page_of", page="{page}", pages="{pages}"),
                font=_squash(self.p.settings.print.font),
                category=category,
                comments=" ".join(filter(None, (
                    self.w("made_by", site=site_title, edition=edition, source=item.origin_file), rights))),
                licence=rights,
            ),
            variant="participant" if participant else "adopter",
        )

    def _subject(self, markdown_text: str) -> str:
        """A short plain-text description: whole sentences, at most 250 characters."""
        text = _squash(" ".join(plain_text(b.text) for b in self.t.blocks(markdown_text) if isinstance(b, Para)))
        if len(text) <= 250:
            return text
        kept = ""
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(kept) + len(sentence) + 1 > 250:
                break
            kept = f"{kept} {sentence}".strip()
        return kept or text[:249].rsplit(" ", 1)[0] + "…"

    def _title(self, item, heading: str) -> Heading:
        return Heading(1, (Run(heading),), doc_anchor(item.id))

    def _space(self, owner) -> int:
        size = owner.notes_space
        if size is None:
            size = "medium" if self.p.settings.print.notes_space else "none"
        return NOTES_SPACE_MM[size] if size in NOTES_SPACE_MM else int(size[:-2])

    def _section_heading(self, index: int, section) -> Heading:
        text = self.w("numbered", number=index, text=_squash(section.title))
        return Heading(2, (Run(text),), section_anchor(section.id))

    # --- topic guides -------------------------------------------------------------------------

    def guide(self, guide: Guide, participant: bool = False) -> PrintDoc:
        p, t = self.p, self.t
        label = numbered_label(p, guide.id, self.words)
        written = guide.format == WRITTEN
        blocks: list[Block] = []
        if participant:
            if guide.respondent_intro:
                blocks += t.blocks(guide.respondent_intro, "lead")
            if guide.respondent_fields:
                blocks.append(Fields(tuple(FieldRow(_squash(f), (), True) for f in guide.respondent_fields)))
        else:
            blocks += t.blocks(guide.summary, "lead")
            blocks.append(Para((Run(self._facts(guide), italic=True),), "meta"))
            if guide.opening_script:
                title = self.w("introduction" if written else "opening_script")
                blocks.append(Callout("script", title, t.blocks(guide.opening_script.text)))
        if guide.response_options:
            blocks.append(Heading(2, (Run(self.w("ways_to_respond")),)))
            items = tuple(
                _merge([Run(_squash(o.label), bold=True), Run(": "), *t.inline(o.text)])
                for o in guide.response_options
            )
            blocks.append(ListOf(items, ordered=True))
        number = 0
        for index, section in enumerate(guide.sections, 1):
            blocks.append(self._section_heading(index, section))
            if section.intro and not participant:
                blocks.append(Callout("intro", self.w("introduce_section"), t.blocks(section.intro)))
            for question in section.questions:
                number += 1
                blocks.append(self._guide_question(guide, question, number, participant))
        if guide.closing_script and not participant:
            blocks.append(Callout("script", self.w("closing_script"), t.blocks(guide.closing_script.text)))
        if not participant:
            blocks.append(self._source(guide.source))
        doc = self._common(guide, "guide", label, self._subject(guide.summary), blocks, participant)
        blocks.insert(0, self._title(guide, doc.heading))
        return _with_blocks(doc, blocks)

    def _facts(self, guide: Guide) -> str:
        count = sum(len(s.questions) for s in guide.sections)
        facts = [self.w("guide_facts", questions=self.w("question_count", count=count),
                        sections=self.w("section_count", count=len(guide.sections)))]
        if guide.duration:
            facts.append(_squash(guide.duration))
        return self.w("meta_end", facts=self.w("facts_separator").join(facts))

    def _guide_question(self, guide: Guide, question: GuideQuestion, number: int, participant: bool) -> Question:
        t = self.t
        written = guide.format == WRITTEN
        space = self._space(guide)
        text = t.plain(question.text)
        return Question(
            number=number,
            anchor=question_anchor(question.id),
            text=text,
            prompts_label=_squash(guide.prompts_label),
            prompts=tuple(t.plain(pr.text) for pr in question.prompts),
            notes=() if participant else tuple(t.inline(note.text) for note in question.notes),
            skips=() if participant else tuple(self._skip(rule, guide) for rule in question.skip_logic),
            space_label=(self.w("answer_space" if written else "notes_space") if space else None),
            space_mm=space,
            number_label=self.w("question_number", number=number),
            note_label=self.w("facilitator_note"),
            skip_label=self.w("skip_label"),
        )

    def _skip(self, rule: SkipRule, owner: Guide) -> Inline:
        """The skip rule in words, as on the site, with links to the questions it names."""
        p = self.p
        at = p.question_by_id[rule.if_covered_at]
        at_run = Run(self.w("question_ref", number=at.number), target=question_anchor(at.question.id),
                     number=at.number)
        sections = {s.id: s for s in owner.sections}
        if rule.target in sections:
            section = sections[rule.target]
            number = p.section_number(owner, section)
            target = Run(self.w("section_ref", number=number, title=_squash(section.title)),
                         target=section_anchor(section.id))
        else:
            entry = p.question_by_id[rule.target]
            target = Run(self.w("question_ref", number=entry.number), target=question_anchor(rule.target),
                         number=entry.number)
        name = "skip_skip" if rule.then == "skip" else "skip_focus"
        return self._sentence(name, topic=_squash(rule.topic), at=at_run, target=target)

    def _sentence(self, name: str, **pieces) -> Inline:
        """A catalogue sentence whose named pieces are runs of their own (links)."""
        marks = {key: f"\ue010{key}\ue011" if isinstance(v, Run) else v for key, v in pieces.items()}
        text = self.w(name, **marks)
        runs: list[Run] = []
        last = 0
        for match in _PIECE.finditer(text):
            runs.append(Run(text[last : match.start()]))
            runs.append(pieces[match.group(1)])
            last = match.end()
        runs.append(Run(text[last:]))
        return _merge(runs)

    # --- reflective question sets ---------------------------------------------------------------

    def question_set(self, qset: QuestionSet) -> PrintDoc:
        p, t = self.p, self.t
        audience = p.audience_by_id[qset.audience]
        blocks: list[Block] = [Para((Run(self.w("for_audience", audience=_squash(audience.name)), italic=True),),
                                    "meta")]
        blocks += t.blocks(qset.purpose, "lead")
        blocks.append(Para((Run(self.w("rating_scale", label=_squash(qset.scale.label)), bold=True),)))
        blocks.append(
            ListOf(
                tuple(
                    _merge(
                        [Run(f"{o.value}. "), Run(_squash(o.label), bold=True)]
                        + ([Run(": " + _squash(o.description))] if o.description else [])
                    )
                    for o in qset.scale.options
                )
            )
        )
        scale = tuple(ScaleChoice(o.value, _squash(o.label)) for o in qset.scale.options)
        number = 0
        for index, section in enumerate(qset.sections, 1):
            blocks.append(self._section_heading(index, section))
            if section.intro:
                blocks += t.blocks(section.intro)
            for question in section.questions:
                number += 1
                blocks.append(self._set_question(qset, question, number, scale))
        blocks.append(self._source(qset.source))
        doc = self._common(qset, "question-set", None, self._subject(qset.purpose), blocks)
        blocks.insert(0, self._title(qset, doc.heading))
        return _with_blocks(doc, blocks)

    def _set_question(self, qset: QuestionSet, question: SetQuestion, number: int,
                      scale: tuple[ScaleChoice, ...]) -> Question:
        t = self.t
        space = self._space(qset)
        text = t.plain(question.text)
        return Question(
            number=number,
            anchor=question_anchor(question.id),
            text=text,
            prompts_label=self.w("think_about"),  # as on the site
            prompts=tuple(t.plain(pr.text) for pr in question.prompts),
            scale_label=_squash(qset.scale.label),
            scale=scale,
            space_label=_squash(qset.response_label) if space else None,
            space_mm=space,
            number_label=self.w("question_number", number=number),
        )

    # --- document templates -------------------------------------------------------------------

    def document(self, doc: Document, participant: bool = False) -> PrintDoc:
        p, t = self.p, self.t
        label = numbered_label(p, doc.id, self.words)
        blocks: list[Block] = []
        if not participant:
            blocks.append(Callout("about", self.w("about_template"), t.blocks(doc.summary)))
        for section in doc.sections:
            if section.heading:
                blocks.append(Heading(2, (Run(_squash(section.heading)),), section_anchor(section.id)))
            made: list[Block] = []
            for block in section.blocks:
                if isinstance(block, TickBoxesBlock) and block.initials:
                    # What introduces the statements stays on their page.
                    made = [dataclasses.replace(b, role="keep") if isinstance(b, Para) else b for b in made]
                made += self._document_block(block)
            blocks += made
        if not participant:
            blocks.append(self._source(doc.source))
        study = t.plain(doc.page_header) if doc.page_header else ()
        made = self._common(doc, "document", label, self._subject(doc.summary), blocks, participant, study)
        blocks.insert(0, self._title(doc, made.heading))
        return _with_blocks(made, blocks)

    def _document_block(self, block) -> list[Block]:
        t = self.t
        if isinstance(block, ParagraphBlock):
            return list(t.blocks(block.text))
        if isinstance(block, ListBlock):
            return [ListOf(tuple(t.inline(item) for item in block.items), block.ordered)]
        if isinstance(block, FieldsBlock):
            return [Fields(tuple(
                FieldRow(_squash(f.label), () if f.write_in else t.inline(f.value), f.write_in)
                for f in block.fields
            ))]
        if isinstance(block, TickBoxesBlock):
            box = self.w("initials") if block.initials else None
            return [TickBoxes(tuple(t.inline(item) for item in block.items), box)]
        if isinstance(block, SignaturesBlock):
            columns = tuple(_squash(line) for line in block.lines)
            return [Signatures(columns, tuple(_squash(s) for s in block.signers) or ("",))]
        if isinstance(block, FaqBlock):
            out: list[Block] = []
            for item in block.items:
                out.append(Heading(3, t.plain(item.question)))
                out += t.blocks(item.answer)
            return out
        raise TypeError(block)  # pragma: no cover - the models admit no other block

    def _source(self, source: str) -> Para:
        report = self.p.settings.report
        if report is None:
            return Para((Run(self.words.text("numbering.source", source=_squash(source))),), "source")
        text = self.w("source", source=_squash(source), report=_squash(report.title))
        return Para((Run(text, href=report.url) if report.url else Run(text),), "source")


def _with_blocks(doc: PrintDoc, blocks: list[Block]) -> PrintDoc:
    return dataclasses.replace(doc, blocks=tuple(blocks))
