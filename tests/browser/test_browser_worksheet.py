"""The self-evaluation worksheet in a real browser: autosave, reload, export and import,
storage failures, two tabs, removed questions, print view, keyboard only. Both over http
on 127.0.0.1 and from file://."""

from __future__ import annotations

import csv
import io
import json

import pytest

from browser_support import (  # noqa: F401 - fixtures
    FORGETFUL_STORAGE,
    FULL_STORAGE,
    PERSIST_SPY,
    PRINT_SPY,
    SET_ID,
    SET_PAGE,
    THROWING_STORAGE,
    browser,
    context,
    download,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    site,
    storage_items,
    tab_to,
    worksheet_records,
)

READY = "#reflect-worksheet"
WHERE = ["http", "file"]


def text_box(page, qid):
    return page.locator(f"#reflect-answer-{qid}")


def rating(page, qid, value):
    return page.locator(f"#reflect-rating-{qid}-{value}")


def fill(page, qid, text, value=None):
    text_box(page, qid).fill(text)
    if value is not None:
        rating(page, qid, value).check()
    text_box(page, qid).blur()


def answers_on_page(page, qids):
    out = {}
    for qid in qids:
        text = text_box(page, qid).input_value()
        checked = page.locator(f"input[name='reflect-rating-{qid}']:checked")
        value = checked.get_attribute("value") if checked.count() else ""
        if text or value:
            out[qid] = (text, int(value) if value else None)
    return out


def set_questions(project, set_id=SET_ID):
    qset = next(s for s in project.question_sets if s.id == set_id)
    return [q.id for section in qset.sections for q in section.questions]


def export_json(page):
    name, text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-json]"))
    return name, json.loads(text)


def confirm_dialog(page, yes: bool):
    dialog = page.locator("dialog.reflect-dialog[open]")
    dialog.wait_for()
    dialog.locator(f"[data-reflect-confirm={'yes' if yes else 'no'}]").click()
    # The dialog leaves the page once its choice has been acted on.
    page.locator("dialog.reflect-dialog").wait_for(state="detached")


