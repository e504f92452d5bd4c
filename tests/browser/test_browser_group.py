"""A group compares its views: three exported worksheet files with two roles, loaded on the
set's page (read in the browser, nothing uploaded, from file:// too); per statement the
spread, where the roles disagree most, the notes side by side; a baseline against a later
round; older versions, other sets, damaged files and the same file twice."""

from __future__ import annotations

import json

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


def questions_of(project):
    qset = next(s for s in project.question_sets if s.id == SET_ID)
    return [q.id for s in qset.sections for q in s.questions]


def exported_file(page, tmp_path, qids) -> dict:
    """A real export: answers typed and rated on the page, then Export JSON."""
    page.locator(f"#reflect-answer-{qids[0]}").fill("Staff view of the first statement")
    page.locator(f"#reflect-rating-{qids[0]}-4").check()
    page.locator(f"#reflect-rating-{qids[1]}-2").check()
    page.locator(f"#reflect-answer-{qids[0]}").blur()
    name, text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-json]"))
    return json.loads(text)


def variant(base: dict, answers: dict, **changes) -> dict:
    """Another person's file: the same format, other answers ({id: (text, rating)})."""
    out = dict(base, **changes)
    out["answers"] = [
        {"id": qid, "text": text, "rating": value, "question": "", "number": None, "section": None}
        for qid, (text, value) in answers.items()
    ]
    return out


