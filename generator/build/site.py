"""The website of a Project: every page's finished HTML, its contents, and the navigation.

Pure: takes a :class:`~generator.project.Project`, builds each page's document tree (the
builders in :mod:`generator.document`) and writes it with :class:`~.site_writer.SiteWriter`.
Knows nothing of the site engine; the MkDocs adapter hands the result over.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable

from generator.project import addresses as paths
from generator.document import appendices, changes, findings, pages, questions
from generator.document import nodes as n
from generator.document.build import Builder
from generator.document.foreign import foreign_states
from generator.models import Guide
from generator.project.addresses import DOWNLOADS_PAGE
from generator.writers.search import page_entries
from generator.writers.site import SiteWriter, toc_tokens
from generator.strings import Catalogue

NAV_CHUNK = 15
"""The most entries one navigation level shows before they are grouped."""


@dataclass(frozen=True)
class SitePage:
    path: str  # Markdown source path on the site, e.g. "findings/challenges.md"
    title: str
    html: str  # the finished body
    toc: tuple = ()  # table-of-contents tokens, nested
    source: str | None = None  # the content file it comes from (for the edit link), if one
    search: bool = True  # False keeps the page out of the search index
    index: tuple | None = None  # its search entries (search_index.py); None (no tree): read from the HTML

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.html.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple  # of (title, page path) pairs and nested NavSections


@dataclass(frozen=True)
class Site:
    pages: tuple[SitePage, ...]
    nav: tuple[tuple[str, str] | NavSection, ...]


class SiteBuild:
    """One run's site: its builder (content-text cache, catalogue) and its writer."""

    def __init__(self, project: Any, words: Catalogue | None = None, memo: dict | None = None):
        self.b = Builder(project, words)
        self.permalink = self.b.t("permalink")
        self.writer = SiteWriter(self.permalink)
        self.memo = memo  # page path -> (tree, permalink word, written page), kept by the preview

    def write(self, page: n.Page) -> SitePage:
        """The page written; a page whose tree equals the one written last time is not written again."""
        known = self.memo.get(page.path) if self.memo is not None else None
        if known is not None and known[1] == self.permalink and known[0] == page:
            return known[2]
        html = self._language_notes(page, str(self.writer.write(page)))
        written = SitePage(page.path, str(page.title), html, tuple(toc_tokens(page)), page.source, page.search,
                           page_entries(page))
        if self.memo is not None:
            self.memo[page.path] = (page, self.permalink, written)
        return written

    def _language_notes(self, page: n.Page, html: str) -> str:
        """On a page of a translated language: a note when some of it is untranslated or stale, after its heading."""
        if self.b.p.default_settings is None:
            return html
        notes = []
        review = self.b.p.default_settings.languages[self.b.p.settings.site.language].awaiting_review
        if review:
            notes.append(self.b.t("language.awaiting_review", reviewer=review))
        states = foreign_states(page.body)
        if "untranslated" in states:
            notes.append(self.b.t("language.untranslated_note"))
        if "stale" in states:
            notes.append(self.b.t("language.stale_note"))
        if not notes:
            return html
        from html import escape

        block = "".join(f'<p class="reflect-translation-note">{escape(note, quote=False)}</p>' for note in notes)
        head = html.find("</h1>")
        return html[: head + 5] + block + html[head + 5:] if head >= 0 else block + html

    def trees(self) -> Iterable[n.Page]:
        """Every page's tree, in menu order (the Downloads page is made with the printables).

        A section of the site (findings, implications, appendices, resources) is there only
        when the content has something for it.
        """
        b, p = self.b, self.b.p
        yield pages.home(b)
        if p.themes:
            yield findings.findings_index(b)
        yield from (pages.audience(b, a.id) for a in p.audiences)
        yield from (findings.theme(b, t.id) for t in p.themes)
        yield from (pages.narrative(b, page.id) for page in p.pages)
        if p.implications:
            yield findings.implications(b)
        yield from (questions.question_set(b, s) for s in p.question_sets)
        data = questions.bank_data(b)
        yield questions.question_bank(b, data)
        yield questions.compose(b, data)
        if p.appendices:
            yield pages.appendices_index(b)
        for appendix in p.appendices:
            if isinstance(appendix.item, Guide):
                yield questions.guide(b, appendix.item)
            else:
                yield appendices.document(b, appendix.item)
        if p.resources:
            yield pages.resources(b)
        yield pages.open_data(b)
        yield from changes.changes_pages(b)

    def render(self) -> Site:
        return Site(tuple(self.write(tree) for tree in self.trees()), self.nav())

    def footer(self, base_url: str) -> str:
        """The footer (licence, accessibility statement, last-updated date) of a page whose way
        to the site's root is ``base_url``: finished HTML for the theme to place."""
        return str(self.writer.footer(self._footer, base_url))

    def not_found(self, home: str) -> str:
        """The "page not found" page's body, its links from ``home`` (the site's root on the host)."""
        return str(self.writer.not_found(pages.not_found(self.b), home))

    @cached_property
    def _footer(self) -> n.Footer:
        return pages.footer(self.b)

    def downloads(self, files: Iterable[object]) -> SitePage:
        """The Downloads page, listing ``files`` (planned or built) with their sizes."""
        return self.write(pages.downloads(self.b, files))

    def nav(self) -> tuple[tuple[str, str] | NavSection, ...]:
        b, p = self.b, self.b.p
        findings_nav = [(b.t("nav.findings_overview"), paths.FINDINGS)] if p.themes else []
        findings_nav += [(b.t("theme_title", number=p.theme_number(t), label=t.label), paths.theme_page(t.id))
                         for t in p.themes]
        findings_nav += [(page.title, paths.narrative_page(page.id, page.placement))
                         for page in p.pages if page.placement == "findings"]
        about = [(page.title, paths.narrative_page(page.id, page.placement))
                 for page in p.pages if page.placement == "about"]
        about.append((b.t("open_data.title"), paths.OPEN_DATA))
        if p.release_changes:
            about.append((b.t("changes.nav"), changes.versions.changes_page_path(p.release_changes[-1].new.content_version)))
        sets = [(s.title, paths.question_set_page(s.id), s.audience) for s in p.question_sets]
        listed = [(b.appendix_title(a.item), paths.appendix_page(a.item.id)) for a in p.appendices]
        entries: list = [
            (b.t("nav.home"), paths.HOME),
            NavSection(b.t("nav.audiences"), tuple((a.name, paths.audience_page(a.id)) for a in p.audiences)),
            NavSection(b.t("nav.findings"), tuple(findings_nav)) if p.themes else None,
            (b.t("nav.implications"), paths.IMPLICATIONS) if p.implications else None,
            NavSection(b.t("nav.sets"), self._grouped(sets, b.t("nav.sets_run"))) if sets else None,
            (b.t("bank.title"), paths.QUESTION_BANK),
            (b.t("compose.title"), paths.COMPOSE),
            NavSection(b.t("nav.appendices"), ((b.t("nav.all_appendices"), paths.APPENDICES),)
                       + _chunked(listed, b.t("nav.appendices_run"))) if listed else None,
            (b.t("downloads.title"), DOWNLOADS_PAGE),
            (b.t("resources.title"), paths.RESOURCES) if p.resources else None,
            NavSection(b.t("nav.about"), tuple(about)),
        ]
        return _plain_nav(tuple(entry for entry in entries if entry is not None))

    def _grouped(self, entries: list[tuple[str, str, str]], noun: str) -> tuple:
        """Nav entries, grouped by audience when there are many, so each page's menu stays small."""
        if len(entries) <= NAV_CHUNK:
            return tuple((title, path) for title, path, _ in entries)
        groups = []
        for audience in self.b.p.audiences:
            members = [(title, path) for title, path, owner in entries if owner == audience.id]
            if members:
                groups.append(NavSection(audience.name, _chunked(members, noun)))
        return tuple(groups)


