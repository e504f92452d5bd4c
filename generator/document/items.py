"""One builder per kind of item: a topic guide, a question set, a document template.

Each makes the item's body (everything under its title) once, for the site and for paper
alike: the parts both show are plain blocks, the parts only one of them shows are in an
:class:`~.nodes.Only` of that medium, as docutils' ``only`` directive marks them. The
site's page (:func:`.questions.guide`, :func:`.questions.question_set`,
:func:`.appendices.document`) and the printed document (:class:`.printables.PrintBuilder`)
are thin wrappers that put a title above it; each writer writes its own medium's parts
(``visit_only``). Only the site has the download links, the "what changed" notice, the
worksheet and the site's source line; only paper has the printed scale list and paper's
words for a section's heading and its source line. A node both show carries what each
needs: a question has the links the site shows and the space to write in (and a statement
the scale to tick) that paper prints; a note has the site's title and paper's run-in words.
``participant`` makes the version a respondent is handed (paper only). Every number (a
question's, a section's, an appendix's, how many questions) is the Project's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.models import Document, Guide, GuideQuestion, QuestionSet, SetQuestion, TickBoxesBlock
from generator.project import addresses as paths
from generator.project import versions
from generator.project.addresses import COMBINED_PART_SIZE, COMBINED_PATH, DOWNLOADS_PAGE, FORMATS, download_path
from generator.project.addresses import html_href
from generator.document import nodes as n
from generator.document import parts
from generator.document.build import Builder, plain_text
from generator.document.changes import latest_notice
from generator.document.parts import squash

NOTES_SPACE_MM = {"none": 0, "small": 20, "medium": 32, "large": 55}
WRITTEN = "written-questions"  # the guide format printed for the person answering


def has_participant_version(item: Any) -> bool:
    """Documents are handed out; so are guides whose respondents answer in writing."""
    return isinstance(item, Document) or (isinstance(item, Guide) and item.format == WRITTEN)


def on_site(*blocks: n.Block | None) -> n.Only:
    return n.Only("site", tuple(block for block in blocks if block is not None))


def on_paper(*blocks: n.Block | None) -> n.Only:
    return n.Only("paper", tuple(block for block in blocks if block is not None))


# --- topic guides ------------------------------------------------------------------------------


def guide(b: Builder, item: Guide, participant: bool = False) -> list[n.Block]:
    """A topic guide's body; ``participant``: the version handed to the person answering
    (paper only: their introduction and fields, no facilitator's words)."""
    text = b.text
    body: list[n.Block] = []
    if participant:
        if item.respondent_intro:
            body += text.blocks(item.respondent_intro, "lead")
        if item.respondent_fields:
            body.append(n.Fields(tuple(n.FieldRow(squash(f), (), True) for f in item.respondent_fields)))
    else:
        body += text.blocks(item.summary, "lead")
        body += [n.Para((n.Text(parts.guide_facts(b, item)),), "meta"),
                 on_site(download_links(b, item, combined=True), latest_notice(b, item.id))]
        if item.opening_script:  # a written-questions guide's opening is read, not said: its introduction
            title = b.t("guide.introduction" if item.format == WRITTEN else "guide.opening")
            body.append(n.Callout("script", title, text.blocks(item.opening_script.text)))
    if item.response_options:
        body += [b.heading(2, b.t("guide.responses")), parts.response_options(b, item)]
    prompts = squash(item.prompts_label or b.t("guide.prompts"))
    space = b.w("answer_space" if item.format == WRITTEN else "notes_space")
    for section in item.sections:
        body += section_heading(b, item, section)
        if section.intro and not participant:
            body.append(n.Callout("intro", b.t("guide.intro"), text.blocks(section.intro)))
        body += [question(b, q, item, prompts, space, participant) for q in section.questions]
    if not participant:
        if item.closing_script:
            body.append(n.Callout("script", b.t("guide.closing"), text.blocks(item.closing_script.text)))
        body += source_line(b, item.source)
    return body


# --- reflective question sets -----------------------------------------------------------------


def question_set(b: Builder, qset: QuestionSet) -> list[n.Block]:
    """A question set's body: its scale, the site's worksheet, each section's statements."""
    audience = b.p.audience_by_id[qset.audience]
    options = tuple(dataclasses.replace(o, choice=b.w("scale_choice", value=o.value, label=o.label))
                    for o in parts.scale_options(qset))
    scale = b.t("set.scale", label=squash(qset.scale.label))
    body: list[n.Block] = [
        n.Para((n.Text(b.t("set.for", audience=squash(audience.name))),), "meta"),
        *b.text.blocks(qset.purpose, "lead"),
        on_site(download_links(b, qset, combined=False), latest_notice(b, qset.id), n.Scale(scale, options),
                n.Widget("worksheet", worksheet_data(b, qset), (("data-set", qset.id),), (n.Text(b.t("set.nojs")),))),
        on_paper(n.Para((n.Strong((n.Text(scale),)),)), n.ItemList(tuple(_scale_listed(b, o) for o in options))),
    ]
    response = squash(qset.response_label or b.t("set.response"))
    for section in qset.sections:
        body += section_heading(b, qset, section)
        if section.intro:
            body += b.text.blocks(section.intro)
        body += [question(b, q, qset, b.t("set.prompts"), response, scale_label=squash(qset.scale.label), scale=options)
                 for q in section.questions]
    body += source_line(b, qset.source)
    return body


def _scale_listed(b: Builder, option: n.ScaleOption) -> n.Inlines:
    """``1. Not at all: …``, as the scale is listed on paper."""
    if option.description:
        return b.wrich("scale_listed_described", value=option.value, label=option.label, description=option.description)
    return b.wrich("scale_listed", value=option.value, label=option.label)


# --- document templates -------------------------------------------------------------------------


def document(b: Builder, doc: Document, participant: bool = False) -> list[n.Block]:
    """A document template's body; ``participant``: the version handed out (no "About this
    template", no source line)."""
    body: list[n.Block] = []
    if not participant:
        body += [n.Callout("about", b.t("document.about"), b.text.blocks(doc.summary)),
                 on_site(download_links(b, doc, combined=True))]
    for section in doc.sections:
        if section.heading:
            body.append(parts.section_heading(section.heading, section))
        made: list[n.Block] = []
        for block in section.blocks:
            if isinstance(block, TickBoxesBlock) and block.initials:
                # What introduces the statements stays on their page.
                made = [dataclasses.replace(m, role="keep") if isinstance(m, n.Para) else m for m in made]
            made += parts.document_block(b, block, b.w("initials"), lambda i: b.w("statement_number", number=i))
        body += made
    if not participant:
        body += source_line(b, doc.source)
    return body


# --- parts of each ----------------------------------------------------------------------------


def question(b: Builder, q: GuideQuestion | SetQuestion, owner: Guide | QuestionSet, prompts_label: str,
             space_label: str, participant: bool = False, **scale: Any) -> n.Question:
    """A question with what the site shows of it (what it is linked to, its source) and what
    paper does (the space to write in, and for a statement the scale to tick: ``scale``)."""
    links = [(b.subtheme_link(sid),) for sid in q.subthemes]
    if isinstance(q, SetQuestion):
        links += [(b.action_link(aid),) for aid in q.implications]
    space = notes_space(b, owner)
    return parts.question(b, q, owner, prompts_label, not participant,
                          links_label=b.t("question.linked_to"), links=tuple(links), source=b.source(q.source),
                          space_label=space_label if space else None, space_mm=space, **scale)


def notes_space(b: Builder, owner: Guide | QuestionSet) -> int:
    """The height in millimetres of the space printed under each question (0: none)."""
    size = owner.notes_space
    if size is None:
        size = "medium" if b.p.settings.print.notes_space else "none"
    return NOTES_SPACE_MM[size] if size in NOTES_SPACE_MM else int(size[:-2])


def section_heading(b: Builder, owner: Guide | QuestionSet, section: Any) -> tuple[n.Only, n.Only]:
    """A section's heading, numbered by the Project: "Section 2: …" on the site, "2. …" on paper."""
    number = b.p.section_number(owner, section)
    title = squash(section.title)
    return (on_site(parts.section_heading(b.rich("section_title", number=number, title=title), section)),
            on_paper(parts.section_heading(b.wrich("numbered", number=number, text=title), section)))


def source_line(b: Builder, source: str) -> tuple[n.Only, n.Only]:
    """Where the item comes from: as the site says it, and on paper with the report it is from."""
    report = b.p.settings.report
    if report is None:
        paper = parts.source_line(b.words.text("numbering.source", source=squash(source)))
    else:
        paper = parts.source_line(b.w("source", source=squash(source), report=squash(report.title)), report.url)
    return on_site(b.source(source)), on_paper(paper)


def download_links(b: Builder, item: Any, combined: bool) -> n.DownloadLinks:
    """Download buttons for one appendix or question set (the site's only: paper is the download).

    Items handed to participants also get buttons for their participant version.
    """
    buttons = tuple(
        n.Link(paths.Target(download_path(item.id, fmt)), (n.Text(b.t(f"downloads.button_{fmt}")),), button=True)
        for fmt in FORMATS
    )
    variant: tuple[n.Link, ...] = ()
    if has_participant_version(item):
        variant = tuple(
            n.Link(paths.Target(download_path(item.id, fmt, True)),
                   (n.Text(b.t(f"downloads.participant_button_{fmt}")),), button=True)
            for fmt in FORMATS
        )
    others = [b.page_link(DOWNLOADS_PAGE, b.t("downloads.every"))]
    if combined and len(b.p.appendices) <= COMBINED_PART_SIZE:
        others.insert(0, b.page_link(COMBINED_PATH, b.t("downloads.all_in_one")))
    return n.DownloadLinks(b.t("downloads.label"), buttons, b.t("downloads.also"), tuple(others),
                           b.t("downloads.participant_label") if variant else "", variant)


def worksheet_data(b: Builder, qset: QuestionSet) -> dict:
    """What the browser worksheet needs to know about a question set.

    ``fingerprints`` (each question's and the scale's, as ``project.json`` has them) go into every
    saved record and exported file, so that answers given now can be carried across to a later
    version; ``history`` holds the same for each recorded release (with its scale's options), for
    files that lack them. ``scale.earlier`` maps ratings on a recorded release's scale onto this
    one, where the publisher declared how (in the set's file); other ratings on another scale are
    not counted.
    """
    p = b.p
    prints = {q.id: versions.question_fingerprint(q.text, q.form) for sec in qset.sections for q in sec.questions}
    history = {}
    for release in p.releases:
        owner = next((o for o in release.owners if o.id == qset.id), None)
        if owner is not None:
            history[release.content_version] = {"questions": {q.id: q.fingerprint for q in owner.questions},
                                                "scale": owner.scale_fingerprint,
                                                "scale_options": [{"value": o.value, "label": o.label}
                                                                  for o in owner.scale]}
    return {
        "site": (p.default_settings or p.settings).site.title,  # one storage key in every language
        "content_version": p.settings.site.content_version,
        "set": qset.id,
        "title": qset.title,
        "response_label": qset.response_label or b.words.text("site.set.response"),
        "scale": {
            "label": qset.scale.label,
            "options": [{"value": o.value, "label": o.label, "description": o.description} for o in qset.scale.options],
            # {version: {earlier value: value on this scale}}: ratings the publisher declared how to carry
            "earlier": {e.content_version: {str(was): now for was, now in e.ratings.items()} for e in qset.scale.earlier},
        },
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "questions": [_worksheet_question(b, qset, q, prints[q.id]) for q in section.questions],
            }
            for section in qset.sections
        ],
        "fingerprints": {"questions": prints, "scale": versions.owner_scale_fingerprint(qset)},
        "history": history,
    }


def _worksheet_question(b: Builder, qset: QuestionSet, q: SetQuestion, fingerprint: str) -> dict:
    return {
        "id": q.id,
        "number": b.p.question_by_id[q.id].number,
        "form": q.form,
        "text": " ".join(q.text.split()),
        "prompts": [" ".join(pr.text.split()) for pr in q.prompts],
        "implications": [_implication(b, aid, paths.question_set_page(qset.id)) for aid in q.implications],
        "fingerprint": fingerprint,
        "replaces": list(q.replaces),
    }


def _implication(b: Builder, aid: str, page: str) -> dict:
    """An action a question is linked to: its id, its words and its address from ``page``."""
    link = b.action_link(aid)
    return {"id": aid, "label": plain_text(link.children), "href": html_href(link.target.href_from(page))}
