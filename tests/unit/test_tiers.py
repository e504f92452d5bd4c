"""The README's test command collects every test file in every tier.

pytest skips folders named ``build`` unless told otherwise, which once
left the whole ``tests/build`` tier out of the default run without a word.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_command_collects_every_test_file():
    written = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
    }
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    collected = {line.split("::", 1)[0] for line in listing.stdout.splitlines() if "::" in line}
    assert written - collected == set(), listing.stdout[-2000:]
    assert {"unit", "build", "browser"} <= {Path(name).parts[1] for name in collected}
