"""Nothing a contributor writes may run in a reader's browser.

Content is Markdown, which allows raw HTML and (through ``attr_list``) attributes. Two
defences, both here:

* :func:`unsafe_content` finds scripts, event handlers, ``javascript:``/``data:`` URLs and
  similar in the *source* text, so ``reflect check`` can name the file, line and column;
* :func:`sanitize_html` cleans every rendered page with an allowlist (nh3/ammonia) that keeps
  what the theme needs (ids, classes, admonitions, anchors, tables, ``data-*``) and only
  https, mailto, tel and relative links.

Content Markdown is converted and cleaned once per text (:mod:`generator.document.text`);
the site writer escapes everything else by construction, so its pages need no second pass.
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



_SCHEME_OR_HOST = re.compile(r"^(//|[a-z][a-z0-9+.\-]*:)")


def is_remote(url: str) -> bool:
    """Whether a URL names another host or any scheme (``https:``, ``//host``, ``/\\host``…).

    Content may link to other sites, but the site never *loads* anything from elsewhere.
    """
    decoded = urllib.parse.unquote(html.unescape(url)).strip().lower()
    compact = re.sub(r"[\s\x00-\x1f]+", "", decoded).replace("\\", "/")
    return bool(_SCHEME_OR_HOST.match(compact))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
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
