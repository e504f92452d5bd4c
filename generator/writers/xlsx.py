"""A workbook of text cells as ``.xlsx`` bytes (SpreadsheetML), written by hand.

What the XLSForms need and no more: named sheets in order, each a grid of strings whose first
row is bold and frozen (it stays in view when scrolling), and the file's title and creation
date. Every text is a shared string (``xl/sharedStrings.xml``, each distinct text once: what
Excel itself writes, and the form in which openpyxl, so pyxform, reads a literal ``_xHHHH_``
back as written); an empty string is an empty cell.

Text is written as Excel writes it: ``& < >`` escaped; characters XML 1.0 cannot hold (control
characters, lone surrogates, U+FFFE, U+FFFF) and the carriage return (which an XML reader would
turn into a line feed) as ``_xHHHH_``, and the ``_`` of a literal ``_xHHHH_`` as ``_x005F_``;
``xml:space="preserve"`` on a text that starts or ends with white space; a text longer than
Excel's limit (32,767 UTF-16 code units) cut there.

The parts that depend only on the number of sheets (content types, relationships, styles) are
made and deflated once per process for each number of sheets; the same sheets, title and
``created`` give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache

from generator.writers.ooxml import Compressed, zip_parts
from generator.writers.stamp import iso

MAX_TEXT = 32_767  # Excel's longest cell text, in UTF-16 code units
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384  # XFD
MAX_SHEET_NAME = 31

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
APP = "docProps/app.xml"
CORE = "docProps/core.xml"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
STYLES = "xl/styles.xml"
SHARED_STRINGS = "xl/sharedStrings.xml"

_NOT_IN_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"  # what XML 1.0 cannot hold
# What a cell's text writes as _xHHHH_: what XML cannot hold, the carriage return, and the "_"
# that starts a literal _xHHHH_.
_OOXML_ESCAPED = re.compile(f"[{_NOT_IN_XML}\r]|_(?=x[0-9A-Fa-f]{{4}}_)")
_XML_FORBIDDEN = re.compile(f"[{_NOT_IN_XML}]")
_NOT_IN_SHEET_NAMES = re.compile(f"[\\[\\]:*?/\\\\{_NOT_IN_XML}\r\n\t]")
_XML_WHITESPACE = " \t\n\r"


def column_name(index: int) -> str:
    """A column's letters from its index counted from 0: A … Z, AA … AZ, BA … XFD."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cut(text: str) -> str:
    """``text``, cut at Excel's limit of 32,767 UTF-16 code units (never inside a pair)."""
    if len(text) <= MAX_TEXT // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * MAX_TEXT:
        return text
    return units[: 2 * MAX_TEXT].decode("utf-16-le", errors="ignore")


def _ooxml_escape(match: re.Match[str]) -> str:
    found = match.group()
    return "_x005F_" if found == "_" else f"_x{ord(found):04X}_"


