"""Pseudo-locale test of the printables: every word Reflect writes comes from the catalogue.

The bundled project's printables are made with the ``x-pseudo`` catalogue, which wraps
every string in ⟦ ⟧. Every piece of text in every PDF and every Word file must then be
either wrapped or content text (from the YAML files): an interface word written as a
literal in a writer shows up unwrapped and fails the test.
"""

from __future__ import annotations

import io
import re

import pytest
import yaml
from docx import Document as open_docx
from pypdf import PdfReader

from conftest import ROOT
from generator.build.printables import build_downloads
from generator.document.build import plain_text
from generator.document.nodes import ItemList as ListOf, Para
from generator.document.printables import PrintBuilder
from generator.strings import load_catalogue

ENV = {"SOURCE_DATE_EPOCH": "1764158400"}
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
NOT_WORDS = re.compile(r"^[\W\d_]*$")  # numbers, punctuation, list bullets


@pytest.fixture(scope="module")
def pseudo_files(tmp_path_factory, project) -> dict[str, bytes]:
    report = build_downloads(project, cache_dir=tmp_path_factory.mktemp("pseudo-cache"), environ=ENV,
                             catalogue=load_catalogue("x-pseudo"))
    return {f.path: f.cached_path.read_bytes() for f in report.files}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Corpus:
    """Content texts as they print, and where one may be cut (a page break, a line of cells)."""

    def __init__(self, entries: list[str]):
        self.whole: set[str] = set()
        self.starts: set[str] = set()  # the first words of an entry
        self.ends: set[str] = set()  # the last words of an entry
        for entry in entries:
            for piece in unwrapped(entry, keep_short=True):
                words = piece.split()
                self.whole.add(piece)
                self.starts.update(" ".join(words[:n]) for n in range(1, len(words)))
                self.ends.update(" ".join(words[n:]) for n in range(1, len(words)))

    def accepts(self, piece: str, cut_at_edges: bool) -> bool:
        """The piece is whole content texts side by side; with ``cut_at_edges``, the first may be
        the end of a text and the last the start of one (a page break fell inside them)."""
        words = piece.split()
        reach = [True] + [False] * len(words)
        for start in range(len(words)):
            if not reach[start]:
                continue
            for end in range(start + 1, len(words) + 1):
                part = " ".join(words[start:end])
                bare = part.rstrip(":;,.")
                ok = bool(NOT_WORDS.match(part)) or part in self.whole or bare in self.whole
                if cut_at_edges and not ok:
                    ok = (start == 0 and (part in self.ends or bare in self.ends)) or (
                        end == len(words) and part in self.starts)
                if ok:
                    reach[end] = True
        return reach[-1]


@pytest.fixture(scope="module")
def corpus(project) -> Corpus:
    """Every content text as it prints: Markdown read, references resolved, blanks wrapped."""
    text = PrintBuilder(project, load_catalogue("x-pseudo")).text
    out = []
    for path in sorted([*ROOT.glob("content/**/*.yml"), *ROOT.glob("questions/**/*.yml")]):
        for value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            out.append(plain_text(text.plain(value)))
            for block in text.blocks(value):
                if isinstance(block, Para):
                    out.append(plain_text(block.children))
                elif isinstance(block, ListOf):
                    out += [plain_text(item) for item in block.items]
    return Corpus(out)


def unwrapped(text: str, keep_short: bool = False) -> list[str]:
    """The runs of text left once every wrapped string (nested ones first) is taken out."""
    before = None
    while before != text:
        before, text = text, WRAPPED.sub("\0", text)
    pieces = [" ".join(part.split()) for part in text.split("\0")]
    return [p for p in pieces if p and (keep_short or not NOT_WORDS.match(p))]


def test_every_word_in_every_printable_is_content_or_from_the_catalogue(pseudo_files, corpus):
    assert len(pseudo_files) == 25
    wrapped_seen = 0
    failures = []
    for path, data in sorted(pseudo_files.items()):
        if path.endswith(".pdf"):
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
            texts = [re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))]  # "co-" + "production"
        else:
            word = open_docx(io.BytesIO(data))
            texts = [p.text for p in word.paragraphs]
            texts += [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
            for section in word.sections:
                texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        for text in texts:
            wrapped_seen += text.count("⟦")
            failures += [f"{path}: {piece!r}" for piece in unwrapped(text)
                         if not corpus.accepts(piece, cut_at_edges=path.endswith(".pdf"))]
    assert not failures, "\n".join(failures[:40])
    assert wrapped_seen > 500  # the catalogue's words are there, wrapped
