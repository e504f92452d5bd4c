"""Printable appendices and question sets, read back as a reader's tools would read them.

Every PDF is read with pypdf and every DOCX with python-docx; the expected words, numbers
and order come from the Project (and, for appendix numbers, from the site renderer), never
from the printable package itself. Everything is rendered once per session.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_COLOR_INDEX
from pypdf import PdfReader

from conftest import ROOT, copy_project
from generator.models import Guide, GuideQuestion, TickBoxesBlock
from generator.build.printables import COMBINED_PATH, build_downloads, download_path, human_size, plan
from generator.project import load_project, reference_label
from generator.project.references import replace_references
from generator.build.site import NavSection, SiteBuild

EPOCH = "1764158400"  # 2025-11-26 12:00:00 UTC
ENV = {"SOURCE_DATE_EPOCH": EPOCH}
STAMP = datetime.fromtimestamp(int(EPOCH), tz=timezone.utc)
A4_POINTS = (595.28, 841.89)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def printed(tmp_path_factory, project):
    """Every printable file of the bundled project, rendered once into a private cache."""
    cache = tmp_path_factory.mktemp("printable-cache")
    report = build_downloads(project, cache_dir=cache, environ=ENV)
    return report


@pytest.fixture(scope="session")
def files(printed) -> dict[str, bytes]:
    return {f.path: f.cached_path.read_bytes() for f in printed.files}


@pytest.fixture(scope="session")
def pdf_text(files) -> dict[str, str]:
    """Each PDF's text, whitespace collapsed (line breaks in the layout are not in the content;
    a line may end after a hyphen, as in "co-" + "production")."""
    return {
        path: re.sub(r"(?<=\w)- (?=\w)", "-",
                     _squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)))
        for path, data in files.items()
        if path.endswith(".pdf")
    }


def _squash(text: str) -> str:
    return " ".join(text.split())


def expected(project, text: str) -> str:
    """Content text as any output must print it: references as computed labels, blanks named."""

    def label(ref):
        if ref.kind == "placeholder" and project.placeholder_value(ref.id) is None:
            return f"[{project.settings.placeholders[ref.id].label}: to be filled in]"
        return reference_label(project, ref)

    return _squash(replace_references(text, label))


def owners(project):
    return [*project.guides, *project.question_sets]


def question_sequence(project, owner) -> list[str]:
    """Each question (with its number) then each of its prompts, in the Project's order."""
    out = []
    for section in owner.sections:
        for question in section.questions:
            number = project.question_by_id[question.id].number
            out.append(f"{number}. {expected(project, question.text)}")
            out += [expected(project, prompt.text) for prompt in question.prompts]
    return out


def assert_in_order(haystack: str, needles: list[str], where: str) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{where}: {needle!r} missing or out of order (searched from {position})"
        position = found + len(needle)


def site_appendix_titles(project) -> dict[str, str]:
    """The appendix titles exactly as the website's navigation shows them."""
    nav = SiteBuild(project).nav()
    section = next(item for item in nav if isinstance(item, NavSection) and item.title == "Appendices")
    by_page = {page: title for title, page in section.children}
    return {a.item.id: by_page[f"appendices/{a.item.id}.md"] for a in project.appendices}


def docx(files, item_id):
    return open_docx(io.BytesIO(files[download_path(item_id, "docx")]))


# --- what is made ------------------------------------------------------------------------------


def test_a_pdf_and_a_docx_for_every_appendix_and_question_set_and_one_combined_pdf(project, printed):
    items = [a.item.id for a in project.appendices] + [s.id for s in project.question_sets]
    handed_out = [d.id for d in project.documents] + [g.id for g in project.guides if g.format == "written-questions"]
    wanted = {download_path(i, fmt) for i in items for fmt in ("pdf", "docx")} | {COMBINED_PATH}
    wanted |= {f"downloads/{i}-participant.{fmt}" for i in handed_out for fmt in ("pdf", "docx")}
    assert {f.path for f in printed.files} == wanted
    assert len(wanted) == 2 * (5 + 4) + 1 + 2 * 3
    for built in printed.files:
        data = built.cached_path.read_bytes()
        assert built.size == len(data) > 5000
        assert data.startswith(b"%PDF-1.7") if built.format == "pdf" else data.startswith(b"PK")


