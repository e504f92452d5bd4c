"""What a second language costs: the bundled content built with and without its Welsh site.

    python bench/languages.py [--repeat 3]

Copies the project (content, questions, mkdocs.yml) into bench/out/languages/, then, for the
default language alone (the Welsh language's ``publish_incomplete`` set to false) and for both
languages (set to true), runs ``reflect build`` cold (no site folder, no printable cache)
``--repeat`` times and reports, as its last line, one JSON object:

seconds_one / seconds_both   median wall time of the cold build
seconds_ratio                both / one
mib_one / mib_both           bytes of the built site folder, MiB
pages_one / pages_both       HTML pages in the site folder
printables_one / _both       PDF and DOCX files in the site folder

Nothing here is asserted (see RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "languages"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764115200"}


def copy_project(target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("content", "questions", "docs"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


def set_publish_incomplete(project: Path, value: bool) -> None:
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    text, changed = re.subn(r"(?m)^(\s+publish_incomplete:).*$", rf"\1 {'true' if value else 'false'}", text)
    if not changed:
        raise SystemExit("content/settings.yml has no publish_incomplete under languages: nothing to compare")
    settings.write_text(text, encoding="utf-8")


def cold_build(project: Path) -> float:
    for folder in (project / "site", project / ".reflect-cache"):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "-q", "--project", str(project), "build"],
                   cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(project: Path, both: bool, repeat: int) -> dict[str, float]:
    set_publish_incomplete(project, both)
    seconds = statistics.median(cold_build(project) for _ in range(repeat))
    site = project / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    return {
        "seconds": round(seconds, 2),
        "mib": round(sum(path.stat().st_size for path in files) / 2**20, 1),
        "pages": sum(1 for path in files if path.suffix == ".html"),
        "printables": sum(1 for path in files if path.suffix in (".pdf", ".docx")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project = copy_project(OUT / "project")
    one, both = measure(project, False, args.repeat), measure(project, True, args.repeat)
    result = {f"{name}_{which}": value for which, figures in (("one", one), ("both", both))
              for name, value in figures.items()}
    result["seconds_ratio"] = round(both["seconds"] / one["seconds"], 2)
    for which, figures in (("default language only", one), ("default language and Welsh", both)):
        print(f"{which:28} {figures['seconds']:6.2f} s  {figures['mib']:6.1f} MiB  "
              f"{figures['pages']:4} pages  {figures['printables']:3} printables")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
