"""Publishing (issue 12): file modes, site.url, licence, open data, the command line,
``reflect new`` and the packaged engine."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, reflect

EPOCH = "1764115200"  # 2025-11-26T00:00:00Z
LICENCE = "licence:\n  id: CC-BY-4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n"


def new_project(where: Path, starter: str = "self-assessment") -> Path:
    result = reflect("new", str(where), "--starter", starter)
    assert result.returncode == 0, result.stderr
    return where


def set_settings(project: Path, site_url: str | None = None, licence: bool = False) -> None:
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    if site_url:
        text = text.replace("  # url: https://example.org/self-assessment/", f"  url: {site_url}")
        assert f"url: {site_url}" in text
    if licence:
        text += "\n" + LICENCE
    settings.write_text(text, encoding="utf-8")


def build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", *args],
        cwd=project, capture_output=True, text=True, timeout=600, env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A self-assessment with site.url, a licence and awkward question text, built once."""
    project = new_project(tmp_path_factory.mktemp("published") / "site-project")
    set_settings(project, site_url="https://example.org/trust/check/", licence=True)
    questions = project / "questions" / "sets" / "self-assessment.yml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace(
        "text: Everyone involved can say in a sentence what the work is for.",
        'text: "=HYPERLINK(\\"https://evil.example\\") – it’s café time, \\"quoted\\", two, commas"',
    )
    text = text.replace("text: We agree when we will look at this again, and we do.",
                        "text: \"-2+3 and @mention\"")
    questions.write_text(text, encoding="utf-8")
    build(project, SOURCE_DATE_EPOCH=EPOCH)
    return project


# --- hosting ----------------------------------------------------------------------------------


def test_every_file_of_the_site_is_world_readable_even_under_a_private_umask(tmp_path):
    project = new_project(tmp_path / "p")
    subprocess.run(
        f"umask 077 && {sys.executable} -m generator.cli --project {project} build --zip",
        shell=True, check=True, capture_output=True, cwd=project,
    )
    site = project / "site"
    paths = [site, *site.rglob("*")]
    assert len(paths) > 50
    for path in paths:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"
    with zipfile.ZipFile(project / "site.zip") as archive:
        names = archive.namelist()
        assert "site/index.html" in names and "site/data/questions.csv" in names
        assert all((info.external_attr >> 16) & 0o777 == 0o644 for info in archive.infolist())
    assert stat.S_IMODE((project / "site.zip").stat().st_mode) == 0o644


def test_site_url_gives_canonical_links_sitemap_and_a_404_page_under_the_sub_path(published):
    site = published / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/trust/check/index.html">' in home
    assert "https://example.org/trust/check/question-sets/self-assessment.html" in (
        site / "sitemap.xml").read_text(encoding="utf-8")
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/trust/check/assets/stylesheets/' in not_found
    assert 'action="/trust/check/index.html"' in not_found and 'name="q"' in not_found
    assert 'href="/trust/check/index.html" class="reflect-not-found__home"' in not_found
    assert "Page not found" in not_found and "404 - Not found" not in not_found


def test_check_says_what_is_missing_while_site_url_is_unset(tmp_path):
    project = new_project(tmp_path / "p")
    result = reflect("--project", str(project), "check")
    assert result.returncode == 0
    assert "site.url is not set" in result.stderr and "sitemap.xml is empty" in result.stderr
    set_settings(project, site_url="https://example.org/x/")
    assert "site.url" not in reflect("--project", str(project), "check").stderr


def test_edit_links_without_a_repository_open_a_readable_page_of_the_source(published):
    site = published / "site"
    page = (site / "question-sets" / "self-assessment.html").read_text(encoding="utf-8")
    assert 'href="../source/questions/sets/self-assessment.yml.html" title="Edit this page"' in page
    view = (site / "source" / "questions" / "sets" / "self-assessment.yml.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in view and "id: self-assessment" in view
    assert "&quot;=HYPERLINK(" in view  # escaped, never markup
    assert (site / "source" / "questions" / "sets" / "self-assessment.yml").is_file()


# --- open data ----------------------------------------------------------------------------------


def test_licence_is_in_the_footer_project_json_and_beside_the_csv(published):
    site = published / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
                     r"Content licence: CC-BY-4.0</a>", home)
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]


