"""Builders of the site's general pages: home, audiences, narrative pages, resources, data."""

from __future__ import annotations

from typing import Iterable

from generator.project import addresses as paths
from generator.models import Guide, QuestionSet
from generator.project.numbering import is_numbered
from generator.project import SCHEMA_VERSION
from generator.document import nodes as n
from generator.document import parts
from generator.project.addresses import DOWNLOADS_PAGE
from generator.document.build import Builder
from generator.project.versions import changes_page_path


def home(b: Builder) -> n.Page:
    p, s = b.p, b.p.settings
    counts = dict(themes=b.t("count.themes", count=len(p.themes)), subthemes=b.t("count.subthemes", count=len(p.subthemes)))
    if s.report:
        intro = b.rich(
            "home.intro" if p.themes else "home.intro_questions",
            title=(n.Emphasis((n.Text(" ".join(s.report.title.split())),)),),
            publisher=" ".join(s.report.publisher.split()), published=" ".join(s.report.published.split()), **counts,
        )
    else:  # no source report: the site speaks for itself
        intro = b.rich("home.intro_own" if p.themes else "home.intro_own_questions", **counts)
    cards = tuple(
        n.Card((b.page_link(paths.audience_page(a.id), a.name),), b.text.inline(a.summary)) for a in p.audiences
    )
    explore = (
        (paths.FINDINGS, b.t("home.findings"), bool(p.themes)),
        (paths.IMPLICATIONS, b.t("home.implications"), bool(p.implications)),
        (paths.QUESTION_BANK, b.t("home.bank", count=len(p.questions)), True),
        (paths.COMPOSE, b.t("home.compose"), bool(p.questions)),
        (paths.APPENDICES, b.t("home.appendices", kinds=appendix_kinds(b)), bool(p.appendices)),
        (DOWNLOADS_PAGE, b.t("home.downloads", kinds=downloadable_kinds(b)), bool(p.appendices or p.question_sets)),
        (paths.RESOURCES, b.t("home.resources"), bool(p.resources)),
        *((changes_page_path(c.new.content_version), b.t("changes.home", version=c.new.content_version), True)
          for c in p.release_changes[-1:]),
    )
    body = [
        b.heading(1, s.site.title),
        _routes(b),
        b.para(" ".join(s.site.description.split())),
        n.Para(intro),
        b.heading(2, b.t("home.start_here")),
        n.Cards(cards),
        b.heading(2, b.t("home.explore")),
        n.ItemList(tuple((b.page_link(page, words),) for page, words, shown in explore if shown)),
    ]
    return b.page(paths.HOME, b.t("nav.home"), body, "content/audiences.yml")


def appendix_kinds(b: Builder) -> str:
    """The kinds among the appendices ("guides and documents", or only "guides")."""
    items = [a.item for a in b.p.appendices]
    return parts.present_kinds(b, (("guide", any(isinstance(i, Guide) for i in items)),
                             ("document", any(not isinstance(i, Guide) for i in items))))


def downloadable_kinds(b: Builder) -> str:
    """The kinds of printable content this site has, named as the site names them ("guides and question sets")."""
    p, words = b.p, b.words
    names = []
    if is_numbered(p) and p.appendices:
        names.append((p.order.title or words.text("numbering.default_title")).lower())  # type: ignore[union-attr]
    else:
        names += [words.kind(kind, plural=True) for kind, items in (("guide", p.guides), ("document", p.documents)) if items]
    if p.question_sets:
        names.append(words.kind("question_set", plural=True))
    return parts.words_list(b, names)


def set_route(p, qset: QuestionSet) -> str:
    """The start route offering a question set: its own, its audience's, else by its questions' form."""
    if qset.route:
        return qset.route
    audience = p.audience_by_id[qset.audience]
    if audience.route:
        return audience.route
    statements = all(q.form == "statement" for sec in qset.sections for q in sec.questions)
    return "evaluate" if statements else "reflect"


