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
    by_mkdocs, by_properdocs = files(built_site), files(tmp_path / "properdocs")
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
