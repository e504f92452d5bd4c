"""Printable appendices and question sets: a PDF to print and a Word file to adapt.

Made from the validated :class:`~generator.project.Project`, never from the website's
pages: :mod:`generator.document.printables` turns each appendix and question set into a
document tree (:class:`~generator.document.nodes.Printable`, the same nodes as the site's
pages), which :mod:`.typst_writer` + :mod:`.pdf` (Typst) and :mod:`.docx_writer`
(python-docx) walk and write out. :mod:`.downloads` plans the files, caches them
by content hash and renders what changed in parallel. Importing this package is cheap:
the rendering libraries load only when a file is rendered.
"""

from .downloads import (
    COMBINED_PATH,
    DOWNLOADS_PAGE,
    FORMATS,
    BuildReport,
    BuiltFile,
    Download,
    build_downloads,
    download_path,
    human_size,
    plan,
)

__all__ = [
    "COMBINED_PATH",
    "DOWNLOADS_PAGE",
    "FORMATS",
    "BuildReport",
    "BuiltFile",
    "Download",
    "build_downloads",
    "download_path",
    "human_size",
    "plan",
]