def start_routes(p) -> dict[str, list[Guide | QuestionSet]]:
    """Route ("run", "reflect", "evaluate") -> the guides and sets it offers, in content order."""
    routes: dict[str, list[Guide | QuestionSet]] = {"run": [], "reflect": [], "evaluate": []}
    for guide in p.guides:
        routes[guide.route].append(guide)
    for qset in p.question_sets:
        routes[set_route(p, qset)].append(qset)
    return {route: items for route, items in routes.items() if items}


def _routes(b: Builder) -> n.Routes | None:
    """A start route per task, made from the content (see :func:`start_routes`): run a session,
    reflect, self-evaluate, and adapt the documents."""
    p = b.p

    def name(audience_id: str) -> str:
        return " ".join(p.audience_by_id[audience_id].name.split())

    def links(items: list) -> n.Inlines:
        out: list = []
        for link in items:
            out += [n.Text(" · ")] if out else []
            out.append(link)
        return tuple(out)

    def link(item: Guide | QuestionSet) -> n.Inline:
        if isinstance(item, QuestionSet):
            return b.page_link(paths.question_set_page(item.id), name(item.audience))
        words = b.t(f"home.route_guide.{item.format.replace('-', '_')}", audience=name(item.audience))
        return b.page_link(paths.appendix_page(item.id), words)

    routes = []
    for route, items in start_routes(p).items():
        if route == "run":
            formats = [g.format for g in items]
            title = b.t(f"home.route_run.{max(set(formats), key=formats.count).replace('-', '_')}")
        else:
            title = b.t(f"home.route_{route}")
        routes.append((title, [link(item) for item in items]))
    if p.documents or p.appendices:
        adapt = [b.page_link(paths.appendix_page(d.id), " ".join(d.title.split())) for d in p.documents]
        routes.append((b.t("home.route_adapt"), [*adapt, b.page_link(DOWNLOADS_PAGE, b.t("home.route_downloads"))]))
    if not routes:
        return None
    return n.Routes(b.t("home.routes"), tuple(n.Card((n.Text(title),), links(items)) for title, items in routes))


def footer(b: Builder) -> n.Footer:
    """What the site's footer shows: the content's licence, the accessibility statement (the
    content's page with id ``accessibility``, if it has one) and the last-updated date."""
    p = b.p
    page = p.page_by_id.get("accessibility")
    date = str(p.settings.site.publication_date)
    licence = p.settings.licence
    return n.Footer(
        licence_url=licence.url if licence else None,
        licence_text=b.words.text("cli.publishing.licence", id=licence.id) if licence else "",
        accessibility=(paths.narrative_page(page.id, page.placement)[:-3] + ".html", " ".join(page.title.split()))
        if page else None,
        date=date,
        updated=b.t("footer.updated", date=date),
    )


def not_found(b: Builder) -> n.NotFound:
    """The words of the "page not found" page."""
    words = b.words
    return n.NotFound(*(words.text(f"cli.publishing.not_found_{name}") for name in ("title", "text", "search", "home")))


def _count(b: Builder, owner) -> n.Text:
    return n.Text(" " + b.t("audience.count", count=b.p.question_count[owner.id]))


def audience(b: Builder, audience_id: str) -> n.Page:
    p = b.p
    item = p.audience_by_id[audience_id]
    body: list = [b.heading(1, item.name), n.Prose(b.text.prose(item.summary))]
    guides = [g for g in p.guides if g.audience == audience_id]
    sets = [s for s in p.question_sets if s.audience == audience_id]
    if sets:
        body.append(b.heading(2, b.t("audience.sets")))
        body.append(n.ItemList(tuple(
            (b.page_link(paths.question_set_page(s.id), s.title), _count(b, s)) for s in sets
        )))
    if guides:
        body.append(b.heading(2, b.t("audience.guides")))
        body.append(n.ItemList(tuple(
            (b.page_link(paths.appendix_page(g.id), b.appendix_title(g)), _count(b, g)) for g in guides
        )))
    body += _audience_tools(b, item, guides, sets)
    owners = {o.id for o in (*guides, *sets)}
    linked = sorted(
        {sid for e in p.questions if e.owner.id in owners for sid in e.question.subthemes}, key=p.subtheme_order
    )
    if linked:
        body.append(b.heading(2, b.t("audience.findings")))
        body.append(n.ItemList(tuple((b.subtheme_link(sid),) for sid in linked)))
    body.append(b.source(item.source))
    return b.page(paths.audience_page(audience_id), item.name, body, item.origin_file)


