"""Models and cross-references: every content mistake reported at once, at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.source.diagnostics import ContentError
from generator.project import load_project

from conftest import copy_project, reflect


@pytest.fixture
def pack(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit(pack: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = pack / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_col(pack: Path, relative: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the start of ``needle`` in a file."""
    seen = 0
    for number, line in enumerate((pack / relative).read_text(encoding="utf-8").split("\n"), 1):
        column = line.find(needle)
        if column >= 0:
            seen += 1
            if seen == occurrence:
                return number, column + 1
    raise AssertionError(f"{needle!r} not found in {relative}")


def errors(pack: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(pack)
    return [str(d) for d in caught.value.errors]


def test_bundled_pack_is_valid(project):
    assert len(project.guides) == 3
    assert [sum(len(s.questions) for s in g.sections) for g in project.guides] == [10, 7, 6]
    assert len(project.themes) == 4
    assert [len(t.subthemes) for t in project.themes] == [5, 4, 3, 3]
    assert len(project.question_sets) == 4
    assert all(project.quotes_by_subtheme[s.id] for s in project.subthemes)
    assert not project.warnings


def test_table1_labels_with_alternative_wording(project):
    sub = project.subtheme_by_id["limited-resources"]
    assert sub.label == "Limited resources and funding"
    assert "Limited resources and support" in [a.label for a in sub.alternative_labels]
    assert project.subtheme_code(sub) == "2(d)"
    assert project.theme_by_id["improvements"].label == "Suggestions for improvements"


def test_unknown_key_with_did_you_mean(pack):
    edit(pack, "questions/guides/project-team-guide.yml", "\nsource: Appendix 2", "\nsorce: Appendix 2")
    line, col = line_col(pack, "questions/guides/project-team-guide.yml", "sorce:")
    found = errors(pack)
    assert f"questions/guides/project-team-guide.yml:{line}:{col}: unknown key 'sorce'; did you mean 'source'?" in found
    assert any("missing required key 'source'" in e for e in found)


def test_unknown_key_deep_inside_a_union_block(pack):
    edit(pack, "content/documents/consent-form.yml", "        fields:\n          - label: IRAS ID",
         "        fields:\n          - lable: IRAS ID")
    line, col = line_col(pack, "content/documents/consent-form.yml", "lable:")
    found = errors(pack)
    assert f"content/documents/consent-form.yml:{line}:{col}: unknown key 'lable'; did you mean 'label'?" in found


def test_wrong_type(pack):
    edit(pack, "content/audiences.yml", "    name: QI coaches", "    name: [QI, coaches]")
    line, col = line_col(pack, "content/audiences.yml", "[QI, coaches]")
    assert errors(pack) == [f"content/audiences.yml:{line}:{col}: expected text, found a list"]


def test_empty_required_text(pack):
    edit(pack, "content/audiences.yml", "    name: QI coaches", "    name: ''")
    line, col = line_col(pack, "content/audiences.yml", "''")
    assert errors(pack) == [f"content/audiences.yml:{line}:{col}: expected text, found an empty value"]


def test_blank_value_is_reported_as_empty(pack):
    edit(pack, "content/audiences.yml", "    name: QI coaches", "    name:")
    found = errors(pack)
    assert len(found) == 1 and "expected text, found nothing" in found[0]


def test_bad_id(pack):
    edit(pack, "content/audiences.yml", "  - id: qi-coaches", "  - id: QI_Coaches")
    line, col = line_col(pack, "content/audiences.yml", "QI_Coaches")
    found = errors(pack)
    assert found[0] == (
        f"content/audiences.yml:{line}:{col}: expected an id of lowercase letters, digits and hyphens, "
        "found 'QI_Coaches'"
    )


def test_number_field_rejects_yaml_11_forms(pack):
    edit(pack, "content/pages/limitations.yml", "order: 2", "order: 012")
    line, col = line_col(pack, "content/pages/limitations.yml", "012")
    assert errors(pack) == [f"content/pages/limitations.yml:{line}:{col}: expected a whole number, found '012'"]


def test_yes_no_field_accepts_only_true_false(pack):
    path = "content/documents/information-sheet.yml"
    text = (pack / path).read_text()
    assert "ordered: true" in text
    edit(pack, path, "ordered: true", "ordered: yes")
    line, col = line_col(pack, path, "ordered: yes")
    assert errors(pack) == [f"{path}:{line}:{col + 9}: expected true or false, found 'yes'"]


def test_string_values_stay_exact(pack):
    edit(pack, "content/audiences.yml", "    name: QI coaches", "    name: no")
    edit(pack, "content/settings.yml", '  content_version: "2026.11.1"', "  content_version: 1:20")
    p = load_project(pack)
    assert p.audience_by_id["qi-coaches"].name == "no"
    assert p.settings.site.content_version == "1:20"


def test_quote_over_40_words(pack):
    long = " ".join(["word"] * 41)
    edit(pack, "content/quotes.yml", "    quote: ", f'    quote: "{long}"\n    x_old: ', 1)
    found = errors(pack)
    assert any("quote has 41 words; keep it under 40" in e for e in found)
    assert any("unknown key 'x_old'" in e for e in found)


def test_duplicate_question_id_reports_both_places(tmp_path):
    pack = copy_project(tmp_path / "p")
    path = "questions/sets/qi-coaches-reflection.yml"
    text = (pack / path).read_text()
    first_q = text.split("      - id: ")[1].split("\n")[0]
    second_q = text.split("      - id: ")[2].split("\n")[0]
    (pack / path).write_text(text.replace(f"      - id: {second_q}\n", f"      - id: {first_q}\n", 1))
    l1, c1 = line_col(pack, path, f"id: {first_q}", 1)
    l2, c2 = line_col(pack, path, f"id: {first_q}", 2)
    assert errors(pack) == [
        f"{path}:{l2}:{c2 + 4}: duplicate question id '{first_q}' (first used at {path}:{l1}:{c1 + 4})"
    ]


@pytest.mark.parametrize(
    "path, old, new, needle, message",
    [
        ("content/quotes.yml", "    subtheme: relationships", "    subtheme: relationship",
         "subtheme: relationship\n", "unknown subtheme 'relationship'; did you mean 'relationships'?"),
        ("questions/guides/qi-coaches-guide.yml", "audience: qi-coaches", "audience: coaches",
         "audience: coaches\n", "unknown audience 'coaches'"),
        ("questions/sets/organisations-self-evaluation.yml", "remove-structural-barriers",
         "remove-barriers", "remove-barriers", "unknown implication action 'remove-barriers'"),
        ("questions/guides/qi-coaches-guide.yml", "target: coach-coproduction-teams",
         "target: coach-coproduction", "coach-coproduction\n",
         "unknown section or question 'coach-coproduction' in guide 'qi-coaches-guide'"),
        ("content/appendices.yml", "  - consent-form", "  - consent-forms", "consent-forms",
         "appendix 'consent-forms' is neither a guide"),
        ("content/pages/limitations.yml", "[[appendix:project-team-guide]]",
         "[[appendix:project-team]]", "[[appendix:project-team]]",
         "unknown appendix 'project-team' in reference [[appendix:project-team]]"),
        ("content/documents/consent-form.yml", "[[placeholder:iras_id]]", "[[placeholder:iras]]",
         "[[placeholder:iras]]", "unknown placeholder 'iras' in reference [[placeholder:iras]]"),
        ("content/pages/limitations.yml", "[[appendix:project-team-guide]]",
         "[[chapter:project-team-guide]]", "[[chapter:project-team-guide]]",
         "unknown reference kind 'chapter'"),
    ],
)
def test_dangling_references(pack, path, old, new, needle, message):
    edit(pack, path, old, new)
    line, col = line_col(pack, path, needle.rstrip("\n"))
    found = errors(pack)
    if "neither a guide" in message:  # the unlisted document is reported too
        assert len(found) == 2 and "'consent-form' is not listed" in found[1]
    else:
        assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line}:")
    assert message in found[0]
    if needle.startswith("[["):
        assert found[0].startswith(f"{path}:{line}:{col}:")


