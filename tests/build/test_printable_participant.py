"""Documents ready to hand out, read back: participant versions, the consent form's layout,
Word files built as Word means them (checkbox controls, list numbering, fonts), questions
kept with their notes space on paper.

The PDFs are read with pypdf (text and the positions of text and drawn lines) and the
Word files with python-docx; what is expected comes from the Project and the content.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from generator.models import Document, Guide, SignaturesBlock, TickBoxesBlock
from generator.build.printables import build_downloads, download_path
from printable_layout import MM, boxed, enclosing, find, layout

EPOCH = "1764158400"
ENV = {"SOURCE_DATE_EPOCH": EPOCH}
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


@pytest.fixture(scope="session")
def files(tmp_path_factory, project) -> dict[str, bytes]:
    """Every printable file, from a cache shared with the other printable tests."""
    cache = tmp_path_factory.getbasetemp() / "printable-cache-shared"
    report = build_downloads(project, cache_dir=cache, environ=ENV)
    return {f.path: f.cached_path.read_bytes() for f in report.files}


def handed_out(project):
    """Every appendix that has a participant version."""
    return [a.item for a in project.appendices
            if isinstance(a.item, Document) or (isinstance(a.item, Guide) and a.item.format == "written-questions")]


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def docx_text(data: bytes) -> str:
    document = open_docx(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return squash(" ".join(parts))


# --- participant versions --------------------------------------------------------------------


def test_participant_versions_have_no_appendix_label_adopter_note_or_source_line(project, files):
    items = handed_out(project)
    assert {i.id for i in items} == {"consent-form", "information-sheet", "lived-experience-questions"}
    for item in items:
        adopter_pdf = " ".join(pdf_pages(files[download_path(item.id, "pdf")]))
        assert "Appendix" in adopter_pdf and "About this template" in adopter_pdf or isinstance(item, Guide)
        assert "Source:" in adopter_pdf  # the annotated template keeps them: the checks below can fail
        for fmt in ("pdf", "docx"):
            data = files[download_path(item.id, fmt, participant=True)]
            text = " ".join(pdf_pages(data)) if fmt == "pdf" else docx_text(data)
            where = f"{item.id}-participant.{fmt}"
            assert "Appendix" not in text, where
            assert "About this template" not in text and squash(item.summary)[:60] not in text, where
            assert "Source:" not in text and squash(item.source) not in text, where
            assert "Opening script" not in text and "Facilitator note" not in text, where
            title = squash(item.participant_title or item.title)
            assert text.startswith(title) or title in text[:400], where


def test_participant_footer_carries_the_documents_version_and_date_on_every_page(project, files):
    for item in handed_out(project):
        assert item.version and item.date
        own = f"version {item.version}, {item.date}"
        pages = pdf_pages(files[download_path(item.id, "pdf", participant=True)])
        for number, page in enumerate(pages, 1):
            assert own in page, (item.id, number)
            assert project.settings.site.content_version not in page  # not the site's edition
            assert f"Page {number} of {len(pages)}" in page
        word = open_docx(io.BytesIO(files[download_path(item.id, "docx", participant=True)]))
        assert own in " ".join(p.text for p in word.sections[0].footer.paragraphs)


def test_written_questions_print_for_the_person_answering(project, files):
    guide = project.guide_by_id["lived-experience-questions"]
    count = sum(len(s.questions) for s in guide.sections)
    for fmt in ("pdf", "docx"):
        data = files[download_path(guide.id, fmt, participant=True)]
        text = " ".join(pdf_pages(data)) if fmt == "pdf" else docx_text(data)
        if fmt == "pdf":
            labels = [p.text.strip() for p in layout(data)[0]]
        else:
            labels = [c.text.strip() for t in open_docx(io.BytesIO(data)).tables for r in t.rows for c in r.cells]
        assert labels.count("Your answer") == count, fmt
        assert "Notes" not in text and "Opening script" not in text
        assert squash(guide.respondent_intro)[:80] in text  # the content's own words on answering
        assert "only the questions you are comfortable with" in text
        for label in guide.respondent_fields:
            assert label in text
    adopter = files[download_path(guide.id, "pdf")]
    assert "Opening script" not in " ".join(pdf_pages(adopter))
    assert [p.text.strip() for p in layout(adopter)[0]].count("Your answer") == count


# --- the consent form ------------------------------------------------------------------------


def consent_statements(project) -> list[str]:
    form = project.document_by_id["consent-form"]
    return [squash(i) for s in form.sections for b in s.blocks if isinstance(b, TickBoxesBlock) for i in b.items]


def consent_signers(project) -> list[str]:
    form = project.document_by_id["consent-form"]
    return [squash(s) for sec in form.sections for b in sec.blocks if isinstance(b, SignaturesBlock)
            for s in b.signers]


@pytest.mark.parametrize("participant", [False, True])
def test_consent_statements_each_have_an_initials_box_and_sit_with_both_signature_rows(
        project, files, participant):
    pieces, rects = layout(files[download_path("consent-form", "pdf", participant)])
    statements = consent_statements(project)
    signers = consent_signers(project)
    assert len(statements) == 4 and len(signers) == 2
    boxes = [p for p in pieces if p.text.strip() == "Initials"]
    assert len(boxes) == len(statements)
    assert all(boxed(box, rects) for box in boxes), "each initials label sits in a drawn box"
    at = 0
    rows = []
    for number, statement in enumerate(statements, 1):
        at = find(pieces, " ".join(statement.split()[:4]), at)
        rows.append(pieces[at])
        box = boxes[number - 1]
        # The box is on the statement's row: same page, level with its first line.
        assert box.page == pieces[at].page and abs(box.y - pieces[at].y) < 6 * MM, number
    last_page = rows[-1].page
    for signer in signers:
        found = find(pieces, signer.split()[0], at)
        assert pieces[found].page == last_page, f"{signer} row is not on the page of the last statement"
        assert pieces[found].y < rows[-1].y
    header = project.document_by_id["consent-form"].page_header
    if participant:  # study title and identifiers at the top of every page
        study = "Advancing Mental Health Equality Evaluation"
        assert study in squash(header)
        for page in pdf_pages(files[download_path("consent-form", "pdf", True)]):
            assert page.count(study) >= 1 and "IRAS ID" in page


def test_consent_docx_checkbox_controls_and_one_aligned_row_per_signer(project, files):
    for participant in (False, True):
        data = files[download_path("consent-form", "docx", participant)]
        word = open_docx(io.BytesIO(data))
        checkboxes = word.element.body.findall(f".//{{{W14}}}checkbox")
        assert len(checkboxes) == len(consent_statements(project))
        assert "☐" not in "".join(p.text for p in word.paragraphs)  # no typed box characters
        signer_rows = [row for t in word.tables for row in t.rows
                       if squash(row.cells[0].text) in consent_signers(project)]
        assert [squash(r.cells[0].text) for r in signer_rows] == consent_signers(project)
        table = {id(r._tr.getparent()) for r in signer_rows}
        assert len(table) == 1, "the signature rows form one table"
        for row in signer_rows:
            assert [squash(c.text) for c in row.cells[1:]] == ["Name", "Date", "Signature"]
            assert row._tr.trPr is not None and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
        widths = [[c.width for c in row.cells] for row in signer_rows]
        assert widths[0] == widths[1], "cells aligned from row to row"
        cells = {c.text for row in signer_rows for c in row.cells}
        assert not any("Date" in c and "Name" in c for c in cells)  # a label never shares a line's cell


def test_write_in_fields_are_blanks_not_settings(project, files):
    assert "participant_id" not in project.settings.placeholders
    word = open_docx(io.BytesIO(files[download_path("consent-form", "docx", True)]))
    rows = {squash(r.cells[0].text): squash(r.cells[1].text) for t in word.tables for r in t.rows
            if len(r.cells) == 2 and "identification" in r.cells[0].text}
    assert rows == {"Participant identification number for this study": ""}


# --- Word files --------------------------------------------------------------------------------


def test_docx_names_the_publishers_font_and_numbers_questions_with_word_lists(project, files):
    font = project.settings.print.font
    assert font == "Arial"
    for path, data in files.items():
        if not path.endswith(".docx"):
            continue
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = archive.read("word/styles.xml").decode()
            numbering = archive.read("word/numbering.xml").decode()
        defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
        assert f'w:ascii="{font}"' in defaults and f'w:hAnsi="{font}"' in defaults, path
        assert "DejaVu" not in styles, path
        word = open_docx(io.BytesIO(data))
        questions = [p for p in word.paragraphs if p.style.name == "Heading 3" and p._p.pPr.numPr is not None]
        if path.endswith("-participant.docx") and "lived" not in path:
            continue
        if any(o.id in path for o in project.documents):
            continue
        assert questions, path
        num_ids = {p._p.pPr.numPr.numId.val for p in questions}
        assert len(num_ids) == 1, path  # one list: numbers run on through the sections
        for p in questions:
            assert not re.match(r"\d", p.text), p.text  # no typed numbers
        num_id = num_ids.pop()
        abstract = re.search(rf'<w:num w:numId="{num_id}"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering)
        assert abstract, path
        level = re.search(rf'<w:abstractNum [^>]*w:abstractNumId="{abstract.group(1)}".*?</w:abstractNum>',
                          numbering, re.S).group(0)
        assert '<w:numFmt w:val="decimal"/>' in level and '<w:lvlText w:val="%1."/>' in level


def test_rating_choices_in_word_are_checkbox_controls(project, files):
    for qset in project.question_sets:
        word = open_docx(io.BytesIO(files[download_path(qset.id, "docx")]))
        count = sum(len(s.questions) for s in qset.sections) * len(qset.scale.options)
        assert len(word.element.body.findall(f".//{{{W14}}}checkbox")) == count


# --- on paper: a question with its notes space --------------------------------------------------


def test_no_question_is_separated_from_its_notes_space(project, files):
    checked = 0
    for path, data in files.items():
        if not path.endswith(".pdf") or "appendices" in path:
            continue
        pieces, rects = layout(data)
        owner_id = path.split("/")[-1][: -len(".pdf")].removesuffix("-participant")
        owner = next((o for o in [*project.guides, *project.question_sets] if o.id == owner_id), None)
        if owner is None:
            continue
        at = 0
        for section in owner.sections:
            for question in section.questions:
                words = " ".join(re.sub(r"\[\[[^\]]*\]\]", " ", question.text).split()[:4])
                at = find(pieces, words, at)
                label = next(i for i in range(at, len(pieces))
                             if pieces[i].text.strip() in ("Notes", "Your answer", squash(getattr(
                                 owner, "response_label", "Notes"))))
                assert pieces[label].page == pieces[at].page, f"{path}: {words!r} split from its notes space"
                # The box around the label is drawn whole on that page, as tall as the guide asks.
                height = {"small": 20, "medium": 32, "large": 55}.get(owner.notes_space or "medium")
                assert enclosing(pieces[label], rects, (height - 1) * MM), f"{path}: notes box of {words!r}"
                at = label
                checked += 1
    assert checked > 40


def test_strict_passes_with_write_in_blanks_left_blank(tmp_path):
    """Write-in fields belong to each respondent: never a setting, never a strict failure."""
    import yaml

    from conftest import copy_project, reflect

    copy = copy_project(tmp_path / "p")
    settings = copy / "content" / "settings.yml"
    data = yaml.safe_load(settings.read_text(encoding="utf-8"))
    for placeholder in data["placeholders"].values():
        placeholder["value"] = "filled"
    settings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "write_in: true" in (copy / "content" / "documents" / "consent-form.yml").read_text()
    result = reflect("--project", str(copy), "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_question_references_in_word_are_fields_to_the_numbered_question(project, files):
    guide = next(g for g in project.guides if any(q.skip_logic for s in g.sections for q in s.questions))
    data = files[download_path(guide.id, "docx")]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    fields = re.findall(r"<w:instrText[^>]*> REF (\w+) \\n </w:instrText>", xml)
    rules = [r for s in guide.sections for q in s.questions for r in q.skip_logic]
    assert len(fields) >= len(rules)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(\w+)"/>', xml))
    assert set(fields) <= bookmarks
    word = open_docx(io.BytesIO(data))
    numbered = {p._p.xpath("string(.//w:bookmarkStart/@w:name)") for p in word.paragraphs
                if p.style.name == "Heading 3" and p._p.pPr.numPr is not None}
    assert set(fields) <= numbered  # each names a question whose number is a Word list number


def test_a_title_longer_than_word_keeps_is_cut_with_an_ellipsis(project):
    import dataclasses
    from datetime import datetime, timezone

    from generator.writers.word.writer import render_docx
    from generator.document.printables import build_documents

    doc = build_documents(project)[0]
    long = dataclasses.replace(doc, heading="Long title " * 40)
    word = open_docx(io.BytesIO(render_docx(long, datetime(2025, 11, 26, tzinfo=timezone.utc))))
    title = word.core_properties.title
    assert len(title) <= 255 and title.endswith("…") and title.startswith("Long title Long")


def test_skip_note_is_printed_before_the_prompts(project, files):
    checked = 0
    for guide in project.guides:
        pdf = re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(pdf_pages(files[download_path(guide.id, "pdf")])))
        word = docx_text(files[download_path(guide.id, "docx")])
        for question in (q for s in guide.sections for q in s.questions if q.skip_logic and q.prompts):
            for text in (pdf, word):
                start = text.find(" ".join(question.text.split()[:6]))
                skip = text.find("Skip logic:", start)
                prompt = text.find(" ".join(question.prompts[0].text.split()[:5]), start)
                assert 0 <= start < skip < prompt, question.id
                checked += 1
    assert checked >= 2