def _audience_tools(b: Builder, item, guides: list, sets: list) -> list:
    """Where an audience's questions lead: the bank filtered to them, and their printables."""
    from generator.project.addresses import FORMATS, download_path

    count = sum(b.p.question_count[o.id] for o in (*guides, *sets))
    if not count:
        return []
    name = " ".join(item.name.split())
    out: list = [
        b.heading(2, b.t("audience.tools")),
        n.ItemList((
            (b.bank_link(b.t("findings.in_bank", count=count, audience=name), audience=item.id),),
            (b.page_link(paths.COMPOSE, b.t("audience.compose")),),
        )),
        b.heading(2, b.t("audience.printables")),
    ]
    items = []
    for owner in (*sets, *guides):
        links: list = []
        for fmt in FORMATS:
            links += [n.Text(" · ")] if links else []
            links.append(b.page_link(download_path(owner.id, fmt), b.t(
                "downloads.link", title=b.owner_title(owner), format=b.t(f"downloads.short_{fmt}"))))
        items.append(tuple(links))
    out.append(n.ItemList(tuple(items)))
    return out


def narrative(b: Builder, page_id: str) -> n.Page:
    item = b.p.page_by_id[page_id]
    body = [b.heading(1, item.title), n.Prose(b.text.prose(item.body)), b.source(item.source)]
    return b.page(paths.narrative_page(item.id, item.placement), item.title, body, item.origin_file)


def appendices_index(b: Builder) -> n.Page:
    items = tuple(
        (b.page_link(paths.appendix_page(a.item.id), b.appendix_title(a.item)),) for a in b.p.appendices
    )
    body = [b.heading(1, b.t("appendices.title")), n.Para(b.rich("appendices.intro", kinds=appendix_kinds(b))), n.ItemList(items)]
    return b.page(paths.APPENDICES, b.t("appendices.title"), body, "content/appendices.yml")


def resources(b: Builder) -> n.Page:
    body: list = [b.heading(1, b.t("resources.title")), b.para(b.t("resources.intro"))]
    for resource in b.p.resources:
        body.append(b.heading(2, resource.title, f"resource-{resource.id}"))
        if resource.publisher:
            body.append(n.Para((n.Emphasis((n.Text(" ".join(resource.publisher.split())),)),)))
        body.append(n.Prose(b.text.prose(resource.description)))
        body.append(n.Para((n.ExternalLink(resource.url, (n.Text(resource.url),)),)))
        body.append(b.source(resource.source))
    return b.page(paths.RESOURCES, b.t("resources.title"), body, "content/resources.yml")


def open_data(b: Builder) -> n.Page:
    p = b.p
    body = [
        b.heading(1, b.t("open_data.title")),
        b.para(b.t("open_data.intro")),
        b.heading(2, b.rich("open_data.json_heading", file=(b.page_link(paths.PROJECT_JSON, "project.json"),))),
        n.Para(b.rich("open_data.json_intro")),
        n.ItemList(tuple(b.rich(f"open_data.json_keys.{key}", version=SCHEMA_VERSION) for key in _JSON_KEYS)),
        n.Para(b.rich("open_data.json_outro")),
        b.heading(2, b.rich("open_data.csv_heading", file=(b.page_link(paths.QUESTIONS_CSV, "questions.csv"),))),
        n.Para(b.rich("open_data.csv_intro", count=len(p.questions))),
        n.ItemList(tuple(b.rich(f"open_data.csv_columns.{key}") for key in _CSV_COLUMNS)),
    ]
    return b.page(paths.OPEN_DATA, b.t("open_data.title"), body, None)