def _xml(text: str) -> str:
    """``text`` escaped for XML's character data (``str.replace`` is quicker than a table here)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return _xml(value).replace('"', "&quot;")


def text_element(text: str) -> str:
    """A ``<t>`` element holding ``text`` as Excel reads it back (see the module's docstring)."""
    text = cut(text)
    written = _xml(_OOXML_ESCAPED.sub(_ooxml_escape, text))
    if text and (text[0] in _XML_WHITESPACE or text[-1] in _XML_WHITESPACE):
        return f'<t xml:space="preserve">{written}</t>'
    return f"<t>{written}</t>"


def _check_sheet_names(names: Sequence[str]) -> None:
    """Refuse a name Excel would refuse (its rules: 1 to 31 characters, none of ``[]:*?/\\``, no
    ``'`` first or last, not ``History``, no two alike in any case)."""
    seen: set[str] = set()
    for name in names:
        if (not 0 < len(name) <= MAX_SHEET_NAME or _NOT_IN_SHEET_NAMES.search(name) or name[0] == "'"
                or name[-1] == "'" or name.casefold() == "history" or name.casefold() in seen):
            raise ValueError(f"not a sheet name Excel accepts: {name!r}")
        seen.add(name.casefold())


@lru_cache(maxsize=8)
def _fixed_parts(sheet_count: int) -> dict[str, Compressed]:
    """The parts that depend only on the number of sheets, deflated (made once per process)."""
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    content_types = (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{WORKBOOK}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/{_sheet_part(n)}" ContentType="{sheet_type}"/>' for n in range(sheet_count))
        + f'<Override PartName="/{STYLES}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/{SHARED_STRINGS}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f'<Override PartName="/{CORE}" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/{APP}" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="{WORKBOOK}"/>'
        f'<Relationship Id="rId2" Type="{PACKAGE_RELS}/metadata/core-properties" Target="{CORE}"/>'
        f'<Relationship Id="rId3" Type="{DOC_RELS}/extended-properties" Target="{APP}"/>'
        "</Relationships>"
    )
    workbook_rels = (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
        + "".join(f'<Relationship Id="rId{n + 1}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{n + 1}.xml"/>'
                  for n in range(sheet_count))
        + f'<Relationship Id="rId{sheet_count + 1}" Type="{DOC_RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{sheet_count + 2}" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    # Style 0 plain, style 1 bold; the two fills Excel insists on (none, gray125).
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    styles = (
        f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    return {name: Compressed.of(xml.encode("utf-8")) for name, xml in (
        (CONTENT_TYPES, content_types), (ROOT_RELS, root_rels), (WORKBOOK_RELS, workbook_rels), (STYLES, styles))}


def _sheet_part(index: int) -> str:
    return f"xl/worksheets/sheet{index + 1}.xml"


def _sheet(rows: Sequence[Sequence[str]], string_index: dict[str, int], selected: bool) -> str:
    """One worksheet: the cells (each text's index among the shared strings, added to
    ``string_index`` when new), the first row bold and frozen."""
    if len(rows) > MAX_ROWS:
        raise ValueError(f"{len(rows)} rows: a worksheet holds at most {MAX_ROWS}")
    width = max((len(row) for row in rows), default=0)
    if width > MAX_COLUMNS:
        raise ValueError(f"{width} columns: a worksheet holds at most {MAX_COLUMNS}")
    letters = [column_name(c) for c in range(width)]
    add = string_index.setdefault
    written = []
    last_row = last_column = 0
    for r, row in enumerate(rows, 1):
        used = len(row)
        while used and not row[used - 1]:
            used -= 1
        if not used:
            continue
        style = ' s="1"' if r == 1 else ""
        cells = "".join([f'<c r="{letters[c]}{r}"{style} t="s"><v>{add(text, len(string_index))}</v></c>'
                         for c, text in enumerate(row) if text])
        written.append(f'<row r="{r}">{cells}</row>')
        last_row, last_column = r, max(last_column, used)
    dimension = f"A1:{letters[last_column - 1]}{last_row}" if last_row else "A1"
    tab = ' tabSelected="1"' if selected else ""
    return (
        f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
        f'<dimension ref="{dimension}"/>'
        f'<sheetViews><sheetView{tab} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetData>{"".join(written)}</sheetData></worksheet>'
    )


def workbook(sheets: Mapping[str, Sequence[Sequence[str]]], title: str, created: datetime) -> bytes:
    """The ``.xlsx`` bytes of ``sheets`` (name → rows of texts, in order; the first sheet is the
    one shown), with the document title ``title``, created and last modified at ``created`` (in
    UTC, as :func:`generator.writers.stamp.build_stamp` gives it; it also dates the zip's entries)."""
    names = list(sheets)
    if not names:
        raise ValueError("a workbook holds at least one sheet")
    _check_sheet_names(names)
    string_index: dict[str, int] = {}
    sheet_parts = [(_sheet_part(n), _sheet(rows, string_index, n == 0).encode("utf-8"))
                   for n, rows in enumerate(sheets.values())]
    cells = sum(1 for rows in sheets.values() for row in rows for text in row if text)
    shared = (f'{DECLARATION}<sst xmlns="{MAIN}" count="{cells}" uniqueCount="{len(string_index)}">'
              + "".join(f"<si>{text_element(text)}</si>" for text in string_index) + "</sst>")
    workbook_xml = (
        f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
        + "".join(f'<sheet name="{_attribute(name)}" sheetId="{n + 1}" r:id="rId{n + 1}"/>'
                  for n, name in enumerate(names))
        + "</sheets></workbook>"
    )
    fixed = _fixed_parts(len(names))
    parts = [
        (CONTENT_TYPES, fixed[CONTENT_TYPES]),
        (ROOT_RELS, fixed[ROOT_RELS]),
        (APP, _app(names).encode("utf-8")),
        (CORE, _core(title, created).encode("utf-8")),
        (WORKBOOK, workbook_xml.encode("utf-8")),
        (WORKBOOK_RELS, fixed[WORKBOOK_RELS]),
        (STYLES, fixed[STYLES]),
        (SHARED_STRINGS, shared.encode("utf-8")),
        *sheet_parts,
    ]
    return zip_parts(parts, created)


def _core(title: str, created: datetime) -> str:
    """docProps/core.xml: the title (less what XML cannot hold) and the dates."""
    when = iso(created)
    readable = _xml(_XML_FORBIDDEN.sub("", title))
    return (
        f'{DECLARATION}<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{readable}</dc:title>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app(names: Sequence[str]) -> str:
    """docProps/app.xml as Excel writes it: the application, and the sheets by name."""
    titles = "".join(f"<vt:lpstr>{_xml(name)}</vt:lpstr>" for name in names)
    return (
        f'{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>Reflect</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
        f'<vt:variant><vt:i4>{len(names)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="{len(names)}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts>'
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )
