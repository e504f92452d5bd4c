"""Builders of the appendix documents (information sheet, consent form…) and download links."""

from __future__ import annotations

from generator.project import addresses as paths
from generator.models import Document
from generator.project.addresses import COMBINED_PART_SIZE, COMBINED_PATH, DOWNLOADS_PAGE, FORMATS, download_path
from generator.document import nodes as n
from generator.document import parts
from generator.document.build import Builder
from generator.document.printables import has_participant_version


def download_links(b: Builder, item, combined: bool) -> n.DownloadLinks:
    """Download buttons for one appendix or question set (hidden on paper by the print stylesheet).

    Items handed to participants also get buttons for their participant version.
    """
    buttons = tuple(
        n.Link(paths.Target(download_path(item.id, fmt)), (n.Text(b.t(f"downloads.button_{fmt}")),), button=True)
        for fmt in FORMATS
    )
    variant = ()
    if has_participant_version(item):
        variant = tuple(
            n.Link(paths.Target(download_path(item.id, fmt, True)),
                   (n.Text(b.t(f"downloads.participant_button_{fmt}")),), button=True)
            for fmt in FORMATS
        )
    others = [b.page_link(DOWNLOADS_PAGE, b.t("downloads.every"))]
    if combined and len(b.p.appendices) <= COMBINED_PART_SIZE:
        others.insert(0, b.page_link(COMBINED_PATH, b.t("downloads.all_in_one")))
    return n.DownloadLinks(b.t("downloads.label"), buttons, b.t("downloads.also"), tuple(others),
                           b.t("downloads.participant_label") if variant else "", variant)


def document(b: Builder, doc: Document) -> n.Page:
    title = b.appendix_title(doc)
    body: list = [
        b.heading(1, b.appendix_heading(doc)),
        n.Callout("about", b.t("document.about"), (n.Prose(b.text.prose(doc.summary)),)),
        download_links(b, doc, combined=True),
    ]
    for section in doc.sections:
        if section.heading:
            body.append(parts.section_heading(section.heading, section))
        for block in section.blocks:
            body += parts.document_block(b, block)
    body.append(b.source(doc.source))
    return b.page(paths.appendix_page(doc.id), title, body, doc.origin_file)
