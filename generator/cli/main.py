"""The ``reflect`` command: check the content, build the site, preview it, export the schema.

    reflect check [--strict]       validate every content file; report every problem at once
    reflect build [--strict]       check, then build the site atomically into site/
    reflect serve [--dev-addr]     preview with live reload (content/ and questions/ watched)
    reflect schema [--output DIR]  write JSON Schemas of the content files for editors
    reflect new DIR [--starter S] [--language L]  start a project in a new folder
    reflect init-hosting           write deploy recipes (GitHub/GitLab Pages, Netlify, nginx, Apache)
    reflect release                record this content version in content/releases/
    reflect changes OLD [NEW]      what changed between two versions (folders, .json records, git revisions)

Exit status: 0 success, 1 content problems (each printed as ``path:line:col: message``) or an
output folder that cannot be written, 2 an internal error in Reflect itself (a bug: please
report it with the message shown), 64 a usage error (unknown command or option).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path

from generator.source.diagnostics import ContentError, capped_lines
from generator.publish.status import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exits with 2, our internal-error code
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _say(message: str) -> None:
    from generator.cli.terminal import paint

    print(paint(message, sys.stderr), file=sys.stderr)


def _note(message: str) -> None:
    """Information, not a problem: silent with -q."""
    if not os.environ.get("REFLECT_QUIET"):
        print(message, file=sys.stderr)


def _progress(label: str):
    """The live line a build shows on a terminal (one plain line through a pipe)."""
    from generator.cli.terminal import Progress

    return Progress(label, quiet=bool(os.environ.get("REFLECT_QUIET")))


def _check(root: Path, strict: bool, strict_translations: bool = False) -> int:
    return _checked(root, strict, strict_translations)[0]


def _checked(root: Path, strict: bool, strict_translations: bool = False):
    """The exit status of checking the content, and the Project when it loaded."""
    from generator.project import load_project

    try:
        project = load_project(root)
    except ContentError as exc:
        _say(exc.report())
        return EXIT_CONTENT, None
    return _report(project, strict, strict_translations), project


def _report(project, strict: bool, strict_translations: bool = False) -> int:
    from generator.project.numbering import words_for
    from generator.strings import has_catalogue

    words = words_for(project)

    def say(name: str, **values) -> None:
        _say(words.text(f"cli.check.{name}", **values))

    def note(name: str, **values) -> None:
        _note(words.text(f"cli.check.{name}", **values))

    for line in capped_lines(sorted((*project.warnings, *project.stale_translations))):  # at most 50 per file
        _say(line)
    stale = set(project.stale_translations)
    if strict_translations:  # where each untranslated text is; otherwise the summary per language says how many
        for line in capped_lines(sorted(n for n in project.translation_notes if n not in stale)):
            _note(line)  # what is not translated yet: information, silent with -q
    failing = [w for w in project.warnings if w.severity == "warning"]  # notes ("info") never fail
    unfilled = project.unfilled_placeholders()
    if strict and (failing or unfilled):  # everything strict fails on, listed together
        for item in unfilled:
            _say(str(item))
        if failing:
            say("strict_warnings", count=len(failing))
        if unfilled:
            say("strict_placeholders", count=len(unfilled))
        return EXIT_CONTENT
    if strict_translations and project.stale_translations:  # listed above with the other notes
        say_languages = words.text("cli.languages.strict_stale", count=len(project.stale_translations))
        _say(say_languages)
        return EXIT_CONTENT
    _translation_summary(project, words)
    if unfilled:
        names = sorted({u.name for u in project.placeholder_uses if project.placeholder_value(u.name) is None})
        note("placeholders_note", uses=words.text("cli.check.uses", count=len(unfilled)),
             placeholders=words.text("cli.check.placeholders", count=len(names)), names=", ".join(names))
    if not project.settings.site.url:
        _note(words.text("cli.publishing.site_url_unset"))
    from generator.project.numbering import kind_names
    from generator.strings import grouped_overrides

    own = {*grouped_overrides(project.settings.strings), *kind_names(project)}
    missing = [name for name in words.missing() if name not in own]
    if missing and not has_catalogue(words.language):  # any BCP 47 tag builds: English, marked lang="en"
        _note(words.text("cli.languages.no_catalogue", language=words.language, count=len(missing)))
    elif missing:  # they show in English, marked lang="en" on the site
        _note(words.text("cli.languages.missing", count=len(missing), language=words.language,
                         names=", ".join(missing)))
    note("content_ok", counts=", ".join((
        words.text("cli.check.guides", count=len(project.guides)),
        words.text("cli.check.sets", count=len(project.question_sets)),
        words.text("cli.check.questions", count=len(project.questions)),
        words.text("cli.check.themes", count=len(project.themes)),
        words.text("cli.check.subthemes", count=len(project.subthemes)),
    )))
    return EXIT_OK


def _translation_summary(project, words) -> None:
    """One note per language the content is translated into: how much is translated, missing, stale."""
    from collections import Counter

    from generator.project.translations import text_states

    for language in project.translations.languages:
        counts = Counter(state.state for state in text_states(project, language))
        total = sum(counts.values())
        _note(words.text("cli.languages.translated", language=language, translated=counts["translated"],
                         total=total, missing=counts["missing"], stale=counts["stale"]))


def _translations(root: Path, args) -> int:
    """``reflect translations export|import``: the translator's CSV file (see generator/cli/translation_files.py)."""
    from generator.project import load_project
    from generator.cli.translation_files import export_csv, import_csv

    try:
        project = load_project(root)
    except ContentError as exc:
        _say(exc.report())
        return EXIT_CONTENT
    from generator.project.numbering import words_for

    words = words_for(project)

    def text(name: str, **values) -> str:
        return words.text(f"cli.translations.{name}", **values)

    languages = project.translations.languages
    language = args.language or (languages[0] if len(languages) == 1 else None)
    if language not in languages:
        _say(text("choose_language", languages=", ".join(languages) or text("no_languages")))
        return EXIT_USAGE
    if args.step == "export":
        output = args.output or Path(f"translations-{language}.csv")
        output.write_bytes(export_csv(project, language))
        _note(text("exported", language=language, path=output))
        return EXIT_OK
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        _say(text("cannot_read", path=args.file, reason=exc.strerror))
        return EXIT_CONTENT
    changed, problems = import_csv(project, language, data, args.file.as_posix())
    for problem in problems:
        _say(str(problem))
    if problems:
        _say(text("nothing_imported"))
        return EXIT_CONTENT
    for file in changed:
        _note(text("imported", language=language, path=file))
    return _check(root, strict=False)


