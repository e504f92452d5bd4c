"""Answers carried across versions in a real browser: the two versions of tests/versions (old:
1.0; new: 2.0 with a reworded, a split and a removed statement in team-check, and board-check on
a new scale) built side by side and served from one folder, so that they share the browser's
storage as two editions of one site do. Answers given on the old site (exported, or saved in the
browser) open on the new one: reworded and replaced answers flagged and confirmed by keyboard,
ratings on the old scale shown and left out of the results, removed answers listed; a file of
another project refused with nothing lost; the group comparison of the two rounds saying which
statements compare. axe-core finds nothing in each state; over http and from file://."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from browser_support import (  # noqa: F401 - fixtures
    Site,
    browser,
    describe,
    download,
    new_context,
    open_page,
    page_errors,
    requests_made,
    run_axe,
    tab_to,
    worksheet_records,
)
from conftest import ROOT, reflect

READY = "#reflect-worksheet"
WHERE = ["http", "file"]
VERSIONS = ROOT / "tests" / "versions"
TEAM = "question-sets/team-check.html"
BOARD = "question-sets/board-check.html"
REMOVED_WORDS = "We set aside time each month to look at our data."


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Site:
    """Both versions built, each under its own folder of one served tree: old/ and new/."""
    root = tmp_path_factory.mktemp("carry")
    for name in ("old", "new"):
        project = root / "projects" / name
        shutil.copytree(VERSIONS / name, project)
        result = reflect("--project", str(project), "build", cwd=project)
        assert result.returncode == 0, result.stderr
        shutil.move(str(project / "site"), str(root / "served" / name))
    return Site(root / "served")


def opened(context, site, where, edition, path):
    return open_page(context.new_page(), site.url(where, f"{edition}/{path}"), READY)


def fill(page, qid, text, value=None):
    page.locator(f"#reflect-answer-{qid}").fill(text)
    if value is not None:
        page.locator(f"#reflect-rating-{qid}-{value}").check()
    page.locator(f"#reflect-answer-{qid}").blur()


def checked(page, qid):
    box = page.locator(f"input[name='reflect-rating-{qid}']:checked")
    return box.get_attribute("value") if box.count() else None


def export(page, tmp_path, name) -> Path:
    _, text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-json]"))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def old_team_answers(context, site, where, tmp_path) -> Path:
    """Answers given on the old edition's team-check, exported."""
    page = opened(context, site, where, "old", TEAM)
    fill(page, "huddles", "Daily, after handover", 3)
    fill(page, "ideas-heard", "Mostly, on the board by the office", 2)
    fill(page, "spare-time", "We never have the time", 1)
    fill(page, "share-results", "At the board meeting", 2)
    path = export(page, tmp_path, "round-1.json")
    page.close()
    return path


def import_by_keyboard(page, path):
    page.locator("body").focus()
    tab_to(page, "#reflect-worksheet [data-action=import]")
    page.bring_to_front()  # Chromium shows a file chooser only for the page in front
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(path))


def flag(page, qid):
    return page.locator(f"#reflect-carried-{qid}")


def assert_carried_team(page):
    """The old answers as the new edition shows them."""
    assert page.locator("#reflect-answer-huddles").input_value() == "Daily, after handover"
    assert checked(page, "huddles") == "3"
    assert flag(page, "huddles").is_hidden()
    reworded = flag(page, "ideas-heard")
    assert reworded.is_visible()
    assert "Reworded since you answered: confirm" in reworded.inner_text()
    assert page.locator("#reflect-answer-ideas-heard").get_attribute("aria-describedby") == "reflect-carried-ideas-heard"
    assert checked(page, "ideas-heard") == "2"  # the same scale: still counted
    for qid in ("share-with-team", "share-with-board"):  # the split statement's answer goes to both
        assert page.locator(f"#reflect-answer-{qid}").input_value() == "At the board meeting"
        assert "replaces a question you answered in version 1.0" in flag(page, qid).inner_text()
    retired = page.locator(".reflect-retired")
    assert retired.is_visible()
    assert REMOVED_WORDS in retired.inner_text() and "We never have the time" in retired.inner_text()


