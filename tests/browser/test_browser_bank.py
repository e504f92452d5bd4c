"""The question bank's filters in a real browser: each filter, several at once, counts,
state in the URL, and the full list without JavaScript. The expected results come from the
Project (the content), not from the page."""

from __future__ import annotations

import unicodedata
import urllib.parse

import pytest

from browser_support import (  # noqa: F401 - fixtures
    browser,
    context,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    site,
)

BANK = "question-bank.html"
READY = "#reflect-bank-filters"
ROWS = "table.reflect-bank tbody tr"


def norm(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def oracle(project, audience=(), owner=(), theme=(), subtheme=(), words=""):
    """Question ids the bank should show for these filters, in the bank's order."""
    out = []
    for entry in project.questions:
        q = entry.question
        themes = {project.theme_of[s].id for s in q.subthemes}
        if audience and entry.owner.audience not in audience:
            continue
        if owner and entry.owner.id not in owner:
            continue
        if (theme or subtheme) and not (themes & set(theme) or set(q.subthemes) & set(subtheme)):
            continue
        haystack = norm(" ".join([q.text, *[p.text for p in q.prompts]]))
        haystack = " ".join(haystack.split())
        if not all(word in haystack for word in norm(words).split()):
            continue
        out.append(q.id)
    return out


def shown(page) -> list[str]:
    ids = page.locator(ROWS).evaluate_all(
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id.replace(/^bank-/, ''))"
    )
    hidden_attr = page.locator(f"{ROWS}:not([hidden])").count()
    assert hidden_attr == len(ids), "a row without [hidden] is not displayed, or the other way round"
    return ids


def open_facet(page, name):
    details = page.locator(f"details.reflect-facet[data-facet={name}]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def tick(page, kind, value):
    facet = "theme" if kind == "subtheme" else kind
    open_facet(page, facet)
    page.locator(f"#reflect-bank-{kind}-{value}").check()


def fragment(page) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment))


def count_text(page) -> str:
    return page.locator("#reflect-bank-count").inner_text()


def test_without_javascript_every_question_is_listed(site, new_context, project):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("http", BANK + "#audience=qi-coaches&words=power"))
    ids = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.id.replace(/^bank-/, ''))")
    assert ids == [e.question.id for e in project.questions]
    assert page.locator(f"{ROWS}[hidden]").count() == 0
    assert page.locator("#reflect-bank-filters").inner_text().strip() == ""
    assert page.locator(ROWS).first.is_visible() and page.locator(ROWS).last.is_visible()


@pytest.mark.parametrize(
    "kind, pick",
    [
        ("audience", lambda p: p.audiences[1].id),
        ("owner", lambda p: p.question_sets[1].id),
        ("owner", lambda p: p.guides[0].id),
        ("theme", lambda p: p.themes[1].id),
        ("subtheme", lambda p: p.themes[2].subthemes[0].id),
    ],
)
def test_each_filter(site, page, project, kind, pick):
    value = pick(project)
    open_page(page, site.url("http", BANK), READY)
    assert shown(page) == oracle(project)
    assert count_text(page) == f"Showing all {len(project.questions)} questions."
    tick(page, kind, value)
    expected = oracle(project, **{kind: [value]})
    assert 0 < len(expected) < len(project.questions)
    assert shown(page) == expected
    assert count_text(page) == f"Showing {len(expected)} of {len(project.questions)} questions."
    assert fragment(page) == {kind: value}
    # The option's own count says how many it shows.
    label = page.locator(f"label[for=reflect-bank-{kind}-{value}]").inner_text()
    assert label.endswith(f"({len(expected)})")
    page.locator(f"#reflect-bank-{kind}-{value}").uncheck()
    assert shown(page) == oracle(project)
    assert fragment(page) == {}


def test_words_filter(site, page, project):
    open_page(page, site.url("http", BANK), READY)
    page.fill("#reflect-bank-words", "Lived  EXPERIENCE")
    expected = oracle(project, words="lived experience")
    assert 0 < len(expected) < len(project.questions)
    assert shown(page) == expected
    assert fragment(page) == {"words": "Lived  EXPERIENCE"}
    page.fill("#reflect-bank-words", "zzqx-no-such-word")
    assert shown(page) == []
    assert page.locator(".reflect-empty").is_visible()
    assert count_text(page) == f"Showing 0 of {len(project.questions)} questions."


