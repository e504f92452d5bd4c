"""``reflect build --zip``: unzipped anywhere, the site works opened from disk (search too),
and the page showing a YAML source is accessible."""

from __future__ import annotations

import zipfile

from browser_support import browser, describe, run_axe  # noqa: F401 - fixture
from conftest import reflect


def test_unzipped_site_works_from_disk(tmp_path, browser):
    project = tmp_path / "p"
    assert reflect("new", str(project)).returncode == 0
    assert reflect("--project", str(project), "build", "--zip").returncode == 0
    with zipfile.ZipFile(project / "site.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "site"
    page = browser.new_page()
    requests, failed = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    try:
        page.goto((site / "index.html").as_uri())
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("evidence behind each rating", delay=5)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        page.goto((site / "question-sets" / "self-assessment.html").as_uri())
        page.locator('a[title="Edit this page"]').click()
        page.wait_for_url("**/source/questions/sets/self-assessment.yml.html")
        assert "id: self-assessment" in page.locator("pre").inner_text()
        assert page.evaluate("getComputedStyle(document.querySelector('pre')).backgroundColor") == \
            "rgb(245, 245, 245)", failed
        assert failed == []
        violations = run_axe(page)  # axe re-fetches stylesheets itself, which file:// refuses
        assert not violations, describe(violations)
    finally:
        page.close()
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), requests
