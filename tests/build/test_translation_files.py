"""The translator's CSV file: exported, filled in, imported back into the content files (round trip)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator.project import load_project
from generator.cli.translation_files import export_csv, import_csv
from generator.project.translations import content_items, localise, source_texts, text_states

from conftest import reflect

PACK = Path(__file__).parent.parent / "packs" / "bilingual"
FILES = ("content/settings.yml", "content/audiences.yml", "content/themes.yml", "content/quotes.yml",
         "content/documents/how-to-run.yml", "questions/sets/team-check.yml")


def _copy(tmp: Path, name: str) -> Path:
    return Path(shutil.copytree(PACK, tmp / name, ignore=shutil.ignore_patterns("site", ".reflect-cache")))


def _strip_translations(pack: Path) -> None:
    """Remove every ``translations:`` block (the key and the lines indented under it)."""
    for file in FILES:
        lines = (pack / file).read_text(encoding="utf-8").split("\n")
        kept, skip_deeper = [], None
        for line in lines:
            indent = len(line) - len(line.lstrip(" "))
            if skip_deeper is not None and (not line.strip() or indent > skip_deeper):
                continue
            skip_deeper = None
            if line.strip() == "translations:":
                skip_deeper = indent
                continue
            kept.append(line)
        (pack / file).write_text("\n".join(kept), encoding="utf-8")


def _welsh_texts(project) -> dict:
    welsh = localise(project, "cy")
    return {(i.origin_file, i.origin_path): source_texts(i) for i in content_items(welsh)}


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data  # BOM and CRLF: spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_then_import_into_an_untranslated_copy_gives_back_every_translation(tmp_path):
    original = load_project(PACK)
    data = export_csv(original, "cy")
    rows = _rows(data)
    assert {r["state"] for r in rows} == {"translated"}
    assert any(r["field"] == "items" and r["number"] == "2" and r["translation"] == "Dewch â beiros." for r in rows)

    pack = _copy(tmp_path, "blank")
    _strip_translations(pack)
    blank = load_project(pack)
    assert {s.state for s in text_states(blank, "cy")} == {"missing"}
    blank_rows = _rows(export_csv(blank, "cy"))
    assert [r["translation"] for r in blank_rows] == [""] * len(rows)
    assert [(r["file"], r["item"], r["field"], r["number"]) for r in blank_rows] == \
        [(r["file"], r["item"], r["field"], r["number"]) for r in rows]

    changed, problems = import_csv(blank, "cy", data, "cy.csv")
    assert problems == [] and sorted(changed) == sorted(FILES)
    back = load_project(pack)
    assert {s.state for s in text_states(back, "cy")} == {"translated"}  # fingerprints written too
    assert _welsh_texts(back) == _welsh_texts(original)
    # importing the same file again changes nothing
    before = {f: (pack / f).read_bytes() for f in FILES}
    assert import_csv(back, "cy", data, "cy.csv")[1] == []
    assert {f: (pack / f).read_bytes() for f in FILES} == before


def test_a_translators_edits_come_back_and_a_changed_source_is_stale_at_once(tmp_path):
    pack = _copy(tmp_path, "edited")
    project = load_project(pack)
    rows = _rows(export_csv(project, "cy"))
    for row in rows:
        if row["source_text"] == "Teams":
            row["translation"] = "'+1 Timau"  # the spreadsheet guard a formula-like cell gets
        if row["source_text"].startswith("Anyone on the team"):
            row["translation"] = "Gall pawb yn y tîm awgrymu newid."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # the source moves on between the export and the import
    path = pack / "questions/sets/team-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("hear back what happened to it.",
                                                             "hear what happened to it."), encoding="utf-8")
    changed, problems = import_csv(load_project(pack), "cy", out.getvalue().encode("utf-8-sig"), "cy.csv")
    assert problems == [] and "questions/sets/team-check.yml" in changed
    back = load_project(pack)
    welsh = localise(back, "cy")
    assert welsh.audiences[0].name == "+1 Timau"
    assert welsh.question_by_id["ideas-heard"].question.text == "Gall pawb yn y tîm awgrymu newid."
    assert [(s.item.id, s.field) for s in text_states(back, "cy") if s.state == "stale"] == [("ideas-heard", "text")]


def test_a_row_that_fits_nothing_is_an_error_and_nothing_is_written(tmp_path):
    pack = _copy(tmp_path, "bad")
    project = load_project(pack)
    text = export_csv(project, "cy").decode("utf-8-sig").replace(",audiences/0,name,", ",audiences/7,name,", 1)
    text = text.replace(",audiences/0,summary,", ",audiences/0,summry,", 1)
    before = {f: (pack / f).read_bytes() for f in FILES}
    changed, problems = import_csv(project, "cy", text.encode("utf-8-sig"), "cy.csv")
    assert changed == [] and [str(p) for p in problems] == [
        "cy.csv:2:1: no item 'audiences/7' in content/audiences.yml (the content changed since the export: export again)",
        "cy.csv:3:1: 'summry' is not a text of item 'audiences/0' in content/audiences.yml",
    ]
    assert {f: (pack / f).read_bytes() for f in FILES} == before


def test_the_command_line_round_trip(tmp_path):
    pack = _copy(tmp_path, "cli")
    csv_file = tmp_path / "cy.csv"
    assert reflect("--project", str(pack), "translations", "export", "--output", str(csv_file)).returncode == 0
    _strip_translations(pack)
    result = reflect("--project", str(pack), "translations", "import", str(csv_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cy: 29 of 29 texts translated, 0 missing" in result.stderr
