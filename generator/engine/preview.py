"""The preview (``reflect serve``) on top of MkDocs' live-reload server.

- A rebuild that fails on a content error never leaves the server "stuck": MkDocs holds
  every request until a rebuild succeeds, so the builder is wrapped to record the error
  and return. The last good pages stay served, each with an overlay listing every
  problem as ``path:line:col: message``; the next good rebuild reloads the browser and
  the overlay is gone.
- Only true messages: MkDocs' "dirty build" warning (Reflect renders only changed pages on
  purpose) and link warnings about printables still being rendered in the background are
  dropped.
- Every published language: after the default language's site, each other language's is
  rebuilt under it (:func:`preview_languages`).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import Abort

OVERLAY_ID = "reflect-preview-errors"


class PreviewState:
    """The content problems of the last rebuild (empty when it succeeded)."""

    def __init__(self) -> None:
        self.problems: tuple[str, ...] = ()


def overlay(problems: tuple[str, ...], title: str) -> bytes:
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:10000;'
        "max-height:50vh;overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;"
        f'padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif"><h2 style="margin:0 0 .5rem">'
        f"{html.escape(title)}</h2><ul style=\"margin:0;padding-left:1.2rem\">{items}</ul></div>"
    ).encode("utf-8")


def guard(server: Any, builder: Callable[..., None], state: PreviewState, title: str) -> None:
    """Make ``server`` survive content errors and show them on every served page."""
    inject = server._inject_js_into_html

    def inject_with_overlay(content: bytes, epoch: int) -> bytes:
        content = inject(content, epoch)
        if state.problems:
            end = content.rfind(b"</body>")
            if end >= 0:
                content = content[:end] + overlay(state.problems, title) + content[end:]
        return content

    server.builder = safely(builder, state)
    server._inject_js_into_html = inject_with_overlay


def safely(builder: Callable[..., None], state: PreviewState) -> Callable[..., None]:
    """``builder``, recording a content error (or a bug) in ``state`` instead of raising it."""
    log = logging.getLogger("mkdocs.plugins.reflect")

    def safe_builder(config: Any = None) -> None:
        try:
            builder(config)
        except Abort as exc:
            lines = [line for line in str(exc).splitlines()[1:] if line.strip()]
            state.problems = tuple(lines) or (str(exc),)
            log.error("%s", exc)
            return
        except Exception as exc:  # a bug in Reflect: say so, and keep serving the last good pages
            state.problems = (f"Reflect hit an internal error (a bug, not your content): {exc!r}",)
            log.exception("Reflect hit an internal error while rebuilding the preview")
            return
        state.problems = ()

    return safe_builder


class QuietPreviewFilter(logging.Filter):
    """Drops MkDocs messages that are false during Reflect's preview."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("A 'dirty' build is being performed"):
            return False
        if "is not found among documentation files" in message and "downloads/" in message:
            return False  # printables still being rendered in the background
        return True


def quiet_mkdocs() -> None:
    for name in ("mkdocs.commands.build", "mkdocs.structure.pages"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietPreviewFilter) for f in logger.filters):
            logger.addFilter(QuietPreviewFilter())


def preview_languages(config_file: Path, site_dir: Path, project_dir: Path, languages: tuple[str, ...],
                      plugins: dict[str, Any]) -> None:
    """Build each of ``languages``' sites into ``site_dir/<language>`` for the preview.

    MkDocs keeps a single instance of a plugin that has ``on_startup`` for every load of the
    configuration in a process (the ``plugins`` option's cache): the preview keeps one
    Reflect plugin per language instead (in ``plugins``, by language), puts it in that cache
    while its language builds, and puts the default language's back afterwards, so each site
    is rebuilt from its own state. Raises MkDocs' ``Abort`` on a content error, as the
    default language's build does.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    default = cache.get("reflect")
    try:
        for language in languages:
            if language in plugins:
                cache["reflect"] = plugins[language]
            else:
                cache.pop("reflect", None)
            config = load_config(config_file=str(config_file), site_dir=str(site_dir / language))
            plugin = config.plugins["reflect"]
            if language not in plugins:
                plugin.on_startup(command="serve", dirty=True)
                plugins[language] = plugin
            plugin.config.project_dir = str(project_dir)
            plugin.config.language = language
            build(config, dirty=True)
    finally:
        if default is not None:
            cache["reflect"] = default
