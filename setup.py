"""Packaging hook: the installed package carries the engine's theme and the bundled report.

Their source stays where the product design puts it (``overrides/``, ``content/``,
``questions/``); building a wheel copies them into ``generator/theme`` and
``generator/bundled``, so a publisher needs Python only (no Node, no clone). Everything
else is configured in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COPIES = {
    "overrides": "generator/theme",
    "content": "generator/bundled/content",
    "questions": "generator/bundled/questions",
    "generator/starters": "generator/starters",
}


def _skip_docs_dir(folder, names):
    # overrides/docs is the bundled project's (empty) docs_dir, not part of the theme
    return ["docs"] if Path(folder).resolve() == ROOT / "overrides" else []


class BuildWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the source tree
        for source, target in COPIES.items():
            shutil.copytree(ROOT / source, Path(self.build_lib) / target, dirs_exist_ok=True,
                            ignore=_skip_docs_dir)


setup(cmdclass={"build_py": BuildWithData})