_JSON_KEYS = (
    "schema_version", "fingerprints", "site", "audiences", "guides", "themes", "quotes", "question_sets",
    "implications", "resources", "documents", "appendices",
)
_CSV_COLUMNS = ("id", "kind", "owner", "audience", "where", "form", "text", "url")


def downloads(b: Builder, files: Iterable[object]) -> n.Page:
    """Every printable file with its format and size (``files``: planned or built downloads)."""
    from generator.project.addresses import DOWNLOADS_PAGE

    listed = list(files)
    groups = (
        ("downloads.appendices", ("guide", "document")),
        ("downloads.combined", ("combined",)),
        ("downloads.sets", ("question-set",)),
    )
    body: list = [b.heading(1, b.t("downloads.title")), n.Para(b.rich("downloads.intro", kinds=downloadable_kinds(b)))]
    headers = (b.t("downloads.document"), b.t("downloads.format"), b.t("downloads.size"))
    for heading, kinds in groups:
        chosen = [f for f in listed if getattr(f, "kind") in kinds]
        if not chosen:
            continue
        body.append(b.heading(2, b.t(heading)))
        rows = []
        for f in chosen:
            size = getattr(f, "size", None)
            rows.append(n.Row((
                n.Cell((b.page_link(f.path, b.t("downloads.link", title=_download_title(b, f),  # type: ignore[attr-defined]
                                                   format=b.t(f"downloads.short_{f.format}"))),)),  # type: ignore[attr-defined]
                n.Cell((n.Text(b.t(f"downloads.format_{f.format}")),)),  # type: ignore[attr-defined]
                n.Cell((n.Text(_size(b, size) if size is not None else b.t("downloads.not_yet")),)),
            )))
        body.append(n.Table(headers, tuple(rows)))
    body += _tool_exports(b)
    return b.page(DOWNLOADS_PAGE, b.t("downloads.title"), body, None)


def _tool_exports(b: Builder) -> list:
    """The XLSForm of every guide and set and the codebook of the themes (made with the data files)."""
    from generator.project import addresses as tool_exports

    p = b.p
    rows = [
        n.Row((n.Cell((b.page_link(tool_exports.form_path(owner.id), b.t("exports.form", title=b.owner_title(owner))),)),
               n.Cell((n.Text(b.t("exports.format_xlsx")),))))
        for owner in (*p.guides_in_appendix_order, *p.question_sets)
    ]
    if p.themes:
        rows.append(n.Row((n.Cell((b.page_link(tool_exports.CODEBOOK, b.t("exports.codebook")),)),
                           n.Cell((n.Text(b.t("exports.format_qdc")),)))))
    if not rows:
        return []
    return [b.heading(2, b.t("exports.heading")), n.Para(b.rich("exports.intro")),
            n.Table((b.t("downloads.document"), b.t("downloads.format")), tuple(rows))]


def _download_title(b: Builder, f) -> str:
    """A file's title in the site's words: the appendix or set it prints, or the run it combines."""
    download = getattr(f, "download", f)
    owner = download.owner
    if owner is not None:
        item = b.p.appendix_by_id[owner].item if owner in b.p.appendix_by_id else b.p.set_by_id[owner]
        if getattr(download, "variant", "adopter") == "participant":
            return b.t("downloads.participant_title", title=b.owner_title(item))
        return b.owner_title(item)
    if len(download.docs) == len(b.p.appendices):
        return b.t("downloads.combined")
    first, last = (b.p.appendix_by_id[doc.id].number for doc in (download.docs[0], download.docs[-1]))
    return b.t("downloads.combined_part", first=first, last=last)


def _size(b: Builder, size: int) -> str:
    """``38 KB``, ``1.2 MB``: sizes as a reader expects them (1 KB = 1,000 bytes)."""
    if size < 1000:
        return b.t("downloads.bytes", count=size)
    if size < 1_000_000:
        return b.t("downloads.kilobytes", size=round(size / 1000))
    return b.t("downloads.megabytes", size=f"{size / 1_000_000:.1f}")
