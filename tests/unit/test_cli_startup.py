"""``reflect --version`` and ``reflect --help`` answer without loading the project layer
(the models, pydantic, the checks): they took 0.6 s when they did."""

import subprocess
import sys

import pytest

LOADED_AFTER = """
import sys
from generator.cli.main import main
try:
    main([{flag!r}])
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted(m for m in sys.modules if m.startswith(("generator.project", "generator.models", "pydantic")))))
"""


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_project_code(flag):
    result = subprocess.run([sys.executable, "-c", LOADED_AFTER.format(flag=flag)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    printed, loaded = result.stdout.split("LOADED:")
    assert printed.startswith("reflect 0" if flag == "--version" else "usage: reflect")
    assert loaded.strip() == ""
