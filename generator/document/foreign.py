"""Words a builder was given as :class:`~generator.strings.foreign.ForeignWords`, made into nodes.

Content text read by :class:`~.text.ContentText` comes out already inside
:class:`~.nodes.Foreign` nodes. Other words reach the tree as plain strings in a
:class:`~.nodes.Text` (a link's words, an interface string from the builders' ``t``), a
:class:`~.nodes.CrossRef`'s label (an item's title) or a :class:`~.nodes.Blank`'s words;
:func:`with_foreign_nodes` puts each such inline in a ``Foreign`` node, once, when a page
or a printed document is finished, so every writer sees the language as a node.

A string held in another ``str`` field of a node (a quote, a scale option's or a field's
label, a callout's title) stays a ``ForeignWords``: the site writer's element builder
marks it (:mod:`generator.writers.html`); on paper it is plain words (not marked yet).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from generator.document import nodes as n
from generator.strings.foreign import ForeignWords


def with_foreign_nodes(node: Any) -> Any:
    """``node`` (a page, a block, a tuple of them…) with each ``Text``, ``CrossRef`` or ``Blank`` of
    ``ForeignWords`` in a ``Foreign``."""
    kind = type(node)
    if kind is n.Text or kind is n.Blank or kind is n.CrossRef:
        words = node.label if kind is n.CrossRef else node.text
        if type(words) is not ForeignWords:
            return node
        plain = dataclasses.replace(node, **{"label" if kind is n.CrossRef else "text": str(words)})
        return n.Foreign(words.language, words.state, (plain,))
    if kind is tuple:
        items = tuple(with_foreign_nodes(item) for item in node)
        return items if any(a is not b for a, b in zip(items, node)) else node
    if kind is n.Foreign:
        return node
    changes = {}
    for name in _node_fields(kind):
        value = getattr(node, name)
        if type(value) is tuple or _node_fields(type(value)):
            new = with_foreign_nodes(value)
            if new is not value:
                changes[name] = new
    return dataclasses.replace(node, **changes) if changes else node


@lru_cache(maxsize=None)
def _node_fields(kind: type) -> tuple[str, ...]:
    """The field names of a node type (none for anything that is not a dataclass), found once per type."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()


def foreign_states(node: Any, medium: str | None = None) -> frozenset[str]:
    """The states (:data:`~generator.strings.foreign.STATES`) of the words in another language
    ``node`` holds (with ``medium``, what that medium shows: another's :class:`~.nodes.Only` parts left out)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        kind = type(value)
        if kind is n.Only and medium is not None and value.medium != medium:
            return
        if kind is ForeignWords:
            found.add(value.state)
        elif kind is n.Foreign:
            found.add(value.state)
            walk(value.children)
        elif kind is tuple:
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))

    walk(node)
    return frozenset(found)
