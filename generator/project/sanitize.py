"""Nothing a contributor writes may run in a reader's browser.

Content is Markdown, which allows raw HTML and (through ``attr_list``) attributes. Two
defences, both here:

* :func:`unsafe_content` finds scripts, event handlers, ``javascript:``/``data:`` URLs and
  similar in the *source* text, so ``reflect check`` can name the file, line and column;
* an allowlist that keeps what the theme needs (ids, classes, admonitions, anchors, tables,
  ``data-*``) and only https, mailto, tel and relative links: content text is read once
  into document nodes (:mod:`generator.document.text`), and a node of content HTML can only
  be made with a tag and attributes :func:`safe_attributes` keeps, so every page the writers
  make from nodes is clean by construction; :func:`sanitize_html` applies the same allowlist
  (nh3/ammonia) to the one thing that is HTML already, a page someone wrote in ``docs_dir``.
"""

from __future__ import annotations

import html
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
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})
"""The allowed tags that sit inside a line of text; the others are blocks."""
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

# What the theme and the site's own scripts look up in a page: content must never carry it,
# or it could stand in for the real thing (Material reads its configuration from the element
# with id "__config"; the tools find their roots, questions and answer blocks by id).
RESERVED_ID_PREFIXES = ("__", "reflect-", "bank-", "q-")
"""Ids content may not use: Material's (``__config``, ``__drawer``, ``__search``, ``__palette_0``…),
the tools' (``reflect-strings``, ``reflect-worksheet``, ``reflect-answer-block-…``, ``bank-<id>``)
and the questions' own anchors (``q-<id>``), which the worksheet places its answers under."""
RESERVED_DATA_ATTRIBUTES = ("data-md-", "data-reflect-", "data-action", "data-banner", "data-question",
                            "data-facet", "data-set", "data-clipboard")
"""Attributes content may not use: Material's ``data-md-*`` hooks and the ones the tools read."""


def reserved_id(value: str) -> bool:
    """Whether an id is one the theme or the site's tools look up (see :data:`RESERVED_ID_PREFIXES`)."""
    return value.strip().lower().startswith(RESERVED_ID_PREFIXES)


def reserved_attribute(name: str) -> bool:
    """Whether an attribute is one the theme or the site's tools read."""
    name = name.lower()
    return any(name == reserved or name.startswith(reserved) if reserved.endswith("-") else name == reserved
               for reserved in RESERVED_DATA_ATTRIBUTES)



_SCHEME_OR_HOST = re.compile(r"^(//|[a-z][a-z0-9+.\-]*:)")


def is_remote(url: str) -> bool:
    """Whether a URL names another host or any scheme (``https:``, ``//host``, ``/\\host``…).

    Content may link to other sites, but the site never *loads* anything from elsewhere.
    """
    decoded = urllib.parse.unquote(html.unescape(url)).strip().lower()
    compact = re.sub(r"[\s\x00-\x1f]+", "", decoded).replace("\\", "/")
    return bool(_SCHEME_OR_HOST.match(compact))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and reserved_id(value) or reserved_attribute(attribute):
        return None  # the theme or the tools read it: content may not stand in for them
    if attribute in ("aria-labelledby", "aria-describedby", "headers") and any(reserved_id(i) for i in value.split()):
        return None
    if attribute == "src" and is_remote(value):
        return None  # an image from another host: never loaded (the element is dropped below)
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


def safe_attributes(tag: str, attributes) -> tuple[tuple[str, str], ...] | None:
    """The attributes of a content element that the allowlist keeps, in order; None: the
    element itself is not allowed. The same rules as :func:`sanitize_html`'s."""
    if tag not in ALLOWED_TAGS:
        return None
    named = TAG_ATTRIBUTES.get(tag, frozenset()) | GLOBAL_ATTRIBUTES
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, value in attributes:
        name = name.lower()
        if name in seen or not (name in named or (name.startswith("data-") and len(name) > 5)):
            continue
        value = "" if value is None else value
        if _attribute_filter(tag, name, value) != value:
            continue
        seen.add(name)
        kept.append((name, value))
    return tuple(kept)


def sanitize_html(fragment: str) -> str:
    """Rendered page content, with everything that could run or load from elsewhere removed."""
    return _IMAGE_WITHOUT_SOURCE.sub("", _CLEANER.clean(fragment))


_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


# --- finding unsafe source text -----------------------------------------------------------


@dataclass(frozen=True)
class Unsafe:
    written: str  # the offending text as written, to locate it in the file
    message: str


