"""Render a Project into the website's pages, as Markdown, plus the navigation.

Pure: takes a :class:`~generator.project.Project`, returns :class:`SitePage` values and
a navigation tree. Knows nothing of the site engine; the MkDocs adapter turns the result
into files. Every number on a page (appendix, theme, subtheme, question) comes from the
Project's order.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Iterable, Union

import yaml

from . import site_paths as paths
from .models import (
    Document,
    FaqBlock,
    FieldsBlock,
    Guide,
    GuideQuestion,
    ListBlock,
    Paragraph,
    QuestionSet,
    SetQuestion,
    SignaturesBlock,
    TickBoxesBlock,
)
from .project import Project, QuestionEntry
from .printable.downloads import COMBINED_PART_SIZE
from .sanitize import TrustedBlocks
from .site_text import SiteText, escape_inline, html_href


@dataclass(frozen=True)
class SitePage:
    path: str  # Markdown source path on the site, e.g. "findings/challenges.md"
    title: str
    markdown: str
    source: str | None  # the content file it comes from (for the edit link), if one
    search: bool = True  # False keeps the page out of the search index


NAV_CHUNK = 15
"""The most entries one navigation level shows before they are grouped."""


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple  # of (title, page path) pairs and nested NavSections


@dataclass(frozen=True)
class Site:
    pages: tuple[SitePage, ...]
    nav: tuple[tuple[str, str] | NavSection, ...]
    files: dict[str, bytes] = field(default_factory=dict)  # non-page files, e.g. data exports
    trusted: "TrustedBlocks" = field(default_factory=lambda: TrustedBlocks())  # put in after sanitising


def _front_matter(title: str, search: bool) -> str:
    # Site themes insert the page title into HTML without escaping it: escape it here.
    meta: dict[str, object] = {"title": html.escape(" ".join(title.split()), quote=True)}
    if not search:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def _source_line(text: str) -> str:
    return f'<p class="reflect-source" data-search-exclude="true">Source: {html.escape(" ".join(text.split()))}</p>\n'


def _page(path: str, title: str, body: Iterable[str], source: str | None, search: bool = True) -> SitePage:
    markdown = _front_matter(title, search) + "\n".join(part.rstrip() + "\n" for part in body if part)
    return SitePage(path, title, markdown, source, search)


class SiteRenderer:
    def __init__(self, project: Project):
        self.p = project
        self.blocks = TrustedBlocks()

    def trusted(self, markup: str) -> str:
        """A slot for HTML this renderer wrote itself (content escaped), bypassing Markdown."""
        return self.blocks.add(markup)

    # --- helpers --------------------------------------------------------------

    def text(self, page: str) -> SiteText:
        return SiteText(self.p, page)

    def appendix_title(self, item: Guide | Document) -> str:
        return f"{self.p.appendix_by_id[item.id].label}: {item.title}"

    # Cross-links are written as HTML (they pass through Markdown untouched, which keeps
    # large pages fast); the built site's link check covers them.

    def _link(self, target: paths.Target, label: str, page: str) -> str:
        return f'<a href="{html_href(target.href_from(page))}">{html.escape(label)}</a>'

    def question_ref(self, entry: QuestionEntry, page: str) -> str:
        """``Appendix 1, question 5: <text>`` linking to the question in context."""
        target = paths.Target(paths.owner_page(entry.owner), paths.question_anchor(entry.question.id))
        if isinstance(entry.owner, Guide):
            where = f"{self.p.appendix_by_id[entry.owner.id].label}, question {entry.number}"
        else:
            where = f"{entry.owner.title}, question {entry.number}"
        return f'{self._link(target, where, page)}: {html.escape(" ".join(entry.question.text.split()))}'

    def subtheme_link(self, sid: str, page: str) -> str:
        sub = self.p.subtheme_by_id[sid]
        target = paths.Target(paths.theme_page(self.p.theme_of[sid].id), f"subtheme-{sid}")
        return self._link(target, f"{self.p.subtheme_code(sub)} {sub.label}", page)

    def action_link(self, aid: str, page: str) -> str:
        group = self.p.group_of_action[aid]
        target = paths.Target(paths.IMPLICATIONS, f"action-{aid}")
        return self._link(target, f"{self.p.action_code(self.p.action_by_id[aid])} {group.title}", page)

    # --- pages ------------------------------------------------------------------

    def render(self) -> Site:
        pages: list[SitePage] = [self.home(), self.findings_index()]
        pages += [self.audience(a.id) for a in self.p.audiences]
        pages += [self.theme(t.id) for t in self.p.themes]
        pages += [self.narrative(page.id) for page in self.p.pages]
        pages.append(self.implications())
        pages += [self.question_set(s) for s in self.p.question_sets]
        pages.append(self.question_bank())
        pages.append(self.compose())
        pages.append(self.appendices_index())
        for appendix in self.p.appendices:
            if isinstance(appendix.item, Guide):
                pages.append(self.guide(appendix.item))
            else:
                pages.append(self.document(appendix.item))
        pages.append(self.downloads())
        pages.append(self.resources())
        pages.append(self.open_data())
        return Site(tuple(pages), self.nav(), trusted=self.blocks)

    def nav(self) -> tuple[tuple[str, str] | NavSection, ...]:
        p = self.p
        findings = [("Overview and Table 1", paths.FINDINGS)]
        findings += [
            (f"Theme {p.theme_number(t)}: {t.label}", paths.theme_page(t.id)) for t in p.themes
        ]
        findings += [
            (page.title, paths.narrative_page(page.id, page.placement))
            for page in p.pages
            if page.placement == "findings"
        ]
        about = [
            (page.title, paths.narrative_page(page.id, page.placement))
            for page in p.pages
            if page.placement == "about"
        ]
        about.append(("Open data", paths.OPEN_DATA))
        from .printable.site_links import DOWNLOADS_PAGE

        return (
            ("Home", paths.HOME),
            NavSection("Who it is for", tuple((a.name, paths.audience_page(a.id)) for a in p.audiences)),
            NavSection("Findings", tuple(findings)),
            ("Implications", paths.IMPLICATIONS),
            NavSection(
                "Reflective questions",
                self._grouped(
                    [(s.title, paths.question_set_page(s.id), s.audience) for s in p.question_sets], "Sets"
                ),
            ),
            ("Question bank", paths.QUESTION_BANK),
            ("Compose your own guide", paths.COMPOSE),
            NavSection(
                "Appendices",
                (("All appendices", paths.APPENDICES),)
                + self._chunked(
                    [(self.appendix_title(a.item), paths.appendix_page(a.item.id)) for a in p.appendices],
                    "Appendices",
                ),
            ),
            ("Downloads", DOWNLOADS_PAGE),
            ("Resources", paths.RESOURCES),
            NavSection("About", tuple(about)),
        )

    def _grouped(self, entries: list[tuple[str, str, str]], noun: str) -> tuple:
        """Nav entries, grouped by audience when there are many, so each page's menu stays small."""
        if len(entries) <= NAV_CHUNK:
            return tuple((title, path) for title, path, _ in entries)
        groups = []
        for audience in self.p.audiences:
            members = [(title, path) for title, path, owner in entries if owner == audience.id]
            if members:
                groups.append(NavSection(audience.name, self._chunked(members, noun)))
        return tuple(groups)

    @staticmethod
    def _chunked(entries: list[tuple[str, str]], noun: str) -> tuple:
        """Entries as they are, or in numbered runs of NAV_CHUNK when there are more."""
        if len(entries) <= NAV_CHUNK:
            return tuple(entries)
        runs = []
        for start in range(0, len(entries), NAV_CHUNK):
            run = tuple(entries[start : start + NAV_CHUNK])
            runs.append(NavSection(f"{noun} {start + 1}–{start + len(run)}", run))
        if len(runs) > NAV_CHUNK:  # very large: one more level keeps every menu short
            return SiteRenderer._chunked_sections(runs, noun)
        return tuple(runs)

    @staticmethod
    def _chunked_sections(runs: list["NavSection"], noun: str) -> tuple:
        size = NAV_CHUNK * NAV_CHUNK
        outer = []
        for start in range(0, len(runs), NAV_CHUNK):
            part = tuple(runs[start : start + NAV_CHUNK])
            first = start * NAV_CHUNK + 1
            last = first - 1 + sum(len(r.children) for r in part)
            outer.append(NavSection(f"{noun} {first}–{last}", part))
        del size
        return tuple(outer)

    def home(self) -> SitePage:
        page = paths.HOME
        p, s = self.p, self.p.settings
        body = [
            f"# {escape_inline(s.site.title)}",
            f"{escape_inline(s.site.description)}",
            (
                f"This site presents the findings of *{escape_inline(s.report.title)}* "
                f"({escape_inline(s.report.publisher)}, {escape_inline(s.report.published)}): "
                f"{len(p.themes)} themes and {len(p.subthemes)} subthemes from a focus group with "
                f"quality improvement (QI) coaches, the implications for future work, and every "
                f"appendix as a page you can read, adapt and print. It is a live resource: the "
                f"questions are meant to be changed to fit your work."
            ),
            "## Start here",
            '<div class="grid cards" markdown>',
        ]
        for audience in p.audiences:
            target = paths.Target(paths.audience_page(audience.id)).href_from(page)
            body.append(
                f"-   **[{escape_inline(audience.name)}]({target})**\n\n    "
                + self.text(page).inline(audience.summary)
            )
        body.append("</div>")
        body += [
            "## Explore",
            f"- [Findings: themes, subthemes and quotes]({paths.Target(paths.FINDINGS).href_from(page)})",
            f"- [Implications and learning for future work]({paths.Target(paths.IMPLICATIONS).href_from(page)})",
            f"- [Question bank: all {len(p.questions)} questions]({paths.Target(paths.QUESTION_BANK).href_from(page)})",
            f"- [Appendices: topic guides, information sheet and consent form]({paths.Target(paths.APPENDICES).href_from(page)})",
            f"- [Resources]({paths.Target(paths.RESOURCES).href_from(page)})",
        ]
        return _page(page, "Home", body, "content/audiences.yml")

    def audience(self, audience_id: str) -> SitePage:
        p = self.p
        audience = p.audience_by_id[audience_id]
        page = paths.audience_page(audience_id)
        text = self.text(page)
        body = [f"# {escape_inline(audience.name)}", text.block(audience.summary)]
        guides = [g for g in p.guides if g.audience == audience_id]
        sets = [s for s in p.question_sets if s.audience == audience_id]
        if sets:
            body.append("## Reflective questions")
            for qset in sets:
                count = sum(len(sec.questions) for sec in qset.sections)
                href = paths.Target(paths.question_set_page(qset.id)).href_from(page)
                body.append(f"- [{escape_inline(qset.title)}]({href}) ({count} questions)")
        if guides:
            body.append("## Topic guides")
            for guide in guides:
                count = sum(len(sec.questions) for sec in guide.sections)
                href = paths.Target(paths.appendix_page(guide.id)).href_from(page)
                body.append(f"- [{escape_inline(self.appendix_title(guide))}]({href}) ({count} questions)")
        owners = {o.id for o in (*guides, *sets)}
        linked = sorted(
            {sid for e in p.questions if e.owner.id in owners for sid in e.question.subthemes},
            key=p.subtheme_order,
        )
        if linked:
            body.append("## Findings these questions explore")
            body += [f"- {self.subtheme_link(sid, page)}" for sid in linked]
        body.append(_source_line(audience.source))
        return _page(page, audience.name, body, audience.origin_file)

    def findings_index(self) -> SitePage:
        p = self.p
        page = paths.FINDINGS
        body = [
            "# Findings",
            (
                f"The coaches' focus group was analysed thematically. The analysis produced "
                f"{len(p.themes)} themes and {len(p.subthemes)} subthemes, shown in Table 1. "
                f"Each theme has its own page with a summary of every subtheme, what coaches "
                f"said, and the questions and implications linked to it."
            ),
            '<table class="reflect-table1">',
            "<caption>Table 1: Themes and subthemes from the focus group</caption>",
            '<thead><tr><th scope="col">Theme</th><th scope="col">Subthemes</th></tr></thead>',
            "<tbody>",
        ]
        for theme in p.themes:
            href = paths.Target(paths.theme_page(theme.id)).href_from(page)
            items = "".join(
                f'<li><a href="{_html_href(paths.Target(paths.theme_page(theme.id), "subtheme-" + s.id).href_from(page))}">'
                f"{html.escape(p.subtheme_code(s))} {html.escape(s.label)}</a></li>"
                for s in theme.subthemes
            )
            body.append(
                f'<tr><th scope="row"><a href="{_html_href(href)}">{p.theme_number(theme)}. '
                f"{html.escape(theme.label)}</a></th><td><ul>{items}</ul></td></tr>"
            )
        body += ["</tbody>", "</table>", ""]
        alternatives = [
            (item, alt)
            for theme in p.themes
            for item in (theme, *theme.subthemes)
            for alt in item.alternative_labels
        ]
        if alternatives:
            body.append("## Other wordings in the report")
            body.append(
                "The report does not always word a theme or subtheme the same way. This site uses "
                "Table 1's labels everywhere; the other wordings are recorded here so that you can "
                "match them up."
            )
            for item, alt in alternatives:
                body.append(
                    f"- **{escape_inline(item.label)}** is also written as "
                    f"“{escape_inline(alt.label)}” ({escape_inline(alt.source)})"
                )
        return _page(page, "Findings", body, "content/themes.yml")

    def theme(self, theme_id: str) -> SitePage:
        p = self.p
        theme = p.theme_by_id[theme_id]
        page = paths.theme_page(theme_id)
        text = self.text(page)
        number = p.theme_number(theme)
        title = f"Theme {number}: {theme.label}"
        body = [f"# {escape_inline(title)}", text.block(theme.summary), _source_line(theme.source)]
        for sub in theme.subthemes:
            code = p.subtheme_code(sub)
            body.append(f"## {code} {escape_inline(sub.label)} {{ #subtheme-{sub.id} }}")
            body.append(text.block(sub.summary))
            for alt in sub.alternative_labels:
                body.append(
                    f"*Also worded in the report as “{escape_inline(alt.label)}” "
                    f"({escape_inline(alt.source)}).*"
                )
            quotes = p.quotes_by_subtheme.get(sub.id, ())
            if quotes:
                body.append(f"### What coaches said {{ #subtheme-{sub.id}-quotes }}")
                for quote in quotes:
                    body.append(
                        f'<figure class="reflect-quote" id="quote-{quote.id}">\n'
                        f"<blockquote><p>{html.escape(' '.join(quote.quote.split()))}</p></blockquote>\n"
                        f"<figcaption>QI coach, focus group. Source: {html.escape(quote.source)}</figcaption>\n"
                        f"</figure>\n"
                    )
            questions = p.questions_by_subtheme.get(sub.id, ())
            if questions:
                body.append(f"### Questions that explore this {{ #subtheme-{sub.id}-questions }}")
                body.append(_unsearched_list([self.question_ref(e, page) for e in questions]))
            actions = p.actions_by_subtheme.get(sub.id, ())
            if actions:
                body.append(f"### Implications {{ #subtheme-{sub.id}-implications }}")
                body.append(_unsearched([f"- {self.action_link(a.id, page)}: {text.inline(a.text)}" for a in actions]))
            body.append(_source_line(sub.source))
        return _page(page, title, body, theme.origin_file)

    def narrative(self, page_id: str) -> SitePage:
        item = self.p.page_by_id[page_id]
        page = paths.narrative_page(item.id, item.placement)
        body = [f"# {escape_inline(item.title)}", self.text(page).block(item.body), _source_line(item.source)]
        return _page(page, item.title, body, item.origin_file)

    def implications(self) -> SitePage:
        p = self.p
        page = paths.IMPLICATIONS
        text = self.text(page)
        body = [
            "# Implications and learning for future work",
            (
                f"The report draws {len(p.implications)} groups of implications from the findings. "
                "Each action below links to the subthemes it answers."
            ),
        ]
        for group in p.implications:
            number = p.group_number(group)
            body.append(f"## {number}. {escape_inline(group.title)} {{ #implication-{group.id} }}")
            for action in group.actions:
                code = p.action_code(action)
                body.append(f"### Action {code} {{ #action-{action.id} }}")
                body.append(text.block(action.text))
                body += [f"- {text.inline(d)}" for d in action.details]
                if action.details:
                    body.append("")
                links = ", ".join(self.subtheme_link(sid, page) for sid in action.subthemes)
                body.append(f"**Findings:** {links}")
                used_by = p.questions_by_action.get(action.id, ())
                if used_by:
                    body.append("**Questions that check this:**\n")
                    body.append(_unsearched_list([self.question_ref(e, page) for e in used_by]))
                body.append(_source_line(action.source))
        return _page(page, "Implications", body, "content/implications.yml")

    def _question_block(
        self,
        question: GuideQuestion | SetQuestion,
        number: int,
        page: str,
        prompts_label: str,
        owner: Guide | QuestionSet,
    ) -> list[str]:
        text = self.text(page)
        out = [f"### {number}. {text.plain(question.text)} {{ #{paths.question_anchor(question.id)} }}"]
        if question.prompts:
            items = "".join(f"<li>{text.html(prompt.text)}</li>" for prompt in question.prompts)
            out.append(
                f'<div class="reflect-prompts">'
                f'<p class="reflect-prompts-label" data-search-exclude="true"><strong>{html.escape(prompts_label)}</strong></p>'
                f"<ul>{items}</ul></div>\n"
            )
        if isinstance(question, GuideQuestion):
            for note in question.notes:
                out.append('!!! note "Facilitator note"\n\n    ' + text.inline(note.text) + "\n")
            for rule in question.skip_logic:
                out.append('!!! info "Skip logic"\n\n    ' + self._skip_text(rule, owner, page) + "\n")
        links = [self.subtheme_link(sid, page) for sid in question.subthemes]
        if isinstance(question, SetQuestion):
            links += [self.action_link(aid, page) for aid in question.implications]
        if links:
            out.append(f'<p class="reflect-links" data-search-exclude="true">Linked to: {"; ".join(links)}</p>\n')
        out.append(_source_line(question.source))
        return out

    def _skip_text(self, rule, owner: Guide | QuestionSet, page: str) -> str:
        at = self.p.question_by_id[rule.if_covered_at]
        at_link = paths.Target(paths.owner_page(owner), paths.question_anchor(at.question.id)).href_from(page)
        sections = {s.id: s for s in owner.sections}
        if rule.target in sections:
            section = sections[rule.target]
            number = self.p.section_number(owner, section)
            href = paths.Target(paths.owner_page(owner), f"section-{section.id}").href_from(page)
            target = f"[section {number} ({escape_inline(section.title)})]({href})"
        else:
            entry = self.p.question_by_id[rule.target]
            href = paths.Target(paths.owner_page(owner), paths.question_anchor(rule.target)).href_from(page)
            target = f"[question {entry.number}]({href})"
        topic = escape_inline(rule.topic)
        if rule.then == "skip":
            return (
                f"If {topic} came up at [question {at.number}]({at_link}), let the conversation "
                f"continue and skip {target} as needed."
            )
        return (
            f"If {topic} was already discussed at [question {at.number}]({at_link}), use only the "
            f"prompts of {target} that have not yet been covered."
        )

    def guide(self, guide: Guide) -> SitePage:
        page = paths.appendix_page(guide.id)
        text = self.text(page)
        title = self.appendix_title(guide)
        count = sum(len(s.questions) for s in guide.sections)
        facts = [f"{count} questions in {len(guide.sections)} sections"]
        if guide.duration:
            facts.append(escape_inline(guide.duration))
        from .printable.site_links import links_block

        body = [f"# {escape_inline(title)}", text.block(guide.summary), f"*{'; '.join(facts)}.*"]
        body.append(links_block(guide.id, page, combined=len(self.p.appendices) <= COMBINED_PART_SIZE, participant=guide.format == "written-questions"))
        if guide.opening_script:
            body.append('!!! quote "Opening script"\n\n' + _indent(text.block(guide.opening_script.text)) + "\n")
        if guide.response_options:
            body.append("## Ways to respond")
            body += [f"1. **{escape_inline(o.label)}**: {text.inline(o.text)}" for o in guide.response_options]
            body.append("")
        number = 0
        for index, section in enumerate(guide.sections, 1):
            body.append(f"## {index}. {escape_inline(section.title)} {{ #section-{section.id} }}")
            if section.intro:
                body.append('!!! quote "Introduce this section"\n\n' + _indent(text.block(section.intro)) + "\n")
            for question in section.questions:
                number += 1
                body += self._question_block(question, number, page, guide.prompts_label, guide)
        if guide.closing_script:
            body.append('!!! quote "Closing script"\n\n' + _indent(text.block(guide.closing_script.text)) + "\n")
        body.append(_source_line(guide.source))
        return _page(page, title, body, guide.origin_file)

    def question_set(self, qset: QuestionSet) -> SitePage:
        p = self.p
        page = paths.question_set_page(qset.id)
        text = self.text(page)
        audience = p.audience_by_id[qset.audience]
        from .printable.site_links import links_block

        body = [
            f"# {escape_inline(qset.title)}",
            f"*For {escape_inline(audience.name)}.*",
            text.block(qset.purpose),
            links_block(qset.id, page),
            f"**Rating scale: {escape_inline(qset.scale.label)}**\n",
        ]
        body.append("\n".join(
            f"{o.value}. **{escape_inline(o.label)}**" + (f": {escape_inline(o.description)}" if o.description else "")
            for o in qset.scale.options
        ) + "\n")
        body.append(
            # The data rides on the div, not in a <script>: Material's instant navigation
            # re-creates every <script> of a new page without its type, so runs JSON as code.
            f'<div class="reflect-worksheet" id="reflect-worksheet" data-set="{qset.id}" data-reflect-data="'
            + html.escape(json.dumps(self.worksheet_data(qset), ensure_ascii=False, sort_keys=True))
            + '"><p class="reflect-nojs">'
            "The worksheet needs JavaScript: with it, you can type and rate your answers on this page "
            "and they stay on this device. Without it, print this page and write your answers on paper."
            "</p></div>\n"
        )
        number = 0
        for index, section in enumerate(qset.sections, 1):
            body.append(f"## {index}. {escape_inline(section.title)} {{ #section-{section.id} }}")
            if section.intro:
                body.append(text.block(section.intro))
            for question in section.questions:
                number += 1
                body += self._question_block(question, number, page, "Think about", qset)
        body.append(_source_line(qset.source))
        return _page(page, qset.title, body, qset.origin_file)

    def worksheet_data(self, qset: QuestionSet) -> dict:
        """What the browser worksheet needs to know about a question set."""
        p = self.p
        return {
            "site": p.settings.site.title,
            "content_version": p.settings.site.content_version,
            "set": qset.id,
            "title": qset.title,
            "response_label": qset.response_label,
            "scale": {
                "label": qset.scale.label,
                "options": [
                    {"value": o.value, "label": o.label, "description": o.description}
                    for o in qset.scale.options
                ],
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
                        }
                        for q in section.questions
                    ],
                }
                for section in qset.sections
            ],
        }

    def bank_data(self) -> dict:
        """Every question with what the bank's filters and the composer need."""
        p = self.p
        questions = []
        for entry in p.questions:
            owner = entry.owner
            themes: list[str] = []
            for sid in entry.question.subthemes:
                tid = p.theme_of[sid].id
                if tid not in themes:
                    themes.append(tid)
            questions.append(
                {
                    "id": entry.question.id,
                    "number": entry.number,
                    "text": " ".join(entry.question.text.split()),
                    "prompts": [" ".join(pr.text.split()) for pr in entry.question.prompts],
                    "audience": owner.audience,
                    "owner": owner.id,
                    "owner_title": self.appendix_title(owner) if isinstance(owner, Guide) else owner.title,
                    "section": entry.section.title,
                    "subthemes": list(entry.question.subthemes),
                    "themes": themes,
                    "url": _html_href(paths.owner_page(owner)) + "#" + paths.question_anchor(entry.question.id),
                }
            )
        return {
            "site": p.settings.site.title,
            "content_version": p.settings.site.content_version,
            "audiences": [{"id": a.id, "name": a.name} for a in p.audiences],
            "owners": [
                {"id": o.id, "title": self.appendix_title(o) if isinstance(o, Guide) else o.title}
                for o in (*p.guides, *p.question_sets)
            ],
            "themes": [
                {
                    "id": t.id,
                    "label": f"{p.theme_number(t)}. {t.label}",
                    "subthemes": [
                        {"id": s.id, "label": f"{p.subtheme_code(s)} {s.label}"} for s in t.subthemes
                    ],
                }
                for t in p.themes
            ],
            "questions": questions,
        }

    def compose(self) -> SitePage:
        page = paths.COMPOSE
        bank = paths.Target(paths.QUESTION_BANK).href_from(page)
        body = [
            "# Compose your own guide",
            "Pick questions, with their prompts, from any guide or question set, put them in the "
            "order you want, give your guide a title, then print it, export it or share it as a link. "
            "Nothing you do here is sent anywhere: it stays in this browser.",
            # The data rides on the div, not in a <script> (see question_set).
            self.trusted(
                '<div class="reflect-composer" id="reflect-composer" data-reflect-data="'
                + html.escape(json.dumps(self.bank_data(), ensure_ascii=False, sort_keys=True))
                + '"><p class="reflect-nojs">The composer '
                "needs JavaScript. Without it, every question is listed, with its prompts in context, in the "
                f'<a href="{_html_href(bank)}">question bank</a>.</p></div>'
            ),
        ]
        return _page(page, "Compose your own guide", body, None, search=False)

    def question_bank(self) -> SitePage:
        p = self.p
        page = paths.QUESTION_BANK
        body = [
            "# Question bank",
            (
                f"Every question on this site, {len(p.questions)} in all: the topic guides' "
                "questions and the reflective question sets. Each links to its place in context, "
                "with its prompts."
            ),
            '<table class="reflect-bank">',
            "<caption>All questions, with their audience, guide or set, section and themes</caption>",
            '<thead><tr><th scope="col">Question</th><th scope="col">Audience</th>'
            '<th scope="col">Guide or set</th><th scope="col">Section</th><th scope="col">Themes</th></tr></thead>',
            "<tbody>",
        ]
        for entry in p.questions:
            owner = entry.owner
            audience = p.audience_by_id[owner.audience]
            href = paths.Target(paths.owner_page(owner), paths.question_anchor(entry.question.id)).href_from(page)
            owner_name = (
                self.appendix_title(owner) if isinstance(owner, Guide) else owner.title
            )
            themes = sorted(
                {p.theme_of[sid].id for sid in entry.question.subthemes},
                key=lambda tid: p.theme_number(p.theme_by_id[tid]),
            )
            subs = "".join(
                f"<li>{html.escape(p.subtheme_code(p.subtheme_by_id[sid]))} "
                f"{html.escape(p.subtheme_by_id[sid].label)}</li>"
                for sid in entry.question.subthemes
            )
            body.append(
                f'<tr id="bank-{entry.question.id}" data-audience="{audience.id}" data-owner="{owner.id}" '
                f'data-themes="{" ".join(themes)}" data-subthemes="{" ".join(entry.question.subthemes)}">'
                f'<td><a href="{_html_href(href)}">{entry.number}. {html.escape(" ".join(entry.question.text.split()))}</a></td>'
                f"<td>{html.escape(audience.name)}</td><td>{html.escape(owner_name)}</td>"
                f"<td>{html.escape(entry.section.title)}</td>"
                f"<td>{'<ul>' + subs + '</ul>' if subs else '—'}</td></tr>"
            )
        body += ["</tbody>", "</table>"]
        # The filters' data rides on their div, not in a <script> (see question_set).
        body.insert(
            2,
            '<div class="reflect-bank-filters" id="reflect-bank-filters" data-reflect-data="'
            + html.escape(json.dumps(self.bank_data(), ensure_ascii=False, sort_keys=True))
            + '"></div>',
        )
        # Everything from the filters to the end of the table is HTML this renderer wrote with
        # every content value escaped: it skips Markdown (a large bank would be slow there).
        body[2:] = [self.trusted("\n".join(body[2:]))]
        return _page(page, "Question bank", body, None, search=False)

    def appendices_index(self) -> SitePage:
        page = paths.APPENDICES
        body = [
            "# Appendices",
            "The report's appendices as pages you can read, adapt and print. Numbers follow the "
            "order set in `content/appendices.yml`.",
        ]
        for appendix in self.p.appendices:
            href = paths.Target(paths.appendix_page(appendix.item.id)).href_from(page)
            body.append(f"- [{escape_inline(self.appendix_title(appendix.item))}]({href})")
        return _page(page, "Appendices", body, "content/appendices.yml")

    def downloads(self, files=None) -> SitePage:
        """Every printable file with its format and size.

        ``files`` are the built files (with sizes) when the site builder has made them; without
        them the page lists what will be made, from the Project alone.
        """
        from .printable import plan
        from .printable.site_links import DOWNLOADS_PAGE, FORMATS, rows, size_text

        page = DOWNLOADS_PAGE
        listed = rows(files if files is not None else plan(self.p))
        groups = (
            ("Appendices", ("guide", "document")),
            ("All appendices in one file", ("combined",)),
            ("Reflective question sets", ("question-set",)),
        )
        body = [
            "# Downloads",
            "Every appendix and every set of reflective questions as a **PDF** (A4, ready to print, "
            "with space for notes under each question) and as a **Word document** (DOCX) that you can "
            "adapt. They are made from the same content as these pages, so numbers and wording match. "
            "Blanks still to be filled in (such as contact details) are highlighted in both.",
        ]
        for heading, kinds in groups:
            chosen = [row for row in listed if row.kind in kinds]
            if not chosen:
                continue
            body.append(f"## {heading}")
            body.append("| Document | Format | Size |\n| --- | --- | --- |")
            body[-1] += "".join(
                f"\n| [{escape_inline(row.title)}]({paths.Target(row.path).href_from(page)}) "
                f"| {FORMATS[row.format]} | {size_text(row)} |"
                for row in chosen
            )
            body.append("")
        return _page(page, "Downloads", body, None)

    def document(self, doc: Document) -> SitePage:
        page = paths.appendix_page(doc.id)
        text = self.text(page)
        title = self.appendix_title(doc)
        from .printable.site_links import links_block

        body = [f"# {escape_inline(title)}", '!!! abstract "About this template"\n\n' + _indent(text.block(doc.summary)) + "\n"]
        body.append(links_block(doc.id, page, combined=len(self.p.appendices) <= COMBINED_PART_SIZE, participant=True))
        for section in doc.sections:
            if section.heading:
                body.append(f"## {escape_inline(section.heading)} {{ #section-{section.id} }}")
            for block in section.blocks:
                body.append(self._block(block, text))
        body.append(_source_line(doc.source))
        return _page(page, title, body, doc.origin_file)

    def _block(self, block, text: SiteText) -> str:
        if isinstance(block, Paragraph):
            return text.block(block.text) + "\n"
        if isinstance(block, ListBlock):
            marker = "1." if block.ordered else "-"
            return "\n".join(f"{marker} {text.inline(item)}" for item in block.items) + "\n"
        if isinstance(block, FieldsBlock):
            rows = "\n".join(
                f'<tr>\n<th scope="row">{html.escape(f.label)}</th>\n<td markdown="span">{text.inline(f.value)}</td>\n</tr>'
                for f in block.fields
            )
            return f'<table class="reflect-fields" markdown>\n<tbody markdown>\n{rows}\n</tbody>\n</table>\n'
        if isinstance(block, TickBoxesBlock):
            items = "\n".join(
                f'<li markdown="span"><span class="reflect-tickbox" aria-hidden="true">☐</span> '
                f"{text.inline(item)}</li>"
                for item in block.items
            )
            return f'<ol class="reflect-tickboxes" markdown>\n{items}\n</ol>\n'
        if isinstance(block, SignaturesBlock):
            rows = "".join(
                f'<tr><th scope="row">{html.escape(line)}</th><td class="reflect-signature-line"></td></tr>'
                for line in block.lines
            )
            return f'<table class="reflect-signatures"><tbody>{rows}</tbody></table>\n'
        if isinstance(block, FaqBlock):
            return "\n".join(
                f"### {escape_inline(item.question)}\n\n{text.block(item.answer)}\n" for item in block.items
            )
        raise TypeError(block)  # pragma: no cover - the models admit no other block

    def resources(self) -> SitePage:
        page = paths.RESOURCES
        text = self.text(page)
        body = ["# Resources", "Publications and pages the report links to."]
        for resource in self.p.resources:
            body.append(f"## {escape_inline(resource.title)} {{ #resource-{resource.id} }}")
            if resource.publisher:
                body.append(f"*{escape_inline(resource.publisher)}*")
            body.append(text.block(resource.description))
            body.append(f"<{resource.url}>")
            body.append(_source_line(resource.source))
        return _page(page, "Resources", body, "content/resources.yml")

    def open_data(self) -> SitePage:
        page = paths.OPEN_DATA
        p = self.p
        json_href = paths.Target(paths.PROJECT_JSON).href_from(page)
        csv_href = paths.Target(paths.QUESTIONS_CSV).href_from(page)
        body = [
            "# Open data",
            "Everything on this site is also published as data, so that you can reuse it in "
            "your own tools. Both files are rebuilt from the content every time the site is built.",
            f"## The whole project: [project.json]({json_href})",
            "One JSON object holding the validated content. Top-level keys:",
            "- `schema_version`: the version of this format (currently "
            f"{p_schema_version()}).",
            "- `site` and `report`: titles, organisation, publication date, content version.",
            "- `audiences`: who the site is for.",
            "- `guides`: each topic guide with its `appendix` number, scripts, `response_options` and "
            "`sections`, each with its `questions` (with `number`, `prompts`, `notes`, `skip_logic` and `subthemes`).",
            "- `themes`: each with its `number` and `subthemes` (with `code`, e.g. `2(d)`, "
            "`alternative_labels` and `summary`).",
            "- `quotes`: participant quotes, each with its `subtheme` and `source`.",
            "- `question_sets`: each reflective set with its `scale` and `sections` of `questions`.",
            "- `implications`: the groups and their `actions`, each linked to `subthemes`.",
            "- `resources`: the publications the report links to.",
            "- `documents`: the information sheet and consent form templates with their `appendix` number, "
            "`sections` and `blocks`, and the named `placeholders` they use.",
            "- `appendices`: the appendix order, as ids.",
            "Text keeps its `[[kind:id]]` references as written; every item keeps its `source` in the report.",
            f"## Every question: [questions.csv]({csv_href})",
            f"One row per question ({len(p.questions)} rows), UTF-8 with a header row. Columns:",
            "- `id`: the question's stable id (its anchor on the site is `q-` followed by the id).",
            "- `kind`: `guide` or `question-set`.",
            "- `owner_id`, `owner_title`, `appendix`: the guide or set it belongs to, and the guide's appendix number.",
            "- `audience`: the audience id.",
            "- `section_number`, `section_title`, `number`: where it sits.",
            "- `form`: `question` or `statement`.",
            "- `text`, `prompts` (separated by ` | `), `subthemes`, `themes`, `implications` (ids, separated by spaces).",
            "- `url`: its page and anchor on this site; `source`: where it comes from in the report.",
        ]
        return _page(page, "Open data", body, None)


def p_schema_version() -> int:
    from .project import SCHEMA_VERSION

    return SCHEMA_VERSION


def _unsearched_list(items: list[str]) -> str:
    """A list of HTML items kept out of the search index (cross-listings of the real items)."""
    return '<ul data-search-exclude="true">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>\n"


def _unsearched(lines: list[str]) -> str:
    """Markdown kept out of the search index: cross-listings that would outrank the real item."""
    return '<div data-search-exclude="true" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


_html_href = html_href


def render_site(project: Project) -> Site:
    """Every page of the site and its navigation."""
    return SiteRenderer(project).render()