def _english(name: str, **values) -> str:
    from generator.strings import load_catalogue

    return load_catalogue("en").text(f"cli.check.{name}", **values)


def _build(root: Path, config_file: Path, strict: bool, site_dir: Path | None, zip_: bool = False,
           strict_translations: bool = False) -> int:
    from generator.publish.output import build_site  # lock, staging, atomic swap: see generator/publish/output.py

    checked = {}

    def check(root: Path, strict: bool) -> int:
        status, checked["project"] = _checked(root, strict, strict_translations)
        return status

    def configure(plugin) -> None:
        plugin.projects.put(checked["project"])  # checked just now: the site build does not load it again

    final = (site_dir or root / "site").resolve()
    status = build_site(root, config_file, strict, final, check, _say, _note, configure, progress=_progress)
    if status == EXIT_OK:
        from generator.publish.hosting import write_zip
        from generator.publish.recipes import update_header_snippets

        for path in update_header_snippets(root, final):
            _note(f"Security headers for the server configuration written to {path}")
        if zip_:
            _note(f"Zip for opening from disk written to {write_zip(final, final.with_suffix('.zip'))}")
        _engine_notice()
    return status


def _engine_notice() -> None:
    """Material's end-of-life date, which Material prints only when run as ``mkdocs``."""
    from generator.strings import load_catalogue

    _note(load_catalogue("en").text("cli.publishing.engine_notice"))


