"""A small HTML element builder: escaping by construction.

``el("p", {"class": "x"}, "text", child)`` makes one element; every string passed as a
child or an attribute value is escaped, and only :class:`markupsafe.Markup` (what ``el``
returns, or content HTML that has been sanitised) goes in as it is.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from markupsafe import Markup, escape

VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr"})

Child = "str | Markup | None | Iterable[str | Markup | None]"


def el(tag: str, attributes: Mapping[str, object] | None = None, *children: object) -> Markup:
    """One element; attributes whose value is None or False are left out."""
    parts = [f"<{tag}"]
    for name, value in (attributes or {}).items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(str(value))}"')
    parts.append(">")
    if tag in VOID:
        return Markup("".join(parts))
    _flatten(children, parts)
    parts.append(f"</{tag}>")
    return Markup("".join(parts))


def join(children: Iterable[object], separator: str = "") -> Markup:
    """Children in order (nested iterables flattened), each escaped unless it is Markup."""
    out: list[str] = []
    _flatten(children, out)
    return Markup(str(escape(separator)).join(out) if separator else "".join(out))


def _flatten(children: Iterable[object], out: list[str]) -> None:
    for child in children:
        if child is None:
            continue
        kind = type(child)
        if kind is Markup:
            out.append(child)
        elif kind is str:
            out.append(escape(child))
        elif isinstance(child, str):  # another str subclass: escape (Markup subclasses know how)
            out.append(escape(child))
        else:
            _flatten(child, out)  # type: ignore[arg-type]
