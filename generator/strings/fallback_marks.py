"""Marks on interface words that fell back to English, turned into ``lang="en"`` on the site.

When the site's catalogue lacks a string, :meth:`~.document.build.Builder.t` gives the
English words between two private-use characters. They survive the builders' string
handling (formatting, splitting, joining) untouched; the site writer's finished HTML then
has them turned into ``<span lang="en">`` (WCAG 3.1.2), and every plain-text use (page
titles, menus, the table of contents, attributes) has them removed.
"""

from __future__ import annotations

import re

from generator.strings import FALLBACK

OPEN, CLOSE = "\ue002", "\ue003"
_IN_TAG = re.compile(r"<[^>]*>")


def mark(text: str) -> str:
    """``text`` marked as written in the fallback language."""
    return f"{OPEN}{text}{CLOSE}"


def plain(text: str) -> str:
    """``text`` without marks (for titles, menus and attributes)."""
    return text.replace(OPEN, "").replace(CLOSE, "") if OPEN in text or CLOSE in text else text


def to_html(markup: str) -> str:
    """Finished HTML with every marked stretch of text in a ``lang`` span (marks inside tags dropped)."""
    if OPEN not in markup and CLOSE not in markup:
        return markup
    markup = _IN_TAG.sub(lambda tag: plain(tag.group(0)), markup)
    return markup.replace(OPEN, f'<span lang="{FALLBACK}">').replace(CLOSE, "</span>")
