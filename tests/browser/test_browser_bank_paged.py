"""A large question bank is paged: the page holds one page of rows, the script shows one page
of the matching questions at a time (Previous / Next, the page in the fragment), "add all"
and printing take every match, and without script a note links every guide and set. Built
from a generated pack larger than a page (bench/generate.py); the expected rows come from the
Project, not from the page."""

from __future__ import annotations

import json
import re
import sys
import urllib.parse

import pytest

from browser_support import (  # noqa: F401 - fixtures
    Site,
    browser,
    describe,
    new_context,
    open_page,
    page_errors,
    requests_made,
    run_axe,
)
from conftest import ROOT, reflect
from test_browser_bank import oracle

from generator.document.questions import BANK_PAGE_SIZE

BANK = "question-bank.html"
READY = "#reflect-bank-filters"
ROWS = "table.reflect-bank tbody tr"
QUESTIONS = 260  # three pages: 100, 100 and 60


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate_pack

    from generator.project import load_project

    folder = tmp_path_factory.mktemp("paged") / "pack"
    counts = generate_pack(folder, QUESTIONS)
    assert counts["questions"] == QUESTIONS
    result = reflect("--project", str(folder), "build", cwd=folder)
    assert result.returncode == 0, result.stderr
    return Site(folder / "site"), load_project(folder)


def row_ids(page) -> list[str]:
    return page.locator(ROWS).evaluate_all("rows => rows.map(r => r.id.replace(/^bank-/, ''))")


def fragment(page) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment))


def pager_text(page) -> tuple[str, str]:
    return (page.locator(".reflect-pager__page").inner_text(), page.locator("#reflect-bank-page-status").inner_text())


def opened(new_context, site, where=""):
    return open_page(new_context().new_page(), site.url("http", BANK + where), READY)


def test_the_page_holds_one_page_of_rows_and_the_data_draws_the_rest(pack):
    site, project = pack
    html = (site.directory / BANK).read_text(encoding="utf-8")
    ids = re.findall(r'<tr id="bank-([^"]+)"', html)
    assert BANK_PAGE_SIZE < QUESTIONS
    assert ids == [e.question.id for e in project.questions[:BANK_PAGE_SIZE]]
    data = json.loads(
        __import__("html").unescape(re.search(r'data-reflect-data="([^"]*)"', html).group(1))
    )
    assert data["page_size"] == BANK_PAGE_SIZE
    assert [q["id"] for q in data["questions"]] == [e.question.id for e in project.questions]


def test_paging_by_keyboard(pack, new_context):
    site, project = pack
    every = oracle(project)
    page = opened(new_context, site)
    assert row_ids(page) == every[:100]
    assert pager_text(page) == ("Page 1 of 3", f"Showing 1–100 of {QUESTIONS} matching questions.")
    assert page.locator("[data-action=previous-page]").is_disabled()
    # The first row is drawn from the data as the server wrote it.
    first = project.questions[0]
    link = page.locator(f"#bank-{first.question.id} td a").first
    assert link.inner_text() == f"{first.number}. " + " ".join(first.question.text.split())
    page.locator("[data-action=next-page]").focus()
    page.keyboard.press("Enter")
    assert row_ids(page) == every[100:200]
    assert pager_text(page) == ("Page 2 of 3", f"Showing 101–200 of {QUESTIONS} matching questions.")
    assert fragment(page) == {"page": "2"}
    assert page.evaluate("document.activeElement.tagName") == "CAPTION"
    page.locator("[data-action=next-page]").focus()
    page.keyboard.press("Space")
    assert row_ids(page) == every[200:]
    assert pager_text(page) == ("Page 3 of 3", f"Showing 201–{QUESTIONS} of {QUESTIONS} matching questions.")
    assert page.locator("[data-action=next-page]").is_disabled()
    # A row drawn by the script can be added to a guide, and its link leads to the question.
    last = project.questions[-1]
    assert page.locator(f"#bank-{last.question.id} [data-action=add]").count() == 1
    page.locator(f"#bank-{last.question.id} td a").first.click()
    page.wait_for_url(re.compile(r".*#.+"))
    assert page.url.split("#")[0].endswith(".html") and page.url.split("#")[0] != site.url("http", BANK)
    assert page.locator(f"[id='{page.url.split('#')[1]}']").count() == 1
    assert last.question.id in page.url.split("#")[1]
    page.go_back()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert pager_text(page)[0] == "Page 3 of 3"
    page.locator("[data-action=previous-page]").focus()
    page.keyboard.press("Enter")
    assert row_ids(page) == every[100:200]


