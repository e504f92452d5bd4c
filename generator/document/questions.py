"""Builders of the question pages: topic guides, question sets, the bank and the composer."""

from __future__ import annotations

from generator.project import addresses as paths
from generator.project import versions
from generator.models import Guide, GuideQuestion, QuestionSet, SetQuestion
from generator.project.addresses import html_href
from generator.document import nodes as n
from generator.document import parts
from generator.document.appendices import download_links
from generator.document.build import Builder, plain_text
from generator.document.changes import latest_notice
from generator.document.printables import WRITTEN


def question(b: Builder, q: GuideQuestion | SetQuestion, prompts_label: str,
             owner: Guide | QuestionSet) -> n.Question:
    links = [(b.subtheme_link(sid),) for sid in q.subthemes]
    if isinstance(q, SetQuestion):
        links += [(b.action_link(aid),) for aid in q.implications]
    return parts.question(b, q, owner, prompts_label, (b.t("guide.note"), b.t("guide.skip")),
                          links_label=b.t("question.linked_to"), links=tuple(links), source=b.source(q.source))


def guide(b: Builder, item: Guide) -> n.Page:
    title = b.appendix_title(item)
    body: list = [
        b.heading(1, b.appendix_heading(item)),
        n.Prose(b.text.prose(item.summary)),
        n.Para((n.Text(parts.guide_facts(b, item)),), "meta"),
        download_links(b, item, combined=True),
        latest_notice(b, item.id),
    ]
    if item.opening_script:  # a written-questions guide's opening is read, not said: its introduction
        opening = "guide.introduction" if item.format == WRITTEN else "guide.opening"
        body.append(n.Callout("script", b.t(opening), (n.Prose(b.text.prose(item.opening_script.text)),)))
    if item.response_options:
        body.append(b.heading(2, b.t("guide.responses")))
        body.append(parts.response_options(b, item))
    for section in item.sections:
        number = b.p.section_number(item, section)
        words = b.rich("section_title", number=number, title=parts.squash(section.title))
        body.append(parts.section_heading(words, section))
        if section.intro:
            body.append(n.Callout("intro", b.t("guide.intro"), (n.Prose(b.text.prose(section.intro)),)))
        body += [question(b, q, item.prompts_label or b.t("guide.prompts"), item) for q in section.questions]
    if item.closing_script:
        body.append(n.Callout("script", b.t("guide.closing"), (n.Prose(b.text.prose(item.closing_script.text)),)))
    body.append(b.source(item.source))
    return b.page(paths.appendix_page(item.id), title, body, item.origin_file)


def question_set(b: Builder, qset: QuestionSet) -> n.Page:
    p = b.p
    audience = p.audience_by_id[qset.audience]
    options = parts.scale_options(qset)
    body: list = [
        b.heading(1, qset.title),
        n.Para((n.Text(b.t("set.for", audience=" ".join(audience.name.split()))),), "meta"),
        n.Prose(b.text.prose(qset.purpose)),
        download_links(b, qset, combined=False),
        latest_notice(b, qset.id),
        n.Scale(b.t("set.scale", label=" ".join(qset.scale.label.split())), options),
        n.Widget("reflect-worksheet", worksheet_data(b, qset), (("data-set", qset.id),),
                 (n.Text(b.t("set.nojs")),)),
    ]
    for section in qset.sections:
        number = p.section_number(qset, section)
        words = b.rich("section_title", number=number, title=parts.squash(section.title))
        body.append(parts.section_heading(words, section))
        if section.intro:
            body.append(n.Prose(b.text.prose(section.intro)))
        body += [question(b, q, b.t("set.prompts"), qset) for q in section.questions]
    body.append(b.source(qset.source))
    return b.page(paths.question_set_page(qset.id), qset.title, body, qset.origin_file)


