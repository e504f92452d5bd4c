"""Compose your own guide, in a real browser: pick, reorder (by keyboard too), title, the
shared link, print view and exports. Over http on 127.0.0.1 and from file://."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from browser_support import (  # noqa: F401 - fixtures
    PRINT_SPY,
    browser,
    context,
    download,
    focused_matches,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    site,
    tab_to,
)

COMPOSE = "compose.html"
READY = "#reflect-composer"


def picks(project):
    """Three questions from different places: a guide's with prompts, two from sets."""
    from generator.models import Guide

    guide_q = next(e for e in project.questions if isinstance(e.owner, Guide) and len(e.question.prompts) >= 2)
    set_qs = [e for e in project.questions if not isinstance(e.owner, Guide)]
    return guide_q, set_qs[0], set_qs[-1]


def composed(page) -> list[str]:
    return page.locator("ol.reflect-compose-picked > li").evaluate_all("els => els.map(e => e.dataset.question)")


def item(page, qid):
    return page.locator(f"ol.reflect-compose-picked > li[data-question='{qid}']")


def fragment(url) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).fragment))


@pytest.mark.parametrize("where", ["http", "file"])
def test_pick_reorder_share_and_print(site, new_context, project, where):
    a, b, c = picks(project)
    context = new_context()
    context.add_init_script(PRINT_SPY)
    page = open_page(context.new_page(), site.url(where, COMPOSE), READY)
    assert "stays in this browser" in page.locator("article").inner_text()
    assert page.locator("ol.reflect-compose-picked > li").count() == 0
    assert page.locator("#reflect-compose-pick-count").inner_text() == f"Showing all {len(project.questions)} questions."

    # Narrow the choice to one guide, then to words, and pick.
    page.select_option("#reflect-compose-owner", a.owner.id)
    visible = page.locator("li.reflect-compose-choice:visible")
    assert visible.count() == sum(1 for e in project.questions if e.owner.id == a.owner.id)
    page.check(f"#reflect-pick-{a.question.id}")
    page.select_option("#reflect-compose-owner", "")
    page.fill("#reflect-compose-words", b.question.text.split()[0] + " " + b.question.text.split()[-1])
    assert page.locator(f"li.reflect-compose-choice[data-question='{b.question.id}']").is_visible()
    page.check(f"#reflect-pick-{b.question.id}")
    page.fill("#reflect-compose-words", "")
    page.check(f"#reflect-pick-{c.question.id}")
    assert composed(page) == [a.question.id, b.question.id, c.question.id]
    assert page.locator("#reflect-compose-count").inner_text() == "3 questions in your guide."
    # Each comes with its prompts.
    prompts = item(page, a.question.id).locator(".reflect-compose-prompts li").all_inner_texts()
    assert prompts == [" ".join(p.text.split()) for p in a.question.prompts]

    page.fill("#reflect-compose-title", "Coaching session: what worked & why?")
    item(page, c.question.id).locator("[data-action=up]").click()
    assert composed(page) == [a.question.id, c.question.id, b.question.id]
    item(page, a.question.id).locator("[data-action=down]").click()
    order = [c.question.id, a.question.id, b.question.id]
    assert composed(page) == order
    # The first cannot move up: the button says so (and keeps focus) and nothing moves.
    first_up = item(page, c.question.id).locator("[data-action=up]")
    assert first_up.get_attribute("aria-disabled") == "true"
    first_up.press("Enter")
    assert composed(page) == order
    assert focused_matches(page, f"li[data-question='{c.question.id}'] [data-action=up]")

    state = fragment(page.url)
    assert state == {"title": "Coaching session: what worked & why?", "q": ",".join(order)}
    link = page.locator("#reflect-compose-link").input_value()
    assert link == page.url

    # The link alone, in a fresh browser profile, gives the same guide.
    other = open_page(new_context().new_page(), link, READY)
    assert composed(other) == order
    assert other.locator("#reflect-compose-title").input_value() == "Coaching session: what worked & why?"
    assert other.locator(f"#reflect-pick-{a.question.id}").is_checked()
    other.reload()
    other.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert composed(other) == order

    # Print: the composed guide only, in order, with prompts.
    page.click("#reflect-composer [data-action=print]")
    assert page.evaluate("window.__printCalls") == 1
    page.emulate_media(media="print")
    printed = page.locator(".reflect-compose-print")
    assert printed.is_visible()
    assert printed.locator("h2").inner_text() == "Coaching session: what worked & why?"
    questions = printed.locator(".reflect-compose-print__question").all_inner_texts()
    assert questions == [" ".join(e.question.text.split()) for e in (c, a, b)]
    assert " ".join(a.question.prompts[0].text.split()) in printed.inner_text()
    assert not page.locator(".reflect-compose-pick").is_visible()
    assert not page.locator("article h1").is_visible()
    assert not page.locator("#reflect-composer .reflect-toolbar").first.is_visible()
    page.emulate_media(media="screen")
    assert not printed.is_visible()

    # Exports.
    name, text = download(page, lambda: page.click("#reflect-composer [data-action=export-json]"))
    assert name == "coaching-session-what-worked-why.json"
    exported = json.loads(text)
    assert exported["format"] == "reflect-composed-guide"
    assert exported["title"] == "Coaching session: what worked & why?"
    assert [q["id"] for q in exported["questions"]] == order
    assert exported["questions"][1]["prompts"] == prompts
    assert exported["questions"][1]["from_id"] == a.owner.id
    assert exported["link"] == link
    _, markdown = download(page, lambda: page.click("#reflect-composer [data-action=export-markdown]"))
    assert markdown.startswith("# Coaching session: what worked & why?\n")
    assert f"## 2. {' '.join(a.question.text.split())}" in markdown
    assert f"- {prompts[0]}" in markdown

    # Unticking takes a question out.
    page.uncheck(f"#reflect-pick-{c.question.id}")
    assert composed(page) == [a.question.id, b.question.id]
    assert fragment(page.url)["q"] == f"{a.question.id},{b.question.id}"


