"""Builders of the question pages: topic guides, question sets, the bank and the composer."""

from __future__ import annotations

from generator.project import addresses as paths
from generator.models import Guide, QuestionSet
from generator.project.addresses import html_href
from generator.document import items
from generator.document import nodes as n
from generator.document import parts
from generator.document.build import Builder


def guide(b: Builder, item: Guide) -> n.Page:
    """A topic guide's page: its title over its body (:func:`.items.guide`, the same as on paper)."""
    body = [b.heading(1, b.appendix_heading(item)), *items.guide(b, item)]
    return b.page(paths.appendix_page(item.id), b.appendix_title(item), body, item.origin_file)


def question_set(b: Builder, qset: QuestionSet) -> n.Page:
    """A question set's page: its title over its body (:func:`.items.question_set`, the same as on paper)."""
    body = [b.heading(1, qset.title), *items.question_set(b, qset)]
    return b.page(paths.question_set_page(qset.id), qset.title, body, qset.origin_file)


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
        n.Widget("bank-filters", filters, (), fallback),
        n.Table(headers, tuple(rows), b.t("bank.caption"), "bank"),
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
        n.Widget("composer", data, (), fallback),
    ]
    return b.page(paths.COMPOSE, b.t("compose.title"), body, None, search=False)
