"""The editor (JSON Schema) and ``reflect check`` give the same verdict on the shape of every
file: the bad-input corpus, the bundled pack, the starters and the examples from issue 12.

"Check's verdict" is what check says about the file itself (reading it, then its model);
what no schema can see is listed in NOT_EXPRESSIBLE with the reason, and YAML that an
editor cannot even parse counts as rejected by the editor.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import jsonschema
import pytest
import sys

import yaml

from conftest import ROOT
from generator.source.layout import CONTENT_FILES
from generator.models import FILE_MODELS
from generator.models.schema import schema_for
from generator.project.translations import split_translations
from generator.models.validation import build_model
from generator.source.reader import load_yaml_file
from test_bad_input import CASES, FIXTURES

NOT_EXPRESSIBLE = {
    "id-mismatch.yml": "a schema does not know the file's name",
    "scale-duplicates.yml": "JSON Schema cannot require one property to differ between items",
    "bad-number.yml": "an editor sees 012 as the number 12; only the text shows the leading zero",
}
STARTERS = ROOT / "generator" / "starters"


def kind_of(relative: str) -> str | None:
    for kind in CONTENT_FILES:
        if fnmatch.fnmatch(relative, kind.pattern):
            return kind.kind
    return None


def check_accepts(path: Path, kind: str) -> bool | None:
    """True/False for the file's shape; None when check rejects it while reading (not shape)."""
    loaded, problems = load_yaml_file(path, path.name)
    if any(p.severity == "error" for p in problems):
        return None
    loaded.data, _ = split_translations(loaded.data, path.name)  # translations are checked beside the model
    model, problems = build_model(loaded, FILE_MODELS[kind])
    return model is not None and not any(p.severity == "error" for p in problems)


def editor_accepts(path: Path, kind: str) -> bool:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # an editor reads a 5,000-digit number as a (huge) number too
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema_for(kind))
        return not list(validator.iter_errors(data))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    finally:
        sys.set_int_max_str_digits(limit)


def good_files() -> list[tuple[str, Path]]:
    found = []
    for base in (ROOT, STARTERS / "self_assessment", STARTERS / "topic_guide", ROOT / "tests" / "packs" / "bilingual"):
        for folder in ("content", "questions"):
            for path in sorted((base / folder).rglob("*.yml")):
                kind = kind_of(path.relative_to(base).as_posix())
                if kind:
                    found.append((kind, path))
    return found


def test_the_schemas_pass_the_metaschema():
    for kind in CONTENT_FILES:
        jsonschema.Draft202012Validator.check_schema(schema_for(kind.kind))


@pytest.mark.parametrize("kind, path", good_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_good_file_is_accepted_by_both(kind, path):
    assert check_accepts(path, kind) is True
    assert editor_accepts(path, kind)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_the_same_verdict_from_both(name):
    target = CASES[name][0].format(name=name)
    kind = kind_of(target)
    if kind is None:
        pytest.skip(f"{target} is not a content file of any kind (check reports it as stray)")
    path = FIXTURES / name
    check = check_accepts(path, kind)
    if check is None:
        pytest.skip("check refuses it while reading the YAML (tabs, tags, aliases, encoding), not its shape")
    if name in NOT_EXPRESSIBLE:
        assert editor_accepts(path, kind), NOT_EXPRESSIBLE[name]  # check refuses it, beyond shape
        return
    assert editor_accepts(path, kind) == check, f"check {'accepts' if check else 'rejects'} {name}"


EXAMPLES = [
    # (file, text replaced, replacement, both accept?)
    ("questions/guides/project-team-guide.yml", "duration: Up to 1.5 hours", "duration: 90", True),
    ("content/settings.yml", 'content_version: "2026.11.1"', "content_version: 2026.11", True),
    ("content/settings.yml", "organisation: Reflect", "organisation: true", True),
    ("questions/sets/organisations-self-evaluation.yml", "    - value: 1\n", '    - value: "1"\n', True),
    ("content/settings.yml", "  notes_space: true", '  notes_space: "true"', True),
    ("content/settings.yml", "  notes_space: true", "  notes_space: yes please", False),
    ("content/audiences.yml", "    name: QI coaches", "    name: '   '", False),
    ("content/audiences.yml", "    name: QI coaches", "    name: 12", True),
    ("questions/sets/organisations-self-evaluation.yml", "    - value: 1\n", "    - value: one\n", False),
    ("content/quotes.yml", '    quote: "People have had',
     '    quote: "' + "word " * 39 + 'People have had', False),
    ("content/quotes.yml", '    quote: "People have had the opportunity to build relationships with the '
     'people that they work with but also work for, and provide services for, that they possibly '
     'wouldn’t have had without AMHE."', '    quote: "' + " ".join(["word"] * 39) + '."', True),
]


@pytest.mark.parametrize("relative, old, new, accepted", EXAMPLES, ids=lambda v: str(v)[:30])
def test_examples_from_the_issue(tmp_path, relative, old, new, accepted):
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / Path(relative).name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    kind = kind_of(relative)
    assert check_accepts(path, kind) is accepted
    assert editor_accepts(path, kind) is accepted


def test_every_field_has_a_description():
    missing = []
    for kind in CONTENT_FILES:
        schema = schema_for(kind.kind)
        for model in (schema, *schema.get("$defs", {}).values()):
            for name, prop in model.get("properties", {}).items():
                if not prop.get("description"):
                    missing.append(f"{kind.kind}: {model.get('title')}.{name}")
    assert missing == []
