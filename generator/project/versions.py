"""Versions of the questions: fingerprints, release records and what changed between two.

A question's or statement's fingerprint is a hash of what it means (its form and its
words, whitespace evened out); a scale's is a hash of its label and its options' values,
labels and descriptions. Prompts, sources and links are not part of a fingerprint: an
answer given to the question still answers it when they change.

A *snapshot* is what a version of a project asks: every guide and question set with its
sections and questions. It is made from a loaded Project, from a release record the
publisher keeps in ``content/releases/<content_version>.json`` (``reflect release`` writes
one), or from a published ``data/project.json``. :func:`compare` says what changed from one
snapshot to another, owner by owner: added, reworded, moved, renamed, split, merged,
removed, and whether a set's scale changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from generator.source.diagnostics import Diagnostic, Position

RELEASES_FOLDER = "content/releases"
RELEASE_FORMAT = "reflect-release"
FINGERPRINT_LENGTH = 16  # hex digits: 64 bits, far from any chance collision in one project


def normalised(text: str) -> str:
    """Text as compared: Unicode NFC, runs of whitespace as one space, no space at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _digest(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def question_fingerprint(text: str, form: str = "question") -> str:
    """The fingerprint of a question (or statement, by ``form``) with these words."""
    return _digest({"form": form, "text": normalised(text)})


def scale_fingerprint(label: str, options: Iterable[tuple[Any, str, str | None]]) -> str:
    """The fingerprint of a scale: its label and each option's (value, label, description)."""
    return _digest({
        "label": normalised(label),
        "options": [[str(value), normalised(text), normalised(about or "")] for value, text, about in options],
    })


# --- snapshots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionedQuestion:
    id: str
    text: str
    form: str
    fingerprint: str
    replaces: tuple[str, ...]
    section: str  # the section's id
    number: int  # counted through its guide or set


@dataclass(frozen=True)
class ScaleOption:
    value: Any
    label: str


@dataclass(frozen=True)
class VersionedOwner:
    kind: str  # "guide" or "question-set"
    id: str
    title: str
    sections: tuple[tuple[str, str], ...]  # (id, title)
    questions: tuple[VersionedQuestion, ...]
    scale_label: str = ""
    scale: tuple[ScaleOption, ...] = ()
    scale_fingerprint: str = ""

    def section_title(self, section_id: str) -> str:
        return dict(self.sections).get(section_id, section_id)


@dataclass(frozen=True)
class Snapshot:
    content_version: str
    publication_date: str
    owners: tuple[VersionedOwner, ...]
    origin: str = ""  # where it was read, for messages

    @property
    def questions(self) -> dict[str, tuple[VersionedOwner, VersionedQuestion]]:
        return {q.id: (owner, q) for owner in self.owners for q in owner.questions}

    def content_key(self) -> tuple:
        """What "the same content" means: every owner's questions, where they sit, and its scale."""
        return tuple(
            (o.kind, o.id, o.scale_fingerprint, tuple((q.id, q.section, q.fingerprint, q.replaces) for q in o.questions))
            for o in sorted(self.owners, key=lambda o: (o.kind, o.id))
        )


def snapshot_of(project: Any) -> Snapshot:
    """The snapshot of a loaded Project."""
    owners = []
    for owner in (*project.guides_in_appendix_order, *project.question_sets):
        kind = "question-set" if hasattr(owner, "scale") else "guide"
        questions = []
        number = 0
        for section in owner.sections:
            for q in section.questions:
                number += 1
                form = getattr(q, "form", "question")
                questions.append(VersionedQuestion(q.id, normalised(q.text), form, question_fingerprint(q.text, form),
                                                   tuple(q.replaces), section.id, number))
        scale = getattr(owner, "scale", None)
        owners.append(VersionedOwner(
            kind, owner.id, normalised(owner.title), tuple((s.id, normalised(s.title)) for s in owner.sections),
            tuple(questions),
            scale_label=normalised(scale.label) if scale else "",
            scale=tuple(ScaleOption(o.value, normalised(o.label)) for o in scale.options) if scale else (),
            scale_fingerprint=owner_scale_fingerprint(owner) if scale else "",
        ))
    site = project.settings.site
    return Snapshot(site.content_version, site.publication_date, tuple(owners), "content/settings.yml")


def owner_scale_fingerprint(qset: Any) -> str:
    scale = qset.scale
    return scale_fingerprint(scale.label, ((o.value, o.label, o.description) for o in scale.options))


def fingerprints(project: Any) -> dict[str, dict[str, str]]:
    """Every question's and statement's fingerprint by id, and every set's scale's, by set id."""
    snap = snapshot_of(project)
    return {
        "questions": {q.id: q.fingerprint for o in snap.owners for q in o.questions},
        "scales": {o.id: o.scale_fingerprint for o in snap.owners if o.kind == "question-set"},
    }


def release_record(project: Any) -> dict[str, Any]:
    """What ``content/releases/<content_version>.json`` holds: enough to compare versions and
    carry answers across (the same keys as ``data/project.json``, which is read the same way)."""
    snap = snapshot_of(project)

    def owner_data(o: VersionedOwner) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": o.id,
            "title": o.title,
            "sections": [
                {"id": sid, "title": title, "questions": [
                    {"id": q.id, "form": q.form, "text": q.text, "replaces": list(q.replaces)}
                    for q in o.questions if q.section == sid
                ]}
                for sid, title in o.sections
            ],
        }
        if o.kind == "question-set":
            qset = project.set_by_id[o.id]
            data["scale"] = {
                "label": qset.scale.label,
                "options": [{"value": x.value, "label": x.label, "description": x.description} for x in qset.scale.options],
            }
        return data

    return {
        "format": RELEASE_FORMAT,
        "content_version": snap.content_version,
        "site": {"publication_date": snap.publication_date},
        "fingerprints": fingerprints(project),
        "guides": [owner_data(o) for o in snap.owners if o.kind == "guide"],
        "question_sets": [owner_data(o) for o in snap.owners if o.kind == "question-set"],
    }


