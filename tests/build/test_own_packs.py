"""Packs of our own (tests/packs/), of different shapes, build strictly and say nothing of the bundled report.

- ``self-assessment``: settings (no report), one audience, one question set on a 0–4 scale.
- ``reflective-practice``: two audiences, six themes of one to three subthemes, quotes on only
  some, sets on 1–3 and 0–4 scales, a debrief guide and a form with write-in fields; no
  appendices file, so guides and documents go under their own titles.

Each pack is built once per module (check, build, build --strict) and every page, the search
index, every PDF and Word file and the exports are read back for the bundled report's words.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT, reflect
from pypdf import PdfReader

from generator.writers.data import project_json
from generator.project import load_project
from generator.project.reference_kinds import label
from generator.build.site import SiteBuild
from visible_text import page_title, text_nodes

PACKS = Path(__file__).parent.parent / "packs"

# Words that belong only to the bundled report (or to numbering a pack does not use).
BUNDLED_WORDS = re.compile(
    r"focus group|QI coach|\bcoaches\b|Table 1|AMHE|co-?production|NCCMH|Royal College|"
    r"Collaborative|lived experience|\bappendix\b|\bappendices\b",
    re.IGNORECASE,
)
# Names in the data formats (keys, columns, URL paths, `code` in the open-data page) are identifiers, not words.
IDENTIFIERS = re.compile(r"<code>[^<]*</code>|\S*appendices/\S*|\"appendix\"|\"appendices\"")


def _build(tmp_path_factory, name: str) -> Path:
    project = tmp_path_factory.mktemp(name) / name
    shutil.copytree(PACKS / name, project)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    for args in (("check",), ("check", "--strict"), ("build",), ("build", "--strict")):
        result = reflect("--project", str(project), *args, cwd=project)
        assert result.returncode == 0, f"{name}: reflect {' '.join(args)}\n{result.stderr}"
    return project


@pytest.fixture(scope="module")
def self_assessment(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "self-assessment")


@pytest.fixture(scope="module")
def framework(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "reflective-practice")


def _code_free(markup: str) -> str:
    return re.sub(r"<code>.*?</code>", " ", markup, flags=re.S)


def _texts(site: Path):
    """(file, text a reader or a program gets) for every output of a built site."""
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if name.startswith(("assets/", "source/")) or not path.is_file():
            continue
        if path.suffix == ".html":
            markup = _code_free(path.read_text(encoding="utf-8"))
            yield name, page_title(markup) + " " + " ".join(text_nodes(markup, whole=True))
        elif path.name == "search_index.json":
            for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                text = re.sub(r"<[^>]+>", " ", _code_free(doc["text"]))
                yield f"{name} {doc['location']}", html.unescape(f"{doc['title']} {text}")
        elif path.suffix == ".pdf":
            reader = PdfReader(path)
            yield name, " ".join(page.extract_text() for page in reader.pages) + " " + " ".join(
                str(v) for v in (reader.metadata or {}).values()
            )
        elif path.suffix == ".docx":
            document = docx.Document(str(path))
            parts = [p.text for p in document.paragraphs]
            parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
            for section in document.sections:
                parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
            core = document.core_properties
            parts += [core.title or "", core.subject or "", core.keywords or ""]
            yield name, " ".join(parts)
        elif path.suffix in (".json", ".csv") and name.startswith("data/"):
            text = path.read_text(encoding="utf-8-sig")
            if path.suffix == ".csv":
                text = text.split("\n", 1)[1]  # the header row names columns
            yield name, IDENTIFIERS.sub(" ", text)


@pytest.mark.parametrize("pack", ["self_assessment", "framework"])
def test_no_word_of_the_bundled_report_anywhere(pack, request):
    site = request.getfixturevalue(pack) / "site"
    seen = {"html": 0, "pdf": 0, "docx": 0, "search": 0, "data": 0}
    found = []
    for name, text in _texts(site):
        kind = "search" if "search_index" in name else "data" if name.startswith("data/") else name.rsplit(".", 1)[-1]
        seen[kind] = seen.get(kind, 0) + 1
        found += [f"{name}: …{text[max(0, m.start() - 50):m.end() + 30]}…" for m in BUNDLED_WORDS.finditer(text)]
    assert not found, "\n".join(found[:30])
    assert seen["html"] > 5 and seen["pdf"] >= 1 and seen["docx"] >= 1 and seen["search"] > 5 and seen["data"] >= 2


def test_the_scan_would_see_a_bundled_word(tmp_path):
    """The scan reads what it claims to: a document naming a bundled word is caught in its PDF."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "questions.csv").write_text("id,appendix\nq1,Appendix 2 of the focus group\n", encoding="utf-8")
    assert any(BUNDLED_WORDS.search(text) for _, text in _texts(site))


