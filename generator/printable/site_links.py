"""How the website points at the printable files: links on a page, rows on the Downloads page.

Pure and cheap (no rendering): the site renderer calls these while it writes pages, before
the files exist; the Downloads page gets its sizes from the build that made them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .. import site_paths as paths
from .builders import has_participant_version
from .downloads import COMBINED_PATH, DOWNLOADS_PAGE, FORMATS, download_path, human_size

__all__ = [
    "DOWNLOADS_PAGE", "FORMATS", "Row", "files_for", "has_participant_version", "links_block", "rows", "size_text",
]

def files_for(item) -> list[tuple[str, str, str]]:
    """(path, format, variant) of every file made for one appendix or question set, in order.

    ``variant`` is ``adopter`` (the annotated template) or ``participant`` (the copy handed
    to participants: documents, and guides answered in writing).
    """
    out = [(download_path(item.id, fmt), fmt, "adopter") for fmt in FORMATS]
    if has_participant_version(item):
        out += [(download_path(item.id, fmt, True), fmt, "participant") for fmt in FORMATS]
    return out


def links_block(item_id: str, page: str, combined: bool = False, participant: bool = False,
                words=None) -> str:
    """Download buttons for one appendix or question set (hidden on paper by the print stylesheet).

    ``participant``: the item also has a participant version (see :func:`files_for`).
    ``words``: the site's catalogue (English when not given).
    """
    from ..strings import load_catalogue

    words = words or load_catalogue("en")

    def button(label: str, path: str) -> str:
        return f"[{label}]({paths.Target(path).href_from(page)}){{ .md-button }}"

    links = [button(words.text(f"print.links_{fmt}"), download_path(item_id, fmt)) for fmt in FORMATS]
    more = paths.Target(DOWNLOADS_PAGE).href_from(page)
    others = [f"[{words.text('print.links_every')}]({more})"]
    if combined:
        others.insert(0, f"[{words.text('print.links_combined')}]({paths.Target(COMBINED_PATH).href_from(page)})")
    versions = ""
    if participant:
        versions = f"\n\n**{words.text('print.links_participant')}** " + " ".join(
            button(words.text(f"print.links_participant_{fmt}"), download_path(item_id, fmt, True))
            for fmt in FORMATS
        )
    return (
        '<div class="reflect-downloads" markdown>\n\n'
        + f"**{words.text('print.links_download')}** "
        + " ".join(links)
        + versions
        + f"\n\n{words.text('print.links_also')} "
        + words.text("print.links_separator").join(others)
        + "\n\n</div>\n"
    )


@dataclass(frozen=True)
class Row:
    path: str
    title: str
    format: str  # pdf | docx
    kind: str  # guide | document | question-set | combined
    size: int | None  # bytes, when the file has been made


def rows(files: Iterable[object]) -> list[Row]:
    """Rows from planned downloads or built files (anything with path, title, format, kind)."""
    return [
        Row(f.path, f.title, f.format, f.kind, getattr(f, "size", None))  # type: ignore[attr-defined]
        for f in files
    ]


def size_text(row: Row) -> str:
    return human_size(row.size) if row.size is not None else "made when the site is built"
