"""The ``reflect`` command: check the content, build the site, preview it, export the schema.

    reflect check [--strict]       validate every content file; report every problem at once
    reflect build [--strict]       check, then build the site atomically into site/
    reflect serve [--dev-addr]     preview with live reload (content/ and questions/ watched)
    reflect schema [--output DIR]  write JSON Schemas of the content files for editors

Exit status: 0 success, 1 content problems (each printed as ``path:line:col: message``),
2 an internal error in Reflect itself (a bug: please report it with the message shown).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from .diagnostics import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_INTERNAL = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _check(root: Path, strict: bool) -> int:
    return _checked(root, strict)[0]


def _checked(root: Path, strict: bool):
    """The exit status of checking the content, and the Project when it loaded."""
    from .project import load_project

    try:
        project = load_project(root)
    except ContentError as exc:
        _say(exc.report())
        return EXIT_CONTENT, None
    return _report(project, strict), project


def _report(project, strict: bool) -> int:
    from .strings import load_catalogue

    words = load_catalogue(project.settings.site.language)

    def say(name: str, **values) -> None:
        _say(words.text(f"cli.check.{name}", **values))

    for warning in project.warnings:
        _say(str(warning))
    if strict and project.warnings:
        say("strict_warnings", count=len(project.warnings))
        return EXIT_CONTENT
    unfilled = project.unfilled_placeholders()
    if unfilled:
        if strict:
            for item in unfilled:
                _say(str(item))
            say("strict_placeholders", count=len(unfilled))
            return EXIT_CONTENT
        names = sorted({u.name for u in project.placeholder_uses if project.placeholder_value(u.name) is None})
        say("placeholders_note", uses=words.text("cli.check.uses", count=len(unfilled)),
            placeholders=words.text("cli.check.placeholders", count=len(names)), names=", ".join(names))
    say("content_ok", counts=", ".join((
        words.text("cli.check.guides", count=len(project.guides)),
        words.text("cli.check.sets", count=len(project.question_sets)),
        words.text("cli.check.questions", count=len(project.questions)),
        words.text("cli.check.themes", count=len(project.themes)),
        words.text("cli.check.subthemes", count=len(project.subthemes)),
    )))
    return EXIT_OK


def _english(name: str, **values) -> str:
    from .strings import load_catalogue

    return load_catalogue("en").text(f"cli.check.{name}", **values)


def _mkdocs_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def _build(root: Path, config_file: Path, strict: bool, site_dir: Path | None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    from .fingerprint import build_fingerprint, read_fingerprint, write_fingerprint

    final = (site_dir or root / "site").resolve()
    fingerprint = build_fingerprint(root, config_file, strict)
    if (final / "index.html").is_file() and read_fingerprint(root, final) == fingerprint:
        _say(_english("up_to_date", site=final))
        return EXIT_OK
    status, project = _checked(root, strict)
    if status != EXIT_OK:
        return status
    final.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (*final.parent.glob(".site-build-*"), *final.parent.glob(".site-old-*")):
        shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=final.parent))
    try:
        config = _mkdocs_config(config_file, site_dir=str(staging), strict=strict)
        plugin = config.plugins["reflect"]
        plugin.config.project_dir = str(root)
        plugin.projects.put(project)  # checked just now: the site build does not load it again
        build(config)
    except (Abort, ConfigurationError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        _say(str(exc))
        _say(_english("build_failed"))
        return EXIT_CONTENT
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, final)
    write_fingerprint(root, final, fingerprint)
    _say(_english("built", site=final))
    return EXIT_OK


def _swap_in(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` so that a reader never sees a half-built site."""
    retired = None
    if final.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=final.parent))
        os.rmdir(retired)
        os.rename(final, retired)
    os.rename(staging, final)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _serve(root: Path, config_file: Path, dev_addr: str | None) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    status = _check(root, strict=False)
    if status != EXIT_OK:
        _say(_english("serve_again"))
        return status
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    # MkDocs loads the configuration itself here: tell the plugin which project to preview.
    from .mkdocs_plugin import PROJECT_DIR_VARIABLE

    os.environ[PROJECT_DIR_VARIABLE] = str(root)
    try:
        # Dirty rebuilds: only pages whose generated text changed are rendered again (pages
        # are rewritten only when their text changes), so an edit shows fast on large banks.
        # Menus of untouched pages refresh on the next full build.
        serve(config_file=str(config_file), livereload=True, build_type="dirty", **kwargs)
    except (Abort, ConfigurationError) as exc:
        _say(str(exc))
        return EXIT_CONTENT
    return EXIT_OK


def _schema(output: Path) -> int:
    from .schema import write_schemas

    for path in write_schemas(output):
        _say(f"wrote {path}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reflect", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--config", type=Path, default=None, help="mkdocs.yml (default: PROJECT/mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content only")
    check.add_argument("--strict", action="store_true", help="also fail on unfilled placeholders")
    build = commands.add_parser("build", help="check, then build the site into site/")
    build.add_argument("--strict", action="store_true",
                       help="fail on unfilled placeholders and on any site warning (broken link or anchor)")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: PROJECT/site)")
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default=None, help="address:port (default 127.0.0.1:8000)")
    schema = commands.add_parser("schema", help="write JSON Schemas of the content files")
    schema.add_argument("--output", type=Path, default=Path("schema"), help="folder (default: schema)")
    args = parser.parse_args(argv)

    root = args.project.resolve()
    config_file = (args.config or root / "mkdocs.yml").resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        if args.command == "check":
            return _check(root, args.strict)
        if args.command == "build":
            return _build(root, config_file, args.strict, args.site_dir)
        if args.command == "serve":
            return _serve(root, config_file, args.dev_addr)
        return _schema(args.output)
    except KeyboardInterrupt:
        _say("Interrupted.")
        return 130
    except Exception:  # an internal error, not a content problem
        _say("Reflect hit an internal error (a bug in Reflect, not in your content):")
        _say("".join(traceback.format_exc(limit=-3)).rstrip())
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
