"""The "What changed" page of each release: per question set and guide, the old and new words
side by side (from :func:`generator.project.versions.compare`), and the notice a changed set's or
guide's page carries."""

from __future__ import annotations

from typing import Any

from generator.project import addresses as paths
from generator.project import versions
from generator.document import nodes as n
from generator.document.build import Builder


def owner_anchor(owner_id: str) -> str:
    return f"changes-{owner_id}"


def _owner_page(owner: versions.OwnerChanges) -> str:
    return paths.appendix_page(owner.id) if owner.kind == "guide" else paths.question_set_page(owner.id)


def changes_page(b: Builder, changes: versions.Changes, earlier: tuple[versions.Changes, ...] = ()) -> n.Page:
    old, new = changes.old, changes.new
    title = b.t("changes.title", version=new.content_version)
    body: list[Any] = [
        b.heading(1, title),
        b.para(b.t("changes.intro", new=new.content_version, new_date=new.publication_date or "",
                   old=old.content_version, old_date=old.publication_date or "")),
    ]
    current = {o.id for o in b.p.guides} | {s.id for s in b.p.question_sets}
    unchanged = []
    for owner in changes.owners:
        if owner.status == "unchanged":
            unchanged.append(owner.title)
            continue
        heading = (b.page_link(_owner_page(owner), owner.title),) if owner.id in current else (n.Text(owner.title),)
        body.append(b.heading(2, heading, owner_anchor(owner.id)))
        if owner.status in ("added", "removed"):
            body.append(b.para(b.t(f"changes.owner_{owner.status}")))
        if owner.rescaled:
            body.append(b.heading(3, b.t("changes.rescaled")))
            body.append(_scale_table(b, changes, owner))
        for kind in versions.CHANGE_KINDS:
            found = owner.of_kind(kind)
            if found:
                body.append(b.heading(3, b.t(f"changes.{kind}")))
                body.append(_table(b, changes, found))
    if not changes.changed:
        body.append(b.para(b.t("changes.no_changes")))
    elif unchanged:
        body.append(b.para(b.t("changes.unchanged", owners=", ".join(unchanged))))
    if earlier:
        body.append(b.heading(2, b.t("changes.earlier")))
        body.append(n.ItemList(tuple(
            (b.page_link(versions.changes_page_path(c.new.content_version), b.t("changes.title", version=c.new.content_version)),)
            for c in reversed(earlier)
        )))
    return b.page(versions.changes_page_path(new.content_version), title, body, None)


def _headers(b: Builder, changes: versions.Changes) -> tuple[str, str, str]:
    return (b.t("changes.col_question"), b.t("changes.col_before", version=changes.old.content_version),
            b.t("changes.col_after", version=changes.new.content_version))


def _cell(text: str) -> n.Cell:
    return n.Cell((n.Text(text),))


def _table(b: Builder, changes: versions.Changes, found: tuple[versions.QuestionChange, ...]) -> n.Table:
    none = b.t("changes.none")
    rows = []
    for change in found:
        if change.kind == "moved":
            q = change.new[0]
            rows.append(n.Row((n.Cell((n.Code(q.id),)), _cell(change.old_section), _cell(change.new_section))))
        elif change.kind == "split":
            for q in change.new:
                rows.append(n.Row((n.Cell((n.Code(change.old[0].id), n.Text(" → "), n.Code(q.id))),
                                   _cell(change.old[0].text), _cell(q.text))))
        elif change.kind == "merged":
            for q in change.old:
                rows.append(n.Row((n.Cell((n.Code(q.id), n.Text(" → "), n.Code(change.new[0].id))),
                                   _cell(q.text), _cell(change.new[0].text))))
        elif change.kind == "renamed":
            rows.append(n.Row((n.Cell((n.Code(change.old[0].id), n.Text(" → "), n.Code(change.new[0].id))),
                               _cell(change.old[0].text), _cell(change.new[0].text))))
        else:
            q = (change.new or change.old)[0]
            rows.append(n.Row((n.Cell((n.Code(q.id),)), _cell(change.old[0].text if change.old else none),
                               _cell(change.new[0].text if change.new else none))))
    return n.Table(_headers(b, changes), tuple(rows))


def _scale_table(b: Builder, changes: versions.Changes, owner: versions.OwnerChanges) -> n.Table:
    def words(options: tuple[versions.ScaleOption, ...], label: str) -> n.Cell:
        return n.Cell((n.Text(label + ": " + ", ".join(f"{o.value} {o.label}" for o in options)),))

    row = n.Row((_cell(b.t("changes.rescaled")), words(owner.old_scale, owner.old_scale_label),
                 words(owner.new_scale, owner.new_scale_label)))
    return n.Table(_headers(b, changes), (row,),
                   caption=b.t("changes.scale_caption", old=changes.old.content_version, new=changes.new.content_version))


def latest_notice(b: Builder, owner_id: str) -> n.Para | None:
    """On a set's or guide's page: a link to what changed in it at the latest release, if it did."""
    if not b.p.release_changes:
        return None
    latest = b.p.release_changes[-1]
    owner = latest.of_owner(owner_id)
    if owner is None or owner.status == "unchanged":
        return None
    version = latest.new.content_version
    target = paths.Target(versions.changes_page_path(version), owner_anchor(owner_id))
    return n.Para((n.Text(b.t("changes.notice", version=version) + " "), b.link(target, b.t("changes.notice_link"))),
                  "meta")


def changes_pages(b: Builder) -> tuple[n.Page, ...]:
    """One page per release that has a predecessor, latest first."""
    steps = b.p.release_changes
    return tuple(changes_page(b, c, steps[:i]) for i, c in reversed(list(enumerate(steps))))
