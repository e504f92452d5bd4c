"""A printable document as plain data, built from the Project: what both writers print.

The PDF writer (:mod:`.print_html`) and the Word writer (:mod:`.docx_writer`) never read
the Project or the site: they read the :class:`PrintDoc` values made here, so a PDF and
its DOCX hold the same words in the same order, numbered exactly as on the site (the
numbers come from :class:`~generator.project.Project`, never from content text).

A ``PrintDoc`` is frozen, picklable data (it crosses into worker processes) and its
:func:`fingerprint` is the content hash the download cache keys on: it changes exactly
when what would be printed changes.

Text is resolved here once: ``[[kind:id]]`` references become runs holding the computed
label (and an internal anchor or web address where there is one), and an unfilled
``[[placeholder:name]]`` becomes a run marked ``blank`` that names what belongs there.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Union

import markdown as markdown_lib

from ..models import (
    Document,
    FaqBlock,
    FieldsBlock,
    Guide,
    GuideQuestion,
    ListBlock,
    Paragraph as ParagraphBlock,
    QuestionSet,
    SetQuestion,
    SignaturesBlock,
    SkipRule,
    TickBoxesBlock,
)
from ..project import Project, reference_label
from ..references import Reference, find_references

# --- the data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None  # a web or mailto address
    target: str | None = None  # an anchor inside the printed documents (linked only if present)
    blank: bool = False  # an unfilled placeholder: printed highlighted


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 document title, 2 section, 3 sub-heading
    text: Inline
    anchor: str | None = None


@dataclass(frozen=True)
class Para:
    text: Inline
    role: str = "body"  # body | meta | lead | source


@dataclass(frozen=True)
class ListOf:
    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Callout:
    """Words set apart: a script read aloud, guidance for the adopter."""

    kind: str  # script | intro | about
    title: str
    body: tuple["Block", ...]


@dataclass(frozen=True)
class ScaleChoice:
    value: int
    label: str


@dataclass(frozen=True)
class Question:
    number: int
    anchor: str
    text: Inline
    prompts_label: str
    prompts: tuple[Inline, ...]
    notes: tuple[Inline, ...] = ()  # facilitator notes: guidance, not read aloud
    skips: tuple[Inline, ...] = ()  # skip logic
    scale_label: str | None = None  # question sets: rate on this scale
    scale: tuple[ScaleChoice, ...] = ()
    space_label: str | None = None  # a labelled space to write in; None leaves none


@dataclass(frozen=True)
class TickBoxes:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True)
class Signatures:
    lines: tuple[str, ...]


Block = Union[Heading, Para, ListOf, Callout, Question, TickBoxes, Fields, Signatures]


@dataclass(frozen=True)
class PrintDoc:
    id: str
    kind: str  # guide | document | question-set
    title: str  # the item's own title
    label: str | None  # "Appendix 2", or None for a question set
    subject: str  # one plain-text sentence or so, for document properties
    language: str
    site_title: str
    organisation: str
    edition: str  # "content version 2026.11.1, published 2026-11-26"
    publication_date: str
    blocks: tuple[Block, ...]
    sources: tuple[str, ...]  # content files it was made from, relative to the project root

    @property
    def heading(self) -> str:
        """The title as printed and as on the site: ``Appendix 2: Focus group topic guide``."""
        return f"{self.label}: {self.title}" if self.label else self.title

    @property
    def anchor(self) -> str:
        return doc_anchor(self.id)

    @property
    def anchors(self) -> frozenset[str]:
        """Every anchor this document defines (its top, sections and questions)."""
        found = {self.anchor}
        for block in self.blocks:
            if isinstance(block, (Heading, Question)) and block.anchor:
                found.add(block.anchor)
        return frozenset(found)

    def questions(self) -> tuple[Question, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Question))


def doc_anchor(item_id: str) -> str:
    return f"doc-{item_id}"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"  # as on the site


def section_anchor(section_id: str) -> str:
    return f"section-{section_id}"  # as on the site; section ids are unique in a project


def fingerprint(value: object) -> str:
    """A content hash of printable data (PrintDocs, tuples of them, options)."""
    payload = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data["__type__"] = type(value).__name__
        return data
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def plain_text(inline: Inline) -> str:
    return "".join(run.text for run in inline)


# --- text: Markdown and references into runs -----------------------------------------------------

_TOKEN = re.compile("\ue000(\\d+)\ue001")


class _Text:
    """Turns content text into runs, resolving references the way every output must."""

    def __init__(self, project: Project):
        self.p = project

    def ref_run(self, ref: Reference, bold: bool = False, italic: bool = False) -> Run:
        p = self.p
        if ref.kind == "placeholder":
            value = p.placeholder_value(ref.id)
            if value is None:
                label = p.settings.placeholders[ref.id].label
                return Run(f"[{label}: to be filled in]", bold, italic, blank=True)
            return Run(" ".join(value.split()), bold, italic)
        label = reference_label(p, ref)
        target = None
        href = None
        if ref.kind in ("appendix", "guide", "document", "question-set"):
            target = doc_anchor(ref.id)
        elif ref.kind == "question":
            target = question_anchor(ref.id)
        elif ref.kind == "resource":
            href = p.resource_by_id[ref.id].url
        return Run(label, bold, italic, href=href, target=target)

    def plain(self, text: str, bold: bool = False, italic: bool = False) -> Inline:
        """Single-line plain text (titles, questions, prompts): references resolved, no Markdown."""
        text = " ".join(text.split())
        refs, _ = find_references(text)
        runs: list[Run] = []
        last = 0
        for ref in refs:
            if ref.start > last:
                runs.append(Run(text[last : ref.start], bold, italic))
            runs.append(self.ref_run(ref, bold, italic))
            last = ref.end
        if last < len(text):
            runs.append(Run(text[last:], bold, italic))
        return _merge(runs)

    def inline(self, text: str) -> Inline:
        """One line of Markdown (list item, field value) as runs."""
        blocks = self.blocks(" ".join(text.split()))
        runs: list[Run] = []
        for block in blocks:
            if isinstance(block, Para):
                if runs:
                    runs.append(Run(" "))
                runs.extend(block.text)
            elif isinstance(block, ListOf):
                for item in block.items:
                    if runs:
                        runs.append(Run(" "))
                    runs.extend(item)
        return _merge(runs)

    def blocks(self, text: str, role: str = "body") -> tuple[Block, ...]:
        """Markdown text (paragraphs, lists) as blocks."""
        refs, _ = find_references(text)
        tokens: list[Reference] = []
        out: list[str] = []
        last = 0
        for ref in refs:
            out.append(text[last : ref.start])
            out.append(f"\ue000{len(tokens)}\ue001")
            tokens.append(ref)
            last = ref.end
        out.append(text[last:])
        source = "".join(out).strip()
        if not _MARKDOWN_SIGNS.search(source):  # most texts: one paragraph, no Markdown at all
            html = f"<p>{escape(source, quote=False)}</p>"
        else:
            html = _MARKDOWN.reset().convert(source)
        reader = _HtmlBlocks(self, tokens, role)
        reader.feed(html)
        reader.close()
        return tuple(reader.result)


_MARKDOWN = markdown_lib.Markdown()  # one converter, reset between texts (building one is slow)
# Characters and line starts that make text more than one plain paragraph in Markdown.
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>&#\\!|~]|\n\s*\n|^\s*(?:[-+*=]|\d+[.)])(?:\s|$)", re.M)


def _merge(runs: list[Run]) -> Inline:
    """Adjacent runs with the same look joined; empty runs dropped."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and not run.blank and not merged[-1].blank:
            prev = merged[-1]
            if dataclasses.replace(prev, text="") == dataclasses.replace(run, text=""):
                merged[-1] = dataclasses.replace(prev, text=prev.text + run.text)
                continue
        merged.append(run)
    return tuple(merged)


