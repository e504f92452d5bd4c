"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), titled, language set, byte-reproducible.

Reproducibility: the document's creation and modification dates come from the build
stamp (``SOURCE_DATE_EPOCH`` or the publication date), never the clock; the PDF/UA-1
variant writes XMP metadata without random ids; fonts are subset under names derived
from their content; and no file identifier is written. :func:`render_pdf` then checks
that no date other than the stamp made it into the file.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from .stamp import iso

PDF_OPTIONS = {
    "pdf_variant": "pdf/ua-1",  # tagged structure, /Lang, DisplayDocTitle, PDF 1.7
    "pdf_identifier": False,  # an /ID would be random unless given; PDF/UA does not need one
    "optimize_images": False,
    "full_fonts": False,  # subset: only the glyphs used are embedded
    "hinting": False,
    "custom_metadata": False,
}


class _Quiet(logging.Filter):
    """WeasyPrint warns about CSS it ignores on purpose (e.g. print-only hints); keep real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


def render_pdf(html_text: str, css_text: str, stamp: datetime) -> bytes:
    from weasyprint import CSS, HTML

    logger = logging.getLogger("weasyprint")
    quiet = _Quiet()
    logger.addFilter(quiet)
    try:
        document = HTML(string=html_text, base_url=None).render(stylesheets=[CSS(string=css_text)])
        data = document.write_pdf(**PDF_OPTIONS)
    finally:
        logger.removeFilter(quiet)
    _check_dates(data, stamp)
    return data


_PDF_DATE = re.compile(rb"D:(\d{14})")


def _check_dates(data: bytes, stamp: datetime) -> None:
    """Every date in the file's uncompressed parts is the stamp: no clock leaked in."""
    expected = stamp.strftime("%Y%m%d%H%M%S").encode()
    for found in _PDF_DATE.findall(data):
        if found != expected:
            raise RuntimeError(f"PDF holds a date {found!r} other than the build stamp {iso(stamp)}")
