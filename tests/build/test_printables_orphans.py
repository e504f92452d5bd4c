"""A build killed while its printables render leaves no process behind.

The printable files render in worker processes started through a fork server. If the main
process is killed (a preview stopped with SIGTERM, a build ended by its CI runner), the workers
must end too, and with them the fork server, instead of waiting for work for ever.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import copy_project


def processes_mentioning(text: str, besides: int) -> list[int]:
    """The ids of live processes (other than ``besides``) whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == besides:
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended while we looked
            continue
        if text in command and state != "Z":
            found.append(int(entry.name))
    return found


def test_killing_the_build_ends_its_workers_and_fork_server(tmp_path):
    project = copy_project(tmp_path / "killed-build")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # The fork server and its workers carry the project folder in their command line (their
    # sys.path starts with the folder the command ran in).
    mark = str(project)
    try:
        deadline = time.time() + 120
        while len(processes_mentioning(mark, besides=build.pid)) < 3:  # the server and two workers
            assert build.poll() is None, "the build ended before its workers were seen"
            assert time.time() < deadline, "no worker processes were started"
            time.sleep(0.05)
        build.send_signal(signal.SIGKILL)  # no clean-up of any kind in the main process
        build.wait(timeout=10)

        deadline = time.time() + 20
        while left := processes_mentioning(mark, besides=build.pid):
            if time.time() > deadline:
                break
            time.sleep(0.1)
        assert left == [], f"processes left behind by the killed build: {left}"
    finally:
        if build.poll() is None:
            build.kill()
        for pid in processes_mentioning(mark, besides=os.getpid()):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
