"""The zip an Office Open XML file is (Open Packaging Conventions): Word's ``.docx`` and the
XLSForms' ``.xlsx``.

Such a file is a zip of XML parts. :func:`zip_parts` writes the parts in the order it is given
them, each deflated once at level 9 (a part many files share can be deflated once beforehand
with :meth:`Compressed.of` and handed over as it is), every entry dated the stamp (or 1980, the
earliest a zip can say): the same bytes as Python's ``zipfile`` writes at compression level 9
for entries of that date and mode 0644, so the same parts and stamp give the same bytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from generator.writers.stamp import ZIP_EPOCH


@dataclass(frozen=True)
class Compressed:
    """One zip entry's data, deflated once."""

    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, raw: bytes) -> "Compressed":
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return cls(zlib.crc32(raw), len(raw), compressor.compress(raw) + compressor.flush())


def zip_parts(parts: Iterable[tuple[str, bytes | Compressed]], stamp: datetime) -> bytes:
    """The zip of ``parts`` (name, its bytes or its bytes already deflated), in that order, every
    entry dated ``stamp`` (or 1980, the earliest a zip can say), deflated at level 9."""
    when = max(stamp, ZIP_EPOCH)
    dos_time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    dos_date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    out = bytearray()
    central = bytearray()
    count = 0
    for name, part in parts:
        entry = part if isinstance(part, Compressed) else Compressed.of(part)
        encoded = name.encode("ascii")
        offset = len(out)
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, zipfile.ZIP_DEFLATED, dos_time, dos_date,
                           entry.crc, len(entry.data), entry.size, len(encoded), 0)
        out += encoded
        out += entry.data
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, zipfile.ZIP_DEFLATED, dos_time,
                               dos_date, entry.crc, len(entry.data), entry.size, len(encoded), 0, 0, 0, 0,
                               0o100644 << 16, offset)
        central += encoded
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)
