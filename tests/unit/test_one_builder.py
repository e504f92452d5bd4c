"""One builder per kind of item: the body made once, the site's and paper's own parts in Only nodes."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone

import pytest
from docx import Document as read_docx

from generator.build.site import SiteBuild
from generator.document import appendices, items, questions
from generator.document import nodes as n
from generator.document.build import Builder, plain_text
from generator.document.printables import PrintBuilder
from generator.writers import site as site_writer
from generator.writers.pdf.typst import TypstWriter, document_source
from generator.writers.search import page_entries
from generator.writers.site import SiteWriter
from generator.writers.word.writer import render_docx

BOTH = (n.Only("site", (n.Para((n.Text("SITE-ONLY words"),)),)),
        n.Only("paper", (n.Para((n.Text("PAPER-ONLY words"),)),)),
        n.Para((n.Text("SHARED words"),)))


def test_only_names_a_medium():
    with pytest.raises(ValueError, match="no medium 'print'"):
        n.Only("print", ())  # type: ignore[arg-type]


def test_the_site_and_its_search_write_the_sites_parts_and_skip_papers():
    page = n.Page("x.md", "X", (n.Heading(1, (n.Text("X"),), "x"), *BOTH))
    html = str(SiteWriter("Link").write(page))
    assert "SITE-ONLY" in html and "SHARED" in html and "PAPER-ONLY" not in html
    words = " ".join(e.text for e in page_entries(page))
    assert "SITE-ONLY" in words and "SHARED" in words and "PAPER-ONLY" not in words


def test_the_pdf_and_word_writers_write_papers_parts_and_skip_the_sites(project):
    doc = PrintBuilder(project).all()[0]
    doc = dataclasses.replace(doc, blocks=(doc.blocks[0], n.Only("paper", (n.Only("paper", BOTH[1:2]),)), *BOTH))
    source = document_source(doc)
    assert source.count("PAPER-ONLY") == 2 and "SHARED" in source and "SITE-ONLY" not in source
    word = read_docx(io.BytesIO(render_docx(doc, datetime(2026, 1, 1, tzinfo=timezone.utc))))
    text = [p.text for p in word.paragraphs]
    assert text.count("PAPER-ONLY words") == 2 and "SHARED words" in text and "SITE-ONLY words" not in text


def test_paper_parts_take_their_place_among_their_neighbours():
    """An Only's blocks are written where it stands, as if they were the body's own."""
    flat = TypstWriter(frozenset()).blocks((BOTH[2], BOTH[1], BOTH[2]))
    assert flat == TypstWriter(frozenset()).blocks((BOTH[2], *BOTH[1].children, BOTH[2]))


def _bodies(project):
    """Each guide, question set and document: its site page's body and its printable's blocks, after the title."""
    site = SiteBuild(project).b
    paper = PrintBuilder(project)
    for item in project.guides:
        yield item, questions.guide(site, item).body[1:], paper.guide(item).blocks[1:]
    for qset in project.question_sets:
        yield qset, questions.question_set(site, qset).body[1:], paper.question_set(qset).blocks[1:]
    for doc in project.documents:
        yield doc, appendices.document(site, doc).body[1:], paper.document(doc).blocks[1:]


def _shape(blocks) -> list:
    """The kind of each block, an Only with its medium and what it holds."""
    return [(type(b).__name__, b.medium, _shape(b.children)) if isinstance(b, n.Only) else type(b).__name__
            for b in blocks]


def test_the_site_page_and_the_printable_hold_one_body(project):
    """The same blocks in the same order on both, each medium's own parts marked; the printable
    holds only what paper prints (its hash keys the download cache)."""
    for item, page, printable in _bodies(project):
        assert _shape(n.leave_out(page, "site")) == _shape(printable), item.id
        assert {b.medium for b in page if isinstance(b, n.Only)} == {"site", "paper"}, item.id
        assert {b.medium for b in printable if isinstance(b, n.Only)} == {"paper"}, item.id
        site_words = [plain_text(b.children) for b in n.for_medium(page, "site") if isinstance(b, n.Para)]
        paper_words = [plain_text(b.children) for b in n.for_medium(printable, "paper") if isinstance(b, n.Para)]
        assert site_words != paper_words, item.id  # each has its own source line


def test_a_printable_holds_none_of_the_sites_own_parts(project):
    """The download links and the worksheet are on the page, not in the tree that keys the PDF's cache."""
    qset = project.question_sets[0]
    before = PrintBuilder(project).question_set(qset)
    page = questions.question_set(SiteBuild(project).b, qset)
    assert any(isinstance(b, n.Widget) for b in n.for_medium(page.body, "site"))
    assert not any(isinstance(b, (n.Widget, n.DownloadLinks)) for b in _walk(before.blocks))


def test_numbers_are_the_projects_on_the_site_and_on_paper(project):
    for item, page, printable in _bodies(project):
        for blocks in (page, printable):
            for block in (*n.for_medium(blocks, "site"), *n.for_medium(blocks, "paper")):
                if isinstance(block, n.Question):
                    assert block.number == project.question_by_id[block.anchor.removeprefix("q-")].number
        for section in getattr(item, "sections", ()):
            if not hasattr(item, "audience"):
                continue  # a document's sections are not numbered
            number = str(project.section_number(item, section))
            headings = [b for b in (*n.for_medium(page, "site"), *n.for_medium(printable, "paper"))
                        if isinstance(b, n.Heading) and b.anchor == f"section-{section.id}"]
            assert len(headings) == 2 and all(number in plain_text(h.children) for h in headings), section.id


def _walk(node):
    yield node
    if isinstance(node, (tuple, list)):
        for child in node:
            yield from _walk(child)
    elif dataclasses.is_dataclass(node):
        for field in dataclasses.fields(node):
            yield from _walk(getattr(node, field.name))


def test_roles_and_kinds_are_what_things_are_mapped_by_each_writer(project):
    """No theme class in the tree: each writer maps a paragraph's role, a callout's kind, a tool
    and a table to its own class or style."""
    trees = [*SiteBuild(project).trees(), *PrintBuilder(project).all(), *PrintBuilder(project).participant_versions()]
    paragraph_roles = set(site_writer.PARAGRAPHS) | {"", "lead", "meta", "keep"}
    seen: set[tuple[str, str]] = set()
    for node in _walk(trees):
        if isinstance(node, n.Para):
            assert node.role in paragraph_roles, node.role
            seen.add(("para", node.role))
        elif isinstance(node, n.Callout):
            assert node.kind in site_writer.ADMONITIONS, node.kind
            seen.add(("callout", node.kind))
        elif isinstance(node, n.Widget):
            assert node.role in site_writer.TOOLS, node.role
        elif isinstance(node, n.Table) and node.role:
            assert node.role in site_writer.TABLES, node.role
    assert {("para", "meta"), ("para", "lead"), ("para", "keep"), ("callout", "script"), ("callout", "skip")} <= seen


def test_the_body_builders_need_only_a_builder(project):
    """The site's builder and the printables' make the same body: one builder per kind."""
    guide = project.guides[0]
    assert items.guide(Builder(project), guide) == items.guide(PrintBuilder(project), guide)
