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
