"""Languages: every shipped catalogue is complete, and a Welsh site has no English interface word.

The bundled project is built once with ``site.language: cy``. Every visible text on every
generated page, what the browser tools write on a worksheet page (read in Chromium), and the
text of every PDF and Word file must then be content text (from the YAML files) or words of
the Welsh catalogue: the pseudo-locale test's machinery (``visible_text``), with the Welsh
catalogue's literal words marked as the pseudo-locale's ⟦ ⟧ marks them.
"""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
import yaml
from browser_support import browser  # noqa: F401 - fixture
from conftest import copy_project, reflect

from generator.strings import PLURAL_CATEGORIES, available_languages, flatten, load_catalogue
from visible_text import CLOSE, OPEN, content_corpus, foreign_words, generated_pages, text_nodes

STRINGS = Path(__file__).resolve().parents[2] / "generator" / "strings"


def _catalogue(language: str) -> dict:
    return dict(flatten(yaml.safe_load((STRINGS / f"{language}.yml").read_text(encoding="utf-8"))))


def _forms(template) -> list[str]:
    return list(template.values()) if isinstance(template, dict) else [template]


def _fields(template) -> set[str]:
    """A template's {fields}; {kind:…} names are not fields a writer fills in (a translation may
    write the kind's word itself where its grammar changes it)."""
    return {field for form in _forms(template) for _, field, _, _ in string.Formatter().parse(form)
            if field and field != "kind"}


# --- the catalogues ------------------------------------------------------------------------------


def test_welsh_ships_and_every_catalogue_has_exactly_the_keys_and_fields_of_english():
    assert "cy" in available_languages()
    english = _catalogue("en")
    for language in available_languages():
        own = _catalogue(language)
        assert sorted(own) == sorted(english), (language, set(own) ^ set(english))
        for name, template in english.items():
            assert _fields(own[name]) == _fields(template), (language, name)
            assert isinstance(own[name], dict) == isinstance(template, dict), (language, name)
            if isinstance(own[name], dict):
                assert set(own[name]) <= set(PLURAL_CATEGORIES) and "other" in own[name], (language, name)
        assert load_catalogue(language).missing() == ()


def test_welsh_plural_categories_are_used():
    words = load_catalogue("cy")
    assert words.text("site.count.questions", count=2) == "2 gwestiwn"
    assert words.text("site.count.questions", count=3) == "3 cwestiwn"
    assert words.text("print.page_of", page=1, pages=4) == "Tudalen 1 o 4"


# --- one Welsh build ---------------------------------------------------------------------------------


