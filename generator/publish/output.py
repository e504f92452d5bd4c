"""Publishing a build into its output folder: one build at a time, never a half site.

``reflect build`` goes through :func:`publish`:

1. **Lock.** Builds of one project exclude each other through ``.reflect-cache/build.lock``
   (a POSIX record lock, which the system releases when its process ends however it ends;
   the file names the owner's process id, host and start time for the message a second
   build shows). A second build waits up to :data:`LOCK_WAIT_SECONDS`, then stops.
2. **Recover.** If a build was killed between the two renames of a fallback swap (below),
   ``site/`` is missing and the last good site is in a retired folder: it is renamed back.
   Staging and retired folders are removed only when the process named in their folder
   name has ended (and the lock proves no build of this project is running).
3. **Check and stage.** Unless the site is up to date (:mod:`generator.publish.fingerprint`), the
   content is checked and the site is built into ``.site-build-<pid>-<random>`` beside ``site/``.
4. **Swap.** On Linux the two folders are exchanged in one atomic ``renameat2`` call
   (``RENAME_EXCHANGE``), so at every instant ``site/`` is a complete site, old or new.
   Where the system cannot exchange, the old site is renamed to ``.site-old-<pid>-<random>``
   and the new one into place; a kill between the two renames is repaired by step 2.

Tests stop a build at a named step with ``REFLECT_TEST_PAUSE=locked|built|retired|swapped``
(it then waits to be killed) and force the fallback swap with ``REFLECT_TEST_NO_EXCHANGE=1``.

An output folder that cannot be written (no permission, read-only, a parent that is a
file, a full disk) is the user's situation, not a bug: :class:`PublishError` names the path.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any
from datetime import datetime, timezone
from pathlib import Path

from generator.publish.status import EXIT_CONTENT, EXIT_OK
from generator.strings import load_catalogue

LOCK_FILE = Path(".reflect-cache") / "build.lock"
LOCK_WAIT_SECONDS = 10.0  # REFLECT_LOCK_WAIT overrides it (seconds)
# errno values that describe the machine the user builds on, not a bug in Reflect
USER_ERRNOS = frozenset({
    errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG,
    errno.ENOTDIR, errno.EISDIR, errno.EEXIST, errno.ENAMETOOLONG, errno.EMLINK, errno.EIO,
})
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The site cannot be published for a reason outside Reflect; the message says why."""


def _text(name: str, **values: object) -> str:
    return load_catalogue("en").text(f"cli.publish.{name}", **values)


def _test_pause(step: str) -> None:
    """Test hook: with REFLECT_TEST_PAUSE=<step>, stop at that step until killed."""
    if os.environ.get("REFLECT_TEST_PAUSE") == step:
        print(f"reflect-test: paused at {step}", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)


def describe_os_error(exc: OSError, default: Path | str) -> str:
    """One line naming the path and the reason, for an error of the user's machine."""
    path = exc.filename if exc.filename is not None else default
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and exc.filename is not None:
        blocker = next((p for p in (Path(path), *Path(path).parents) if p.is_file()), None)
        if blocker is not None:
            return _text("not_a_folder", path=path, file=blocker)
    return _text("cannot_write", path=path, reason=exc.strerror or str(exc))


# --- the lock -------------------------------------------------------------------------------


def _owner_of(lock_path: Path) -> str:
    try:
        return lock_path.read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


@contextlib.contextmanager
def build_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the project's build lock; raise PublishError naming the owner if it stays taken."""
    if wait is None:
        wait = float(os.environ.get("REFLECT_LOCK_WAIT", LOCK_WAIT_SECONDS))
    lock_path = root / LOCK_FILE
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                if time.monotonic() >= deadline:
                    raise PublishError(
                        _text("locked", owner=_owner_of(lock_path), lock=lock_path, seconds=f"{wait:g}")
                    ) from None
                time.sleep(0.2)
        started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} on {socket.gethostname()}, started {started}\n".encode(), 0)
        _test_pause("locked")
        yield
    finally:
        os.close(fd)  # releases the lock


# --- leftovers and recovery ---------------------------------------------------------------


def _prefix(final: Path, kind: str) -> str:
    return f".{final.name}-{kind}-{os.getpid()}-"


def _owner_alive(folder: Path) -> bool:
    """Whether the process named in a staging or retired folder's name still runs."""
    parts = folder.name.rsplit("-", 2)
    try:
        pid = int(parts[-2])
    except (IndexError, ValueError):
        return False  # not named by a process (an older Reflect): the lock proves it is idle
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(final: Path, kind: str) -> list[Path]:
    return sorted(p for p in final.parent.glob(f".{final.name}-{kind}-*") if p.is_dir() and not p.is_symlink())


