"""What may be read from the content folders: nothing outside the project, no crash on oddities.

Publishers' folders hold more than content files: editors leave lock and backup files (Emacs
makes ``.#page.yml`` links to nowhere while a file is edited), people link files in, and a
copy can bring named pipes or broken links. Under ``content/`` and ``questions/``:

* editor lock and backup files (``.#*``, ``*~``, ``.*.swp`` and the like, ``#*#``) are ignored;
* a symbolic link is followed only when it resolves inside the project folder; one that
  leaves it is refused with a message (its target would otherwise be rendered, indexed for
  search and published under ``site/source/``);
* a link to nowhere, a link loop, a named pipe, socket or device, and a folder that cannot
  be read are reported with their path, never a crash.

:func:`readable` is the test the file finders use; :func:`tree_problems` lists the messages.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.source.diagnostics import Diagnostic, Position

CONTENT_FOLDERS = ("content", "questions")
_EDITOR_FILE = re.compile(r"^(\.#.*|.*~|\..*\.sw[a-p]|#.*#)$")
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device"}


def is_editor_file(name: str) -> bool:
    """An editor's lock, swap or backup file (``.#page.yml``, ``page.yml~``, ``.page.yml.swp``)."""
    return bool(_EDITOR_FILE.match(name))


def resolved(path: Path, folders: dict[Path, Path] | None = None) -> Path:
    """``path`` with its links followed; ``folders`` keeps each folder's resolution for one search.

    A file that is no link itself resolves inside its folder's resolution, so a search
    over many files resolves each folder once instead of every file's whole path.
    """
    if folders is None or path.is_symlink():
        return path.resolve(strict=True)
    parent = folders.get(path.parent)
    if parent is None:
        parent = folders[path.parent] = path.parent.resolve(strict=True)
    return parent / path.name


def _inside(path: Path, root: Path, folders: dict[Path, Path] | None = None) -> bool:
    try:
        where = resolved(path, folders)
    except (OSError, RuntimeError):
        return False
    return where == root or root in where.parents


def readable(path: Path, root: Path, folders: dict[Path, Path] | None = None) -> bool:
    """Whether ``path`` is a regular file, inside the project once links are followed."""
    if is_editor_file(path.name) or any(is_editor_file(part) for part in path.relative_to(root).parts):
        return False
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
    except (OSError, RuntimeError):
        return False
    if folders is None:
        return _inside(path, root.resolve())
    base = folders.get(root)
    if base is None:
        base = folders[root] = root.resolve()
    return _inside(path, base, folders)


def tree_problems(root: Path) -> list[Diagnostic]:
    """A message for every link, special file or unreadable folder under the content folders."""
    root = Path(root).resolve()
    problems: list[Diagnostic] = []
    for folder in CONTENT_FOLDERS:
        if (root / folder).is_dir() or (root / folder).is_symlink():
            _walk(root / folder, root, problems)
    return problems


def _problem(path: Path, root: Path, message: str, problems: list[Diagnostic]) -> None:
    problems.append(Diagnostic(Position(path.relative_to(root).as_posix()), message))


def _walk(folder: Path, root: Path, problems: list[Diagnostic]) -> None:
    if folder.parent == root and folder.is_symlink() and not _check_link(folder, root, problems):
        return
    try:
        entries = sorted(Path(entry.path) for entry in os.scandir(folder))
    except OSError as exc:
        _problem(folder, root, f"cannot read this folder: {exc.strerror}", problems)
        return
    for path in entries:
        if is_editor_file(path.name):
            continue
        if path.is_symlink() and not _check_link(path, root, problems):
            continue
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            _problem(path, root, f"cannot read: {exc.strerror}", problems)
            continue
        if stat.S_ISDIR(mode) and path.suffix in (".yml", ".yaml"):
            _problem(path, root, "this is a folder, not a file; content files are files ending in .yml",
                     problems)
        if stat.S_ISDIR(mode) and not path.is_symlink():  # linked folders: checked, not walked twice
            _walk(path, root, problems)
        elif stat.S_IFMT(mode) in _KINDS:
            kind = _KINDS[stat.S_IFMT(mode)]
            _problem(path, root, f"this is {kind}, not a file; remove it from the content folders", problems)


def _check_link(path: Path, root: Path, problems: list[Diagnostic]) -> bool:
    """Report a link that is broken, loops or leaves the project; True if it may be followed."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        _problem(path, root, f"symbolic link to a missing file ('{target}'); remove the link or restore "
                             "its target", problems)
        return False
    except (OSError, RuntimeError):
        _problem(path, root, f"symbolic link loop ('{target}'); remove the link", problems)
        return False
    if resolved != root and root not in resolved.parents:
        _problem(path, root, f"symbolic link to '{resolved}', outside the project; it is not read. "
                             "Copy the file into the project instead", problems)
        return False
    return True
