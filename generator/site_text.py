"""Content text as site Markdown: references become relative links with computed labels.

An unfilled placeholder becomes a visibly marked blank that names what belongs there,
so a reader (or an adopter) can never mistake it for real content.
"""

from __future__ import annotations

import html
import re

from .project import Project, reference_label
from .references import Reference, find_references, replace_references
from .site_paths import target_of

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape_inline(text: str) -> str:
    """Plain text made safe to place inside a Markdown line (headings, table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def literal_html(text: str) -> str:
    """Text shown exactly as written, in Markdown and in raw HTML alike (specials as entities)."""
    escaped = html.escape(" ".join(text.split()))
    return re.sub(r"[\\`*_{}\[\]#|]", lambda m: f"&#{ord(m.group(0))};", escaped)


def blank_html(label: str) -> str:
    return (
        f'<mark class="reflect-blank" data-placeholder="{html.escape(label)}">'
        f"[{html.escape(label)}: to be filled in]</mark>"
    )


class SiteText:
    """Renders content text for one page of the site."""

    def __init__(self, project: Project, page: str):
        self.project = project
        self.page = page

    def _reference(self, ref: Reference) -> str:
        if ref.kind == "placeholder":
            value = self.project.placeholder_value(ref.id)
            if value is None:
                return blank_html(self.project.settings.placeholders[ref.id].label)
            return literal_html(value)
        label = reference_label(self.project, ref)
        target = target_of(self.project, ref)
        assert target is not None
        return f"[{escape_inline(label)}]({target.href_from(self.page)})"

    def block(self, text: str) -> str:
        """Markdown text (a paragraph or more), references resolved."""
        return replace_references(text.strip(), self._reference)

    def inline(self, text: str) -> str:
        """Text for a single line (heading, list item, table cell)."""
        return replace_references(" ".join(text.split()), self._reference)

    def plain(self, text: str) -> str:
        """Text for a single line, with Markdown characters escaped, references resolved."""
        parts = []
        last = 0
        refs, _ = find_references(text)
        for ref in refs:
            parts.append(escape_inline(text[last : ref.start]))
            parts.append(self._reference(ref))
            last = ref.end
        parts.append(escape_inline(text[last:]))
        return "".join(parts).strip()

    def html(self, text: str) -> str:
        """Plain text as HTML for one line, references resolved to links (for raw HTML blocks)."""
        refs, _ = find_references(text)
        parts = []
        last = 0
        for ref in refs:
            parts.append(html.escape(" ".join(text[last : ref.start].split(" "))))
            parts.append(self._reference_html(ref))
            last = ref.end
        parts.append(html.escape(text[last:]))
        return " ".join("".join(parts).split())

    def _reference_html(self, ref: Reference) -> str:
        if ref.kind == "placeholder":
            value = self.project.placeholder_value(ref.id)
            if value is None:
                return blank_html(self.project.settings.placeholders[ref.id].label)
            return html.escape(" ".join(value.split()))
        target = target_of(self.project, ref)
        assert target is not None
        return f'<a href="{html_href(target.href_from(self.page))}">{html.escape(reference_label(self.project, ref))}</a>'


def html_href(markdown_href: str) -> str:
    """A link written in raw HTML is not rewritten by the site engine: point at the .html page."""
    path, _, anchor = markdown_href.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return html.escape(path + (f"#{anchor}" if anchor else ""))