def import_file(page, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    page.bring_to_front()  # Chromium shows a file chooser only for the page in front
    with page.expect_file_chooser() as chooser:
        page.click("#reflect-worksheet [data-action=import]")
    chooser.value.set_files(str(path))


MESSY = 'Line one, with "quotes", commas\nand a second line: ünïcödé — ✓\n\n  indented  '


@pytest.mark.parametrize("where", WHERE)
def test_answers_survive_a_reload(site, page, project, where):
    qids = set_questions(project)
    open_page(page, site.url(where, SET_PAGE), READY)
    assert "Your answers stay on this device" in page.locator(READY).inner_text()
    # A field under every question of the set, in the page's order.
    shown = page.locator(".reflect-answer").evaluate_all("els => els.map(e => e.dataset.question)")
    assert shown == qids

    fill(page, qids[0], MESSY, 3)
    fill(page, qids[5], "Second answer")
    rating(page, qids[7], 1).check()
    page.reload()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert answers_on_page(page, qids) == {
        qids[0]: (MESSY, 3),
        qids[5]: ("Second answer", None),
        qids[7]: ("", 1),
    }
    # Saved under a key namespaced by site, set and content version.
    records = worksheet_records(page)
    version = project.settings.site.content_version
    assert list(records) == [
        f"reflect:reflect-learning-from-the-amhe-qi-coaches-focus-group:worksheet:{SET_ID}:{version}"
    ]
    record = next(iter(records.values()))
    assert record["answers"][qids[0]]["text"] == MESSY
    assert record["revision"] >= 1


def test_typing_is_saved_without_leaving_the_field(site, page, project):
    qid = set_questions(project)[2]
    open_page(page, site.url("http", SET_PAGE), READY)
    text_box(page, qid).click()
    page.keyboard.type("typed slowly")
    page.wait_for_function(
        "(qid) => Object.values(localStorage).some(v => v.includes('typed slowly'))", arg=qid, timeout=5000
    )
    assert page.evaluate("document.activeElement.id") == f"reflect-answer-{qid}"


def test_persistent_storage_is_requested(site, context):
    context.add_init_script(PERSIST_SPY)
    page = context.new_page()
    open_page(page, site.url("http", SET_PAGE), READY)
    page.wait_for_function("window.__persistCalls > 0")
    page.wait_for_selector("#reflect-worksheet[data-persisted=true]", state="attached")


@pytest.mark.parametrize("where", WHERE)
def test_export_clear_import_round_trip(site, page, project, tmp_path, where):
    qids = set_questions(project)
    open_page(page, site.url(where, SET_PAGE), READY)
    fill(page, qids[0], MESSY, 4)
    fill(page, qids[1], "=SUM(A1) looks like a formula", 2)
    rating(page, qids[3], 1).check()
    fill(page, qids[-1], "Last one")
    before = answers_on_page(page, qids)

    name, first = export_json(page)
    assert name.startswith(SET_ID) and name.endswith(".json")
    assert first["format"] == "reflect-worksheet" and first["set"] == SET_ID
    assert [a["id"] for a in first["answers"]] == [qids[0], qids[1], qids[3], qids[-1]]
    assert first["answers"][0]["text"] == MESSY and first["answers"][0]["rating"] == 4

    # CSV: every question, one row each, exact text back through a CSV reader.
    _, csv_text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-csv]"))
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert [r["question_id"] for r in rows] == qids
    assert rows[0]["answer"] == MESSY and rows[0]["rating"] == "4"
    assert rows[1]["answer"] == "'=SUM(A1) looks like a formula"  # never run as a formula
    assert rows[2]["answer"] == "" and rows[2]["rating"] == ""

    # Markdown: the set's title, each question and the answers.
    _, markdown = download(page, lambda: page.click("#reflect-worksheet [data-action=export-markdown]"))
    assert markdown.startswith("# Self-evaluating co-production in your organisation: answers")
    assert "> Line one, with \"quotes\", commas\n> and a second line" in markdown
    assert "**Rating:** 4. Fully in place and reviewed" in markdown
    assert "Last one" in markdown

    page.click("#reflect-worksheet [data-action=clear]")
    confirm_dialog(page, yes=True)
    assert answers_on_page(page, qids) == {}
    assert all(not r["answers"] for r in worksheet_records(page).values())

    import_file(page, tmp_path, name, json.dumps(first))
    page.wait_for_function(f"document.querySelector('#reflect-answer-{qids[0]}').value.length > 0")
    assert answers_on_page(page, qids) == before
    _, second = export_json(page)
    assert second["answers"] == first["answers"]
    page.reload()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert answers_on_page(page, qids) == before


def test_clear_and_import_need_confirmation(site, page, project, tmp_path):
    qids = set_questions(project)
    open_page(page, site.url("http", SET_PAGE), READY)
    fill(page, qids[0], "Keep me", 2)
    _, exported = export_json(page)

    page.click("#reflect-worksheet [data-action=clear]")
    confirm_dialog(page, yes=False)
    assert answers_on_page(page, qids) == {qids[0]: ("Keep me", 2)}

    other = dict(exported, answers=[dict(exported["answers"][0], text="From the file", rating=1)])
    import_file(page, tmp_path, "other.json", other)
    confirm_dialog(page, yes=False)
    assert answers_on_page(page, qids) == {qids[0]: ("Keep me", 2)}
    stored = next(iter(worksheet_records(page).values()))
    assert stored["answers"][qids[0]]["text"] == "Keep me"

    import_file(page, tmp_path, "other.json", other)
    confirm_dialog(page, yes=True)
    page.wait_for_function(f"document.querySelector('#reflect-answer-{qids[0]}').value === 'From the file'")
    assert answers_on_page(page, qids) == {qids[0]: ("From the file", 1)}