# --- PDFs ----------------------------------------------------------------------------------------


def test_every_question_and_prompt_is_in_each_pdf_in_order(project, pdf_text):
    for owner in owners(project):
        text = pdf_text[download_path(owner.id, "pdf")]
        assert_in_order(text, question_sequence(project, owner), f"{owner.id}.pdf")


def test_combined_pdf_holds_every_appendix_in_order_with_every_question(project, pdf_text):
    text = pdf_text[COMBINED_PATH]
    titles = site_appendix_titles(project)
    sequence = []
    for appendix in project.appendices:
        sequence.append(titles[appendix.item.id])
        if isinstance(appendix.item, Guide):
            sequence += question_sequence(project, appendix.item)
    contents_end = text.find(titles[project.appendices[-1].item.id]) + 1  # past the contents list
    assert_in_order(text[contents_end:], sequence, "appendices.pdf")


def test_every_page_is_a4_and_page_counts_are_plausible(project, files):
    pages = {}
    for path, data in files.items():
        if not path.endswith(".pdf"):
            continue
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - A4_POINTS[0]) < 1 and abs(float(box.height) - A4_POINTS[1]) < 1, path
        pages[path] = len(reader.pages)
    for owner in owners(project):
        count = sum(len(s.questions) for s in owner.sections)
        # A question with its notes space takes at most about half a page; none is shorter than 1 page.
        assert 1 <= pages[download_path(owner.id, "pdf")] <= count + 3, owner.id
    for doc in project.documents:
        assert 1 <= pages[download_path(doc.id, "pdf")] <= 10, doc.id
    # Cover and contents, then each appendix from a new page, laid out as in its own PDF.
    singles = sum(pages[download_path(a.item.id, "pdf")] for a in project.appendices)
    assert pages[COMBINED_PATH] == singles + 1


def test_running_header_and_page_n_of_m_footer(project, files):
    for appendix in project.appendices:
        reader = PdfReader(io.BytesIO(files[download_path(appendix.item.id, "pdf")]))
        total = len(reader.pages)
        for number, page in enumerate(reader.pages, 1):
            text = _squash(page.extract_text())
            assert f"Page {number} of {total}" in text
            assert site_appendix_titles(project)[appendix.item.id] in text  # title with its number
            own = getattr(appendix.item, "version", None)
            if own:  # a document's own version and date, else the site's edition
                assert f"version {own}, {appendix.item.date}" in text
            else:
                assert project.settings.site.content_version in text


def test_appendix_numbers_match_the_site(project, files):
    titles = site_appendix_titles(project)
    for appendix in project.appendices:
        title = titles[appendix.item.id]
        assert title.startswith(f"Appendix {appendix.number}: ")
        reader = PdfReader(io.BytesIO(files[download_path(appendix.item.id, "pdf")]))
        assert reader.metadata.title == title
        assert reader.outline[0].title == title
        document = docx(files, appendix.item.id)
        assert document.core_properties.title == title
        first_heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
        assert first_heading.text == title
    combined = PdfReader(io.BytesIO(files[COMBINED_PATH]))
    top = [item.title for item in combined.outline if not isinstance(item, list)]
    assert top == ["Contents", *(titles[a.item.id] for a in project.appendices)]


def test_bookmarks_follow_sections_and_questions(project, files):
    guide = project.guides[0]
    outline = PdfReader(io.BytesIO(files[download_path(guide.id, "pdf")])).outline
    assert len(outline) == 2 and isinstance(outline[1], list)
    sections = [item for item in outline[1] if not isinstance(item, list)]
    assert [s.title for s in sections] == [f"{i}. {s.title}" for i, s in enumerate(guide.sections, 1)]
    question_titles = [q.title for group in outline[1] if isinstance(group, list) for q in group]
    assert question_titles == [
        f"{project.question_by_id[q.id].number}. {expected(project, q.text)}"
        for s in guide.sections for q in s.questions
    ]


