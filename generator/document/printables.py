"""Builders of the printed documents: one :class:`~.nodes.Printable` per appendix and question set.

The PDF writer (:mod:`generator.writers.pdf.typst`) and the Word writer
(:mod:`generator.writers.word.writer`) never read the Project or the site: they walk
the trees made here, so a PDF and its DOCX hold the same words in the same order,
numbered exactly as on the site. What the site's pages say too (a reference, the skip
rule, a document's fields, tick boxes, signatures and FAQ, a section's heading) is made
by the same functions (:mod:`.parts`) from the same words; words only paper needs are
under ``print.`` in the catalogue.

Two versions of each appendix a respondent receives: the annotated template for the
people adopting it (title with its appendix label, "About this template", source lines)
and a participant version to hand out (its own title, none of that).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from generator.models import Document, Guide, GuideQuestion, QuestionSet, SetQuestion, TickBoxesBlock
from generator.project.numbering import numbered_label, words_for
from generator.project import Project
from generator.project.references import Reference
from generator.strings import Catalogue
from generator.document import nodes as n
from generator.document import parts
from generator.document.build import catalogue_words, plain_text, rich
from generator.document.foreign import with_foreign_nodes
from generator.document.parts import squash
from generator.document.text import ContentText

NOTES_SPACE_MM = {"none": 0, "small": 20, "medium": 32, "large": 55}
WRITTEN = "written-questions"  # the guide format printed for the person answering


def has_participant_version(item: Any) -> bool:
    """Documents are handed out; so are guides whose respondents answer in writing."""
    return isinstance(item, Document) or (isinstance(item, Guide) and item.format == WRITTEN)


def build_documents(project: Project, catalogue: Catalogue | None = None,
                    participant: bool = False) -> tuple[n.Printable, ...]:
    """Every appendix in appendix order, then every question set (or every participant version).

    Built once per printable build (``downloads.plan``); the site's Downloads page is written
    from the files that build made, so nothing here is kept between calls.
    """
    builder = PrintBuilder(project, catalogue)
    return builder.participant_versions() if participant else builder.all()


class PrintBuilder:
    """Makes the Printable of each appendix and question set, and each participant version.

    It belongs to one run: it owns the reader of content text (and so its cache).
    """

    def __init__(self, project: Project, catalogue: Catalogue | None = None):
        self.p = project
        self.words = catalogue or words_for(project)
        self.text = ContentText(self.resolve)

    def w(self, name: str, **values: Any) -> str:
        """Words only paper needs (:class:`ForeignWords` when they fell back to English)."""
        return catalogue_words(self.words, f"print.{name}", **values)

    def t(self, name: str, **values: Any) -> str:
        """Words the site says too (:class:`ForeignWords` when they fell back to English)."""
        return catalogue_words(self.words, f"site.{name}", **values)

    def rich(self, name: str, **values: Any) -> n.Inlines:
        return rich(self.words, f"site.{name}", **values)

    def resolve(self, ref: Reference) -> n.Inline:
        return parts.reference(self.p, self.words, ref, lambda label: self.t("blank", label=label))

    # --- whole documents ------------------------------------------------------------------

    def all(self) -> tuple[n.Printable, ...]:
        docs: list[n.Printable] = []
        for appendix in self.p.appendices:
            item = appendix.item
            docs.append(self.guide(item) if isinstance(item, Guide) else self.document(item))
        docs += [self.question_set(qset) for qset in self.p.question_sets]
        return tuple(docs)

    def participant_versions(self) -> tuple[n.Printable, ...]:
        out = []
        for appendix in self.p.appendices:
            item = appendix.item
            if has_participant_version(item):
                out.append(self.guide(item, True) if isinstance(item, Guide) else self.document(item, True))
        return tuple(out)

    def _printable(self, item: Any, kind: str, label: str | None, subject: str, blocks: list[n.Block],
                   participant: bool = False, study: n.Inlines = ()) -> n.Printable:
        """The document's root: its title first, then ``blocks``, with what every page repeats."""
        site = self.p.settings.site
        title = squash(getattr(item, "participant_title", None) or item.title) if participant else squash(item.title)
        heading = self.t("appendix_title", label=label, title=title) if label and not participant else title
        words = self.rich("appendix_title", label=label, title=title) if label and not participant else (n.Text(title),)
        edition = self._edition(item)
        site_title = squash(site.title)
        licence = self.p.settings.licence
        rights = self.w("licence", id=licence.id, url=licence.url or "") if licence else ""
        made_by = self.w("made_by", site=site_title, edition=edition, source=item.origin_file)
        category = self.w({"guide": "kind_guide", "document": "kind_document"}.get(kind, "kind_question_set"))
        page = n.Furniture(
            header=plain_text(study) if study and participant else heading,
            study=with_foreign_nodes(study),
            footer=self.w("footer", site=title if participant else site_title, edition=edition),
            page_of=self.words.text("print.page_of", page="{page}", pages="{pages}"),
            font=squash(self.p.settings.print.font),
            category=category,
            keywords=", ".join(k for k in (None if participant else label, site_title, category) if k),
            comments=" ".join(filter(None, (made_by, rights))),
            licence=rights,
        )
        return n.Printable(
            id=item.id, kind=kind, title=title, label=None if participant else label, subject=subject,
            language=site.language, site_title=site_title, organisation=squash(site.organisation),
            edition=edition, publication_date=site.publication_date,
            blocks=with_foreign_nodes((n.Heading(1, words, n.doc_anchor(item.id)), *blocks)),
            sources=(item.origin_file, "content/settings.yml", "content/appendices.yml"),
            heading=heading, page=page, variant="participant" if participant else "adopter",
        )

    def _edition(self, item: Any) -> str:
        site = self.p.settings.site
        version, date = getattr(item, "version", None), getattr(item, "date", None)
        if version and date:
            return self.w("document_edition", version=squash(version), date=date)
        return self.w("content_edition", version=site.content_version, date=site.publication_date)

    def _space(self, owner: Any) -> int:
        size = owner.notes_space
        if size is None:
            size = "medium" if self.p.settings.print.notes_space else "none"
        return NOTES_SPACE_MM[size] if size in NOTES_SPACE_MM else int(size[:-2])

    def _section_heading(self, owner: Any, section: Any) -> n.Heading:
        number = self.p.section_number(owner, section)
        return parts.section_heading(rich(self.words, "print.numbered", number=number, text=squash(section.title)),
                                     section)

    def _source(self, source: str) -> n.Para:
        report = self.p.settings.report
        if report is None:
            return parts.source_line(self.words.text("numbering.source", source=squash(source)))
        return parts.source_line(self.w("source", source=squash(source), report=squash(report.title)), report.url)

    def _question(self, q: GuideQuestion | SetQuestion, owner: Any, prompts_label: str,
                  space_label: str, participant: bool = False, **scale: Any) -> n.Question:
        space = self._space(owner)
        asides = () if participant else (self.w("facilitator_note"), self.w("skip_label"))
        return parts.question(self, q, owner, prompts_label, asides,
                              space_label=space_label if space else None, space_mm=space, **scale)

    # --- topic guides -------------------------------------------------------------------------

    def guide(self, guide: Guide, participant: bool = False) -> n.Printable:
        text = self.text
        written = guide.format == WRITTEN
        blocks: list[n.Block] = []
        if participant:
            if guide.respondent_intro:
                blocks += text.blocks(guide.respondent_intro, "lead")
            if guide.respondent_fields:
                blocks.append(n.Fields(tuple(n.FieldRow(squash(f), (), True) for f in guide.respondent_fields)))
        else:
            blocks += text.blocks(guide.summary, "lead")
            blocks.append(n.Para((n.Emphasis((n.Text(parts.guide_facts(self, guide)),)),), "meta"))
            if guide.opening_script:
                title = self.t("guide.introduction" if written else "guide.opening")
                blocks.append(n.Callout("script", title, text.blocks(guide.opening_script.text)))
        if guide.response_options:
            blocks += [n.Heading(2, (n.Text(self.t("guide.responses")),)), parts.response_options(self, guide)]
        space_label = self.w("answer_space" if written else "notes_space")
        for section in guide.sections:
            blocks.append(self._section_heading(guide, section))
            if section.intro and not participant:
                blocks.append(n.Callout("intro", self.t("guide.intro"), text.blocks(section.intro)))
            blocks += [self._question(question, guide, squash(guide.prompts_label or self.t("guide.prompts")), space_label, participant)
                       for question in section.questions]
        if guide.closing_script and not participant:
            blocks.append(n.Callout("script", self.t("guide.closing"), text.blocks(guide.closing_script.text)))
        if not participant:
            blocks.append(self._source(guide.source))
        label = numbered_label(self.p, guide.id, self.words)
        return self._printable(guide, "guide", label, _subject(self.text, guide.summary), blocks, participant)

    # --- reflective question sets ---------------------------------------------------------------

    def _scale_option(self, option: n.ScaleOption) -> n.Inlines:
        """``1. Not at all: …``, as the scale is listed on paper."""
        if option.description:
            return rich(self.words, "print.scale_listed_described", value=option.value, label=option.label,
                        description=option.description)
        return rich(self.words, "print.scale_listed", value=option.value, label=option.label)

    def question_set(self, qset: QuestionSet) -> n.Printable:
        audience = self.p.audience_by_id[qset.audience]
        options = tuple(dataclasses.replace(o, choice=self.w("scale_choice", value=o.value, label=o.label))
                        for o in parts.scale_options(qset))
        blocks: list[n.Block] = [
            n.Para((n.Emphasis((n.Text(self.t("set.for", audience=squash(audience.name))),)),), "meta"),
            *self.text.blocks(qset.purpose, "lead"),
            n.Para((n.Strong((n.Text(self.t("set.scale", label=squash(qset.scale.label))),)),)),
            n.ItemList(tuple(self._scale_option(o) for o in options)),
        ]
        for section in qset.sections:
            blocks.append(self._section_heading(qset, section))
            if section.intro:
                blocks += self.text.blocks(section.intro)
            blocks += [self._question(question, qset, self.t("set.prompts"), squash(qset.response_label or self.t("set.response")),
                                      scale_label=squash(qset.scale.label), scale=options)
                       for question in section.questions]
        blocks.append(self._source(qset.source))
        return self._printable(qset, "question-set", None, _subject(self.text, qset.purpose), blocks)

    # --- document templates -------------------------------------------------------------------

    def document(self, doc: Document, participant: bool = False) -> n.Printable:
        blocks: list[n.Block] = []
        if not participant:
            blocks.append(n.Callout("about", self.t("document.about"), self.text.blocks(doc.summary)))
        for section in doc.sections:
            if section.heading:
                blocks.append(parts.section_heading(section.heading, section))
            made: list[n.Block] = []
            for block in section.blocks:
                if isinstance(block, TickBoxesBlock) and block.initials:
                    # What introduces the statements stays on their page.
                    made = [dataclasses.replace(b, role="keep") if isinstance(b, n.Para) else b for b in made]
                made += parts.document_block(self, block, self.w("initials"),
                                             lambda i: self.w("statement_number", number=i))
            blocks += made
        if not participant:
            blocks.append(self._source(doc.source))
        study = self.text.plain(doc.page_header) if doc.page_header else ()
        label = numbered_label(self.p, doc.id, self.words)
        return self._printable(doc, "document", label, _subject(self.text, doc.summary), blocks, participant, study)



def _subject(text: ContentText, markdown_text: str) -> str:
    """A short plain-text description: whole sentences, at most 250 characters."""
    words = squash(" ".join(plain_text(b.children) for b in text.blocks(markdown_text) if isinstance(b, n.Para)))
    if len(words) <= 250:
        return words
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", words):
        if len(kept) + len(sentence) + 1 > 250:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or words[:249].rsplit(" ", 1)[0] + "…"


def combined_cover(docs: tuple[n.Printable, ...], words: Catalogue, report_title: str) -> n.Cover:
    """The cover of the file that prints several documents in one: every word from the catalogue."""
    title = words.text("print.combined_title")
    site_title = docs[0].site_title
    return n.Cover(
        title=title,
        document_title=words.text("print.combined_document_title", title=title, site=site_title),
        site_title=site_title,
        from_line=words.text("print.combined_from", report=report_title),
        subject=words.text("print.combined_subject", report=report_title,
                           titles=words.text("print.facts_separator").join(d.heading for d in docs)),
        keywords=words.text("print.combined_keywords", site=site_title),
        contents_label=words.text("print.combined_contents"),
        contents=tuple((d.anchor, d.heading) for d in docs),
    )