@pytest.mark.parametrize("where", ["http", "file"])
def test_several_filters_counts_and_url_state(site, new_context, project, where):
    page = new_context().new_page()
    open_page(page, site.url(where, BANK), READY)
    audiences = [project.audiences[0].id, project.audiences[1].id]
    theme = project.themes[1].id
    subtheme = project.themes[3].subthemes[1].id
    for a in audiences:
        tick(page, "audience", a)
    tick(page, "theme", theme)
    tick(page, "subtheme", subtheme)
    page.fill("#reflect-bank-words", "what")
    filters = dict(audience=audiences, theme=[theme], subtheme=[subtheme], words="what")
    expected = oracle(project, **filters)
    assert 0 < len(expected)
    assert shown(page) == expected
    assert fragment(page) == {
        "audience": ",".join(audiences),
        "theme": theme,
        "subtheme": subtheme,
        "words": "what",
    }
    # Each option's count: what ticking it (alone in its group) would show with the others.
    for audience in project.audiences:
        label = page.locator(f"label[for=reflect-bank-audience-{audience.id}]").inner_text()
        n = len(oracle(project, **dict(filters, audience=[audience.id])))
        assert label.endswith(f"({n})"), (audience.id, label, n)
    for t in project.themes:
        label = page.locator(f"label[for=reflect-bank-theme-{t.id}]").inner_text()
        n = len(oracle(project, **dict(filters, theme=[t.id], subtheme=[])))
        assert label.endswith(f"({n})"), (t.id, label, n)
    assert "(2 selected)" in page.locator("details[data-facet=audience] summary").inner_text()

    # The URL is the state: reload, and open it in a fresh browser profile.
    shared = page.url
    page.reload()
    page.wait_for_selector(f"{READY}[data-shown]", state="attached")
    assert shown(page) == expected
    other = new_context().new_page()
    open_page(other, shared)
    other.wait_for_selector(f"{READY}[data-shown]", state="attached")
    assert shown(other) == expected
    for a in audiences:
        assert other.locator(f"#reflect-bank-audience-{a}").is_checked()
    assert other.locator(f"#reflect-bank-subtheme-{subtheme}").is_checked()
    assert other.locator("#reflect-bank-words").input_value() == "what"
    assert other.locator("details[data-facet=audience]").get_attribute("open") is not None

    other.click("text=Clear all filters")
    assert shown(other) == oracle(project)
    assert fragment(other) == {}
    assert not other.locator(f"#reflect-bank-audience-{audiences[0]}").is_checked()


def test_changing_the_fragment_changes_the_filters(site, page, project):
    open_page(page, site.url("http", BANK), READY)
    page.wait_for_selector(f"{READY}[data-shown]", state="attached")
    owner = project.guides[1].id
    page.evaluate("(h) => { location.hash = h; }", f"owner={owner}")
    page.wait_for_function("(n) => document.querySelector('#reflect-bank-filters').dataset.shown === String(n)",
                           arg=len(oracle(project, owner=[owner])))
    assert shown(page) == oracle(project, owner=[owner])
    assert page.locator(f"#reflect-bank-owner-{owner}").is_checked()
    page.go_back()
    page.wait_for_function("(n) => document.querySelector('#reflect-bank-filters').dataset.shown === String(n)",
                           arg=len(project.questions))
    assert not page.locator(f"#reflect-bank-owner-{owner}").is_checked()


def test_unknown_values_in_the_url_are_ignored_and_anchors_kept(site, page, project):
    open_page(page, site.url("http", BANK + "#audience=nobody,qi-coaches&theme=%E2%80%94"), READY)
    page.wait_for_selector(f"{READY}[data-shown]", state="attached")
    assert shown(page) == oracle(project, audience=["qi-coaches"])
    assert fragment(page) == {"audience": "qi-coaches"}
    # Following a link to a question's row that the filters hide shows every question again.
    target = next(e.question.id for e in project.questions if e.owner.audience != "qi-coaches")
    page.evaluate("(h) => { location.hash = h; }", f"bank-{target}")
    page.wait_for_function("(n) => document.querySelector('#reflect-bank-filters').dataset.shown === String(n)",
                           arg=len(project.questions))
    assert page.url.endswith(f"#bank-{target}")
    assert page.locator(f"#bank-{target}").is_visible()
    # Opening the bank at a question's row leaves that anchor in place.
    fresh = open_page(page.context.new_page(), site.url("http", BANK + f"#bank-{target}"), READY)
    assert fresh.url.endswith(f"#bank-{target}")
    assert shown(fresh) == oracle(project)
