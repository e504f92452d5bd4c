"""The engine's future: the bundled site built by ProperDocs (the maintained fork of MkDocs
1.x, pinned in the test extras) is the same site MkDocs builds, so switching is a one-line
change of the build command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')
BUILD_TIME = re.compile(rb'"(built|created)": ?"[^"]*"')  # the build's own time, in the data files


def engine_build(engine: str, project: Path, output: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", engine, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(output)],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def normal(data: bytes) -> bytes:
    return BUILD_TIME.sub(b"", GENERATOR_META.sub(b"", data))


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    project = built_site.parent  # built by MkDocs (reflect build); its printables are cached
    engine_build("properdocs", project, tmp_path / "properdocs")
    # `properdocs build` (like `mkdocs build`) builds the default language's site; `reflect build`
    # builds the others below it, each with the plugin's `language` set (compared below)
    by_mkdocs = {name: data for name, data in files(built_site).items() if not name.startswith("cy/")}
    by_properdocs = files(tmp_path / "properdocs")
    assert sorted(by_mkdocs) == sorted(by_properdocs)
    pages = [name for name in by_mkdocs if name.endswith(".html")]
    assert len(pages) > 30 and "question-sets/organisations-self-evaluation.html" in pages
    different = [
        name for name in by_mkdocs
        if normal(by_mkdocs[name]) != normal(by_properdocs[name])
        and not name.endswith((".gz",))
    ]
    assert different == []
    assert b"ProperDocs" in by_properdocs["index.html"]  # it really was the other engine


def test_properdocs_builds_the_same_welsh_site_as_mkdocs(built_site, tmp_path):
    project = built_site.parent
    assert (built_site / "cy" / "index.html").is_file()  # the bundled content publishes its Welsh site
    config = project / "mkdocs-cy.yml"  # the plugin told to build the Welsh site, as reflect build does
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("  - reflect\n", "  - reflect:\n      language: cy\n", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site" / "cy")],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    config.unlink()
    assert result.returncode == 0, result.stderr[-3000:]
    by_mkdocs, by_properdocs = files(built_site / "cy"), files(tmp_path / "site" / "cy")
    assert sorted(by_mkdocs) == sorted(by_properdocs)
    different = [name for name in by_mkdocs if normal(by_mkdocs[name]) != normal(by_properdocs[name])
                 and not name.endswith(".gz")]
    assert different == []
    assert b'<html lang="cy"' in by_properdocs["index.html"] and b"ProperDocs" in by_properdocs["index.html"]