def write(tmp_path, name, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def load(page, paths, by_keyboard=False):
    page.bring_to_front()
    with page.expect_file_chooser() as chooser:
        if by_keyboard:
            page.keyboard.press("Enter")
        else:
            page.click("#reflect-compare [data-action=compare-load]")
    chooser.value.set_files(paths)


def files_loaded(page) -> int:
    return int(page.locator(READY).get_attribute("data-compare-files") or 0)


@pytest.mark.parametrize("where", ["http", "file"])
def test_group_comparison_with_roles_and_rounds(site, new_context, project, tmp_path, where):
    qids = questions_of(project)
    context = new_context()
    context.add_init_script(PRINT_SPY)
    page = open_page(context.new_page(), site.url(where, SET_PAGE), READY)
    base = exported_file(page, tmp_path, qids)
    staff_a = write(tmp_path, "staff-a.json", base)
    staff_b = write(tmp_path, "staff-b.json", variant(base, {qids[0]: ("", 3), qids[1]: ("", 2)}, exported_at="2026-01-02T00:00:00Z"))
    lived = write(tmp_path, "lived.json", variant(base, {qids[0]: ("Lived experience view", 1), qids[1]: ("", 3)}, exported_at="2026-01-03T00:00:00Z"))

    page.click("#reflect-worksheet [data-action=compare]")
    load(page, [staff_a, staff_b, lived])
    page.wait_for_function("document.querySelector('#reflect-worksheet').dataset.compareFiles === '3'")
    for index, role in enumerate(["Staff", "Staff", "Lived experience"]):
        page.fill(f"#reflect-compare-role-{index}", role)
        page.locator(f"#reflect-compare-role-{index}").dispatch_event("change")

    first = page.locator(f"#reflect-compare-table tr[data-question='{qids[0]}']")
    cells = first.locator("td").all_inner_texts()
    assert "staff-a.json (Staff): 4" in cells[0] and "lived.json (Lived experience): 1" in cells[0]
    assert cells[1] == "from 1 to 4 (spread 3, mean 2.7)"
    assert cells[2] == "Staff: 3.5; Lived experience: 1"
    assert "Staff view of the first statement" in cells[3] and "Lived experience view" in cells[3]
    disagree = page.locator("#reflect-compare ol.reflect-compare-disagree > li").evaluate_all("els => els.map(e => e.dataset.question)")
    assert disagree == [qids[0], qids[1]]  # gaps 2.5 and 1

    # Baseline (the first file) against a later round (the last): change per statement.
    page.select_option("#reflect-compare-baseline", "1")
    page.select_option("#reflect-compare-later", "2")
    change = page.locator(f".reflect-compare-rounds-table tr[data-question='{qids[0]}'] td").nth(2)
    assert change.get_attribute("data-change") == "-2"
    assert change.inner_text() == "down 2"

    name, text = download(page, lambda: page.click("#reflect-compare [data-action=compare-export-json]"))
    combined = json.loads(text)
    assert combined["format"] == "reflect-worksheet-comparison"
    assert [f["role"] for f in combined["files"]] == ["Staff", "Staff", "Lived experience"]
    assert combined["questions"][0]["gap"] == 2.5
    page.click("#reflect-compare [data-action=compare-print]")
    assert page.evaluate("window.__printCalls") == 1

    violations = run_axe(page)
    assert not violations, describe(violations)


def test_refused_files_are_named_and_nothing_is_lost(site, page, project, tmp_path):
    qids = questions_of(project)
    open_page(page, site.url("file", SET_PAGE), READY)
    base = exported_file(page, tmp_path, qids)
    good = write(tmp_path, "good.json", base)
    older = write(tmp_path, "older.json", variant(
        base, {qids[0]: ("", 2), "a-removed-question": ("kept", 3)}, content_version="0.1", exported_at="x"))
    page.click("#reflect-worksheet [data-action=compare]")
    load(page, [good, older])
    page.wait_for_function("document.querySelector('#reflect-worksheet').dataset.compareFiles === '2'")
    account = page.locator("#reflect-compare li[data-file='older.json']").inner_text()
    assert "content version 0.1" in account
    assert "1 answer is to a question no longer in the set" in account

    damaged = write(tmp_path, "damaged.json", '{"format": "reflect-worksheet", ')
    other_set = write(tmp_path, "other-set.json", dict(base, set="another-set", set_title="Another set"))
    other_site = write(tmp_path, "other-site.json", dict(base, site="Somebody else's site", exported_at="y"))
    again = write(tmp_path, "good-again.json", base)
    load(page, [damaged, other_set, other_site, again])
    page.wait_for_selector("#reflect-compare .reflect-alerts [data-file='good-again.json']")
    errors = page.locator("#reflect-compare .reflect-alerts").inner_text()
    assert "“damaged.json” was not loaded: it is not valid JSON." in errors
    assert "“other-set.json” was not loaded: it holds answers for another question set (“Another set”)" in errors
    assert "“other-site.json” was not loaded: it comes from another project" in errors
    assert "“good-again.json” was not loaded: it is the same file as “good.json”, already loaded." in errors
    assert files_loaded(page) == 2  # nothing already loaded is lost
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("where", ["http", "file"])
def test_comparison_by_keyboard_alone(site, page, project, tmp_path, where):
    qids = questions_of(project)
    open_page(page, site.url(where, SET_PAGE), READY)
    base = exported_file(page, tmp_path, qids)
    paths = [
        write(tmp_path, "one.json", base),
        write(tmp_path, "two.json", variant(base, {qids[0]: ("", 1)}, exported_at="2")),
    ]
    page.locator("body").focus()
    tab_to(page, "#reflect-worksheet [data-action=compare]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "reflect-compare"
    tab_to(page, "#reflect-compare [data-action=compare-load]")
    load(page, paths, by_keyboard=True)
    page.wait_for_function("document.querySelector('#reflect-worksheet').dataset.compareFiles === '2'")
    tab_to(page, "#reflect-compare-role-0")
    page.keyboard.type("Staff")
    tab_to(page, "#reflect-compare-role-1")  # leaving the field applies the role
    page.keyboard.type("Lived experience")
    page.keyboard.press("Tab")
    gap = page.locator(f"#reflect-compare ol.reflect-compare-disagree > li[data-question='{qids[0]}']")
    assert "differs by 3" in gap.inner_text()
    tab_to(page, "#reflect-compare [data-action=compare-export-csv]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")
