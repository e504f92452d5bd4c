"""PrintDocs as HTML for WeasyPrint: one document, or every appendix with a contents page.

The HTML is made from :class:`~.document.PrintDoc` data only (never from the site's
pages). Headings carry the bookmarks (h1 appendix, h2 section, h3 question); links to an
anchor are kept only where the anchor is in the same file, so every link in a PDF works.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from .document import (
    Block,
    Callout,
    Fields,
    Heading,
    Inline,
    ListOf,
    Para,
    PrintDoc,
    Question,
    Signatures,
    TickBoxes,
)
from .stamp import iso

CSS_FILE = Path(__file__).with_name("print.css")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FACES = (  # (file, weight, style)
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
TICK_BOX = "☐"  # U+2610 BALLOT BOX, present in DejaVu Sans


class FontMissing(RuntimeError):
    pass


def font_faces_css() -> str:
    """``@font-face`` rules naming the DejaVu Sans files, so the PDFs embed one known font."""
    rules = []
    for name, weight, style in FONT_FACES:
        path = next((d / name for d in FONT_DIRS if (d / name).is_file()), None)
        if path is None:
            if name == "DejaVuSans.ttf":
                raise FontMissing(
                    "the DejaVu Sans font is not installed; install the Debian package "
                    "fonts-dejavu-core (and fonts-dejavu-extra for italics) to print documents"
                )
            continue
        rules.append(
            f'@font-face {{ font-family: "Reflect Print"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules) + "\n"


def stylesheet(edition_line: str) -> str:
    """The whole print stylesheet: fonts, the packaged rules, this edition's footer line."""
    return (
        font_faces_css()
        + CSS_FILE.read_text(encoding="utf-8")
        + f"\n@page {{ @bottom-left {{ content: {_css_string(edition_line)}; }} }}\n"
    )


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


class HtmlWriter:
    def __init__(self, anchors: frozenset[str]):
        self.anchors = anchors  # anchors present in the file being written

    def inline(self, runs: Inline) -> str:
        out = []
        for run in runs:
            piece = html.escape(run.text, quote=False)
            if run.italic:
                piece = f"<em>{piece}</em>"
            if run.bold:
                piece = f"<strong>{piece}</strong>"
            if run.blank:
                piece = f'<mark class="blank">{piece}</mark>'
            if run.target and run.target in self.anchors:
                piece = f'<a href="#{_attr(run.target)}">{piece}</a>'
            elif run.href:
                piece = f'<a href="{_attr(run.href)}">{piece}</a>'
            out.append(piece)
        return "".join(out)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            anchor = f' id="{_attr(block.anchor)}"' if block.anchor else ""
            return f"<h{block.level}{anchor}>{self.inline(block.text)}</h{block.level}>"
        if isinstance(block, Para):
            role = f' class="{block.role}"' if block.role != "body" else ""
            return f"<p{role}>{self.inline(block.text)}</p>"
        if isinstance(block, ListOf):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{self.inline(item)}</li>" for item in block.items)
            return f"<{tag}>{items}</{tag}>"
        if isinstance(block, Callout):
            body = "".join(self.block(b) for b in block.body)
            return (
                f'<div class="callout callout-{block.kind}">'
                f'<p class="callout-title">{html.escape(block.title)}</p>{body}</div>'
            )
        if isinstance(block, Question):
            return self.question(block)
        if isinstance(block, TickBoxes):
            items = "".join(
                f'<li><span class="box" aria-hidden="true">{TICK_BOX}</span> {self.inline(item)}</li>'
                for item in block.items
            )
            return f'<ol class="tickboxes">{items}</ol>'
        if isinstance(block, Fields):
            rows = "".join(
                f'<tr><th scope="row">{html.escape(label)}</th><td>{self.inline(value)}</td></tr>'
                for label, value in block.rows
            )
            return f'<table class="fields"><tbody>{rows}</tbody></table>'
        if isinstance(block, Signatures):
            rows = "".join(
                f'<tr><th scope="row">{html.escape(line)}</th><td></td></tr>' for line in block.lines
            )
            return f'<table class="signatures"><tbody>{rows}</tbody></table>'
        raise TypeError(block)  # pragma: no cover

    def question(self, q: Question) -> str:
        parts = [
            f'<section class="question">'
            f'<h3 id="{_attr(q.anchor)}"><span class="qnum">{q.number}.</span> {self.inline(q.text)}</h3>'
        ]
        if q.prompts:
            items = "".join(f"<li>{self.inline(p)}</li>" for p in q.prompts)
            parts.append(
                f'<div class="prompts"><p class="prompts-label">{html.escape(q.prompts_label)}</p>'
                f"<ul>{items}</ul></div>"
            )
        for note in q.notes:
            parts.append(
                f'<aside class="facilitator-note"><p><span class="aside-label">Facilitator note:</span> '
                f"{self.inline(note)}</p></aside>"
            )
        for skip in q.skips:
            parts.append(
                f'<aside class="skip-logic"><p><span class="aside-label">Skip logic:</span> '
                f"{self.inline(skip)}</p></aside>"
            )
        if q.scale:
            choices = "".join(
                f'<li><span class="box" aria-hidden="true">{TICK_BOX}</span> {c.value} {html.escape(c.label)}</li>'
                for c in q.scale
            )
            parts.append(
                f'<div class="rating"><p class="rating-label">{html.escape(q.scale_label or "")}</p>'
                f"<ul>{choices}</ul></div>"
            )
        if q.space_label:
            parts.append(
                f'<div class="notes-space"><p class="notes-label">{html.escape(q.space_label)}</p></div>'
            )
        parts.append("</section>")
        return "".join(parts)

    def article(self, doc: PrintDoc) -> str:
        body = "".join(self.block(b) for b in doc.blocks)
        return f'<article class="doc doc-{doc.kind}">{body}</article>'


