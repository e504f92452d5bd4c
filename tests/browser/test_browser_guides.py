"""From the question bank to a guide: "Add to my guide" per row and "Add all shown", the
composer's audience and theme filters, several named guides, and a shared link that opens
as a new guide and never overwrites one. By mouse and keyboard, over http and file://."""

from __future__ import annotations

import urllib.parse

import pytest

from browser_support import (  # noqa: F401 - fixtures
    browser,
    context,
    describe,
    focused_matches,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    run_axe,
    site,
    tab_to,
)

BANK = "question-bank.html"
COMPOSE = "compose.html"


def composed(page) -> list[str]:
    return page.locator("ol.reflect-compose-picked > li").evaluate_all("els => els.map(e => e.dataset.question)")


def filtered_ids(project, audience, theme):
    return [
        e.question.id
        for e in project.questions
        if e.owner.audience == audience and any(project.theme_of[s].id == theme for s in e.question.subthemes)
    ]


@pytest.mark.parametrize("where", ["http", "file"])
def test_bank_to_composer_by_mouse(site, context, project, where):
    wanted = filtered_ids(project, "project-teams", "challenges")
    assert len(wanted) > 2
    page = open_page(context.new_page(), site.url(where, f"{BANK}#audience=project-teams&theme=challenges"), "#reflect-bank-filters")
    caption = page.locator("table.reflect-bank caption").inner_text()
    assert caption.startswith(f"{len(wanted)} of {len(project.questions)} questions, filtered by audience: ")
    assert "theme: " in caption
    assert page.locator("#reflect-bank-print-note").text_content() == caption

    # One row first, then every row shown.
    one = page.locator(f"tr#bank-{wanted[1]} [data-action=add]")
    one.click()
    assert one.get_attribute("aria-disabled") == "true"
    page.click("#reflect-bank-filters [data-action=add-all]")
    assert page.locator("#reflect-bank-guide-status").inner_text() == f"Your guide “My guide” has {len(wanted)} questions."

    page.click("#reflect-bank-filters [data-action=open-composer]")
    page.wait_for_selector("#reflect-composer[data-ready=true]", state="attached")
    assert composed(page) == [wanted[1]] + [q for q in wanted if q != wanted[1]]

    # The composer filters like the bank: audience and theme.
    page.select_option("#reflect-compose-audience", "project-teams")
    page.select_option("#reflect-compose-theme", "theme:challenges")
    shown = page.locator("li.reflect-compose-choice:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    assert shown == wanted
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("where", ["http", "file"])
def test_bank_to_composer_by_keyboard_alone(site, page, project, where):
    wanted = filtered_ids(project, "project-teams", "challenges")
    open_page(page, site.url(where, f"{BANK}#audience=project-teams&theme=challenges"), "#reflect-bank-filters")
    page.locator("body").focus()
    tab_to(page, "#reflect-bank-filters [data-action=add-all]")
    page.keyboard.press("Enter")
    assert f"has {len(wanted)} questions" in page.locator("#reflect-bank-guide-status").inner_text()
    tab_to(page, "#reflect-bank-filters [data-action=open-composer]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#reflect-composer[data-ready=true]", state="attached")
    assert composed(page) == wanted


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_shared_link_opens_as_a_new_guide(site, context, project, where):
    entries = list(project.questions)
    mine = [e.question.id for e in entries[:5]]
    page = open_page(context.new_page(), site.url(where, COMPOSE), "#reflect-composer")
    for qid in mine:
        page.check(f"#reflect-pick-{qid}")
    page.fill("#reflect-compose-title", "My five")
    theirs = entries[10].question.id
    link = site.url(where, COMPOSE) + "#" + urllib.parse.urlencode({"title": "Colleague's", "q": theirs})
    page.goto(link)
    page.wait_for_selector("#reflect-composer[data-ready=true]", state="attached")
    assert composed(page) == [theirs]
    notice = page.locator("#reflect-composer .reflect-alerts").inner_text()
    assert "was added as a new guide" in notice
    # Nothing was overwritten: my five are one choice away.
    options = page.locator("#reflect-compose-guides option").all_inner_texts()
    assert options == ["My five (5 questions)", "Colleague's (1 question)"]
    page.select_option("#reflect-compose-guides", label="My five (5 questions)")
    assert composed(page) == mine
    assert page.locator("#reflect-compose-title").input_value() == "My five"
    # The same link again opens the same guide, no copy.
    page.goto(site.url(where, "index.html"))
    page.goto(link)
    page.wait_for_selector("#reflect-composer[data-ready=true]", state="attached")
    assert page.locator("#reflect-compose-guides option").count() == 2
    assert composed(page) == [theirs]
    # A new, empty guide; the others stay.
    page.click("#reflect-composer [data-action=new-guide]")
    assert composed(page) == []
    assert focused_matches(page, "#reflect-compose-title")
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_the_filtered_bank_prints_from_page_one_with_prompts_and_filters(site, page, project, tmp_path):
    import pypdf

    wanted = [e for e in project.questions
              if e.owner.audience == "project-teams" and any(project.theme_of[s].id == "challenges" for s in e.question.subthemes)]
    open_page(page, site.url("http", f"{BANK}#audience=project-teams&theme=challenges"), "#reflect-bank-filters")
    pdf = tmp_path / "bank.pdf"
    page.pdf(path=str(pdf))
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(pdf)).pages]
    first = " ".join(wanted[0].question.text.split())
    assert first[:40] in pages[0], "the table must start on page 1"
    everything = " ".join(pages)
    assert "filtered by audience: " in pages[0]
    with_prompts = next(e for e in wanted if e.question.prompts)
    assert " ".join(with_prompts.question.prompts[0].text.split())[:40] in everything
    hidden = next(e for e in project.questions if e not in wanted)
    assert " ".join(hidden.question.text.split())[:40] not in everything
