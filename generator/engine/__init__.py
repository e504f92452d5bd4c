"""The site engine (MkDocs + Material for MkDocs): the only code that imports it."""
