"""Running the engine: one build of a site into a folder, or the live preview.

Everything that starts MkDocs goes through here, so the stages after the engine
(:mod:`generator.publish`, :mod:`generator.cli`) never import it: swapping MkDocs for
ProperDocs or another engine changes this module and the plugin, nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class EngineFailed(Exception):
    """The engine stopped on the project's configuration or content; the message says why."""


def build_into(config_file: Path, site_dir: Path, strict: bool, project_dir: Path,
               configure: Callable[[Any], None] | None = None) -> None:
    """Build the project's site into ``site_dir`` (raises :class:`EngineFailed`): the default
    language's site at its root, each other published language's site in ``<language>/``
    (the same page paths), so that a failure of any language publishes none.

    ``configure`` receives the Reflect plugin before each build (the tests use it to set options).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    def configured(folder: Path, language: str | None):
        config = load_config(config_file=str(config_file), site_dir=str(folder), strict=strict)
        plugin = config.plugins["reflect"]
        plugin.config.project_dir = str(project_dir)
        if language is not None:
            plugin.config.language = language
        if configure is not None:
            configure(plugin)
        return config

    try:
        config = configured(site_dir, None)
        build(config)
        for language in config.plugins["reflect"].other_languages():
            build(configured(site_dir / language, language))
    except (Abort, ConfigurationError) as exc:
        raise EngineFailed(str(exc)) from exc


def serve_preview(config_file: Path, project_dir: Path, dev_addr: str | None) -> None:
    """Preview the project with live reload until interrupted (raises :class:`EngineFailed`)."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.engine.mkdocs_plugin import PROJECT_DIR_VARIABLE

    # MkDocs loads the configuration itself here: tell the plugin which project to preview.
    os.environ[PROJECT_DIR_VARIABLE] = str(project_dir)
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        # Dirty rebuilds: only pages whose generated text changed are rendered again (pages
        # are rewritten only when their text changes), so an edit shows fast on large banks.
        # Menus of untouched pages refresh on the next full build.
        serve(config_file=str(config_file), livereload=True, build_type="dirty", **kwargs)
    except (Abort, ConfigurationError) as exc:
        raise EngineFailed(str(exc)) from exc
