"""Which printable files a site offers, and making them: cached by content hash, in parallel.

Every appendix and every reflective question set gets a PDF (to print) and a DOCX (to
adapt); the appendices also come as one combined PDF. Every appendix a respondent
receives (document templates, written-questions guides) also gets a participant version
(``<id>-participant.pdf`` and ``.docx``): its own title, no appendix label, no notes for
adopters, no source lines. :func:`plan` lists them from the
Project; :func:`build_downloads` makes them.

Caching: each file's key is a hash of exactly what it prints (its
:class:`~generator.document.nodes.Printable` tree, which already holds resolved numbers, labels and
placeholder values), the build stamp, the code of this package and the versions of the
libraries and font that draw it. A file whose key is in the cache is copied, not
rendered, so editing one guide re-renders only that guide's PDF and DOCX (and the
combined PDF, which holds it). Misses are rendered in a pool of worker processes (two by
default: the machines have two cores).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from generator.document import nodes as n
from generator.document.nodes import Printable
from generator.document.printables import PrintBuilder, combined_cover
from generator.project.addresses import (
    COMBINED_NAME, COMBINED_PART_SIZE, COMBINED_PATH, DOWNLOADS_DIR, DOWNLOADS_PAGE, FORMATS, MEDIA_TYPES, PARTICIPANT_SUFFIX, download_path,
)
from generator.writers.stamp import build_stamp, iso

log = logging.getLogger("mkdocs.plugins.reflect.printable")

CACHE_DIR = ".reflect-cache/printable"
CACHE_KEEP = 400  # files kept in the cache folder; the oldest unused ones go first
STALE_PARTIAL = 3600  # seconds: a file still being written is never this old


@dataclass(frozen=True)
class Download:
    """One file the site offers."""

    path: str  # in the site, e.g. "downloads/qi-coaches-guide.pdf"
    format: str  # pdf | docx
    title: str  # what it is, numbered as on the site
    kind: str  # guide | document | question-set | combined
    owner: str | None  # the appendix or question set id; None for the combined PDF
    docs: tuple[Printable, ...]  # what it prints (one, or every appendix)
    report_title: str
    variant: str = "adopter"  # adopter | participant
    cover: n.Cover | None = None  # the combined PDF's cover and contents

    @property
    def format_label(self) -> str:
        return FORMATS[self.format]

    def key(self, stamp: datetime, digests: dict[int, str] | None = None) -> str:
        """The cache key. ``digests``: each document's hash by identity, kept by the caller for
        one plan, so a document printed in several files (PDF, DOCX, combined) is hashed once."""
        memo: dict[int, str] = {} if digests is None else digests
        return fingerprint(
            {
                "format": self.format,
                "kind": self.kind,
                "docs": [memo[id(d)] if id(d) in memo else memo.setdefault(id(d), fingerprint(d)) for d in self.docs],
                "report": self.report_title,
                "cover": self.cover,
                "stamp": iso(stamp),
                "renderer": renderer_version(),
            }
        )


@dataclass(frozen=True)
class BuiltFile:
    download: Download
    cached_path: Path  # the file in the cache folder
    size: int  # bytes
    sha256: str
    rendered: bool  # False: it came from the cache

    @property
    def path(self) -> str:
        return self.download.path

    @property
    def format(self) -> str:
        return self.download.format

    @property
    def title(self) -> str:
        return self.download.title

    @property
    def kind(self) -> str:
        return self.download.kind


@dataclass(frozen=True)
class BuildReport:
    files: tuple[BuiltFile, ...]
    seconds: float
    stamp: datetime
    missing: tuple[Download, ...] = ()  # not in the cache and not rendered (render_missing=False)

    @property
    def rendered(self) -> tuple[str, ...]:
        return tuple(f.path for f in self.files if f.rendered)

    def summary(self) -> str:
        made = len(self.rendered)
        return (
            f"{len(self.files)} printable files ({made} rendered, {len(self.files) - made} from cache) "
            f"in {self.seconds:.1f} s"
        )


def plan(project, docs: tuple[Printable, ...] | None = None, catalogue=None) -> tuple[Download, ...]:
    """Every printable file, in site order: appendices (each followed by its participant
    version), the combined PDF, question sets."""
    return tuple(planned(project, docs, catalogue))


def planned(project, docs: tuple[Printable, ...] | None = None, catalogue=None) -> Iterator[Download]:
    """:func:`plan`'s files one after another, each document's tree made when its files come
    (``docs``: the trees already made, by id), so a build can start rendering the first files
    while it plans the rest. The ids are checked for clashes before the first file."""
    from generator.document.items import has_participant_version
    from generator.project.numbering import words_for

    words = catalogue or words_for(project)
    builder = PrintBuilder(project, words)  # one reader of content text for both versions
    given = {d.id: d for d in docs} if docs is not None else None
    report = project.settings.report
    report_title = " ".join((report.title if report else project.settings.site.title).split())
    items = [a.item for a in project.appendices]
    ids = {item.id for item in (*items, *project.question_sets)}
    if items:
        if COMBINED_NAME in ids:
            raise ValueError(f"an item's id '{COMBINED_NAME}' clashes with the combined appendices PDF")
        clash = sorted(i.id for i in items if has_participant_version(i) and f"{i.id}{PARTICIPANT_SUFFIX}" in ids)
        if clash:
            raise ValueError(f"an item's id '{clash[0]}{PARTICIPANT_SUFFIX}' clashes with a participant version")
    appendices = []
    for item in items:
        doc = given[item.id] if given is not None else builder.appendix(item)
        appendices.append(doc)
        for fmt in FORMATS:
            yield Download(download_path(doc.id, fmt), fmt, doc.heading, doc.kind, doc.id, (doc,), report_title)
        if has_participant_version(item):
            version = builder.appendix(item, True)
            title = words.text("print.participant_download", title=version.title)
            for fmt in FORMATS:
                yield Download(download_path(doc.id, fmt, True), fmt, title, doc.kind, doc.id, (version,),
                               report_title, "participant")
    if appendices:
        for path, title, part in combined_parts(tuple(appendices), words):
            cover = combined_cover(part, words, report_title)
            yield Download(path, "pdf", title, "combined", None, part, report_title, cover=cover)
    for qset in project.question_sets:
        doc = given[qset.id] if given is not None else builder.question_set(qset)
        for fmt in FORMATS:
            yield Download(download_path(doc.id, fmt), fmt, doc.heading, doc.kind, doc.id, (doc,), report_title)


def combined_parts(appendices: tuple[Printable, ...], words=None) -> list[tuple[str, str, tuple[Printable, ...]]]:
    """The combined PDF: one file, or numbered parts when there are many appendices.

    A part holds at most COMBINED_PART_SIZE appendices, which keeps every PDF well under
    about 300 pages (and a renderer's memory in bounds) however large the bank grows.
    ``words``: the catalogue (English when not given).
    """
    if words is None:
        from generator.strings import load_catalogue

        words = load_catalogue("en")
    if len(appendices) <= COMBINED_PART_SIZE:
        return [(COMBINED_PATH, words.text("print.all_in_one_file"), appendices)]
    parts = []
    for number, start in enumerate(range(0, len(appendices), COMBINED_PART_SIZE), 1):
        part = appendices[start : start + COMBINED_PART_SIZE]
        title = words.text("print.combined_part", first=start + 1, last=start + len(part))
        parts.append((f"{DOWNLOADS_DIR}/{COMBINED_NAME}-part-{number}.pdf", title, part))
    return parts


def fingerprint(value: object) -> str:
    """A content hash of printable data (document trees, tuples of them, options)."""
    payload = json.dumps(_plain(value, {}), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _plain(value: object, names: dict[type, tuple[str, ...]]) -> object:
    """JSON-able data: a node's fields by name (``names``: each node type's, found once)."""
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool:
        return value
    if kind is tuple or kind is list:
        return [_plain(v, names) for v in value]  # type: ignore[attr-defined]
    fields = names.get(kind)
    if fields is None:
        fields = names[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
    if fields:
        data = {name: _plain(getattr(value, name), names) for name in fields}
        data["__type__"] = kind.__name__
        return data
    if isinstance(value, (tuple, list)):
        return [_plain(v, names) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, names) for k, v in value.items()}
    return value


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hash of what draws the files: this package's code and stylesheet, library versions, fonts."""
    from importlib.metadata import version

    from generator.writers.pdf.render import font_files

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    writers = package / "writers"  # the PDF and Word writers, the PDF's layout (print.typ), how Word's runs are made
    drawn = sorted(p for p in writers.rglob("*") if p.suffix in {".py", ".typ"} and "__pycache__" not in p.parts)
    for path in [*drawn, Path(__file__).resolve(), package / "document" / "nodes.py"]:
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("typst", "font-source-sans-pro", "python-docx", "markdown"):
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except Exception:  # pragma: no cover - a missing library fails later, when it is needed
            digest.update(f"{package}=?\0".encode())
    for font in font_files():
        digest.update(f"{font.name}:{font.stat().st_size}\0".encode())
    return digest.hexdigest()