def test_guide_is_kept_in_this_browser(site, context, project):
    a, b, _ = picks(project)
    page = open_page(context.new_page(), site.url("http", COMPOSE), READY)
    page.check(f"#reflect-pick-{b.question.id}")
    page.check(f"#reflect-pick-{a.question.id}")
    page.fill("#reflect-compose-title", "Draft")
    page.goto(site.url("http", "index.html"))
    page.goto(site.url("http", COMPOSE))  # no fragment
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert composed(page) == [b.question.id, a.question.id]
    assert fragment(page.url) == {"title": "Draft", "q": f"{b.question.id},{a.question.id}"}
    # Start again, after a confirmation.
    page.click("#reflect-composer [data-action=start-again]")
    page.locator("dialog.reflect-dialog [data-reflect-confirm=yes]").click()
    page.locator("dialog.reflect-dialog").wait_for(state="detached")
    assert composed(page) == []
    assert page.locator("#reflect-compose-title").input_value() == ""


def test_a_link_to_questions_no_longer_in_the_bank(site, page, project):
    a, b, _ = picks(project)
    url = site.url("http", COMPOSE + f"#title=Old&q={a.question.id},gone-question,{b.question.id},{a.question.id}")
    open_page(page, url, READY)
    assert composed(page) == [a.question.id, b.question.id]
    assert "1 question in this link is no longer in the question bank" in page.locator("#reflect-composer").inner_text()


def test_composer_by_keyboard_alone(site, page, project):
    a, b, c = picks(project)
    open_page(page, site.url("http", COMPOSE), READY)
    page.locator("body").focus()
    tab_to(page, "#reflect-compose-owner")
    page.keyboard.press("ArrowDown")  # the first guide
    first_owner = project.guides[0].id
    assert page.locator("#reflect-compose-owner").input_value() == first_owner
    first_two = [e.question.id for e in project.questions if e.owner.id == first_owner][:2]
    tab_to(page, f"#reflect-pick-{first_two[0]}")
    page.keyboard.press("Space")
    tab_to(page, f"#reflect-pick-{first_two[1]}")
    page.keyboard.press("Space")
    tab_to(page, "#reflect-compose-words", backwards=True)
    page.keyboard.press("Shift+Tab")
    assert focused_matches(page, "#reflect-compose-owner")
    page.keyboard.press("Home")  # every guide and set
    tab_to(page, "#reflect-compose-words")
    page.keyboard.type(" ".join(c.question.text.split()[:4]))
    tab_to(page, f"#reflect-pick-{c.question.id}")
    page.keyboard.press("Space")
    assert composed(page) == [*first_two, c.question.id]

    tab_to(page, "#reflect-compose-title")
    page.keyboard.type("Keyboard guide")
    # Move the last question to the top: its "Move up" button, then Alt+Up.
    tab_to(page, f"li[data-question='{c.question.id}'] [data-action=up]")
    page.keyboard.press("Enter")
    assert composed(page) == [first_two[0], c.question.id, first_two[1]]
    assert focused_matches(page, f"li[data-question='{c.question.id}'] [data-action=up]")  # focus follows
    page.keyboard.press("Alt+ArrowUp")
    assert composed(page) == [c.question.id, *first_two]
    tab_to(page, f"li[data-question='{first_two[1]}'] [data-action=remove]")
    page.keyboard.press("Enter")
    assert composed(page) == [c.question.id, first_two[0]]
    assert page.evaluate("document.activeElement.closest('li') !== null || document.activeElement.id === 'reflect-compose-title'")

    tab_to(page, "#reflect-composer [data-action=export-json]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["title"] == "Keyboard guide"
    assert [q["id"] for q in exported["questions"]] == [c.question.id, first_two[0]]


def test_without_javascript_the_composer_points_to_the_bank(site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("http", COMPOSE))
    note = page.locator("#reflect-composer")
    assert "needs JavaScript" in note.inner_text()
    assert note.locator("a").get_attribute("href") == "question-bank.html"
