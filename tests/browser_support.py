"""Shared pieces of the browser tests: one Chromium per session, the built site served on
127.0.0.1 and opened from file://, a record of every request, axe-core, keyboard helpers
and the storage stubs.

Fixtures defined here are imported by each tests/test_browser_*.py module. The browser and
the server are process-wide singletons, so every module shares the same ones.
"""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_PREFIXES = ("http://127.0.0.1:", "file://")
# In-page URLs that never leave the browser (a download is a blob: URL made by the page).
IN_PAGE_PREFIXES = ("blob:", "data:", "about:")

SET_ID = "organisations-self-evaluation"
SET_PAGE = f"question-sets/{SET_ID}.html"

# --- storage stubs (init scripts) ---------------------------------------------------------

# Reading window.localStorage throws, as when a browser blocks storage for the page.
THROWING_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

# Every write throws the quota error of a full storage.
FULL_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""

# Writes are accepted without error but nothing is kept: only a read-back can tell.
FORGETFUL_STORAGE = """
Storage.prototype.setItem = function () {};
"""

# Counts calls to navigator.storage.persist().
PERSIST_SPY = """
window.__persistCalls = 0;
if (navigator.storage) {
  navigator.storage.persist = function () { window.__persistCalls += 1; return Promise.resolve(true); };
}
"""

# window.print() records the call instead of opening the print dialog.
PRINT_SPY = """
window.__printCalls = 0;
window.print = function () { window.__printCalls += 1; };
"""


# --- the site, served and on disk -----------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A page closed while a file was still being sent: not the site's fault.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


_servers: dict[Path, ThreadingHTTPServer] = {}


def serve(directory: Path) -> str:
    """Serve a folder on 127.0.0.1 (once per process); returns the base URL with a slash."""
    directory = directory.resolve()
    if directory not in _servers:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _servers[directory] = server
    return f"http://127.0.0.1:{_servers[directory].server_port}/"


class Site:
    """URLs of the built site over http and from file://."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.http = serve(directory)

    def url(self, where: str, path: str = "index.html") -> str:
        path, _, fragment = path.partition("#")
        if where == "http":
            base = self.http + path
        elif where == "file":
            base = (self.directory / path).as_uri()
        else:  # pragma: no cover - a typo in a test
            raise ValueError(where)
        return base + (f"#{fragment}" if fragment else "")


# --- browser ----------------------------------------------------------------------------------

_browser_state: dict[str, object] = {}


def _shared_browser(config):
    if "browser" not in _browser_state:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright()
        playwright = manager.start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _browser_state.update(manager=manager, browser=browser)

        def close():
            browser.close()
            manager.__exit__(None, None, None)
            _browser_state.clear()

        config.add_cleanup(close)
    return _browser_state["browser"]


class Requests:
    """Every URL the pages of one test asked for."""

    def __init__(self):
        self.urls: list[str] = []

    def __call__(self, request):
        self.urls.append(request.url)

    def elsewhere(self) -> list[str]:
        return [
            url
            for url in self.urls
            if not url.startswith(LOCAL_PREFIXES) and not url.startswith(IN_PAGE_PREFIXES)
        ]


class PageErrors:
    """Uncaught errors in the pages of one test, from Reflect's own scripts."""

    def __init__(self):
        self.errors: list[str] = []

    def __call__(self, error):
        text = f"{error.name}: {error.message}\n{error.stack or ''}"
        if "reflect-" in text:
            self.errors.append(text)


@pytest.fixture(scope="session")
def browser(pytestconfig):
    return _shared_browser(pytestconfig)


@pytest.fixture(scope="session")
def site(built_site) -> Site:
    return Site(built_site)


@pytest.fixture
def requests_made() -> Requests:
    return Requests()


@pytest.fixture
def page_errors() -> PageErrors:
    return PageErrors()


@pytest.fixture
def new_context(browser, requests_made, page_errors):
    """Make browser contexts (each a fresh profile) that record requests and page errors."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("accept_downloads", True)
        context = browser.new_context(**options)
        context.on("request", requests_made)
        context.on("page", lambda page: watch_page(page, page_errors))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    elsewhere = requests_made.elsewhere()
    assert not elsewhere, f"requests left the machine: {elsewhere}"
    assert requests_made.urls, "no request was recorded: is the recorder attached?"
    assert not page_errors.errors, "Reflect's scripts threw:\n" + "\n".join(page_errors.errors)


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


# --- helpers -----------------------------------------------------------------------------------


def open_page(page, url: str, ready: str | None = None):
    """Go to url; wait until the tool at selector `ready` has finished starting."""
    page.goto(url)
    if ready:
        page.wait_for_selector(f"{ready}[data-ready=true]", state="attached")
    return page


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0-2.2 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SOURCE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}")
    return "\n".join(lines)


def focused_matches(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def watch_page(page, page_errors) -> None:
    """Every page of a test context records its script errors and reports every file chooser
    from the start. Playwright starts intercepting file choosers when the first listener is
    added, without waiting for the browser; a key pressed at once (``expect_file_chooser`` then
    Enter) sometimes opened the chooser before that, and the test waited for an event that never
    came (about one run in ten, more on a loaded machine)."""
    page.on("pageerror", page_errors)
    page.on("filechooser", lambda chooser: None)


def tab_to(page, selector: str, limit: int = 500, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches selector."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} was not reached with {key} in {limit} presses")


def download(page, action: Callable[[], None]) -> tuple[str, str]:
    """Run action, which must start a download; returns (file name, text)."""
    with page.expect_download() as info:
        action()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_text(encoding="utf-8")


def storage_items(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )


def worksheet_records(page) -> dict[str, dict]:
    return {
        key: json.loads(value)
        for key, value in storage_items(page).items()
        if ":worksheet:" in key
    }
