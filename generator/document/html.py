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
    return Markup("".join(parts) + str(join(children)) + f"</{tag}>")


def join(children: Iterable[object], separator: str = "") -> Markup:
    """Children in order (nested iterables flattened), each escaped unless it is Markup."""
    out: list[str] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, (str, Markup)):
            out.append(escape(child))
        else:
            out.append(join(child))
    return Markup(str(escape(separator)).join(map(str, out)) if separator else "".join(map(str, out)))
