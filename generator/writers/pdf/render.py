"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), titled, language set, byte-reproducible.

Reproducibility: the document's creation and modification dates come from the build
stamp (``SOURCE_DATE_EPOCH`` or the publication date), never the clock; the PDF/UA-1
variant writes XMP metadata without random ids; fonts are subset under names derived
from their content; and no file identifier is written. :func:`render_pdf` then checks
that no date other than the stamp made it into the file.
"""

from __future__ import annotations

import re
import zlib
from datetime import datetime

from generator.writers.stamp import iso

PDF_OPTIONS = {
    "pdf_variant": "pdf/ua-1",  # tagged structure, /Lang, DisplayDocTitle, PDF 1.7
    "pdf_identifier": False,  # an /ID would be random unless given; PDF/UA does not need one
    "optimize_images": False,
    "full_fonts": False,  # subset: only the glyphs used are embedded
    "hinting": False,
    "custom_metadata": True,  # the licence (<meta name="rights">) goes into the document information
}


def render_pdf(html_text: str, css_text: str, stamp: datetime) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # without it, WeasyPrint ignores the @font-face rules
    stylesheet = CSS(string=css_text, font_config=fonts)
    document = HTML(string=html_text, base_url=None).render(stylesheets=[stylesheet], font_config=fonts)
    data = document.write_pdf(**PDF_OPTIONS)
    _check_dates(data, stamp)
    return data


_PDF_DATE = re.compile(rb"D:(\d{14})")
_XMP_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _check_dates(data: bytes, stamp: datetime) -> None:
    """Every date in the file, compressed parts included, is the stamp: no clock leaked in."""
    parts = [data]
    for match in _STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue  # not a Flate stream (or an embedded font's own bytes): nothing to read
    expected_pdf = stamp.strftime("%Y%m%d%H%M%S").encode()
    expected_xmp = iso(stamp)[:19].encode()
    found_any = False
    for part in parts:
        for found in _PDF_DATE.findall(part):
            found_any = True
            if found != expected_pdf:
                raise RuntimeError(f"PDF holds a date {found!r} other than the build stamp {iso(stamp)}")
        if b"<x:xmpmeta" in part or b"rdf:RDF" in part:
            for found in _XMP_DATE.findall(part):
                if found != expected_xmp:
                    raise RuntimeError(f"PDF metadata holds a date {found!r} other than the build stamp")
    # A date not found is not an error: in large files the document information can sit in a
    # compressed object stream this scan does not unpack. The reproducibility test reads the
    # metadata properly (pypdf) and compares whole files.
    del found_any
