"""``reflect release`` and ``reflect changes``: record a version, say what changed between two.

A version is named on the command line as a project folder, a release record or
``project.json`` file, or a git revision of the project (read with ``git archive`` into a
temporary folder, never touching the work tree).
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Callable

from generator.project import versions
from generator.source.diagnostics import ContentError, Diagnostic, Position
from generator.publish.status import EXIT_CONTENT, EXIT_OK
from generator.strings import Catalogue


def release_path(root: Path, version: str) -> Path:
    """``content/releases/<version>.json``, the version made safe as a file name."""
    return root / versions.RELEASES_FOLDER / (re.sub(r"[^A-Za-z0-9._-]", "-", version).strip(".") + ".json")


def record_release(root: Path, say: Callable[[str], None], note: Callable[[str], None]) -> int:
    """Write this edition's release record; loading the project already refused a clash of numbers."""
    from generator.project.numbering import words_for
    from generator.project import load_project

    try:
        project = load_project(root)
    except ContentError as exc:
        say(exc.report())
        return EXIT_CONTENT
    words = words_for(project)
    version = project.settings.site.content_version
    path = release_path(root, version)
    shown = path.relative_to(root).as_posix()
    if any(r.content_version == version for r in project.releases):
        note(words.text("cli.changes.release_exists", version=version, path=shown))
        return EXIT_OK
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(versions.release_json(project))
    note(words.text("cli.changes.release_written", version=version, path=shown))
    return EXIT_OK


class _Version:
    """One side of a comparison: its snapshot, and the Project when it was a folder."""

    def __init__(self, snapshot: versions.Snapshot, project: Any = None):
        self.snapshot, self.project = snapshot, project


def _read_version(root: Path, spec: str, scratch: Path) -> _Version:
    """A folder, a JSON record, or a git revision of the project at ``root``; ContentError if none."""
    from generator.project import load_project

    path = Path(spec)
    if not path.exists() and (root / spec).exists():  # a path inside the project, such as a release record
        path = root / spec
    if path.is_dir():
        project = load_project(path)
        return _Version(versions.snapshot_of(project), project)
    if path.is_file():
        try:
            return _Version(versions.snapshot_from_text(path.read_text(encoding="utf-8-sig"), spec))
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError([Diagnostic(Position(spec), f"cannot be read: {exc}")]) from None
        except versions.SnapshotError as exc:
            raise ContentError([exc.diagnostic]) from None
    folder = _git_checkout(root, spec, scratch)
    project = load_project(folder)
    return _Version(versions.snapshot_of(project), project)


