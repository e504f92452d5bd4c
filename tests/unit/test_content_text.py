"""Content text read once into nodes, and every writer rendering those nodes (no site is built).

One reader (``generator.document.text``) for the site and for paper: ``[[kind:id]]`` is an
inline pattern, never a character in the text, so private-use characters a person types
are published as they are; only elements and attributes the allowlist names can exist as
nodes; a Markdown table is a table on the site, in the PDF's HTML and in the Word file; and
every writer refuses a node type it does not know.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import pytest

from generator.document import nodes as n
from generator.document.text import ContentText
from generator.writers.word.runs import runs
from generator.document.visitor import UnknownNode
from generator.writers.stamp import ZIP_EPOCH
from generator.writers.word.writer import DocxWriter, package
from generator.writers.pdf.typst import TypstWriter
from generator.writers.search import SearchWalker
from generator.project.addresses import Target
from generator.writers.site import SiteWriter

TABLE = "| Theme | Count |\n|---|---|\n| *Trust* | 3 |\n| Time | 2 |"


def reader(calls: list | None = None) -> ContentText:
    def resolve(ref):
        if calls is not None:
            calls.append(ref.id)
        return n.CrossRef(f"Appendix {ref.id}", Target(f"appendices/{ref.id}.md"), f"doc-{ref.id}")

    return ContentText(resolve)


def site_html(blocks) -> str:
    return str(SiteWriter("Link").write(n.Page("x.md", "X", (n.Prose(tuple(blocks)),))))


def word(blocks) -> docx.Document:
    """The blocks written by the Word writer into a file, read back with python-docx."""
    writer = DocxWriter(frozenset())
    for block in blocks:
        writer.visit(block)
    return docx.Document(io.BytesIO(package(writer, ZIP_EPOCH)))


@pytest.mark.parametrize("text", [
    "Number \ue0000\ue001 here",  # the characters the old readers marked references with
    "Number \ue0000\ue001 and [[appendix:x]]",
    "\ue000\ue001 *with Markdown* \ue0007\ue001",
])
def test_private_use_characters_are_plain_text_never_a_link(text):
    calls: list = []
    content = reader(calls)
    for blocks in (content.blocks(text), (n.Para(content.inline(text)),), (n.Para(content.plain(text)),)):
        html = site_html(blocks)
        assert "\ue000" in html and "\ue001" in html
        assert html.count("<a ") == text.count("[[")
        assert ("Appendix x" in html) == ("[[" in text)
    assert set(calls) == ({"x"} if "[[" in text else set())


def test_a_reference_is_an_inline_pattern_and_code_shows_it_as_written():
    content = reader()
    (para,) = content.blocks("See [[appendix:a]], **[[appendix:b]]** and `[[appendix:c]]`.")
    assert para == n.Para((
        n.Text("See "), n.CrossRef("Appendix a", Target("appendices/a.md"), "doc-a"), n.Text(", "),
        n.Strong((n.CrossRef("Appendix b", Target("appendices/b.md"), "doc-b"),)), n.Text(" and "), n.Code("[[appendix:c]]"),
        n.Text("."),
    ))


def test_raw_html_cannot_make_a_reference_or_anything_the_allowlist_does_not_name():
    content = reader()
    blocks = content.blocks(
        '<span data-ref="0">forged</span> <reflect-ref>also</reflect-ref> '
        '<a href="javascript:alert(1)" onclick="x()">j</a> <script>bad()</script>'
        '<iframe src="https://t.example/">inside</iframe><img src="https://t.example/p.gif" alt="p">'
    )
    html = site_html(blocks)
    assert "forged" in html and "also" in html and "Appendix" not in html
    for gone in ("javascript", "onclick", "<script", "bad()", "iframe", "inside", "t.example", "<img", "reflect-ref"):
        assert gone not in html, gone


def test_an_element_checks_its_tag_and_urls_when_it_is_made():
    n.Element("a", (("href", "https://example.org/"),), (n.Text("ok"),))
    for tag, attributes in (("script", ()), ("a", (("href", "javascript:alert(1)"),)),
                            ("img", (("src", "//t.example/x.png"),)), ("p", (("onclick", "x()"),))):
        with pytest.raises(ValueError):
            n.Element(tag, attributes, ())


def test_a_markdown_table_is_a_table_on_the_site_in_the_pdf_and_in_the_word_file():
    blocks = reader().blocks(TABLE)
    site = site_html(blocks)
    assert "<table><thead><tr><th>Theme</th><th>Count</th></tr></thead>" in site
    assert "<td><em>Trust</em></td><td>3</td>" in site
    typst = "".join(TypstWriter(frozenset()).visit(block) for block in blocks)
    assert 'content-table(2, (([#"Theme"], [#"Count"], ), ), (([#emph([#"Trust"])], [#"3"], ), ' in typst
    assert "|" not in typst
    document = word(blocks)
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Theme", "Count"], ["Trust", "3"], ["Time", "2"]]
    assert all("|" not in p.text for p in document.paragraphs)
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[0].paragraphs[0].runs[0].italic


def test_the_same_nodes_reach_paper_with_their_look():
    (para,) = reader().blocks("A <b>bold</b> and <i>slanted</i> [link](https://example.org/)  \nnext")
    looks = [(r.text, r.bold, r.italic, r.href) for r in runs(para.children)]
    assert ("bold", True, False, None) in looks and ("slanted", False, True, None) in looks
    assert ("link", False, False, "https://example.org/") in looks
    assert " ".join("".join(r.text for r in runs(para.children)).split()) == "A bold and slanted link next"


def test_lists_with_paragraphs_and_admonitions_keep_every_word_on_paper():
    blocks = reader().blocks('- one\n\n- two *x*\n    - nested\n\n!!! note "Heads up"\n    Body words.')
    texts = [p.text for p in word(blocks).paragraphs]
    assert texts == ["one", "two x", "nested", "Heads up", "Body words."]


@dataclass(frozen=True)
class Unknown:
    text: str = "?"


@pytest.mark.parametrize("writer", [
    lambda node: SiteWriter("Link").visit(node),
    lambda node: TypstWriter(frozenset()).visit(node),
    lambda node: DocxWriter(frozenset()).visit(node),
    lambda node: runs((node,)),
    lambda node: SearchWalker("Page").visit(node),
], ids=["site", "pdf", "word", "runs", "search"])
def test_every_writer_refuses_a_node_type_it_does_not_know(writer):
    with pytest.raises(UnknownNode, match="Unknown"):
        writer(Unknown())


# --- words in another language than the page's: nodes, not characters ---------------------------

MIXED = "First paragraph with *emphasis*.\n\n- one item\n- two [[appendix:x]]\n\n" + TABLE


def test_untranslated_text_is_in_foreign_nodes_inside_each_block_and_every_writer_marks_it():
    import pickle
    import re
    from html.parser import HTMLParser

    from generator.strings.foreign import ForeignWords

    content = reader()
    english = ForeignWords(MIXED, "en-GB", "untranslated")
    blocks = content.blocks(english)
    assert content.blocks(MIXED) != blocks and not any(isinstance(b, n.Foreign) for b in blocks)  # inside, not around
    assert blocks[0] == n.Para((n.Foreign("en-GB", "untranslated", (n.Text("First paragraph with "),
                                                                     n.Emphasis((n.Text("emphasis"),)),
                                                                     n.Text("."))),))
    assert all(item[0].language == "en-GB" for item in blocks[1].items)
    html = site_html(blocks)
    assert html.count('<span lang="en-GB" class="reflect-untranslated">') == 1 + 2 + 6  # paragraph, items, cells

    class Nesting(HTMLParser):  # a span never holds a block: the blocks stay well-formed
        def __init__(self):
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag, attrs):
            assert not (self.open and self.open[-1] == "span" and tag in ("p", "ul", "li", "table", "tr", "td")), html
            self.open.append(tag)

        def handle_endtag(self, tag):
            assert self.open.pop() == tag, html

    Nesting().feed(html)
    source = TypstWriter(frozenset()).blocks(blocks)
    assert source.count('lang: "en", region: "GB"') == 9 and "\ue004" not in source
    languages = {r.text: r.language for r in runs(blocks[0].children)}
    assert languages == {"First paragraph with ": "en-GB", "emphasis": "en-GB", ".": "en-GB"}
    written = word(blocks)
    tagged = [run.text for p in written.paragraphs for run in p.runs
              if run._r.rPr is not None and run._r.rPr.find(docx.oxml.ns.qn("w:lang")) is not None]
    assert "First paragraph with " in tagged and "one item" in tagged
    walker = SearchWalker("X")
    for block in blocks:
        walker.visit(block)
    (entry,) = walker.entries()
    assert "First paragraph with emphasis." in entry.text and not re.search("[\ue000-\uf8ff<]", entry.text)
    assert pickle.loads(pickle.dumps(english)) == english and pickle.loads(pickle.dumps(english)).state == "untranslated"


def test_a_stale_translation_and_a_fallen_back_interface_word_are_marked_as_such():
    from generator.document.foreign import foreign_states, with_foreign_nodes
    from generator.strings.foreign import ForeignWords

    content = reader()
    stale = content.plain(ForeignWords("Rydyn ni'n trafod", "", "stale"))
    assert site_html((n.Para(stale),)) == '<p><span class="reflect-stale">Rydyn ni&#x27;n trafod</span></p>'
    assert TypstWriter(frozenset()).inline(stale) == '[#[#"Rydyn ni\'n trafod"]]'  # in the page's own language
    assert content.plain("Rydyn ni'n trafod") == (n.Text("Rydyn ni'n trafod"),)  # the same words, current: plain
    fallback = with_foreign_nodes(n.Para((n.Text("Cyn "), n.Text(ForeignWords("Start here", "en", "fallback")))))
    assert fallback.children[1] == n.Foreign("en", "fallback", (n.Text("Start here"),))
    assert site_html((fallback,)) == '<p>Cyn <span lang="en">Start here</span></p>'
    assert 'text([#"Start here"], lang: "en", region: none)' in TypstWriter(frozenset()).visit(fallback)
    assert foreign_states(fallback) == {"fallback"} and foreign_states(n.Para((n.Text("Cyn"),))) == set()
    title = ForeignWords("Team check", "en-GB", "untranslated")
    (ref,) = with_foreign_nodes((n.CrossRef(title, None, "doc-team", url=None),))
    assert ref == n.Foreign("en-GB", "untranslated", (n.CrossRef("Team check", None, "doc-team"),))
    assert type(ref.children[0].label) is str and [r.language for r in runs((ref,))] == ["en-GB"]
    quote = n.Quote("q", ForeignWords("Five minutes", "en-GB", "untranslated"), "Nurse")
    assert '<p><span lang="en-GB" class="reflect-untranslated">Five minutes</span></p>' in site_html((quote,))
    with pytest.raises(AttributeError):
        ForeignWords("x", "en", "fallback").state = "stale"
