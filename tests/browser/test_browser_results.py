"""The worksheet's progress, "check your answers" view and results (scores per section and
overall as an SVG chart with the same figures in a table, a draft action plan), by mouse
and by keyboard alone, over http and from file://; printable, exportable, axe-clean."""

from __future__ import annotations

import csv
import io

import pytest

from browser_support import (  # noqa: F401 - fixtures
    PRINT_SPY,
    SET_ID,
    SET_PAGE,
    browser,
    context,
    describe,
    download,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    run_axe,
    site,
    tab_to,
)

READY = "#reflect-worksheet"
WHERE = ["http", "file"]


def the_set(project):
    return next(s for s in project.question_sets if s.id == SET_ID)


def rate(page, qid, value):
    page.locator(f"#reflect-rating-{qid}-{value}").check()


def chart_values(page) -> list[str]:
    return page.locator("#reflect-worksheet-results svg.reflect-chart text.reflect-chart__value, "
                        "#reflect-worksheet-results svg.reflect-chart text.reflect-chart__none").all_text_contents()


def table_rows(page) -> list[list[str]]:
    return page.locator("#reflect-worksheet-results table.reflect-results-table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
    )


def shown(mean):
    """A mean as the page writes it: one decimal at most, none when whole (2.5, 3)."""
    if mean is None:
        return None
    return str(int(mean)) if mean == int(mean) else str(mean)


def expected_figures(qset, ratings):
    """(title, rated, total, mean or None) per section, then overall."""
    out = []
    everything = []
    for section in qset.sections:
        values = [ratings[q.id] for q in section.questions if q.id in ratings]
        everything += values
        out.append((section.title, len(values), len(section.questions), shown(round(sum(values) / len(values), 1)) if values else None))
    total = sum(len(s.questions) for s in qset.sections)
    out.append(("Overall", len(everything), total, shown(round(sum(everything) / len(everything), 1)) if everything else None))
    return out


@pytest.mark.parametrize("where", WHERE)
def test_progress_check_results_and_plan_by_mouse(site, new_context, project, where):
    context = new_context()
    context.add_init_script(PRINT_SPY)
    page = open_page(context.new_page(), site.url(where, SET_PAGE), READY)
    qset = the_set(project)
    questions = [q for s in qset.sections for q in s.questions]
    total = len(questions)
    assert page.locator("#reflect-worksheet-progress").inner_text() == f"0 of {total} rated"

    ratings = {questions[0].id: 1, questions[1].id: 4, questions[5].id: 2, questions[-1].id: 3}
    for qid, value in ratings.items():
        rate(page, qid, value)
    assert page.locator("#reflect-worksheet-progress").inner_text() == f"{len(ratings)} of {total} rated"

    # The toolbar stays in reach at the last question.
    page.locator(f"#reflect-answer-{questions[-1].id}").scroll_into_view_if_needed()
    box = page.locator("#reflect-worksheet [data-action=results]").bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box

    # Check your answers: the unrated statements, each a link that takes focus to its rating.
    page.click("#reflect-worksheet [data-action=check]")
    listed = page.locator("#reflect-worksheet-check li").evaluate_all("els => els.map(e => e.dataset.question)")
    assert listed == [q.id for q in questions if q.id not in ratings]
    page.locator(f"#reflect-worksheet-check li[data-question='{listed[0]}'] a").click()
    assert page.evaluate("document.activeElement.name") == f"reflect-rating-{listed[0]}"

    # Results: the chart and the table carry the same figures, which are the right ones.
    page.click("#reflect-worksheet [data-action=results]")
    figures = expected_figures(qset, ratings)
    rows = table_rows(page)
    assert [r[0] for r in rows] == [f[0] for f in figures]
    assert [r[1] for r in rows] == [f"{f[1]} of {f[2]}" for f in figures]
    assert [r[2] for r in rows] == [f[3] if f[3] is not None else "not rated" for f in figures]
    assert chart_values(page) == [r[2] for r in rows]
    chart = page.locator("#reflect-worksheet-results svg.reflect-chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").text_content() == "Mean rating per section"
    assert len(page.locator("#reflect-worksheet-results rect.reflect-chart__bar").all()) == sum(1 for f in figures if f[3] is not None)

    # The draft action plan: lowest rated first, each with the actions the page links it to.
    plan = page.locator("#reflect-worksheet-results ol.reflect-plan > li")
    order = plan.evaluate_all("els => els.map(e => e.dataset.question)")
    assert order == [qid for qid, _ in sorted(ratings.items(), key=lambda kv: kv[1])]
    by_id = {q.id: q for q in questions}
    for qid in order:
        links = page.locator(f"#reflect-worksheet-results ol.reflect-plan > li[data-question='{qid}'] a")
        assert links.count() == len(by_id[qid].implications), qid

    # Printable and exportable.
    page.click("#reflect-worksheet-results [data-action=print-results]")
    assert page.evaluate("window.__printCalls") == 1
    name, text = download(page, lambda: page.click("#reflect-worksheet-results [data-action=export-results-csv]"))
    assert name.startswith(f"{SET_ID}-results-") and name.endswith(".csv")
    exported = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row[2] for row in exported[1:]] == [f[0] for f in figures]
    assert [row[5] for row in exported[1:]] == [f[3] if f[3] is not None else "" for f in figures]
    name, markdown = download(page, lambda: page.click("#reflect-worksheet-results [data-action=export-results-markdown]"))
    assert name.endswith(".md") and "## Draft action plan" in markdown

    violations = run_axe(page)
    assert not violations, describe(violations)


def test_results_print_alone(site, page):
    open_page(page, site.url("http", SET_PAGE), READY)
    page.click("#reflect-worksheet [data-action=results]")
    page.evaluate("document.documentElement.classList.add('reflect-printing-results')")
    page.emulate_media(media="print")
    assert page.locator("#reflect-worksheet-results").is_visible()
    assert not page.locator(".reflect-answer").first.is_visible()
    assert not page.locator("article h1").is_visible()


@pytest.mark.parametrize("where", WHERE)
def test_results_by_keyboard_alone(site, page, project, where):
    qset = the_set(project)
    questions = [q for s in qset.sections for q in s.questions]
    open_page(page, site.url(where, SET_PAGE), READY)
    page.locator("body").focus()
    tab_to(page, f"input[name='reflect-rating-{questions[0].id}']")
    page.keyboard.press("ArrowRight")  # 1
    page.keyboard.press("ArrowRight")  # 2
    tab_to(page, f"input[name='reflect-rating-{questions[1].id}']")
    page.keyboard.press("ArrowLeft")  # round to the last, 4
    assert page.locator("#reflect-worksheet-progress").inner_text() == f"2 of {len(questions)} rated"
    tab_to(page, "#reflect-worksheet [data-action=results]", backwards=True)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "reflect-worksheet-results"
    assert page.locator("#reflect-worksheet [data-action=results]").get_attribute("aria-expanded") == "true"
    rows = table_rows(page)
    assert rows[0][1:] == [f"2 of {len(qset.sections[0].questions)}", "3"]
    tab_to(page, "#reflect-worksheet-results [data-action=export-results-csv]")
    with page.expect_download():
        page.keyboard.press("Enter")
    # Check your answers, then Enter on the first unrated statement lands on its rating.
    tab_to(page, "#reflect-worksheet [data-action=check]", backwards=True)
    page.keyboard.press("Enter")
    tab_to(page, "#reflect-worksheet-check li a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == f"reflect-rating-{questions[2].id}"
