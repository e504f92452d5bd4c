"""Publishing: one build at a time, ``site/`` complete at every instant, the user's machine named.

The swap is killed with SIGKILL at each of its steps through the ``REFLECT_TEST_PAUSE`` hook
(the build stops at the named step and says so on stderr), both with the atomic exchange and
with the two-rename fallback (``REFLECT_TEST_NO_EXCHANGE``).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, reflect
from generator.publish import output as publish

PAUSED = "reflect-test: paused at "


def _start(args: list[str], env: dict[str, str], log: Path, **kwargs) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(args, env={**os.environ, **env}, stdout=handle, stderr=handle, cwd=ROOT, **kwargs)


def _wait_for_pause(process: subprocess.Popen, log: Path, step: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while PAUSED + step not in log.read_text():
        assert process.poll() is None, f"exited before pausing at {step}: {log.read_text()}"
        assert time.monotonic() < deadline, f"never paused at {step}"
        time.sleep(0.05)


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()  # reaped: its process id no longer names a running owner


def _fake_site(folder: Path, version: str, pages: int = 40) -> Path:
    folder.mkdir(parents=True)
    for number in range(pages):
        (folder / f"page-{number}.html").write_text(f"{version} {number}")
    (folder / "index.html").write_text(version)
    return folder


def _site_version(folder: Path, pages: int = 40) -> str:
    """'old' or 'new' when ``folder`` is one complete fake site, else fail."""
    assert folder.is_dir(), f"{folder} is missing"
    version = (folder / "index.html").read_text()
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["index.html", *(f"page-{n}.html" for n in range(pages))])
    assert all((folder / f"page-{n}.html").read_text() == f"{version} {n}" for n in range(pages))
    return version


SWAP_SCRIPT = (
    "import sys; from pathlib import Path; from generator.publish.output import swap_in; "
    "swap_in(Path(sys.argv[1]), Path(sys.argv[2]))"
)


@pytest.mark.parametrize("exchange, step", [(True, "swapped"), (False, "retired"), (False, "swapped")],
                         ids=["exchange-swapped", "two-renames-retired", "two-renames-swapped"])
def test_a_kill_at_any_step_of_the_swap_leaves_a_complete_site(tmp_path, exchange, step):
    final = _fake_site(tmp_path / "out" / "site", "old")
    staging = _fake_site(tmp_path / "out" / f".site-build-{os.getpid()}-abc", "new")
    env = {"REFLECT_TEST_PAUSE": step, **({} if exchange else {"REFLECT_TEST_NO_EXCHANGE": "1"})}
    log = tmp_path / "log"
    process = _start([sys.executable, "-c", SWAP_SCRIPT, str(staging), str(final)], env, log)
    _wait_for_pause(process, log, step)
    if not (exchange is False and step == "retired"):
        assert _site_version(final) == ("new" if step == "swapped" else "old")
    _kill(process)
    # the next build (here: its recovery step, under the lock) leaves one complete site
    publish.recover(final)
    assert _site_version(final) in ("old", "new")
    assert not [p.name for p in final.parent.iterdir() if p.name != "site"], "leftovers remain"


def test_the_atomic_exchange_is_used_where_the_system_has_it(tmp_path):
    first, second = _fake_site(tmp_path / "a", "a", 1), _fake_site(tmp_path / "b", "b", 1)
    if not publish._exchange(first, second):
        pytest.skip("this file system cannot exchange two folders atomically")
    assert (first / "index.html").read_text() == "b" and (second / "index.html").read_text() == "a"


def test_a_failing_build_restores_the_site_a_killed_swap_retired(tmp_path):
    project = copy_project(tmp_path / "project")
    final = _fake_site(project / "site", "old")
    staging = _fake_site(project / f".site-build-{os.getpid()}-abc", "new")
    log = tmp_path / "log"
    env = {"REFLECT_TEST_PAUSE": "retired", "REFLECT_TEST_NO_EXCHANGE": "1"}
    process = _start([sys.executable, "-c", SWAP_SCRIPT, str(staging), str(final)], env, log)
    _wait_for_pause(process, log, "retired")
    _kill(process)
    assert not final.exists()  # the state the issue reports: the old site only in a hidden folder
    (project / "content" / "pages" / "about.yml").write_text("title: [\n")
    result = reflect("--project", str(project), "build")
    assert result.returncode == 1
    assert "Restored the last good site into" in result.stderr
    assert "Traceback" not in result.stderr
    assert _site_version(final) == "old"


def test_leftovers_are_removed_only_when_their_owner_has_ended(tmp_path):
    final = _fake_site(tmp_path / "site", "old")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = _fake_site(tmp_path / f".site-build-{living.pid}-live", "x", 1)
        removed = _fake_site(tmp_path / f".site-build-{dead}-dead", "y", 1)
        legacy = _fake_site(tmp_path / ".site-old-abc123", "z", 1)
        assert publish.recover(final) is None
        assert kept.is_dir() and not removed.exists() and not legacy.exists()
        assert _site_version(final) == "old"
    finally:
        _kill(living)


def test_a_second_build_stops_naming_the_first(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "first.log"
    first = _start([sys.executable, "-m", "generator.cli", "--project", str(project), "build"],
                   {"REFLECT_TEST_PAUSE": "locked"}, log)
    try:
        _wait_for_pause(first, log, "locked")
        second = subprocess.run(
            [sys.executable, "-m", "generator.cli", "--project", str(project), "build"],
            env={**os.environ, "REFLECT_LOCK_WAIT": "0.5"}, capture_output=True, text=True, cwd=ROOT,
        )
    finally:
        _kill(first)
    assert second.returncode == 1
    assert f"another build of this project is running (process {first.pid} on " in second.stderr
    assert "Traceback" not in second.stderr
    assert not (project / "site").exists()
    # the lock went with the killed process: the next build takes it at once
    third = subprocess.run(
        [sys.executable, "-c", "from pathlib import Path; from generator.publish.output import build_lock\n"
         f"with build_lock(Path({str(project)!r}), wait=0): print('locked')"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert third.stdout.strip() == "locked", third.stderr


def test_an_output_under_a_file_is_named_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    result = reflect("--project", str(project), "build", "--site-dir", str(blocker / "site"))
    assert result.returncode == 1
    assert f"cannot create the output folder {blocker / 'site'}: {blocker} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_an_unwritable_output_folder_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = reflect("--project", str(project), "build", "--site-dir", str(locked / "site"))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert f"cannot write {locked}" in result.stderr and "Permission denied" in result.stderr
    assert "Traceback" not in result.stderr


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _small_files_only() -> None:
    """A full disk, as the build sees it: no file may grow past 64 KB."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_is_named_and_the_last_site_stays(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_site, project / "site")
    before = _digest(project / "site")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build"],
        capture_output=True, text=True, cwd=ROOT, preexec_fn=_small_files_only, timeout=600,
    )
    assert result.returncode == 1, result.stderr
    assert "File too large" in result.stderr and "cannot write " in result.stderr
    assert "Nothing was published; the last site in" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_exit_statuses_are_distinct():
    assert reflect("no-such-command").returncode == 64
    assert reflect("build", "--no-such-option").returncode == 64
    assert reflect("--help").returncode == 0


def test_killing_a_real_build_before_and_after_its_swap_leaves_a_complete_site(tmp_path):
    project = copy_project(tmp_path / "project")
    final = _fake_site(project / "site", "old")
    command = [sys.executable, "-m", "generator.cli", "--project", str(project), "build"]
    log = tmp_path / "build.log"
    building = _start(command, {"REFLECT_TEST_PAUSE": "built"}, log)
    _wait_for_pause(building, log, "built")
    staged = [p for p in project.glob(".site-build-*") if (p / "404.html").is_file()]
    assert staged, "the staging folder holds the new site"
    _kill(building)
    assert _site_version(final) == "old"
    swapping = _start(command, {"REFLECT_TEST_PAUSE": "swapped"}, log)
    _wait_for_pause(swapping, log, "swapped")
    _kill(swapping)
    assert not any(p.exists() for p in staged), "the killed build's staging folder was cleaned up"
    for name in ("index.html", "404.html", "search/search_index.json", "downloads/appendices.pdf"):
        assert (final / name).is_file(), name
    assert list((final / "assets" / "javascripts").rglob("*.js"))
