"""Issue 13's site pages in a real browser: the home page's start routes in the first screen
on desktop and phone, a theme page's bank link opening the bank filtered to it (by mouse
and by keyboard, over http and file://), the action plan reading the worksheet's data, and
axe-core's 0 violations on the changed pages at both sizes."""

from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401 - fixtures
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

SET_ID = "organisations-self-evaluation"
SET_PAGE = f"question-sets/{SET_ID}.html"
SIZES = [(1280, 800), (390, 844)]
CHANGED = [
    "index.html",
    "findings/challenges.html",
    "audiences/qi-coaches.html",
    "implications.html",
    "downloads.html",
    "appendices/consent-form.html",
    "appendices/lived-experience-questions.html",
]


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("where", ["http", "file"])
def test_start_routes_are_in_the_first_screen(site, new_context, width, height, where):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    open_page(page, site.url(where, "index.html"))
    routes = page.locator(".reflect-routes .reflect-route")
    assert routes.count() == 4
    titles = page.locator(".reflect-route__title").all_inner_texts()
    assert titles == ["Run a focus group", "Reflect on my practice", "Self-evaluate my organisation",
                      "Adapt the documents"]
    for index in range(routes.count()):
        box = routes.nth(index).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (index, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    for link in page.locator(".reflect-routes a").all():
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height and link.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _bank_link(page):
    return page.locator('a[href^="../question-bank.html#subtheme=structural-barriers&audience=qi-coaches"]')


@pytest.mark.parametrize("where", ["http", "file"])
def test_theme_pages_bank_link_opens_the_bank_filtered(site, page, where):
    open_page(page, site.url(where, "findings/challenges.html"))
    link = _bank_link(page)
    words = link.inner_text()
    count = int(words.split()[1]) if words.startswith("All") else 1
    link.click()
    page.wait_for_selector("#reflect-bank-filters[data-shown]", state="attached")
    assert page.locator("#reflect-bank-filters").get_attribute("data-shown") == str(count)
    assert page.locator('input[value="qi-coaches"]').first.is_checked()
    assert page.locator('input[value="structural-barriers"]').first.is_checked()
    shown = page.locator("table.reflect-bank tbody tr:visible")
    assert shown.count() == count
    for row in range(count):
        assert shown.nth(row).get_attribute("data-audience") == "qi-coaches"
        assert "structural-barriers" in shown.nth(row).get_attribute("data-subthemes").split()


def test_theme_pages_bank_link_by_keyboard(site, page):
    open_page(page, site.url("http", "findings/challenges.html"))
    link = _bank_link(page)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#reflect-bank-filters[data-shown]", state="attached")
    assert "subtheme=structural-barriers" in page.url and "audience=qi-coaches" in page.url
    assert int(page.locator("#reflect-bank-filters").get_attribute("data-shown")) < page.locator(
        "table.reflect-bank tbody tr").count()


def test_audience_pages_bank_link_opens_the_bank_for_that_audience(site, page):
    open_page(page, site.url("http", "audiences/project-teams.html"))
    page.locator('a[href="../question-bank.html#audience=project-teams"]').click()
    page.wait_for_selector("#reflect-bank-filters[data-shown]", state="attached")
    rows = page.locator("table.reflect-bank tbody tr:visible")
    assert rows.count() > 0
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.audience)")) == {"project-teams"}


def test_bank_opens_the_composer_at_the_address_in_its_data(site, page):
    open_page(page, site.url("http", "question-bank.html"), "#reflect-bank-filters")
    assert page.locator('[data-action="open-composer"]').get_attribute("href") == "compose.html"


def test_action_plan_links_come_from_the_worksheet_data(site, page, project):
    """With the page's "Linked to:" lines gone, the action plan still lists each statement's
    actions, with the data's words and addresses."""
    qset = next(s for s in project.question_sets if s.id == SET_ID)
    rated = [q for s in qset.sections for q in s.questions if q.implications][:2]
    assert rated
    open_page(page, site.url("http", SET_PAGE), "#reflect-worksheet")
    page.evaluate("document.querySelectorAll('.reflect-links').forEach(p => p.remove())")
    data = page.evaluate("JSON.parse(document.getElementById('reflect-worksheet').dataset.reflectData)")
    by_id = {q["id"]: q for sec in data["sections"] for q in sec["questions"]}
    for q in rated:
        page.locator(f"#reflect-rating-{q.id}-1").check()
    page.click("#reflect-worksheet [data-action=results]")
    for q in rated:
        links = page.locator(f"#reflect-worksheet-results ol.reflect-plan > li[data-question='{q.id}'] a")
        got = links.evaluate_all("as => as.map(a => [a.getAttribute('href'), a.textContent])")
        assert got == [[i["href"], i["label"]] for i in by_id[q.id]["implications"]]
        assert len(got) == len(q.implications)


@pytest.mark.parametrize("width,height", SIZES)
def test_changed_pages_have_no_axe_violations(site, new_context, width, height):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    failures = []
    for path in CHANGED:
        open_page(page, site.url("http", path))
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)
