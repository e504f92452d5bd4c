"""The strict YAML reader: every rejected input names its line and column."""

from __future__ import annotations

import time

import pytest

from generator.source.reader import LIBYAML, load_yaml_file, load_yaml_text


def problems(text: str) -> list[tuple[int, int, str]]:
    loaded, found = load_yaml_text(text, "f.yml")
    assert found, "expected the input to be rejected"
    return [(d.position.line, d.position.column, d.message) for d in found]


def test_libyaml_is_used():
    assert LIBYAML, "PyYAML was built without libyaml: loading would be ~10x slower"


def test_positions_of_values_and_keys():
    loaded, found = load_yaml_text("a:\n  b:\n    - x\n    - y: 1\n", "f.yml")
    assert not found
    assert loaded.source.position(("a", "b", 1, "y")).line == 4
    assert loaded.source.position(("a", "b", 1, "y")).column == 10
    assert loaded.source.position(("a", "b", 1, "y"), key=True).column == 7


def test_duplicate_key_at_depth():
    [(line, col, message)] = problems("top:\n  inner:\n    same: 1\n    same: 2\n")
    assert (line, col) == (4, 5)
    assert "duplicate key 'same'" in message and "line 3, column 5" in message


def test_duplicate_top_level_key():
    [(line, col, message)] = problems("a: 1\nb: 2\na: 3\n")
    assert (line, col) == (3, 1) and "duplicate key 'a'" in message


def test_anchor_and_alias_rejected():
    found = problems("a: &x hello\nb: *x\n")
    assert (1, 4) == found[0][:2] and "anchor '&x'" in found[0][2]
    assert (2, 4) == found[1][:2] and "alias '*x'" in found[1][2]


def test_billion_laughs_rejected_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i-1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 0.5
    assert any("alias '*a0'" in m and (line, col) == (2, 10) for line, col, m in found)


@pytest.mark.parametrize(
    "text, column, shown",
    [
        ("a: !!python/object/apply:os.system ['ls']\n", 4, "!!python/object/apply:os.system"),
        ("a: !!str 12\n", 4, "!!str"),
        ("a: !custom x\n", 4, "!custom"),
    ],
)
def test_tags_rejected(text, column, shown):
    [(line, col, message)] = problems(text)
    assert (line, col) == (1, column) and f"tag '{shown}'" in message


def test_tab_indentation():
    [(line, col, message)] = problems("a:\n  b: 1\n\tc: 2\n")
    assert (line, col) == (3, 1) and "tab" in message


def test_non_breaking_space_indentation():
    [(line, col, message)] = problems("a:\n  b: 1\n  \u00a0c: 2\n")
    assert (line, col) == (3, 3) and "non-breaking space" in message


def test_bom_inside_file(tmp_path):
    path = tmp_path / "f.yml"
    path.write_bytes("a: 1\nb: x\ufeffy\n".encode("utf-8"))
    loaded, found = load_yaml_file(path, "f.yml")
    assert loaded is None
    assert [(d.position.line, d.position.column) for d in found] == [(2, 5)]
    assert "byte-order mark" in found[0].message


def test_bom_at_start_is_tolerated(tmp_path):
    path = tmp_path / "f.yml"
    path.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    loaded, found = load_yaml_file(path, "f.yml")
    assert not found and loaded.data == {"a": "1"}


def test_latin1_file(tmp_path):
    path = tmp_path / "f.yml"
    path.write_bytes("a: ok\nb: caf\u00e9\n".encode("latin-1"))
    loaded, found = load_yaml_file(path, "f.yml")
    assert loaded is None
    [d] = found
    assert (d.position.line, d.position.column) == (2, 7) and "not valid UTF-8" in d.message


def test_utf16_file(tmp_path):
    path = tmp_path / "f.yml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    loaded, found = load_yaml_file(path, "f.yml")
    assert loaded is None and "UTF-16" in found[0].message
    assert (found[0].position.line, found[0].position.column) == (1, 1)


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(text):
    [(line, col, message)] = problems(text)
    assert (line, col) == (1, 1) and "empty" in message


def test_multi_document_file():
    [(line, col, message)] = problems("a: 1\n---\nb: 2\n")
    assert (line, col) == (2, 1) and "second YAML document" in message


def test_syntax_error_position():
    [(line, col, message)] = problems("a: [1, 2\nb: 3\n")
    assert line == 2 and message.startswith("invalid YAML")