def good_export(qid):
    return {
        "format": "reflect-worksheet",
        "format_version": 1,
        "set": SET_ID,
        "answers": [{"id": qid, "text": "fine", "rating": 2}],
    }


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.json", '{"format": "reflect-worksheet", "answers": [', "not valid JSON"),
        ("list.json", "[1, 2, 3]", "not a worksheet export"),
        ("other-format.json", {"format": "something-else", "answers": []}, "not a worksheet export"),
        ("version.json", lambda q: dict(good_export(q), format_version=99), "format version 99"),
        ("other-set.json", lambda q: dict(good_export(q), set="qi-coaches-reflection"), "another question set"),
        ("no-answers.json", lambda q: dict(good_export(q), answers="lots"), "no list of answers"),
        ("bad-rating.json", lambda q: dict(good_export(q), answers=[{"id": q, "text": "", "rating": 9}]), "not on this set's scale"),
        ("half-rating.json", lambda q: dict(good_export(q), answers=[{"id": q, "text": "", "rating": 2.5}]), "not a whole number"),
        ("no-text.json", lambda q: dict(good_export(q), answers=[{"id": q, "rating": 2}]), "no answer text"),
        ("bad-id.json", lambda q: dict(good_export(q), answers=[{"id": "<script>", "text": "x"}]), "no valid question id"),
        ("twice.json", lambda q: dict(good_export(q), answers=[{"id": q, "text": "a"}, {"id": q, "text": "b"}]), "answered twice"),
    ],
)
def test_a_malformed_import_is_rejected(site, page, project, tmp_path, name, content, message):
    qids = set_questions(project)
    open_page(page, site.url("http", SET_PAGE), READY)
    fill(page, qids[0], "Untouched", 3)
    stored_before = storage_items(page)
    if callable(content):
        content = content(qids[1])
    import_file(page, tmp_path, name, content)
    banner = page.locator("[data-banner=import-error]")
    banner.wait_for()
    assert message in banner.inner_text()
    assert name in banner.inner_text()
    assert "Nothing on this page was changed" in banner.inner_text()
    assert page.locator("dialog[open]").count() == 0
    assert answers_on_page(page, qids) == {qids[0]: ("Untouched", 3)}
    assert storage_items(page) == stored_before


@pytest.mark.parametrize(
    "stub, reason", [(THROWING_STORAGE, "blocked"), (FULL_STORAGE, "full"), (FORGETFUL_STORAGE, "unverified")]
)
def test_failing_storage_loses_nothing_and_says_so(site, context, project, stub, reason):
    qids = set_questions(project)
    context.add_init_script(stub)
    page = context.new_page()
    open_page(page, site.url("http", SET_PAGE), READY)
    if reason == "blocked":  # known at once: nothing can be read or written
        page.locator("[data-banner=storage]").wait_for()
    fill(page, qids[0], MESSY, 2)
    fill(page, qids[4], "Another")
    banner = page.locator("[data-banner=storage]")
    banner.wait_for()
    assert banner.get_attribute("data-reason") == reason
    assert banner.is_visible()
    text = banner.inner_text()
    assert "not being saved" in text and "Export" in text
    assert page.locator("#reflect-worksheet [role=alert]").locator("[data-banner=storage]").count() == 1
    assert "Not saved" in page.locator("#reflect-worksheet-status").inner_text()
    # Kept in memory: still on the page, and export (from the banner too) has them.
    assert answers_on_page(page, qids) == {qids[0]: (MESSY, 2), qids[4]: ("Another", None)}
    for selector in ("[data-action=banner-export-json]", "#reflect-worksheet [data-action=export-json]"):
        _, text = download(page, lambda: page.click(selector))
        exported = json.loads(text)
        assert [(a["id"], a["text"], a["rating"]) for a in exported["answers"]] == [
            (qids[0], MESSY, 2),
            (qids[4], "Another", None),
        ]
    # More typing is kept too.
    fill(page, qids[0], MESSY + " more", 2)
    assert answers_on_page(page, qids)[qids[0]] == (MESSY + " more", 2)


