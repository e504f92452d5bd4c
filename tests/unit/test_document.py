"""The document model and the site writer, without building a site."""

from __future__ import annotations

import dataclasses
import os
import typing

import pytest

from generator.document import nodes as n
from generator.document.build import Builder
from generator.document.text import ContentText
from generator.project import ProjectCache
from generator.project.reference_kinds import KINDS
from generator.project.references import KINDS as WRITTEN_KINDS
from generator.project.references import Reference
from generator.build.site import SiteBuild
from generator.project.addresses import Target
from generator.writers.site import SiteWriter
from generator.strings import load_catalogue


def _node_types(union) -> set[type]:
    return {t for t in typing.get_args(union) if isinstance(t, type)}


def test_every_node_type_has_a_visitor():
    for node in _node_types(n.Block) | _node_types(n.Inline):
        assert hasattr(SiteWriter, "visit_" + node.__name__.lower()), node


def test_the_writer_escapes_every_value():
    page = n.Page("x.md", "<b>", (
        n.Heading(2, (n.Text("<script>alert(1)</script>"),), "a\"b"),
        n.Para((n.Link(Target("y.md", "q-1"), (n.Text("a & b"),)),)),
        n.Quote("quote-1", "<i>said</i>", "caption <x>"),
    ))
    html = str(SiteWriter("Link").write(page))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'id="a&quot;b"' in html
    assert '<a href="y.html#q-1">a &amp; b</a>' in html
    assert "&lt;i&gt;said&lt;/i&gt;" in html and "caption &lt;x&gt;" in html


def test_content_text_is_converted_and_sanitised_once_per_text():
    calls = []

    def resolve(ref: Reference):
        calls.append(ref.id)
        return n.Text(ref.id)

    text = ContentText(resolve)
    first = text.prose("See *this* [[theme:x]] <script>bad()</script>")
    assert text.prose("See *this* [[theme:x]] <script>bad()</script>") is first
    assert calls == ["x"]
    markup = "".join(part.html for part in first if isinstance(part, n.Markup))
    assert "<em>this</em>" in markup and "<script" not in markup
    assert n.Text("x") in first


def test_every_written_reference_kind_is_declared_once():
    assert set(KINDS) == set(WRITTEN_KINDS)


def test_references_resolve_to_the_registry_label_and_target(project):
    b = Builder(project)
    theme = project.themes[0]
    node = b.resolve(Reference("theme", theme.id, "", 0, 0))
    assert node == n.CrossRef(f"theme 1, {theme.label}", KINDS["theme"].target(project, theme.id))
    question = project.questions[0]
    node = b.resolve(Reference("question", question.question.id, "", 0, 0))
    assert node.label == f"Appendix 1, question {question.number}"


def test_a_scale_shows_the_values_the_publisher_defined(project):
    qset = project.question_sets[0]
    options = tuple(
        option.model_copy(update={"value": index}) for index, option in enumerate(qset.scale.options)
    )
    zero_based = qset.model_copy(update={"scale": qset.scale.model_copy(update={"options": options})})
    changed = dataclasses.replace(project, question_sets=(zero_based, *project.question_sets[1:]))
    html = next(p.html for p in SiteBuild(changed).render().pages if p.path.endswith(f"{qset.id}.md"))
    assert '<li value="0">' in html
    assert f'<li value="{len(options) - 1}">' in html


def test_counts_are_plural_aware(project):
    words = load_catalogue("en")
    assert words.text("site.count.themes", count=1) == "1 theme"
    assert words.text("site.count.themes", count=2) == "2 themes"
    assert words.text("cli.check.guides", count=1) == "1 guide"


def test_the_project_is_loaded_once_per_content_state(tmp_path):
    from conftest import copy_project

    root = copy_project(tmp_path / "project")
    cache = ProjectCache()
    first = cache.load(root)
    assert cache.load(root) is first
    settings = root / "content" / "settings.yml"
    os.utime(settings, ns=(settings.stat().st_atime_ns, settings.stat().st_mtime_ns + 10**9))
    assert cache.load(root) is not first


@pytest.mark.parametrize("module", ["generator.project", "generator.project.loading", "generator.engine.mkdocs_plugin"])
def test_no_module_keeps_run_state(module):
    import importlib

    loaded = importlib.import_module(module)
    assert not [name for name in ("_LOADED", "_PREVIEW") if hasattr(loaded, name)]


def test_a_quote_names_who_said_it_with_the_default_from_the_catalogue(project):
    quotes = (
        project.quotes[0].model_copy(update={"attribution": "A textbook, 1988"}),
        *(quote.model_copy(update={"attribution": None}) for quote in project.quotes[1:]),
    )
    changed = dataclasses.replace(project, quotes=quotes)
    words = load_catalogue("en")  # no publisher strings: the neutral default
    page = next(p.html for p in SiteBuild(changed, words).render().pages
                if p.path == f"findings/{project.theme_of[project.quotes[0].subtheme].id}.md")
    assert "<figcaption>A textbook, 1988. Source: " in page
    assert f"<figcaption>{words.text('site.findings.attribution')}. Source: " in page


def test_no_word_of_the_bundled_report_in_the_site_code_or_catalogue():
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "generator"
    files = [p for p in package.rglob("*.py") if "printable" not in p.parts] + [package / "strings" / "en.yml"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        code = "\n".join(line for line in text.splitlines() if "description=" not in line)  # schema help
        for word in ("QI coach", "focus group", "Table 1", "AMHE", "What coaches"):
            assert word not in code, f"{path.name} holds '{word}'"


def test_a_section_without_content_has_no_page_menu_entry_or_link(project):
    from generator.build.site import NavSection

    import re

    def strip(text):
        return re.sub(r"\[\[resource:[^\]]+\]\]", "a resource", text)

    pages = tuple(page.model_copy(update={"body": strip(page.body)}) for page in project.pages)
    groups = tuple(
        group.model_copy(update={"actions": tuple(
            action.model_copy(update={"text": strip(action.text), "details": tuple(map(strip, action.details))})
            for action in group.actions
        )})
        for group in project.implications
    )
    empty = dataclasses.replace(project, resources=(), pages=pages, implications=groups)
    built = SiteBuild(empty)
    paths = [page.path for page in built.render().pages]
    assert "resources.md" not in paths and "resources.md" in [p.path for p in SiteBuild(project).render().pages]

    def listed(entries):
        for entry in entries:
            yield from listed(entry.children) if isinstance(entry, NavSection) else [entry[1]]

    assert "resources.md" not in list(listed(built.nav()))
    home = next(page.html for page in built.render().pages if page.path == "index.md")
    assert 'href="resources.html"' not in home
