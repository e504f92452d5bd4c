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


def write_zip(site: Path, destination: Path, folder: str = "site") -> Path:
    """``site`` as a zip whose entries sit under ``folder/``: unzip and open index.html.

    Entries are sorted, dated from ``SOURCE_DATE_EPOCH`` when set (else 1980-01-01) and
    marked readable by all, so the same site gives the same bytes.
    """
    import time
    import zipfile

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(max(int(epoch), 315532800)) [:6] if epoch else (1980, 1, 1, 0, 0, 0)
    temporary = destination.with_name(f".{destination.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site).as_posix()
            if path.is_dir() or path.name.startswith(".reflect"):
                continue
            info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=stamp)
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    os.chmod(temporary, FILE_MODE)
    os.replace(temporary, destination)
    return destination