def _set_language(project: Path, language: str) -> None:
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*language:).*$", rf"\1 {language}", text, count=1)
    # the bundled content's names for its kinds are English words: a site in another language
    # would give its own (or use its catalogue's), so they go with the switch
    text = re.sub(r"(?m)^names:\n(?:  .*\n)+", "", text)
    settings.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def welsh(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("welsh") / "project")
    _set_language(project, "cy")
    result = reflect("--project", str(project), "build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def _material_welsh() -> list[str]:
    """The theme's own Welsh interface words (Material for MkDocs' cy.html)."""
    import material

    source = Path(material.__file__).parent / "templates" / "partials" / "languages" / "cy.html"
    return re.findall(r'"[\w.]+": "([^"]*)"', source.read_text(encoding="utf-8"))


def _welsh_words() -> re.Pattern:
    """Every literal stretch of the Welsh catalogue (between its {fields} and Markdown marks,
    leaving out `code`, which names files and keys), and the theme's Welsh words."""
    pieces = set()
    for template in [*load_catalogue("cy").section("").values(), *_material_welsh()]:  # kind names put in
        for form in _forms(template):
            for literal, *_ in string.Formatter().parse(form):
                for piece in re.sub(r"`[^`]*`", "\0", literal).replace("**", "\0").split("\0"):
                    piece = " ".join(piece.split()).strip(" :;,.()“”'\"")
                    if re.search(r"[^\W\d_]", piece):
                        pieces.add(piece)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(pieces, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


WELSH = _welsh_words()
CODE = {code for t in _catalogue("cy").values() for form in _forms(t) for code in re.findall(r"`([^`]+)`", form)}
# the values a template's {fields} took that are not content: numbers, codes like 2(d), file names
NUMBERS = re.compile(r"(?<!\w)(?:\d+(?:\([a-z]\))?[\d\s.,:;()\-–/]*|[\w-]+\.(?:json|csv)\b)")


def marked(texts: list[str]) -> list[str]:
    """Texts with every Welsh catalogue word (and number) wrapped as the pseudo-locale wraps strings."""
    wrap = lambda m: f"{OPEN}{m.group(0)}{CLOSE}"  # noqa: E731
    texts = [" ".join(text.split()) for text in texts]
    return [f"{OPEN}{t}{CLOSE}" if t in CODE else NUMBERS.sub(wrap, WELSH.sub(wrap, t)) for t in texts]


def welsh_foreign(texts: list[str], corpus: str) -> list[str]:
    """Stretches that are neither Welsh interface words nor content text (a stretch may hold
    several content values side by side, in quotes or brackets: each must be content)."""
    bad = []
    texts = [t for t in texts if " ".join(t.split()) not in corpus]  # whole content texts
    for stretch in foreign_words(marked(texts), corpus):
        parts = re.split(r"[“”()]", stretch)
        if foreign_words([p for p in parts if p.strip()], corpus):
            bad.append(stretch)
    return bad


def test_the_marking_tells_welsh_interface_words_from_english_ones():
    corpus = "Quality improvement coaching"
    assert foreign_words(marked(["Tudalen 1 o 4", "Thema 2: Quality improvement coaching"]), corpus) == []
    assert foreign_words(marked(["Opening script"]), corpus) == ["Opening script"]
    assert foreign_words(marked(["Sgript agoriadol", "Page 1 of 4"]), corpus) == ["Page ", "of "]


def test_every_word_on_every_welsh_page_is_content_or_welsh(welsh):
    project, site = welsh
    corpus = content_corpus(project)
    problems = {}
    pages = generated_pages(site)
    assert len(pages) > 20
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="cy"', markup), page
        bad = welsh_foreign(text_nodes(markup), corpus)
        bad += welsh_foreign(text_nodes(markup, region="md-nav--primary"), corpus)
        if bad:
            problems[page.relative_to(site).as_posix()] = bad[:10]
    assert not problems, problems
    home = " ".join(text_nodes((site / "index.html").read_text(encoding="utf-8")))
    assert "Dechrau yma" in home


def test_the_browser_tools_write_welsh(welsh, browser):
    from browser_support import Site, open_page

    project, built = welsh
    corpus = content_corpus(project)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_page(page, Site(built).url("http", "question-sets/organisations-self-evaluation.html"),
                  "#reflect-worksheet")
        page.locator("input[id^=reflect-rating-]").first.check()
        page.locator("textarea[id^=reflect-answer-]").first.fill("Fy ateb")
        lines = page.evaluate("""() => {  // the article's visible text nodes, as the tools left them
            const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
            const out = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (parent.closest('script, style, template, noscript, svg, .headerlink')) continue;
                if (!parent.checkVisibility() || !node.textContent.trim()) continue;
                out.push(node.textContent);
            }
            return out;
        }""")
    finally:
        context.close()
    text = "\n".join(lines)
    assert "Eich atebion" in text or "Sgôr" in text, text[:500]
    bad = welsh_foreign([line for line in lines if line.strip()], corpus)
    assert bad == [], bad


def test_the_welsh_search_finds_a_page_by_a_welsh_word(welsh, browser):
    import json

    _, site = welsh
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["en"] and config["pipeline"] == []  # the documented fallback
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("Lawrlwythiadau", delay=5)
        result = page.locator('.md-search-result a[href*="downloads.html"]').first
        result.wait_for(timeout=15000)
    finally:
        page.close()


# --- printables ---------------------------------------------------------------------------------------


def _english_only() -> set[str]:
    """English catalogue words that Welsh words do not share (at least one whole word, 4+ letters)."""
    out = set()
    welsh_text = " ".join(" ".join(_forms(t)) for t in _catalogue("cy").values())
    for template in _catalogue("en").values():
        for form in _forms(template):
            for literal, *_ in string.Formatter().parse(form):
                piece = " ".join(literal.split()).strip(" :;,.()“”'\"·")
                if len(re.sub(r"[^A-Za-z]", "", piece)) >= 4 and piece not in welsh_text:
                    out.add(piece)
    return out


def test_pdf_and_word_files_are_welsh(welsh):
    from docx import Document as open_docx
    from pypdf import PdfReader

    project, site = welsh
    corpus = content_corpus(project)
    english = sorted(_english_only(), key=len, reverse=True)
    files = sorted((site / "downloads").glob("*.*"))
    assert len([f for f in files if f.suffix in (".pdf", ".docx")]) >= 20
    problems = {}
    for path in files:
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            assert str(reader.trailer["/Root"]["/Lang"]) == "cy", path.name
            text = " ".join(page.extract_text() for page in reader.pages)
        elif path.suffix == ".docx":
            word = open_docx(path)
            assert word.core_properties.language == "cy", path.name
            styles = word.styles.element.xml
            assert 'w:val="cy"' in styles, path.name
            texts = [p.text for p in word.paragraphs]
            texts += [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
            for section in word.sections:
                texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
            text = "\n".join(texts)
        else:
            continue
        text = " ".join(text.split())
        found = [e for e in english if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text) and e not in corpus]
        if found:
            problems[path.name] = found[:10]
    assert not problems, problems
    first_pdf = next(f for f in files if f.suffix == ".pdf")
    assert re.search(r"Tudalen 1 o \d+", " ".join(PdfReader(first_pdf).pages[0].extract_text().split()))


# --- a string missing from a catalogue; a misspelt override --------------------------------------------


def test_a_missing_welsh_string_shows_in_english_marked_en_and_check_names_it(monkeypatch, tmp_path, capsys):
    from types import MappingProxyType

    import generator.strings as strings
    from generator.cli import main
    from generator.project import load_project
    from generator.build.site import SiteBuild

    real = strings._read

    def without_start_here(language: str):
        own = dict(real(language))
        if language == "cy":
            del own["site.home.start_here"]
        return MappingProxyType(own)

    monkeypatch.setattr(strings, "_read", without_start_here)
    project = copy_project(tmp_path / "project")
    _set_language(project, "cy")
    site = SiteBuild(load_project(project)).render()
    home = next(page for page in site.pages if page.path == "index.md")
    assert '<span lang="en">Start here</span>' in home.html
    assert "Dechrau yma" not in home.html
    assert "\ue002" not in str(site.nav) and all("\ue002" not in page.title for page in site.pages)
    other = next(page for page in site.pages if page.path != "index.md")
    assert 'lang="en"' not in other.html  # only the missing string is marked
    assert main(["--project", str(project), "check"]) == 0
    err = capsys.readouterr().err
    assert "1 llinyn rhyngwyneb ar goll o gatalog 'cy'" in err and "site.home.start_here" in err


def test_a_complete_catalogue_marks_nothing_and_check_says_nothing_is_missing(welsh, capsys):
    from generator.cli import main

    project, site = welsh
    assert 'lang="en"' not in (site / "index.html").read_text(encoding="utf-8")
    assert main(["--project", str(project), "check"]) == 0
    assert "rhyngwyneb ar goll" not in capsys.readouterr().err  # no interface word missing from the catalogue


def test_an_unknown_string_override_is_an_error_with_a_did_you_mean(tmp_path, capsys):
    from generator.cli import main

    project = copy_project(tmp_path / "project")
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("strings:\n", "strings:\n  site.home.start_her: Dechrau yma\n", 1), encoding="utf-8")
    assert main(["--project", str(project), "check"]) != 0
    err = capsys.readouterr().err
    assert "unknown string 'site.home.start_her'; did you mean 'site.home.start_here'?" in err
    assert re.search(r"content/settings\.yml:\d+:\d+", err)
