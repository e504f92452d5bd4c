"""The content pack keeps the content rule: our own words, cited; quotes short and true to the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

REPORT = ROOT.parent / "shared" / "source" / "amhe-qi-coaches-focus-group-report.txt"
QUOTE_LINE = re.compile(r"\s*(-\s*)?(quote|text_quote|excerpt)\s*:")
N = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def content_files() -> list[Path]:
    return sorted(p for d in ("content", "questions") for p in (ROOT / d).rglob("*.yml"))


@pytest.fixture(scope="module")
def report_text() -> str:
    if not REPORT.exists():
        pytest.skip(f"source report not found at {REPORT}")
    return REPORT.read_text(encoding="utf-8")


def test_no_line_repeats_ten_words_of_the_report(report_text):
    source = words(report_text)
    grams = {" ".join(source[i:i + N]) for i in range(len(source) - N + 1)}
    hits = []
    for path in content_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if QUOTE_LINE.match(line):
                continue
            w = words(line)
            if any(" ".join(w[i:i + N]) in grams for i in range(len(w) - N + 1)):
                hits.append(f"{path.relative_to(ROOT)}:{number}")
    assert hits == []


def letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_every_quote_is_the_participants_words(report_text):
    report = letters(report_text)
    quotes = yaml.safe_load((ROOT / "content" / "quotes.yml").read_text(encoding="utf-8"))["quotes"]
    assert len(quotes) >= 15
    for quote in quotes:
        for part in quote["quote"].split("[...]"):
            # square brackets mark the authors' own insertions in the report too
            for piece in re.split(r"\[[^\]]*\]", part):
                if letters(piece):
                    assert letters(piece) in report, f"{quote['id']}: {piece!r} is not in the report"
        assert quote["source"].startswith("Section 4.1")


def test_no_unfilled_report_placeholders_in_content():
    for path in content_files():
        text = path.read_text(encoding="utf-8")
        assert "[INSERT" not in text.upper(), path
        assert "####" not in text, path
