"""The one way every writer walks the document tree: a ``visit_<node>`` method per node type.

As docutils' translators do, :meth:`Visitor.visit` dispatches on the node's type to the
method named after it (``visit_itemlist`` for :class:`~.nodes.ItemList`); a node type the
writer has no method for raises :class:`UnknownNode` rather than being skipped, so a node
type added to the tree cannot silently vanish from one output.
"""

from __future__ import annotations

from typing import Any, Callable


class UnknownNode(TypeError):
    """A writer was given a node of a type it has no ``visit_`` method for."""


class Visitor:
    """Base of the site, print HTML, Word, run and search-entry writers."""

    def visit(self, node: object, *args: Any) -> Any:
        kind = type(node)
        try:
            methods: dict[type, Callable[..., Any]] = self.__dict__["_visit_methods"]
        except KeyError:
            methods = self.__dict__["_visit_methods"] = {}
        method = methods.get(kind)
        if method is None:
            method = getattr(self, "visit_" + kind.__name__.lower(), None)
            if method is None:
                raise UnknownNode(f"{type(self).__name__} cannot write a {kind.__name__} node")
            methods[kind] = method
        return method(node, *args)