def worksheet_data(b: Builder, qset: QuestionSet) -> dict:
    """What the browser worksheet needs to know about a question set.

    ``fingerprints`` (each question's and the scale's, as ``project.json`` has them) go into every
    saved record and exported file, so that answers given now can be carried across to a later
    version; ``history`` holds the same for each recorded release (with its scale's options), for files that
    lack them. ``scale.earlier`` maps ratings on a recorded release's scale onto this one, where the publisher
    declared how (``scale.earlier`` in the set's file); other ratings on another scale are not counted.
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
                "questions": [
                    {
                        "id": q.id,
                        "number": p.question_by_id[q.id].number,
                        "form": q.form,
                        "text": " ".join(q.text.split()),
                        "prompts": [" ".join(pr.text.split()) for pr in q.prompts],
                        "implications": [_implication(b, aid, paths.question_set_page(qset.id)) for aid in q.implications],
                        "fingerprint": prints[q.id],
                        "replaces": list(q.replaces),
                    }
                    for q in section.questions
                ],
            }
            for section in qset.sections
        ],
        "fingerprints": {"questions": prints, "scale": versions.owner_scale_fingerprint(qset)},
        "history": history,
    }


def _implication(b: Builder, aid: str, page: str) -> dict:
    """An action a question is linked to: its id, its words and its address from ``page``."""
    link = b.action_link(aid)
    return {"id": aid, "label": plain_text(link.children), "href": html_href(link.target.href_from(page))}


def bank_data(b: Builder) -> dict:
    """Every question with what the bank's filters and the composer need."""
    p = b.p
    questions = []
    for entry in p.questions:
        owner = entry.owner
        themes: list[str] = []
        for sid in entry.question.subthemes:
            tid = p.theme_of[sid].id
            if tid not in themes:
                themes.append(tid)
        questions.append({
            "id": entry.question.id,
            "number": entry.number,
            "text": " ".join(entry.question.text.split()),
            "prompts": [" ".join(pr.text.split()) for pr in entry.question.prompts],
            "audience": owner.audience,
            "owner": owner.id,
            "owner_title": b.owner_title(owner),
            "section": entry.section.title,
            "subthemes": list(entry.question.subthemes),
            "themes": themes,
            "url": paths.owner_page(owner)[:-3] + ".html#" + paths.question_anchor(entry.question.id),
        })
    return {
        "site": (p.default_settings or p.settings).site.title,  # one storage key in every language
        "content_version": p.settings.site.content_version,
        "audiences": [{"id": a.id, "name": a.name} for a in p.audiences],
        "owners": [{"id": o.id, "title": b.owner_title(o)} for o in (*p.guides, *p.question_sets)],
        "themes": [
            {
                "id": t.id,
                "label": b.t("theme_row", number=p.theme_number(t), label=t.label),
                "subthemes": [
                    {"id": s.id, "label": b.t("subtheme_name", code=p.subtheme_code(s), label=s.label)}
                    for s in t.subthemes
                ],
            }
            for t in p.themes
        ],
        "questions": questions,
        "compose": html_href(paths.Target(paths.COMPOSE).href_from(paths.QUESTION_BANK)),
    }


BANK_PAGE_SIZE = 100
"""Rows of the question bank written in the page. A bank with more questions than this is
paged: the page holds its first rows, the filters' data carries what draws any row, and the
bank's script shows one page of the matching questions at a time (a table of 10,000 rows took
Chromium 49 times a plain page to load). Without script, a note links every guide and set."""


