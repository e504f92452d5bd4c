"""One site per language in one build: the bilingual pack built once, read back page by page.

Default language at the root, Welsh under cy/, the same page paths; <html lang>, hreflang in
each language's sitemap (and x-default: the default language's page) and a language switch to the matching page on every page; per-language search; worksheet answers
under one storage key; each printable in each language on that language's Downloads page.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import reflect

PACK = Path(__file__).parent.parent / "packs" / "bilingual"
SET_PAGE = "question-sets/team-check.html"


def _copy(tmp: Path) -> Path:
    return Path(shutil.copytree(PACK, tmp / "bilingual", ignore=shutil.ignore_patterns("site", ".reflect-cache")))


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory) -> Path:
    pack = _copy(tmp_path_factory.mktemp("languages"))
    result = reflect("--project", str(pack), "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return pack / "site"


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("cy/", "source/", "assets/")))


def test_every_page_exists_in_both_languages_with_its_lang_alternates_and_switch(bilingual_site):
    site = bilingual_site
    assert len(pages(site)) > 8
    for path in pages(site):
        if path == "404.html":
            continue
        english, welsh = (site / path).read_text(encoding="utf-8"), (site / "cy" / path).read_text(encoding="utf-8")
        assert re.search(r'<html lang="en"', english) and re.search(r'<html lang="cy"', welsh), path
        for page, here in ((english, site / path), (welsh, site / "cy" / path)):
            # no <link rel="alternate"> in the page: Material fetches a sitemap.xml beside each
            # one (failed requests, or requests to another host); the sitemap names them
            assert '<link rel="alternate"' not in page, path
            switch = re.search(r'<nav class="reflect-language-switch" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
            assert switch, path
            links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="\2" data-reflect-language>([^<]+)</a>',
                               switch.group(2))
            assert len(links) == 1, (path, switch.group(2))
            href, language, name = links[0]
            assert (here.parent / href).resolve() == (site / ("cy/" if language == "cy" else "") / path).resolve()
            assert name == ("Cymraeg" if language == "cy" else "English")


def test_each_sitemap_names_every_page_in_both_languages_with_x_default(tmp_path):
    import xml.etree.ElementTree as ET

    pack = _copy(tmp_path)
    settings = pack / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "site:\n", "site:\n  url: https://example.org/team/\n", 1), encoding="utf-8")
    result = reflect("--project", str(pack), "build")
    assert result.returncode == 0, result.stderr
    site, sitemap, xhtml = pack / "site", "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
    for root, own in (("", "https://example.org/team/"), ("cy/", "https://example.org/team/cy/")):
        urls = ET.parse(site / root / "sitemap.xml").getroot().findall(f"{sitemap}url")
        assert len(urls) == len([p for p in pages(site) if p != "404.html"]), root
        for url in urls:
            loc = url.find(f"{sitemap}loc").text
            assert loc.startswith(own)
            path = loc[len(own):]
            links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{xhtml}link")}
            assert all(link.get("rel") == "alternate" for link in url.findall(f"{xhtml}link"))
            assert links == {"en-GB": f"https://example.org/team/{path}", "x-default": f"https://example.org/team/{path}",
                             "cy": f"https://example.org/team/cy/{path}"}, loc
            assert (site / path).is_file() and (site / "cy" / path).is_file()


def test_the_welsh_pages_read_in_welsh_and_say_the_translation_awaits_review(bilingual_site):
    welsh = (bilingual_site / "cy" / SET_PAGE).read_text(encoding="utf-8")
    english = (bilingual_site / SET_PAGE).read_text(encoding="utf-8")
    assert "Sut mae ein tîm yn dysgu" in welsh and "Pwy sydd fel arfer yn dechrau" in welsh and "Ddim eto" in welsh
    assert "How our team learns" not in re.sub(r"<script.*?</script>|data-[a-z-]+=\"[^\"]*\"", "", welsh, flags=re.S)
    assert "Mae'r cyfieithiad hwn yn aros i gael ei adolygu gan siaradwr Cymraeg." in welsh.replace("&#x27;", "'")
    assert "reflect-translation-note" not in english and "Sut mae" not in english
    # the worksheet keys its answers by the default language's title: one storage key in both
    assert "&quot;site&quot;: &quot;Team learning check&quot;" in welsh
    assert "&quot;site&quot;: &quot;Team learning check&quot;" in english


def test_a_translated_quote_says_it_is_a_translation(bilingual_site):
    welsh = (bilingual_site / "cy" / "findings" / "habits.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    english = (bilingual_site / "findings" / "habits.html").read_text(encoding="utf-8")
    assert "Mae pum munud wrth drosglwyddo yn ddigon os ydyn ni'n ei wneud bob dydd. (wedi'i gyfieithu)" in welsh
    assert "Nyrs ward" in welsh and "Ôl-drafodaethau byr" in welsh
    assert "Five minutes at handover is enough if we do it every day." in english and "(translated)" not in english


def test_search_is_per_language(bilingual_site):
    english = json.loads((bilingual_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    welsh = json.loads((bilingual_site / "cy" / "search" / "search_index.json").read_text(encoding="utf-8"))
    english_text = " ".join(d["title"] + d["text"] for d in english["docs"])
    welsh_text = " ".join(d["title"] + d["text"] for d in welsh["docs"])
    assert "Arferion bob dydd" in welsh_text and "Arferion bob dydd" not in english_text
    assert "Everyday habits" in english_text and "Everyday habits" not in welsh_text


def _pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


def _pdf_text_by_language(path: Path) -> dict[str, str]:
    """The words of a tagged PDF inside marked content that names a language (``/Lang``), by language."""
    found: dict[str, str] = {}
    for page in PdfReader(path).pages:
        stack: list[str | None] = []

        def operator(op, args, cm, tm) -> None:
            if op in (b"BDC", b"BMC"):
                properties = args[1] if op == b"BDC" and len(args) > 1 else None
                own = properties.get("/Lang") if hasattr(properties, "get") else None
                stack.append(str(own) if own is not None else (stack[-1] if stack else None))
            elif op == b"EMC" and stack:
                stack.pop()

        def words(text, cm, tm, font, size) -> None:
            if stack and stack[-1]:
                found[stack[-1]] = found.get(stack[-1], "") + text

        page.extract_text(visitor_operand_before=operator, visitor_text=words)
    return found


def test_each_printable_in_each_language_on_its_downloads_page(bilingual_site):
    for name in ("team-check.pdf", "team-check.docx", "how-to-run.pdf", "how-to-run.docx"):
        assert (bilingual_site / "downloads" / name).is_file() and (bilingual_site / "cy" / "downloads" / name).is_file()
    assert "Sut mae ein tîm yn dysgu" in _pdf_text(bilingual_site / "cy" / "downloads" / "team-check.pdf")
    assert "How our team learns" in _pdf_text(bilingual_site / "downloads" / "team-check.pdf")
    assert PdfReader(bilingual_site / "cy" / "downloads" / "team-check.pdf").trailer["/Root"].get("/Lang") == "cy"
    welsh_doc = docx.Document(bilingual_site / "cy" / "downloads" / "how-to-run.docx")
    words = " ".join(p.text for p in welsh_doc.paragraphs)
    assert "Cyn y sesiwn" in words and "Argraffwch un copi i bob person." in words and "Before the session" not in words
    downloads = (bilingual_site / "cy" / "downloads.html").read_text(encoding="utf-8")
    assert 'href="downloads/team-check.pdf"' in downloads and "Sut mae ein tîm yn dysgu" in downloads


def test_an_incomplete_language_is_published_only_when_allowed_with_its_gaps_marked(tmp_path):
    pack = _copy(tmp_path)
    path = pack / "questions/sets/team-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "            text: Gall unrhyw un yn y tîm awgrymu newid a chlywed beth ddigwyddodd iddo.\n", ""), encoding="utf-8")
    assert reflect("--project", str(pack), "build").returncode == 0
    assert (pack / "site" / SET_PAGE).is_file() and not (pack / "site" / "cy").exists()  # publish_incomplete: false
    settings = pack / "content/settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("publish_incomplete: false",
                                                                      "publish_incomplete: true"), encoding="utf-8")
    themes = pack / "content/themes.yml"  # the theme's translation stale, the subtheme's label untranslated
    themes.write_text(themes.read_text(encoding="utf-8").replace("label: Everyday habits", "label: Everyday team habits")
                      .replace("            label: Ôl-drafodaethau byr\n", ""), encoding="utf-8")
    assert reflect("--project", str(pack), "build").returncode == 0
    habits = (pack / "site" / "cy" / "findings" / "habits.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert re.search(r'<h1 id="[^"]+">[^<]*<span class="reflect-stale">Arferion bob dydd</span>', habits)
    assert re.search(r'<h2 id="subtheme-short-debriefs">[^<]*<span lang="en-GB" class="reflect-untranslated">'
                     r'Short debriefs</span>', habits)
    assert "Cyfieithwyd rhannau o'r dudalen hon o fersiwn gynharach" in habits and "wedi'u cyfieithu eto" in habits
    welsh = (pack / "site" / "cy" / SET_PAGE).read_text(encoding="utf-8")
    assert ('<span lang="en-GB" class="reflect-untranslated">Anyone on the team can suggest a change and hear back '
            "what happened to it.</span>") in welsh
    assert "Nid yw rhannau o&#x27;r dudalen hon wedi&#x27;u cyfieithu eto" in welsh or \
        "Nid yw rhannau o'r dudalen hon wedi'u cyfieithu eto" in welsh
    assert not re.search("[\ue000-\uf8ff]", welsh)  # no private-use character anywhere (scripts, attributes)
    # on paper too: the English words are tagged English, the Welsh ones are not
    english = "Anyone on the team can suggest a change and hear back what happened to it."
    downloads = pack / "site" / "cy" / "downloads"
    tagged = _pdf_text_by_language(downloads / "team-check.pdf")
    assert " ".join(tagged.get("en-GB", "").split()) == english, tagged
    assert english in " ".join(_pdf_text(downloads / "team-check.pdf").split())
    runs = [run for paragraph in docx.Document(downloads / "team-check.docx").paragraphs for run in paragraph.runs]
    languages = {run.text: run._r.rPr.find(qn("w:lang")).get(qn("w:val")) for run in runs
                 if run._r.rPr is not None and run._r.rPr.find(qn("w:lang")) is not None}
    assert languages == {english: "en-GB"}, languages


def test_a_failing_language_leaves_the_last_good_site(tmp_path):
    """The Welsh build fails after the English one succeeded: nothing of either is published."""
    from generator.source.diagnostics import ContentError, Diagnostic, Position
    from generator.publish.output import build_site
    from generator.publish.status import EXIT_CONTENT

    pack = _copy(tmp_path)
    assert reflect("--project", str(pack), "build").returncode == 0
    before = {p.relative_to(pack / "site"): p.read_bytes() for p in (pack / "site").rglob("*") if p.is_file()}
    (pack / "content/audiences.yml").write_text((pack / "content/audiences.yml").read_text(encoding="utf-8")
                                                 .replace("name: Teams", "name: Ward teams"), encoding="utf-8")
    built, patched = [], []

    def configure(plugin) -> None:
        if plugin.config.language == "cy":
            def fail(root):
                raise ContentError([Diagnostic(Position("content/settings.yml"), "the Welsh site failed")])
            plugin.projects.load = fail
            patched.append(plugin.projects)
        built.append(plugin.config.language)

    said: list[str] = []
    try:
        status = build_site(pack, pack / "mkdocs.yml", False, pack / "site", lambda root, strict: 0, said.append,
                            said.append, configure)
    finally:
        # MkDocs keeps one plugin instance per process (it has on_startup): later builds in
        # this process must load projects again.
        for cache in patched:
            del cache.load
    assert status == EXIT_CONTENT and built == [None, "cy"] and any("the Welsh site failed" in line for line in said)
    after = {p.relative_to(pack / "site"): p.read_bytes() for p in (pack / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(pack.glob(".site-build-*"))  # the staging folder is gone