def recover(final: Path) -> str | None:
    """Put back a site a killed swap left retired; remove leftovers whose owner has ended.

    Returns a note for the user when a site was restored. Call with the build lock held.
    """
    note = None
    retired = [p for p in _leftovers(final, "old") if not _owner_alive(p)]
    if not os.path.lexists(final) and retired:
        newest = max(retired, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, final)
        retired.remove(newest)
        note = _text("restored", site=final, retired=newest.name)
    for leftover in (*retired, *(p for p in _leftovers(final, "build") if not _owner_alive(p))):
        shutil.rmtree(leftover, ignore_errors=True)
    return note


# --- the swap -------------------------------------------------------------------------------


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    if os.environ.get("REFLECT_TEST_NO_EXCHANGE"):
        return False
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging``; ``final`` is a complete site at every instant."""
    if not os.path.lexists(final):
        os.rename(staging, final)
        return
    if not final.is_dir() or final.is_symlink():
        raise PublishError(_text("not_a_site_folder", path=final))
    if _exchange(staging, final):
        _test_pause("swapped")
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    retired = Path(tempfile.mkdtemp(prefix=_prefix(final, "old"), dir=final.parent))
    os.rmdir(retired)
    os.rename(final, retired)
    _test_pause("retired")  # a kill here leaves no site/ until the next build restores it
    os.rename(staging, final)
    _test_pause("swapped")
    shutil.rmtree(retired, ignore_errors=True)


def build_site(root: Path, config_file: Path, strict: bool, final: Path,
               check: Callable[[Path, bool], int], say: Callable[[str], None],
               note: Callable[[str], None] | None = None,
               configure: Callable[[Any], None] | None = None) -> int:
    """``reflect build``: check, build into a staging folder, swap it in; the exit status.

    ``say`` reports problems; ``note`` (default ``say``) reports information, which a quiet
    command line leaves out. ``configure`` receives the Reflect plugin before the build.
    """
    note = note or say
    try:
        with build_lock(root):
            _check_parent(final)
            restored = recover(final)
            if restored:
                note(restored)
            return _build_locked(root, config_file, strict, final, check, say, note, configure)
    except PublishError as exc:
        say(str(exc))
    except OSError as exc:
        if exc.errno not in USER_ERRNOS:
            raise
        say(describe_os_error(exc, final))
    say(_text("untouched", site=final))
    return EXIT_CONTENT


def _build_locked(root: Path, config_file: Path, strict: bool, final: Path,
                  check: Callable[[Path, bool], int], say: Callable[[str], None],
                  note: Callable[[str], None], configure: Callable[[Any], None] | None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.publish.fingerprint import build_fingerprint, read_fingerprint, write_fingerprint
    from generator.publish.hosting import make_world_readable
    from generator.cli.terminal import Progress

    fingerprint = build_fingerprint(root, config_file, strict)
    if (final / "index.html").is_file() and read_fingerprint(root, final) == fingerprint:
        note(_text("up_to_date", site=final))
        return EXIT_OK
    status = check(root, strict)
    if status != EXIT_OK:
        return status
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(final, "build"), dir=final.parent))
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
        config.plugins["reflect"].config.project_dir = str(root)
        if configure is not None:
            configure(config.plugins["reflect"])
        with Progress(_text("progress"), quiet=bool(os.environ.get("REFLECT_QUIET"))):
            build(config)
            # Each other published language: its own site in <lang>/ (same page paths), in the
            # same staging folder, so that a failure of any language publishes none.
            for language in config.plugins["reflect"].other_languages():
                other = load_config(config_file=str(config_file), site_dir=str(staging / language), strict=strict)
                other.plugins["reflect"].config.project_dir = str(root)
                other.plugins["reflect"].config.language = language
                if configure is not None:
                    configure(other.plugins["reflect"])
                build(other)
        make_world_readable(staging)  # any static host serves it, whatever the umask
        _test_pause("built")
        swap_in(staging, final)
    except (Abort, ConfigurationError) as exc:
        say(str(exc))
        say(_text("failed"))
        return EXIT_CONTENT
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):  # without it the next build only rebuilds
        write_fingerprint(root, final, fingerprint)
    note(_text("built", site=final))
    return EXIT_OK


def _check_parent(final: Path) -> None:
    for folder in (final, *final.parents):
        if os.path.lexists(folder) and not folder.is_dir():
            if folder == final:
                raise PublishError(_text("not_a_site_folder", path=final))
            raise PublishError(_text("not_a_folder", path=final, file=folder))
        if folder.is_dir():
            return
