"""Search works from a copy of the site opened from disk, and lands on the question."""

from __future__ import annotations

import json

import pytest

from browser_support import browser  # noqa: F401 - the session's one browser


def test_search_from_file_url_finds_a_question_and_lands_on_it(built_site, browser):
    data = json.loads((built_site / "data" / "project.json").read_text(encoding="utf-8"))
    guide = data["guides"][1]  # Appendix 2
    texts = [q["text"] for g in data["guides"] for s in g["sections"] for q in s["questions"]]
    question = next(  # a question whose words no other question shares
        q for s in guide["sections"] for q in s["questions"] if texts.count(q["text"]) == 1
    )
    words = question["text"].rstrip("?")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((built_site / "index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(words, delay=5)
    result = page.locator(f'.md-search-result a[href*="#q-{question["id"]}"]').first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_url(f"**/appendices/{guide['id']}.html?h=*#q-{question['id']}", timeout=10000)
    assert page.locator(f"#q-{question['id']}").is_visible()
    assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]
    page.close()
