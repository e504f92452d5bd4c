"""Versions of the questions: fingerprints in project.json, ``replaces``, ``reflect release`` and
``reflect changes`` on a fixture of two versions (tests/versions/old and new: a reworded, a
moved, a split and a removed statement, a rescaled set, a reworded and an added guide question)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import reflect
from generator.project import versions
from generator.project import load_project
from generator.build.data_files import about, project_schema

VERSIONS = Path(__file__).parent.parent / "versions"
OLD, NEW = VERSIONS / "old", VERSIONS / "new"


@pytest.fixture(scope="module")
def old_project():
    return load_project(OLD)


@pytest.fixture(scope="module")
def new_project():
    return load_project(NEW)


def test_fingerprints_follow_the_words_and_nothing_else(old_project, new_project):
    old = versions.fingerprints(old_project)
    new = versions.fingerprints(new_project)
    assert old["questions"]["huddles"] == new["questions"]["huddles"]  # same words
    assert old["questions"]["tried-changes"] == new["questions"]["tried-changes"]  # moved, same words
    assert old["questions"]["ideas-heard"] != new["questions"]["ideas-heard"]  # reworded
    assert old["scales"]["team-check"] == new["scales"]["team-check"]
    assert old["scales"]["board-check"] != new["scales"]["board-check"]  # new scale
    # spacing is not meaning; the form is
    assert versions.question_fingerprint("We  talk\nthrough it.") == versions.question_fingerprint("We talk through it.")
    assert versions.question_fingerprint("We talk.", "statement") != versions.question_fingerprint("We talk.")


def test_project_json_publishes_fingerprints_beside_the_content_version(new_project):
    import jsonschema

    header = about(new_project, None)
    keys = list(header)
    assert keys.index("fingerprints") == keys.index("content_version") + 1
    assert header["fingerprints"] == versions.fingerprints(new_project)
    from generator.writers.data import project_data

    data = {**header, **project_data(new_project)}
    jsonschema.validate(data, project_schema())
    questions = {q["id"]: q for s in data["question_sets"] for sec in s["sections"] for q in sec["questions"]}
    assert questions["share-with-team"]["replaces"] == ["share-results"]
    broken = json.loads(json.dumps(data))
    broken["fingerprints"]["questions"]["huddles"] = "not a hash"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, project_schema())


def test_the_recorded_release_is_the_old_version(old_project, new_project):
    recorded = (NEW / "content" / "releases" / "1.0.json").read_bytes()
    assert recorded == versions.release_json(old_project)  # regenerate with: reflect --project old release
    assert [r.content_version for r in new_project.releases] == ["1.0"]
    assert new_project.releases[0].content_key() == versions.snapshot_of(old_project).content_key()


def test_reflect_changes_between_two_folders():
    result = reflect("changes", str(OLD), str(NEW))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "What changed from version 1.0 (2026-03-01) to version 2.0 (2026-09-01)"
    team = out[out.index("Question set team-check"):]
    assert "  reworded ideas-heard\n    was: Anyone can suggest a change.\n    now: Anyone on the team" in team
    assert "  moved tried-changes: from 'Following through' to 'Everyday habits'" in team
    assert "  split share-results into share-with-team, share-with-board" in team
    assert "  removed spare-time: We set aside time" in team
    assert "huddles" not in out  # unchanged statements are not listed
    assert "  new scale: 0 Never, 1 Sometimes, 2 Always → 1 Never, 2 Rarely, 3 Often, 4 Always" in out
    guide = out[out.index("Guide team-talk"):out.index("Question set")]
    assert "  added talk-support: What help would make learning easier?" in guide
    assert "  reworded talk-barriers" in guide


def test_reflect_changes_reads_a_release_record_and_says_when_nothing_changed():
    result = reflect("--project", str(NEW), "changes", "content/releases/1.0.json")
    assert result.returncode == 0, result.stderr
    assert "split share-results" in result.stdout
    same = reflect("changes", str(NEW), str(NEW))
    assert same.returncode == 0 and "No question, statement or scale changed." in same.stdout


def test_reflect_changes_between_two_git_revisions(tmp_path):
    repo = tmp_path / "repo"
    project = repo / "pack"
    shutil.copytree(OLD, project)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    shutil.rmtree(project)
    shutil.copytree(NEW, project)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "two"], check=True)
    (project / "questions" / "sets" / "team-check.yml").write_text("broken: [", encoding="utf-8")  # work tree unused
    result = reflect("--project", str(project), "changes", "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "split share-results into share-with-team, share-with-board" in result.stdout
    bad = reflect("--project", str(project), "changes", "no-such-revision", "HEAD")
    assert bad.returncode == 1 and "no-such-revision: is neither a project folder" in bad.stderr


def _copy_new(tmp_path: Path) -> Path:
    target = tmp_path / "new"
    shutil.copytree(NEW, target)
    return target


def test_bad_replaces_and_a_reused_version_number_are_all_reported(tmp_path):
    project = _copy_new(tmp_path)
    sets = project / "questions" / "sets" / "team-check.yml"
    text = sets.read_text(encoding="utf-8")
    text = text.replace("        replaces: [share-results]\n", "        replaces: [share-result]\n", 1)
    text = text.replace("      - id: tried-changes\n", "      - id: tried-changes\n        replaces: [huddles]\n")
    text = text.replace("      - id: huddles\n", "      - id: huddles\n        replaces: [tried-changes]\n")
    sets.write_text(text, encoding="utf-8")
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"2.0"', '"1.0"'), encoding="utf-8")
    result = reflect("--project", str(project), "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/settings.yml:8:20: content version '1.0' is also the version of content/releases/1.0.json, " \
           "whose questions differ: give this edition a new content_version" in lines
    assert any(line.startswith("questions/sets/team-check.yml:") and "'replaces' goes round in a circle: "
               "huddles → tried-changes → huddles" in line for line in lines)
    assert any(line.startswith("questions/sets/team-check.yml:39:20: question 'share-with-team' replaces unknown "
                               "question 'share-result'") and "did you mean 'share-results'?" in line for line in lines)
    assert lines[-1] == "3 errors found."
    assert "Traceback" not in result.stderr


MAPPING = "    - {value: 4, label: Always}\n"


def test_a_declared_scale_mapping_is_checked_against_the_release_and_reaches_the_worksheet(tmp_path):
    from generator.document.items import worksheet_data
    from generator.document.build import Builder

    project = _copy_new(tmp_path)
    board = project / "questions" / "sets" / "board-check.yml"
    good = board.read_text(encoding="utf-8").replace(
        MAPPING, MAPPING + '  earlier:\n    - content_version: "1.0"\n      ratings: {0: 1, 1: 2, 2: 4}\n')
    board.write_text(good, encoding="utf-8")
    result = reflect("--project", str(project), "check")
    assert result.returncode == 0, result.stderr
    loaded = load_project(project)
    data = worksheet_data(Builder(loaded), loaded.set_by_id["board-check"])
    assert data["scale"]["earlier"] == {"1.0": {"0": 1, "1": 2, "2": 4}}
    assert data["history"]["1.0"]["scale_options"] == [
        {"value": 0, "label": "Never"}, {"value": 1, "label": "Sometimes"}, {"value": 2, "label": "Always"}]

    board.write_text(good.replace("{0: 1, 1: 2, 2: 4}", "{0: 1, 1: 9, 7: 4}").replace(
        "      ratings:", '      ratings:').replace('  earlier:\n', '  earlier:\n    - content_version: "0.9"\n'
                                                   '      ratings: {0: 1}\n'), encoding="utf-8")
    result = reflect("--project", str(project), "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "questions/sets/board-check.yml:14:24: no release 0.9 is recorded in content/releases/ (recorded: 1.0)" \
        in lines
    assert "questions/sets/board-check.yml:17:26: 9 is not a value of this scale (its values: 1, 2, 3, 4)" in lines
    assert "questions/sets/board-check.yml:17:29: 7 is not a value of release 1.0's scale of 'board-check' " \
           "(its values: 0, 1, 2)" in lines
    assert "questions/sets/board-check.yml:17:16: give the value on this scale of every value of release 1.0's " \
           "scale: 2 is missing" in lines
    assert lines[-1] == "4 errors found."
    assert "Traceback" not in result.stderr


def test_reflect_changes_refuses_unknown_replaces_and_the_same_number_for_other_questions(tmp_path):
    project = _copy_new(tmp_path)
    shutil.rmtree(project / "content" / "releases")  # without releases, reflect check cannot know old ids
    sets = project / "questions" / "sets" / "team-check.yml"
    sets.write_text(sets.read_text(encoding="utf-8").replace("replaces: [share-results]", "replaces: [sharing]", 1),
                    encoding="utf-8")
    assert reflect("--project", str(project), "check").returncode == 0
    result = reflect("changes", str(OLD), str(project))
    assert result.returncode == 1
    assert "questions/sets/team-check.yml:37:20: question 'share-with-team' replaces 'sharing', which neither " \
           "version has" in result.stderr
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"2.0"', '"1.0"'), encoding="utf-8")
    clash = reflect("changes", str(OLD), str(project))
    assert clash.returncode == 1
    assert "settings.yml:8:20: content version '1.0' is also the version of" in clash.stderr
    assert "2 errors found." in clash.stderr


def test_a_damaged_release_record_is_named_with_its_line(tmp_path):
    project = _copy_new(tmp_path)
    (project / "content" / "releases" / "1.0.json").write_text('{"content_version": "1.0",\n  "guides": [}',
                                                                encoding="utf-8")
    result = reflect("--project", str(project), "check")
    assert result.returncode == 1
    assert "content/releases/1.0.json:2:14: not JSON:" in result.stderr


def test_reflect_release_writes_once(tmp_path):
    project = tmp_path / "old"
    shutil.copytree(OLD, project)
    first = reflect("--project", str(project), "release")
    assert first.returncode == 0 and "Recorded release 1.0 in content/releases/1.0.json" in first.stderr
    assert (project / "content" / "releases" / "1.0.json").read_bytes() == (NEW / "content" / "releases" / "1.0.json").read_bytes()
    again = reflect("--project", str(project), "release")
    assert again.returncode == 0 and "already recorded" in again.stderr


def test_compare_classifies_each_change(old_project, new_project):
    changes = versions.compare(versions.snapshot_of(old_project), versions.snapshot_of(new_project))
    team = changes.of_owner("team-check")
    assert [c.kind for c in team.changes] == ["reworded", "moved", "split", "removed"]
    assert not team.rescaled
    assert changes.of_owner("board-check").rescaled and changes.of_owner("board-check").status == "changed"
    merged = versions.compare(versions.snapshot_of(new_project), _merged(new_project))
    kinds = {c.kind: c for c in merged.of_owner("team-check").changes}
    assert [q.id for q in kinds["merged"].old] == ["share-with-team", "share-with-board"]
    assert kinds["renamed"].old[0].id == "huddles" and kinds["renamed"].new[0].id == "shift-huddles"


def _merged(project) -> versions.Snapshot:
    """The new version with its two sharing statements merged again and one statement renamed."""
    snap = versions.snapshot_of(project)
    owners = []
    for owner in snap.owners:
        questions = []
        for q in owner.questions:
            if q.id == "share-with-board":
                continue
            if q.id == "share-with-team":
                q = versions.VersionedQuestion("sharing", q.text, q.form, q.fingerprint,
                                               ("share-with-team", "share-with-board"), q.section, q.number)
            if q.id == "huddles":
                q = versions.VersionedQuestion("shift-huddles", q.text, q.form, q.fingerprint, ("huddles",),
                                               q.section, q.number)
            questions.append(q)
        owners.append(versions.VersionedOwner(owner.kind, owner.id, owner.title, owner.sections, tuple(questions),
                                              owner.scale_label, owner.scale, owner.scale_fingerprint))
    return versions.Snapshot("3.0", "2027-01-01", tuple(owners))


@pytest.fixture(scope="module")
def new_pages(new_project):
    from generator.build.site import render_site

    return {page.path: page for page in render_site(new_project).pages}


def _rows(page_html: str, heading: str) -> list[list[str]]:
    """The rows of the first table after the heading ``heading`` (cells as plain text)."""
    import html as html_lib
    import re

    start = page_html.index(f">{heading}<")
    table = page_html[start:page_html.index("</table>", start)]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_the_what_changed_page_shows_old_and_new_words_side_by_side(new_pages):
    page = new_pages["about/changes-2.0.md"]
    assert page.title == "What changed in version 2.0"
    team = page.html[page.html.index('id="changes-team-check"'):]
    assert _rows(team, "Reworded") == [
        ["Question", "Version 1.0", "Version 2.0"],
        ["ideas-heard", "Anyone can suggest a change.",
         "Anyone on the team can suggest a change and hear back what happened to it."],
    ]
    assert _rows(team, "Split")[1:] == [
        ["share-results → share-with-team", "We share what we learn with the team and with the board.",
         "We share what we learn with the whole team."],
        ["share-results → share-with-board", "We share what we learn with the team and with the board.",
         "We share what we learn with the board."],
    ]
    assert _rows(team, "Removed")[1] == ["spare-time", "We set aside time each month to look at our data.", "(none)"]
    assert _rows(team, "Moved to another section")[1] == ["tried-changes", "Following through", "Everyday habits"]
    board = page.html[page.html.index('id="changes-board-check"'):page.html.index('id="changes-team-check"')]
    assert _rows(board, "New scale")[1] == ["New scale", "How often does this happen?: 0 Never, 1 Sometimes, 2 Always",
                                            "How often does this happen?: 1 Never, 2 Rarely, 3 Often, 4 Always"]
    guide = page.html[page.html.index('id="changes-team-talk"'):page.html.index('id="changes-board-check"')]
    assert _rows(guide, "Added")[1] == ["talk-support", "(none)", "What help would make learning easier?"]
    assert 'href="../appendices/team-talk.html"' in guide  # each changed guide or set links to its page


def test_changed_sets_guides_and_the_home_page_link_to_what_changed(new_pages, project):
    for path, owner in (("question-sets/team-check.md", "team-check"), ("question-sets/board-check.md", "board-check"),
                        ("appendices/team-talk.md", "team-talk")):
        assert f'href="../about/changes-2.0.html#changes-{owner}">see what changed</a>' in new_pages[path].html
    assert '<a href="about/changes-2.0.html">What changed in version 2.0</a>' in new_pages["index.md"].html
    assert project.release_changes == ()  # the bundled project records no release: no page, no notice