def question_bank(b: Builder, data: dict) -> n.Page:
    p = b.p
    paged = len(p.questions) > BANK_PAGE_SIZE
    rows = []
    for entry in p.questions[:BANK_PAGE_SIZE] if paged else p.questions:
        owner = entry.owner
        audience = p.audience_by_id[owner.audience]
        themes = sorted({p.theme_of[sid].id for sid in entry.question.subthemes},
                        key=lambda tid: p.theme_number(p.theme_by_id[tid]))
        subs = tuple(
            b.t("subtheme_name", code=p.subtheme_code(p.subtheme_by_id[sid]), label=p.subtheme_by_id[sid].label)
            for sid in entry.question.subthemes
        )
        words = b.t("question_number", number=entry.number) + " " + " ".join(entry.question.text.split())
        rows.append(n.Row(
            (
                n.Cell((b.link(_bank_target(entry), words),)),
                n.Cell((n.Text(audience.name),)),
                n.Cell((n.Text(b.owner_title(owner)),)),
                n.Cell((n.Text(entry.section.title),)),
                n.Cell((n.ItemList(tuple((n.Text(s),) for s in subs)),) if subs else (n.Text(b.t("bank.none")),)),
            ),
            (("id", f"bank-{entry.question.id}"), ("data-audience", audience.id), ("data-owner", owner.id),
             ("data-themes", " ".join(themes)), ("data-subthemes", " ".join(entry.question.subthemes))),
        ))
    headers = tuple(b.t(f"bank.{key}") for key in ("question", "audience", "owner", "section", "themes"))
    filters = _bank_filter_data(data)
    fallback: n.Inlines = ()
    if paged:
        filters = _bank_page_data(b, filters)
        owners = (*p.guides, *p.question_sets)
        links: list = []
        for index, owner in enumerate(owners):
            if index:
                links.append(n.Text(b.t("bank.paged_separator")))
            links.append(b.page_link(paths.owner_page(owner), b.owner_title(owner)))
        fallback = b.rich("bank.paged_nojs", shown=len(rows), count=len(p.questions), owners=tuple(links))
    body = [
        b.heading(1, b.t("bank.title")),
        b.para(b.t("bank.intro", count=len(p.questions), kinds=parts.present_kinds(
            b, (("guide", bool(p.guides)), ("question_set", bool(p.question_sets)))))),
        n.Widget("reflect-bank-filters", filters, (), fallback),
        n.Table(headers, tuple(rows), b.t("bank.caption"), "reflect-bank"),
    ]
    return b.page(paths.QUESTION_BANK, b.t("bank.title"), body, None, search=False)


def _bank_target(entry) -> paths.Target:
    return paths.Target(paths.owner_page(entry.owner), paths.question_anchor(entry.question.id))


BANK_FILTER_FIELDS = ("id", "text", "prompts", "audience", "owner", "subthemes", "themes")
"""What the bank's filters read of each question (the table shows the rest): on a large bank
the data rides on the page beside the table, so every field left out is read and parsed
once less per question."""


def _bank_filter_data(data: dict) -> dict:
    questions = [{key: q[key] for key in BANK_FILTER_FIELDS} for q in data["questions"]]
    return {**data, "questions": questions}


def _bank_page_data(b: Builder, filters: dict) -> dict:
    """A paged bank's data: with each question, what its row shows that the filters leave out
    (the number's words, its section and its address); audience, owner and subtheme names come
    from the lists the filters already carry."""
    p = b.p
    sections: dict[str, int] = {}
    questions = []
    for q, entry in zip(filters["questions"], p.questions):
        section = sections.setdefault(entry.section.title, len(sections))
        href = html_href(_bank_target(entry).href_from(paths.QUESTION_BANK))
        questions.append({**q, "n": b.t("question_number", number=entry.number), "s": section, "u": href})
    return {**filters, "questions": questions, "page_size": BANK_PAGE_SIZE, "sections": list(sections),
            "none": b.t("bank.none")}


def compose(b: Builder, data: dict) -> n.Page:
    fallback = b.rich("compose.nojs", bank=(b.page_link(paths.QUESTION_BANK, b.t("compose.bank")),))
    body = [
        b.heading(1, b.t("compose.title")),
        b.para(b.t("compose.intro")),
        n.Widget("reflect-composer", data, (), fallback),
    ]
    return b.page(paths.COMPOSE, b.t("compose.title"), body, None, search=False)
