"""The search plugin's language, from the site's language.

The site search (lunr, in the browser) stems words only for the languages lunr-languages
supports. Welsh is not one of them, so for Welsh (and any language without support) the
index is built with English tokenisation (words split at spaces and hyphens) and no
pipeline at all: no English stemmer and no English stop-word list, which would otherwise
change or drop Welsh words ("a", "i", "do" are Welsh words too). Whole words and their
beginnings still match; a mutated form ("gwestiwn" for "cwestiwn") does not.
"""

from __future__ import annotations

from typing import Any

from generator.strings import FALLBACK, PSEUDO


def _supported(language: str) -> bool:
    """Whether lunr-languages (as MkDocs ships it) has support for ``language``."""
    from mkdocs.contrib.search import LangOption

    return language == FALLBACK or LangOption().get_lunr_supported_lang(language) == language


def search_settings(site_language: str) -> dict[str, Any]:
    """The ``lang`` (and, without a stemmer, ``pipeline``) for the search plugin."""
    base = FALLBACK if site_language == PSEUDO else site_language.split("-")[0].lower()
    if _supported(base):
        return {"lang": [base]}
    return {"lang": [FALLBACK], "pipeline": []}


def set_search_language(config: Any, site_language: str) -> None:
    """Point the configured search plugin (Material's or MkDocs') at the site's language."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            for key, value in search_settings(site_language).items():
                plugin.config[key] = value
            return
