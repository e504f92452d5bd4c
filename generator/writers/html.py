"""A small HTML element builder: escaping by construction.

``el("p", {"class": "x"}, "text", child)`` makes one element; every string passed as a
child or an attribute value is escaped, and only :class:`Html` (what ``el`` and ``join``
return) or :class:`markupsafe.Markup` goes in as it is. No content text reaches a page any
other way: it arrives as document nodes (:mod:`.text`). A child that is
:class:`~generator.strings.foreign.ForeignWords` (words a node holds as a string, in another
language than the page's) is written in a span that says so (:func:`foreign_attributes`);
an attribute value is always plain words. Used by the site writer and the print HTML writer alike.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from html import escape

from markupsafe import Markup

from generator.strings.foreign import ForeignWords

class Html(str):
    """A string of HTML that is safe as it is (a plain ``str`` subclass: cheap to make)."""

    __slots__ = ()

    def __html__(self) -> "Html":
        return self


FOREIGN_CLASSES = {"fallback": None, "untranslated": "reflect-untranslated", "stale": "reflect-stale"}
"""The class of the span around words not in the page's language's current words, by their state."""


def foreign_attributes(language: str, state: str) -> dict[str, str | None]:
    """The attributes of that span: its language (none when it is the page's own) and its class."""
    return {"lang": language or None, "class": FOREIGN_CLASSES[state]}


VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr"})

Child = "str | Markup | None | Iterable[str | Markup | None]"


def el(tag: str, attributes: Mapping[str, object] | None = None, *children: object) -> Html:
    """One element; attributes whose value is None or False are left out."""
    parts = [f"<{tag}"]
    for name, value in (attributes or {}).items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(str(value), quote=True)}"')
    parts.append(">")
    if tag in VOID:
        return Html("".join(parts))
    _flatten(children, parts)
    parts.append(f"</{tag}>")
    return Html("".join(parts))


def join(children: Iterable[object], separator: str = "") -> Html:
    """Children in order (nested iterables flattened), each escaped unless it is Html."""
    out: list[str] = []
    _flatten(children, out)
    return Html(escape(separator).join(out) if separator else "".join(out))


def _flatten(children: Iterable[object], out: list[str]) -> None:
    for child in children:
        if child is None:
            continue
        kind = type(child)
        if kind is Html or kind is Markup:
            out.append(child)
        elif kind is ForeignWords:  # words a node holds as a string, in another language: in their span
            out.append(el("span", foreign_attributes(child.language, child.state), str(child)))
        elif isinstance(child, str):  # plain text (or another str subclass): escaped
            out.append(child.__html__() if hasattr(child, "__html__") else escape(child, quote=True))
        else:
            _flatten(child, out)  # type: ignore[arg-type]
