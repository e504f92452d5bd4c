"""What a static host needs from the built site folder.

A web server reads the site as its own unprivileged user, and some uploaders (GitHub
Pages' artifact) refuse folders that others cannot read. The staging folder is created
private (``tempfile.mkdtemp`` makes it 0700), so after each build every folder is set to
0755 and every file to 0644, whatever made them.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o755
FILE_MODE = 0o644


def make_world_readable(path: Path) -> None:
    """Folders 0755 and files 0644 under (and including) ``path``; symbolic links untouched."""
    os.chmod(path, DIR_MODE)
    for folder, dirs, files in os.walk(path):
        for name in dirs:
            child = os.path.join(folder, name)
            if not os.path.islink(child):
                os.chmod(child, DIR_MODE)
        for name in files:
            child = os.path.join(folder, name)
            if not os.path.islink(child):
                os.chmod(child, FILE_MODE)
