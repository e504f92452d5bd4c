"""Builders of the printed documents: one :class:`~.nodes.Printable` per appendix and question set.

The PDF writer (:mod:`generator.writers.pdf.typst`) and the Word writer
(:mod:`generator.writers.word.writer`) never read the Project or the site: they walk
the trees made here, so a PDF and its DOCX hold the same words in the same order,
numbered exactly as on the site. A Printable is its title and what every printed page
repeats over the item's body, made by the same builder as the site's page
(:mod:`.items`): the parts only paper shows are in its ``Only("paper", ...)`` nodes, the
site's own in ``Only("site", ...)``, which the paper writers leave out. Words only paper
needs are under ``print.`` in the catalogue.

Two versions of each appendix a respondent receives: the annotated template for the
people adopting it (title with its appendix label, "About this template", source lines)
and a participant version to hand out (its own title, none of that).
"""

from __future__ import annotations

import re
from typing import Any

from generator.models import Document, Guide, QuestionSet
from generator.project.numbering import numbered_label
from generator.project import Project
from generator.strings import Catalogue
from generator.document import items
from generator.document import nodes as n
from generator.document.build import Builder, plain_text
from generator.document.foreign import with_foreign_nodes
from generator.document.items import has_participant_version
from generator.document.parts import squash
from generator.document.text import ContentText


def build_documents(project: Project, catalogue: Catalogue | None = None,
                    participant: bool = False) -> tuple[n.Printable, ...]:
    """Every appendix in appendix order, then every question set (or every participant version).

    Built once per printable build (``downloads.plan``); the site's Downloads page is written
    from the files that build made, so nothing here is kept between calls.
    """
    builder = PrintBuilder(project, catalogue)
    return builder.participant_versions() if participant else builder.all()


class PrintBuilder(Builder):
    """Makes the Printable of each appendix and question set, and each participant version:
    its title over the item's body (:mod:`.items`, the same as on the site's page).

    It belongs to one run: it owns the reader of content text (and so its cache).
    """

    # --- whole documents ------------------------------------------------------------------

    def all(self) -> tuple[n.Printable, ...]:
        docs = [self.appendix(appendix.item) for appendix in self.p.appendices]
        docs += [self.question_set(qset) for qset in self.p.question_sets]
        return tuple(docs)

    def participant_versions(self) -> tuple[n.Printable, ...]:
        return tuple(self.appendix(a.item, True) for a in self.p.appendices if has_participant_version(a.item))

    def appendix(self, item: Guide | Document, participant: bool = False) -> n.Printable:
        """An appendix's document, or its participant version (``participant``: only for an
        item that :func:`~generator.document.items.has_participant_version`)."""
        return self.guide(item, participant) if isinstance(item, Guide) else self.document(item, participant)

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
            blocks=with_foreign_nodes((n.Heading(1, words, n.doc_anchor(item.id)), *n.leave_out(tuple(blocks), "site"))),
            sources=(item.origin_file, "content/settings.yml", "content/appendices.yml"),
            heading=heading, page=page, variant="participant" if participant else "adopter",
        )

    def _edition(self, item: Any) -> str:
        site = self.p.settings.site
        version, date = getattr(item, "version", None), getattr(item, "date", None)
        if version and date:
            return self.w("document_edition", version=squash(version), date=date)
        return self.w("content_edition", version=site.content_version, date=site.publication_date)

    # --- each kind of item ------------------------------------------------------------------

    def guide(self, guide: Guide, participant: bool = False) -> n.Printable:
        label = numbered_label(self.p, guide.id, self.words)
        return self._printable(guide, "guide", label, _subject(self.text, guide.summary),
                               items.guide(self, guide, participant), participant)

    def question_set(self, qset: QuestionSet) -> n.Printable:
        return self._printable(qset, "question-set", None, _subject(self.text, qset.purpose), items.question_set(self, qset))

    def document(self, doc: Document, participant: bool = False) -> n.Printable:
        study = self.text.plain(doc.page_header) if doc.page_header else ()
        label = numbered_label(self.p, doc.id, self.words)
        return self._printable(doc, "document", label, _subject(self.text, doc.summary),
                               items.document(self, doc, participant), participant, study)


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