def _chunked(entries: list[tuple[str, str]], noun: str) -> tuple:
    """Entries as they are, or in numbered runs of NAV_CHUNK when there are more."""
    if len(entries) <= NAV_CHUNK:
        return tuple(entries)
    runs = []
    for start in range(0, len(entries), NAV_CHUNK):
        run = tuple(entries[start : start + NAV_CHUNK])
        runs.append(NavSection(noun.format(first=start + 1, last=start + len(run)), run))
    if len(runs) <= NAV_CHUNK:
        return tuple(runs)
    outer = []  # very large: one more level keeps every menu short
    for start in range(0, len(runs), NAV_CHUNK):
        part = tuple(runs[start : start + NAV_CHUNK])
        first = start * NAV_CHUNK + 1
        last = first - 1 + sum(len(r.children) for r in part)
        outer.append(NavSection(noun.format(first=first, last=last), part))
    return tuple(outer)


def _plain_nav(entries: tuple) -> tuple:
    """Menu entries as plain words (a menu entry cannot carry a language)."""
    return tuple(
        NavSection(str(e.title), _plain_nav(e.children)) if isinstance(e, NavSection) else (str(e[0]), *e[1:])
        for e in entries
    )


def render_site(project: Any, words: Catalogue | None = None) -> Site:
    """Every page of the site (but Downloads, made with the printables) and its navigation."""
    return SiteBuild(project, words).render()
