"""The data files a published site carries besides its pages.

``data/project.json`` (with a header saying what it is), its JSON Schema
``data/project.schema.json``, ``data/questions.csv`` and the Frictionless
``data/datapackage.json`` describing it, and a readable HTML view of every YAML source
(the "Edit this page" target when no repository is set: hosts serve ``.yml`` as a
download, every host shows HTML). Pure functions of the Project, except the build date,
which is ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import json
import os
import posixpath
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from generator import reflect_version
from generator.project import addresses as site_paths
from generator.writers.html import el
from generator.writers.data import CSV_COLUMNS, project_json, questions_csv
from generator.project import Project
from generator.project.numbering import words_for
from generator.source.comments import without_comments
from generator.writers import tool_exports
from generator.writers.stamp import build_stamp
from generator.project.versions import fingerprints

PROJECT_SCHEMA = "data/project.schema.json"
DATAPACKAGE = "data/datapackage.json"
INTEGER_COLUMNS = ("section_number", "number", "appendix")


def build_moment() -> datetime:
    """The build's date and time in UTC: ``SOURCE_DATE_EPOCH`` when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def build_date() -> str:
    """The build's date and time in UTC, as ISO 8601 text."""
    return build_moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def about(p: Project, site_url: str | None) -> dict[str, Any]:
    """What ``project.json`` is: the keys it starts with."""
    licence = p.settings.licence
    return {
        "$schema": f"{site_url}{PROJECT_SCHEMA}" if site_url else "project.schema.json",
        "generator": {"name": "Reflect", "version": reflect_version()},
        "licence": licence.model_dump() if licence else None,
        "site_url": site_url,
        "content_version": p.settings.site.content_version,
        "fingerprints": fingerprints(p),
        "built": build_date(),
    }


def project_schema() -> dict[str, Any]:
    """A JSON Schema (Draft 2020-12) of ``project.json``."""
    text = {"type": "string"}
    items = {"type": "array", "items": {"type": "object", "required": ["id"]}}
    hashes = {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{16}$"}}
    licence = {
        "type": ["object", "null"],
        "required": ["id", "url"],
        "properties": {
            "id": {**text, "description": "SPDX identifier, e.g. CC-BY-4.0."},
            "url": {**text, "description": "Address of the licence text."},
        },
    }
    properties = {
        "$schema": {**text, "description": "This schema's address."},
        "generator": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"const": "Reflect"}, "version": text},
            "description": "The program that wrote this file.",
        },
        "licence": {**licence, "description": "Licence of the content."},
        "site_url": {"type": ["string", "null"], "description": "Address the site is published at."},
        "content_version": {**text, "description": "Version of the content."},
        "fingerprints": {
            "type": "object",
            "required": ["questions", "scales"],
            "properties": {
                "questions": {**hashes, "description": "Each question's and statement's fingerprint, by id."},
                "scales": {**hashes, "description": "Each question set's scale's fingerprint, by set id."},
            },
            "description": "Short hashes of what the questions and scales say: equal in two versions when unchanged.",
        },
        "built": {**text, "format": "date-time", "description": "When the site was built (UTC)."},
        "schema_version": {"type": "integer", "description": "Version of this file's layout."},
        "site": {"type": "object", "description": "The site settings."},
        "report": {"type": ["object", "null"], "description": "The source report, if any."},
        "audiences": {**items, "description": "Who the site is for."},
        "guides": {**items, "description": "Topic guides, each question with its number."},
        "themes": {**items, "description": "Themes with their subthemes."},
        "quotes": {**items, "description": "Quotes, each linked to a subtheme."},
        "question_sets": {**items, "description": "Reflective question sets."},
        "implications": {**items, "description": "Implications, each with actions."},
        "resources": {**items, "description": "Further resources."},
        "documents": {**items, "description": "Document templates."},
        "appendices": {"type": "array", "items": text, "description": "Ids of guides and documents, in the order the site lists them."},
        "placeholders": {"type": "object", "description": "Named values and whether each is filled."},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Reflect project.json",
        "description": "Everything a Reflect site publishes, as one validated object.",
        "type": "object",
        "required": [name for name in properties if name not in ("report",)],
        "properties": properties,
    }