def test_the_framework_has_its_own_shape(framework):
    site = framework / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = " ".join(text_nodes(home, region="md-nav--primary"))
    assert "Guides and documents" in menu and "Findings" in menu
    words = " ".join(text_nodes(home))
    assert "6 themes and 11 subthemes" in words
    guide = " ".join(text_nodes((site / "appendices" / "placement-debrief.html").read_text(encoding="utf-8")))
    assert "Reflection record" in guide  # [[document:…]] shows the document's own title
    educator = (site / "question-sets" / "educator-review.html").read_text(encoding="utf-8")
    assert '<li value="0"><strong>Absent</strong></li>' in educator
    findings = " ".join(
        " ".join(text_nodes(p.read_text(encoding="utf-8"))) for p in sorted((site / "findings").rglob("*.html"))
    )
    assert "Student, reflective log" in findings and "Student, debrief" in findings
    rows = (site / "data" / "questions.csv").read_text(encoding="utf-8-sig").splitlines()
    debrief = [r for r in rows if r.startswith("proudest,")]
    assert debrief and debrief[0].split(",")[4] == ""  # no number where the publisher numbers nothing
    data = json.loads((site / "data" / "project.json").read_text(encoding="utf-8"))
    assert data["guides"][0]["appendix"] is None and data["guides"][0]["label"] is None


def test_write_in_fields_print_as_blanks(framework):
    record = docx.Document(str(framework / "site" / "downloads" / "reflection-record.docx"))
    cells = {row.cells[0].text: row.cells[-1].text for t in record.tables for row in t.rows}
    assert cells.get("Programme") == "BSc Nursing (Adult)"
    assert cells.get("Student name") == "" and cells.get("Date") == ""


def _with_order(tmp_path: Path, order: str) -> Path:
    project = tmp_path / "pack"
    shutil.copytree(PACKS / "reflective-practice", project)
    (project / "content" / "appendices.yml").write_text(order, encoding="utf-8")
    return project


def test_the_publisher_chooses_the_word_and_the_numbers(tmp_path):
    order = "label: Annex\ntitle: Annexes\nappendices: [reflection-record, placement-debrief]\n"
    p = load_project(_with_order(tmp_path, order))
    site = SiteBuild(p).render()
    assert label(p, "document", "reflection-record") == "Annex 1"
    assert label(p, "question", "proudest") == "Annex 2, question 1"
    nav = json.dumps([str(item) for item in site.nav])
    assert "Annexes" in nav and "Appendi" not in nav
    page = next(pg for pg in site.pages if pg.path.rsplit(".", 1)[0].endswith("placement-debrief"))
    assert "Annex 2: End-of-placement debrief guide" in page.title + page.html
    assert json.loads(project_json(p))["guides"][0]["label"] == "Annex 2"


def test_numbers_can_be_switched_off(tmp_path):
    order = "numbered: false\ntitle: Forms and guides\nappendices: [reflection-record, placement-debrief]\n"
    p = load_project(_with_order(tmp_path, order))
    assert label(p, "document", "reflection-record") == "Reflection record"
    assert label(p, "question", "proudest") == "End-of-placement debrief guide, question 1"
    site = SiteBuild(p).render()
    nav = json.dumps([str(item) for item in site.nav])
    assert "Appendi" not in nav and "Forms and guides" in nav
    assert [pg.title for pg in site.pages if pg.path.rsplit(".", 1)[0].endswith("placement-debrief")] == [
        "End-of-placement debrief guide"]


def test_strict_lists_placeholders_and_warnings_together(tmp_path):
    project = tmp_path / "pack"
    shutil.copytree(PACKS / "reflective-practice", project)
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "    value: placements@northgate.example\n", ""), encoding="utf-8")
    audiences = project / "content" / "audiences.yml"
    audiences.write_text(audiences.read_text(encoding="utf-8").replace(
        "lead their debriefs.", "lead their debriefs. <script>alert(1)</script>"), encoding="utf-8")
    plain = reflect("--project", str(project), "check", cwd=project)
    assert plain.returncode == 0, plain.stderr
    strict = reflect("--project", str(project), "check", "--strict", cwd=project)
    assert strict.returncode != 0
    assert re.search(r"^\d+ warnings?: --strict", strict.stderr, re.M), strict.stderr
    assert "1 unfilled placeholder" in strict.stderr
    assert "tutor_email" in strict.stderr
    # a subtheme without a quote is information: listed, never a strict failure
    assert "info: subtheme 'feelings' has no quote" in strict.stderr
    assert "strict" not in reflect("--project", str(PACKS / "reflective-practice"), "check", "--strict").stderr


