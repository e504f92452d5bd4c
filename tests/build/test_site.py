"""End-to-end: build the bundled pack in a temporary folder and check the site a reader gets."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, fetch, free_port, reflect, start_preview


def raw_yaml(relative: str):
    """Content read with plain PyYAML: an independent view of what the YAML says."""
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def guide_questions(guide_id: str) -> list[dict]:
    data = raw_yaml(f"questions/guides/{guide_id}.yml")
    return [q for section in data["sections"] for q in section["questions"]]


def set_questions(set_id: str) -> list[dict]:
    data = raw_yaml(f"questions/sets/{set_id}.yml")
    return [q for section in data["sections"] for q in section["questions"]]


GUIDES = ["qi-coaches-guide", "project-team-guide", "lived-experience-questions"]
SETS = sorted(p.stem for p in (ROOT / "questions/sets").glob("*.yml"))


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def squash(text: str) -> str:
    return " ".join(text.split())


# --- pages ------------------------------------------------------------------------------


def test_every_question_is_on_its_page_with_a_permalink(built_site):
    for guide_id in GUIDES:
        page = (built_site / "appendices" / f"{guide_id}.html").read_text(encoding="utf-8")
        for number, question in enumerate(guide_questions(guide_id), 1):
            match = re.search(rf'<h3 id="q-{question["id"]}">(.*?)</h3>', page, re.S)
            assert match, f"{guide_id}: no heading for {question['id']}"
            heading = squash(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))))
            assert heading.startswith(f"{number}. {squash(question['text'])}")
            assert f'href="#q-{question["id"]}"' in match.group(1)  # the permalink
            for prompt in question.get("prompts", []):
                assert squash(prompt["text"]) in squash(page_text(built_site / "appendices" / f"{guide_id}.html"))
    for set_id in SETS:
        page = (built_site / "question-sets" / f"{set_id}.html").read_text(encoding="utf-8")
        for question in set_questions(set_id):
            assert f'id="q-{question["id"]}"' in page


def test_every_question_is_in_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for guide_id in GUIDES:
        for question in guide_questions(guide_id):
            doc = by_location.get(f"appendices/{guide_id}.html#q-{question['id']}")
            assert doc, f"{question['id']} is not a search section"
            assert squash(question["text"]) in squash(html.unescape(re.sub(r"<[^>]+>", "", doc["title"])))
    for set_id in SETS:
        for question in set_questions(set_id):
            assert f"question-sets/{set_id}.html#q-{question['id']}" in by_location
    # the offline plugin inlines the same index for file:// use
    inline = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert inline.startswith("var __index = ")


def test_question_bank_lists_every_question_with_context(built_site):
    page = (built_site / "question-bank.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="bank-([a-z0-9-]+)" data-audience="([a-z-]+)" data-owner="([a-z-]+)"', page)
    expected = [q["id"] for g in GUIDES for q in guide_questions(g)] + [
        q["id"] for s in SETS for q in set_questions(s)
    ]
    assert sorted(r[0] for r in rows) == sorted(expected)
    owners = {r[0]: r[2] for r in rows}
    assert owners[guide_questions("project-team-guide")[0]["id"]] == "project-team-guide"


def test_table1_is_generated_from_the_data(built_site):
    page = (built_site / "findings" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="reflect-table1">') : page.index("</table>")]
    themes = raw_yaml("content/themes.yml")["themes"]
    for number, theme in enumerate(themes, 1):
        assert f"{number}. {html.escape(theme['label'], quote=False)}" in table
        for letter, sub in zip("abcde", theme["subthemes"]):
            assert f"{number}({letter}) {html.escape(sub['label'], quote=False)}" in table
    assert "Limited resources and funding" in table and "Limited resources and support" not in table
    assert "Limited resources and support" in page  # recorded as alternative wording


def test_theme_pages_show_quotes_questions_and_implications(built_site):
    quotes = raw_yaml("content/quotes.yml")["quotes"]
    themes = {s["id"]: t["id"] for t in raw_yaml("content/themes.yml")["themes"] for s in t["subthemes"]}
    for quote in quotes:
        page = (built_site / "findings" / f"{themes[quote['subtheme']]}.html").read_text(encoding="utf-8")
        assert f'id="quote-{quote["id"]}"' in page
        assert html.escape(squash(quote["quote"]), quote=False) in page
    challenges = (built_site / "findings" / "challenges.html").read_text(encoding="utf-8")
    assert 'id="subtheme-limited-resources"' in challenges
    assert "implications.html#action-" in challenges
    assert "appendices/qi-coaches-guide.html#q-" in challenges or "question-sets/" in challenges


def test_skip_logic_and_facilitator_notes_are_shown(built_site):
    page_file = built_site / "appendices" / "qi-coaches-guide.html"
    text = squash(page_text(page_file))
    assert "Skip logic" in text and "Facilitator note" in text
    assert re.search(r"came up at question 5 ?, .* skip section 4", text)
    assert re.search(r"already discussed at question 5 ?, use only the prompts of question 7", text)


def test_appendix_numbers_follow_the_order_file(tmp_path):
    project = copy_project(tmp_path / "p")
    order = project / "content" / "appendices.yml"
    text = order.read_text()
    order.write_text(text.replace("  - project-team-guide\n  - lived-experience-questions\n",
                                  "  - lived-experience-questions\n  - project-team-guide\n"))
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    limitations = (project / "site" / "findings" / "limitations.html").read_text()
    assert '<a href="../appendices/project-team-guide.html">Appendix 3</a>' in limitations
    assert '<a href="../appendices/lived-experience-questions.html">Appendix 2</a>' in limitations
    guide = (project / "site" / "appendices" / "project-team-guide.html").read_text()
    assert "<h1" in guide and "Appendix 3: " in guide


# --- placeholders -----------------------------------------------------------------------


def test_unfilled_placeholders_render_as_marked_blanks(built_site):
    page = (built_site / "appendices" / "consent-form.html").read_text(encoding="utf-8")
    assert '<mark class="reflect-blank" data-placeholder="IRAS ID">[IRAS ID: to be filled in]</mark>' in page
    assert "[[placeholder:" not in page and "[INSERT" not in page.upper()


def fill_placeholders(project: Path) -> dict[str, str]:
    settings = project / "content" / "settings.yml"
    text = settings.read_text()
    names = re.findall(r"(?m)^  ([a-z_]+):\n    label:", text)
    values = {name: f"VALUE-{name}" for name in names}
    text = re.sub(
        r"(?m)^(  ([a-z_]+):\n    label: [^\n]*\n)",
        lambda m: m.group(1) + f'    value: "{values[m.group(2)]}"\n',
        text,
    )
    settings.write_text(text)
    return values


def test_strict_build_fails_only_on_placeholders_then_passes_when_filled(tmp_path):
    project = copy_project(tmp_path / "p")
    result = reflect("--project", str(project), "build", "--strict", cwd=project)
    assert result.returncode == 1
    problem_lines = [l for l in result.stderr.splitlines() if re.match(r"^[\w/.-]+\.yml:\d+:\d+: ", l)]
    assert problem_lines and all("placeholder '" in l and "has no value" in l for l in problem_lines)
    assert not (project / "site").exists()
    values = fill_placeholders(project)
    result = reflect("--project", str(project), "build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    consent = (project / "site" / "appendices" / "consent-form.html").read_text()
    assert values["iras_id"] in html.unescape(consent) and "reflect-blank" not in consent


# --- edit links -------------------------------------------------------------------------


def test_edit_link_opens_the_yaml_source(built_site):
    page = (built_site / "findings" / "challenges.html").read_text(encoding="utf-8")
    match = re.search(r'<a href="([^"]+)" title="Edit this page"', page)
    assert match, "no edit link"
    target = (built_site / "findings" / match.group(1)).resolve()
    # a page showing the source (every host displays HTML; .yml is served as a download)
    assert target == (built_site / "source" / "content" / "themes.yml.html").resolve()
    import html as html_module

    from generator.source.comments import without_comments

    written = (ROOT / "content" / "themes.yml").read_text(encoding="utf-8")
    # the team's comments are in the file, not on the site (edit.source_comments is off)
    shown = re.search(r"<pre[^>]*><code>(.*)</code></pre>", target.read_text(encoding="utf-8"), re.S).group(1)
    assert html_module.unescape(shown) == without_comments(written)
    copy = built_site / "source" / "content" / "themes.yml"
    assert copy.read_text(encoding="utf-8") == without_comments(written)
    assert "footnote marker" in written and "footnote marker" not in shown
    guide = (built_site / "appendices" / "project-team-guide.html").read_text(encoding="utf-8")
    assert 'href="../source/questions/guides/project-team-guide.yml.html" title="Edit this page"' in guide


def test_edit_link_with_a_repository(tmp_path):
    project = copy_project(tmp_path / "p")
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text().replace(
        "  repository_url:\n", "  repository_url: https://git.example.org/trust/reflect-content\n"))
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "question-sets" / "organisations-self-evaluation.html").read_text()
    assert ('href="https://git.example.org/trust/reflect-content/edit/main/questions/sets/'
            'organisations-self-evaluation.yml" title="Edit this page"') in page


# --- open data --------------------------------------------------------------------------


def test_project_json_agrees_with_the_yaml(built_site):
    data = json.loads((built_site / "data" / "project.json").read_text(encoding="utf-8"))
    for key in ("schema_version", "audiences", "guides", "themes", "quotes", "question_sets",
                "implications", "resources", "documents"):
        assert key in data
    assert [len([q for s in g["sections"] for q in s["questions"]]) for g in data["guides"]] == [10, 7, 6]
    assert [g["appendix"] for g in data["guides"]] == [1, 2, 3]
    assert len(data["themes"]) == 4 and sum(len(t["subthemes"]) for t in data["themes"]) == 15
    assert len(data["question_sets"]) == 4
    quoted = {q["subtheme"] for q in data["quotes"]}
    assert all(s["id"] in quoted for t in data["themes"] for s in t["subthemes"])
    for guide in data["guides"]:
        yaml_questions = guide_questions(guide["id"])
        json_questions = [q for s in guide["sections"] for q in s["questions"]]
        assert [q["text"] for q in json_questions] == [q["text"] for q in yaml_questions]
        assert [q["number"] for q in json_questions] == list(range(1, len(yaml_questions) + 1))
    assert data["quotes"] == raw_yaml("content/quotes.yml")["quotes"]


def test_questions_csv_has_one_row_per_question(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "questions.csv").read_text(encoding="utf-8-sig"))))
    expected = [(g, q) for g in GUIDES for q in guide_questions(g)] + [
        (s, q) for s in SETS for q in set_questions(s)
    ]
    assert len(rows) == len(expected)
    by_id = {r["id"]: r for r in rows}
    for owner, question in expected:
        row = by_id[question["id"]]
        assert row["owner_id"] == owner
        assert row["text"] == squash(question["text"])
        assert row["prompts"] == " | ".join(squash(p["text"]) for p in question.get("prompts", []))
        page, anchor = row["url"].split("#")
        assert f'id="{anchor}"' in (built_site / page).read_text(encoding="utf-8")


# --- privacy ------------------------------------------------------------------------------

RESOURCE_PATTERNS = [
    re.compile(r"<script[^>]+src=[\"']((?:https?:)?//[^\"']+)", re.I),
    re.compile(r"<link[^>]+href=[\"']((?:https?:)?//[^\"']+)", re.I),
    re.compile(r"<(?:img|iframe|source|audio|video|embed)[^>]+src=[\"']((?:https?:)?//[^\"']+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)", re.I),
    re.compile(r"@import\s+[\"']((?:https?:)?//[^\"']+)", re.I),
]


# Material's bundle can fetch two polyfills from a CDN, each only in a case this site never
# meets: ResizeObserver missing (every supported browser has it) and a Mermaid diagram on a
# page (no page has one; test_no_mermaid_diagrams). The browser tests record every request.
MATERIAL_FALLBACKS = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}


def test_no_mermaid_diagrams(built_site):
    for path in built_site.rglob("*.html"):
        assert 'class="mermaid"' not in path.read_text(encoding="utf-8"), path


def test_no_off_site_resources(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in RESOURCE_PATTERNS:
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(built_site)}: {match.group(1)}")
        for fallback in MATERIAL_FALLBACKS:
            text = text.replace(fallback, "")
        for host in ("unpkg.com", "fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net",
                     "google-analytics", "googletagmanager"):
            if host in text:
                offenders.append(f"{path.relative_to(built_site)}: mentions {host}")
    assert offenders == []


def test_no_generator_link_and_local_search_shim(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "squidfunk" not in index and "Made with" not in index
    assert 'src="assets/vendor/iframe-worker/shim.js"' in index
    assert (built_site / "assets/vendor/iframe-worker/shim.js").read_bytes() == (
        ROOT / "node_modules/iframe-worker/shim/index.js"
    ).read_bytes()


# --- builds -------------------------------------------------------------------------------


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_the_previous_site_intact(tmp_path):
    project = copy_project(tmp_path / "p")
    assert reflect("--project", str(project), "build", cwd=project).returncode == 0
    before = tree_hash(project / "site")
    quotes = project / "content" / "quotes.yml"
    quotes.write_text(quotes.read_text().replace("subtheme: relationships", "subtheme: nowhere", 1))
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 1 and "unknown subtheme 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_deleted_source_leaves_no_stale_page(tmp_path):
    project = copy_project(tmp_path / "p")
    assert reflect("--project", str(project), "build", cwd=project).returncode == 0
    assert (project / "site" / "about" / "accessibility.html").exists()
    (project / "content" / "pages" / "accessibility.yml").unlink()
    for page in (project / "content" / "pages").glob("*.yml"):
        page.write_text(page.read_text().replace("[[page:accessibility]]", "the accessibility statement"))
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "about" / "accessibility.html").exists()


def test_plain_mkdocs_build_still_works(tmp_path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "appendices" / "qi-coaches-guide.html").exists()


def test_mkdocs_reports_content_errors_without_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    quotes = project / "content" / "quotes.yml"
    quotes.write_text(quotes.read_text().replace("subtheme: relationships", "subtheme: nowhere", 1))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(r"content/quotes\.yml:\d+:\d+: unknown subtheme 'nowhere'", output)
    assert "Traceback" not in output


# --- preview ------------------------------------------------------------------------------


def test_preview_reloads_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "p")
    server, base = start_preview(project, tmp_path / "serve.log")
    url = base + "audiences/qi-coaches.html"
    try:
        deadline = time.time() + 60
        while True:
            try:
                assert "QI coaches" in fetch(url)
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, "preview did not start"
                time.sleep(0.3)
        audiences = project / "content" / "audiences.yml"
        audiences.write_text(audiences.read_text().replace("You support teams", "Freshly edited: you support teams"))
        deadline = time.time() + 30
        while "Freshly edited" not in fetch(url):
            assert time.time() < deadline, "the page did not change after the YAML was edited"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_preview_shows_the_project_given_not_the_config_folder(tmp_path):
    """``reflect --project X --config Y/mkdocs.yml serve`` previews X's content."""
    chosen = copy_project(tmp_path / "x")
    other = copy_project(tmp_path / "y")
    audiences = chosen / "content" / "audiences.yml"
    audiences.write_text(audiences.read_text().replace("You support teams", "Chosen project: you support teams"))
    port = free_port()
    with (tmp_path / "serve.log").open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "--project", str(chosen), "--config", str(other / "mkdocs.yml"),
             "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.time() + 60
        while True:
            try:
                page = fetch(f"http://127.0.0.1:{port}/audiences/qi-coaches.html")
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, "preview did not start"
                time.sleep(0.3)
        assert "Chosen project: you support teams" in page
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- JSON Schema ------------------------------------------------------------------------