def render(download: Download, stamp: datetime) -> bytes:
    """The file's bytes. Runs in a worker process; imports the heavy libraries only here."""
    if download.format == "pdf":
        from generator.writers.pdf.render import render_pdf
        from generator.writers.pdf.typst import combined_source, document_source

        if download.kind == "combined":
            source = combined_source(download.docs, download.cover)
        else:
            source = document_source(download.docs[0])
        return render_pdf(source, stamp, download.docs[0].page.licence)
    if download.format == "docx":
        from generator.writers.word.writer import render_docx

        return render_docx(download.docs[0], stamp)
    raise ValueError(download.format)  # pragma: no cover


def _render_to(download: Download, stamp: datetime, target: str) -> tuple[str, float]:
    started = time.perf_counter()
    data = render(download, stamp)
    _write_atomic(Path(target), data)
    return target, time.perf_counter() - started


def _end_with(main_pid: int) -> None:
    """Worker initialiser: end this worker when the process that started the pool ends.

    A pool's workers otherwise outlive a main process that was killed (a preview stopped with
    SIGTERM, a build killed by its CI runner): they wait on their task queue for ever, and the
    fork server waits for them. A daemon thread waits for the main process to end (a pidfd
    where Linux has one, else a check once a second) and exits at once."""
    try:
        handle = os.pidfd_open(main_pid)
    except ProcessLookupError:  # gone before this worker started
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd here: look once a second
        handle = None
    threading.Thread(target=_wait_for_end, args=(main_pid, handle), name="reflect-end-with-main",
                     daemon=True).start()


