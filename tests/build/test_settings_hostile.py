"""Settings and catalogue strings reach pages only escaped (issue 18, items 2 and 7).

A self-assessment starter is built twice: once with ordinary settings, once with every
settings field (walked from the model, so a new field is covered the day it is added) and
every catalogue string (overridden under ``strings:``) set to a value that would break out of
an attribute and open an element. Web addresses are validated at load time, so they carry
the most awkward values that pass (``&``, ``;``, ``?``). No page of the hostile build may
hold an element or attribute its clean twin lacks. The hostile project also links files
from outside into its theme overrides: they must not be published.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import reflect
from generator.models import fields
from generator.models.settings import Settings
from generator.strings import load_catalogue

HOSTILE = '"><svg onload=alert(1)>'
# Values for the fields whose shape is checked at load time: valid, but as awkward as they come.
KEPT = {
    fields.SiteUrl: "https://example.org/a&b;c/",
    fields.Url: "https://example.org/l?a=1&b=2;c",
    fields.WebUrl: "https://example.org/owner/repo-a&b",
    fields.EditPath: "edit/main;x&y",  # no final '/': it is added
    fields.LanguageTag: "en-GB",
    fields.Date: "2026-01-01",
    fields.YesNo: "true",
}
LICENCE_ID = "CC-BY-4.0"


def _leaf_values(model: type, hostile: bool) -> dict:
    """A value for every field of ``model``, nested models walked."""
    values = {}
    for name, info in model.model_fields.items():
        kind, shape = info.annotation, list(info.metadata)
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        if typing.get_origin(kind) is typing.Annotated:
            kind, *shape = typing.get_args(kind)
        if isinstance(kind, type) and issubclass(kind, fields.Node):
            values[name] = _leaf_values(kind, hostile)
        elif name == "id" and model.__name__ == "Licence":
            values[name] = LICENCE_ID
        elif name == "placeholders":
            values[name] = {"thing": {"label": _text(hostile, "Label"), "value": _text(hostile, "Value"),
                                      "description": _text(hostile, "About")}}
        elif name == "languages":  # a second language, its own words hostile too
            values[name] = {"cy": {"name": _text(hostile, "Cymraeg"), "awaiting_review": _text(hostile, "A reviewer"),
                                   "publish_incomplete": "true", "strings": {}}}
        elif name == "strings":
            catalogue = load_catalogue("en")  # every string, each plural form of the plural ones
            values[name] = {
                key: {"one": HOSTILE, "other": HOSTILE} if isinstance(catalogue.template(key), Mapping) else HOSTILE
                for key in catalogue.names()
            } if hostile else {}
        elif any(shape == list(typing.get_args(known)[1:]) for known in KEPT):
            values[name] = next(value for known, value in KEPT.items() if shape == list(typing.get_args(known)[1:]))
        else:
            values[name] = _text(hostile, name.replace("_", " ").capitalize())
    return values


def _text(hostile: bool, ordinary: str) -> str:
    return HOSTILE if hostile else ordinary


def _project(where: Path, hostile: bool) -> Path:
    result = reflect("new", str(where))
    assert result.returncode == 0, result.stderr
    settings = _leaf_values(Settings, hostile)
    settings["site"]["language"] = "en-GB"
    (where / "content" / "settings.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    pages = where / "content" / "pages"
    pages.mkdir()
    (pages / "accessibility.yml").write_text(
        "id: accessibility\ntitle: Accessibility\nplacement: about\norder: 1\nsource: our own page\n"
        "body: Uses [[placeholder:thing]].\n", encoding="utf-8")
    return where


class _Shapes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str | None]] = set()

    def handle_starttag(self, tag, attrs):
        self.found.add((tag, None))
        self.found.update((tag, name) for name, _ in attrs)

    handle_startendtag = handle_starttag


def shapes(site: Path) -> dict[str, set]:
    """Every page's (element, attribute) pairs."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Shapes()
        parser.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = parser.found
    return out


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    base = tmp_path_factory.mktemp("settings-hostile")
    clean, hostile = _project(base / "clean", False), _project(base / "hostile", True)
    outside = base / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE", encoding="utf-8")
    assets = hostile / "overrides" / "assets"
    assets.mkdir(parents=True)
    (assets / "leak.txt").symlink_to(outside / "secret.txt")
    (assets / "own.txt").write_text("ours", encoding="utf-8")
    config = hostile / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1),
                      encoding="utf-8")
    built = {}
    for project in (clean, hostile):
        result = reflect("--project", str(project), "build", "--zip", cwd=project)
        assert result.returncode == 0, result.stderr
        built[project.name] = result
    return clean, hostile, built["hostile"]


