"""The MkDocs adapter: the plugin through which MkDocs runs Reflect (only ``engine/`` knows MkDocs).

Registered as the ``reflect`` plugin (entry point ``mkdocs.plugins``). On each build it
loads the Project, builds the site's pages with the engine-independent site writer and
hands them to MkDocs as generated files holding finished HTML: Python-Markdown never
parses what Reflect wrote (content Markdown was converted once, in the document tree).
Swapping MkDocs for another engine means replacing this module only.

The plugin instance owns the run's state (the loaded Project, the preview's background
render): MkDocs keeps one instance across ``serve`` rebuilds because it defines
``on_startup``.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
from pathlib import Path
from typing import Any

import yaml
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.engine.printables import PRINTABLES_READY, PrintableFiles
from generator.engine.search import feed_from_tree
from generator.engine.search_language import set_search_language
from generator.source.content_tree import unpublishable
from generator.build.collector import QuietCollector
from generator.build.csp import headers_file, inline_script_hashes, policy
from generator.source.diagnostics import ContentError
from generator.engine.preview import PreviewState, guard, preview_languages, quiet_mkdocs, safely
from generator.build.data_files import publishing_files, source_view_path
from generator.engine.theme import SCRIPTS_DIR, ScriptManifest, add_engine_theme
from generator.source.layout import WATCHED_FOLDERS
from generator.project.addresses import DOWNLOADS_PAGE
from generator.project.numbering import words_for
from generator.project import Project, ProjectCache
from generator.project.sanitize import sanitize_html
from generator.build.site import NavSection, Site, SiteBuild, SitePage
from generator.strings import PSEUDO, load_catalogue
from generator.project.translations import language_name, localise, published_languages

log = logging.getLogger("mkdocs.plugins.reflect")

IFRAME_WORKER_URL = "assets/vendor/iframe-worker/shim.js"  # vendored in the theme (see theme.py)
PAGES_DIR = Path(".reflect-cache/pages")  # each page's stub, rewritten only when the page changes
PROJECT_DIR_VARIABLE = "REFLECT_PROJECT_DIR"  # set by ``reflect --project X serve``
PRINT_CSS = "assets/stylesheets/reflect-print.css"  # ordinary pages on paper: content only
TEMPLATE_CACHE = Path(".reflect-cache/templates")  # the theme's templates, compiled once


class ReflectConfig(Config):
    project_dir = config_options.Optional(config_options.Type(str))
    """Folder holding content/ and questions/; defaults to the folder of mkdocs.yml."""
    language = config_options.Optional(config_options.Type(str))
    """The language this run builds (one of settings' ``languages``); none: the default language."""


class ReflectPlugin(BasePlugin[ReflectConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.site: Site | None = None
        self.build: SiteBuild | None = None
        self.pages: dict[str, SitePage] = {}
        self.root = Path(".")
        self.projects = ProjectCache()  # one load per content state, across preview rebuilds
        self.serving = False
        self.preview_state = PreviewState()  # the content errors the preview shows, if any
        self.written: dict = {}  # the preview's pages as last written, by path (see SiteBuild.write)
        self.printables = PrintableFiles()
        self.printables_source: Project | None = None  # the Project the printables are made from
        self.language_previews: dict[str, Any] = {}  # the preview's plugin of each other language
        self.collector = QuietCollector()  # paused from on_config to the end of each build

    # --- configuration: load the content, set the navigation ----------------------

    def on_config(self, config: Any) -> Any:
        self.collector.pause()  # what the build makes stays until it ends (see build/collector.py)
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.project_dir or os.environ.get(PROJECT_DIR_VARIABLE) or config_dir).resolve()
        previous = self.project
        try:
            self.project = self.projects.load(self.root)
        except ContentError as exc:
            raise Abort("Reflect found problems in the content:\n" + exc.report()) from None
        for warning in self.project.warnings:
            (log.warning if warning.severity == "warning" else log.info)(str(warning))
        for unfilled in self.project.unfilled_placeholders():
            log.info(str(unfilled))
        written = self.project  # as written: the default language
        self.printables_source = written
        if self.config.language:
            # The site of another language: the same items in its words (untranslated and
            # stale texts say so, and the pages and the printables mark them).
            language = self.config.language
            said = words_for(localise(written, language)).text("site.language.quote_translated")

            def translated_quote(quote: str) -> str:
                return f"{quote} {said}"

            self.project = self.printables_source = localise(written, language, translated_quote)
        if not self.serving:
            # Start making the printables now: the worker processes render them while this
            # process writes the pages (the files are collected in on_files).
            self.printables.start(self.printables_source)
        settings = self.project.settings
        words = words_for(self.project)
        if not (self.serving and self.project is previous and self.site is not None):
            # The preview keeps what it wrote: only pages whose tree changed are written again.
            self.build = SiteBuild(self.project, words, self.written if self.serving else None)
            self.site = self.build.render()
        self.collector.pause()  # and the Project and the pages are not walked again
        self.pages = {page.path: page for page in self.site.pages}
        config.nav = [_nav_entry(item) for item in self.site.nav]
        config.site_name = _escape(settings.site.title)
        config.site_description = _escape(settings.site.description)
        language = "en" if settings.site.language == PSEUDO else settings.site.language
        page_language = None
        config.theme["language"] = language.split("-")[0].lower()
        if not _theme_speaks(config, config.theme["language"]):  # any BCP 47 tag builds
            config.theme["language"], page_language = "en", language
        set_search_language(config, settings.site.language)  # mkdocs.yml's `search: lang` is a default
        if settings.site.url and not self.serving:  # the preview serves at its own address
            config.site_url = settings.site.url + (f"{self.config.language}/" if self.config.language else "")
        add_engine_theme(config)
        if settings.edit.repository_url:
            config.repo_url = settings.edit.repository_url
            config.edit_uri = settings.edit.edit_path
        extra = config.extra
        extra.setdefault("polyfills", [])
        if IFRAME_WORKER_URL not in extra["polyfills"]:
            extra["polyfills"].append(IFRAME_WORKER_URL)
        if PRINT_CSS not in config.extra_css:
            config.extra_css.append(PRINT_CSS)
        # Only data the templates pass on as JSON (tojson escapes it): every value the theme
        # shows as HTML comes written by the site writer (see on_page_context).
        languages = _language_links(written, self.config.language)  # the preview serves them all too
        if len(languages) > 1:  # the switch keeps the fragment: scripts.json's "multilingual"
            present = {str(getattr(script, "path", script)) for script in config.extra_javascript}
            for name in ScriptManifest.read().multilingual_scripts():
                if f"{SCRIPTS_DIR}/{name}" not in present:
                    config.extra_javascript.append(f"{SCRIPTS_DIR}/{name}")
        extra["reflect"] = {
            # The browser tools' words, from the catalogue of the site's language.
            "strings": words.section("tools."),
            # The pages' <html lang> when Material has no words for the site's language.
            "page_language": page_language,
            # Per tool (its mount point's id), the scripts a page showing it loads (reflect-core.js).
            "tool_scripts": ScriptManifest.read().tool_scripts(),
            # Every language's site, for the language switch and the sitemap's hreflang alternates (one entry: none shown).
            "languages": languages if len(languages) > 1 else [],
            "switch_label": words.text("site.language.switch"),
        }
        return config

    def other_languages(self) -> tuple[str, ...]:
        """The languages besides the default whose sites the build makes next (below the default's)."""
        return published_languages(self.project) if self.project is not None and not self.config.language else ()

    def on_pre_build(self, config: Any) -> None:
        # After every plugin's on_config: the search plugin has made its index by now.
        feed_from_tree(config, self.pages)

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        # Compiling the theme's templates is a fixed cost of every build (about a second):
        # keep the compiled code between builds; Jinja checks each template's source.
        folder = self.root / TEMPLATE_CACHE
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        # Titles reach the theme already escaped (see _stub): mark them so, or the theme's
        # `| e` escapes them again in attributes ("sy&amp;#x27;n" in a footer link's aria-label,
        # which then no longer matches its visible text).
        for file in files.documentation_pages():
            if file.page is not None and isinstance(file.page.title, str):
                file.page.title = Markup(file.page.title)
        return env

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        for item in _sections(nav.items):
            if isinstance(item.title, str):
                item.title = Markup(item.title)  # escaped already, as page titles (see on_env)
        return nav

    # --- files: generated pages, data, sources, vendored scripts -------------------

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.site is not None and self.project is not None and self.build is not None
        # A full build's files are still being made: the Downloads page, which shows their
        # sizes, is written again when it is built, the last page (on_page_context), and the
        # files are copied into the site after the pages (on_post_build).
        being_made = self.printables.pending is not None
        listed = self.printables.listed(self.project, self.printables_source, self.serving)
        downloads = self.build.downloads(listed)
        self.pages[downloads.path] = downloads
        for page in (*self.site.pages, downloads):
            source = _write_if_changed(self.root / PAGES_DIR / page.path, _stub(page))
            generated = File.generated(config, page.path, abs_src_path=str(source))
            generated.edit_uri = page.source  # the YAML it came from, repository-relative
            files.append(generated)
        written = self.projects.load(self.root)  # the forms speak every published language
        languages = published_languages(written)
        forms = (written, *(localise(written, language) for language in languages)) if languages else ()
        for path, content in publishing_files(self.project, config.site_url, self.root, forms).items():
            files.append(File.generated(config, path, content=content))
        if not being_made:
            for printable in listed:
                files.append(File.generated(config, printable.path, abs_src_path=str(printable.cached_path)))
        self._leave_out_links_out_of_the_project(files)
        return files

    def _leave_out_links_out_of_the_project(self, files: Files) -> None:
        """Files from the project's own folders (its theme overrides, docs_dir) are published
        only when they are regular files inside the project once links are followed."""
        inside = str(self.root) + os.sep
        folders: dict[Path, Path] = {}
        for file in list(files):
            source = file.abs_src_path
            if not source or not os.path.abspath(source).startswith(inside):
                continue  # Material's and the engine's theme files, from the installed packages
            reason = unpublishable(Path(os.path.abspath(source)), self.root, folders)
            if reason is not None:
                files.remove(file)
                log.warning("%s: %s", Path(os.path.abspath(source)).relative_to(self.root).as_posix(), reason)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across preview rebuilds, so
        # the run's state (loaded Project, background render) lives on it.
        self.serving = command == "serve"
        if self.serving:
            quiet_mkdocs()

    def on_build_error(self, error: Exception) -> None:
        self.collector.resume()
        self.printables.cancel()

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return sanitize_html(html)  # a page someone wrote in docs_dir: cleaned like content
        # Finished HTML from the site writer (content sanitised once, everything escaped),
        # with the contents taken from the document tree.
        page.toc = get_toc([dict(token) for token in generated.toc])
        return generated.html

    @event_priority(50)  # before the search plugin's, which indexes the page as it is then
    def on_page_context(self, context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
        if page.file.src_uri == DOWNLOADS_PAGE and self.printables.pending is not None:
            # Built last of the pages: the files have been rendering meanwhile. Their sizes are known now.
            assert self.build is not None and self.project is not None and self.printables_source is not None
            report = self.printables.collect(self.project, self.printables_source)
            written = self.pages[DOWNLOADS_PAGE] = self.build.downloads(report.files)
            page.content, page.toc = written.html, get_toc([dict(token) for token in written.toc])
        source = page.file.edit_uri
        if source and not config.repo_url:
            # No repository configured: the edit link opens the YAML copy shipped with the site.
            copy = source_view_path(source)  # an HTML view: every host shows it
            page.edit_url = posixpath.relpath(copy, posixpath.dirname(page.file.dest_uri) or ".")
        self._theme_parts(context)
        return context

    def on_template_context(self, context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
        # The pages MkDocs makes from the theme alone (404.html, the sitemap): links from the
        # site's root on the host, which MkDocs gives them as base_url.
        self._theme_parts(context)
        if template_name == "404.html" and self.build is not None:
            base = context.get("base_url") or "/"
            context["reflect_not_found"] = self.build.not_found(base if base.endswith("/") else base + "/")
        return context

    def _theme_parts(self, context: dict[str, Any]) -> None:
        """The parts of the theme that show settings and catalogue words, written (and escaped)
        by the site writer: the templates place them as they are."""
        if self.build is not None:
            context["reflect_footer"] = self.build.footer(context.get("base_url") or ".")

    def on_post_build(self, config: Any) -> None:
        if self.project is not None and self.printables_source is not None:
            self.printables.collect(self.project, self.printables_source)  # a page left out of the build
        self.printables.copy_collected(Path(config.site_dir))  # a full build's: after its pages
        site = Path(config.site_dir)
        if self.config.language:  # another language's site, in <lang>/: one policy for the whole site
            site = site.parent
        if not self.serving:  # the preview's server sends no headers: not read on each edit
            pages = [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))]
            csp = policy(inline_script_hashes(pages))
            (site / "_headers").write_text(headers_file(csp), encoding="utf-8")
        if self.serving and self.project is not None:
            self.printables.render_later(self.project, self.root)  # after the pages, so they are not slowed down
        self.collector.resume()

    # --- preview -------------------------------------------------------------------------

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in WATCHED_FOLDERS:
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        ready = self.root / PRINTABLES_READY
        ready.parent.mkdir(parents=True, exist_ok=True)
        server.watch(str(ready.parent))  # background printables finished: rebuild to link them
        title = load_catalogue("en").text("cli.publishing.preview_errors")
        config_file, site_dir = Path(config.config_file_path), Path(server.root)

        def other_languages(config: Any = None) -> None:
            """Each other published language's site, under the default language's."""
            preview_languages(config_file, site_dir, self.root, self.other_languages(), self.language_previews)

        def every_language(config: Any = None) -> None:
            builder(config)
            other_languages()

        guard(server, every_language, self.preview_state, title)
        if not self.preview_state.problems:  # MkDocs built the default language's site before this hook
            safely(other_languages, self.preview_state)()
        print(f"Reflect preview: open {server.url}", flush=True)
        return server


def _theme_speaks(config: Any, language: str) -> bool:
    """Whether the theme (Material) has its interface words in ``language``."""
    return any((Path(folder) / "partials" / "languages" / f"{language}.html").is_file() for folder in config.theme.dirs)


def _language_links(project: Project, building: str | None) -> list[dict[str, Any]]:
    """Each published language's site: its tag, own name, its root relative to the site being built,
    and its address (None when settings give the site none)."""
    default = project.settings.site.language
    languages = [default, *published_languages(project)]
    links = []
    for language in languages:
        if building is None:
            root = "" if language == default else f"{language}/"
        else:
            root = "../" if language == default else f"../{language}/"
        site_url = project.settings.site.url  # ends in "/": each language's own address, for the sitemap
        url = (site_url if language == default else f"{site_url}{language}/") if site_url else None
        links.append({"lang": language, "name": language_name(project, language), "root": root, "url": url,
                      "current": language == (building or default), "default": language == default})
    return links


def _write_if_changed(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` unless it already holds exactly that (keeping its timestamp).

    An unchanged page keeps its modification time, so a preview rebuild ("dirty" build)
    renders only the pages whose text changed.
    """
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path


def _stub(page: SitePage) -> str:
    """What MkDocs reads for a generated page: its front matter and a digest of its HTML.

    The HTML itself is handed over in ``on_page_content``; the digest changes the stub
    exactly when the page changes, so a preview rebuild renders only changed pages.
    """
    meta: dict[str, Any] = {"title": _escape(page.title)}  # the theme inserts it unescaped
    if not page.search:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + f"---\n\n<!-- {page.digest} -->\n"


def _nav_entry(item: tuple[str, str] | NavSection) -> dict[str, Any]:
    """A navigation entry; titles come from content and the theme inserts them unescaped."""
    if isinstance(item, NavSection):
        return {_escape(item.title): [_nav_entry(child) for child in item.children]}
    title, path = item
    return {_escape(title): path}


def _sections(items: Any) -> Any:
    """Every section of MkDocs' navigation, nested ones too."""
    for item in items:
        if getattr(item, "is_section", False):
            yield item
            yield from _sections(item.children)


def _escape(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)
