"""The one date written into printed files, so that the same content gives the same bytes.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds since 1970, UTC) wins
when it is set; otherwise the edition's ``publication_date`` at midnight UTC. The clock
is never read.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest time a zip entry can hold


def build_stamp(publication_date: str, environ: dict[str, str] | None = None) -> datetime:
    """The moment printed files say they were made, in UTC, to the second."""
    env = os.environ if environ is None else environ
    raw = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if raw:
        try:
            seconds = int(raw)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {raw!r}") from None
        return datetime.fromtimestamp(max(seconds, 0), tz=timezone.utc)
    return datetime.strptime(publication_date, "%Y-%m-%d").replace(tzinfo=timezone.utc)


def iso(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
