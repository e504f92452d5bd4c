"""Every word Reflect writes comes from the catalogue: the pseudo-locale test.

The bundled project is built with ``site.language: x-pseudo``, a test language in which
every catalogue string is wrapped in ⟦ ⟧. Every piece of visible text on every generated
page must then be content text (it is in the project's YAML) or a wrapped string: an
unwrapped interface word is a literal somewhere in Reflect's code.

The site's pages and menus and what the browser tools write (read in Chromium) are checked
here; the PDF and DOCX files in tests/build/test_printable_pseudo.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import browser  # noqa: F401 - fixture
from conftest import copy_project, reflect

from visible_text import content_corpus, foreign_words, generated_pages, text_nodes, unwrapped


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("pseudo") / "project")
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^(\s*language:).*$", r"\1 x-pseudo", text, count=1), encoding="utf-8")
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def test_the_helpers_tell_wrapped_words_from_the_rest():
    corpus = "A quote from the content\nAnother text"
    assert unwrapped(["⟦Source: ", "x⟧", " tail"]) == [" tail"]
    assert foreign_words(["⟦Theme 1: ⟧", "A quote from the content"], corpus) == []
    assert foreign_words(["Opening script"], corpus) == ["Opening script"]
    assert foreign_words(["⟦Rating scale: ⟦1⟧⟧ (", "3", ")"], corpus) == []


def test_every_word_on_every_generated_page_is_content_or_from_the_catalogue(pseudo):
    project, site = pseudo
    corpus = content_corpus(project)
    problems = {}
    for page in generated_pages(site, other_languages=False):  # the Welsh site under cy/ is Welsh
        nodes = text_nodes(page.read_text(encoding="utf-8"))
        assert nodes, f"{page} has no text"
        bad = foreign_words(nodes, corpus)
        if bad:
            problems[page.relative_to(site).as_posix()] = bad[:10]
    assert not problems, problems


def test_every_menu_entry_is_content_or_from_the_catalogue(pseudo):
    from generator.project import load_project
    from generator.build.site import NavSection, SiteBuild

    project, _ = pseudo
    corpus = content_corpus(project)

    def titles(entries):
        for entry in entries:
            if isinstance(entry, NavSection):
                yield entry.title
                yield from titles(entry.children)
            else:
                yield entry[0]

    nav = SiteBuild(load_project(project)).nav()
    assert foreign_words(list(titles(nav)), corpus) == []
    assert any("⟦" in title for title in titles(nav))


def test_the_wrapped_words_show(pseudo):
    _, site = pseudo
    home = " ".join(text_nodes((site / "index.html").read_text(encoding="utf-8")))
    assert "⟦Start here⟧" in home



@pytest.mark.parametrize("path, ready", [
    ("question-sets/organisations-self-evaluation.html", "#reflect-worksheet"),
    ("question-bank.html", "#reflect-bank-filters"),
    ("compose.html", "#reflect-composer"),
])
def test_browser_tools_words_are_from_the_catalogue(pseudo, browser, path, ready):
    """What the tools write on the page, read in Chromium, is content or wrapped words."""
    from browser_support import Site, open_page

    project, built = pseudo
    corpus = content_corpus(project)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_page(page, Site(built).url("http", path), ready)
        # Every visible text node once the tools ran, as the static test reads text nodes
        # (lines of innerText would join content and interface words).
        nodes = page.evaluate("""() => {
            const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
            const out = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!node.data.trim() || !parent || !parent.checkVisibility()) continue;
                if (parent.closest('script, style, template')) continue;
                out.push(node.data);
            }
            return out;
        }""")
    finally:
        context.close()
    assert nodes
    assert foreign_words(nodes, corpus) == []


# The PDF and DOCX files are checked the same way, from their text runs and positions, in
# tests/build/test_printable_pseudo.py.