def _serve(root: Path, config_file: Path, dev_addr: str | None) -> int:
    from generator.engine.run import EngineFailed, serve_preview

    status = _check(root, strict=False)
    if status != EXIT_OK:
        _say(_english("serve_again"))
        return status
    try:
        serve_preview(config_file, root, dev_addr)
    except EngineFailed as exc:
        _say(str(exc))
        return EXIT_CONTENT
    return EXIT_OK


def _shorter_path(path: str, folder: Path) -> str:
    """``path`` as seen from ``folder``: relative when that is shorter than absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, folder)
    return relative if len(relative) < len(absolute) else absolute


def reflect_command(folder: Path, argv0: str | None = None, python: str | None = None) -> str:
    """The command that runs this same Reflect from ``folder``, as the user can type it.

    ``reflect`` when it was found on the PATH; otherwise the path of the program actually run
    (``.venv/bin/reflect`` as ``../.venv/bin/reflect`` from a new project), or the Python
    that ran ``-m generator.cli``.
    """
    import shlex
    import shutil

    argv0 = sys.argv[0] if argv0 is None else argv0
    program = Path(argv0)
    if program.suffix == ".py":  # python -m generator.cli
        interpreter = _shorter_path(python or sys.executable, folder)
        return f"{shlex.quote(interpreter)} -m generator.cli"
    if os.sep not in argv0 and shutil.which(argv0):
        return argv0
    return shlex.quote(_shorter_path(argv0, folder))


def _new(target: Path, starter: str, language: str | None = None) -> int:
    from generator.cli.scaffold import STARTERS_DIR, FolderNotEmpty, new_project
    from generator.project.starter_samples import record_samples, set_language

    def finish(staging: Path) -> list[Path]:
        """The chosen language and the starter's sample values, written before the project appears."""
        if starter == "report":  # the bundled report is real content, not samples
            return []
        if language:
            set_language(staging, language)
        samples = record_samples(staging, STARTERS_DIR / starter.replace("-", "_"), language)
        return [samples] if samples else []

    try:
        written = new_project(target.resolve(), starter, finish)
    except FolderNotEmpty:
        _say(f"{target} is not empty: 'reflect new' writes only into a new or empty folder. Nothing was written.")
        return EXIT_CONTENT
    except OSError as exc:  # the folder's parent cannot be written (no permission, read-only, /proc)
        from generator.publish.output import describe_os_error

        _say(describe_os_error(exc, target))
        return EXIT_CONTENT
    import shlex

    command = reflect_command(target.resolve())
    _note(f"New Reflect project ({starter}) in {target}: {len(written)} files. "
          f"Next: cd {shlex.quote(str(target))} && {command} build")
    return EXIT_OK


def _init_hosting(root: Path) -> int:
    from generator.publish.recipes import recipes, write_recipes

    site_url = None
    try:
        from generator.project import load_project

        site_url = load_project(root).settings.site.url
    except ContentError:
        pass  # the recipes do not need the content; the sub-path defaults to the root
    written = write_recipes(root, site_url)
    for name in recipes(site_url):
        path = root / name
        _note(f"{'wrote' if path in written else 'kept (exists)'} {path}")
    elsewhere = "" if root.resolve() == Path.cwd().resolve() else f" --project {root}"
    _note(f"Run '{reflect_command(Path.cwd())}{elsewhere} build' to write the security-header snippets the nginx and Apache files include.")
    return EXIT_OK


