"""The engine's theme: Reflect's template overrides, stylesheets, scripts and vendored files.

Their source is the repository's top-level ``overrides/`` folder; an installed package
carries a copy as ``generator/theme/`` (see ``pyproject.toml``). A project may have its
own ``custom_dir`` on top; the engine's theme always sits between it and Material, so a
project holds only ``mkdocs.yml``, ``content/`` and ``questions/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PACKAGE_THEME = Path(__file__).resolve().parent.parent / "theme"
SOURCE_THEME = Path(__file__).resolve().parent.parent.parent / "overrides"
# Load order of the browser tools: the pure parts first (the views use them), then the core
# every view needs, then the views; results and comparison before the worksheet that calls them.
# The worksheet's and the composer's own views come before reflect-worksheet.js and
# reflect-compose.js, which gather their methods and start the tool.
SCRIPT_ORDER = (
    "reflect-strings.js", "reflect-hash.js", "reflect-answers.js", "reflect-sheet.js",
    "reflect-store.js", "reflect-guides.js", "reflect-composed.js", "reflect-compare.js",
    "reflect-paging.js", "reflect-banked.js", "reflect-core.js", "reflect-a11y.js",
    "reflect-bank-filters.js", "reflect-bank-table.js", "reflect-bank-guide.js", "reflect-bank.js", "reflect-results.js",
    "reflect-group.js", "reflect-worksheet-form.js", "reflect-worksheet-alerts.js",
    "reflect-worksheet-files.js", "reflect-worksheet.js", "reflect-compose-choose.js",
    "reflect-compose-guide.js", "reflect-compose.js",
)


def theme_dir() -> Path:
    """The installed copy when there is one, else the source tree's ``overrides/``."""
    return PACKAGE_THEME if PACKAGE_THEME.is_dir() else SOURCE_THEME


def _assets(folder: str, suffix: str, skip: tuple[str, ...] = ()) -> list[str]:
    base = theme_dir() / "assets" / folder
    names = sorted(p.name for p in base.glob(f"reflect*{suffix}") if p.name not in skip)
    names.sort(key=lambda name: (SCRIPT_ORDER.index(name) if name in SCRIPT_ORDER else len(SCRIPT_ORDER)))
    return [f"assets/{folder}/{name}" for name in names]


def add_engine_theme(config: Any) -> None:
    """Put the engine's theme under the project's own and link its stylesheets and scripts."""
    engine = theme_dir()
    dirs = config.theme.dirs
    if engine.resolve() not in {Path(d).resolve() for d in dirs}:
        dirs.insert(1 if config.theme.custom_dir else 0, str(engine))
    for css in _assets("stylesheets", ".css", skip=("reflect-print.css", "reflect-source.css")):
        if css not in config.extra_css:
            config.extra_css.append(css)
    present = {str(getattr(script, "path", script)) for script in config.extra_javascript}
    for script in _assets("javascripts", ".js"):
        if script not in present:
            config.extra_javascript.append(script)
