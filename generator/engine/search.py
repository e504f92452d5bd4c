"""The search plugin's per-page step, fed from the document tree (the MkDocs side of it).

Material's search plugin parses every page's finished HTML again to find its sections.
Reflect's pages come with their entries already (:mod:`.search_index`, from the tree), so
this index takes them as they are; a page Reflect did not generate (or one whose sections
only its HTML shows) goes through the plugin's own parsing. Everything else — the index's
configuration, languages, the file it writes, the preview's partial rebuilds — stays the
plugin's.
"""

from __future__ import annotations

from typing import Any, Mapping

try:
    from material.plugins.search.plugin import SearchIndex
except ImportError:  # Material without its search plugin: nothing to feed
    SearchIndex = None  # type: ignore[assignment,misc]


def feed_from_tree(config: Any, pages: Mapping[str, Any]) -> None:
    """Give the configured Material search plugin an index that takes ``pages``' entries."""
    if SearchIndex is None:
        return
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        if isinstance(index, SearchIndex):
            plugin.search_index = _treeindex(index, pages)
            return


def _treeindex(original: Any, pages: Mapping[str, Any]) -> Any:
    class TreeSearchIndex(type(original)):  # whatever subclass the plugin made
        def __init__(self) -> None:
            self.__dict__.update(original.__dict__)

        def add_entry_from_context(self, page: Any) -> None:
            generated = pages.get(page.file.src_uri)
            entries = getattr(generated, "index", None)
            if entries is None:
                return super().add_entry_from_context(page)
            for entry in entries:
                location = f"{page.url}#{entry.anchor}" if entry.anchor else page.url
                self.entries.append({"location": location, "title": entry.title, "text": entry.text})
            return None

    return TreeSearchIndex()