# --- issue 23: own material, round two ---------------------------------------------------------

STARTERS = ROOT / "generator" / "starters"


def _pack(tmp_path: Path, name: str, settings: str = "", language: str | None = None) -> Path:
    """A copy of a pack with lines added to its settings (and its language set)."""
    project = tmp_path / name
    shutil.copytree(PACKS / name if (PACKS / name).is_dir() else STARTERS / name, project)
    path = project / "content" / "settings.yml"
    text = path.read_text(encoding="utf-8")
    if language:
        text = re.sub(r"^  language: .*$", f"  language: {language}", text, flags=re.M)
        if f"language: {language}" not in text:
            text = text.replace("site:\n", f"site:\n  language: {language}\n", 1)
    path.write_text(text + settings, encoding="utf-8")
    return project


def _words(fragment: str) -> str:
    """The text a reader sees in a rendered page's HTML (scripts and tags left out)."""
    text = re.sub(r"<script\b.*?</script>|<[^>]+>", " ", _code_free(fragment), flags=re.S)
    return " ".join(html.unescape(text).split())


def _page_words(site) -> dict[str, str]:
    words = {page.path: _words(page.title + " " + page.html) for page in site.pages}
    assert len(words) > 3 and all(words.values())
    return words


def test_default_labels_come_from_the_catalogue_in_the_site_language(tmp_path):
    from generator.document.printables import PrintBuilder
    from generator.project.numbering import words_for

    p = load_project(_pack(tmp_path, "reflective-practice", language="cy"))
    guide = p.guides[0]
    assert guide.prompts_label is None
    prompts = words_for(p).text("site.guide.prompts")
    assert prompts != "Prompts (use as needed)" and "Prompts" not in prompts
    page = next(pg for pg in SiteBuild(p).render().pages if pg.path.endswith("placement-debrief.md"))
    assert prompts in page.html and "Prompts (use as needed)" not in page.html
    printed = repr(PrintBuilder(p).guide(guide))
    assert prompts in printed and "Prompts (use as needed)" not in printed
    # a set without its own response label is given the catalogue's, in the language of the site
    student = next(s for s in p.question_sets if s.id == "student-reflection")
    without = student.model_copy(update={"response_label": None})
    assert words_for(p).text("site.set.response") in repr(PrintBuilder(p).question_set(without))


WELSH_FORMS = {"zero": "dim cam", "one": "un cam", "two": "dau gam", "few": "tri cham",
               "many": "chwe cham", "other": "{count} cam"}
COUNTS = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 6, "other": 10}


@pytest.mark.parametrize("shape", ["mapping", "dotted"])
def test_every_plural_form_can_be_overridden(tmp_path, shape):
    from generator.project.numbering import words_for

    if shape == "mapping":
        lines = "  site.count.themes: {" + ", ".join(f'{c}: "{t}"' for c, t in WELSH_FORMS.items()) + "}\n"
    else:
        lines = "".join(f'  site.count.themes.{c}: "{t}"\n' for c, t in WELSH_FORMS.items())
    project = _pack(tmp_path, "reflective-practice", language="cy")
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("strings:\n", "strings:\n" + lines, 1),
                        encoding="utf-8")
    words = words_for(load_project(project))
    for category, count in COUNTS.items():
        assert words.text("site.count.themes", count=count) == WELSH_FORMS[category].format(count=count)


