"""The PDF writer on its own, read back: hostile content prints as written, unknown nodes are
refused, Welsh prints in the shipped font, and the structure tree has its headings, lists and
tables. Small trees made from the bundled project's documents; each rendered in well under a
second."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone

import pytest
from pypdf import PdfReader

from generator.document import nodes as n
from generator.document.printables import PrintBuilder
from generator.build.printables import plan, render
from generator.writers.pdf.render import render_pdf
from generator.writers.pdf.typst import UnknownNode, document_source
from generator.strings import load_catalogue

STAMP = datetime(2025, 11, 26, 12, tzinfo=timezone.utc)

# Typst markup and code of every kind, and what would close the writer's own literals.
HOSTILE = (
    '#panic("ran") #read("/etc/passwd") *not bold* _not slanted_ $x^2$ `raw` <lbl> @lbl '
    '= not a heading \\ back"slash" ] ) } // not a comment /* nor this */ #{ 1 + 1 } #"str" ~'
)


@pytest.fixture(scope="module")
def consent(project) -> n.Printable:
    return next(d for d in PrintBuilder(project, load_catalogue("en")).all() if d.id == "consent-form")


def _with_blocks(doc: n.Printable, *blocks: n.Block, **changes) -> n.Printable:
    return dataclasses.replace(doc, blocks=(doc.blocks[0], *blocks), **changes)


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _fonts(data: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found.add(str(descendant["/FontDescriptor"]["/FontName"]).split("+")[-1].split("-")[0])
    return found


def test_hostile_content_prints_literally_and_never_runs(consent):
    doc = _with_blocks(
        consent,
        n.Heading(2, (n.Text(HOSTILE),), anchor='x") #panic("anchor'),
        n.Para((n.Text(HOSTILE), n.Strong((n.Emphasis((n.Text(HOSTILE),)),)), n.Code(HOSTILE))),
        n.ItemList(((n.Text(HOSTILE),), (n.ExternalLink('https://example.org/"#panic("u")', (n.Text(HOSTILE),)),))),
        n.Callout("script", HOSTILE, (n.Para((n.Text(HOSTILE),)),)),
        n.Fields((n.FieldRow(HOSTILE, (n.Blank(HOSTILE, HOSTILE),)),)),
        n.TickBoxes(((n.Text(HOSTILE),),), HOSTILE, (HOSTILE,)),
        n.Signatures((HOSTILE,), (HOSTILE,)),
    )
    data = render_pdf(document_source(doc), STAMP)
    text = "".join(_text(data).split())  # a line may break anywhere in the long text
    # Fifteen places in seven kinds of block: each prints exactly as written.
    assert text.count("".join(HOSTILE.split())) == 15, text[:3000]
    assert "root:" not in text  # /etc/passwd was not read
    outline = [item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)]
    assert outline[0] == consent.heading


def test_an_unknown_node_is_refused_by_name(consent):
    @dataclasses.dataclass(frozen=True)
    class Mystery:
        words: str

    with pytest.raises(UnknownNode, match="Mystery"):
        document_source(_with_blocks(consent, Mystery("words")))
    with pytest.raises(UnknownNode, match="Mystery"):
        document_source(_with_blocks(consent, n.Para((Mystery("inline"),))))  # type: ignore[arg-type]


def test_welsh_prints_in_the_shipped_font_with_its_language(consent):
    welsh = "Ŵyr a ŷd: mae’r ŵyn yn y cwm, ŵ ŷ Ŵ Ŷ â ê î ô û"
    doc = _with_blocks(consent, n.Heading(2, (n.Text("Datganiadau"),)), n.Para((n.Text(welsh),)), language="cy")
    data = render_pdf(document_source(doc), STAMP)
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert welsh in _text(data)
    # Every glyph came from the shipped font: a character it lacked would be drawn from another.
    assert _fonts(data) == {"SourceSansPro"}


def test_a_character_no_shipped_font_has_still_prints_tagged(consent):
    doc = _with_blocks(consent, n.Para((n.Text("Thanks \U0001f600 and 漢字"),)))
    reader = PdfReader(io.BytesIO(render_pdf(document_source(doc), STAMP)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == consent.language
    assert reader.metadata.title == consent.heading
    assert b"pdfuaid" not in root["/Metadata"].get_object().get_data()  # PDF/UA-1 forbids the missing glyph


@pytest.mark.parametrize("tag, lang", [("en-GB", "en-GB"), ("gd", "gd"), ("x-pseudo", "und")])
def test_any_language_tag_prints_with_its_language_or_undetermined(consent, tag, lang):
    data = render_pdf(document_source(dataclasses.replace(consent, language=tag)), STAMP)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == lang


def test_structure_tree_holds_headings_lists_tables_and_links(project):
    kinds: dict[str, set[str]] = {}
    for download in plan(project):
        if download.format != "pdf" or download.kind not in ("guide", "document") or download.variant != "adopter":
            continue
        reader = PdfReader(io.BytesIO(render(download, STAMP)))
        found: set[str] = set()
        stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
        while stack:
            element = stack.pop().get_object()
            if hasattr(element, "get") and "/S" in element:
                found.add(str(element["/S"]))
            kids = element.get("/K") if hasattr(element, "get") else None
            if kids is not None:
                stack += list(kids) if isinstance(kids, list) else [kids]
        kinds[download.owner] = found
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Link"} <= kinds["qi-coaches-guide"]
    assert {"/H1", "/H2", "/Table", "/TR", "/TD"} <= kinds["consent-form"]


def test_the_licence_is_in_the_document_information(project):
    download = next(d for d in plan(project) if d.format == "pdf" and d.kind == "document")
    licence = "Licence: CC-BY-4.0 https://creativecommons.org/licenses/by/4.0/ – ŵ “quoted”"
    doc = download.docs[0]
    download = dataclasses.replace(download, docs=(dataclasses.replace(
        doc, page=dataclasses.replace(doc.page, licence=licence)),))
    data = render(download, STAMP)
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert reader.metadata["/rights"] == licence
    assert reader.metadata.title == download.docs[0].heading
    assert render(download, STAMP) == data
