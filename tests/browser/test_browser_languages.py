"""The language switch in a real browser: it keeps the place and the bank's filters, the
worksheet's answers are the same in both languages, and axe finds nothing on either language's
key pages. The bilingual test pack is built once for the module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser_support import (  # noqa: F401 - fixtures
    Site,
    browser,
    context,
    describe,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    run_axe,
)
from conftest import reflect

PACK = Path(__file__).parent.parent / "packs" / "bilingual"
BANK = "question-bank.html"
SET_PAGE = "question-sets/team-check.html"
SWITCH = "nav.reflect-language-switch a[data-reflect-language]"


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory) -> Site:
    pack = Path(shutil.copytree(PACK, tmp_path_factory.mktemp("browser-languages") / "bilingual"))
    result = reflect("--project", str(pack), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(pack / "site")


def test_the_switch_keeps_the_filters_and_the_place(two_languages, page):
    open_page(page, two_languages.url("http", BANK + "#audience=teams&words=shift"), "#reflect-bank-filters")
    page.wait_for_selector("#reflect-bank-filters[data-shown]", state="attached")
    assert page.locator("#reflect-bank-filters").get_attribute("data-shown") == "1"
    page.locator(SWITCH).click()
    page.wait_for_url("**/cy/question-bank.html#audience=teams&words=shift")
    page.wait_for_selector("#reflect-bank-filters[data-shown]", state="attached")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("#reflect-bank-audience-teams").is_checked()  # the filter state came along
    # back to English at a question's place on its set page
    page.goto(two_languages.url("http", "cy/" + SET_PAGE + "#q-ideas-heard"))
    page.locator(SWITCH).click()
    page.wait_for_url("**/" + SET_PAGE + "#q-ideas-heard")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#q-ideas-heard").is_visible()


def test_without_javascript_the_switch_opens_the_matching_page(two_languages, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(two_languages.url("http", SET_PAGE))
    page.locator(SWITCH).click()
    page.wait_for_url("**/cy/" + SET_PAGE)
    assert "Sut mae ein tîm yn dysgu" in page.locator("h1").inner_text()


def test_answers_are_shared_between_the_languages_of_a_set(two_languages, page):
    open_page(page, two_languages.url("http", SET_PAGE), "#reflect-worksheet")
    page.locator("#reflect-answer-huddles").fill("We meet at 7pm.")
    page.wait_for_function("() => Object.values(localStorage).some(v => v.includes('We meet at 7pm.'))")
    open_page(page, two_languages.url("http", "cy/" + SET_PAGE), "#reflect-worksheet")
    assert page.locator("#reflect-answer-huddles").input_value() == "We meet at 7pm."


@pytest.mark.parametrize("path", ["index.html", SET_PAGE, BANK, "downloads.html", "appendices/how-to-run.html"])
@pytest.mark.parametrize("language", ["", "cy/"])
def test_no_axe_violation_in_either_language(two_languages, page, path, language):
    open_page(page, two_languages.url("http", language + path))
    violations = run_axe(page)
    assert not violations, f"{page.url}\n{describe(violations)}"