def datapackage(p: Project, site_url: str | None) -> dict[str, Any]:
    """A Frictionless Data Package (v1) describing ``questions.csv``."""
    licence = p.settings.licence
    fields = []
    for column in CSV_COLUMNS:
        field: dict[str, Any] = {"name": column, "type": "string"}
        if column in INTEGER_COLUMNS:
            field = {"name": column, "type": "integer"}
        fields.append(field)
    package: dict[str, Any] = {
        "name": "reflect-questions",
        "title": p.settings.site.title,
        "version": p.settings.site.content_version,
        "created": build_date(),
        "resources": [
            {
                "name": "questions",
                "path": "questions.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True},
                "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]},
            }
        ],
    }
    package["resources"] += tool_resources(p)
    if site_url:
        package["homepage"] = site_url
    if licence:
        package["licenses"] = [{"name": licence.id, "path": licence.url}]
    return package


def tool_resources(p: Project) -> list[dict[str, Any]]:
    """The XLSForms and the codebook as resources of the data package (paths from ``data/``)."""
    words = words_for(p)
    resources: list[dict[str, Any]] = [
        {
            "name": f"form-{owner.id}",
            "path": posixpath.relpath(tool_exports.form_path(owner.id), "data"),
            "title": words.text("site.exports.form", title=" ".join(owner.title.split())),
            "format": "xlsx",
            "mediatype": tool_exports.XLSX_MEDIA_TYPE,
            "version": p.settings.site.content_version,
        }
        for owner in (*p.guides, *p.question_sets)
    ]
    if p.themes:
        resources.append({
            "name": "codebook",
            "path": posixpath.relpath(tool_exports.CODEBOOK, "data"),
            "title": words.text("site.exports.codebook"),
            "format": "qdc",
            "mediatype": "application/xml",
        })
    return resources


def source_view_path(source: str) -> str:
    """Where the site shows a YAML source as a page: ``source/<path>.html``."""
    return site_paths.source_copy(source) + ".html"


def source_view(p: Project, source: str, text: str) -> bytes:
    """A plain HTML page showing one YAML file, readable on every host and from disk."""
    words = words_for(p)
    depth = source_view_path(source).count("/")
    stylesheet = "../" * depth + "assets/stylesheets/reflect-source.css"
    copy = posixpath.basename(site_paths.source_copy(source))
    title = words.text("cli.publishing.source_title", path=source)
    home = "../" * depth + "index.html"
    head = el("head", None, el("meta", {"charset": "utf-8"}),
              el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
              el("title", None, title), el("link", {"rel": "stylesheet", "href": stylesheet}))
    links = el("p", None, el("a", {"href": home}, words.text("cli.publishing.home")), " · ",
               el("a", {"href": copy, "download": True}, words.text("cli.publishing.download_source")))
    body = el("body", None, el("main", None, el("h1", None, title), links,
                                el("pre", {"tabindex": "0"}, el("code", None, text))))
    page = "<!doctype html>\n" + el("html", {"lang": p.settings.site.language}, head, body) + "\n"
    return page.encode("utf-8")


def publishing_files(p: Project, site_url: str | None, root: Path, forms: tuple[Project, ...] = ()) -> dict[str, bytes]:
    """Site path -> bytes of every data file, source copy and source view (comments left out unless asked).

    ``forms``: the Project in every published language, the default's first, when there are
    several: the XLSForms then carry a label column per language (the same file on each site).
    """
    files = {
        site_paths.PROJECT_JSON: project_json(p, about(p, site_url)),
        PROJECT_SCHEMA: _json(project_schema()),
        site_paths.QUESTIONS_CSV: questions_csv(p, site_url),
        DATAPACKAGE: _json(datapackage(p, site_url)),
        **tool_exports.tool_files(p, build_stamp(p.settings.site.publication_date), forms),
    }
    for source in sorted(p.sources):
        text = (root / source).read_text(encoding="utf-8-sig")
        if not p.settings.edit.source_comments:
            text = without_comments(text)
        files[site_paths.source_copy(source)] = text.encode("utf-8")
        files[source_view_path(source)] = source_view(p, source, text)
    return files


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