def test_storage_that_fills_up_keeps_earlier_saves(site, page, project):
    qids = set_questions(project)
    open_page(page, site.url("http", SET_PAGE), READY)
    fill(page, qids[0], "Saved before it filled up", 1)
    page.evaluate(
        "() => { window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); }; }"
    )
    fill(page, qids[1], "Only in memory", 4)
    page.locator("[data-banner=storage][data-reason=full]").wait_for()
    stored = next(iter(worksheet_records(page).values()))
    assert stored["answers"] == {qids[0]: {"text": "Saved before it filled up", "rating": 1, "question": stored["answers"][qids[0]]["question"]}}
    _, exported = export_json(page)
    assert [a["id"] for a in exported["answers"]] == [qids[0], qids[1]]
    # When space comes back, the next save stores everything and the banner goes.
    page.evaluate("() => { Storage.prototype.setItem = window.__setItem; }")
    page.click("[data-action=retry]")
    page.locator("[data-banner=storage]").wait_for(state="detached")
    stored = next(iter(worksheet_records(page).values()))
    assert set(stored["answers"]) == {qids[0], qids[1]}


def hold_autosave(page):
    """Timers do not fire: typing stays unsaved, as in the moment before an autosave."""
    page.evaluate("() => { window.__setTimeout = window.setTimeout; window.setTimeout = () => 0; }")


def release_autosave(page):
    page.evaluate("() => { window.setTimeout = window.__setTimeout; }")


@pytest.mark.parametrize("where", WHERE)
def test_two_tabs_never_overwrite_each_other(site, context, project, where):
    qids = set_questions(project)
    url = site.url(where, SET_PAGE)
    one = open_page(context.new_page(), url, READY)
    two = open_page(context.new_page(), url, READY)

    # Different questions: both kept, and each tab shows the other's answer.
    fill(one, qids[0], "From tab one", 1)
    fill(two, qids[1], "From tab two", 2)
    two.wait_for_function(f"document.querySelector('#reflect-answer-{qids[0]}').value === 'From tab one'")
    one.wait_for_function(f"document.querySelector('#reflect-answer-{qids[1]}').value === 'From tab two'")
    stored = next(iter(worksheet_records(one).values()))["answers"]
    assert {k: v["text"] for k, v in stored.items()} == {qids[0]: "From tab one", qids[1]: "From tab two"}

    # The same question changed in both before either saw the other: the second is asked.
    # Both type into the same question at once: tab one's change is not saved yet when
    # tab two saves (its autosave timer is held), then tab one hears of tab two's save.
    hold_autosave(one)
    text_box(one, qids[2]).fill("One wrote this second")
    fill(two, qids[2], "Two wrote this first", 3)
    conflict = one.locator("[data-banner=conflict]")
    conflict.wait_for()
    assert "Question 3" in conflict.inner_text()
    assert "Two wrote this first" in conflict.inner_text()
    stored = next(iter(worksheet_records(one).values()))["answers"]
    assert stored[qids[2]]["text"] == "Two wrote this first"  # not silently overwritten
    assert text_box(one, qids[2]).input_value() == "One wrote this second"  # nor lost here

    release_autosave(one)
    one.click("[data-action=keep-mine]")
    conflict.wait_for(state="detached")
    stored = next(iter(worksheet_records(one).values()))["answers"]
    assert stored[qids[2]]["text"] == "One wrote this second"
    assert stored[qids[0]]["text"] == "From tab one" and stored[qids[1]]["text"] == "From tab two"
    two.wait_for_function(f"document.querySelector('#reflect-answer-{qids[2]}').value === 'One wrote this second'")


