"""Exports for the tools people field and analyse with: an XLSForm of every question set and
guide (ODK, KoboToolbox, SurveyCTO and Enketo read it) and the themes and subthemes as a
REFI-QDA codebook (``.qdc``: NVivo, ATLAS.ti, MAXQDA and QualCoder import it).

Pure functions of the Project and the build stamp (``SOURCE_DATE_EPOCH`` when set, else the
publication date; see :mod:`generator.writers.stamp`): with the same stamp the bytes are the same.

XLSForm: a ``survey`` sheet (a group per section; per statement a ``select_one`` on the
set's scale and a ``text`` field for notes; per guide question a ``text`` field, its
prompts as the hint), a ``choices`` sheet (the scale) and a ``settings`` sheet
(``form_title``, ``form_id``, ``version`` = the content version, ``default_language``).
Labels and hints are in one ``label::<Language> (<code>)`` column per language.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator.project.addresses import CODEBOOK, FORMS_DIR, XLSX_MEDIA_TYPE, form_path

__all__ = ["CODEBOOK", "FORMS_DIR", "XLSX_MEDIA_TYPE", "codebook", "form_path", "tool_files", "xlsform"]

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
SCALE_LIST = "scale"


def _name(ident: str) -> str:
    """An XLSForm name (an XML name) for an id: ids that start with a digit get a leading ``_``."""
    return ident if re.match(r"[A-Za-z_]", ident) else "_" + ident


def _plain(text: str) -> str:
    return " ".join(text.split())


def language_column(language_name: str, code: str) -> str:
    return f"{language_name} ({code})"


def _words(b: Any, text: str) -> str:
    """A question's or title's words, references resolved, as plain text."""
    from generator.document.build import plain_text

    return _plain(plain_text(b.text.plain(text)))


def form_rows(b: Any, owner: Any, prompts_label: str) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, str]]:
    """The survey rows, choice rows and settings of one guide or question set, by column name.

    ``b`` is a :class:`~generator.document.build.Builder` of the Project. Label columns are
    named by :func:`language_column`: the catalogue's name of the project's language and its
    primary language subtag (``en`` for ``en-GB``), as XLSForm wants.
    """
    p = b.p
    code = p.settings.site.language.split("-")[0].lower()
    language = language_column(b.words.text("site.exports.language_name"), code)
    label, hint = f"label::{language}", f"hint::{language}"
    scale = getattr(owner, "scale", None)
    survey: list[dict[str, str]] = []
    for section in owner.sections:
        survey.append({"type": "begin group", "name": f"section_{section.id}", label: _words(b, section.title)})
        for q in section.questions:
            prompts = " · ".join(_words(b, pr.text) for pr in q.prompts)
            row = {"name": _name(q.id), label: _words(b, q.text)}
            if prompts:
                row[hint] = b.words.text("site.exports.hint", label=_plain(prompts_label).rstrip(":"), prompts=prompts)
            if scale is not None:
                survey.append({"type": f"select_one {SCALE_LIST}", **row})
                survey.append({"type": "text", "name": f"{_name(q.id)}_notes", label: _plain(owner.response_label or b.words.text("site.set.response"))})
            else:
                survey.append({"type": "text", **row})
        survey.append({"type": "end group", "name": f"section_{section.id}"})
    choices = []
    if scale is not None:
        for option in scale.options:
            choice = {"list_name": SCALE_LIST, "name": str(option.value), label: _plain(option.label)}
            choices.append(choice)
    settings = {
        "form_title": _words(b, owner.title),
        "form_id": _name(owner.id),
        "version": p.settings.site.content_version,
        "default_language": language,
    }
    return survey, choices, settings


def _columns(rows: list[dict[str, str]], first: tuple[str, ...]) -> list[str]:
    columns = list(first)
    for row in rows:
        columns += [key for key in row if key not in columns]
    return columns


def with_languages(rows: list[dict[str, str]], translated: list[list[dict[str, str]]]) -> list[dict[str, str]]:
    """``rows`` with the label and hint columns of the same rows in other languages (the same
    items in the same order: translations share the structure of the source)."""
    merged = []
    for at, row in enumerate(rows):
        row = dict(row)
        for other in translated:
            row.update({key: value for key, value in other[at].items() if key.startswith(("label::", "hint::"))})
        merged.append(row)
    return merged


def xlsform(b: Any, owner: Any, prompts_label: str, created: datetime,
            translated: tuple[tuple[Any, Any, str], ...] = ()) -> bytes:
    """The XLSForm of a guide or question set as ``.xlsx`` bytes (:mod:`generator.writers.xlsx`);
    ``translated``: (builder, the same guide or set, its prompts label) in each other language,
    each adding its own label and hint columns (the form's default language stays ``b``'s)."""
    from generator.writers.xlsx import workbook

    survey, choices, settings = form_rows(b, owner, prompts_label)
    others = [form_rows(ob, other, label) for ob, other, label in translated]
    survey = with_languages(survey, [rows[0] for rows in others])
    choices = with_languages(choices, [rows[1] for rows in others])
    sheets = {}
    for name, rows, first in (("survey", survey, ("type", "name")), ("choices", choices, ("list_name", "name")),
                              ("settings", [settings], ())):
        columns = _columns(rows, first)
        sheets[name] = [columns, *([row.get(column, "") for column in columns] for row in rows)]
    return workbook(sheets, settings["form_title"], created)


def _guid(p: Any, kind: str, ident: str) -> str:
    """A stable GUID for a code: the same theme keeps its GUID from build to build."""
    site = p.settings.site.url or p.settings.site.title
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"reflect:{site}:{kind}:{ident}"))


def codebook(b: Any) -> bytes:
    """The themes (codes that group) and subthemes (codes to code with) as a REFI-QDA codebook.

    A theme's description is its summary; a subtheme's is its summary and, when it has them,
    the other names it goes by (its ``alternative_labels``).
    """
    from generator.document.build import plain_text

    p, words = b.p, b.words
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<CodeBook xmlns="{QDC_NAMESPACE}" origin="Reflect">', "  <Codes>"]

    def description(summary: str, others: tuple) -> str:
        text = _plain(plain_text(b.text.prose(summary)))
        if others:
            text += " " + words.text("site.exports.also_called",
                                     labels="; ".join(_plain(a.label) for a in others))
        return escape(text)

    for theme in p.themes:
        name = words.text("site.theme_row", number=p.theme_number(theme), label=_plain(theme.label))
        lines.append(f'    <Code guid="{_guid(p, "theme", theme.id)}" name={quoteattr(name)} isCodable="false">')
        lines.append(f"      <Description>{description(theme.summary, theme.alternative_labels)}</Description>")
        for sub in theme.subthemes:
            sub_name = words.text("site.subtheme_name", code=p.subtheme_code(sub), label=_plain(sub.label))
            lines.append(f'      <Code guid="{_guid(p, "subtheme", sub.id)}" name={quoteattr(sub_name)} isCodable="true">')
            lines.append(f"        <Description>{description(sub.summary, sub.alternative_labels)}</Description>")
            lines.append("      </Code>")
        lines.append("    </Code>")
    lines += ["  </Codes>", "</CodeBook>", ""]
    return "\n".join(lines).encode("utf-8")


def tool_files(p: Any, created: datetime, forms: tuple[Any, ...] = ()) -> dict[str, bytes]:
    """Site path -> bytes of every XLSForm and, when there are themes, the codebook (in ``p``'s language).

    ``forms``: the Project in each language the forms speak, the default language's first (the
    same items in each); without it, the forms speak ``p``'s language only.
    """
    from generator.document.build import Builder

    builders = [Builder(view) for view in (forms or (p,))]
    first = builders[0]

    def guide_label(b: Any, guide: Any) -> str:
        return guide.prompts_label or b.words.text("site.guide.prompts")

    files = {}
    for guide in first.p.guides:
        others = tuple((b, b.p.guide_by_id[guide.id]) for b in builders[1:])
        files[form_path(guide.id)] = xlsform(first, guide, guide_label(first, guide), created,
                                             tuple((b, g, guide_label(b, g)) for b, g in others))
    for qset in first.p.question_sets:
        others = tuple((b, next(s for s in b.p.question_sets if s.id == qset.id), b.words.text("site.set.prompts"))
                       for b in builders[1:])
        files[form_path(qset.id)] = xlsform(first, qset, first.words.text("site.set.prompts"), created, others)
    if p.themes:
        files[CODEBOOK] = codebook(Builder(p) if forms else first)
    return files
