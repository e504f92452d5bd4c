"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on any page type, in any state of
the worksheet, the filtered question bank, the composer with picks, Material's search and
a small screen; and Material's own faults (search without a name, footer contrast) are
fixed through the overrides."""

from __future__ import annotations

import json

import pytest

from browser_support import (  # noqa: F401 - fixtures
    FULL_STORAGE,
    SET_PAGE,
    browser,
    context,
    describe,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    run_axe,
    site,
)

PAGE_TYPES = [
    "index.html",  # home
    "audiences/organisations.html",  # audience
    "findings/index.html",  # Table 1
    "findings/challenges.html",  # theme and its findings
    "findings/limitations.html",  # narrative page
    "implications.html",
    "appendices/index.html",
    "appendices/qi-coaches-guide.html",  # appendix: guide
    "appendices/consent-form.html",  # appendix: document
    "resources.html",
    "about/about.html",
    "about/open-data.html",
    "404.html",
]


def assert_no_violations(page, where=""):
    violations = run_axe(page)
    assert not violations, f"{where or page.url}\n{describe(violations)}"


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_types(site, page, path):
    open_page(page, site.url("http", path))
    assert_no_violations(page)


def test_every_page_of_the_site(site, page):
    """Every HTML page the build wrote, in one pass, the plain source pages in both languages
    included (the page types above are a subset)."""
    failures = []
    for html in sorted(site.directory.rglob("*.html")):
        path = html.relative_to(site.directory).as_posix()
        page.goto(site.url("http", path))
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def test_from_file_urls_too(site, page):
    for path in ("index.html", SET_PAGE, "question-bank.html"):
        open_page(page, site.url("file", path))
        assert_no_violations(page)


# --- the worksheet in each of its states -----------------------------------------------------------


def worksheet(page, site):
    return open_page(page, site.url("http", SET_PAGE), "#reflect-worksheet")


def test_worksheet_empty_and_filled(site, page):
    worksheet(page, site)
    assert_no_violations(page, "empty worksheet")
    boxes = page.locator(".reflect-answer textarea")
    boxes.nth(0).fill("An answer\nwith two lines")
    page.locator(".reflect-answer").nth(0).locator("input[type=radio]").nth(2).check()
    boxes.nth(3).fill("Another")
    boxes.nth(3).blur()
    assert_no_violations(page, "filled worksheet")


def test_worksheet_with_storage_banner(site, new_context):
    context = new_context()
    context.add_init_script(FULL_STORAGE)
    page = worksheet(context.new_page(), site)
    page.locator(".reflect-answer textarea").first.fill("Not saved")
    page.locator(".reflect-answer textarea").first.blur()
    page.locator("[data-banner=storage]").wait_for()
    assert_no_violations(page, "storage banner")


def test_worksheet_with_import_error_notice_and_removed_answers(site, page, tmp_path):
    worksheet(page, site)
    key = page.evaluate("() => Object.keys(localStorage).find(k => k.includes(':worksheet:')) || ''")
    prefix = "reflect:reflect-learning-from-the-amhe-qi-coaches-focus-group:worksheet:organisations-self-evaluation:"
    old = {
        "format": "reflect-worksheet-store", "version": 1, "revision": 1, "content_version": "0.9",
        "saved_at": "2020-01-01T00:00:00Z",
        "answers": {"gone": {"text": "Old answer", "rating": 2, "question": "An old question?"}},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [prefix + "0.9", json.dumps(old)])
    assert not key
    page.reload()
    page.locator("[data-banner=notice]").wait_for()
    page.locator(".reflect-retired").wait_for()
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.click("#reflect-worksheet [data-action=import]")
    chooser.value.set_files(str(bad))
    page.locator("[data-banner=import-error]").wait_for()
    assert_no_violations(page, "notice, removed answers and import error")


def test_worksheet_with_conflict_and_dialog(site, context):
    one = worksheet(context.new_page(), site)
    two = worksheet(context.new_page(), site)
    # Typing not yet saved in one (its timers held) when two saves the same answer.
    one.evaluate("() => { window.__setTimeout = window.setTimeout; window.setTimeout = () => 0; }")
    one.locator(".reflect-answer textarea").first.fill("Mine")
    two.locator(".reflect-answer textarea").first.fill("Theirs")
    two.locator(".reflect-answer textarea").first.blur()
    one.locator("[data-banner=conflict]").wait_for()
    one.evaluate("() => { window.setTimeout = window.__setTimeout; }")  # axe needs timers
    assert_no_violations(one, "conflict")
    one.click("#reflect-worksheet [data-action=clear]")
    one.locator("dialog.reflect-dialog[open]").wait_for()
    assert_no_violations(one, "confirmation dialog")


def test_question_bank_filtered(site, page):
    open_page(page, site.url("http", "question-bank.html#audience=qi-coaches,organisations&theme=challenges&words=the"),
              "#reflect-bank-filters")
    page.locator("details[data-facet=owner] summary").click()
    assert_no_violations(page, "filtered bank")
    page.fill("#reflect-bank-words", "zzzz")
    assert page.locator(".reflect-empty").is_visible()
    assert_no_violations(page, "bank with no match")


def test_composer_with_picks(site, page, project):
    ids = [e.question.id for e in project.questions[:2]] + [project.questions[-1].question.id]
    open_page(page, site.url("http", "compose.html#title=Mine&q=" + ",".join(ids)), "#reflect-composer")
    page.fill("#reflect-compose-words", "what")
    assert_no_violations(page, "composer")


def test_search_dialog_with_results(site, page):
    open_page(page, site.url("http", "index.html"))
    dialog = page.locator("[data-md-component=search][role=dialog]")
    assert dialog.get_attribute("aria-label") == "Search this site"
    search = page.get_by_role("textbox", name="Search this site")
    search.click()
    search.press_sequentially("co-production", delay=5)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert_no_violations(page, "search results")


def test_small_screen(site, new_context):
    page = new_context(viewport={"width": 375, "height": 740}).new_page()
    for path in ("index.html", SET_PAGE):
        open_page(page, site.url("http", path))
        assert_no_violations(page, f"{path} at 375px")
    # Material's menu and search buttons are keyboard buttons with names.
    menu = page.get_by_role("button", name="Open the site navigation")
    menu.focus()
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked()
    assert menu.get_attribute("aria-expanded") == "true"
    menu.focus()
    page.keyboard.press("Space")
    assert not page.locator("#__drawer").is_checked()
    assert menu.get_attribute("aria-expanded") == "false"
    search = page.get_by_role("button", name="Open the search")
    search.focus()
    page.keyboard.press("Enter")
    assert page.locator("#__search").is_checked()


def test_footer_text_contrast(site, page):
    """Material's footer greys fail 4.5:1 with a copyright line; the override lifts them."""
    open_page(page, site.url("http", "index.html"))
    page.evaluate(
        """() => { const c = document.querySelector('.md-copyright');
                   c.textContent = 'Copyright line with some small footer text';
                   c.appendChild(Object.assign(document.createElement('div'),
                     {className: 'md-copyright__highlight', textContent: 'Highlighted'})); }"""
    )
    assert_no_violations(page, "footer with text")
