"""What a reader sees on a built page: its text nodes, in order, outside scripts and styles.

Shared by the before/after comparison (``test_site_text.py``) and the pseudo-locale test.
Run as a script to (re)write the fixture of a built site's text:

    python tests/visible_text.py SITE_DIR tests/fixtures/site_text.json
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style", "template", "noscript", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Text nodes of the page's main article (or of the whole body when ``whole``)."""

    def __init__(self, whole: bool = False, region: str = "md-content__inner") -> None:
        super().__init__(convert_charrefs=True)
        self.whole = whole
        self.region = region
        self.depth = 0  # inside the article: element depth from it
        self.skipping = 0
        self.nodes: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "title":
            self._in_title = True
        if self.depth:
            if tag not in VOID:
                self.depth += 1
                if self.skipping or tag in SKIPPED or "headerlink" in classes:
                    self.skipping += 1
        elif (self.region in classes) or (self.whole and tag == "body"):
            self.depth = 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self.depth and tag not in VOID:
            self.depth -= 1
            if self.skipping:
                self.skipping -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.depth and not self.skipping:
            text = " ".join(data.split())
            if text:
                self.nodes.append(text)


def text_nodes(markup: str, whole: bool = False, region: str = "md-content__inner") -> list[str]:
    """The visible text nodes of a page's article (or of the element with class ``region``)."""
    parser = _Text(whole, region)
    parser.feed(markup)
    return parser.nodes


def page_title(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(parser.title.split())


def generated_pages(site: Path, other_languages: bool = True) -> list[Path]:
    """Every page Reflect generates (not the theme's 404 page, the search, the assets or the
    source views), in every language's site (``cy/…`` too, unless not ``other_languages``)."""
    def language_site(parts: tuple[str, ...]) -> bool:
        return bool(parts) and (site / parts[0] / "404.html").is_file()  # cy/ has its own 404

    def folders(path: Path) -> tuple[str, ...]:
        parts = path.relative_to(site).parts[:-1]
        return parts[1:2] if language_site(parts) else parts[:1]

    return [
        path
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html" and not set(folders(path)) & {"search", "assets", "source"}
        and (other_languages or not language_site(path.relative_to(site).parts[:-1]))
    ]


def site_text(site: Path) -> dict[str, dict[str, str]]:
    """For every generated page: its title and its article's text, as one normalised string."""
    out = {}
    for path in generated_pages(site):
        markup = path.read_text(encoding="utf-8")
        out[path.relative_to(site).as_posix()] = {
            "title": page_title(markup),
            "text": " ".join(text_nodes(markup)),
        }
        if path.name == "index.html" and path.parent == site:
            out["(navigation)"] = {"title": "", "text": " ".join(text_nodes(markup, region="md-nav--primary"))}
    return out


if __name__ == "__main__":
    site_dir, fixture = Path(sys.argv[1]), Path(sys.argv[2])
    fixture.write_text(json.dumps(site_text(site_dir), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# --- telling Reflect's words from content text (the pseudo-locale test) -------------------------

OPEN, CLOSE = "⟦", "⟧"


def unwrapped(nodes: list[str]) -> list[str]:
    """Stretches of text outside every ⟦ ⟧ pair, split at node boundaries.

    A wrapped string may hold other nodes (a link inside a sentence), so the nesting depth
    carries across nodes.
    """
    depth = 0
    out: list[str] = []
    for node in nodes:
        current = []
        for char in node:
            if char == OPEN:
                depth += 1
                if depth == 1 and current:
                    out.append("".join(current))
                    current = []
            elif char == CLOSE:
                depth = max(0, depth - 1)
            elif depth == 0:
                current.append(char)
        if current:
            out.append("".join(current))
    return out


def content_corpus(project_dir: Path) -> str:
    """Every string in the project's content files, whitespace collapsed, one per line."""
    import yaml

    found: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            found.append(" ".join(value.split()))
        elif isinstance(value, dict):
            for key, inner in value.items():
                collect(inner)
        elif isinstance(value, list):
            for inner in value:
                collect(inner)
        elif value is not None:
            found.append(str(value))

    titles: dict[str, str] = {}

    def name_items(value) -> None:
        if isinstance(value, dict):
            title = value.get("title") or value.get("label") or value.get("name")
            if isinstance(value.get("id"), str) and isinstance(title, str):
                titles[value["id"]] = " ".join(title.split())
            for inner in value.values():
                name_items(inner)
        elif isinstance(value, list):
            for inner in value:
                name_items(inner)

    for folder in ("content", "questions"):
        for path in sorted((project_dir / folder).rglob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            collect(data)
            name_items(data)
    # A text whose [[kind:id]] references a resource or page reads, in plain text (headings,
    # PDF runs), with that item's title in their place.
    reference = re.compile(r"\[\[[a-z-]+:([a-z0-9-]+)\]\]")
    found += [reference.sub(lambda m: titles.get(m.group(1), m.group(0)), text)
              for text in found if "[[" in text]
    return "\n".join(found)


TRIVIAL = set(" \t.,;:!?()[]{}'\"“”‘’–—-·/|*#&+=<>…•☐¶")  # ☐ a drawn tick box, ¶ a heading's link


def foreign_words(nodes: list[str], corpus: str) -> list[str]:
    """Unwrapped stretches that are neither content text nor mere punctuation or numbers."""
    bad = []
    for stretch in unwrapped(nodes):
        words = stretch.strip("".join(TRIVIAL))
        if not words or all(c in TRIVIAL or c.isdigit() for c in words):
            continue
        if words in corpus or " ".join(words.split()) in corpus:
            continue
        bad.append(stretch)
    return bad
