"""The search entries written from the document tree (generator/writers/search.py).

The site's search index no longer comes from Material's search plugin parsing every page's
HTML: each page's entries come from its tree. These tests hold the tree's entries against
what the plugin's own parser finds in the same page's finished HTML, page by page, for the
bundled site: the same sections at the same anchors, with the same words.
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from generator.document import nodes as n
from generator.writers.search import page_entries
from generator.build.site import SiteBuild
from generator.project.addresses import Target

SearchIndex = pytest.importorskip("material.plugins.search.plugin").SearchIndex


def _words(text: str) -> str:
    """Words as a reader sees them: tags dropped, entities read, spacing ignored."""
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _material_entries(page) -> list[dict]:
    """What Material's search plugin finds in a written page's HTML."""
    from mkdocs.structure.toc import get_toc

    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    fake = SimpleNamespace(
        meta={"title": page.title, **({} if page.search else {"search": {"exclude": True}})},
        content=page.html, toc=get_toc([dict(t) for t in page.toc]), url=page.path[:-3] + ".html",
        title=page.title,
    )
    index.add_entry_from_context(fake)
    return index.entries


def _tree_entries(page) -> list[dict]:
    url = page.path[:-3] + ".html"
    return [{"location": f"{url}#{e.anchor}" if e.anchor else url, "title": e.title, "text": e.text}
            for e in page.index]


@pytest.fixture(scope="module")
def site(project):
    return SiteBuild(project).render()


def test_every_page_has_its_entries_from_the_tree(site):
    assert all(page.index is not None for page in site.pages)
    assert any(page.index == () for page in site.pages)  # the bank and the composer stay out
    assert sum(len(page.index) for page in site.pages) > 100


def test_the_tree_gives_the_sections_and_words_the_html_shows(site):
    for page in site.pages:
        ours, theirs = _tree_entries(page), _material_entries(page)
        assert [e["location"] for e in ours] == [e["location"] for e in theirs], page.path
        for mine, material in zip(ours, theirs):
            assert _words(mine["title"]) == _words(material["title"]), mine["location"]
            # a tick box's glyph is no search word: the only difference allowed
            assert _words(mine["text"]) == _words(material["text"]).replace("☐", ""), mine["location"]
            assert mine["text"].count("<code>") == material["text"].count("<code>"), mine["location"]


def test_what_the_site_marks_out_of_search_stays_out():
    page = n.Page("x.md", "Page", (
        n.Heading(1, (n.Text("Title <1>"),), "title"),
        n.Para((n.Text("Kept words"),)),
        n.Para((n.Text("Source line"),), "source", searchable=False),
        n.Group((n.Para((n.Text("Cross-listing"),)),)),
        n.Heading(2, (n.Text("Second"),), "second"),
        n.Para((n.Link(Target("y.md"), (n.Text("a & b"),)),)),
    ))
    entries = page_entries(page)
    assert [(e.anchor, e.title) for e in entries] == [(None, "Title &lt;1&gt;"), ("second", "Second")]
    assert entries[0].text == "Kept words" and entries[1].text == "a &amp; b"
    assert page_entries(n.Page("y.md", "Off", (n.Para((n.Text("x"),)),), search=False)) == ()


def test_a_heading_inside_content_html_leaves_the_page_to_its_html():
    page = n.Page("x.md", "Page", (n.Prose((n.Markup('<h2 id="h">Made by hand</h2>'),)),))
    assert page_entries(page) is None
