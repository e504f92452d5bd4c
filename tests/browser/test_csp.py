"""Every page type works under the Content-Security-Policy the build writes to ``_headers``."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from browser_support import browser  # noqa: F401 - the session's one browser

PAGES = [
    "index.html",
    "audiences/organisations.html",
    "findings/index.html",
    "findings/challenges.html",
    "findings/limitations.html",
    "implications.html",
    "question-sets/organisations-self-evaluation.html",
    "question-bank.html",
    "compose.html",
    "appendices/qi-coaches-guide.html",
    "appendices/consent-form.html",
    "resources.html",
    "about/open-data.html",
]


def headers_from(site) -> dict[str, str]:
    """The headers the ``_headers`` file asks a host to send for every path."""
    text = (site / "_headers").read_text(encoding="utf-8")
    assert text.startswith("/*\n")
    return dict(line.strip().split(": ", 1) for line in text.splitlines()[1:] if line.strip())


@pytest.fixture(scope="module")
def csp_server(built_site):
    headers = headers_from(built_site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers.items():
                if self.path.startswith("/without-hashes/") and name == "Content-Security-Policy":
                    value = re.sub(r" 'sha256-[^']+'", "", value)  # proves violations are seen
                self.send_header(name, value)
            super().end_headers()

        def translate_path(self, path):
            return super().translate_path(path.removeprefix("/without-hashes"))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def page(csp_server, browser):  # noqa: F811 - the shared browser fixture
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.console_messages_seen = []
    page.on("console", lambda m: page.console_messages_seen.append(m.text))
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_under_the_policy_without_violations(page, csp_server, path):
    page.console_messages_seen.clear()
    response = page.goto(csp_server + path)
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    # every script has run (the theme's bundle defines document$) and nothing is still loading,
    # so any violation has been reported by now
    page.wait_for_function("() => typeof window.document$ !== 'undefined'", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    assert not [m for m in page.console_messages_seen if "Content Security Policy" in m]


def test_a_policy_without_the_hashes_is_violated(page, csp_server):
    page.goto(csp_server + "without-hashes/index.html")
    page.wait_for_function(
        "() => window.__cspViolations.some(v => v.startsWith('script-src'))", timeout=15000
    )


def test_search_works_under_the_policy(page, csp_server):
    page.goto(csp_server + "index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Equality Advisory Group", delay=5)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.evaluate("window.__cspViolations") == []


def test_worksheet_and_bank_scripts_run_under_the_policy(page, csp_server):
    page.goto(csp_server + "question-sets/organisations-self-evaluation.html")
    page.wait_for_function("document.querySelector('#reflect-worksheet').children.length > 0", timeout=10000)
    page.goto(csp_server + "question-bank.html")
    page.wait_for_function("document.querySelector('#reflect-bank-filters').children.length > 0", timeout=10000)
    assert page.evaluate("window.__cspViolations") == []
