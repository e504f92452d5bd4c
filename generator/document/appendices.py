"""The site's page of a document template (information sheet, consent form…)."""

from __future__ import annotations

from generator.project import addresses as paths
from generator.models import Document
from generator.document import items
from generator.document import nodes as n
from generator.document.build import Builder


def document(b: Builder, doc: Document) -> n.Page:
    """A document template's page: its title over its body (:func:`.items.document`, the same as on paper)."""
    body = [b.heading(1, b.appendix_heading(doc)), *items.document(b, doc)]
    return b.page(paths.appendix_page(doc.id), b.appendix_title(doc), body, doc.origin_file)
