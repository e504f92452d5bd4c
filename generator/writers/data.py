"""Open-data exports of a Project: ``project.json`` (everything) and ``questions.csv``.

Both are pure functions of the Project (and, for project.json, a header saying what the file
is) and byte-stable: keys keep declaration order, rows keep content order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from generator.project import addresses as paths
from generator.models import Guide, Node
from generator.project.numbering import is_numbered, numbered_label, words_for
from generator.project import SCHEMA_VERSION, Project
from generator.strings import Catalogue


def _plain(value: Any) -> Any:
    """A model as JSON-ready data, keeping field order and every field."""
    if isinstance(value, Node):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def project_data(p: Project) -> dict[str, Any]:
    """The whole validated Project as one JSON-ready object."""
    settings = p.settings
    words = words_for(p)
    return {
        "schema_version": SCHEMA_VERSION,
        "site": _plain(settings.site),
        "report": _plain(settings.report) if settings.report else None,
        "audiences": _plain(p.audiences),
        "guides": [_appendix_item(p, words, guide, _numbered(p, guide)) for guide in p.guides],
        "themes": [_theme(p, theme) for theme in p.themes],
        "quotes": _plain(p.quotes),
        "question_sets": [_numbered(p, qset) for qset in p.question_sets],
        "implications": [_implication_group(p, group) for group in p.implications],
        "resources": _plain(p.resources),
        "documents": [_document(p, words, doc) for doc in p.documents],
        "appendices": [a.item.id for a in p.appendices],
        "placeholders": {
            name: {"label": ph.label, "filled": p.placeholder_value(name) is not None}
            for name, ph in settings.placeholders.items()
        },
    }


def _numbered(p: Project, owner: Any) -> dict[str, Any]:
    """A guide or question set with each question's computed number."""
    data = _plain(owner)
    for section, section_data in zip(owner.sections, data["sections"]):
        for question, q_data in zip(section.questions, section_data["questions"]):
            q_data["number"] = p.question_by_id[question.id].number
    return data


def _appendix_item(p: Project, words: Catalogue, item: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Its appendix number and label, only when the publisher numbers them."""
    data["appendix"] = p.appendix_by_id[item.id].number if is_numbered(p) else None
    data["label"] = numbered_label(p, item.id, words)
    return data


def _theme(p: Project, theme: Any) -> dict[str, Any]:
    data = _plain(theme)
    data["number"] = p.theme_number(theme)
    for sub, sub_data in zip(theme.subthemes, data["subthemes"]):
        sub_data["code"] = p.subtheme_code(sub)
    return data


def _implication_group(p: Project, group: Any) -> dict[str, Any]:
    data = _plain(group)
    data["number"] = p.group_number(group)
    for action, a_data in zip(group.actions, data["actions"]):
        a_data["code"] = p.action_code(action)
    return data


def _document(p: Project, words: Catalogue, doc: Any) -> dict[str, Any]:
    data = _appendix_item(p, words, doc, _plain(doc))
    data["placeholders"] = sorted({u.name for u in p.placeholder_uses if u.position.path == doc.origin_file})
    return data


def project_json(p: Project, about: dict[str, Any] | None = None) -> bytes:
    """``project.json``; ``about`` (what the file is: schema, generator, licence, dates) goes first."""
    data = {**(about or {}), **project_data(p)}
    # Compact: Python writes indented JSON with its slow pure-Python encoder (seconds on a
    # 10,000-question project); tools and browsers lay the data out themselves.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


CSV_COLUMNS = (
    "id",
    "kind",
    "owner_id",
    "owner_title",
    "appendix",
    "audience",
    "section_number",
    "section_title",
    "number",
    "form",
    "text",
    "prompts",
    "subthemes",
    "themes",
    "implications",
    "url",
    "source",
)


def questions_rows(p: Project, site_url: str | None = None) -> list[dict[str, str]]:
    rows = []
    for entry in p.questions:
        q = entry.question
        owner = entry.owner
        page = paths.owner_page(owner)[:-3] + ".html"
        themes = []
        for sid in q.subthemes:
            tid = p.theme_of[sid].id
            if tid not in themes:
                themes.append(tid)
        rows.append(
            {
                "id": q.id,
                "kind": entry.owner_kind,
                "owner_id": owner.id,
                "owner_title": owner.title,
                "appendix": str(p.appendix_by_id[owner.id].number) if isinstance(owner, Guide) and is_numbered(p) else "",
                "audience": owner.audience,
                "section_number": str(p.section_number(owner, entry.section)),
                "section_title": entry.section.title,
                "number": str(entry.number),
                "form": getattr(q, "form", "question"),
                "text": " ".join(q.text.split()),
                "prompts": " | ".join(" ".join(pr.text.split()) for pr in q.prompts),
                "subthemes": " ".join(q.subthemes),
                "themes": " ".join(themes),
                "implications": " ".join(getattr(q, "implications", ())),
                "url": f"{site_url or ''}{page}#{paths.question_anchor(q.id)}",
                "source": q.source,
            }
        )
    return rows


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (as the worksheet's export)."""
    if re.match(r"[=+@\t\r]", text) or re.match(r"-\S", text):
        return "'" + text
    return text


def questions_csv(p: Project, site_url: str | None = None) -> bytes:
    """RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so spreadsheets read it as UTF-8.

    Links are absolute when the site's address is known, else relative to the site root.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in questions_rows(p, site_url):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return out.getvalue().encode("utf-8-sig")
