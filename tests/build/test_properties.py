"""Property-based tests (Hypothesis): the loader never fails but with content errors, and
whatever ``reflect check`` accepts builds the site, every PDF and every Word file.

Generated text goes into every text field of every kind of content file of the bundled
pack (each example picks one field); generated YAML-like bytes go to the loader. Example
counts are kept small: building the site and its printables takes seconds per example.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document as read_docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project
from generator.cli import main
from generator.source.diagnostics import ContentError, Diagnostic
from generator.project import load_project
from generator.source.reader import load_yaml_file, load_yaml_text

# Characters that have broken Reflect before or that any output treats specially.
_HOSTILE = (
    "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\u00a0\u00ad\u200b\u200e\u202a\u202e\u2028\u2029\u2066"
    "\u2069\ufeff\ufffe\uffff\U0001f600<>&\"'`\\[]{}#*_!|~:=%@\t\n\r -"
)
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_HOSTILE), st.characters(codec="utf-8"), st.sampled_from("abc xyz")),
    min_size=1,
    max_size=400,
)
_YAML_PIECES = st.sampled_from([
    "key", "title", "id", ": ", ":", "- ", "-", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!str ",
    "!x ", "|", ">", "'", '"', "\\", "\\e", "\\x01", "\\u2028", "\n", "\n  ", "\n    ", "\t", " ",
    "\u2028", "\u00a0", "\ufeff", "---\n", "...\n", "?", "%YAML 1.1\n", "9" * 30, "~", "null", "<", "[[a:b]]",
])
YAML_LIKE = st.lists(st.one_of(_YAML_PIECES, st.text(max_size=5)), max_size=60).map("".join)


def _assert_only_content_problems(result) -> None:
    loaded, problems = result
    assert all(isinstance(problem, Diagnostic) for problem in problems)
    assert loaded is not None or problems


@settings(max_examples=300, deadline=None)
@given(YAML_LIKE)
@example("a: " + "[" * 5000)
@example("a:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 1200)))
@example("# c\u2028 b: [\n")
def test_the_loader_only_reports_content_problems_for_yaml_like_text(text):
    _assert_only_content_problems(load_yaml_text(text, "x.yml"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=300),
    st.tuples(YAML_LIKE, st.binary(max_size=4)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
))
@example(b"\xff\xfe" + "a: b".encode("utf-16-le"))
@example(b"a: \xe9\n")
def test_the_loader_only_reports_content_problems_for_any_bytes(tmp_path, data):
    path = tmp_path / "x.yml"
    path.write_bytes(data)
    _assert_only_content_problems(load_yaml_file(path, "x.yml"))


# --- every text field of every kind of content file ------------------------------------------


def _text_fields() -> list[tuple[str, tuple]]:
    """(file, data path) of every text value in the bundled pack, one per field and file kind."""
    fields: dict[tuple[str, tuple], tuple[str, tuple]] = {}

    def walk(file: str, kind: str, value, path: tuple, shape: tuple) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(file, kind, inner, path + (key,), shape + (key,))
        elif isinstance(value, list):
            for index, inner in enumerate(value[:2]):
                walk(file, kind, inner, path + (index,), shape + ("*",))
        elif isinstance(value, str):
            fields.setdefault((kind, shape), (file, path))

    for folder in ("content", "questions"):
        for path in sorted((ROOT / folder).rglob("*.yml")):
            file = path.relative_to(ROOT).as_posix()
            kind = path.parent.name if path.parent.name in ("documents", "pages", "guides", "sets") else path.stem
            walk(file, kind, yaml.safe_load(path.read_text(encoding="utf-8")), (), ())
    return sorted(fields.values())


FIELDS = _text_fields()


def test_every_kind_of_file_offers_text_fields():
    files = {file.split("/")[1] if "/" in file else file for file, _ in FIELDS}
    kinds = {file.rsplit("/", 1)[0] for file, _ in FIELDS}
    assert {"content/pages", "content/documents", "questions/guides", "questions/sets"} <= kinds, files
    assert len(FIELDS) > 60


def _set(data, path: tuple, value: str):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("properties") / "project")


@contextlib.contextmanager
def _edited(project: Path, file: str, path: tuple, text: str):
    target = project / file
    original = target.read_bytes()
    data = yaml.safe_load(original)
    _set(data, path, text)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        yield
    finally:
        target.write_bytes(original)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_any_text_in_any_field_gives_a_project_or_content_errors(scratch, field, text):
    file, path = field
    with _edited(scratch, file, path, text):
        try:
            load_project(scratch)
        except ContentError as exc:
            assert exc.errors


# --- what check accepts must build -----------------------------------------------------------

PRINTED_FIELDS = [
    ("questions/guides/qi-coaches-guide.yml", ("title",)),
    ("questions/guides/qi-coaches-guide.yml", ("sections", 0, "questions", 0, "text")),
    ("questions/sets/qi-coaches-reflection.yml", ("title",)),
    ("content/documents/consent-form.yml", ("title",)),
    ("content/settings.yml", ("site", "title")),
]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(PRINTED_FIELDS), text=TEXT)
@example(field=PRINTED_FIELDS[0], text="A very long title " * 20)
@example(field=PRINTED_FIELDS[2], text="Ages <18 & \"over\" — 'quoted' \\ [x] *y* \U0001f600")
def test_what_check_accepts_builds_the_site_and_every_printable(scratch, tmp_path_factory, field, text):
    file, path = field
    with _edited(scratch, file, path, text):
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            status = main(["--project", str(scratch), "check"])
        if status != 0:
            assert status == 1 and "Traceback" not in errors.getvalue()
            return
        site = tmp_path_factory.mktemp("site") / "site"
        with contextlib.redirect_stderr(errors):
            status = main(["--project", str(scratch), "build", "--site-dir", str(site)])
        assert status == 0, errors.getvalue()[-3000:]
        pdfs = sorted((site / "downloads").glob("*.pdf"))
        words = sorted((site / "downloads").glob("*.docx"))
        assert pdfs and words
        for word in words:
            properties = read_docx(str(word)).core_properties
            assert len(properties.title) <= 255 and len(properties.keywords) <= 255
            assert zipfile.ZipFile(word).testzip() is None
        shutil.rmtree(site.parent)