def test_json_schema_accepts_the_bundled_content_and_rejects_unknown_keys(tmp_path):
    import jsonschema

    from generator.source.layout import CONTENT_FILES, find_files

    result = reflect("schema", "--output", str(tmp_path / "schema"))
    assert result.returncode == 0, result.stderr
    mapping = json.loads((tmp_path / "schema" / "vscode-settings.json").read_text())["yaml.schemas"]
    assert len(mapping) == len(CONTENT_FILES)
    for kind in CONTENT_FILES:
        schema = json.loads((tmp_path / "schema" / f"{kind.kind}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for path in find_files(ROOT, kind):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))  # as an editor's YAML server reads it
            errors = [e.message for e in validator.iter_errors(data)]
            assert errors == [], f"{path}: {errors[:3]}"
    guide_schema = json.loads((tmp_path / "schema" / "guide.schema.json").read_text())
    bad = raw_yaml("questions/guides/qi-coaches-guide.yml") | {"sorce": "x"}
    assert list(jsonschema.Draft202012Validator(guide_schema).iter_errors(bad))


def test_preview_renders_changed_printables_in_the_background(tmp_path):
    import io

    from pypdf import PdfReader

    project = copy_project(tmp_path / "p")
    server, base = start_preview(project, tmp_path / "serve.log")
    try:
        deadline = time.time() + 120
        while True:  # the first preview renders every printable in the background
            try:
                with urllib.request.urlopen(base + "downloads/project-team-guide.pdf", timeout=5) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.time() < deadline and server.poll() is None, "printables never appeared"
                time.sleep(0.5)
        guide = project / "questions" / "guides" / "project-team-guide.yml"
        guide.write_text(guide.read_text().replace("text: ", "text: Backgrounded edit. ", 1))
        deadline = time.time() + 30
        while "Backgrounded edit." not in fetch(base + "appendices/project-team-guide.html"):
            assert time.time() < deadline, "the page did not change"
            time.sleep(0.2)
        deadline = time.time() + 120
        while True:
            try:  # absent (404) while it is being rendered
                with urllib.request.urlopen(base + "downloads/project-team-guide.pdf", timeout=5) as r:
                    pdf = r.read()
            except OSError:
                pdf = b""
            if pdf:
                text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                if "Backgrounded edit." in " ".join(text.split()):
                    break
            assert time.time() < deadline, "the PDF was never re-rendered"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