def test_no_page_gains_an_element_or_attribute_from_hostile_settings_or_strings(twins):
    clean, hostile, _ = twins
    before, after = shapes(clean / "site"), shapes(hostile / "site")
    assert set(before) == set(after)
    gained = {page: sorted(after[page] - before[page], key=str) for page in after if after[page] - before[page]}
    assert not gained
    home = (hostile / "site" / "index.html").read_text(encoding="utf-8")
    assert "&lt;svg onload=alert(1)&gt;" in home  # the values are there, as text
    assert 'href="https://example.org/l?a=1&amp;b=2;c"' in home  # the licence link, escaped
    footer = home[home.index('class="md-copyright"'):]
    assert 'href="./about/accessibility.html"' in footer and "<time datetime=\"2026-01-01\">" in footer
    not_found = (hostile / "site" / "404.html").read_text(encoding="utf-8")
    assert 'action="/a&amp;b;c/index.html"' in not_found


def test_an_edit_path_without_its_final_slash_makes_working_edit_links(twins):
    _, hostile, _ = twins
    page = (hostile / "site" / "question-sets" / "self-assessment.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://example.org/owner/repo-a&(amp;)?b/edit/main;x&(amp;)?y/questions/sets/'
                     r'self-assessment.yml"', page)


def test_check_does_not_claim_a_setting_is_removed_from_the_site(twins):
    _, hostile, _ = twins
    result = reflect("--project", str(hostile), "check", cwd=hostile)
    assert "content/settings.yml" not in result.stderr and "removed from the site" not in result.stderr


def test_links_out_of_the_project_in_the_theme_overrides_are_not_published(twins):
    import zipfile

    _, hostile, result = twins
    site = hostile / "site"
    assert (site / "assets" / "own.txt").read_text(encoding="utf-8") == "ours"
    assert not (site / "assets" / "leak.txt").exists()
    assert "overrides/assets/leak.txt: symbolic link to" in result.stderr and "not published" in result.stderr
    with zipfile.ZipFile(hostile / "site.zip") as archive:
        assert not [name for name in archive.namelist() if "leak" in name]
        assert not any(b"SECRET-OUTSIDE" in archive.read(name) for name in archive.namelist())


def test_no_printed_document_gains_typst_code_either(twins):
    """The PDFs' Typst source, written from the same settings and strings: with every string
    literal taken out, the hostile project's code calls nothing the clean project's does not and
    names nothing new (a value that escaped its literal would add code). A hostile string may
    leave out a field ("page {page}"), so code can only be less."""
    import re

    from generator.document.printables import build_documents
    from generator.writers.pdf.typst import document_source
    from generator.project import load_project

    literal = re.compile(r'"(?:[^"\\]|\\.)*"')

    code_word = re.compile(r"[A-Za-z_][\w.-]*")

    def documents(project: Path) -> dict[str, set[str]]:
        loaded = load_project(project)
        out = {}
        for participant in (False, True):
            for doc in build_documents(loaded, participant=participant):
                out[f"{doc.id}-{doc.variant}"] = set(code_word.findall(literal.sub('""', document_source(doc))))
        return out

    clean, hostile, _ = twins
    before, after = documents(clean), documents(hostile)
    assert before and set(before) == set(after)
    assert {name: after[name] - before[name] for name in after if after[name] - before[name]} == {}
