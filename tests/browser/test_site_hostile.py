"""A site built from content that reaches too far: nothing from other hosts is ever loaded.

One page of a private copy of the bundled pack carries every kind of remote resource the
check warns about, a bidirectional override in its title and a title with ``<``. The plain
(non-strict) build keeps the warnings as warnings; the built page must hold none of the
resources, and Chromium opening it from disk must request nothing but files.
"""

from __future__ import annotations

import json
import re

import pytest

from browser_support import browser  # noqa: F401 - the session's one browser
from conftest import copy_project, reflect

HOSTILE_PAGE = """\
id: hostile
title: "Ages <18 and \\u202eover"
placement: about
order: 50
source: Section 7
body: |
  A chart: ![chart](https://tracker.example/chart.png)

  <img alt="pixel" src="//tracker.example/pixel.gif">
  <img alt="set" src="local.png" srcset="local.png 1x, https://tracker.example/big.png 2x">
  <video poster="http://tracker.example/poster.jpg"><source src="https://tracker.example/v.mp4"></video>
  <audio src="https://tracker.example/a.mp3"></audio>
  <iframe src="https://tracker.example/frame"></iframe>
  <object data="https://tracker.example/o.swf"></object>
  <picture><source srcset="https://tracker.example/p.webp"><img alt="p" src="/\\\\tracker.example/q.png"></picture>

  A note.
  {: style="background: url(https://tracker.example/bg.png)" }

  ![attr](local.png){: src="https://tracker.example/attr.png" }

  See ![logo][l] and [a link that stays a link](https://example.org/).

  [l]: https://tracker.example/logo.png
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "content" / "pages" / "hostile.yml").write_text(HOSTILE_PAGE, encoding="utf-8")
    check = reflect("--project", str(project), "check", "--strict", cwd=project)
    assert check.returncode == 1
    warnings = [line for line in check.stderr.splitlines() if line.startswith("content/pages/hostile.yml")]
    assert len([w for w in warnings if "would be loaded from another host" in w]) >= 10, warnings
    assert any("U+202E RIGHT-TO-LEFT OVERRIDE" in w for w in warnings)
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_built_page_holds_no_resource_from_another_host(hostile_site):
    page = (hostile_site / "about" / "hostile.html").read_text(encoding="utf-8")
    assert "tracker.example" not in page
    assert re.search(r'<a href="https://example.org/"[^>]*>a link that stays a link</a>', page)
    assert "A note." in page


def test_opened_from_disk_the_page_requests_nothing_from_elsewhere(hostile_site, browser):  # noqa: F811
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((hostile_site / "about" / "hostile.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => typeof window.document$ !== 'undefined'", timeout=15000)
    assert page.locator("h1").first.is_visible()
    assert requests and all(url.startswith(("file://", "data:", "blob:")) for url in requests), [
        url for url in requests if not url.startswith("file://")
    ]
    page.close()


def test_a_title_with_a_less_than_sign_shows_no_backslash(hostile_site):
    page = (hostile_site / "about" / "hostile.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert "Ages &lt;18" in heading and "\\" not in heading
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("about/hostile.html")]
    assert titles and all("\\" not in title for title in titles), titles
