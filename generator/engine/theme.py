"""The engine's theme: Reflect's template overrides, stylesheets, scripts and vendored files.

Their source is the repository's top-level ``overrides/`` folder; an installed package
carries a copy as ``generator/theme/`` (see ``pyproject.toml``). A project may have its
own ``custom_dir`` on top; the engine's theme always sits between it and Material, so a
project holds only ``mkdocs.yml``, ``content/`` and ``questions/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_THEME = Path(__file__).resolve().parent.parent / "theme"
SOURCE_THEME = Path(__file__).resolve().parent.parent.parent / "overrides"
def theme_dir() -> Path:
    """The installed copy when there is one, else the source tree's ``overrides/``."""
    return PACKAGE_THEME if PACKAGE_THEME.is_dir() else SOURCE_THEME


SCRIPTS_DIR = "assets/javascripts"


@dataclass(frozen=True)
class ScriptManifest:
    """The browser tools' scripts (``assets/javascripts/scripts.json``): what each needs loaded
    before it, which run on every page, which on every page of a multilingual site, and which
    scripts each tool's page loads."""

    needs: dict[str, tuple[str, ...]]
    every_page: tuple[str, ...]  # e.g. the header repairs; with what they need
    tools: dict[str, str]  # a tool's mount-point id: the script that starts it
    multilingual: tuple[str, ...] = ()  # every page of a site in more than one language (the switch)

    @classmethod
    def read(cls, folder: Path | None = None) -> "ScriptManifest":
        data = json.loads(((folder or theme_dir()) / SCRIPTS_DIR / "scripts.json").read_text(encoding="utf-8"))
        return cls({name: tuple(needs) for name, needs in data["needs"].items()}, tuple(data["every_page"]),
                   dict(data["tools"]), tuple(data.get("multilingual", ())))

    def in_order(self, wanted: tuple[str, ...] | list[str]) -> list[str]:
        """``wanted`` with everything it needs, each after what it needs (raises on a cycle or an unknown name)."""
        ordered: list[str] = []
        visiting: set[str] = set()

        def place(name: str) -> None:
            if name in ordered:
                return
            if name not in self.needs:
                raise ValueError(f"scripts.json: {name} is needed but not listed")
            if name in visiting:
                raise ValueError(f"scripts.json: {name} needs itself (through {sorted(visiting)})")
            visiting.add(name)
            for needed in self.needs[name]:
                place(needed)
            visiting.discard(name)
            ordered.append(name)

        for name in wanted:
            place(name)
        return ordered

    def page_scripts(self) -> list[str]:
        """What every page loads in its ``<head>`` order: the core and the every-page scripts."""
        return self.in_order(["reflect-core.js", *self.every_page])

    def multilingual_scripts(self) -> list[str]:
        """What every page of a site in more than one language loads after :meth:`page_scripts`."""
        base = set(self.page_scripts())
        return [name for name in self.in_order(list(self.multilingual)) if name not in base]

    def tool_scripts(self) -> dict[str, list[str]]:
        """Per tool (by mount-point id), the scripts its page loads on top of every page's, in order."""
        base = set(self.page_scripts())
        return {tool: [name for name in self.in_order([start]) if name not in base] for tool, start in self.tools.items()}


def _assets(folder: str, suffix: str, skip: tuple[str, ...] = ()) -> list[str]:
    base = theme_dir() / "assets" / folder
    return [f"assets/{folder}/{p.name}" for p in sorted(base.glob(f"reflect*{suffix}")) if p.name not in skip]


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
    for name in ScriptManifest.read().page_scripts():  # the tools' own load when a page mounts them
        if f"{SCRIPTS_DIR}/{name}" not in present:
            config.extra_javascript.append(f"{SCRIPTS_DIR}/{name}")