def test_pdfs_are_tagged_titled_with_language_and_embedded_fonts(project, files):
    language = project.settings.site.language
    for path, data in files.items():
        if not path.endswith(".pdf"):
            continue
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == language, path
        assert root["/MarkInfo"]["/Marked"] in (True, "true"), path
        assert "/StructTreeRoot" in root, path
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true"), path
        assert reader.metadata.title and reader.metadata.subject and reader.metadata.author, path
        assert b"pdfuaid" in root["/Metadata"].get_object().get_data(), path
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (path, font)
                fonts.add(_embedded_family(descriptor))
        # Arial in the Word files; its metric-compatible twin in the PDFs.
        assert fonts == {"Liberation Sans"}, (path, fonts)


def _embedded_family(descriptor) -> str:
    from fontTools.ttLib import TTFont

    data = descriptor["/FontFile2"].get_object().get_data()
    return TTFont(io.BytesIO(data))["name"].getDebugName(1)


def test_links_in_pdfs_are_clickable_and_land_inside_the_file(project, files):
    guide = next(g for g in project.guides if any(q.skip_logic for s in g.sections for q in s.questions))
    reader = PdfReader(io.BytesIO(files[download_path(guide.id, "pdf")]))
    destinations = set(reader.named_destinations)
    links = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]
    internal = [str(link["/Dest"]) for link in links if link.get("/Subtype") == "/Link" and "/Dest" in link]
    assert internal, "the skip logic should link to the questions it names"
    assert set(internal) <= destinations
    combined = PdfReader(io.BytesIO(files[COMBINED_PATH]))
    contents_links = [a.get_object() for a in combined.pages[0].get("/Annots") or []]
    assert len(contents_links) >= len(project.appendices)
    assert {str(link["/Dest"]) for link in contents_links} <= set(combined.named_destinations)


def test_prompts_notes_and_skip_logic_are_set_apart_in_the_pdf(project, pdf_text):
    for guide in project.guides:
        text = pdf_text[download_path(guide.id, "pdf")]
        questions = [q for s in guide.sections for q in s.questions]
        assert text.count("Facilitator note:") == sum(len(q.notes) for q in questions)
        assert text.count("Skip logic:") == sum(len(q.skip_logic) for q in questions)
        with_prompts = sum(1 for q in questions if q.prompts)
        assert text.count(_squash(guide.prompts_label)) == with_prompts
        for q in questions:
            for note in q.notes:
                assert expected(project, note.text)[:60] in text


def test_consent_form_has_an_initials_box_per_statement(project, files, pdf_text):
    form = project.document_by_id["consent-form"]
    statements = [i for s in form.sections for b in s.blocks if isinstance(b, TickBoxesBlock) for i in b.items]
    text = pdf_text[download_path("consent-form", "pdf")]
    assert text.count("Initials") == len(statements) == 4
    assert_in_order(text, [expected(project, s)[:50] for s in statements], "consent-form.pdf")
    document = docx(files, "consent-form")
    rows = [row for table in document.tables for row in table.rows
            if any(p.style.name == "Statement" for p in row.cells[0].paragraphs)]
    assert [_squash(row.cells[0].text) for row in rows] == [expected(project, s) for s in statements]
    for row in rows:
        assert row.cells[1]._tc.xpath(".//w14:checkbox"), "an initials box is a checkbox content control"


def test_notes_space_follows_the_setting(tmp_path, project, files, pdf_text):
    guide = project.guides[0]
    assert guide.notes_space == "large"
    count = sum(len(s.questions) for s in guide.sections)
    assert pdf_text[download_path(guide.id, "pdf")].count("Notes") >= count
    copy = copy_project(tmp_path / "p")
    source = copy / guide.origin_file
    source.write_text(source.read_text().replace("notes_space: large", "notes_space: none"))
    without = load_project(copy)
    only_guide = [d for d in plan(without) if d.owner == guide.id]
    from generator.build.printables import render

    data = {d.format: render(d, STAMP) for d in only_guide}
    text = re.sub(r"(?<=\w)- (?=\w)", "-",
                  _squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data["pdf"])).pages)))
    assert "Notes" not in text
    assert_in_order(text, question_sequence(without, guide), "without notes space")
    with_space = PdfReader(io.BytesIO(files[download_path(guide.id, "pdf")]))
    assert len(PdfReader(io.BytesIO(data["pdf"])).pages) < len(with_space.pages)
    word = open_docx(io.BytesIO(data["docx"]))
    assert not word.tables


