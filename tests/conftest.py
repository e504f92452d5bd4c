"""Shared fixtures: the bundled project, a built copy of its site, a real browser."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(destination: Path) -> Path:
    """A private copy of the bundled project (content, questions, config, theme overrides)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("content", "questions", "overrides"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def reflect(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``reflect`` command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled project built once per test session into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("bundled") / "project")
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def project():
    from generator.project import load_project

    return load_project(ROOT)


# --- the preview (reflect serve) -------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> str:
    """The page at ``url`` (a request the server holds fails here)."""
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def start_preview(project: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """``reflect serve`` on a free loopback port; its output goes to ``log`` (never a full pipe)."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "--project", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
        )
    return server, f"http://127.0.0.1:{port}/"


def wait_until_served(url: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    """Wait until the preview answers ``url`` (failing with its output if it stops or takes too long)."""
    import time

    deadline = time.time() + seconds
    while True:
        try:
            fetch(url)
            return
        except OSError:
            assert time.time() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.3)

