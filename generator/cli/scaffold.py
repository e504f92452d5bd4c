"""``reflect new DIR``: a new project folder that builds at once, from a starter.

A project is a small ``mkdocs.yml``, ``content/``, ``questions/`` and the deploy recipes;
the theme, scripts and stylesheets come from the installed package. The folder must be
new or empty: nothing is ever overwritten.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
import os
import shutil
import tempfile
from pathlib import Path

from generator.publish.recipes import write_recipes

STARTERS_DIR = Path(__file__).resolve().parent.parent / "starters"
BUNDLED_INSTALLED = Path(__file__).resolve().parent.parent / "bundled"
BUNDLED_SOURCE = Path(__file__).resolve().parent.parent.parent
STARTERS = ("report", "self-assessment", "topic-guide")

MKDOCS_YML = """\
# A Reflect project. Pages, navigation, site name and edit links come from the content
# (content/ and questions/) through the `reflect` plugin; edit those, not this.
# Reflect's theme overrides, stylesheets and scripts come from the installed package.
# To change the theme, add `custom_dir: overrides` under `theme:` and put files there.
site_name: Reflect
docs_dir: docs                    # empty: every page is generated from the YAML content
site_dir: site
use_directory_urls: false         # works from file:// and any static host
strict: false

theme:
  name: material
  font: false                     # system fonts: no Google Fonts request
  language: en
  features:
    - content.action.edit
    - navigation.sections
    - navigation.top
    - navigation.prune
    - search.highlight
    - toc.follow
  palette:
    scheme: default
    primary: indigo
    accent: indigo
  icon:
    edit: material/file-document-edit-outline

plugins:
  - reflect
  - search:
      lang: en
  - offline                       # search index inlined; works opened from disk

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - def_list
  - tables
  - toc:
      permalink: true
      permalink_title: Link to this section
  - pymdownx.superfences

extra:
  generator: false                # no "Made with" link to a third-party site

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""

GITIGNORE = "site/\n.reflect-cache/\n*.zip\n"


class FolderNotEmpty(Exception):
    """``reflect new`` refuses a folder that already holds something."""


def bundled_root() -> Path:
    """The folder holding the bundled report's ``content/`` and ``questions/``."""
    return BUNDLED_INSTALLED if (BUNDLED_INSTALLED / "content").is_dir() else BUNDLED_SOURCE


def _layers(starter: str) -> list[Path]:
    if starter == "report":
        return [bundled_root()]
    return [STARTERS_DIR / starter.replace("-", "_")]


def new_project(target: Path, starter: str,
                finish: Callable[[Path], list[Path]] | None = None) -> list[Path]:
    """Create the project; return the files written. Raises FolderNotEmpty.

    The project is written into a new sibling folder, ``finish`` (if given) completes it there
    (the language, the list of sample values) and returns the files it wrote, then the folder is
    renamed into place in one step: two ``reflect new`` into one folder cannot mix their
    starters (the second is refused), and no one sees a project without its sample list.
    """
    if starter not in STARTERS:
        raise ValueError(starter)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FolderNotEmpty(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:  # named by the folder asked for, not the sibling
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # as a folder made by mkdir would be, not mkdtemp's 0700
        written = _write_project(staging, starter)
        if finish is not None:
            written += finish(staging)
        try:
            os.rename(staging, target)  # replaces an empty folder; fails on one that has files
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                raise FolderNotEmpty(str(target)) from None
            raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [target / path.relative_to(staging) for path in written]


def _write_project(target: Path, starter: str) -> list[Path]:
    """Write a starter's files into the (new, empty) folder ``target``."""
    written: list[Path] = []
    for layer in _layers(starter):
        for folder in ("content", "questions"):
            source = layer / folder
            if not source.is_dir():
                continue
            for path in sorted(source.rglob("*.yml")):
                destination = target / folder / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                written.append(destination)
    (target / "docs").mkdir()
    for name, text in (("mkdocs.yml", MKDOCS_YML), (".gitignore", GITIGNORE), ("docs/.gitkeep", "")):
        (target / name).write_text(text, encoding="utf-8")
        written.append(target / name)
    written.extend(write_recipes(target, site_url=None))
    return written
