"""The ``reflect`` program ends without the interpreter's teardown: its output, exit code and
exit handlers must survive that."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_piped_output_and_exit_code_of_a_failed_check(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(tmp_path), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/settings.yml: required file is missing" in result.stderr
    assert result.stderr.rstrip().endswith("errors found.")


def test_piped_output_of_a_passing_check():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(ROOT), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith("Content OK:")


def test_exit_handlers_run_and_buffered_output_is_written(tmp_path):
    script = (
        "import atexit, sys\n"
        "from generator.cli import run_command\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "print('buffered before the command')\n"
        f"sys.argv = ['reflect', '--project', {str(tmp_path)!r}, 'check']\n"
        "run_command()\n"
        "print('never reached')\n"
    )
    result = _run(script)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["buffered before the command", "handler ran"]
