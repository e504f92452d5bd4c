"""The hand-made workbook writer (generator/writers/xlsx.py) and the Open Packaging zip it shares
with the Word files (generator/writers/ooxml.py): what openpyxl reads back, text escaped as Excel
escapes it, the same bytes for the same input, a valid zip."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timezone

import openpyxl  # installed with pyxform
import pytest

from generator.writers.ooxml import Compressed, zip_parts
from generator.writers.xlsx import MAX_TEXT, column_name, workbook

CREATED = datetime(2026, 9, 1, 13, 45, 7, tzinfo=timezone.utc)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEETS = {
    "survey": [["type", "name", "label::English (en)"],
               ["begin group", "section_one", "One"],
               ["text", "q1", "What went well?"],
               ["end group", "section_one"]],
    "choices": [["list_name", "name"]],
    "settings": [["form_title", "form_id"], ["A form", "a-form"]],
}


def _read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(sheet) -> list[list[str | None]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _shared_strings(data: bytes) -> list[str]:
    """The shared strings as Excel reads them: each ``_xHHHH_`` is the character HHHH (so
    ``_x005F_`` is a ``_`` that does not start an escape)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ET.fromstring(package.read("xl/sharedStrings.xml"))
    return [re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), si.findtext(f"{MAIN}t"))
            for si in root.iter(f"{MAIN}si")]


def test_openpyxl_reads_back_every_sheet_and_cell_the_bold_frozen_first_row_and_the_properties():
    book = _read(workbook(SHEETS, "How the board supports learning", CREATED))
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert book.active.title == "survey"
    survey = book["survey"]
    assert _values(survey) == [["type", "name", "label::English (en)"], ["begin group", "section_one", "One"],
                               ["text", "q1", "What went well?"], ["end group", "section_one", None]]
    assert _values(book["choices"]) == [["list_name", "name"]]
    assert _values(book["settings"]) == [["form_title", "form_id"], ["A form", "a-form"]]
    assert survey.dimensions == "A1:C4"
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        assert not any(cell.font.b for row in sheet.iter_rows(min_row=2) for cell in row if cell.value)
    assert book.properties.title == "How the board supports learning"
    assert book.properties.created == book.properties.modified == datetime(2026, 9, 1, 13, 45, 7)


def test_text_is_escaped_as_excel_escapes_it():
    texts = ['<a href="x">&amp; >', "bell\x07 and\rreturn", "_x0041_ stays _x0041_", "tab\tand\nline",
             "lone \ud800 surrogate", "not an escape: _x12_ _xZZZZ_"]
    data = workbook({"texts": [[text] for text in texts]}, 'Title <&> "quoted"\x01', CREATED)
    assert _shared_strings(data) == texts
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode("utf-8")
    assert "&lt;a href=\"x\"&gt;&amp;amp; &gt;" in raw
    assert "bell_x0007_ and_x000D_return" in raw  # a raw CR would be read back as a line feed
    assert "_x005F_x0041_ stays _x005F_x0041_" in raw and "_xD800_" in raw
    book = _read(data)
    assert book.properties.title == 'Title <&> "quoted"'  # what XML cannot hold is left out of the title
    # openpyxl undoes the escaped "_" of the shared strings (not the other escapes)
    assert [row[0] for row in _values(book["texts"])][:3] == ['<a href="x">&amp; >', "bell_x0007_ and_x000D_return",
                                                               "_x0041_ stays _x0041_"]


def test_leading_and_trailing_spaces_are_kept():
    texts = ["  indented", "trailing ", "\tboth\n", " "]
    data = workbook({"s": [texts]}, "", CREATED)
    assert _values(_read(data)["s"]) == [texts]
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode("utf-8")
    assert raw.count('<t xml:space="preserve">') == 4


def test_columns_beyond_z_are_named_as_excel_names_them():
    assert [column_name(i) for i in (0, 25, 26, 27, 51, 52, 701, 702, 16_383)] == [
        "A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
    row = [f"c{i}" for i in range(30)]
    sheet = _read(workbook({"wide": [row, row]}, "", CREATED))["wide"]
    assert sheet["AB2"].value == "c27" and sheet["AD1"].value == "c29" and sheet.dimensions == "A1:AD2"


def test_a_text_longer_than_excels_limit_is_cut_there_never_inside_a_pair():
    data = workbook({"s": [["x" * (MAX_TEXT + 100), "😀" * MAX_TEXT, "y" * MAX_TEXT]]}, "", CREATED)
    long, emoji, exact = _values(_read(data)["s"])[0]
    assert long == "x" * MAX_TEXT and exact == "y" * MAX_TEXT
    assert emoji == "😀" * (MAX_TEXT // 2)  # two UTF-16 code units each


def test_an_empty_text_is_an_empty_cell_and_a_sheet_may_be_empty():
    book = _read(workbook({"a": [["", "b"], [], ["", ""]], "empty": []}, "", CREATED))
    assert _values(book["a"]) == [[None, "b"]]
    assert book["a"].dimensions == "A1:B1"
    assert _values(book["empty"]) == []


def test_the_same_input_gives_the_same_bytes_and_a_valid_zip():
    first = workbook(SHEETS, "A form", CREATED)
    assert workbook(SHEETS, "A form", CREATED) == first
    assert workbook(SHEETS, "A form", datetime(2026, 9, 2, tzinfo=timezone.utc)) != first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.testzip() is None
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2026, 9, 1, 13, 45, 6)}  # two-second steps
        assert len(package.namelist()) == 8 + len(SHEETS)


def test_sheet_names_excel_refuses_are_refused():
    for names in (["a/b"], ["x" * 32], [""], ["'quoted'"], ["History"], ["Survey", "survey"]):
        with pytest.raises(ValueError):
            workbook(dict.fromkeys(names, [["a"]]), "", CREATED)
    with pytest.raises(ValueError):
        workbook({}, "", CREATED)


def test_the_zip_is_what_pythons_zipfile_writes_at_level_9():
    parts = [("[Content_Types].xml", b"<Types/>" * 40), ("xl/a.xml", b"<a>text</a>")]
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w") as package:
        for name, data in parts:
            info = zipfile.ZipInfo(name, (2026, 9, 1, 13, 45, 6))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o100644 << 16
            package.writestr(info, data, compresslevel=9)
    assert zip_parts(parts, CREATED) == expected.getvalue()
    assert zip_parts([(name, Compressed.of(data)) for name, data in parts], CREATED) == expected.getvalue()
    early = zipfile.ZipFile(io.BytesIO(zip_parts(parts, datetime(1970, 1, 1, tzinfo=timezone.utc))))
    assert {info.date_time for info in early.infolist()} == {(1980, 1, 1, 0, 0, 0)}