@pytest.mark.parametrize("where", WHERE)
def test_an_old_export_is_carried_across_and_confirmed_by_keyboard(editions, new_context, tmp_path, where):
    old_file = old_team_answers(new_context(), editions, where, tmp_path)
    page = opened(new_context(), editions, where, "new", TEAM)
    import_by_keyboard(page, old_file)
    page.wait_for_function("document.querySelector('#reflect-answer-huddles').value.length > 0")
    assert_carried_team(page)
    notice = page.locator("[data-banner=notice]").inner_text()
    assert "from version 1.0" in notice
    assert "3 are to questions reworded or replaced since" in notice
    assert "1 answer is to a question no longer in the set" in notice
    violations = run_axe(page)
    assert not violations, describe(violations)

    # "Check your answers" lists what waits to be confirmed.
    page.click("#reflect-worksheet [data-action=check]")
    waiting = page.locator(".reflect-check-list--confirm li").evaluate_all("els => els.map(e => e.dataset.question)")
    assert waiting == ["ideas-heard", "share-with-team", "share-with-board"]

    # Confirmed by keyboard: the flag goes, the focus stays on the answer, the choice is saved.
    tab_to(page, "#reflect-carried-ideas-heard [data-action=confirm-carried]")
    page.keyboard.press("Enter")
    assert flag(page, "ideas-heard").is_hidden()
    assert page.evaluate("document.activeElement.id") == "reflect-answer-ideas-heard"
    assert page.locator("#reflect-answer-ideas-heard").get_attribute("aria-describedby") is None
    page.wait_for_function("document.querySelector('.reflect-save-status').textContent.includes('confirmed')")
    record = next(r for k, r in worksheet_records(page).items() if k.endswith(":team-check:2.0"))
    assert "carried" not in record["answers"]["ideas-heard"]
    assert record["answers"]["share-with-team"]["carried"]["status"] == "replaced"
    assert record["answers"]["spare-time"]["question"] == REMOVED_WORDS

    # After a reload the rest still waits; the confirmed one does not.
    page.reload()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert flag(page, "ideas-heard").is_hidden()
    assert flag(page, "share-with-board").is_visible()
    _, text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-json]"))
    exported = {a["id"]: a for a in json.loads(text)["answers"]}
    assert exported["spare-time"]["in_current_content"] is False
    assert exported["share-with-board"]["carried"]["from"] == "1.0"