def test_a_plural_string_written_wrongly_is_told_its_shape(tmp_path, capsys):
    project = _pack(tmp_path, "self-assessment", settings=(
        "strings:\n"
        '  site.count.themes: "{count} stages"\n'
        '  site.count.subthemes.one: "{count} step"\n'
        '  site.set.for: {one: "a", other: "b"}\n'
        '  site.count.questions: {one: "{count} prompt", lots: "{count} prompts", other: "{count} prompts"}\n'))
    result = reflect("--project", str(project), "check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    themes = next(line for line in lines if "'site.count.themes'" in line)
    assert "depends on a count" in themes and "site.count.themes: {one: <words>, other: <words>}" in themes
    assert "site.count.themes.one: <words>" in themes
    assert any("'site.count.subthemes' needs its 'other' form" in line for line in lines)
    assert any("'site.set.for' is one text" in line for line in lines)
    assert any("'site.count.questions' has no form 'lots'" in line for line in lines)
    assert "did you mean" not in result.stderr
    # a Welsh site is told the Welsh forms
    welsh = _pack(tmp_path / "cy", "self-assessment", language="cy",
                  settings='strings:\n  site.count.themes: "{count} cam"\n')
    said = reflect("--project", str(welsh), "check", cwd=welsh).stderr
    assert "{zero: <words>, one: <words>, two: <words>, few: <words>, many: <words>, other: <words>}" in said


KIND_WORDS = re.compile(r"\b(sub)?themes?\b", re.IGNORECASE)


def test_the_publishers_names_for_themes_reach_every_string(tmp_path):
    from generator.project.numbering import words_for

    project = _pack(tmp_path, "reflective-practice", settings=(
        "names:\n  theme: {one: stage, other: stages}\n  subtheme: {one: step, other: steps}\n"))
    p = load_project(project)
    words = words_for(p)
    found = []
    for path, text in _page_words(SiteBuild(p).render()).items():
        found += [f"{path}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in KIND_WORDS.finditer(text)]
    assert not found, "\n".join(found[:20])
    tools = words.section("tools.")  # the bank's caption and filters, the composer's
    assert tools["bank_theme"] == "Stage and step" and tools["bank_filter_theme"] == "stage: {names}"
    assert not [name for name, text in tools.items() if KIND_WORDS.search(re.sub(r"\{\w+\}", "", json.dumps(text)))]
    assert words.text("site.count.themes", count=2) == "2 stages"
    assert words.text("site.theme_title", number=1, label="Noticing") == "Stage 1: Noticing"
    assert "6 stages and 11 steps" in _words(next(pg.html for pg in SiteBuild(p).render().pages if pg.path == "index.md"))


EVERY_KIND_RENAMED = {  # real names a publisher might choose, none sharing a word with the defaults
    "guide": ("interview schedule", "interview schedules"), "question_set": ("survey", "surveys"),
    "document": ("form", "forms"), "implication": ("recommendation", "recommendations"),
    "action": ("next step", "next steps"), "quote": ("voice", "voices"), "resource": ("reading", "readings"),
    "audience": ("group", "groups"), "theme": ("stage", "stages"), "subtheme": ("step", "steps"),
}
DEFAULT_KIND_WORDS = re.compile(
    r"\b(guides?|question sets?|documents?|implications?|actions?|quotes?|resources?|audiences?|(sub)?themes?)\b",
    re.IGNORECASE)
# Strings whose kind-like word is not a kind of content: the reader's own composed guide (the
# composer's word, renamed by its string names), the publisher's command line (it names the YAML
# folders), a file format, the interface's own actions, data keys in backticks.
NOT_A_KIND = re.compile(
    r"^(tools\.(bank_|compose_)|site\.(audience|home)\.compose$|site\.compose\.(title|intro)$|cli\.|"
    r"site\.downloads\.(format_docx|intro)$|tools\.(ws_|cmp_|ws_results_)actions$|tools\.ws_plan_(none|title)$)")


def test_the_publishers_names_for_every_kind_reach_every_string_that_names_it(tmp_path):
    from generator.project.numbering import words_for

    names = "".join(f"  {kind}: {{one: {one}, other: {other}}}\n" for kind, (one, other) in EVERY_KIND_RENAMED.items())
    p = load_project(_pack(tmp_path, "reflective-practice", settings="names:\n" + names))
    words = words_for(p)
    left = []
    for name in words.names():
        if name.startswith("kinds.") or NOT_A_KIND.match(name):
            continue
        text = re.sub(r"`[^`]*`|\{\w+\}", "", json.dumps(words.section("")[name]))
        if DEFAULT_KIND_WORDS.search(text):
            left.append(f"{name}: {text[:120]}")
    assert not left, "\n".join(left)
    assert words.text("site.nav.implications") == "Recommendations"
    assert words.text("site.downloads.sets") == "Surveys" and words.text("print.kind_guide") == "Interview schedule"
    found = []  # on every page, leaving out the pack's own title and the composer's "your guide"
    for path, text in _page_words(SiteBuild(p).render()).items():
        text = re.sub(r"debrief guide|your (own )?guide", "", text, flags=re.I)
        found += [f"{path}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in DEFAULT_KIND_WORDS.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_each_language_has_its_own_names_for_the_kinds(tmp_path):
    from generator.project.numbering import words_for
    from generator.project.translations import localise as language_view

    project = _pack(tmp_path, "bilingual", settings="names:\n  implication: {one: recommendation, other: recommendations}\n")
    path = project / "content" / "settings.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: Cymraeg\n", "    name: Cymraeg\n    names:\n"
                                 "      implication: {one: argymhelliad, other: argymhellion}\n", 1), encoding="utf-8")
    p = load_project(project)
    assert words_for(p).text("site.nav.implications") == "Recommendations"
    welsh = words_for(language_view(p, "cy"))
    assert welsh.text("site.nav.implications") == "Argymhellion"
    assert "argymhellion" in welsh.text("tools.ws_plan_no_links")
    # without names of its own, a language keeps its catalogue's, never the default language's
    path.write_text(text, encoding="utf-8")
    plain = load_project(project)
    assert words_for(language_view(plain, "cy")).text("site.nav.implications") == "Goblygiadau"


def test_a_kind_name_cannot_carry_a_field(tmp_path):
    project = _pack(tmp_path, "self-assessment", settings="names:\n  theme: {one: '{x}', other: stages}\n")
    result = reflect("--project", str(project), "check", cwd=project)
    assert result.returncode == 1 and "content/settings.yml:" in result.stderr


EXPECTED_ROUTES = {
    "self-assessment": {"evaluate": ["team-self-check"]},
    "reflective-practice": {"run": ["placement-debrief"], "reflect": ["student-reflection", "educator-review"]},
    "self_assessment": {"evaluate": ["self-assessment"]},
    "topic_guide": {"run": ["topic-guide"]},
    "bundled": {"run": ["qi-coaches-guide", "project-team-guide", "lived-experience-questions"],
                "reflect": ["qi-coaches-reflection", "project-team-reflection", "lived-experience-reflection"],
                "evaluate": ["organisations-self-evaluation"]},
}


@pytest.mark.parametrize("pack", sorted(EXPECTED_ROUTES))
def test_each_set_and_guide_is_offered_on_its_route(pack):
    from generator.document.pages import start_routes

    root = ROOT if pack == "bundled" else PACKS / pack if (PACKS / pack).is_dir() else STARTERS / pack
    routes = start_routes(load_project(root))
    got = {route: [item.id for item in items] for route, items in routes.items()}
    expected = EXPECTED_ROUTES[pack]
    assert {r: sorted(ids) for r, ids in got.items()} == {r: sorted(ids) for r, ids in expected.items()}


def test_a_sets_own_route_comes_before_its_audiences(tmp_path):
    from generator.document.pages import start_routes

    project = _pack(tmp_path, "reflective-practice")
    path = project / "questions" / "sets" / "educator-review.yml"
    path.write_text(path.read_text(encoding="utf-8") + "route: evaluate\n", encoding="utf-8")
    routes = start_routes(load_project(project))
    assert [s.id for s in routes["evaluate"]] == ["educator-review"]
    assert [s.id for s in routes["reflect"]] == ["student-reflection"]


def test_neutral_defaults_say_only_what_is_true_of_the_content(tmp_path):
    from generator.strings import load_catalogue

    english = load_catalogue("en")
    speaking_of_a_report = [
        name for name in english.names("site.")
        if re.search(r"\breport\b|live resource", re.sub(r"`[^`]*`", "", json.dumps(english.template(name))), re.I)
        and "{report}" not in json.dumps(english.template(name))
    ]
    assert speaking_of_a_report == []
    site = SiteBuild(load_project(PACKS / "self-assessment")).render()  # one question set, nothing else
    home = next(pg.html for pg in site.pages if pg.path == "index.md")
    words = _words(home)
    assert "Downloads: question sets as PDF and Word" in words
    assert "live resource" not in words and "guide" not in words.lower().replace("your own guide", "")
    bundled = _words(next(pg.html for pg in SiteBuild(load_project(ROOT)).render().pages if pg.path == "index.md"))
    assert "It is a live resource" in bundled  # the bundled report's own words, from its settings


def test_yaml_comments_stay_out_of_the_published_source_unless_asked(tmp_path):
    from generator.build.data_files import publishing_files, source_view_path
    from generator.source.comments import without_comments

    assert without_comments('a: "x # kept" # gone\n# gone too\nb: |\n  # kept\n') == 'a: "x # kept"\nb: |\n  # kept\n'
    project = _pack(tmp_path, "self-assessment")
    path = project / "content" / "audiences.yml"
    path.write_text("# ask Sam before publishing\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    p = load_project(project)
    files = publishing_files(p, None, project)
    view, copy = files[source_view_path("content/audiences.yml")], files["source/content/audiences.yml"]
    assert b"Sam" not in view and b"Sam" not in copy and b"Ward teams" in view and b"Ward teams" in copy
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "edit:\n  source_comments: true\n", encoding="utf-8")
    shown = publishing_files(load_project(project), None, project)
    assert b"ask Sam before publishing" in shown[source_view_path("content/audiences.yml")]


@pytest.mark.parametrize("starter", ["self-assessment", "topic-guide"])
def test_a_welsh_starter_has_no_english_interface_word_and_strict_lists_its_english_text(tmp_path, starter):
    from generator.strings import load_catalogue

    project = tmp_path / "cy"
    made = reflect("new", str(project), "--starter", starter, "--language", "cy", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    p = load_project(project)
    assert p.settings.site.language == "cy"
    english, welsh = load_catalogue("en"), load_catalogue("cy")
    interface = {english.text(name) for name in english.names("site.")
                 if isinstance(english.template(name), str) and "{" not in english.template(name)
                 and english.template(name) != welsh.template(name) and len(english.template(name)) > 12}
    site = SiteBuild(p).render()
    for page in site.pages:
        assert '<span lang="en">' not in page.html, f"{page.path}: an interface word fell back to English"
    for path, text in _page_words(site).items():
        assert not [w for w in interface if w in text], path
    # the starter's English text is listed, each at its line, and --strict fails on it
    strict = reflect("--project", str(project), "check", "--strict", cwd=project)
    assert strict.returncode == 1
    listed = [line for line in strict.stderr.splitlines() if "sample value from the starter" in line]
    assert any(line.startswith("content/settings.yml:3:") for line in listed)
    assert any(line.startswith("content/audiences.yml:") for line in listed) and len(listed) > 10


def test_an_english_starters_samples_are_listed_until_replaced(tmp_path):
    project = tmp_path / "en"
    assert reflect("new", str(project), cwd=tmp_path).returncode == 0
    strict = reflect("--project", str(project), "check", "--strict", cwd=project)
    listed = [line for line in strict.stderr.splitlines() if "sample value from the starter" in line]
    assert strict.returncode == 1 and any("“Our self-assessment”" in line for line in listed)
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    for sample in ("Our self-assessment", "Your organisation"):
        text = text.replace(sample, "Riverside Trust's check")
    text = re.sub(r"  description: >-\n(    .*\n)+", "  description: How Riverside checks its work.\n", text)
    settings.write_text(text, encoding="utf-8")
    assert reflect("--project", str(project), "check", "--strict", cwd=project).returncode == 0


def test_the_next_step_names_the_reflect_that_was_run(tmp_path):
    from generator.cli.main import reflect_command

    venv = tmp_path / ".venv" / "bin" / "reflect"
    assert reflect_command(tmp_path / "mysite", str(venv)) == "../.venv/bin/reflect"
    assert reflect_command(tmp_path / "a" / "b" / "c", "/opt/x/bin/reflect") == "/opt/x/bin/reflect"
    assert reflect_command(tmp_path / "mysite", "/srv/generator/cli.py", python=str(tmp_path / "py")) == (
        "../py -m generator.cli")
    made = reflect("new", str(tmp_path / "p"), cwd=tmp_path)
    assert "Next: cd " in made.stderr and " -m generator.cli build" in made.stderr


def test_a_string_naming_an_unknown_kind_is_told_the_kinds(tmp_path):
    project = _pack(tmp_path, "self-assessment", settings='strings:\n  site.set.for: "For {kind:teams}: {audience}"\n')
    result = reflect("--project", str(project), "check", cwd=project)
    assert result.returncode == 1
    assert "names an unknown kind {kind:teams}; the kinds are: action, audience," in result.stderr
    fine = _pack(tmp_path / "ok", "self-assessment", settings='strings:\n  site.set.for: "{kind:Audience}: {audience}"\n')
    assert reflect("--project", str(fine), "check", cwd=fine).returncode == 0
