"""The bad-input corpus: one small fixture per mistake, each with its exact message and place.

Each fixture in ``tests/bad_input/`` is dropped into a private copy of the bundled pack at
its target path; ``reflect build --strict`` must then fail with exactly the listed lines
(warnings included), write nothing to the output folder, and never show a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from generator.cli import main

FIXTURES = Path(__file__).parent.parent / "bad_input"
PAGE = "content/pages/{name}"
SET = "questions/sets/{name}"

DID_YOU_MEAN_PLACEMENT = "unknown key 'placment'; did you mean 'placement'?"
REFERENCE_KINDS = (
    "appendix, audience, guide, document, theme, subtheme, question, question-set, implication, "
    "resource, page, placeholder"
)
REMOTE = (
    "'{}' would be loaded from another host, and the site never loads anything from other hosts; it is "
    "removed from the site (link to it, or copy the file into the site)"
)
UNHOLDABLE = "the character {} cannot be held by web pages and Word documents; remove it"
BIDI = "bidirectional control character {} can make text show in a misleading order; remove it"
RESERVED_ID = (
    "id '{}' is one the theme or the site's tools look up, so content may not use it; it is removed from the "
    "site (choose an id that does not start with '__', 'reflect-', 'bank-', 'q-')"
)
URL_CHARACTER = "a web address cannot hold {}; remove it or write it percent-encoded (a space is %20, a double quote %22)"
HASH_COMMENT = (
    "warning: the text after ' #' was read as a comment and left out of the value; put the whole "
    "value in quotes if '#' belongs to it"
)

CASES: dict[str, tuple[str, list[str]]] = {
    # --- reading the file ---------------------------------------------------------------------
    "duplicate-key.yml": (PAGE, ["{t}:6:1: duplicate key 'title' (first defined at line 2, column 1)"]),
    "duplicate-key-deep.yml": (SET, ["{t}:26:13: duplicate key 'text' (first defined at line 24, column 13)"]),
    "anchor.yml": (PAGE, ["{t}:2:8: anchor '&t' is not allowed; write the value out in full"]),
    "alias.yml": (PAGE, ["{t}:6:7: alias '*missing' is not allowed; write the value out in full"]),
    "billion-laughs.yml": (PAGE, [
        "{t}:6:7: anchor '&l0' is not allowed; write the value out in full",
        "{t}:7:7: anchor '&l1' is not allowed; write the value out in full",
        "{t}:7:12: alias '*l0' is not allowed; write the value out in full",
    ]),
    "python-tag.yml": (PAGE, ["{t}:2:8: tag '!!python/object/apply:os.system' is not allowed; remove it"]),
    "str-tag.yml": (PAGE, ["{t}:2:8: tag '!!str' is not allowed; remove it"]),
    "local-tag.yml": (PAGE, ["{t}:2:8: tag '!include' is not allowed; remove it"]),
    "tab-indent.yml": (PAGE, ["{t}:7:1: indentation contains a tab; indent with spaces only"]),
    "nbsp-indent.yml": (PAGE, ["{t}:7:3: indentation contains a non-breaking space; indent with spaces only"]),
    "bom-inside.yml": (PAGE, ["{t}:2:14: byte-order mark (U+FEFF) inside the file; remove it"]),
    "latin-1.yml": (PAGE, ["{t}:2:11: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"]),
    "utf-16.yml": (PAGE, ["{t}:1:1: file is UTF-16 encoded; save it as UTF-8"]),
    "binary.yml": (PAGE, ["{t}:1:1: file is not valid UTF-8 (byte 0x89); save it as UTF-8"]),
    "empty.yml": (PAGE, ["{t}:1:1: file is empty; expected a mapping of keys"]),
    "comments-only.yml": (PAGE, ["{t}:1:1: file is empty; expected a mapping of keys"]),
    "two-documents.yml": (PAGE, ["{t}:7:1: a second YAML document starts here; put one document in each file"]),
    "not-yaml.yml": (PAGE, ["{t}:5:1: invalid YAML: did not find expected key"]),
    "syntax-error.yml": (PAGE, ["{t}:3:10: invalid YAML: did not find expected ',' or ']'"]),
    "hash-in-value.yml": (PAGE, ["{t}:2:17: " + HASH_COMMENT]),
    "stray.yaml": ("content/{name}", [
        "{t}: file is not read: content files belong in content/ (settings, audiences, appendices, themes, "
        "quotes, implications, resources, documents/, pages/) or questions/ (guides/, sets/) and end in .yml"
    ]),
    # --- shape of each item ---------------------------------------------------------------------
    "misspelled-key.yml": (PAGE, [
        "{t}:1:1: missing required key 'placement'",
        "{t}:3:1: " + DID_YOU_MEAN_PLACEMENT,
    ]),
    "wrong-type.yml": (PAGE, ["{t}:3:3: expected text, found a list"]),
    "empty-text.yml": (PAGE, ["{t}:2:8: expected text, found an empty value"]),
    "blank-text.yml": (PAGE, ["{t}:2:8: expected text, found only spaces"]),
    "missing-key.yml": (PAGE, ["{t}:1:1: missing required key 'source'"]),
    "bad-id.yml": (PAGE, ["{t}:1:5: expected an id of lowercase letters, digits and hyphens, found 'Bad_Id'"]),
    "bad-number.yml": (PAGE, ["{t}:4:8: expected a whole number, found '012'"]),
    "bad-choice.yml": (PAGE, ["{t}:3:12: expected one of 'findings' or 'about', found 'sidebar'"]),
    "id-mismatch.yml": (PAGE, ["{t}:1:5: id 'another-name' must match the file name 'id-mismatch'"]),
    "scale-duplicates.yml": (SET, ["{t}:9:5: scale option values must be different"]),
    "quote-too-long.yml": ("content/quotes.yml", [
        "{t}:4:12: quote has 41 words; keep it under 40 and mark cuts with [...]"
    ]),
    "unknown-block-type.yml": ("content/documents/consent-form.yml", [
        "{t}:10:9: unknown type 'checkboxes'; expected one of 'paragraph', 'list', 'fields', "
        "'tick-boxes', 'signatures', 'faq'",
        "{t}:12:9: missing required key 'type'",
    ]),
    "bad-skip-action.yml": ("questions/guides/lived-experience-questions.yml", [
        "{t}:17:19: expected one of 'skip' or 'focus-on-remaining-prompts', found 'jump'"
    ]),
    # --- references between items -------------------------------------------------------------
    "duplicate-id.yml": (SET, [
        "questions/sets/organisations-self-evaluation.yml:144:13: duplicate question id 'org-paid-roles' "
        "(first used at {t}:18:13)"
    ]),
    "dangling-keys.yml": (SET, [
        "{t}:3:11: unknown audience 'trusts'",
        "{t}:21:40: unknown subtheme 'funding'",
        "{t}:22:39: unknown implication action 'fund-everything'",
    ]),
    "dangling-quote-subtheme.yml": ("content/quotes.yml", [
        "{t}:3:15: unknown subtheme 'relationship-building'; did you mean 'relationships'?"
    ]),
    "dangling-skip-logic.yml": ("questions/guides/lived-experience-questions.yml", [
        "{t}:16:28: unknown question 'lived-earlier-question' in guide 'lived-experience-questions'; "
        "did you mean 'lived-only-question'?",
        "{t}:18:21: unknown section or question 'lived-later-section' in guide "
        "'lived-experience-questions'; did you mean 'lived-only-section'?",
    ]),
    "appendices-unknown.yml": ("content/appendices.yml", [
        "{t}:7:5: appendix 'consent-from' is neither a guide (questions/guides/) nor a document "
        "(content/documents/); did you mean 'consent-form'?"
    ]),
    "dangling-text-reference.yml": (PAGE, [
        "{t}:6:11: unknown subtheme 'limited-resource' in reference [[subtheme:limited-resource]]; "
        "did you mean 'limited-resources'?"
    ]),
    "unknown-reference-kind.yml": (PAGE, [
        "{t}:6:11: unknown reference kind 'chapter' in '[[chapter:two]]'; expected one of: " + REFERENCE_KINDS
    ]),
    "malformed-reference.yml": (PAGE, ["{t}:6:11: malformed reference '[[subtheme]]'; write [[kind:id]]"]),
    "unknown-placeholder.yml": (PAGE, [
        "{t}:6:16: unknown placeholder 'contact_email' in reference [[placeholder:contact_email]]"
    ]),
    # --- content that must never run ------------------------------------------------------------
    "script-tag.yml": (PAGE, [
        "{t}:7:9: warning: raw <script> is not allowed in content; it is removed from the site",
        "{t}:7:25: warning: raw <script> is not allowed in content; it is removed from the site",
    ]),
    "event-handler.yml": (PAGE, [
        "{t}:8:6: warning: event handler 'onclick=\"alert(1)\"' is not allowed in content; it is removed "
        "from the site"
    ]),
    "javascript-url.yml": (PAGE, [
        "{t}:6:19: warning: 'JaVaScRiPt:' URLs are not allowed; use https, mailto, tel or a link within the site"
    ]),
    "encoded-javascript-url.yml": (PAGE, [
        "{t}:6:22: warning: character references that hide letters ('&#x61;') are not allowed in content"
    ]),
    "data-url.yml": (PAGE, [
        "{t}:6:17: warning: 'data:' URLs are not allowed; use https, mailto, tel or a link within the site"
    ]),
    "reserved-ids.yml": (PAGE, [
        "{t}:7:12: warning: " + RESERVED_ID.format("__config"),
        "{t}:10:7: warning: " + RESERVED_ID.format("reflect-strings"),
        "{t}:12:18: warning: " + RESERVED_ID.format("q-org-paid-roles"),
        "{t}:14:9: warning: attribute 'data-md-component' is read by the theme or the site's tools, so content "
        "may not use it; it is removed from the site",
    ]),
    # --- settings reach every page: web addresses are checked before anything is built ------------
    "hostile-settings-urls.yml": ("content/settings.yml", [
        "{t}:6:13: expected a language tag (BCP 47) such as en-GB, cy or gd, found 'en-GB\"><svg onload=alert(1)>'",
        "{t}:8:8: " + URL_CHARACTER.format("a double quote"),
        "{t}:11:8: expected a web address starting with https://, http://, mailto: or a path within the site, "
        "found 'javascript:alert(1)'",
        "{t}:16:8: " + URL_CHARACTER.format("a space"),
        "{t}:18:19: expected a web address starting with https:// or http://, found '//tracker.example/repo'",
        "{t}:19:14: " + URL_CHARACTER.format("a control character"),
        "{t}:19:25: " + UNHOLDABLE.format("U+0007 BELL"),
    ]),
    "hostile-resource-url.yml": ("content/resources.yml", ["{t}:4:10: " + URL_CHARACTER.format("a single quote")]),
    # --- resources from other hosts: never loaded by the site -------------------------------------
    "remote-image.yml": (PAGE, ["{t}:7:21: warning: " + REMOTE.format("https://tracker.example/chart.png")]),
    "remote-html-media.yml": (PAGE, [
        "{t}:7:21: warning: " + REMOTE.format("//cdn.example/a.png"),
        "{t}:8:18: warning: " + REMOTE.format("http://cdn.example/p.jpg"),
        "{t}:9:15: warning: " + REMOTE.format("https://cdn.example/a.mp3"),
    ]),
    "remote-srcset.yml": (PAGE, ["{t}:7:46: warning: " + REMOTE.format("https://cdn.example/b.png")]),
    "remote-css-url.yml": (PAGE, ["{t}:8:29: warning: " + REMOTE.format("https://cdn.example/bg.png")]),
    "remote-image-reference.yml": (PAGE, ["{t}:9:8: warning: " + REMOTE.format("https://cdn.example/logo.png")]),
    # --- characters: what check accepts must build ------------------------------------------------
    "escape-in-title.yml": (PAGE, ["{t}:2:14: " + UNHOLDABLE.format("U+001B ESCAPE")]),
    "control-characters.yml": (PAGE, [
        "{t}:2:14: " + UNHOLDABLE.format("U+0001 START OF HEADING"),
        "{t}:6:13: " + UNHOLDABLE.format("U+0000 NULL"),
    ]),
    "bidi-override.yml": (PAGE, [
        "{t}:2:13: warning: " + BIDI.format("U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{t}:2:21: warning: " + BIDI.format("U+202C POP DIRECTIONAL FORMATTING"),
    ]),
    "bidi-isolate-escape.yml": (PAGE, [
        "{t}:6:13: warning: " + BIDI.format("U+2067 RIGHT-TO-LEFT ISOLATE"),
        "{t}:6:25: warning: " + BIDI.format("U+2069 POP DIRECTIONAL ISOLATE"),
    ]),
    # --- loader limits ----------------------------------------------------------------------------
    "deep-nesting.yml": (PAGE, ["{t}:6:106: nested more than 100 levels deep; content files never need that many"]),
    "line-separator-in-comment.yml": (PAGE, [
        "{t}:3:22: invalid YAML: did not find expected key (U+2028 LINE SEPARATOR at 3:20 is read by YAML "
        "as a line break; remove it)"
    ]),
    "line-separator-on-line-one.yml": (PAGE, [
        "{t}:1:27: invalid YAML: U+2028 LINE SEPARATOR in this comment is read by YAML as a line break, so the "
        "rest of the comment is read as content (did not find expected <document start> at 2:1); remove it"
    ]),
    "line-separator-in-text.yml": (PAGE, [
        "{t}:7:1: unknown key 'colour'; expected one of: id, title, placement, order, source, body"
    ]),
    "long-id.yml": (PAGE, ["{t}:1:5: id has 123 characters; keep it to at most 100 (it names files and web addresses)"]),
    "huge-number.yml": (PAGE, ["{t}:4:8: expected a whole number of at most 15 digits, found one of 5,000 digits"]),
    "many-unknown-keys.yml": (PAGE, [
        *(f"{{t}}:{7 + n}:1: unknown key 'extra{n}'; expected one of: id, title, placement, order, source, body"
          for n in range(50)),
        "{t}: … and 10 more in this file",
    ]),
}

# Cases that are links or special files rather than file contents: (path, how to make it, messages)
LINK_CASES: dict[str, tuple[str, str, list[str]]] = {
    "link-out-of-project": ("content/pages/leak.yml", "link:{outside}", [
        "{t}: symbolic link to '{outside}', outside the project; it is not read. Copy the file into the "
        "project instead"
    ]),
    "folder-link-out-of-project": ("questions/sets/more", "link:{outside_folder}", [
        "{t}: symbolic link to '{outside_folder}', outside the project; it is not read. Copy the file into "
        "the project instead"
    ]),
    "dangling-link": ("questions/guides/moved.yml", "link:moved-away.yml", [
        "{t}: symbolic link to a missing file ('moved-away.yml'); remove the link or restore its target"
    ]),
    "link-loop": ("content/pages/loop.yml", "link:loop.yml", ["{t}: symbolic link loop ('loop.yml'); remove the link"]),
    "folder-named-like-a-file": ("questions/sets/more.yml", "folder", [
        "{t}: this is a folder, not a file; content files are files ending in .yml"
    ]),
    "named-pipe": ("content/pages/pipe.yml", "fifo", [
        "{t}: this is a named pipe, not a file; remove it from the content folders"
    ]),
}
EDITOR_FILES = (".#about.yml", "about.yml~", ".about.yml.swp", "#about.yml#")


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name, tmp_path):
    target_pattern, expected = CASES[name]
    target = target_pattern.format(name=name)
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / name, project / target)
    _fails_with(project, tmp_path, target, expected)


@pytest.mark.parametrize("name", sorted(LINK_CASES))
def test_bad_links_and_special_files(name, tmp_path):
    target, how, expected = LINK_CASES[name]
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "elsewhere" / "secret.yml"
    outside.parent.mkdir()
    outside.write_text((project / "content" / "pages" / "about.yml").read_text().replace("id: about", "id: leak"))
    places = {"outside": str(outside), "outside_folder": str(outside.parent)}
    if how == "fifo":
        os.mkfifo(project / target)
    elif how == "folder":
        (project / target).mkdir()
    else:
        os.symlink(how.split(":", 1)[1].format(**places), project / target)
    _fails_with(project, tmp_path, target, [line.replace("{t}", target).format(**places) for line in expected])


def test_editor_lock_and_backup_files_are_ignored(tmp_path):
    project = copy_project(tmp_path / "project")
    pages = project / "content" / "pages"
    os.symlink("someone@host.4242:1700000000", pages / ".#about.yml")  # Emacs' lock: a link to nowhere
    for name in EDITOR_FILES[1:]:
        (pages / name).write_text("title: [ half-saved")
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = main(["--project", str(project), "check"])
    assert status == 0, errors.getvalue()
    assert not any(name in errors.getvalue() for name in EDITOR_FILES)


def _fails_with(project: Path, tmp_path: Path, target: str, expected: list[str]) -> None:
    output = tmp_path / "site"
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = main(["--project", str(project), "build", "--strict", "--site-dir", str(output)])
    reported = [
        line for line in errors.getvalue().splitlines()
        if ":" in line.split(" ")[0] and "placeholder '" not in line.split(": ", 1)[-1][:13]
        and not line.split(": ", 1)[-1].startswith("placeholder '")
    ]
    if target == "content/quotes.yml":  # a one-quote fixture leaves the other subthemes unquoted
        reported = [line for line in reported if "has no quote in content/quotes.yml" not in line]
    assert status == 1
    assert reported == [line.format(t=target) for line in expected]
    assert "Traceback" not in errors.getvalue()
    assert not output.exists(), "a failed build wrote output"
    assert not list(tmp_path.glob(".site-*")), "a failed build left a staging folder"
