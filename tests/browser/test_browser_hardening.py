"""Hostile links and records against the browser tools: URL fragments naming object
properties or a megabyte long, stored and imported answers of the wrong types, content that
places look-alike tool elements or words on the page. And: every interface word the tools
write comes from the catalogue."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from browser_support import (  # noqa: F401 - fixtures
    SET_ID,
    SET_PAGE,
    browser,
    context,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    site,
)
from conftest import ROOT

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
COMPOSE = "compose.html"
BANK = "question-bank.html"


@pytest.mark.parametrize(
    "fragment",
    ["q=constructor", "q=__proto__,toString&title=constructor", "constructor=1&__proto__=2", "q=hasOwnProperty&q=valueOf"],
)
def test_fragments_naming_object_properties(site, page, project, fragment):
    open_page(page, site.url("http", f"{COMPOSE}#{fragment}"), "#reflect-composer")
    assert page.locator("ol.reflect-compose-picked > li").count() == 0
    first = project.questions[0].question.id
    page.check(f"#reflect-pick-{first}")  # the composer still works
    assert page.locator("ol.reflect-compose-picked > li").count() == 1
    open_page(page, site.url("http", f"{BANK}#audience=constructor&theme=__proto__&words=toString"), "#reflect-bank-filters")
    assert page.locator("#reflect-bank-filters").get_attribute("data-shown") is not None


def test_a_megabyte_fragment_is_refused_with_a_message(site, page, project):
    huge = "q=" + ",".join(["constructor"] * 90000)  # about 1 MB
    open_page(page, site.url("http", f"{COMPOSE}#{huge}"), "#reflect-composer")
    assert "too long to read" in page.locator("#reflect-composer .reflect-alerts").inner_text()
    open_page(page, site.url("http", f"{BANK}#words=" + "a%20" * 260000), "#reflect-bank-filters")
    assert page.locator("#reflect-bank-filters .reflect-banner").first.is_visible()
    page.fill("#reflect-bank-words", "zzzz-no-such-word")
    assert page.locator("#reflect-bank-count").inner_text() == f"Showing 0 of {len(project.questions)} questions."


def test_a_long_link_within_the_limit_still_opens(site, page, project):
    ids = [e.question.id for e in project.questions]
    repeated = []
    while len(",".join(repeated)) < 55000:  # near the 64 KB limit, with duplicates to drop
        repeated += ids
    link = "q=" + ",".join(repeated)
    open_page(page, site.url("http", f"{COMPOSE}#{link}"), "#reflect-composer")
    assert page.locator("ol.reflect-compose-picked > li").count() == len(ids)


def store_key(page):
    return page.evaluate(
        "() => Object.keys(localStorage).find(k => k.includes(':worksheet:') && !k.includes(':unreadable:'))"
    )


def test_stored_answers_of_the_wrong_type_are_named(site, context, project):
    qset = next(s for s in project.question_sets if s.id == SET_ID)
    qids = [q.id for s in qset.sections for q in s.questions]
    page = open_page(context.new_page(), site.url("http", SET_PAGE), "#reflect-worksheet")
    page.locator(f"#reflect-answer-{qids[0]}").fill("kept")
    page.locator(f"#reflect-answer-{qids[0]}").blur()
    key = store_key(page)
    record = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))
    record["answers"][qids[1]] = {"text": 42, "rating": None}
    record["answers"]["constructor"] = {"text": "an answer to a removed question", "rating": None}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(record)])
    page.reload()
    page.wait_for_selector("#reflect-worksheet[data-ready=true]", state="attached")
    notice = page.locator("#reflect-worksheet [data-banner=notice]").inner_text()
    assert f"1 saved answer could not be used and was left out (Question 2: its answer is not text)." in notice
    assert page.locator(f"#reflect-answer-{qids[0]}").input_value() == "kept"
    with page.expect_download() as info:
        page.click("#reflect-worksheet [data-action=export-markdown]")
    text = open(info.value.path(), encoding="utf-8").read()
    assert "an answer to a removed question" in text


@pytest.mark.parametrize(
    "answers, message",
    [
        ([{"id": "constructor", "text": "x", "rating": None}], None),
        ([{"id": "q", "text": 5}], "answer 1 has no answer text."),
        ([{"id": "__proto__", "text": ""}], "answer 1 has no valid question id."),
        ([{"id": "q", "text": "", "rating": "4"}], "answer 1 has a rating that is not a whole number."),
        ({"not": "a list"}, "it has no list of answers."),
    ],
)
def test_imported_fields_are_checked_by_type(site, page, tmp_path, answers, message):
    open_page(page, site.url("http", SET_PAGE), "#reflect-worksheet")
    data = json.loads(page.locator("#reflect-worksheet").get_attribute("data-reflect-data"))
    export = {"format": "reflect-worksheet", "format_version": 1, "site": data["site"], "set": SET_ID,
              "content_version": data["content_version"], "answers": answers}
    path = tmp_path / "import.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    page.locator("#reflect-worksheet-file").set_input_files(str(path))
    if message is None:
        page.wait_for_selector("#reflect-retired:not([hidden]), .reflect-retired:not([hidden])")
        assert "x" in page.locator(".reflect-retired").inner_text()
    else:
        banner = page.locator("#reflect-worksheet [data-banner=import-error]")
        banner.wait_for()
        assert banner.inner_text().startswith(f"“import.json” was not imported {message}")


def test_content_cannot_stand_in_for_a_tool_or_its_words(site, context):
    """A page whose content places a second worksheet (with its own data) before the real one,
    and a words block in the body: the tool refuses to start and says why; its words come
    from <head> only."""
    def spoof(route):
        response = route.fetch()
        html = response.text()
        fake = ('<div id="reflect-worksheet" data-reflect-data="{&quot;set&quot;:&quot;x&quot;,'
                '&quot;sections&quot;:[]}"></div>'
                '<script type="application/json" id="reflect-strings">{"tool_duplicate": "SPOOFED"}</script>')
        html = html.replace('<div class="reflect-worksheet"', fake + '<div class="reflect-worksheet"', 1)
        route.fulfill(response=response, body=html)

    page = context.new_page()
    page.route(re.compile(r".*/" + re.escape(SET_PAGE) + r"$"), spoof)
    page.goto(site.url("http", SET_PAGE))
    refused = page.locator(".reflect-refused").first
    refused.wait_for()
    assert refused.inner_text().startswith("This tool did not start")
    assert page.locator(".reflect-answer").count() == 0


def catalogue_names():
    from generator.strings import load_catalogue

    return set(load_catalogue("en").section("tools."))


def test_every_word_the_tools_use_is_in_the_catalogue():
    names = catalogue_names()
    used = set()
    for script in SCRIPTS.glob("*.js"):
        used |= set(re.findall(r'\bt\("([a-z0-9_]+)"\s*[,)]', script.read_text(encoding="utf-8")))
    assert used, "no catalogue name found: has the call changed?"
    assert not sorted(used - names)
    # Names made from a problem's key: every key the pure parts can raise has its words.
    pure = (SCRIPTS / "reflect-answers.js").read_text(encoding="utf-8") + (SCRIPTS / "reflect-compare.js").read_text(encoding="utf-8")
    keys = set(re.findall(r'problem\("([a-z_]+)"\s*[,)]', pure))
    reasons = set(re.findall(r'reason: "([a-z_]+)"', pure))
    assert keys and reasons
    assert not sorted(f"problem_{k}" for k in keys if f"problem_{k}" not in names)
    assert not sorted(f"problem_entry_{r}" for r in reasons if f"problem_entry_{r}" not in names)
    assert not sorted(f"ws_stored_{r}" for r in reasons if f"ws_stored_{r}" not in names)


# A literal with two plain words in a row (not class names like "reflect-button reflect-x",
# not selectors like ":scope > thead th") is an interface word, which belongs in the catalogue.
WORDS = re.compile(r"(?<![\w-])[A-Za-z]{2,} [a-z]{2,}(?![\w-])")
SELECTOR = re.compile(r"[>\[\]#:=]")


def test_no_interface_word_is_a_literal_in_the_scripts():
    offenders = []
    for script in SCRIPTS.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"^\s*//.*$|\s//\s.*$", "", text, flags=re.M)
        for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
            if WORDS.search(literal) and not SELECTOR.search(literal) and literal != "use strict":
                offenders.append(f"{script.name}: {literal}")
    assert not offenders, "\n".join(offenders)
