"""A publisher's smallest site: settings, one audience, one question set, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, reflect

from visible_text import text_nodes

SETTINGS = """\
site:
  title: Trust self-assessment
  description: A twenty-minute self-assessment for teams.
  organisation: A trust
  publication_date: "2026-01-01"
  language: en-GB
  content_version: "1"
report:
  title: Team self-assessment
  publisher: A trust
  published: "2026"
"""
AUDIENCES = """\
audiences:
  - id: teams
    name: Ward teams
    summary: Teams checking how they work together.
    source: Written for this site
"""
QUESTION_SET = """\
id: team-check
title: How we work together
audience: teams
purpose: Rate each statement for your team.
source: Written for this site
scale:
  label: How true is this now?
  options:
    - {value: 0, label: Not at all}
    - {value: 1, label: A little}
    - {value: 2, label: Partly}
    - {value: 3, label: Mostly}
    - {value: 4, label: Fully}
response_label: Notes
sections:
  - id: basics
    title: Basics
    source: Written for this site
    questions:
      - id: we-meet
        form: statement
        text: We meet every week.
        source: Written for this site
      - id: we-review
        form: statement
        text: We review what we learnt.
        source: Written for this site
"""


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("minimal") / "project"
    (project / "content").mkdir(parents=True)
    (project / "questions" / "sets").mkdir(parents=True)
    (project / "content" / "settings.yml").write_text(SETTINGS, encoding="utf-8")
    (project / "content" / "audiences.yml").write_text(AUDIENCES, encoding="utf-8")
    (project / "questions" / "sets" / "team-check.yml").write_text(QUESTION_SET, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def test_it_checks_and_builds_strictly(minimal):
    result = reflect("--project", str(minimal), "check", "--strict", cwd=minimal)
    assert result.returncode == 0, result.stderr
    assert "1 question set, 2 questions, 0 themes" in result.stderr
    result = reflect("--project", str(minimal), "build", "--strict", cwd=minimal)
    assert result.returncode == 0, result.stderr


def test_only_sections_with_content_appear(minimal):
    site = minimal / "site"
    assert (site / "question-sets" / "team-check.html").is_file()
    for absent in ("findings/index.html", "implications.html", "resources.html", "appendices/index.html"):
        assert not (site / absent).exists(), absent
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = " ".join(text_nodes(home, region="md-nav--primary"))
    for word in ("Findings", "Implications", "Appendices", "Resources"):
        assert word not in menu
    words = " ".join(text_nodes(home))
    assert "0 themes" not in words and "Question bank: all 2 questions" in words
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Implications" not in search and "Findings:" not in search


def test_the_scale_shows_the_publishers_values(minimal):
    page = (minimal / "site" / "question-sets" / "team-check.html").read_text(encoding="utf-8")
    assert '<li value="0"><strong>Not at all</strong></li>' in page
    assert '<li value="4"><strong>Fully</strong></li>' in page


def test_a_site_needs_something_to_ask(tmp_path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "settings.yml").write_text(SETTINGS, encoding="utf-8")
    (project / "content" / "audiences.yml").write_text(AUDIENCES, encoding="utf-8")
    result = reflect("--project", str(project), "check", cwd=project)
    assert result.returncode == 1
    assert "questions/: a site needs at least one question set" in result.stderr
