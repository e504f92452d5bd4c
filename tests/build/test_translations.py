"""Content in two languages: translations beside the source, checked, localised, stale when the source moves on.

Cheap: each test loads the small fully bilingual pack (tests/packs/bilingual) or a copy of it
edited in one place; no site is built.
"""

from __future__ import annotations

import shutil
import types
import typing
from pathlib import Path

import pytest

from generator.strings.foreign import ForeignWords
from generator import models as m
from generator.source.diagnostics import ContentError
from generator.project import load_project
from generator.project.translations import SHARED_FIELDS, TRANSLATED_FIELDS, localise, text_states

from conftest import reflect

PACK = Path(__file__).parent.parent / "packs" / "bilingual"
SET = "questions/sets/team-check.yml"
DOC = "content/documents/how-to-run.yml"


@pytest.fixture
def pack(tmp_path) -> Path:
    return Path(shutil.copytree(PACK, tmp_path / "bilingual", ignore=shutil.ignore_patterns("site", ".reflect-cache")))


def edit(pack: Path, relative: str, old: str, new: str) -> None:
    path = pack / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(pack: Path, relative: str, needle: str) -> int:
    for number, line in enumerate((pack / relative).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def errors(pack: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(pack)
    return [str(d) for d in caught.value.errors]


def test_bilingual_pack_reads_in_welsh_with_the_same_structure():
    project = load_project(PACK)
    assert project.translations.languages == ("cy",)
    assert {s.state for s in text_states(project, "cy")} == {"translated"}
    welsh = localise(project, "cy")
    qset, source = welsh.question_sets[0], project.question_sets[0]
    assert qset.title == "Sut mae ein tîm yn dysgu" and source.title == "How our team learns"
    assert [o.label for o in qset.scale.options] == ["Ddim eto", "Weithiau", "Bob amser"]
    assert [o.value for o in qset.scale.options] == [o.value for o in source.scale.options]  # shared
    question = qset.sections[0].questions[0]
    assert question.id == "huddles" and question.prompts[0].text == "Pwy sydd fel arfer yn dechrau'r sgwrs?"
    assert welsh.settings.site.title == "Gwiriad dysgu tîm"
    assert welsh.settings.site.content_version == project.settings.site.content_version
    blocks = welsh.documents[0].sections[0].blocks
    assert blocks[1].items == ("Argraffwch un copi i bob person.", "Dewch â beiros.")
    assert blocks[3].fields[0].label == "Tîm" and blocks[3].fields[0].write_in
    assert welsh.appendices[0].item is welsh.documents[0]  # numbering follows the localised items
    assert welsh.question_by_id["huddles"].question is question
    assert localise(project, "en-GB") is project  # the default language is the project itself
    assert not project.translation_notes


def test_a_missing_translation_falls_back_marked_and_check_lists_it(pack):
    edit(pack, SET, "            text: Gall unrhyw un yn y tîm awgrymu newid a chlywed beth ddigwyddodd iddo.\n", "")
    project = load_project(pack)
    source = project.question_by_id["ideas-heard"].question.text
    welsh = localise(project, "cy")
    shown = welsh.question_by_id["ideas-heard"].question.text
    assert shown == source and type(shown) is ForeignWords  # the default language's text, saying so
    assert (shown.language, shown.state) == ("en-GB", "untranslated")
    translated = welsh.question_by_id["huddles"].question.text
    assert type(translated) is str and "\ue004" not in shown + translated  # no character in the text marks it
    notes = [str(n) for n in project.translation_notes]
    assert notes == [f"{SET}:{line_of(pack, SET, source)}:15: info: cy: 1 text(s) in this file not translated "
                     "(from here: questions.text); they show in the default language"]
    result = reflect("--project", str(pack), "check")
    assert result.returncode == 0 and "cy: 28 of 29 texts translated, 1 missing" in result.stderr
    listed = reflect("--project", str(pack), "check", "--strict-translations")
    assert listed.returncode == 0 and notes[0] in listed.stdout + listed.stderr


def test_a_translation_is_stale_when_its_source_text_changes(pack):
    edit(pack, SET, "at the end of each shift.", "at the end of every shift.")
    project = load_project(pack)
    assert [s.field for s in text_states(project, "cy") if s.state == "stale"] == ["text"]
    stale = [str(d) for d in project.stale_translations]
    assert len(stale) == 1 and stale[0].startswith(f"{SET}:{line_of(pack, SET, 'Rydyn ni')}:")
    new = stale[0].rsplit("source_fingerprint: ", 1)[1]
    # the stale translation is still used, marked as such on the site
    marked = localise(project, "cy").question_by_id["huddles"].question
    assert marked.text.startswith("Rydyn ni") and (marked.text.language, marked.text.state) == ("", "stale")
    assert type(marked.prompts[0].text) is str  # the item's own fields only: its prompts have translations of their own
    assert reflect("--project", str(pack), "check", "--strict").returncode == 0  # strict alone does not fail
    failing = reflect("--project", str(pack), "check", "--strict-translations")
    assert failing.returncode == 1 and stale[0] in failing.stdout + failing.stderr
    # reviewed: the translator writes the new fingerprint and it is current again
    text = (pack / SET).read_text(encoding="utf-8").split("\n")
    index = line_of(pack, SET, "Rydyn ni")  # the fingerprint is on the next line
    text[index] = text[index].rsplit(" ", 1)[0] + " " + new
    (pack / SET).write_text("\n".join(text), encoding="utf-8")
    assert not load_project(pack).stale_translations
    # a translation without any fingerprint counts as stale too (not yet reviewed against a source)
    edit(pack, SET, f"            source_fingerprint: {new}\n", "")
    assert len(load_project(pack).stale_translations) == 1


def test_bad_translations_are_all_reported_at_their_place(pack):
    edit(pack, SET, "    title: Sut mae ein tîm yn dysgu\n", "    title: Sut mae ein tîm yn dysgu\n    titel: x\n    id: x\n")
    edit(pack, SET, "      label: I ba raddau", "      labl: I ba raddau")
    edit(pack, SET, "        cy:\n          label: Ddim eto", "        fr:\n          label: Pas encore")
    edit(pack, SET, "            text: Pwy sydd", "            txt: Pwy sydd")
    edit(pack, DOC, "              - Dewch â beiros.\n", "")
    edit(pack, DOC, "        heading: Cyn y sesiwn\n", "        heading: Cyn y sesiwn [[document:no-such-document]]\n")
    edit(pack, SET, "            text: Rydyn ni'n trafod", "            prompts: [Pwy?]\n            text: Rydyn ni'n trafod")
    edit(pack, "content/settings.yml", "    awaiting_review: siaradwr Cymraeg\n",
         "    awaiting_review: siaradwr Cymraeg\n    translations:\n      cy: {name: Cymraeg}\n")
    found = errors(pack)
    at = lambda file, needle: f"{file}:{line_of(pack, file, needle)}:"  # noqa: E731
    expected = [
        (at(SET, "titel: x"), "unknown field 'titel'; did you mean 'title'?"),
        (at(SET, "    id: x"), "'id' is not translated: ids, references, numbers and structure are shared"),
        (at(SET, "labl: I ba"), "unknown field 'labl'; did you mean 'label'?"),
        (at(SET, "fr:"), "unknown language 'fr'; languages: cy"),
        (at(SET, "txt: Pwy"), "unknown field 'txt'; did you mean 'text'?"),
        (at(SET, "prompts: [Pwy?]"), "'prompts' is not translated here: each of its items carries its own translations"),
        (at(DOC, "- Argraffwch"), "'items': the translation has 1 items and the source 2: structure is shared"),
        (at(DOC, "no-such-document"), "unknown document 'no-such-document' in reference [[document:no-such-document]]"),
        (at("content/settings.yml", "    translations:"), "this item has no text to translate"),
    ]
    for where, message in expected:
        assert any(e.startswith(where) and message in e for e in found), (where, message, found)
    assert len(found) == len(expected), found
    result = reflect("--project", str(pack), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_a_translation_for_the_default_language_or_no_languages_is_explained(pack):
    edit(pack, "content/audiences.yml", "      cy:\n", "      en-GB:\n")
    assert any("unknown language 'en-GB'; 'en-GB' is the default language (site.language)" in e for e in errors(pack))


def _holds_free_text(annotation: typing.Any) -> bool:
    """Whether a field's type is text (or a tuple of texts) without a pattern (not an id, date or address)."""
    if annotation is str:
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        if any(getattr(meta, "pattern", None) for meta in args[1:]):
            return False
        return _holds_free_text(args[0])
    if origin in (typing.Union, types.UnionType) or origin is tuple:
        return any(_holds_free_text(arg) for arg in args if arg is not Ellipsis)
    return False


def _text_fields(model: type) -> set[str]:
    """Names of a model's fields holding text that is not an id, a code or a source line."""
    return {
        name for name, info in model.model_fields.items()
        if name not in ("id", "source") and not any(getattr(meta, "pattern", None) for meta in info.metadata)
        and _holds_free_text(info.annotation)
    }


def test_every_text_field_of_every_kind_is_translated_or_declared_shared():
    seen: set[type] = set()
    todo = list(m.FILE_MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            for candidate in typing.get_args(info.annotation) + (info.annotation,):
                for inner in (typing.get_args(candidate) or (candidate,)):
                    for leaf in (typing.get_args(inner) or (inner,)):
                        if isinstance(leaf, type) and issubclass(leaf, m.Node):
                            todo.append(leaf)
        texts = _text_fields(model)
        classified = set(TRANSLATED_FIELDS.get(model, ())) | set(SHARED_FIELDS.get(model, ()))
        assert texts <= classified, (model.__name__, texts - classified)
        assert set(TRANSLATED_FIELDS.get(model, ())) <= set(model.model_fields), model.__name__
    assert m.SetQuestion in seen and m.FaqItem in seen and m.ScaleOption in seen


def test_a_languages_own_strings_are_checked_like_the_default_ones(pack):
    edit(pack, "content/settings.yml", "    awaiting_review: siaradwr Cymraeg\n",
         "    awaiting_review: siaradwr Cymraeg\n    strings:\n      site.findings.qoutes: Beth ddywedodd pobl\n")
    found = errors(pack)
    assert len(found) == 1 and found[0].startswith(f"content/settings.yml:{line_of(pack, 'content/settings.yml', 'qoutes')}:")
    assert "unknown string 'site.findings.qoutes'; did you mean 'site.findings.quotes'?" in found[0]