def _head(title: str, subject: str, doc: PrintDoc, stamp: datetime, keywords: str) -> str:
    when = iso(stamp)
    return (
        "<head>"
        '<meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="author" content="{_attr(doc.organisation)}">'
        f'<meta name="description" content="{_attr(subject)}">'
        f'<meta name="keywords" content="{_attr(keywords)}">'
        '<meta name="generator" content="Reflect">'
        f'<meta name="dcterms.created" content="{when}">'
        f'<meta name="dcterms.modified" content="{when}">'
        "</head>"
    )


def _edition(doc: PrintDoc) -> str:
    return f"{doc.site_title} · {doc.edition}"


def document_html(doc: PrintDoc, stamp: datetime) -> tuple[str, str]:
    """(HTML, CSS) for one appendix or question set."""
    writer = HtmlWriter(doc.anchors)
    keywords = ", ".join(k for k in (doc.label, doc.site_title, doc.kind.replace("-", " ")) if k)
    page = (
        f'<!DOCTYPE html><html lang="{_attr(doc.language)}">'
        + _head(doc.heading, doc.subject, doc, stamp, keywords)
        + f"<body>{writer.article(doc)}</body></html>"
    )
    return page, stylesheet(_edition(doc))


COMBINED_TITLE = "Appendices"


def combined_html(docs: tuple[PrintDoc, ...], stamp: datetime, report_title: str) -> tuple[str, str]:
    """(HTML, CSS) for every appendix in one file, after a cover with the contents."""
    if not docs:
        raise ValueError("no appendices to combine")
    first = docs[0]
    anchors = frozenset().union(*(d.anchors for d in docs))
    writer = HtmlWriter(anchors)
    toc = "".join(
        f'<li><a href="#{_attr(d.anchor)}">{html.escape(d.heading)}</a></li>' for d in docs
    )
    title = f"{COMBINED_TITLE}: {first.site_title}"
    subject = f"Every appendix of {report_title}: " + "; ".join(d.heading for d in docs) + "."
    cover = (
        '<section class="cover">'
        f'<h1 class="cover-title">{html.escape(COMBINED_TITLE)}</h1>'
        f"<p><strong>{html.escape(first.site_title)}</strong></p>"
        f"<p>From {html.escape(report_title)}.</p>"
        f'<p class="meta">{html.escape(first.edition.capitalize())}.</p>'
        f'<nav class="toc"><h2>Contents</h2><ol>{toc}</ol></nav>'
        "</section>"
    )
    articles = "".join(writer.article(d) for d in docs)
    page = (
        f'<!DOCTYPE html><html lang="{_attr(first.language)}">'
        + _head(title, subject, first, stamp, f"{first.site_title}, appendices")
        + f"<body>{cover}{articles}</body></html>"
    )
    return page, stylesheet(_edition(first))
