"""The printable files of one run of the plugin, across its builds.

A full build starts making them in ``on_config`` (worker processes render them while the
pages are written) and collects them when the Downloads page, the last page, is built; the
files join the site after its pages. The preview checks them once per content state and
renders missing ones in a background thread after the pages, then asks for a rebuild
(by touching :data:`PRINTABLES_READY`, which the preview's server watches).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from generator.project import Project

log = logging.getLogger("mkdocs.plugins.reflect")

PRINTABLES_READY = Path(".reflect-cache/printables-ready/stamp")
WORKERS = 2  # the machines Reflect is built on have two cores


class PrintableFiles:
    """What is known of the printable files: a full build's being made (``pending``), the
    last report and the Project it was made for, and the preview's background render."""

    def __init__(self) -> None:
        self.pending: Any = None  # a full build's files, being made while its pages are
        self.collected: Any = None  # and, once waited for, their report (copied after the pages)
        self.report: Any = None  # the last report, and the Project it belongs to
        self.report_project: Project | None = None
        self.missing = False  # files the last report lacks: made after the pages
        self.background: threading.Thread | None = None

    def start(self, project: Project) -> None:
        """A full build: plan the files and start rendering the ones the cache lacks."""
        from generator.build.printables import start_downloads

        self.cancel()  # a build that failed before collecting them
        self.pending = guarded(lambda: start_downloads(project, workers=WORKERS))

    def cancel(self) -> None:
        """The build failed: no more files for it."""
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self.collected = None

    def listed(self, project: Project, source: Project, serving: bool) -> Any:
        """The files the Downloads page lists now: a full build's as planned (their sizes come when
        they are collected), otherwise the files as made or taken from the cache."""
        if self.pending is not None:
            return self.pending.downloads
        return self.current(project, source, serving).files

    def current(self, project: Project, source: Project, serving: bool) -> Any:
        """The PDF and DOCX of every appendix and question set of ``source`` (the Project the
        files are made from; ``project`` is the one the site shows); only changed ones are rendered.

        The preview checks the files once per content state. After an edit the pages show at
        once with the files known so far; the files are checked (and changed ones made) in
        the background, which then rebuilds the preview to link them.
        """
        from generator.build.printables import build_downloads

        if serving and self.report is not None:
            self.missing = bool(self.report.missing) if self.report_project is project else True
            return self.report
        pending, self.pending = self.pending, None
        if pending is not None:
            report = guarded(pending.result)
        else:
            report = guarded(lambda: build_downloads(source, workers=WORKERS, render_missing=not serving))
        self.missing = bool(report.missing)  # rendered once the pages are built
        self.report, self.report_project = report, project
        log.info("Printable documents: %s", report.summary())
        return report

    def collect(self, project: Project, source: Project) -> Any:
        """A full build's files, waited for once (None when none are being made)."""
        if self.pending is not None:
            self.collected = self.current(project, source, serving=False)
        return self.collected

    def copy_collected(self, site_dir: Path) -> None:
        """Put a full build's collected files into the site (after its pages)."""
        report, self.collected = self.collected, None
        for printable in report.files if report is not None else ():
            target = site_dir / printable.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(printable.cached_path, target)

    def render_later(self, project: Project, root: Path) -> None:
        """The preview: make the missing files in the background, then ask for a rebuild."""
        if not self.missing:
            return
        running = self.background
        if running is not None and running.is_alive():
            return  # the running render will trigger a rebuild, which will look again

        def work() -> None:
            from generator.build.printables import build_downloads

            try:
                report = build_downloads(project, workers=WORKERS)
            except Exception as exc:  # the preview must go on; the next full build reports it
                log.warning("Printable documents could not be made in the background: %s", exc)
                return
            self.report, self.report_project = report, project
            ready = root / PRINTABLES_READY
            ready.parent.mkdir(parents=True, exist_ok=True)
            ready.write_text(f"{time.time()}\n", encoding="ascii")

        log.info("Printable documents: rendering the changed ones in the background")
        thread = threading.Thread(target=work, name="reflect-printables", daemon=True)
        self.background = thread
        thread.start()


def guarded(make: Any) -> Any:
    """``make()``, a missing font reported as the reason the build stops."""
    from generator.writers.pdf.render import FontMissing

    try:
        return make()
    except FontMissing as exc:
        raise Abort(f"Reflect could not make the printable documents: {exc}") from None
