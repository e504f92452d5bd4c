"""What a preview rebuild skips: pages whose document tree did not change are not written again."""

from __future__ import annotations

import dataclasses

from generator.document import nodes as n
from generator.build.site import SiteBuild


def test_an_unchanged_tree_is_not_written_again(project):
    memo: dict = {}
    first = SiteBuild(project, memo=memo).render()
    second = SiteBuild(project, memo=memo).render()  # a new run over the same content
    assert len(first.pages) == len(second.pages) and len(memo) == len(first.pages)
    assert all(a is b for a, b in zip(first.pages, second.pages))


def test_a_changed_tree_is_written_again(project):
    memo: dict = {}
    build = SiteBuild(project, memo=memo)
    page = next(iter(build.trees()))
    written = build.write(page)
    changed = dataclasses.replace(page, body=page.body + (n.Para((n.Text("Words added in the preview"),)),))
    again = build.write(changed)
    assert again is not written and "Words added in the preview" in again.html
    assert "Words added in the preview" not in written.html
    assert build.write(changed) is again


def test_without_a_memo_every_page_is_written(project):
    build = SiteBuild(project)
    page = next(iter(build.trees()))
    assert build.write(page) is not build.write(page)
