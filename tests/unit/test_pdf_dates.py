"""The PDF writer's own check that no clock reaches a file: every date is the build stamp."""

from __future__ import annotations

import zlib
from datetime import datetime, timezone

import pytest

from generator.writers.pdf.render import _check_dates, render_pdf, with_info_entry

STAMP = datetime(2026, 11, 26, tzinfo=timezone.utc)
SOURCE = '#set document(title: "Dates")\n#set text(lang: "en")\nA page.'


def test_a_file_typst_made_holds_only_the_stamp():
    data = render_pdf(SOURCE, STAMP)
    assert b"D:20261126000000" in data and b"2026-11-26T00:00:00" in data
    _check_dates(data, STAMP)  # no error


def test_another_date_in_the_document_information_is_refused():
    data = with_info_entry(render_pdf(SOURCE, STAMP), "ModDate", "D:20270101120000Z")
    # with_info_entry writes text strings as UTF-16: write the date in PDF's plain form too
    data += b"\n%(D:20270101120000Z)"
    with pytest.raises(RuntimeError, match="20270101120000"):
        _check_dates(data, STAMP)


def _compressed_metadata(date: bytes) -> bytes:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><xmp:ModifyDate>' + date + b"Z</xmp:ModifyDate></rdf:RDF></x:xmpmeta>"
    packed = zlib.compress(xmp)
    return (b"\n99 0 obj\n<</Length %d/Type/Metadata/Subtype/XML/Filter/FlateDecode>>\nstream\n" % len(packed)
            + packed + b"\nendstream\nendobj\n")


def test_another_date_in_compressed_xmp_metadata_is_refused():
    plain = render_pdf(SOURCE, STAMP).replace(b"<x:xmpmeta", b"<x:other")  # only the compressed one left
    _check_dates(plain + _compressed_metadata(b"2026-11-26T00:00:00"), STAMP)
    with pytest.raises(RuntimeError, match="2027-01-01T12:00:00"):
        _check_dates(plain + _compressed_metadata(b"2027-01-01T12:00:00"), STAMP)


def test_another_date_in_typsts_own_xmp_metadata_is_refused():
    data = render_pdf(SOURCE, STAMP)
    start = data.index(b"<x:xmpmeta")
    end = data.index(b"</x:xmpmeta>")
    assert data[start:end].count(b"2026-11-26T00:00:00") >= 1
    changed = data[:start] + data[start:end].replace(b"2026-11-26T00:00:00", b"2031-05-04T09:08:07", 1) + data[end:]
    with pytest.raises(RuntimeError, match="2031-05-04T09:08:07"):
        _check_dates(changed, STAMP)
    # a date-like text outside the metadata (a page's words, say) is no clock
    _check_dates(data + b"\n% 2031-05-04T09:08:07", STAMP)
