"""Limits of the output formats, applied where each format needs them.

Word's document properties (title, subject, keywords…) hold at most 255 characters: a longer
value is cut at a word boundary where one is near, with an ellipsis, so a long title never
stops a build. Characters no output can hold are refused earlier, by ``reflect check``
(see :mod:`generator.source.characters`).
"""

from __future__ import annotations

DOCX_PROPERTY_LIMIT = 255
ELLIPSIS = "…"


def fit_metadata(text: str | None, limit: int = DOCX_PROPERTY_LIMIT) -> str | None:
    """``text`` unchanged if it fits in ``limit`` characters, else cut to fit with an ellipsis."""
    if text is None or len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= limit * 3 // 4:  # end on a whole word unless that loses too much
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS
