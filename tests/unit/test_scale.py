"""What keeps large question banks workable: split combined PDFs, bounded menus, the bench pack."""

from __future__ import annotations

import re

from conftest import reflect

from generator.build.printables import COMBINED_PART_SIZE, COMBINED_PATH, combined_parts
from generator.build.site import NAV_CHUNK, NavSection, render_site


def test_combined_pdf_is_one_file_for_a_few_appendices():
    docs = tuple(range(5))
    assert combined_parts(docs) == [(COMBINED_PATH, "All appendices in one file", docs)]


def test_combined_pdf_splits_into_parts_in_order():
    docs = tuple(range(3 * COMBINED_PART_SIZE + 4))
    parts = combined_parts(docs)
    assert len(parts) == 4
    assert [d for _, _, part in parts for d in part] == list(docs)
    assert all(len(part) <= COMBINED_PART_SIZE for _, _, part in parts)
    assert len({path for path, _, _ in parts}) == 4
    assert parts[1][1] == f"Appendices {COMBINED_PART_SIZE + 1}–{2 * COMBINED_PART_SIZE} in one file"


def _widest_level(entries) -> int:
    widest = len(entries)
    for entry in entries:
        if isinstance(entry, NavSection):
            widest = max(widest, _widest_level(entry.children))
    return widest


def _pages(entries) -> list[str]:
    found = []
    for entry in entries:
        found += _pages(entry.children) if isinstance(entry, NavSection) else [entry[1]]
    return found


def test_large_bank_keeps_every_menu_level_short(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import generate_pack

    from generator.project import load_project

    project_dir = tmp_path / "pack"
    counts = generate_pack(project_dir, 2000)
    assert counts["questions"] == 2000
    result = reflect("--project", str(project_dir), "check", cwd=project_dir)
    assert result.returncode == 0, result.stderr
    site = render_site(load_project(project_dir))
    assert _widest_level(site.nav) <= max(NAV_CHUNK, 16)
    listed = _pages(site.nav)
    for page in site.pages:
        assert page.path in listed, f"{page.path} is not reachable from the menu"
