"""Content never carries an id or attribute the theme or the site's tools look up (issue 18, item 3).

Material reads its configuration from the element with id ``__config`` and finds its toggles
and components by id and ``data-md-*``; Reflect's scripts find their roots, answer blocks and
questions by id. Each id and attribute is read from the scripts and templates themselves (so
one added later is covered), and content holding it must lose it in the sanitiser and be
warned about by ``reflect check``.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from generator.document import nodes as n
from generator.writers.site import SiteWriter

from conftest import ROOT
from generator.document.text import ContentText
from generator.project.sanitize import sanitize_html, unsafe_content

MATERIAL = Path(material.__file__).parent / "templates"
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"


def _material_ids() -> set[str]:
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    found = set(re.findall(r"[#\"'](__[a-z_]+)", bundle))
    for template in MATERIAL.rglob("*.html"):
        found.update(name.rstrip("_") + ("0" if name.endswith("_") else "")
                     for name in re.findall(r'id="(__[a-z_]+)', template.read_text(encoding="utf-8")))
    return found


def _tool_ids() -> set[str]:
    found = set()
    for script in SCRIPTS.glob("reflect*.js"):
        text = script.read_text(encoding="utf-8")
        found.update(re.findall(r'getElementById\("([\w-]+)"\)', text))
        # ids built from a prefix and an item's id: "bank-" + id, '[id="q-' + id + '"]'
        found.update(prefix + "some-id" for prefix in re.findall(r'(?:getElementById\(|\[id=")"?([\w-]+-)"?\s*\+', text))
        found.update(prefix + "some-id" for prefix in re.findall(r'\[id="([\w-]+-)\'\s*\+', text))
        found.update(f"{prefix}some-id" for prefix in re.findall(r'"#?([\w-]+-)"\s*\+\s*\w+', text)
                     if prefix.startswith(("reflect-", "bank-", "q-")))
    for template in (ROOT / "overrides").rglob("*.html"):
        found.update(re.findall(r'id="(reflect-[\w-]+)"', template.read_text(encoding="utf-8")))
    from generator.writers.site import TOOLS

    found.update(TOOLS.values())  # each tool's root: the site writer names it for the tool
    return found


def _attributes() -> set[str]:
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    found = {name for name in re.findall(r"data-md-[a-z-]+[a-z]", bundle)}
    for script in SCRIPTS.glob("reflect*.js"):
        text = script.read_text(encoding="utf-8")
        found.update(re.findall(r'\[(data-[a-z-]+)', text))
        found.update(re.findall(r'getAttribute\("(data-[a-z-]+)"\)', text))
    return found


MATERIAL_IDS = sorted(_material_ids())
TOOL_IDS = sorted(_tool_ids())
ATTRIBUTES = sorted(_attributes())


def test_the_lists_are_read_from_the_theme_and_the_tools():
    assert {"__config", "__drawer", "__search"} <= set(MATERIAL_IDS)
    assert {"reflect-strings", "reflect-worksheet", "bank-some-id", "q-some-id"} <= set(TOOL_IDS)
    assert {"data-md-component", "data-md-toggle", "data-reflect-data"} <= set(ATTRIBUTES)


@pytest.mark.parametrize("ident", MATERIAL_IDS + TOOL_IDS)
def test_content_cannot_carry_an_id_the_theme_or_the_tools_look_up(ident):
    for written in (f'<div id="{ident}">x</div>', f"A paragraph.\n{{: #{ident} }}", f'A paragraph.\n{{: id="{ident}" }}'):
        blocks = ContentText(lambda ref: None).prose(written)
        html = str(SiteWriter("Link").write(n.Page("x.md", "X", (n.Prose(blocks),))))
        assert "id=" not in html, (written, html)
        assert [u.written for u in unsafe_content(written)] == [ident], written
    assert 'id="kept-id"' in sanitize_html('<p id="kept-id">x</p>')  # other ids stay: links to them work


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_content_cannot_carry_an_attribute_the_theme_or_the_tools_read(attribute):
    written = f'<span {attribute}="search-query">words</span>'
    assert attribute not in sanitize_html(written)
    assert [u.written for u in unsafe_content(written)] == [attribute]
    assert 'data-note="1"' in sanitize_html('<span data-note="1">words</span>')
