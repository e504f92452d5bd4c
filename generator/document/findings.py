"""Builders of the findings: the themes table, one page per theme, the implications."""

from __future__ import annotations

from generator.project import addresses as paths
from generator.document import nodes as n
from generator.document.parts import squash
from generator.document.build import Builder


def findings_index(b: Builder) -> n.Page:
    p = b.p
    rows = []
    for theme in p.themes:
        page = paths.theme_page(theme.id)
        subs = tuple(
            (b.subtheme_link(s.id),) for s in theme.subthemes
        )
        rows.append(n.ThemeRow((n.Link(paths.Target(page), b.rich("theme_row", number=p.theme_number(theme),
                                                                  label=theme.label)),), subs))
    body: list = [
        b.heading(1, b.t("findings.title")),
        b.para(b.t("findings.intro", themes=b.t("count.themes", count=len(p.themes)),
                   subthemes=b.t("count.subthemes", count=len(p.subthemes)))),
        n.ThemesTable(b.t("findings.table_caption"), (b.t("findings.theme"), b.t("findings.subthemes")), tuple(rows)),
    ]
    alternatives = [
        (item, alt) for theme in p.themes for item in (theme, *theme.subthemes) for alt in item.alternative_labels
    ]
    if alternatives:
        body.append(b.heading(2, b.t("findings.other_wordings")))
        body.append(b.para(b.t("findings.other_wordings_intro")))
        body.append(n.ItemList(tuple(
            b.rich("findings.also_written", label=(n.Strong((n.Text(" ".join(item.label.split())),)),),
                   other=" ".join(alt.label.split()), source=" ".join(alt.source.split()))
            for item, alt in alternatives
        )))
    return b.page(paths.FINDINGS, b.t("findings.title"), body, "content/themes.yml")


def theme(b: Builder, theme_id: str) -> n.Page:
    p = b.p
    item = p.theme_by_id[theme_id]
    title = b.t("theme_title", number=p.theme_number(item), label=item.label)
    heading = b.heading(1, b.rich("theme_title", number=p.theme_number(item), label=item.label))
    body: list = [heading, n.Prose(b.text.prose(item.summary)), b.source(item.source)]
    subs = {sub.id for sub in item.subthemes}
    entries = [e for e in p.questions if subs.intersection(e.question.subthemes)]
    if entries:  # where to find this theme's questions, audience by audience
        body.append(b.heading(2, b.t("findings.theme_questions"), f"theme-{item.id}-questions"))
        body.append(n.ItemList(tuple(
            (b.bank_link(b.t("findings.in_bank", count=len(chosen), audience=" ".join(audience.name.split())),
                         theme=item.id, audience=audience.id),)
            for audience, chosen in _by_audience(b, entries)
        )))
    for sub in item.subthemes:
        body += _subtheme(b, sub)
    return b.page(paths.theme_page(theme_id), title, body, item.origin_file)


def _subtheme(b: Builder, sub) -> list:
    p = b.p
    heading = b.heading(2, b.rich("subtheme_name", code=p.subtheme_code(sub), label=sub.label), f"subtheme-{sub.id}")
    out: list = [heading, n.Prose(b.text.prose(sub.summary))]
    for alt in sub.alternative_labels:
        out.append(n.Para((n.Emphasis((n.Text(b.t("findings.also_worded", other=" ".join(alt.label.split()),
                                                      source=" ".join(alt.source.split()))),)),)))
    quotes = p.quotes_by_subtheme.get(sub.id, ())
    if quotes:
        out.append(b.heading(3, b.t("findings.quotes"), f"subtheme-{sub.id}-quotes"))
        out += [
            n.Quote(f"quote-{q.id}", squash(q.quote), b.t(
                "findings.quote_caption", attribution=q.attribution or b.t("findings.attribution"), source=q.source))
            for q in quotes
        ]
    questions = p.questions_by_subtheme.get(sub.id, ())
    if questions:  # grouped by audience, each group leading to the bank filtered to it
        out.append(b.heading(3, b.t("findings.questions"), f"subtheme-{sub.id}-questions"))
        for audience, chosen in _by_audience(b, questions):
            name = " ".join(audience.name.split())
            out.append(b.heading(4, b.t("findings.for_audience", audience=name), f"subtheme-{sub.id}-{audience.id}"))
            out.append(n.ItemList(tuple(b.question_ref(e) for e in chosen), searchable=False))
            out.append(n.Para((b.bank_link(b.t("findings.in_bank", count=len(chosen), audience=name),
                                           subtheme=sub.id, audience=audience.id),), searchable=False))
    actions = p.actions_by_subtheme.get(sub.id, ())
    if actions:
        out.append(b.heading(3, b.t("findings.implications"), f"subtheme-{sub.id}-implications"))
        items = tuple((b.action_link(a.id), n.Text(": "), *b.text.inline(a.text)) for a in actions)
        out.append(n.Group((n.ItemList(items),)))
    out.append(b.source(sub.source))
    return out


def _by_audience(b: Builder, entries) -> list:
    """``(audience, entries)`` for each audience with questions among ``entries``, in content order."""
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(entry.owner.audience, []).append(entry)
    return [(a, groups[a.id]) for a in b.p.audiences if a.id in groups]


def implications(b: Builder) -> n.Page:
    p = b.p
    body: list = [
        b.heading(1, b.t("implications.heading")),
        b.para(b.t("implications.intro", groups=b.t("count.groups", count=len(p.implications)))),
    ]
    for group in p.implications:
        words = b.t("implications.group", number=p.group_number(group), title=group.title)
        body.append(b.heading(2, words, f"implication-{group.id}"))
        for action in group.actions:
            words = b.rich("implications.action", code=p.action_code(action), text=b.text.inline(action.text))
            body.append(b.heading(3, words, f"action-{action.id}"))  # says what the action is, in the contents too
            if action.details:
                body.append(n.ItemList(tuple(b.text.inline(d) for d in action.details)))
            links: list = []
            for index, sid in enumerate(action.subthemes):
                links += [n.Text(", ")] if index else []
                links.append(b.subtheme_link(sid))
            body.append(n.Para((n.Strong((n.Text(b.t("implications.findings")),)), n.Text(" "), *links)))
            used_by = p.questions_by_action.get(action.id, ())
            if used_by:
                body.append(n.Para((n.Strong((n.Text(b.t("implications.questions")),)),)))
                body.append(n.ItemList(tuple(b.question_ref(e) for e in used_by), searchable=False))
            body.append(b.source(action.source))
    return b.page(paths.IMPLICATIONS, b.t("nav.implications"), body, "content/implications.yml")