def _big_filter(project):
    """A filter (kind, value) that matches more than a page but not every question."""
    from generate import WORDS

    candidates = [("audience", a.id) for a in project.audiences] + [("theme", t.id) for t in project.themes]
    candidates += [("words", word) for word in WORDS]
    for kind, value in candidates:
        n = len(oracle(project, **({"words": value} if kind == "words" else {kind: [value]})))
        if BANK_PAGE_SIZE < n < QUESTIONS:
            return kind, value
    pytest.skip("no filter matches more than a page")  # pragma: no cover


def cells(page) -> list[list[str]]:
    """Each row's link address and the text of each cell (the row's own words, not its button's)."""
    return page.locator(ROWS).evaluate_all(
        """rows => rows.map(r => [r.cells[0].querySelector('a').getAttribute('href'),
                                  r.cells[0].querySelector('a').textContent,
                                  ...Array.from(r.cells).slice(1).map(c => c.innerText.trim())])"""
    )


def test_the_script_draws_the_rows_as_the_server_wrote_them(pack, new_context):
    site, _ = pack
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(site.url("http", BANK))
    drawn = opened(new_context, site)
    assert cells(drawn) == cells(plain)
    assert drawn.locator(f"{ROWS} td[data-label]").count() == 4 * BANK_PAGE_SIZE


def test_a_filter_resets_to_page_one_and_the_fragment_restores_page_and_filters(pack, new_context):
    site, project = pack
    page = opened(new_context, site, "#page=2")
    assert pager_text(page)[0] == "Page 2 of 3"
    audience = project.audiences[0].id
    page.locator(f"details[data-facet=audience] summary").click()
    page.locator(f"#reflect-bank-audience-{audience}").check()
    expected = oracle(project, audience=[audience])
    assert 0 < len(expected) < QUESTIONS
    assert row_ids(page) == expected[:BANK_PAGE_SIZE]
    assert pager_text(page)[0].startswith("Page 1 of ")
    assert fragment(page) == {"audience": audience}
    assert page.locator("#reflect-bank-count").inner_text() == f"Showing {len(expected)} of {QUESTIONS} questions."

    kind, value = _big_filter(project)
    expected = oracle(project, **({"words": value} if kind == "words" else {kind: [value]}))
    other = opened(new_context, site, f"#{kind}={value}&page=2")
    assert row_ids(other) == expected[100:200]
    if kind == "words":
        assert other.locator("#reflect-bank-words").input_value() == value
    else:
        assert other.locator(f"#reflect-bank-{kind}-{value}").is_checked()
    assert fragment(other) == {kind: value, "page": "2"}
    assert pager_text(other) == ("Page 2 of 2", f"Showing 101–{len(expected)} of {len(expected)} matching questions.")
    # Hostile or stale page numbers are harmless: not a number is page 1, too far is the last.
    for bad, shown in (("page=abc", "Page 1 of 3"), ("page=-2", "Page 1 of 3"), ("page=99999999999", "Page 1 of 3"),
                       ("page=9", "Page 3 of 3")):
        other = opened(new_context, site, f"#{bad}")
        assert pager_text(other)[0] == shown, bad


def test_a_link_to_a_question_on_a_later_page_opens_that_page(pack, new_context):
    site, project = pack
    target = project.questions[230].question.id
    page = opened(new_context, site, f"#bank-{target}")
    assert pager_text(page)[0] == "Page 3 of 3"
    assert page.locator(f"#bank-{target}").is_visible()


def test_add_all_takes_every_match_and_printing_prints_every_match(pack, new_context):
    site, project = pack
    page = opened(new_context, site)
    button = page.locator("[data-action=add-all]")
    assert button.inner_text() == f"Add all {QUESTIONS} matching questions, on every page, to my guide"
    button.click()
    assert f"Added {QUESTIONS} questions" in page.locator(".reflect-bank-guide .reflect-status").inner_text()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert row_ids(page) == oracle(project)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert row_ids(page) == oracle(project)[:BANK_PAGE_SIZE]


def test_without_javascript_a_note_links_every_guide_and_set(pack, new_context):
    site, project = pack
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("http", BANK))
    assert len(row_ids(page)) == BANK_PAGE_SIZE
    note = page.locator("#reflect-bank-filters .reflect-nojs")
    assert note.inner_text().startswith(f"This list shows the first {BANK_PAGE_SIZE} of the {QUESTIONS} questions.")
    hrefs = note.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(project.guides) + len(project.question_sets)
    for href in hrefs:
        assert (site.directory / href).is_file(), href


def test_the_paged_bank_has_no_axe_violations(pack, new_context):
    site, _ = pack
    page = opened(new_context, site, "#page=2")
    violations = run_axe(page)
    assert not violations, describe(violations)
