"""A fingerprint of everything a site build reads, so an unchanged project is not rebuilt.

It covers the content and question files, the site configuration and theme overrides, the
vendored browser assets, Reflect's own code, the versions of the libraries that render, and
the settings that change output (``SOURCE_DATE_EPOCH``, ``--strict``). When the fingerprint
of the last successful build into a folder matches, nothing is re-rendered or rewritten.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

STORE = Path(".reflect-cache") / "site-fingerprints"
LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pydantic", "pyyaml",
             "nh3", "typst", "font-source-sans-pro", "python-docx")


def _files(root: Path, config_file: Path) -> list[Path]:
    from generator.engine.theme import theme_dir

    package = Path(__file__).resolve().parent.parent  # all of Reflect's code
    found = [config_file]
    for folder in (root / "content", root / "questions", root / "overrides", package, theme_dir()):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    found += sorted((root / "node_modules" / "iframe-worker").rglob("*.js"))
    return found


def build_fingerprint(root: Path, config_file: Path, strict: bool) -> str:
    digest = hashlib.sha256()
    for path in _files(root, config_file):
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"missing")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\nstrict={strict}\n".encode())
    return digest.hexdigest()


def _record(root: Path, site: Path) -> Path:
    name = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:32]
    return root / STORE / name


def read_fingerprint(root: Path, site: Path) -> str | None:
    try:
        return _record(root, site).read_text(encoding="ascii").strip()
    except OSError:
        return None


def write_fingerprint(root: Path, site: Path, fingerprint: str) -> None:
    record = _record(root, site)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(fingerprint + "\n", encoding="ascii")
