"""The printable files are planned one after another and each the cache lacks goes to the
workers at once: they render the first files while the rest are planned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import copy_project
from generator.build.printables import STALE_PARTIAL, PendingDownloads, plan, planned
from generator.project import load_project
from generator.writers.stamp import build_stamp


def _stamp(project):
    return build_stamp(project.settings.site.publication_date, {})


def test_workers_render_the_first_files_while_the_rest_are_planned(project, tmp_path):
    downloads = plan(project)[:4]
    first = tmp_path / f"0.{downloads[0].format}"
    seen_while_planning = []

    def files():
        for number, download in enumerate(downloads):
            yield download, tmp_path / f"{number}.{download.format}"
            if number == 1:  # two files sent: the planning waits here until the first exists
                deadline = time.monotonic() + 60
                while not first.is_file() and time.monotonic() < deadline:
                    time.sleep(0.05)
                seen_while_planning.append(first.is_file())

    pending = PendingDownloads(files(), _stamp(project), tmp_path, 2, time.perf_counter())
    report = pending.result()
    assert seen_while_planning == [True]
    assert [f.path for f in report.files] == [d.path for d in downloads]
    assert all(f.rendered and f.size == f.cached_path.stat().st_size > 0 for f in report.files)


def test_a_failure_while_planning_stops_the_workers_and_is_raised(project, tmp_path):
    downloads = plan(project)[:3]

    def files():
        for number, download in enumerate(downloads):
            yield download, tmp_path / f"{number}.{download.format}"
        raise RuntimeError("planning failed")

    with pytest.raises(RuntimeError, match="planning failed"):
        PendingDownloads(files(), _stamp(project), tmp_path, 2, time.perf_counter())
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left behind


def test_one_missing_file_is_rendered_without_workers(project, tmp_path):
    download = plan(project)[0]
    pending = PendingDownloads(iter([(download, tmp_path / "one.pdf")]), _stamp(project), tmp_path, 2,
                               time.perf_counter())
    assert pending.pool is None
    (built,) = pending.result().files
    assert built.rendered and built.cached_path.read_bytes().startswith(b"%PDF-")


def test_an_id_that_clashes_with_a_participant_version_is_refused_before_any_file(tmp_path):
    root = copy_project(tmp_path / "project")
    path = root / "questions" / "sets" / "lived-experience-reflection.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: lived-experience-reflection",
                                                             "id: consent-form-participant", 1), encoding="utf-8")
    path.rename(path.with_name("consent-form-participant.yml"))
    for page in ("limitations.yml", "how-to-use.yml"):
        page_path = root / "content" / "pages" / page
        page_path.write_text(page_path.read_text(encoding="utf-8").replace(
            "question-set:lived-experience-reflection", "question-set:consent-form-participant"), encoding="utf-8")
    project = load_project(root)
    files = planned(project)
    with pytest.raises(ValueError, match="'consent-form-participant' clashes with a participant version"):
        next(files)


def test_half_written_files_of_killed_renders_are_cleared_and_current_ones_kept(project, tmp_path):
    """A worker killed while writing leaves ``.NAME.PID.tmp``; the next build clears it once it is
    old enough that no render can still be writing it."""
    download = plan(project)[0]
    killed = tmp_path / ".abc.pdf.4242.tmp"
    writing = tmp_path / ".def.pdf.4343.tmp"
    for partial in (killed, writing):
        partial.write_bytes(b"%PDF-1.7 half")
    old = time.time() - STALE_PARTIAL - 60
    os.utime(killed, (old, old))
    PendingDownloads(iter([(download, tmp_path / "one.pdf")]), _stamp(project), tmp_path, 2,
                     time.perf_counter()).result()
    assert not killed.exists()
    assert writing.exists()  # recent: perhaps another build's render in progress