def _schema(output: Path) -> int:
    from generator.models.schema import write_schemas

    for path in write_schemas(output):
        _say(f"wrote {path}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from generator import reflect_version

    parser = _Parser(prog="reflect", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"reflect {reflect_version()}")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    talk.add_argument("-v", "--verbose", action="store_true", help="also print what MkDocs does")
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--config", type=Path, default=None, help="mkdocs.yml (default: PROJECT/mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content only")
    check.add_argument("--strict", action="store_true", help="also fail on unfilled placeholders")
    check.add_argument("--strict-translations", action="store_true", help="also fail on stale translations")
    build = commands.add_parser("build", help="check, then build the site into site/")
    build.add_argument("--strict", action="store_true",
                       help="fail on unfilled placeholders and on any site warning (broken link or anchor)")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: PROJECT/site)")
    build.add_argument("--strict-translations", action="store_true", help="also fail on stale translations")
    build.add_argument("--zip", action="store_true", help="also write site.zip, to open from disk (intranets)")
    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default=None, help="address:port (default 127.0.0.1:8000)")
    schema = commands.add_parser("schema", help="write JSON Schemas of the content files")
    schema.add_argument("--output", type=Path, default=Path("schema"), help="folder (default: schema)")
    new = commands.add_parser("new", help="start a new project in an empty folder")
    new.add_argument("directory", type=Path)
    new.add_argument("--starter", choices=("report", "self-assessment", "topic-guide"), default="self-assessment",
                     help="what to start from (default: self-assessment)")
    new.add_argument("--language", default=None, metavar="TAG",
                     help="the site's language (BCP 47, e.g. cy): the starter's English text is then listed as "
                     "samples to replace")
    translations = commands.add_parser("translations", help="hand a translator a CSV file, and read it back")
    steps = translations.add_subparsers(dest="step", required=True)
    export = steps.add_parser("export", help="write every text and its translation so far to a CSV file")
    export.add_argument("--language", default=None, help="language tag (default: the only one in settings)")
    export.add_argument("--output", type=Path, default=None, help="file (default: translations-<language>.csv)")
    imported = steps.add_parser("import", help="write a translator's CSV file into the content files")
    imported.add_argument("file", type=Path)
    imported.add_argument("--language", default=None, help="language tag (default: the only one in settings)")
    commands.add_parser("init-hosting", help="write deploy recipes for an existing project (never overwrites)")
    commands.add_parser("release", help="record this content version in content/releases/ (the site compares the next with it)")
    changes = commands.add_parser("changes", help="print what changed between two versions of the questions")
    changes.add_argument("old", help="a project folder, a release record or project.json, or a git revision")
    changes.add_argument("new", nargs="?", default=None, help="the same kinds (default: the project itself)")
    args = parser.parse_args(argv)

    root = args.project.resolve()
    config_file = (args.config or root / "mkdocs.yml").resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's own box; Reflect says it once, below
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s - %(message)s")
    if args.quiet:
        os.environ["REFLECT_QUIET"] = "1"  # read by _note (no module state)
    try:
        if args.command == "check":
            return _check(root, args.strict, args.strict_translations)
        if args.command == "serve":
            _engine_notice()
        if args.command == "build":
            return _build(root, config_file, args.strict, args.site_dir, args.zip, args.strict_translations)
        if args.command == "new":
            return _new(args.directory, args.starter, args.language)
        if args.command == "translations":
            return _translations(root, args)
        if args.command == "init-hosting":
            return _init_hosting(root)
        if args.command == "serve":
            return _serve(root, config_file, args.dev_addr)
        if args.command in ("release", "changes"):
            from generator.cli import releases as release_commands

            if args.command == "release":
                return release_commands.record_release(root, _say, _note)
            return release_commands.print_changes(root, args.old, args.new, _say, print)
        return _schema(args.output)
    except KeyboardInterrupt:
        _say("Interrupted.")
        return 130
    except Exception:  # an internal error, not a content problem
        _say("Reflect hit an internal error (a bug in Reflect, not in your content):")
        _say("".join(traceback.format_exc(limit=-3)).rstrip())
        return EXIT_INTERNAL
    finally:
        os.environ.pop("REFLECT_QUIET", None)

def run_command() -> None:
    """The ``reflect`` program: :func:`main`, then the process ends at once.

    A build leaves hundreds of megabytes of objects (the Project, every tree and page) that
    nothing needs once the site is published; freeing them one by one as the interpreter shuts
    down took over a second on a large bank (``bench/RESULTS.md``). So the interpreter's exit
    handlers run (logging, the worker pools' clean-up), the output is flushed, and the process
    ends without that teardown. :func:`main` itself returns, for callers in the same process.
    """
    import atexit

    code = main()
    atexit._run_exitfuncs()  # what a normal exit runs first: handlers of logging, multiprocessing
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run_command()