# --- DOCX ----------------------------------------------------------------------------------------


def test_every_question_and_prompt_is_in_each_docx_in_order_with_real_styles(project, files):
    for owner in owners(project):
        document = docx(files, owner.id)
        paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
        questions = [text for style, text in paragraphs if style == "Heading 3"]
        want = [expected(project, q.text) for s in owner.sections for q in s.questions]
        assert questions == want, owner.id  # numbered by a Word list, not typed digits
        sections = [text for style, text in paragraphs if style == "Heading 2"]
        assert [t for t in sections if re.match(r"\d+\. ", t)] == [
            f"{i}. {_squash(s.title)}" for i, s in enumerate(owner.sections, 1)
        ]
        prompts = [text for style, text in paragraphs if style == "List Bullet"]
        assert_in_order(" | ".join(prompts), [expected(project, p.text) for s in owner.sections
                                               for q in s.questions for p in q.prompts], owner.id)
        numbered = [re.sub(r"^\d+\. ", "", q) for q in question_sequence(project, owner)]
        assert_in_order(" | ".join(t for _, t in paragraphs), numbered, owner.id)


def test_docx_is_a4_with_properties_and_no_template_dates(project, files):
    for item_id in [a.item.id for a in project.appendices] + [s.id for s in project.question_sets]:
        data = files[download_path(item_id, "docx")]
        document = open_docx(io.BytesIO(data))
        section = document.sections[0]
        assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
        props = document.core_properties
        assert props.title and props.subject and props.language == project.settings.site.language
        assert props.created == props.modified == STAMP
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            assert names[0] == "[Content_Types].xml"
            assert "docProps/thumbnail.jpeg" not in names
            assert {info.date_time for info in archive.infolist()} == {
                (STAMP.year, STAMP.month, STAMP.day, STAMP.hour, STAMP.minute, STAMP.second // 2 * 2)
            }
            core = archive.read("docProps/core.xml").decode()
            assert "2013" not in core and "python-docx" not in core
            styles = archive.read("word/styles.xml").decode()
            assert f'w:lang w:val="{project.settings.site.language}"' in styles


def test_unfilled_placeholders_are_highlighted_in_docx(project, files):
    blanks = {name: f"[{p.label}: to be filled in]" for name, p in project.settings.placeholders.items()
              if project.placeholder_value(name) is None}
    assert blanks
    for doc in project.documents:
        uses = [u.name for u in project.placeholder_uses if u.position.path == doc.origin_file]
        document = docx(files, doc.id)
        highlighted = [
            run.text
            for paragraph in [*document.paragraphs, *document.sections[0].header.paragraphs,
                              *(p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs)]
            for run in paragraph.runs
            if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
        ]
        assert sorted(highlighted) == sorted(blanks[name] for name in uses), doc.id


def _assert_questions_on_the_page_of_their_space(reader, owner, where: str) -> None:
    labels = ("Notes", "Your answer", _squash(getattr(owner, "response_label", "Notes")))
    lines = [(number, " ".join(line.split())) for number, page in enumerate(reader.pages)
             for line in page.extract_text().splitlines() if line.strip()]
    at = 0
    for question in (q for s in owner.sections for q in s.questions):
        words = " ".join(re.sub(r"\[\[[^\]]*\]\]", " ", question.text).split()[:4])
        at = next(i for i in range(at, len(lines)) if words in lines[i][1])
        label = next(i for i in range(at, len(lines)) if lines[i][1] in labels)
        assert lines[label][0] == lines[at][0], f"{where}: {words!r} split from its notes space"
        at = label


def test_libreoffice_converts_every_docx_to_as_many_pages_as_its_pdf(tmp_path, project, files):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    sources = []
    for path, data in files.items():
        if path.endswith(".docx"):
            target = tmp_path / Path(path).name
            target.write_bytes(data)
            sources.append(target)
    out = tmp_path / "converted"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for source in sources:
        converted = out / f"{source.stem}.pdf"
        assert converted.is_file() and converted.stat().st_size > 1000, (source.name, result.stdout, result.stderr)
        reader = PdfReader(converted)
        title = open_docx(source).core_properties.title
        assert title in _squash(reader.pages[0].extract_text())
        # Arial (Liberation Sans here) in Word, Liberation Sans in the PDF, the same spacing:
        # the same page breaks, so a page reference holds for either file.
        pdf = PdfReader(io.BytesIO(files[f"downloads/{source.stem}.pdf"]))
        assert len(reader.pages) == len(pdf.pages), source.name
        owner = next((o for o in owners(project) if o.id == source.stem.removesuffix("-participant")), None)
        if owner is not None:  # Word keeps each question with its notes space too
            _assert_questions_on_the_page_of_their_space(reader, owner, source.name)
        if source.stem.startswith("consent-form"):  # Word keeps the statements with the signatures too
            pages = [_squash(page.extract_text()) for page in reader.pages]
            last = next(i for i, page in enumerate(pages) if "I agree to take part in this study" in page)
            assert "Person taking consent" in pages[last] and "Participant" in pages[last], source.name


# --- reproducible, cached ------------------------------------------------------------------------


def test_two_builds_a_second_apart_give_identical_bytes(tmp_path, printed):
    time.sleep(1)
    script = (
        "import json, sys\n"
        "from generator.project import load_project\n"
        "from generator.build.printables import build_downloads\n"
        "if __name__ == '__main__':\n"
        "    report = build_downloads(load_project(sys.argv[1]), cache_dir=sys.argv[2],\n"
        f"                             environ={{'SOURCE_DATE_EPOCH': '{EPOCH}'}})\n"
        "    print(json.dumps({f.path: f.sha256 for f in report.files}))\n"
    )
    (tmp_path / "again.py").write_text(script)
    result = subprocess.run([sys.executable, str(tmp_path / "again.py"), str(ROOT), str(tmp_path / "cache")],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    again = json.loads(result.stdout)
    assert again == {f.path: f.sha256 for f in printed.files}


def test_the_stamp_is_the_only_date_and_changes_the_bytes(project):
    from generator.build.printables import render

    download = next(d for d in plan(project) if d.format == "pdf" and d.kind == "document")
    first = render(download, STAMP)
    later = render(download, datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert first != later
    for data, when in ((first, STAMP), (later, datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc))):
        metadata = PdfReader(io.BytesIO(data)).metadata
        assert metadata.creation_date == metadata.modification_date == when
        xmp = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
        assert set(re.findall(rb"\d{4}-\d\d-\d\dT[\d:]+", xmp)) <= {when.strftime("%Y-%m-%dT%H:%M:%S").encode()}


def test_editing_one_guide_rerenders_only_that_guides_files(tmp_path, project, printed):
    cache = tmp_path / "cache"
    shutil.copytree(printed.files[0].cached_path.parent, cache)
    copy = copy_project(tmp_path / "p")
    unchanged = build_downloads(load_project(copy), cache_dir=cache, environ=ENV)
    assert unchanged.rendered == ()  # same content in another folder: all from the cache
    guide = project.guides[1]
    source = copy / guide.origin_file
    question = guide.sections[0].questions[0]
    text = source.read_text()
    first_words = " ".join(question.text.split()[:4])
    assert first_words in text
    source.write_text(text.replace(first_words, "Edited: " + first_words, 1))
    edited = build_downloads(load_project(copy), cache_dir=cache, environ=ENV)
    assert set(edited.rendered) == {download_path(guide.id, "pdf"), download_path(guide.id, "docx"), COMBINED_PATH}
    after = {f.path: f.sha256 for f in edited.files}
    before = {f.path: f.sha256 for f in printed.files}
    assert {p for p in after if after[p] != before[p]} == set(edited.rendered)
    pdf = next(f for f in edited.files if f.path == download_path(guide.id, "pdf")).cached_path
    assert "Edited: " + first_words in _squash(" ".join(p.extract_text() for p in PdfReader(pdf).pages))


# --- on the site ------------------------------------------------------------------------------------


def test_site_links_every_file_and_lists_it_with_format_and_size(project, built_site):
    for appendix in project.appendices:
        page = (built_site / "appendices" / f"{appendix.item.id}.html").read_text(encoding="utf-8")
        for fmt in ("pdf", "docx"):
            assert f'href="../downloads/{appendix.item.id}.{fmt}"' in page
            handed_out = not isinstance(appendix.item, Guide) or appendix.item.format == "written-questions"
            participant = f'href="../downloads/{appendix.item.id}-participant.{fmt}"'
            assert (participant in page) == handed_out, (appendix.item.id, fmt)
        assert 'href="../downloads/appendices.pdf"' in page
        heading = re.search(r"<h1[^>]*>(.*?)<", page).group(1)
        assert heading == site_appendix_titles(project)[appendix.item.id]
        pdf = PdfReader(built_site / "downloads" / f"{appendix.item.id}.pdf")
        assert pdf.metadata.title == heading  # numbered as on the site
    for qset in project.question_sets:
        page = (built_site / "question-sets" / f"{qset.id}.html").read_text(encoding="utf-8")
        for fmt in ("pdf", "docx"):
            assert f'href="../downloads/{qset.id}.{fmt}"' in page
    listing = (built_site / "downloads.html").read_text(encoding="utf-8")
    for download in plan(project):
        built = built_site / download.path
        assert built.is_file(), download.path
        row = re.search(rf'<tr>\s*<td><a href="{re.escape(download.path)}">[^<]+</a></td>\s*<td>([^<]+)</td>\s*'
                        rf"<td>([^<]+)</td>", listing)
        assert row, download.path
        assert row.group(1) == download.format_label
        assert row.group(2) == human_size(built.stat().st_size)
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/reflect-print.css" in index
    assert (built_site / "assets" / "stylesheets" / "reflect-print.css").is_file()


def test_site_print_stylesheet_hides_navigation_search_and_buttons():
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "reflect-print.css").read_text()
    block = css[css.index("@media print"):]
    hidden = block[: block.index("display: none")]
    for selector in (".md-header", ".md-sidebar", ".md-search", ".md-tabs", ".md-footer", ".md-button",
                     "button", ".md-content__button", ".reflect-downloads"):
        assert re.search(rf"(^|\s|,){re.escape(selector)}\s*[,{{]", hidden), selector


# --- text ------------------------------------------------------------------------------------------


def test_markdown_and_references_become_runs(project):
    from generator.document.nodes import ItemList as ListOf, Para
    from generator.document.printables import PrintBuilder
    from generator.writers.word.runs import runs as flatten
    from generator.strings import load_catalogue

    resource = project.resources[0]
    blank = next(n for n in project.settings.placeholders if project.placeholder_value(n) is None)
    label = project.settings.placeholders[blank].label
    blocks = PrintBuilder(project, load_catalogue("en")).text.blocks(
        f"Some **bold [[appendix:{project.appendices[1].item.id}]]** and *slanted* words, "
        f"[a site](https://example.org/x), [[resource:{resource.id}]] and [[placeholder:{blank}]].\n\n"
        "- first\n- second"
    )
    assert [type(b) for b in blocks] == [Para, ListOf]
    runs = flatten(blocks[0].children)
    assert "".join(r.text for r in runs) == (
        f"Some bold Appendix 2 and slanted words, a site, {resource.title} and [{label}: to be filled in]."
    )
    by_text = {r.text: r for r in runs}
    assert by_text["Appendix 2"].bold and by_text["Appendix 2"].target == f"doc-{project.appendices[1].item.id}"
    assert by_text["slanted"].italic and not by_text["slanted"].bold
    assert by_text["a site"].href == "https://example.org/x"
    assert by_text[resource.title].href == resource.url
    assert by_text[f"[{label}: to be filled in]"].blank
    assert [[r.text for r in flatten(item)] for item in blocks[1].items] == [["first"], ["second"]]