class _HtmlBlocks(HTMLParser):
    """Reads the small HTML that Markdown makes of content text back into blocks."""

    def __init__(self, text: _Text, tokens: list[Reference], role: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.tokens = tokens
        self.role = role
        self.result: list[Block] = []
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.href: list[str | None] = []
        self.lists: list[tuple[bool, list[Inline]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag in ("ul", "ol"):
            self._flush_para()
            self.lists.append((tag == "ol", []))
        elif tag == "li":
            self.runs = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "a":
            self.href.pop()
        elif tag == "li" and self.lists:
            self.lists[-1][1].append(_strip(self.runs))
            self.runs = []
        elif tag in ("ul", "ol") and self.lists:
            ordered, items = self.lists.pop()
            if self.lists:  # a nested list: flatten into the outer one
                self.lists[-1][1].extend(items)
            else:
                self.result.append(ListOf(tuple(items), ordered))
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote") and not self.lists:
            self._flush_para()

    def handle_data(self, data):
        self._data(data)

    def _data(self, data: str) -> None:
        data = re.sub(r"\s+", " ", data)
        href = next((h for h in reversed(self.href) if h), None)
        last = 0
        for match in _TOKEN.finditer(data):
            if match.start() > last:
                self.runs.append(Run(data[last : match.start()], self.bold > 0, self.italic > 0, href=href))
            ref = self.tokens[int(match.group(1))]
            self.runs.append(self.text.ref_run(ref, self.bold > 0, self.italic > 0))
            last = match.end()
        if last < len(data):
            self.runs.append(Run(data[last:], self.bold > 0, self.italic > 0, href=href))

    def _flush_para(self) -> None:
        runs = _strip(self.runs)
        self.runs = []
        if runs:
            self.result.append(Para(runs, self.role))

    def close(self):
        super().close()
        self._flush_para()


def _strip(runs: list[Run]) -> Inline:
    merged = list(_merge(runs))
    while merged and not merged[0].text.strip():
        merged.pop(0)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        merged[0] = dataclasses.replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = dataclasses.replace(merged[-1], text=merged[-1].text.rstrip())
    return _merge(merged)


# --- building documents from the Project ---------------------------------------------------------


class DocumentBuilder:
    """Makes the PrintDoc of each appendix and question set."""

    def __init__(self, project: Project):
        self.p = project
        self.t = _Text(project)

    def _common(self, item, kind: str, label: str | None, subject: str, blocks: list[Block]) -> PrintDoc:
        site = self.p.settings.site
        return PrintDoc(
            id=item.id,
            kind=kind,
            title=" ".join(item.title.split()),
            label=label,
            subject=subject,
            language=site.language,
            site_title=" ".join(site.title.split()),
            organisation=" ".join(site.organisation.split()),
            edition=f"content version {site.content_version}, published {site.publication_date}",
            publication_date=site.publication_date,
            blocks=tuple(blocks),
            sources=(item.origin_file, "content/settings.yml", "content/appendices.yml"),
        )

    def _subject(self, markdown_text: str) -> str:
        """A short plain-text description: whole sentences, at most 250 characters."""
        text = " ".join(plain_text(b.text) for b in self.t.blocks(markdown_text) if isinstance(b, Para))
        text = " ".join(text.split())
        if len(text) <= 250:
            return text
        sentences = re.split(r"(?<=[.!?])\s+", text)
        kept = ""
        for sentence in sentences:
            if len(kept) + len(sentence) + 1 > 250:
                break
            kept = f"{kept} {sentence}".strip()
        return kept or text[:249].rsplit(" ", 1)[0] + "…"

    def _title_heading(self, item, label: str | None) -> Heading:
        title = " ".join(item.title.split())
        return Heading(1, (Run(f"{label}: {title}" if label else title),), doc_anchor(item.id))

    def _notes_label(self, label: str) -> str | None:
        return label if self.p.settings.print.notes_space else None

    def guide(self, guide: Guide) -> PrintDoc:
        p, t = self.p, self.t
        label = p.appendix_by_id[guide.id].label
        count = sum(len(s.questions) for s in guide.sections)
        facts = [f"{count} questions in {len(guide.sections)} sections"]
        if guide.duration:
            facts.append(" ".join(guide.duration.split()))
        blocks: list[Block] = [self._title_heading(guide, label)]
        blocks += t.blocks(guide.summary, "lead")
        blocks.append(Para((Run("; ".join(facts) + ".", italic=True),), "meta"))
        if guide.opening_script:
            blocks.append(Callout("script", "Opening script", t.blocks(guide.opening_script.text)))
        if guide.response_options:
            blocks.append(Heading(2, (Run("Ways to respond"),)))
            blocks.append(
                ListOf(
                    tuple(
                        _merge([Run(" ".join(o.label.split()), bold=True), Run(": "), *t.inline(o.text)])
                        for o in guide.response_options
                    ),
                    ordered=True,
                )
            )
        number = 0
        for index, section in enumerate(guide.sections, 1):
            blocks.append(
                Heading(2, (Run(f"{index}. {' '.join(section.title.split())}"),), section_anchor(section.id))
            )
            if section.intro:
                blocks.append(Callout("intro", "Introduce this section", t.blocks(section.intro)))
            for question in section.questions:
                number += 1
                blocks.append(self._guide_question(guide, question, number))
        if guide.closing_script:
            blocks.append(Callout("script", "Closing script", t.blocks(guide.closing_script.text)))
        blocks.append(self._source(guide.source))
        return self._common(guide, "guide", label, self._subject(guide.summary), blocks)

    def _guide_question(self, guide: Guide, question: GuideQuestion, number: int) -> Question:
        t = self.t
        return Question(
            number=number,
            anchor=question_anchor(question.id),
            text=t.plain(question.text),
            prompts_label=" ".join(guide.prompts_label.split()),
            prompts=tuple(t.plain(pr.text) for pr in question.prompts),
            notes=tuple(t.inline(note.text) for note in question.notes),
            skips=tuple(self._skip(rule, guide) for rule in question.skip_logic),
            space_label=self._notes_label("Notes"),
        )

    def _skip(self, rule: SkipRule, owner: Guide) -> Inline:
        """The skip rule in words, as on the site, with links to the questions it names."""
        p = self.p
        at = p.question_by_id[rule.if_covered_at]
        at_run = Run(f"question {at.number}", target=question_anchor(at.question.id))
        sections = {s.id: s for s in owner.sections}
        if rule.target in sections:
            section = sections[rule.target]
            number = p.section_number(owner, section)
            target = Run(
                f"section {number} ({' '.join(section.title.split())})", target=section_anchor(section.id)
            )
        else:
            entry = p.question_by_id[rule.target]
            target = Run(f"question {entry.number}", target=question_anchor(rule.target))
        topic = " ".join(rule.topic.split())
        if rule.then == "skip":
            runs = [Run(f"If {topic} came up at "), at_run, Run(", let the conversation continue and skip "),
                    target, Run(" as needed.")]
        else:
            runs = [Run(f"If {topic} was already discussed at "), at_run,
                    Run(", use only the prompts of "), target, Run(" that have not yet been covered.")]
        return _merge(runs)

    def question_set(self, qset: QuestionSet) -> PrintDoc:
        p, t = self.p, self.t
        audience = p.audience_by_id[qset.audience]
        blocks: list[Block] = [self._title_heading(qset, None)]
        blocks.append(Para((Run(f"For {' '.join(audience.name.split())}.", italic=True),), "meta"))
        blocks += t.blocks(qset.purpose, "lead")
        blocks.append(Para((Run(f"Rating scale: {' '.join(qset.scale.label.split())}", bold=True),)))
        blocks.append(
            ListOf(
                tuple(
                    _merge(
                        [Run(f"{o.value}. "), Run(" ".join(o.label.split()), bold=True)]
                        + ([Run(": " + " ".join(o.description.split()))] if o.description else [])
                    )
                    for o in qset.scale.options
                )
            )
        )
        scale = tuple(ScaleChoice(o.value, " ".join(o.label.split())) for o in qset.scale.options)
        number = 0
        for index, section in enumerate(qset.sections, 1):
            blocks.append(
                Heading(2, (Run(f"{index}. {' '.join(section.title.split())}"),), section_anchor(section.id))
            )
            if section.intro:
                blocks += t.blocks(section.intro)
            for question in section.questions:
                number += 1
                blocks.append(self._set_question(qset, question, number, scale))
        blocks.append(self._source(qset.source))
        return self._common(qset, "question-set", None, self._subject(qset.purpose), blocks)

    def _set_question(
        self, qset: QuestionSet, question: SetQuestion, number: int, scale: tuple[ScaleChoice, ...]
    ) -> Question:
        t = self.t
        return Question(
            number=number,
            anchor=question_anchor(question.id),
            text=t.plain(question.text),
            prompts_label="Think about",  # as on the site
            prompts=tuple(t.plain(pr.text) for pr in question.prompts),
            scale_label=" ".join(qset.scale.label.split()),
            scale=scale,
            space_label=self._notes_label(" ".join(qset.response_label.split())),
        )

    def document(self, doc: Document) -> PrintDoc:
        p, t = self.p, self.t
        label = p.appendix_by_id[doc.id].label
        blocks: list[Block] = [self._title_heading(doc, label)]
        blocks.append(Callout("about", "About this template", t.blocks(doc.summary)))
        for section in doc.sections:
            if section.heading:
                blocks.append(
                    Heading(2, (Run(" ".join(section.heading.split())),), section_anchor(section.id))
                )
            for block in section.blocks:
                blocks += self._document_block(block)
        blocks.append(self._source(doc.source))
        return self._common(doc, "document", label, self._subject(doc.summary), blocks)

    def _document_block(self, block) -> list[Block]:
        t = self.t
        if isinstance(block, ParagraphBlock):
            return list(t.blocks(block.text))
        if isinstance(block, ListBlock):
            return [ListOf(tuple(t.inline(item) for item in block.items), block.ordered)]
        if isinstance(block, FieldsBlock):
            return [Fields(tuple((" ".join(f.label.split()), t.inline(f.value)) for f in block.fields))]
        if isinstance(block, TickBoxesBlock):
            return [TickBoxes(tuple(t.inline(item) for item in block.items))]
        if isinstance(block, SignaturesBlock):
            return [Signatures(tuple(" ".join(line.split()) for line in block.lines))]
        if isinstance(block, FaqBlock):
            out: list[Block] = []
            for item in block.items:
                out.append(Heading(3, t.plain(item.question)))
                out += t.blocks(item.answer)
            return out
        raise TypeError(block)  # pragma: no cover - the models admit no other block

    def _source(self, source: str) -> Para:
        report = self.p.settings.report
        text = f"Source: {' '.join(source.split())} of “{' '.join(report.title.split())}”"
        return Para((Run(text, href=report.url) if report.url else Run(text),), "source")


_LAST: list[tuple[Project, tuple[PrintDoc, ...]]] = []


def build_documents(project: Project) -> tuple[PrintDoc, ...]:
    """Every appendix in appendix order, then every question set.

    A Project never changes, so the documents of the last one asked for are kept: the site's
    Downloads page and the printable build both need them in the same run.
    """
    if _LAST and _LAST[0][0] is project:
        return _LAST[0][1]
    docs = _build_documents(project)
    _LAST[:] = [(project, docs)]
    return docs


def _build_documents(project: Project) -> tuple[PrintDoc, ...]:
    builder = DocumentBuilder(project)
    docs: list[PrintDoc] = []
    for appendix in project.appendices:
        item = appendix.item
        docs.append(builder.guide(item) if isinstance(item, Guide) else builder.document(item))
    docs += [builder.question_set(qset) for qset in project.question_sets]
    return tuple(docs)