def test_licence_is_in_every_pdf_and_word_files_properties(published):
    import docx
    from pypdf import PdfReader

    downloads = sorted((published / "site" / "downloads").iterdir())
    assert any(p.suffix == ".pdf" for p in downloads) and any(p.suffix == ".docx" for p in downloads)
    for path in downloads:
        if path.suffix == ".pdf":
            rights = PdfReader(path).metadata.get("/rights", "")  # the document information entry the PDF writer adds
        else:
            rights = docx.Document(str(path)).core_properties.comments
        assert "CC-BY-4.0" in rights and "https://creativecommons.org/licenses/by/4.0/" in rights, path.name


def test_project_json_says_what_it_is_and_validates_against_its_published_schema(published):
    import jsonschema

    site = published / "site"
    data = json.loads((site / "data" / "project.json").read_text(encoding="utf-8"))
    assert data["$schema"] == "https://example.org/trust/check/data/project.schema.json"
    assert data["generator"]["name"] == "Reflect" and re.fullmatch(r"\d+\.\d+\.\d+.*", data["generator"]["version"])
    assert data["licence"] == {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["site_url"] == "https://example.org/trust/check/"
    assert data["content_version"] == "1.0"
    assert data["built"] == "2025-11-26T00:00:00Z"  # SOURCE_DATE_EPOCH
    schema = json.loads((site / "data" / "project.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    broken = {**data, "generator": {"name": "Other"}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


def test_questions_csv_is_rfc4180_with_a_bom_absolute_links_and_no_formulas(published):
    raw = (published / "site" / "data" / "questions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert raw.count(b"\r\n") == raw.count(b"\n") and raw.endswith(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    first, _, last = rows
    assert first["text"] == "'=HYPERLINK(\"https://evil.example\") – it’s café time, \"quoted\", two, commas"
    assert last["text"] == "'-2+3 and @mention"
    assert first["url"] == "https://example.org/trust/check/question-sets/self-assessment.html#q-shared-purpose"
    for row in rows:
        for value in row.values():
            assert not re.match(r"[=+@\t\r]|-\S", value), value


def test_spreadsheet_safe_neutralises_every_formula_lead():
    from generator.writers.data import spreadsheet_safe

    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(text) == "'" + text
    for text in ("plain", "- a list item", "a=b", "", "café"):
        assert spreadsheet_safe(text) == text


def test_frictionless_validates_the_data_package(published):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=published / "site" / "data", capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["valid"] is True, result.stdout[:3000]
    assert result.returncode == 0
    assert report["tasks"][0]["stats"]["rows"] == 3


def test_libreoffice_reads_the_csv_with_non_ascii_intact(published, tmp_path):
    source = published / "site" / "data" / "questions.csv"
    shutil.copy(source, tmp_path / "questions.csv")
    # Headless LibreOffice shows no import dialog, so the character set a reader would pick
    # (UTF-8: what the byte-order mark announces) is given; the mark must not leak into the
    # first column's name and every character must survive.
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--infilter=Text - txt - csv (StarCalc):44,34,76,1",
         "--convert-to", "txt:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "out"),
         str(tmp_path / "questions.csv")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )
    back = (tmp_path / "out" / "questions.txt").read_text(encoding="utf-8")
    assert back.startswith("id,kind,"), result.stderr
    assert "– it’s café time" in back and "â€" not in back and "Ã" not in back


# --- command line -------------------------------------------------------------------------------


def test_version_and_usage_errors():
    from generator import reflect_version

    result = reflect("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"reflect {reflect_version()}"
    wrong = reflect("biuld")
    assert wrong.returncode == 64 and "invalid choice" in wrong.stderr  # not 2, the internal-error code


def test_quiet_prints_only_problems(tmp_path):
    project = new_project(tmp_path / "p")
    quiet = reflect("-q", "--project", str(project), "check").stderr
    assert "sample value from the starter" in quiet  # a problem before publishing: shown even with -q
    (project / "starter-samples.yml").unlink()
    assert reflect("--project", str(project), "check").stderr.strip()
    assert reflect("-q", "--project", str(project), "check").stderr.strip() == ""


# --- reflect new ----------------------------------------------------------------------------------


def test_the_report_starter_is_the_bundled_pack(tmp_path):
    project = new_project(tmp_path / "report", "report")
    for path in (ROOT / "content").rglob("*.yml"):
        assert (project / path.relative_to(ROOT)).read_bytes() == path.read_bytes()
    assert reflect("--project", str(project), "check").returncode == 0  # building it is tested elsewhere


@pytest.mark.parametrize("starter", ["self-assessment", "topic-guide"])
def test_each_starter_checks_and_builds(tmp_path, starter):
    project = new_project(tmp_path / starter, starter)
    assert (project / "mkdocs.yml").is_file() and not (project / "overrides").exists()
    for recipe in (".github/workflows/reflect-pages.yml", ".gitlab-ci.yml", "netlify.toml",
                   "hosting/nginx.conf", "hosting/apache.conf", "hosting/README.md"):
        assert (project / recipe).is_file(), recipe
    import tomllib

    import yaml

    workflow = yaml.safe_load((project / ".github/workflows/reflect-pages.yml").read_text())
    steps = [step.get("run", "") + step.get("uses", "") for step in workflow["jobs"]["build"]["steps"]]
    assert any("reflect build --strict" in s for s in steps) and any("upload-pages-artifact" in s for s in steps)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"] and "--site-dir public" in gitlab["pages"]["script"][0]
    assert tomllib.loads((project / "netlify.toml").read_text())["build"]["publish"] == "site"
    assert "a2enmod headers" in (project / "hosting" / "apache.conf").read_text()
    build(project)
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "reflect-core.js" in home and "reflect.css" in home and 'for="reflect-search-input"' in home
    # Every page loads the core and the every-page scripts in the order they need, and no tool's.
    import re

    from generator.engine.theme import ScriptManifest

    manifest = ScriptManifest.read()
    loaded = [name for name in re.findall(r'src="[^"]*?(reflect-[a-z0-9-]+\.js)', home)]
    assert loaded == manifest.page_scripts() and "reflect-bank.js" not in loaded
    assert "add_header Content-Security-Policy" in (project / "hosting" / "security-headers.nginx.conf").read_text()


def test_every_tool_script_is_in_the_manifest_and_each_loads_after_what_it_needs():
    """A new script (a pure part or a view) must be placed in scripts.json: the views use what loads before."""
    from generator.engine.theme import ScriptManifest

    manifest = ScriptManifest.read()
    scripts = sorted(p.name for p in (ROOT / "overrides" / "assets" / "javascripts").glob("reflect*.js"))
    assert sorted(manifest.needs) == scripts
    reached = set(manifest.page_scripts()) | set(manifest.multilingual_scripts())
    for tool, names in manifest.tool_scripts().items():
        reached |= set(names)
        order = manifest.page_scripts() + names
        for name in names:
            assert all(order.index(needed) < order.index(name) for needed in manifest.needs[name]), (tool, name)
    assert reached == set(scripts), f"scripts no page loads: {sorted(set(scripts) - reached)}"
    # The pages of the worksheet load the worksheet's views before the worksheet starts.
    worksheet = manifest.tool_scripts()["reflect-worksheet"]
    assert worksheet[-1] == "reflect-worksheet.js" and "reflect-results.js" in worksheet and "reflect-bank.js" not in worksheet


def test_the_manifest_refuses_a_cycle_and_an_unknown_script():
    from generator.engine.theme import ScriptManifest

    looped = ScriptManifest({"a.js": ("b.js",), "b.js": ("a.js",)}, (), {})
    with pytest.raises(ValueError, match="needs itself"):
        looped.in_order(["a.js"])
    with pytest.raises(ValueError, match="not listed"):
        ScriptManifest({"a.js": ("gone.js",)}, (), {}).in_order(["a.js"])


def test_new_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = reflect("new", str(target))
    assert result.returncode == 1 and "not empty" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_hosting_never_overwrites(tmp_path):
    project = new_project(tmp_path / "p")
    (project / "netlify.toml").write_text("# mine\n")
    (project / "hosting" / "nginx.conf").unlink()
    result = reflect("--project", str(project), "init-hosting")
    assert result.returncode == 0
    assert (project / "netlify.toml").read_text() == "# mine\n"
    assert "listen 80;" in (project / "hosting" / "nginx.conf").read_text()


def test_vendored_search_shim_is_the_locked_npm_file():
    vendored = ROOT / "overrides" / "assets" / "vendor" / "iframe-worker" / "shim.js"
    npm = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    if not npm.is_file():
        pytest.skip("node_modules not installed")
    assert vendored.read_bytes() == npm.read_bytes(), "update the vendored shim after changing package-lock.json"


def test_fresh_install_outside_the_repository_without_node(tmp_path):
    """pip install <repo>, reflect new mysite, cd mysite, reflect build: with Python only; and the
    bundled site, with fontconfig shown no font at all: every font a PDF embeds ships with the
    installed packages (none comes from a system font package)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--no-compile", "-c", str(ROOT / "requirements.lock"),
         str(ROOT)],
        capture_output=True, text=True, timeout=900,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    no_fonts = tmp_path / "fontconfig"  # a fontconfig that knows no font folder
    no_fonts.mkdir()
    (no_fonts / "fonts.conf").write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    env = {"PATH": str(venv / "bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "FONTCONFIG_FILE": str(no_fonts / "fonts.conf"), "FONTCONFIG_PATH": str(no_fonts)}
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    work = tmp_path / "work"
    work.mkdir()
    made = subprocess.run(["reflect", "new", "mysite"], cwd=work, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = subprocess.run(["reflect", "build"], cwd=work / "mysite", env=env, capture_output=True, text=True,
                           timeout=900)
    assert built.returncode == 0, built.stderr
    site = work / "mysite" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Our self-assessment" in home and "reflect-core.js" in home
    assert (site / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()
    assert (site / "downloads" / "self-assessment.pdf").is_file()
    installed = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"], cwd=tmp_path,
                               capture_output=True, text=True).stdout
    assert str(ROOT) not in installed  # a real install, not the source tree

    from pypdf import PdfReader

    bundled = tmp_path / "bundled"  # the README's build: the bundled site (here without node_modules)
    for name in ("content", "questions", "overrides"):
        shutil.copytree(ROOT / name, bundled / name)
    shutil.copy(ROOT / "mkdocs.yml", bundled / "mkdocs.yml")
    built = subprocess.run(["reflect", "build"], cwd=bundled, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr
    shipped = {p.stem for p in (venv / "lib").rglob("*") if p.suffix.lower() in (".ttf", ".otf")}
    pdfs = sorted((bundled / "site" / "downloads").glob("*.pdf"))
    assert len(pdfs) == 13
    for path in pdfs:
        embedded = set()
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                font = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = font["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (path.name, font)
                embedded.add(str(descriptor["/FontName"]).split("+")[-1])
        assert embedded and embedded <= shipped, (path.name, embedded)


# --- talking on a terminal and through a pipe ------------------------------------------------------


def run_on_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """Run ``reflect`` with stdout and stderr on a pseudo-terminal; return what it wrote."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=terminal, stderr=terminal, env={**os.environ, **env})
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=600)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path):
    project = new_project(tmp_path / "p")
    audiences = project / "content" / "audiences.yml"
    audiences.write_text(audiences.read_text(encoding="utf-8").replace("    name:", "    nmae:"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = run_on_terminal(["--project", str(project), "check"], tmp_path, NO_COLOR="")
    assert "\033[31mcontent/audiences.yml:" in coloured
    plain = run_on_terminal(["--project", str(project), "check"], tmp_path, NO_COLOR="1")
    assert "content/audiences.yml:" in plain and "\033[" not in plain
    piped = subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(project), "check"],
                           capture_output=True, text=True, env=env)
    assert "content/audiences.yml:" in piped.stderr and "\033[" not in piped.stderr


def test_progress_live_on_a_terminal_and_one_plain_line_when_piped(tmp_path):
    project = new_project(tmp_path / "p")
    on_terminal = run_on_terminal(["--project", str(project), "build"], tmp_path)
    assert re.search(r"\rBuilding the site \(pages, search, printable documents\)\.\.\. \d+ s", on_terminal)
    assert "Site built in" in on_terminal
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # not up to date
    piped = build(project)
    assert "Building the site (pages, search, printable documents)...\n" in piped.stderr
    assert "\r" not in piped.stderr
