"""Reflow and focus (WCAG 1.4.10, 2.4.3, 2.4.7, 2.4.11): at 320 CSS px no page type scrolls
sideways; at 390 px every Tab stop before the first content link is on screen and visible;
the navigation drawer takes focus in, keeps it, closes with Escape and gives focus back;
Material's hidden search results take no Tab."""

from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401 - fixtures
    SET_PAGE,
    browser,
    context,
    new_context,
    page_errors,
    requests_made,
    site,
)

PAGE_TYPES = [
    "index.html",
    "audiences/organisations.html",
    "findings/index.html",
    "findings/challenges.html",
    "findings/limitations.html",
    "implications.html",
    "appendices/index.html",
    "appendices/qi-coaches-guide.html",
    "appendices/consent-form.html",
    "resources.html",
    "about/open-data.html",
    "question-bank.html",
    "compose.html",
    SET_PAGE,
    "404.html",
]

WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && getComputedStyle(el).visibility !== "hidden") {
      if (!worst || r.right > worst.right) worst = {right: Math.round(r.right), tag: el.tagName, cls: el.className && String(el.className)};
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, worst};
}"""


@pytest.fixture(scope="module")
def narrow(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_horizontal_scrolling_at_320_px(site, narrow, path):
    narrow.goto(site.url("http", path))
    narrow.wait_for_load_state("load")
    narrow.wait_for_function("!document.querySelector('[data-ready=false]')")
    found = narrow.evaluate(WIDEST)
    assert found["scroll"] <= found["width"], f"{path}: {found}"


VISIBLE_IN_VIEWPORT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: true, what: "body"};
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const inside = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
                 r.top < innerHeight && r.left < innerWidth;
  const shown = style.visibility !== "hidden" && style.opacity !== "0";
  const content = !!el.closest("article") && el.matches("a[href]");
  return {ok: inside && shown, content, what: el.outerHTML.slice(0, 120)};
}"""


@pytest.mark.parametrize("path", ["index.html", SET_PAGE, "question-bank.html"])
def test_every_tab_stop_before_the_content_is_visible_at_390_px(site, new_context, path):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(site.url("http", path))
    page.wait_for_function("!document.querySelector('[data-ready=false]')")
    for presses in range(1, 60):
        page.keyboard.press("Tab")
        # Material fades some controls in on focus (the skip link): wait for that to finish.
        try:
            page.wait_for_function(f"({VISIBLE_IN_VIEWPORT})().ok", timeout=2000)
        except Exception:
            pass
        where = page.evaluate(VISIBLE_IN_VIEWPORT)
        assert where["ok"], f"Tab {presses} on {path} lands on something unseen: {where['what']}"
        assert "Search results" not in where["what"]
        if where["content"]:
            break
    else:
        raise AssertionError(f"no content link within 60 Tab presses on {path}")


def test_the_drawer_takes_keeps_and_returns_focus(site, new_context):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(site.url("http", "index.html"))
    page.wait_for_load_state("load")
    button = "label.md-header__button[for='__drawer']"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", button):
            break
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.wait_for_function("!!document.activeElement.closest('.md-sidebar--primary')")
    for _ in range(80):  # Tab never leaves the open drawer
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("(s) => document.activeElement.matches(s)", button)


def test_hidden_search_results_take_no_tab_stop(site, new_context):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site.url("http", "index.html"))
    page.wait_for_load_state("load")
    for _ in range(12):
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('.md-search__output')")
    # Open, the search and its results are reachable as before.
    page.keyboard.press("/")
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-search__output')).visibility") == "visible"


def test_worksheet_actions_in_reach_on_a_phone(site, new_context):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(site.url("http", SET_PAGE))
    page.wait_for_selector("#reflect-worksheet[data-ready=true]", state="attached")
    last = page.locator(".reflect-answer textarea").last
    last.focus()
    last.scroll_into_view_if_needed()
    summary = page.locator(".reflect-worksheet-more > summary")
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < 844, box
    assert not page.locator("#reflect-worksheet [data-action=export-json]").is_visible()  # folded away
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#reflect-worksheet [data-action=export-json]").is_visible()
    assert page.evaluate(WIDEST)["scroll"] <= 390


def test_reading_styles(site, new_context):
    """Titles dark and bold; section headings heavier than question headings; quotes in the
    text colour, left-aligned; the opening script at body size; tables with lines."""
    page = new_context().new_page()
    page.goto(site.url("http", "appendices/qi-coaches-guide.html"))
    style = page.evaluate(
        """() => {
          const s = (sel) => { const e = document.querySelector(sel); return e && getComputedStyle(e); };
          const body = s("article p");
          return {
            h1: [s("article h1").fontWeight, s("article h1").color, body.color],
            h2: s("article h2").fontWeight, h3: s("article h3").fontWeight,
            script: s(".admonition.quote") && s(".admonition.quote p").fontSize, body: body.fontSize,
          };
        }"""
    )
    assert int(style["h1"][0]) >= 700 and style["h1"][1] == style["h1"][2]
    assert int(style["h2"]) > int(style["h3"])
    assert style["script"] == style["body"]
    page.goto(site.url("http", "findings/challenges.html"))
    quote = page.evaluate(
        """() => { const q = document.querySelector('.reflect-quote blockquote');
                   const p = getComputedStyle(document.querySelector('article > p'));
                   const c = getComputedStyle(q);
                   return [c.color, p.color, c.textAlign]; }"""
    )
    assert quote[0] == quote[1] and quote[2] in ("left", "start")
    page.goto(site.url("http", "question-bank.html"))
    cell = page.evaluate("getComputedStyle(document.querySelector('table.reflect-bank td')).borderTopStyle")
    assert cell == "solid"