def _wait_for_end(main_pid: int, handle: int | None) -> None:
    if handle is not None:
        select.select([handle], [], [])
    else:
        while True:
            time.sleep(1)
            try:
                os.kill(main_pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:  # the pid was reused by someone else's process
                break
    os._exit(1)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class PendingDownloads:
    """The printable files of one plan, being made in worker processes while the caller goes on
    (a full build writes its pages meanwhile); :meth:`result` waits for them.

    Safe on failure: each file is written to a temporary name and renamed into the cache, so a
    failed or cancelled render leaves no half file; an error in a worker is raised by
    :meth:`result`, as if the file had been rendered there.
    """

    def __init__(self, planned: Iterable[tuple[Download, Path]], stamp: datetime, cache: Path, workers: int,
                 started: float) -> None:
        """Takes the plan's files (each with its place in the cache) one after another, and sends
        each the cache lacks to the workers at once: they render while the rest is planned."""
        self.stamp, self.cache, self.started, self.workers = stamp, cache, started, workers
        self.targets: dict[str, Path] = {}
        self.missing: list[Download] = []
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        self.pool_failed = False
        downloads = []
        try:
            for download, target in planned:
                downloads.append(download)
                self.targets[download.path] = target
                if not target.is_file():
                    self.missing.append(download)
                    self._send(download)
        except BaseException:
            self.cancel()
            raise
        self.downloads = tuple(downloads)

    def _send(self, download: Download) -> None:
        """Render ``download`` in a worker, the pool started at the second missing file (one
        file alone is rendered here, by :meth:`result`)."""
        if self.workers < 2 or self.pool_failed:
            return
        try:
            if self.pool is None:
                if len(self.missing) < 2:
                    return
                # Worker processes started by a fork server (safe in a threaded preview server).
                context = multiprocessing.get_context("forkserver")
                self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                initializer=_end_with, initargs=(os.getpid(),))
                sent = self.missing
            else:
                sent = [download]
            self.futures += [self.pool.submit(_render_to, d, self.stamp, str(self.targets[d.path])) for d in sent]
        except BrokenProcessPool as exc:
            self._pool_failed(exc)

    def _pool_failed(self, exc: BaseException) -> None:
        # e.g. called from a script with no ``if __name__ == "__main__"`` guard, which the
        # worker processes would run again: render here instead, one file at a time.
        log.warning("Printable files: worker processes failed (%s); rendering in this process", exc)
        self.pool_failed = True
        self.cancel()

    def cancel(self) -> None:
        """Stop: files not started are not made (the build failed elsewhere)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool, self.futures = None, []

    def result(self) -> BuildReport:
        """Every file of the plan, made or from the cache (waits for the workers)."""
        try:
            for future in self.futures:
                future.result()
        except BrokenProcessPool as exc:
            self._pool_failed(exc)
        except BaseException:
            self.cancel()
            raise
        self.cancel()  # done: the workers exit
        for download in self.missing:
            if not self.targets[download.path].is_file():
                _render_to(download, self.stamp, str(self.targets[download.path]))

        rendered = {d.path for d in self.missing}
        files = []
        for download in self.downloads:
            target = self.targets[download.path]
            data = target.read_bytes()
            files.append(
                BuiltFile(download, target, len(data), hashlib.sha256(data).hexdigest(), download.path in rendered)
            )
            os.utime(target)  # recently used: kept when the cache is pruned
        _prune(self.cache, keep={self.targets[d.path] for d in self.downloads})
        return BuildReport(tuple(files), time.perf_counter() - self.started, self.stamp)


def start_downloads(
    project,
    cache_dir: Path | str | None = None,
    workers: int = 2,
    environ: dict[str, str] | None = None,
    catalogue=None,
) -> PendingDownloads:
    """Plan the project's printable files and start making the ones the cache lacks, in
    ``workers`` processes, each as soon as it is planned (the workers render the first files
    while the rest are planned); the caller collects them with :meth:`PendingDownloads.result`."""
    started = time.perf_counter()
    stamp = build_stamp(project.settings.site.publication_date, environ)
    cache = Path(cache_dir) if cache_dir is not None else Path(project.root) / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    digests: dict[int, str] = {}  # each document hashed once, however many files print it
    files = ((d, cache / f"{d.key(stamp, digests)}.{d.format}") for d in planned(project, catalogue=catalogue))
    return PendingDownloads(files, stamp, cache, workers, started)


def build_downloads(
    project,
    cache_dir: Path | str | None = None,
    workers: int = 2,
    environ: dict[str, str] | None = None,
    render_missing: bool = True,
    catalogue=None,
) -> BuildReport:
    """Make (or take from the cache) every printable file of the project.

    ``cache_dir`` defaults to ``.reflect-cache/printable`` in the project folder. The
    returned files live in the cache folder; the caller copies them into the site.
    """
    pending = start_downloads(project, cache_dir, workers if render_missing else 1, environ, catalogue)
    if not render_missing:
        ready = [
            BuiltFile(d, pending.targets[d.path], pending.targets[d.path].stat().st_size, "", False)
            for d in pending.downloads
            if d not in pending.missing
        ]
        return BuildReport(tuple(ready), time.perf_counter() - pending.started, pending.stamp, tuple(pending.missing))
    return pending.result()


def _prune(cache: Path, keep: set[Path]) -> None:
    """Drop the least recently used files beyond CACHE_KEEP (never those just used), and the
    half-written files of renders that were killed (older than STALE_PARTIAL seconds)."""
    stale = time.time() - STALE_PARTIAL
    for partial in cache.glob(".*.tmp"):
        try:
            if partial.stat().st_mtime < stale:
                partial.unlink()
        except FileNotFoundError:  # renamed or removed meanwhile
            pass
    entries = [p for p in cache.iterdir() if p.is_file() and p.suffix in (".pdf", ".docx")]
    if len(entries) <= CACHE_KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for path in entries[: len(entries) - CACHE_KEEP]:
        if path not in keep:
            path.unlink(missing_ok=True)


def human_size(size: int) -> str:
    """``38 KB``, ``1.2 MB``: sizes as a reader expects them (1 KB = 1,000 bytes)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"
