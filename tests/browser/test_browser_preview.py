"""The preview (``reflect serve``) in Chromium: it prints its address; while the content has an
error it keeps serving the last good pages, at once, with an overlay listing each problem as
``path:line:col: message``; the overlay goes when the error is fixed."""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import browser  # noqa: F401 - fixture
from conftest import fetch, reflect, start_preview, wait_until_served

OVERLAY = "#reflect-preview-errors"


def test_preview_shows_content_errors_over_the_last_good_pages(tmp_path, browser):
    project = tmp_path / "p"
    assert reflect("new", str(project)).returncode == 0
    log = tmp_path / "serve.log"
    server, base = start_preview(project, log)
    audiences = project / "content" / "audiences.yml"
    good = audiences.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        wait_until_served(base + "index.html", server, log)
        assert f"Reflect preview: open {base}" in log.read_text()
        page.goto(base + "audiences/organisations.html")
        assert page.locator(OVERLAY).count() == 0

        audiences.write_text(good.replace("    name: Organisations\n",
                                          "    name: Organisations\n    nmae: typo\n"), encoding="utf-8")
        page.wait_for_selector(OVERLAY, timeout=60000)  # the page reloads itself with the list
        text = page.locator(OVERLAY).inner_text()
        assert re.search(r"content/audiences\.yml:4:5: .*nmae", text), text
        assert "You lead or take part" in page.content()  # the last good page, under the list
        assert OVERLAY[1:] in fetch(base + "index.html")  # every page answers at once

        audiences.write_text(good.replace("You lead or take part", "Fixed: you lead or take part"),
                             encoding="utf-8")
        page.wait_for_function("() => !!document.body && document.body.innerText.includes('Fixed: you lead')", timeout=60000)
        assert page.locator(OVERLAY).count() == 0
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=20)
    output = log.read_text()
    assert "dirty" not in output and "not found among documentation files" not in output, output


def test_preview_serves_every_language_and_reloads_an_edited_translation(tmp_path, browser):
    import shutil

    project = Path(shutil.copytree(Path(__file__).parent.parent / "packs" / "bilingual", tmp_path / "bilingual",
                                   ignore=shutil.ignore_patterns("site", ".reflect-cache")))
    log = tmp_path / "serve.log"
    server, base = start_preview(project, log)
    question_set = project / "questions" / "sets" / "team-check.yml"
    page = browser.new_page()
    try:
        wait_until_served(base + "cy/question-sets/team-check.html", server, log)
        page.goto(base + "question-sets/team-check.html")
        assert page.locator("html").get_attribute("lang") == "en"
        page.click("a[data-reflect-language][hreflang=cy]")  # the switch goes to the matching page
        page.wait_for_url(re.compile(r"/cy/question-sets/team-check\.html"))
        assert page.locator("html").get_attribute("lang") == "cy"
        assert "Sut mae ein tîm yn dysgu" in page.locator("h1").inner_text()
        assert page.locator(OVERLAY).count() == 0

        text = question_set.read_text(encoding="utf-8")
        question_set.write_text(text.replace("    title: Sut mae ein tîm yn dysgu\n",
                                             "    title: Sut mae ein tîm ni yn dysgu\n", 1), encoding="utf-8")
        page.wait_for_function("() => document.querySelector('h1') && "
                               "document.querySelector('h1').innerText.includes('ein tîm ni')", timeout=60000)
        assert page.locator("html").get_attribute("lang") == "cy"
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=20)
    output = log.read_text()
    assert "Traceback" not in output and "dirty" not in output, output
