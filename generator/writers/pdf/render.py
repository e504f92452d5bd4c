"""Typst source to PDF: tagged (PDF/UA-1), titled, language set, fonts shipped, byte-reproducible.

Fonts: Source Sans Pro from the pinned PyPI package ``font-source-sans-pro``, passed to Typst
by file path, with Typst's own embedded fonts behind it for any character it lacks; system
fonts are ignored, so no font package of the system is needed (nor fontconfig).

Reproducibility: Typst is given the build stamp (``SOURCE_DATE_EPOCH`` or the publication
date) as the creation time and derives everything else (file identifier, font subsets) from
the document, so the same tree and stamp give the same bytes. :func:`render_pdf` then checks
that no date other than the stamp made it into the file.

The licence ("rights") goes into the document information by a small incremental update:
Typst writes title, author, subject and keywords but no other entries.
"""

from __future__ import annotations

import logging
import re
import zlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from generator.writers.stamp import iso

log = logging.getLogger("mkdocs.plugins.reflect.printable")

PDF_STANDARD = "ua-1"  # tagged structure, /Lang, DisplayDocTitle; Typst refuses what UA-1 forbids
FONT_STYLES = ("Regular", "Bold", "It", "BoldIt")


class FontMissing(RuntimeError):
    pass


def font_files() -> list[Path]:
    """The font files the PDFs embed (regular, bold, italic, bold italic), from the font package."""
    try:
        import font_source_sans_pro
    except ImportError:  # pragma: no cover - a dependency of the package
        raise FontMissing("the Python package font-source-sans-pro is not installed; "
                          "reinstall Reflect with its dependencies to print documents") from None
    folder = Path(font_source_sans_pro.font_directory)
    files = [folder / f"SourceSansPro-{style}.ttf" for style in FONT_STYLES]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise FontMissing(f"the font file {missing[0]} is missing; reinstall font-source-sans-pro")
    return files


@lru_cache(maxsize=2)
def typst_fonts(folder: str):
    """Typst's book of the fonts in ``folder`` and its own embedded ones (no system fonts), read
    once per process: reading them was a sixth of a small PDF's time. The same fonts give the
    same bytes whether the book is new or reused."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[folder])


def render_pdf(source: str, stamp: datetime, rights: str = "") -> bytes:
    import typst

    folder = font_files()[0].parent  # Typst reads fonts by folder: the package's, and no other
    fonts = typst_fonts(str(folder))
    def compile_as(standards):
        return typst.compile(source.encode("utf-8"), font_paths=fonts, ignore_system_fonts=True, format="pdf",
                             pdf_standards=standards, pdf_tags=True, timestamp=int(stamp.timestamp()))

    try:
        try:
            data = compile_as(PDF_STANDARD)
        except typst.TypstError as exc:
            if "could not be displayed" not in exc.message:
                raise
            # A character no shipped font has (an emoji, say): PDF/UA-1 forbids a missing glyph,
            # so this file is tagged PDF without the PDF/UA-1 claim, the character drawn as a box.
            log.warning("Printable documents: %s; that PDF is tagged but not PDF/UA-1", exc.message)
            data = compile_as([])
    except typst.TypstError as exc:
        raise RuntimeError(f"Typst could not set the document: {exc.message}\n{exc.diagnostic}") from None
    if rights:
        data = with_info_entry(data, "rights", rights)
    _check_dates(data, stamp)
    return data


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)
_INFO_REF = re.compile(rb"/Info\s+(\d+)\s+0\s+R")


def with_info_entry(data: bytes, key: str, value: str) -> bytes:
    """The file with one more document information entry, as an incremental update."""
    trailer = _TRAILER.search(data)
    info = _INFO_REF.search(trailer.group(1)) if trailer else None
    if trailer is None or info is None:
        raise RuntimeError("the PDF has no plain trailer with document information to add the licence to")
    number = info.group(1)
    body = re.search(rb"\n" + number + rb" 0 obj\s*<<(.*?)>>\s*endobj", data, re.S)
    if body is None:
        raise RuntimeError("the PDF's document information is not a plain object")
    entry = b"/" + key.encode("ascii") + b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"
    offset = len(data) + 1
    update = b"\n" + number + b" 0 obj\n<<" + body.group(1) + entry + b">>\nendobj\n"
    xref = offset + len(update) - 1
    fields = trailer.group(1) + b"/Prev " + trailer.group(2)
    update += (b"xref\n" + number + b" 1\n" + f"{offset:010d} 00000 n\r\n".encode()
               + b"trailer\n<<" + fields + b">>\nstartxref\n" + str(xref).encode() + b"\n%%EOF")
    return data + update


_PDF_DATE = re.compile(rb"D:(\d{14})")
_XMP_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_METADATA = re.compile(rb"<<([^<>]*?/Type\s*/Metadata[^<>]*?)>>\s*stream\r?\n(.*?)\r?\nendstream", re.S)


def _check_dates(data: bytes, stamp: datetime) -> None:
    """Every date in the document information and the XMP metadata is the stamp: no clock leaked
    in. Those are where a PDF keeps dates: PDF dates (``D:...``) are looked for in the whole
    file, XMP dates only in its metadata streams (decompressed when compressed); the page
    contents, fonts and structure are not decompressed (that took a twentieth of each file's
    time, and an XMP-style search through the whole file another twentieth)."""
    metadata = []
    for match in _METADATA.finditer(data):
        stream = match.group(2)
        if b"/Filter" in match.group(1):  # Typst writes it uncompressed; another writer may not
            try:
                stream = zlib.decompress(stream)
            except zlib.error:
                raise RuntimeError("the PDF's XMP metadata is compressed in a way Reflect cannot read") from None
        metadata.append(stream)
    expected_pdf = stamp.strftime("%Y%m%d%H%M%S").encode()
    expected_xmp = iso(stamp)[:19].encode()
    for part in (data, *metadata):
        for found in _PDF_DATE.findall(part):
            if found != expected_pdf:
                raise RuntimeError(f"PDF holds a date {found!r} other than the build stamp {iso(stamp)}")
    for part in metadata:
        for found in _XMP_DATE.findall(part):
            if found != expected_xmp:
                raise RuntimeError(f"PDF metadata holds a date {found!r} other than the build stamp")