def release_json(project: Any) -> bytes:
    return (json.dumps(release_record(project), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class SnapshotError(ValueError):
    """A release record or project.json that cannot be read; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def snapshot_from_text(text: str, origin: str) -> Snapshot:
    """The snapshot in a release record or a ``project.json``; raises SnapshotError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotError(Diagnostic(Position(origin, exc.lineno, exc.colno), f"not JSON: {exc.msg}")) from None
    return snapshot_from_data(data, origin)


def snapshot_from_data(data: Any, origin: str) -> Snapshot:
    def fail(message: str) -> SnapshotError:
        return SnapshotError(Diagnostic(Position(origin, 1, 1), message))

    def text(value: Any, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{what} is missing or not text")
        return value

    if not isinstance(data, dict):
        raise fail("not a release record (content/releases/) or project.json: expected an object")
    version = text(data.get("content_version"), "content_version")
    site = data.get("site") if isinstance(data.get("site"), dict) else {}
    date = site.get("publication_date") if isinstance(site.get("publication_date"), str) else ""
    owners = []
    for kind, key in (("guide", "guides"), ("question-set", "question_sets")):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise fail(f"'{key}' is not a list")
        for item in items:
            if not isinstance(item, dict):
                raise fail(f"an entry of '{key}' is not an object")
            owner_id = text(item.get("id"), f"an id in '{key}'")
            sections, questions, number = [], [], 0
            for section in item.get("sections") or []:
                if not isinstance(section, dict):
                    raise fail(f"a section of '{owner_id}' is not an object")
                sid = text(section.get("id"), f"a section id in '{owner_id}'")
                sections.append((sid, normalised(str(section.get("title") or sid))))
                for q in section.get("questions") or []:
                    if not isinstance(q, dict):
                        raise fail(f"a question of '{owner_id}' is not an object")
                    number += 1
                    qid = text(q.get("id"), f"a question id in '{owner_id}'")
                    words = text(q.get("text"), f"the text of question '{qid}'")
                    form = q.get("form") if q.get("form") in ("question", "statement") else "question"
                    replaces = q.get("replaces") or []
                    if not isinstance(replaces, list) or not all(isinstance(r, str) for r in replaces):
                        raise fail(f"'replaces' of question '{qid}' is not a list of ids")
                    questions.append(VersionedQuestion(qid, normalised(words), form, question_fingerprint(words, form),
                                                       tuple(replaces), sid, number))
            scale = item.get("scale") if isinstance(item.get("scale"), dict) else None
            options = [o for o in (scale or {}).get("options") or [] if isinstance(o, dict)]
            owners.append(VersionedOwner(
                kind, owner_id, normalised(str(item.get("title") or owner_id)), tuple(sections), tuple(questions),
                scale_label=normalised(str(scale.get("label") or "")) if scale else "",
                scale=tuple(ScaleOption(o.get("value"), normalised(str(o.get("label") or ""))) for o in options),
                scale_fingerprint=scale_fingerprint(
                    str(scale.get("label") or ""),
                    ((o.get("value"), str(o.get("label") or ""), o.get("description")) for o in options),
                ) if scale else "",
            ))
    return Snapshot(version, date, tuple(owners), origin)


def read_releases(root: Path) -> tuple[tuple[Snapshot, ...], list[Diagnostic]]:
    """The release records in ``content/releases/``, oldest first, and any problems reading them."""
    folder = root / RELEASES_FOLDER
    found: list[Snapshot] = []
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return (), problems
    for path in sorted(folder.glob("*.json")):
        display = path.relative_to(root).as_posix()
        try:
            found.append(snapshot_from_text(path.read_text(encoding="utf-8-sig"), display))
        except SnapshotError as exc:
            problems.append(exc.diagnostic)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Diagnostic(Position(display), f"cannot be read: {exc}"))
    seen: dict[str, Snapshot] = {}
    for snap in found:
        if snap.content_version in seen:
            problems.append(Diagnostic(Position(snap.origin, 1, 1), f"release {snap.content_version} is recorded twice "
                                       f"(also in {seen[snap.content_version].origin})"))
        else:
            seen[snap.content_version] = snap
    return tuple(sorted(seen.values(), key=release_order)), problems


def release_order(snap: Snapshot) -> tuple:
    """Oldest first: by publication date, then by version number read as numbers where it has them."""
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", snap.content_version))
    return (snap.publication_date, parts)


def timeline(project: Any) -> tuple[Snapshot, ...]:
    """The recorded releases, oldest first, ending with this edition (its own record, or itself)."""
    current = snapshot_of(project)
    earlier = tuple(r for r in project.releases if r.content_version != current.content_version)
    return (*earlier, current)


# --- what changed ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionChange:
    kind: str  # added | reworded | moved | renamed | split | merged | removed
    old: tuple[VersionedQuestion, ...]  # the earlier version's question(s), none when added
    new: tuple[VersionedQuestion, ...]  # the later version's question(s), none when removed
    old_section: str = ""  # titles, for a move
    new_section: str = ""


@dataclass(frozen=True)
class OwnerChanges:
    kind: str  # "guide" or "question-set"
    id: str
    title: str
    status: str  # added | removed | changed | unchanged
    changes: tuple[QuestionChange, ...] = ()
    old_scale: tuple[ScaleOption, ...] = ()  # both set only when the scale changed
    new_scale: tuple[ScaleOption, ...] = ()
    old_scale_label: str = ""
    new_scale_label: str = ""

    @property
    def rescaled(self) -> bool:
        return bool(self.old_scale or self.new_scale)

    def of_kind(self, kind: str) -> tuple[QuestionChange, ...]:
        return tuple(c for c in self.changes if c.kind == kind)


CHANGE_KINDS = ("added", "reworded", "moved", "renamed", "split", "merged", "removed")


@dataclass(frozen=True)
class Changes:
    old: Snapshot
    new: Snapshot
    owners: tuple[OwnerChanges, ...] = field(default=())

    @property
    def changed(self) -> tuple[OwnerChanges, ...]:
        return tuple(o for o in self.owners if o.status != "unchanged")

    def of_owner(self, owner_id: str) -> OwnerChanges | None:
        return next((o for o in self.owners if o.id == owner_id), None)


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """What changed from ``old`` to ``new``, per guide and question set (new order, then removed ones).

    A question keeps its id across versions or names the ids it takes the place of in
    ``replaces``: one new question replacing one old one is a rename, several new ones
    replacing one old one a split, one new one replacing several old ones a merge.
    """
    old_questions = old.questions
    new_questions = new.questions
    replacers: dict[str, list[str]] = {}
    for qid, (_, q) in new_questions.items():
        for gone in q.replaces:
            if gone in old_questions and gone not in new_questions:
                replacers.setdefault(gone, []).append(qid)
    per_owner: dict[str, list[QuestionChange]] = {}

    def note(owner_id: str, change: QuestionChange) -> None:
        per_owner.setdefault(owner_id, []).append(change)

    done_merges: set[str] = set()
    for owner in new.owners:
        for q in owner.questions:
            if q.id in old_questions:
                old_owner, before = old_questions[q.id]
                if before.fingerprint != q.fingerprint:
                    note(owner.id, QuestionChange("reworded", (before,), (q,)))
                if before.section != q.section or old_owner.id != owner.id:
                    note(owner.id, QuestionChange("moved", (before,), (q,), old_owner.section_title(before.section),
                                                  owner.section_title(q.section)))
                continue
            gone = [g for g in q.replaces if g in replacers]
            if not gone:
                note(owner.id, QuestionChange("added", (), (q,)))
                continue
            if len(gone) > 1:
                note(owner.id, QuestionChange("merged", tuple(old_questions[g][1] for g in gone), (q,)))
                continue
            siblings = replacers[gone[0]]
            if len(siblings) == 1:
                note(owner.id, QuestionChange("renamed", (old_questions[gone[0]][1],), (q,)))
            elif gone[0] not in done_merges:
                done_merges.add(gone[0])
                note(owner.id, QuestionChange("split", (old_questions[gone[0]][1],),
                                              tuple(new_questions[s][1] for s in siblings)))
    for owner in old.owners:
        for q in owner.questions:
            if q.id not in new_questions and q.id not in replacers:
                note(owner.id, QuestionChange("removed", (q,), ()))
    old_owners = {o.id: o for o in old.owners}
    new_ids = {o.id for o in new.owners}
    result = []
    for owner in new.owners:
        before_owner = old_owners.get(owner.id)
        changes = tuple(sorted(per_owner.get(owner.id, ()), key=lambda c: CHANGE_KINDS.index(c.kind)))
        if before_owner is None:
            result.append(OwnerChanges(owner.kind, owner.id, owner.title, "added", changes))
            continue
        rescaled = owner.kind == "question-set" and before_owner.scale_fingerprint != owner.scale_fingerprint
        status = "changed" if changes or rescaled else "unchanged"
        result.append(OwnerChanges(
            owner.kind, owner.id, owner.title, status, changes,
            old_scale=before_owner.scale if rescaled else (), new_scale=owner.scale if rescaled else (),
            old_scale_label=before_owner.scale_label if rescaled else "",
            new_scale_label=owner.scale_label if rescaled else "",
        ))
    for owner in old.owners:
        if owner.id not in new_ids:
            changes = tuple(per_owner.get(owner.id, ()))
            result.append(OwnerChanges(owner.kind, owner.id, owner.title, "removed", changes))
    return Changes(old, new, tuple(result))


def same_number_problem(old: Snapshot, new: Snapshot, where: Position) -> Diagnostic | None:
    """Two versions with the same number must have the same content."""
    if old.content_version == new.content_version and old.content_key() != new.content_key():
        return Diagnostic(where, f"content version '{new.content_version}' is also the version of {old.origin}, "
                          "whose questions differ: give this edition a new content_version")
    return None


def unknown_replaced(snapshots: Iterable[Snapshot], questions: Iterable[Any]) -> list[tuple[Any, int, str]]:
    """(question, index in its replaces, id) for each replaced id found in none of ``snapshots``."""
    known = {qid for snap in snapshots for qid in snap.questions}
    return [(q, index, ident) for q in questions for index, ident in enumerate(q.replaces) if ident not in known]


def replacement_cycles(questions: dict[str, Any]) -> list[list[str]]:
    """Cycles of ``replaces`` among current questions (a question replacing itself is one)."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    for start in questions:
        if state.get(start):
            continue
        path: list[str] = []
        stack = [(start, iter(questions[start].replaces))]
        state[start] = 1
        path.append(start)
        while stack:
            node, edges = stack[-1]
            nxt = next((e for e in edges if e in questions), None)
            if nxt is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(questions[nxt].replaces)))
    return cycles


def release_changes(project: Any) -> tuple[Changes, ...]:
    """What changed at each release after the first and at this edition, oldest first."""
    steps = timeline(project)
    return tuple(compare(old, new) for old, new in zip(steps, steps[1:]))


def changes_page_path(version: str) -> str:
    """The site page saying what changed in ``version``."""
    return f"about/changes-{re.sub(r'[^a-z0-9.]+', '-', version.lower()).strip('-.') or 'version'}.md"
