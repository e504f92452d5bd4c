"""PrintDocs as HTML for WeasyPrint: one document, or every appendix with a contents page.

The HTML is made from :class:`~.document.PrintDoc` data only (never from the site's
pages). Headings carry the bookmarks (h1 appendix, h2 section, h3 question); links to an
anchor are kept only where the anchor is in the same file, so every link in a PDF works.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
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
FONT_ROOT = Path("/usr/share/fonts/truetype")
# The font a Word file names → metric-compatible files for the PDF, so both paginate alike
# (folder, regular, bold, italic, bold italic). Liberation fonts are Debian's fonts-liberation.
_LIBERATION_SANS = ("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                    "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf")
_LIBERATION_SERIF = ("liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")
_DEJAVU_SANS = ("dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                "DejaVuSans-BoldOblique.ttf")
METRIC_FONTS = {
    "arial": _LIBERATION_SANS,
    "helvetica": _LIBERATION_SANS,
    "liberation sans": _LIBERATION_SANS,
    "times new roman": _LIBERATION_SERIF,
    "liberation serif": _LIBERATION_SERIF,
    "dejavu sans": _DEJAVU_SANS,
}
FALLBACK_FONT = _DEJAVU_SANS  # for characters the main font lacks
STYLES = (("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic"))


class FontMissing(RuntimeError):
    pass


def _faces(family: str, files: tuple[str, ...], required: bool) -> list[str]:
    folder, *names = files
    rules = []
    for name, (weight, style) in zip(names, STYLES):
        path = FONT_ROOT / folder / name
        if not path.is_file():
            if required and name == names[0]:
                raise FontMissing(
                    f"the font file {path} is not installed; install the Debian package "
                    f"fonts-{folder} to print documents"
                )
            continue
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return rules


def font_files() -> list[Path]:
    """Every font file the PDFs may embed (for the cache key)."""
    found = {FONT_ROOT / files[0] / name for files in (*METRIC_FONTS.values(),) for name in files[1:]}
    return sorted(p for p in found if p.is_file())


def font_faces_css(font: str) -> str:
    """``@font-face`` rules naming font files, so every PDF embeds known fonts.

    A font with a metric-compatible free font (Arial → Liberation Sans) prints with that;
    any other font is asked of the system by name, with DejaVu Sans behind it.
    """
    files = METRIC_FONTS.get(font.lower())
    rules = _faces("Reflect Print", files, True) if files else []
    rules += _faces("Reflect Fallback", FALLBACK_FONT, False)
    family = "" if files else f"@font-face {{ font-family: \"Reflect Print\"; src: local({_css_string(font)}); }}"
    return "\n".join([*rules, family]) + "\n"


def stylesheet(font: str, page_of: str) -> str:
    """The whole print stylesheet: fonts, the packaged rules, the page number's words."""
    before, _, rest = page_of.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    counter = " ".join(
        part for part in (_css_string(before) if before else "", "counter(page)",
                          _css_string(middle) if middle else "", "counter(pages)",
                          _css_string(after) if after else "") if part
    )
    return (
        font_faces_css(font)
        + CSS_FILE.read_text(encoding="utf-8")
        + f"\n@page {{ @bottom-right {{ content: {counter}; }} }}\n"
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
            return self.statements(block)
        if isinstance(block, Fields):
            rows = "".join(
                f'<tr><th scope="row">{html.escape(row.label)}</th>'
                + ('<td class="write-in"></td>' if row.write_in else f"<td>{self.inline(row.value)}</td>")
                + "</tr>"
                for row in block.rows
            )
            return f'<table class="fields"><tbody>{rows}</tbody></table>'
        if isinstance(block, Signatures):
            return self.signatures(block)
        raise TypeError(block)  # pragma: no cover

    def statements(self, block: TickBoxes) -> str:
        """Numbered statements, each with its box: one table row each, kept whole."""
        if block.box_label is None:
            items = "".join(
                f'<li><span class="box tick" aria-hidden="true"></span> {self.inline(item)}</li>'
                for item in block.items
            )
            return f'<ol class="tickboxes">{items}</ol>'
        label = html.escape(block.box_label)
        rows = "".join(
            f'<tr><td class="number">{number}.</td><td class="statement">{self.inline(item)}</td>'
            f'<td class="initials"><span class="box-label">{label}</span></td></tr>'
            for number, item in enumerate(block.items, 1)
        )
        return f'<table class="statements"><tbody>{rows}</tbody></table>'

    def signatures(self, block: Signatures) -> str:
        """One row per person: a line to write on above each column's caption."""
        rows = "".join(
            f'<tr><th scope="row">{html.escape(signer)}</th>'
            + "".join(
                f'<td><div class="line"></div><p class="caption">{html.escape(column)}</p></td>'
                for column in block.columns
            )
            + "</tr>"
            for signer in block.signers
        )
        return f'<table class="signatures"><tbody>{rows}</tbody></table>'

    def question(self, q: Question) -> str:
        parts = [
            f'<section class="question">'
            f'<h3 id="{_attr(q.anchor)}">'
            f'<span class="qnum">{html.escape(q.number_label)}</span> {self.inline(q.text)}</h3>'
        ]
        for skip in q.skips:  # read before the prompts
            parts.append(
                f'<aside class="skip-logic"><p><span class="aside-label">{html.escape(q.skip_label)}</span> '
                f"{self.inline(skip)}</p></aside>"
            )
        if q.prompts:
            items = "".join(f"<li>{self.inline(p)}</li>" for p in q.prompts)
            parts.append(
                f'<div class="prompts"><p class="prompts-label">{html.escape(q.prompts_label)}</p>'
                f"<ul>{items}</ul></div>"
            )
        for note in q.notes:
            parts.append(
                f'<aside class="facilitator-note"><p><span class="aside-label">{html.escape(q.note_label)}</span> '
                f"{self.inline(note)}</p></aside>"
            )
        if q.scale:
            choices = "".join(
                f'<li><span class="box tick" aria-hidden="true"></span> {c.value} {html.escape(c.label)}</li>'
                for c in q.scale
            )
            parts.append(
                f'<div class="rating"><p class="rating-label">{html.escape(q.scale_label or "")}</p>'
                f"<ul>{choices}</ul></div>"
            )
        if q.space_label:
            parts.append(
                f'<div class="notes-space" style="height: {q.space_mm}mm">'
                f'<p class="notes-label">{html.escape(q.space_label)}</p></div>'
            )
        parts.append("</section>")
        return "".join(parts)

    def article(self, doc: PrintDoc) -> str:
        first, *rest = doc.blocks
        assert isinstance(first, Heading)
        title = (
            f'<h1 id="{_attr(first.anchor or doc.anchor)}" data-header="{_attr(doc.page.header)}" '
            f'data-footer="{_attr(doc.page.footer)}">{self.inline(first.text)}</h1>'
        )
        body = "".join(self.block(b) for b in rest)
        return f'<article class="doc doc-{doc.kind} doc-{doc.variant}">{title}{body}</article>'


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
        + (f'<meta name="rights" content="{_attr(doc.page.licence)}">' if doc.page.licence else "")
        + f'<meta name="dcterms.created" content="{when}">'
        f'<meta name="dcterms.modified" content="{when}">'
        "</head>"
    )


