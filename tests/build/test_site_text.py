"""The bundled site's pages carry the same text as before the document model (issue 9).

``fixtures/site_text.json`` holds every generated page's title and visible text, captured
from the site as built before the site writer was replaced (``python tests/visible_text.py
SITE fixtures/site_text.json`` rewrites it after a deliberate change of words).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from visible_text import site_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "site_text.json"


@pytest.fixture(scope="module")
def before() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_same_pages(built_site, before):
    assert sorted(site_text(built_site)) == sorted(before)


def test_same_text_on_every_page(built_site, before):
    after = site_text(built_site)
    changed = []
    for page, was in sorted(before.items()):
        now = after.get(page)
        if now != was:
            diff = difflib.unified_diff(
                (was["title"] + "\n" + was["text"]).replace(". ", ".\n").splitlines(),
                ((now or {}).get("title", "") + "\n" + (now or {}).get("text", "")).replace(". ", ".\n").splitlines(),
                "before", "after", lineterm="", n=0,
            )
            changed.append(f"{page}:\n" + "\n".join(list(diff)[:20]))
    assert not changed, "\n\n".join(changed)
