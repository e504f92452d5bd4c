"""The document model: typed, frozen nodes for everything the site publishes, built once per
Project by one builder function per kind of page.

:mod:`.nodes` the node types; :mod:`.text` content text parsed once (Markdown converted and
sanitised, references resolved); :mod:`.build` what every builder shares (the catalogue, the
content-text cache, links and labels); :mod:`.pages`, :mod:`.findings`, :mod:`.questions`
and :mod:`.appendices` the builders; :mod:`.html` the element builder writers use.
"""