def test_yaml_11_coercions_never_happen():
    loaded, found = load_yaml_text(
        "a: no\nb: on\nc: 1:20\nd: 012\ne: 2024-01-02\nf: yes\ng: 1e3\nh: 0x1F\ni: .inf\n", "f.yml"
    )
    assert not found
    assert loaded.data == {
        "a": "no", "b": "on", "c": "1:20", "d": "012", "e": "2024-01-02",
        "f": "yes", "g": "1e3", "h": "0x1F", "i": ".inf",
    }


def test_empty_values_are_none_but_quoted_empty_is_text():
    loaded, found = load_yaml_text("a:\nb: ~\nc: ''\nd: null\n", "f.yml")
    assert not found
    assert loaded.data == {"a": None, "b": None, "c": "", "d": None}


def test_every_problem_in_a_file_is_reported():
    found = problems("a: 1\na: 2\nb: &x 1\nc: 3\nc: 4\n")
    assert [(line, col) for line, col, _ in found] == [(2, 1), (3, 4), (5, 1)]


# --- limits and invisible characters (issue 11) ---------------------------------------------


@pytest.mark.parametrize("text", [
    "a: " + "[" * 1000 + "]" * 1000 + "\n",
    "a: " + "{b: " * 1000 + "}" * 1000 + "\n",
    "".join(" " * n + f"k{n}:\n" for n in range(1000)) + " " * 1000 + "v\n",
])
def test_deep_nesting_is_refused_with_a_position_not_a_recursion_error(text):
    [(line, column, message)] = problems(text)
    assert message == "nested more than 100 levels deep; content files never need that many"
    assert line >= 1 and column > 1


def test_nesting_up_to_the_limit_loads():
    loaded, found = load_yaml_text("a: " + "[" * 99 + "]" * 99 + "\n", "f.yml")
    assert not found and loaded is not None


def test_columns_past_a_million_do_not_wrap():
    long = "x" * 2_000_000
    loaded, found = load_yaml_text(f"a: b\nc: {long} [[subtheme:x]]\n", "f.yml")
    assert not found
    assert loaded.source.position(("c",)).column == 4
    assert loaded.source.find_text(("c",), "[[subtheme:x]]").column == 2_000_005
    [(line, column, _)] = problems(f"a: b\nc: {long}: d\n")
    assert (line, column) == (2, 2_000_004)


def test_line_separators_do_not_shift_later_lines():
    loaded, found = load_yaml_text('a: "one\u2028two"\nb: "c\u2029d"\nkey: x\n', "f.yml")
    assert not found
    assert loaded.source.position(("key",)).line == 3
    assert loaded.source.position(("key",), key=True).column == 1
    assert loaded.data["a"] == "one\u2028two"
    [(line, column, _)] = problems('a: "one\u2028two"\nb: "c\u2029d"\nkey: x: y\n')
    assert (line, column) == (3, 7)


def test_an_error_caused_by_a_line_separator_names_it_on_the_right_line():
    [(line, column, message)] = problems("title: A\n# pasted\u2028 note: [\nbody: x\n")
    assert line == 2
    assert "U+2028 LINE SEPARATOR at 2:9 is read by YAML as a line break" in message


def test_an_invisible_character_a_message_points_at_is_named():
    [(line, column, message)] = problems("a: b\n\u00a0c: d\n")
    assert (line, column) == (2, 1) and "non-breaking space" in message


@pytest.mark.parametrize("escape, name", [
    ("\\e", "U+001B ESCAPE"), ("\\x01", "U+0001 START OF HEADING"), ("\\0", "U+0000 NULL"),
    ("\\x7f", "U+007F DELETE"), ("\\x9b", "U+009B (a control character)"), ("\\uFFFE", "U+FFFE (a noncharacter)"),
    ("\\N", "U+0085 NEXT LINE"),
])
def test_characters_no_output_can_hold_are_refused_where_written(escape, name):
    [(line, column, message)] = problems(f'a: b\ntitle: "Ages {escape} under"\n')
    assert (line, column) == (2, 14)
    assert message == f"the character {name} cannot be held by web pages and Word documents; remove it"


def test_bidirectional_controls_are_warned_about_not_refused():
    loaded, found = load_yaml_text("title: Safe \u202egnp.exe\n", "f.yml")
    assert loaded is not None and loaded.data["title"] == "Safe \u202egnp.exe"
    [warning] = found
    assert warning.severity == "warning" and (warning.position.line, warning.position.column) == (1, 13)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in warning.message


def test_a_key_with_a_control_character_is_refused():
    [(line, column, message)] = problems('"ke\\ay": 1\n')
    assert (line, column) == (1, 4) and "U+0007 BELL" in message
