"""With Material's instant navigation turned on, pages are swapped in without a reload and
the scripts run once: the tools must start on every page they are on (through Material's
document$), stop on the ones they leave, and never start twice."""

from __future__ import annotations

import shutil

import pytest

from browser_support import (  # noqa: F401 - fixtures
    SET_ID,
    SET_PAGE,
    Site,
    browser,
    context,
    new_context,
    open_page,
    page,
    page_errors,
    requests_made,
    run_axe,
    describe,
    serve,
)
from conftest import reflect


@pytest.fixture(scope="module")
def instant_site(built_site, tmp_path_factory) -> Site:
    """The bundled project built again with navigation.instant (which needs a site_url)."""
    source = built_site.parent
    project = tmp_path_factory.mktemp("instant") / "project"
    project.mkdir()
    for name in ("content", "questions", "overrides"):
        shutil.copytree(source / name, project / name)
    if (source / ".reflect-cache").is_dir():  # printables already made: reuse them
        shutil.copytree(source / ".reflect-cache", project / ".reflect-cache")
    (project / "node_modules").symlink_to((source / "node_modules").resolve())
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  features:\n" in config
    config = config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
    # Material only navigates instantly to pages in the sitemap, matched with their port.
    base = serve(project / "site")
    config = f"site_url: {base}\n" + config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


def navigate(page, href_end: str, ready: str):
    page.locator(f"nav.md-nav--primary a[href$='{href_end}']").first.click()
    page.wait_for_selector(f"{ready}[data-ready=true]", state="attached")


def test_tools_follow_instant_navigation(instant_site, page, project):
    qids = [q.id for s in project.question_sets if s.id == SET_ID for sec in s.sections for q in sec.questions]
    open_page(page, instant_site.url("http", "index.html"))
    page.evaluate("() => { window.__sameDocument = true; }")

    navigate(page, SET_PAGE.split("/")[-1], "#reflect-worksheet")
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded: no instant navigation"
    assert page.locator(".reflect-answer").count() == len(qids)
    page.fill(f"#reflect-answer-{qids[0]}", "Typed before leaving")
    # Leave at once: the pending autosave is written on the way out.
    navigate(page, "question-bank.html", "#reflect-bank-filters")
    assert page.evaluate("window.__sameDocument === true")
    page.locator("details[data-facet=audience] summary").click()
    page.check("#reflect-bank-audience-organisations")
    assert page.locator("#reflect-bank-filters").get_attribute("data-shown") == str(
        sum(1 for e in project.questions if e.owner.audience == "organisations")
    )

    navigate(page, "compose.html", "#reflect-composer")
    page.check(f"#reflect-pick-{qids[1]}")
    assert page.locator("ol.reflect-compose-picked > li").count() == 1

    navigate(page, SET_PAGE.split("/")[-1], "#reflect-worksheet")
    assert page.evaluate("window.__sameDocument === true")
    # Started once, not once per visit; the answer was saved on leaving.
    assert page.locator(".reflect-answer").count() == len(qids)
    assert page.locator("#reflect-worksheet h2").count() == 1
    assert page.input_value(f"#reflect-answer-{qids[0]}") == "Typed before leaving"
    assert page.evaluate("document.querySelectorAll('dialog').length") == 0
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_instant_build_still_works_from_disk(instant_site, page):
    """Material turns instant navigation off for file:// pages; the tools still start."""
    open_page(page, instant_site.url("file", SET_PAGE), "#reflect-worksheet")
    open_page(page, instant_site.url("file", "question-bank.html"), "#reflect-bank-filters")