@pytest.mark.parametrize("where", WHERE)
def test_answers_saved_under_the_old_version_open_carried_across(editions, new_context, where):
    context = new_context()
    page = opened(context, editions, where, "old", TEAM)
    fill(page, "huddles", "Daily, after handover", 3)
    fill(page, "ideas-heard", "Mostly, on the board by the office", 2)
    fill(page, "spare-time", "We never have the time", 1)
    fill(page, "share-results", "At the board meeting", 2)
    page.wait_for_function("Object.keys(localStorage).some(k => k.endsWith(':team-check:1.0') && "
                           "localStorage.getItem(k).includes('At the board meeting'))")
    page.close()
    page = opened(context, editions, where, "new", TEAM)
    assert_carried_team(page)
    assert "from version 1.0" in page.locator("[data-banner=notice]").inner_text()
    records = worksheet_records(page)
    assert records["reflect:ward-learning-check:worksheet:team-check:1.0"]["answers"]["share-results"]  # left as it was
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("where", WHERE)
def test_ratings_on_the_old_scale_are_shown_and_not_counted(editions, new_context, tmp_path, where):
    old = opened(new_context(), editions, where, "old", BOARD)
    fill(old, "board-asks", "Every quarter", 2)  # 2: Always, on the old scale of 0-2
    old_file = export(old, tmp_path, "board-1.json")
    old.close()  # Chromium shows a file chooser only for the page in front, of every context
    page = opened(new_context(), editions, where, "new", BOARD)
    import_by_keyboard(page, old_file)
    page.wait_for_function("document.querySelector('#reflect-answer-board-asks').value.length > 0")
    assert checked(page, "board-asks") == ""  # "Not rated yet"
    earlier = page.locator("#reflect-carried-board-asks [data-earlier-rating]")
    assert earlier.get_attribute("data-earlier-rating") == "2"
    assert "Your rating in version 1.0, on its earlier scale: 2. Always" in earlier.inner_text()
    assert page.locator(READY).get_attribute("data-rated") == "0"
    page.click("#reflect-worksheet [data-action=results]")
    results = page.locator("#reflect-worksheet-results")
    assert "Nothing is rated yet" in results.inner_text()
    assert "1 rating given on an earlier scale is not counted here" in results.inner_text()
    violations = run_axe(page)
    assert not violations, describe(violations)

    # Rated on this scale: counted, and the earlier rating is gone.
    page.locator("#reflect-rating-board-asks-3").check()
    assert page.locator("#reflect-carried-board-asks").is_hidden()
    assert page.locator(READY).get_attribute("data-rated") == "1"
    assert "Overall mean rating 3 " in results.inner_text()
    assert "earlier scale" not in results.inner_text()

    # The group comparison: the old rating beside the new, left out of the figures.
    new_file = export(page, tmp_path, "board-2.json")
    page.click("#reflect-worksheet [data-action=compare]")
    page.bring_to_front()
    with page.expect_file_chooser() as chooser:
        page.click("#reflect-compare [data-action=compare-load]")
    chooser.value.set_files([str(old_file), str(new_file)])
    page.wait_for_function("document.querySelector('#reflect-worksheet').dataset.compareFiles === '2'")
    account = page.locator("#reflect-compare li[data-file='board-1.json']").inner_text()
    assert "1 rating was given on an earlier scale: it is shown, not counted." in account
    cells = page.locator("#reflect-compare-table tr[data-question='board-asks'] td").all_inner_texts()
    assert "board-1.json (no role): 2 on an earlier scale, not counted" in cells[0]
    assert "board-2.json (no role): 3" in cells[0]
    assert cells[1] == "from 3 to 3 (spread 0, mean 3)"
    change = page.locator(".reflect-compare-rounds-table tr[data-question='board-asks'] td").nth(2)
    assert change.get_attribute("data-incomparable") == "rescaled"
    assert change.inner_text() == "not comparable: rated on another scale"
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_a_file_from_another_project_is_refused_and_nothing_is_lost(editions, new_context, tmp_path):
    old_file = old_team_answers(new_context(), editions, "http", tmp_path)
    other = json.loads(old_file.read_text(encoding="utf-8"))
    other["site"] = "Another project"
    foreign = tmp_path / "another-project.json"
    foreign.write_text(json.dumps(other), encoding="utf-8")
    page = opened(new_context(), editions, "http", "new", TEAM)
    fill(page, "tried-changes", "Typed before the import", 2)
    import_by_keyboard(page, foreign)
    banner = page.locator("[data-banner=import-error]")
    banner.wait_for()
    assert ("“another-project.json” was not imported it comes from another project (“Another project”), "
            "not from this one (“Ward learning check”). Nothing on this page was changed.") in banner.inner_text()
    assert page.locator("#reflect-answer-tried-changes").input_value() == "Typed before the import"
    assert checked(page, "tried-changes") == "2"
    record = next(r for k, r in worksheet_records(page).items() if k.endswith(":team-check:2.0"))
    assert record["answers"]["tried-changes"]["text"] == "Typed before the import"
    assert page.locator(".reflect-carried:not([hidden])").count() == 0
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("where", WHERE)
def test_the_rounds_say_which_statements_compare_by_keyboard(editions, new_context, tmp_path, where):
    old_file = old_team_answers(new_context(), editions, where, tmp_path)
    page = opened(new_context(), editions, where, "new", TEAM)
    fill(page, "huddles", "", 2)
    fill(page, "ideas-heard", "", 3)
    fill(page, "share-with-team", "", 3)
    new_file = export(page, tmp_path, "round-2.json")

    page.bring_to_front()  # Chromium shows a file chooser only for the page in front
    page.locator("body").focus()
    tab_to(page, "#reflect-worksheet [data-action=compare]")
    page.keyboard.press("Enter")
    tab_to(page, "#reflect-compare [data-action=compare-load]")
    page.bring_to_front()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files([str(old_file), str(new_file)])
    page.wait_for_function("document.querySelector('#reflect-worksheet').dataset.compareFiles === '2'")
    account = page.locator("#reflect-compare li[data-file='round-1.json']").inner_text()
    assert "content version 1.0" in account
    assert "3 answers are to statements reworded or replaced since: they are not compared between rounds." in account

    rounds = page.locator(".reflect-compare-rounds-table tbody tr")
    said = rounds.evaluate_all("rows => rows.map(r => [r.dataset.question, r.cells[3].textContent])")
    assert said == [
        ["huddles", "down 1"],
        ["ideas-heard", "not comparable: reworded between these rounds"],
        ["tried-changes", "—"],
        ["share-with-team", "not comparable: replaces an earlier question"],
        ["share-with-board", "not comparable: replaces an earlier question"],
    ]
    box = page.locator(".reflect-compare-rounds")
    assert "2 of 5 statements can be compared between these rounds" in box.inner_text()
    removed = page.locator(".reflect-compare-removed[data-file='round-1.json']")
    assert "1 answer in “round-1.json” is to a question this version no longer has" in removed.inner_text()
    assert page.locator(".reflect-compare-removed-list li[data-question='spare-time']").inner_text() == REMOVED_WORDS
    # Only the comparable statement is in the change; the reworded one's ratings stay in the table.
    tab_to(page, "#reflect-compare [data-action=compare-export-json]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    combined = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert combined["files"][0]["carried"]["removed"] == ["spare-time"]
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("where", WHERE)
def test_the_what_changed_page_is_reached_and_read_by_keyboard(editions, new_context, where):
    """From the new edition's home page, the link to what changed in 2.0 is reached and followed by
    keyboard; the page sets the old and new words side by side in tables; axe finds nothing."""
    page = open_page(new_context().new_page(), editions.url(where, "new/index.html"))
    page.locator("body").focus()
    tab_to(page, "a[href$='about/changes-2.0.html']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/changes-2.0.html")
    tables = page.locator("article table")
    assert tables.count() >= 1
    assert "Version 1.0" in page.locator("article").inner_text() and "Version 2.0" in page.locator("article").inner_text()
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.close()