def test_a_conflict_can_take_the_other_tabs_answer(site, context, project):
    qids = set_questions(project)
    url = site.url("http", SET_PAGE)
    one = open_page(context.new_page(), url, READY)
    two = open_page(context.new_page(), url, READY)
    hold_autosave(one)
    text_box(one, qids[0]).fill("Mine")
    fill(two, qids[0], "Theirs", 1)
    one.locator("[data-banner=conflict]").wait_for()
    release_autosave(one)
    one.click("[data-action=keep-theirs]")
    one.locator("[data-banner=conflict]").wait_for(state="detached")
    assert answers_on_page(one, qids) == {qids[0]: ("Theirs", 1)}
    stored = next(iter(worksheet_records(one).values()))["answers"]
    assert (stored[qids[0]]["text"], stored[qids[0]]["rating"]) == ("Theirs", 1)


def test_answers_to_removed_questions_are_kept_and_exported(site, context, project, tmp_path):
    qids = set_questions(project)
    page = context.new_page()
    open_page(page, site.url("http", SET_PAGE), READY)
    prefix = "reflect:reflect-learning-from-the-amhe-qi-coaches-focus-group:worksheet:" + SET_ID + ":"
    old = {
        "format": "reflect-worksheet-store",
        "version": 1,
        "set": SET_ID,
        "content_version": "2020.1.0",
        "revision": 7,
        "saved_at": "2020-01-01T00:00:00.000Z",
        "answers": {
            qids[0]: {"text": "Still asked", "rating": 2},
            "org-retired-question": {"text": "An answer to a question since removed", "rating": 3, "question": "Do we still ask this?"},
        },
    }
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [prefix + "2020.1.0", json.dumps(old)])
    page.reload()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    # Brought into this content version, with the old record left as it was.
    assert answers_on_page(page, qids) == {qids[0]: ("Still asked", 2)}
    notice = page.locator("[data-banner=notice]")
    assert "version 2020.1.0" in notice.inner_text()
    retired = page.locator(".reflect-retired")
    assert retired.is_visible()
    assert "Do we still ask this?" in retired.inner_text()
    assert "An answer to a question since removed" in retired.inner_text()
    records = worksheet_records(page)
    assert json.loads(json.dumps(records[prefix + "2020.1.0"])) == old
    current = records[prefix + project.settings.site.content_version]
    assert current["answers"]["org-retired-question"]["text"] == "An answer to a question since removed"

    _, exported = export_json(page)
    by_id = {a["id"]: a for a in exported["answers"]}
    assert by_id["org-retired-question"]["in_current_content"] is False
    assert by_id["org-retired-question"]["question"] == "Do we still ask this?"
    assert by_id[qids[0]]["in_current_content"] is True
    _, markdown = download(page, lambda: page.click("#reflect-worksheet [data-action=export-markdown]"))
    assert "## Answers to questions no longer in this set" in markdown
    assert "### Do we still ask this?" in markdown
    _, csv_text = download(page, lambda: page.click("#reflect-worksheet [data-action=export-csv]"))
    last = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))[-1]
    assert (last["question_id"], last["in_current_content"]) == ("org-retired-question", "no")

    # And they survive an export, clear, import round trip.
    page.click("#reflect-worksheet [data-action=clear]")
    confirm_dialog(page, yes=True)
    assert not retired.is_visible()
    import_file(page, tmp_path, "old.json", exported)
    retired.wait_for()
    _, again = export_json(page)
    assert again["answers"] == exported["answers"]


def test_print_view_shows_the_answers(site, context, project):
    qids = set_questions(project)
    context.add_init_script(PRINT_SPY)
    page = context.new_page()
    open_page(page, site.url("http", SET_PAGE), READY)
    fill(page, qids[0], "Printed answer\nover two lines", 3)
    page.click("#reflect-worksheet [data-action=print]")
    assert page.evaluate("window.__printCalls") == 1
    page.emulate_media(media="print")
    block = page.locator(f"#reflect-answer-block-{qids[0]}")
    assert block.locator(".reflect-print-text").is_visible()
    assert block.locator(".reflect-print-text").inner_text() == "Printed answer\nover two lines"
    assert "3. Partly in place" in block.locator(".reflect-print-rating").inner_text()
    assert not text_box(page, qids[0]).is_visible()
    assert not page.locator("#reflect-worksheet .reflect-toolbar").is_visible()
    assert not page.locator(".md-sidebar").first.is_visible()
    # An unanswered question prints with room to write.
    empty = page.locator(f"#reflect-answer-block-{qids[1]} .reflect-print-text")
    assert empty.is_visible() and empty.bounding_box()["height"] > 40
    assert "Not rated" in page.locator(f"#reflect-answer-block-{qids[1]} .reflect-print-rating").inner_text()
    page.emulate_media(media="screen")
    assert not block.locator(".reflect-print-text").is_visible()