def _git_checkout(root: Path, revision: str, scratch: Path) -> Path:
    """The project as it was at ``revision``, extracted into ``scratch``."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ContentError([Diagnostic(Position(revision), "is neither a project folder nor a .json release record, "
                                       f"and {root} is not in a git repository")])
    prefix = git("rev-parse", "--show-prefix").stdout.decode().strip()
    archive = subprocess.run(["git", "-C", top.stdout.decode().strip(), "archive", "--format=tar", revision, "--",
                              prefix or "."], capture_output=True, check=False)
    if archive.returncode != 0:
        reason = archive.stderr.decode(errors="replace").strip().splitlines()
        raise ContentError([Diagnostic(Position(revision), "is neither a project folder, a .json release record nor a "
                                       f"git revision of {root}: {reason[-1] if reason else 'git archive failed'}")])
    target = scratch / re.sub(r"[^A-Za-z0-9._-]", "-", revision)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / prefix if prefix else target


def _replaced_positions(version: _Version, unknown: list[tuple[Any, int, str]]) -> list[Diagnostic]:
    """Each unknown id in ``replaces`` at its ``path:line:col`` (re-read: a loaded Project keeps no positions)."""
    from generator.source.reader import load_yaml_file

    problems = []
    sources: dict[str, Any] = {}
    for question, index, ident in unknown:
        where: Position = Position(version.snapshot.origin)
        if version.project is not None:
            file = question.origin_file
            if file not in sources:
                loaded, _ = load_yaml_file(version.project.root / file, file)
                sources[file] = loaded.source if loaded else None
            if sources[file] is not None:
                where = sources[file].position(question.origin_path + ("replaces", index))
        problems.append(Diagnostic(where, f"question '{question.id}' replaces '{ident}', which neither version has"))
    return problems


def compare_versions(root: Path, old_spec: str, new_spec: str | None) -> tuple[versions.Changes, Any]:
    """The changes from OLD to NEW (default: the project at ``root``), and NEW's Project when it is one;
    ContentError lists every problem."""
    with tempfile.TemporaryDirectory(prefix="reflect-changes-") as scratch:
        problems: list[Diagnostic] = []
        sides = []
        for spec in (old_spec, new_spec or str(root)):
            try:
                sides.append(_read_version(root, spec, Path(scratch)))
            except ContentError as exc:
                problems += exc.diagnostics
        if problems:
            raise ContentError(problems)
        old, new = sides
        if new.project is not None:
            questions = [e.question for e in new.project.questions]
            known = (old.snapshot, new.snapshot, *new.project.releases)  # the releases it records are known too
            problems += _replaced_positions(new, versions.unknown_replaced(known, questions))
        where = Position(new.snapshot.origin, 1, 1)
        if new.project is not None:
            where = _settings_position(new.project.root, ("site", "content_version"))
        clash = versions.same_number_problem(old.snapshot, new.snapshot, where)
        if clash:
            problems.append(clash)
        if problems:
            raise ContentError(problems)
        return versions.compare(old.snapshot, new.snapshot), new.project


def _settings_position(root: Path, path: tuple) -> Position:
    from generator.source.reader import load_yaml_file

    loaded, _ = load_yaml_file(root / "content" / "settings.yml", str(root / "content" / "settings.yml"))
    return loaded.source.position(path) if loaded else Position(str(root / "content" / "settings.yml"))


def changes_lines(changes: versions.Changes, words: Catalogue) -> list[str]:
    """What ``reflect changes`` prints, line by line."""
    def t(name: str, **values: Any) -> str:
        return words.text(f"cli.changes.{name}", **values)

    def texts(qs: tuple[versions.VersionedQuestion, ...]) -> str:
        return ", ".join(q.id for q in qs)

    def scale(options: tuple[versions.ScaleOption, ...]) -> str:
        return ", ".join(f"{o.value} {o.label}" for o in options)

    old, new = changes.old, changes.new
    lines = [t("heading", old=old.content_version, old_date=old.publication_date or "?",
               new=new.content_version, new_date=new.publication_date or "?")]
    unchanged = []
    for owner in changes.owners:
        if owner.status == "unchanged":
            unchanged.append(owner.id)
            continue
        lines.append(t("guide" if owner.kind == "guide" else "question_set", id=owner.id, title=owner.title))
        if owner.status in ("added", "removed"):
            lines.append(t(f"owner_{owner.status}"))
        if owner.rescaled:
            lines.append(t("rescaled", old=scale(owner.old_scale), new=scale(owner.new_scale)))
        for change in owner.changes:
            if change.kind == "added":
                lines.append(t("added", id=change.new[0].id, text=change.new[0].text))
            elif change.kind == "removed":
                lines.append(t("removed", id=change.old[0].id, text=change.old[0].text))
            elif change.kind == "reworded":
                lines += [t("reworded", id=change.new[0].id), t("before", text=change.old[0].text),
                          t("after", text=change.new[0].text)]
            elif change.kind == "moved":
                lines.append(t("moved", id=change.new[0].id, old=change.old_section, new=change.new_section))
            elif change.kind == "renamed":
                lines += [t("renamed", old=change.old[0].id, new=change.new[0].id), t("before", text=change.old[0].text),
                          t("after", text=change.new[0].text)]
            elif change.kind == "split":
                lines.append(t("split", old=change.old[0].id, new=texts(change.new)))
                lines.append(t("before", text=change.old[0].text))
                lines += [t("after", text=q.text) for q in change.new]
            elif change.kind == "merged":
                lines.append(t("merged", old=texts(change.old), new=change.new[0].id, text=change.new[0].text))
    if not changes.changed:
        lines.append(t("no_changes"))
    elif unchanged:
        lines.append(t("unchanged", owners=", ".join(unchanged)))
    return lines


def print_changes(root: Path, old_spec: str, new_spec: str | None, say: Callable[[str], None],
                  out: Callable[[str], None]) -> int:
    from generator.project.numbering import words_for
    from generator.strings import load_catalogue

    try:
        changes, project = compare_versions(root, old_spec, new_spec)
    except ContentError as exc:
        say(exc.report())
        return EXIT_CONTENT
    words = words_for(project) if project is not None else load_catalogue("en")
    for line in changes_lines(changes, words):
        out(line)
    return EXIT_OK
