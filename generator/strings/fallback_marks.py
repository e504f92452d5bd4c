"""Marks on words in another language than the page's, turned into ``lang`` spans on the site.

When the site's catalogue lacks a string, :meth:`~.document.build.Builder.t` gives the
English words between two private-use characters. They survive the builders' string
handling (formatting, splitting, joining) untouched; the site writer's finished HTML then
has them turned into ``<span lang="en">`` (WCAG 3.1.2), and every plain-text use (page
titles, menus, the table of contents, attributes) has them removed.

Content has two marks of its own, put in by :func:`generator.project.translations.localise` for a
page in another language than the content's default: a text not yet translated (shown in
the default language: ``<span lang="…" class="reflect-untranslated">``) and a translation
written for an earlier source text (``<span class="reflect-stale">``). They are put on
each line of a text, inside its Markdown list, heading or quote markers, so that a text of
several paragraphs or items still converts to well-formed HTML.
"""

from __future__ import annotations

import re

from generator.strings import FALLBACK

OPEN, CLOSE = "\ue002", "\ue003"
UNTRANSLATED_OPEN, UNTRANSLATED_CLOSE = "\ue004", "\ue005"  # content in the default language
STALE_OPEN, STALE_CLOSE = "\ue006", "\ue007"  # a translation of an earlier source text
_ALL = (OPEN, CLOSE, UNTRANSLATED_OPEN, UNTRANSLATED_CLOSE, STALE_OPEN, STALE_CLOSE)
_ANY = re.compile("[" + "".join(_ALL) + "]")
_IN_TAG = re.compile(r"<[^>]*>")
_IN_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script>)", re.S | re.I)
_LINE = re.compile(r"^(\s*(?:(?:[-*+]|\d+[.)])\s+|#{1,6}\s+|>\s*|:\s+)*)(.*?)(\s*)$")
_UNMARKED_LINES = ("|", "```", "~~~", "{:", "*[")  # tables, fences, attribute lists, abbreviations


def mark(text: str) -> str:
    """``text`` marked as written in the fallback language."""
    return f"{OPEN}{text}{CLOSE}"


def mark_lines(text: str, opening: str, closing: str) -> str:
    """Each line of a (Markdown) text between ``opening`` and ``closing``, inside its block markers."""

    def one(line: str) -> str:
        found = _LINE.match(line)
        if found is None or not found.group(2) or found.group(2).startswith(_UNMARKED_LINES):
            return line
        return f"{found.group(1)}{opening}{found.group(2)}{closing}{found.group(3)}"

    return "\n".join(one(line) for line in text.split("\n"))


def untranslated(text: str) -> str:
    """Content text shown in the default language on a page of another language."""
    return mark_lines(text, UNTRANSLATED_OPEN, UNTRANSLATED_CLOSE)


def stale(text: str) -> str:
    """A translation written for an earlier version of its source text."""
    return mark_lines(text, STALE_OPEN, STALE_CLOSE)


def plain(text: str) -> str:
    """``text`` without marks (for titles, menus and attributes)."""
    return _ANY.sub("", text) if _ANY.search(text) else text


def to_html(markup: str, content_language: str = "") -> str:
    """Finished HTML with every marked stretch in a span (marks inside tags and scripts dropped).

    ``content_language`` is the language of untranslated content (the default language).
    """
    if not _ANY.search(markup):
        return markup
    markup = _IN_SCRIPT.sub(lambda s: s.group(1) + plain(s.group(2)) + s.group(3), markup)
    markup = _IN_TAG.sub(lambda tag: plain(tag.group(0)), markup)
    untranslated_span = f'<span lang="{content_language}" class="reflect-untranslated">' if content_language \
        else '<span class="reflect-untranslated">'
    return (markup.replace(OPEN, f'<span lang="{FALLBACK}">')
            .replace(UNTRANSLATED_OPEN, untranslated_span)
            .replace(STALE_OPEN, '<span class="reflect-stale">')
            .replace(CLOSE, "</span>").replace(UNTRANSLATED_CLOSE, "</span>").replace(STALE_CLOSE, "</span>"))