_REMOTE = (
    "'{url}' would be loaded from another host, and the site never loads anything from other "
    "hosts; it is removed from the site (link to it, or copy the file into the site)"
)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*/?\s*(script|style|iframe|object|embed|template|form|input|button|link|meta|base|svg|math)\b[^>]*>?", re.I),
     "raw <{tag}> is not allowed in content; it is removed from the site"),
    (re.compile(r"\bon[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>}]+)", re.I),
     "event handler '{text}' is not allowed in content; it is removed from the site"),
    (re.compile(r"(?<![a-z])(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*(:|&#0*58;?|&#x0*3a;?|%3a)", re.I),
     "'{text}' URLs are not allowed; use https, mailto, tel or a link within the site"),
    (re.compile(r"&#0*1[0-9]{2};|&#x0*[67][0-9a-f];", re.I),
     "character references that hide letters ('{text}') are not allowed in content"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?\s*((?:[a-z][a-z0-9+.\-]*:|[/\\]{2})[^)\s>]*)", re.I), _REMOTE),
    (re.compile(r"<\s*(?:img|image|audio|video|source|track|picture|iframe|frame|object|embed|input|link)\b"
                r"[^>]*?\b(?:src|srcset|poster|data|href|background)\s*=\s*[\"']?[^\"'>]*?"
                r"((?:[a-z][a-z0-9+.\-]*:|[/\\]{2})[^\"'\s>,]*)", re.I), _REMOTE),
    (re.compile(r"\{:?[^}]*?\b(?:src|srcset|poster|data|background)\s*=\s*[\"']?\s*"
                r"((?:[a-z][a-z0-9+.\-]*:|[/\\]{2})[^\"'\s}]*)", re.I), _REMOTE),
    (re.compile(r"url\(\s*[\"']?\s*((?:[a-z][a-z0-9+.\-]*:|[/\\]{2})[^\"')\s]*)", re.I), _REMOTE),
)
_RESERVED_ID_MESSAGE = ("id '{text}' is one the theme or the site's tools look up, so content may not use it; "
                        "it is removed from the site (choose an id that does not start with {prefixes})")
_RESERVED_ATTRIBUTE_MESSAGE = ("attribute '{text}' is read by the theme or the site's tools, so content may not "
                               "use it; it is removed from the site")
_PREFIXES = ", ".join(f"'{prefix}'" for prefix in RESERVED_ID_PREFIXES)
_ID_WRITTEN = re.compile(r"""(?:\bid\s*=\s*["']?|\{:?[^}\n]*?(?<![\w&])#)([\w:.\-]+)""", re.I)
_DATA_WRITTEN = re.compile(r"(?<![\w-])(data-[\w\-]+)\s*=", re.I)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:[ \t]*<?((?:[a-z][a-z0-9+.\-]*:|[/\\]{2})[^\s>]*)", re.I | re.M)


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
            if template is _REMOTE:
                scheme = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(match.group(1))).lower()
                if not is_remote(match.group(1)) or scheme.startswith(("data:", "javascript:", "vbscript:")):
                    continue  # those have their own message
                found.append(Unsafe(match.group(1), template.format(url=match.group(1))))
                continue
            found.append(Unsafe(match.group(0), template.format(tag=tag.lower(), text=match.group(0).strip())))
    found.extend(_remote_image_definitions(text))
    found.extend(_reserved_names(text))
    return found


def _reserved_names(text: str) -> list[Unsafe]:
    """Ids and attributes the theme or the tools read, written in HTML or as Markdown attributes."""
    if "id" not in text and "#" not in text and "data-" not in text:
        return []
    found = []
    for match in _ID_WRITTEN.finditer(text):
        if reserved_id(match.group(1)):
            found.append(Unsafe(match.group(1), _RESERVED_ID_MESSAGE.format(text=match.group(1), prefixes=_PREFIXES)))
    for match in _DATA_WRITTEN.finditer(text):
        if reserved_attribute(match.group(1)):
            found.append(Unsafe(match.group(1), _RESERVED_ATTRIBUTE_MESSAGE.format(text=match.group(1))))
    return found


def _remote_image_definitions(text: str) -> list[Unsafe]:
    """``![alt][label]`` whose ``[label]: https://…`` definition names another host."""
    if "![" not in text or "]:" not in text:
        return []
    labels = {(m.group(2) or m.group(1)).strip().lower() for m in _IMAGE_REFERENCE.finditer(text)}
    return [
        Unsafe(m.group(2), _REMOTE.format(url=m.group(2)))
        for m in _DEFINITION.finditer(text)
        if m.group(1).strip().lower() in labels and is_remote(m.group(2))
    ]
