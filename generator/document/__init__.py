"""The document model: typed, frozen nodes for everything Reflect publishes (the site's pages
and the printed documents), built once per Project by one builder function per kind of page
or printable.

:mod:`.nodes` the node types; :mod:`.text` content text read once into nodes for the site
and paper alike (Markdown with ``[[kind:id]]`` references as an inline pattern), through
:mod:`.markup`, which admits only the elements and attributes the allowlist names;
:mod:`.visitor` the base of every writer; :mod:`.build` what every site builder
shares (the catalogue, the content-text cache, links and labels); :mod:`.parts` the builder
functions the site and the printables share; :mod:`.pages`, :mod:`.findings`,
:mod:`.questions` and :mod:`.appendices` the site's builders, :mod:`.printables` the printed
documents' builder; :mod:`.runs` inline nodes flattened into runs (Word); :mod:`.html` the
element builder writers use.
"""
