"""Nothing a contributor writes may run in a reader's browser.

Content is Markdown, which allows raw HTML and (through ``attr_list``) attributes. Two
defences, both here:

* :func:`unsafe_content` finds scripts, event handlers, ``javascript:``/``data:`` URLs and
  similar in the *source* text, so ``reflect check`` can name the file, line and column;
* :func:`sanitize_html` cleans every rendered page with an allowlist (nh3/ammonia) that keeps
  what the theme needs (ids, classes, admonitions, anchors, tables, ``data-*``) and only
  https, mailto, tel and relative links.

Data blocks the site's own scripts need (JSON, never executed) are carried through the
sanitiser as inert ``<div data-reflect-json>`` slots and restored afterwards by
:func:`restore_data_blocks`; content cannot create anything but inert JSON that way.
"""

from __future__ import annotations

import base64
import html
import json
import re
import urllib.parse
from dataclasses import dataclass

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "nav", "time",
}
GLOBAL_ATTRIBUTES = {
    "id", "class", "title", "lang", "dir", "role", "aria-hidden", "aria-label",
    "aria-labelledby", "aria-describedby", "hidden",
}
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "abbr": {"title"},
}
URL_SCHEMES = {"https", "mailto", "tel"}

_DATA_SLOT = re.compile(r'<div data-reflect-json="([a-z0-9-]+)" data-payload="([A-Za-z0-9_=-]*)"></div>')


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src", "cite"):
        decoded = urllib.parse.unquote(html.unescape(value)).strip().lower()
        compact = re.sub(r"[\s\x00-\x1f]+", "", decoded)
        if compact.startswith("//") or compact.startswith(("javascript:", "vbscript:", "data:")):
            return None
        if ":" in compact.split("/")[0] and compact.split(":")[0] not in URL_SCHEMES:
            return None
    if attribute.startswith("on"):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed"},
    attributes={"*": GLOBAL_ATTRIBUTES, **{tag: attrs | GLOBAL_ATTRIBUTES for tag, attrs in TAG_ATTRIBUTES.items()}},
    generic_attribute_prefixes={"data-"},
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """Rendered page content, with everything that could run or load from elsewhere removed."""
    return _CLEANER.clean(fragment)


def data_slot(element_id: str, data: object) -> str:
    """An inert placeholder for a JSON data block, safe to pass through the sanitiser."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    encoded = base64.urlsafe_b64encode(payload).decode("ascii")
    return f'<div data-reflect-json="{element_id}" data-payload="{encoded}"></div>\n'


def restore_data_blocks(fragment: str) -> str:
    """Turn data slots back into ``<script type="application/json">`` blocks (never executed)."""

    def restore(match: re.Match[str]) -> str:
        try:
            payload = base64.urlsafe_b64decode(match.group(2).encode("ascii"))
            data = json.loads(payload)
        except ValueError:
            return ""
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="application/json" id="{match.group(1)}">{text}</script>'

    return _DATA_SLOT.sub(restore, fragment)


# --- finding unsafe source text -----------------------------------------------------------


@dataclass(frozen=True)
class Unsafe:
    written: str  # the offending text as written, to locate it in the file
    message: str


_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*/?\s*(script|style|iframe|object|embed|template|form|input|button|link|meta|base|svg|math)\b[^>]*>?", re.I),
     "raw <{tag}> is not allowed in content; it is removed from the site"),
    (re.compile(r"\bon[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>}]+)", re.I),
     "event handler '{text}' is not allowed in content; it is removed from the site"),
    (re.compile(r"(?<![a-z])(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*(:|&#0*58;?|&#x0*3a;?|%3a)", re.I),
     "'{text}' URLs are not allowed; use https, mailto, tel or a link within the site"),
    (re.compile(r"&#0*1[0-9]{2};|&#x0*[67][0-9a-f];", re.I),
     "character references that hide letters ('{text}') are not allowed in content"),
)


def unsafe_content(text: str) -> list[Unsafe]:
    """Everything in a content text that would be removed from the site for safety."""
    found = []
    for pattern, template in _RULES:
        for match in pattern.finditer(text):
            tag = match.group(1) if match.groups() else ""
            if template.startswith("'{text}' URLs") and match.group(1).lower() == "data":
                before = text[max(0, match.start() - 6) : match.start()]
                if not re.search(r"(\(|=|\"|'|<)\s*$", before):
                    continue  # the word "data:" in prose, not a URL
            found.append(Unsafe(match.group(0), template.format(tag=tag.lower(), text=match.group(0).strip())))
    return found