def document_html(doc: PrintDoc, stamp: datetime) -> tuple[str, str]:
    """(HTML, CSS) for one appendix, participant version or question set."""
    writer = HtmlWriter(doc.anchors)
    keywords = ", ".join(k for k in (doc.label, doc.site_title, doc.page.category) if k)
    page = (
        f'<!DOCTYPE html><html lang="{_attr(doc.language)}">'
        + _head(doc.heading, doc.subject, doc, stamp, keywords)
        + f"<body>{writer.article(doc)}</body></html>"
    )
    return page, stylesheet(doc.page.font, doc.page.page_of)


@dataclass(frozen=True)
class Cover:
    """The combined PDF's cover: every word from the catalogue, made when the file is planned."""

    title: str
    subject: str
    from_line: str
    contents: str
    keywords: str

    @classmethod
    def of(cls, docs, words, report_title: str) -> "Cover":
        first = docs[0]
        return cls(
            title=words.text("print.combined_title"),
            subject=words.text("print.combined_subject", report=report_title,
                               titles=words.text("print.facts_separator").join(d.heading for d in docs)),
            from_line=words.text("print.combined_from", report=report_title),
            contents=words.text("print.combined_contents"),
            keywords=words.text("print.combined_keywords", site=first.site_title),
        )


def combined_html(docs: tuple[PrintDoc, ...], stamp: datetime, cover: Cover) -> tuple[str, str]:
    """(HTML, CSS) for every appendix in one file, after a cover with the contents."""
    if not docs:
        raise ValueError("no appendices to combine")
    first = docs[0]
    anchors = frozenset().union(*(d.anchors for d in docs))
    writer = HtmlWriter(anchors)
    toc = "".join(
        f'<li><a href="#{_attr(d.anchor)}">{html.escape(d.heading)}</a></li>' for d in docs
    )
    page_cover = (
        '<section class="cover">'
        f'<h1 class="cover-title" data-header="{_attr(cover.title)}" data-footer="">'
        f"{html.escape(cover.title)}</h1>"
        f"<p><strong>{html.escape(first.site_title)}</strong></p>"
        f"<p>{html.escape(cover.from_line)}</p>"
        f'<nav class="toc"><h2>{html.escape(cover.contents)}</h2><ol>{toc}</ol></nav>'
        "</section>"
    )
    articles = "".join(writer.article(d) for d in docs)
    page = (
        f'<!DOCTYPE html><html lang="{_attr(first.language)}">'
        + _head(f"{cover.title}: {first.site_title}", cover.subject, first, stamp, cover.keywords)
        + f"<body>{page_cover}{articles}</body></html>"
    )
    return page, stylesheet(first.page.font, first.page.page_of)