def test_worksheet_by_keyboard_alone_from_disk(site, page, project, tmp_path):
    """Fill, export, clear and restore, with keys only, from the site opened as files."""
    qids = set_questions(project)
    open_page(page, site.url("file", SET_PAGE), READY)
    page.locator("body").focus()

    tab_to(page, f"input[name='reflect-rating-{qids[0]}']")
    page.keyboard.press("ArrowRight")  # 1
    page.keyboard.press("ArrowRight")  # 2
    page.keyboard.press("ArrowRight")  # 3
    tab_to(page, f"#reflect-answer-{qids[0]}")
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Enter")
    page.keyboard.type("second line")
    tab_to(page, f"input[name='reflect-rating-{qids[1]}']")
    page.keyboard.press("ArrowLeft")  # from "Not rated yet" round to the last option, 4
    expected = {qids[0]: ("Typed with the keyboard\nsecond line", 3), qids[1]: ("", 4)}
    assert answers_on_page(page, qids) == expected

    tab_to(page, "#reflect-worksheet [data-action=export-json]", backwards=True)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    exported_path = tmp_path / info.value.suggested_filename
    info.value.save_as(exported_path)

    tab_to(page, "#reflect-worksheet [data-action=clear]")
    page.keyboard.press("Enter")
    page.locator("dialog.reflect-dialog[open]").wait_for()
    assert focused_text(page) == "Cancel"  # the safe choice has focus
    page.keyboard.press("Shift+Tab")
    assert focused_text(page) == "Clear all answers"
    page.keyboard.press("Enter")
    page.locator("dialog.reflect-dialog").wait_for(state="detached")
    assert answers_on_page(page, qids) == {}
    assert focused_text(page) == "Clear all answers"  # focus back on the button

    tab_to(page, "#reflect-worksheet [data-action=import]", backwards=True)
    page.bring_to_front()  # Chromium shows a file chooser only for the page in front
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(exported_path))
    page.wait_for_function(f"document.querySelector('#reflect-answer-{qids[0]}').value.length > 0")
    assert answers_on_page(page, qids) == expected

    # Escape closes a confirmation without doing anything.
    tab_to(page, "#reflect-worksheet [data-action=clear]")
    page.keyboard.press("Enter")
    page.locator("dialog.reflect-dialog[open]").wait_for()
    page.keyboard.press("Escape")
    page.locator("dialog.reflect-dialog").wait_for(state="detached")
    assert answers_on_page(page, qids) == expected
    page.reload()
    page.wait_for_selector(f"{READY}[data-ready=true]", state="attached")
    assert answers_on_page(page, qids) == expected


def focused_text(page):
    return page.evaluate("document.activeElement.textContent.trim()")


@pytest.mark.parametrize("set_id", ["lived-experience-reflection", "project-team-reflection", "qi-coaches-reflection"])
def test_every_question_set_has_its_worksheet(site, page, project, set_id):
    qids = set_questions(project, set_id)
    open_page(page, site.url("http", f"question-sets/{set_id}.html"), READY)
    assert page.locator(".reflect-answer").count() == len(qids)
    fill(page, qids[-1], "Answer", 1)
    keys = list(worksheet_records(page))
    assert keys and all(f":worksheet:{set_id}:" in k for k in keys)


def test_without_javascript_the_page_says_what_to_do(site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("http", SET_PAGE))
    assert "needs JavaScript" in page.locator("#reflect-worksheet").inner_text()
    assert page.locator("textarea").count() == 0