def test_guide_missing_from_appendices(pack):
    edit(pack, "content/appendices.yml", "  - consent-form\n", "")
    assert errors(pack) == [
        "content/documents/consent-form.yml:1:1: 'consent-form' is not listed in content/appendices.yml, "
        "so it has no appendix number"
    ]


def test_file_name_must_match_id(pack):
    (pack / "content/pages/limitations.yml").rename(pack / "content/pages/limits.yml")
    found = errors(pack)
    assert any(e.startswith("content/pages/limits.yml:1:5: id 'limitations' must match the file name") for e in found)


def test_stray_file_is_reported(pack):
    (pack / "questions/notes.yaml").write_text("a: 1\n")
    assert any(e.startswith("questions/notes.yaml: file is not read") for e in errors(pack))


def test_check_reports_duplicate_key_unknown_key_and_dangling_reference_at_once(pack):
    edit(pack, "content/audiences.yml", "    source: Section 6; section 7", "    source: Section 6; section 7\n    source: again")
    edit(pack, "content/resources.yml", "    publisher: National", "    publsher: National")
    edit(pack, "content/quotes.yml", "    subtheme: relationships", "    subtheme: relationship")
    result = reflect("--project", str(pack), "check", cwd=pack)
    assert result.returncode == 1
    lines = result.stderr.strip().split("\n")
    dup = line_col(pack, "content/audiences.yml", "source: again")
    unknown = line_col(pack, "content/resources.yml", "publsher")
    dangling = line_col(pack, "content/quotes.yml", "subtheme: relationship\n".rstrip(), 1)
    assert f"content/audiences.yml:{dup[0]}:{dup[1]}: duplicate key 'source'" in result.stderr
    assert f"content/resources.yml:{unknown[0]}:{unknown[1]}: unknown key 'publsher'; did you mean 'publisher'?" in result.stderr
    assert f"content/quotes.yml:{dangling[0]}:{dangling[1] + 10}: unknown subtheme 'relationship'" in result.stderr
    assert "Traceback" not in result.stderr
    assert lines[-1] == "3 errors found."


def test_internal_error_is_reported_as_such(monkeypatch, capsys, tmp_path):
    import generator.project as project_module

    def broken(root):
        raise RuntimeError("boom")

    monkeypatch.setattr(project_module, "load_project", broken)
    assert main(["--project", str(tmp_path), "check"]) == 2
    err = capsys.readouterr().err
    assert "internal error (a bug in Reflect, not in your content)" in err and "boom" in err


def test_strict_check_lists_every_unfilled_placeholder(pack, project):
    result = reflect("--project", str(pack), "check", "--strict", cwd=pack)
    assert result.returncode == 1
    uses = [u for u in project.placeholder_uses]
    assert len(uses) >= 10
    for use in uses:
        assert f"{use.position}: placeholder '{use.name}' has no value" in result.stderr


def test_a_publishers_string_must_name_a_real_string_with_its_fields(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("strings:\n", "strings:\n  site.findings.quotse: Said\n  site.nav.home: \"Home of {who}\"\n", 1)
    settings.write_text(text, encoding="utf-8")
    result = reflect("--project", str(project), "check", cwd=project)
    assert result.returncode == 1
    assert "unknown string 'site.findings.quotse'; did you mean 'site.findings.quotes'?" in result.stderr
    assert "string 'site.nav.home' uses {who}; its fields are: none" in result.stderr
    assert "content/settings.yml:" in result.stderr and "Traceback" not in result.stderr
