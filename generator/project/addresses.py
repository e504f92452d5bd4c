"""Where every item of a Project lives on the website: page path and anchor.

Paths are Markdown source paths relative to the site root (``findings/challenges.md``);
the site engine turns them into URLs. Anchors are stable, derived from ids, so links
and bookmarks survive reordering.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import Document, Guide

HOME = "index.md"
FINDINGS = "findings/index.md"
IMPLICATIONS = "implications.md"
QUESTION_BANK = "question-bank.md"
COMPOSE = "compose.md"
APPENDICES = "appendices/index.md"
RESOURCES = "resources.md"
OPEN_DATA = "about/open-data.md"
PROJECT_JSON = "data/project.json"
QUESTIONS_CSV = "data/questions.csv"


@dataclass(frozen=True)
class Target:
    page: str
    anchor: str = ""

    def href_from(self, page: str) -> str:
        """A relative link from ``page`` to this target."""
        if self.page == page and self.anchor:
            return f"#{self.anchor}"
        here = page.split("/")[:-1]
        there = self.page.split("/")
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        rel = "../" * (len(here) - common) + "/".join(there[common:])
        return f"{rel}#{self.anchor}" if self.anchor else rel


def audience_page(audience_id: str) -> str:
    return f"audiences/{audience_id}.md"


def theme_page(theme_id: str) -> str:
    return f"findings/{theme_id}.md"


def narrative_page(page_id: str, placement: str) -> str:
    return f"{placement}/{page_id}.md"


def appendix_page(item_id: str) -> str:
    return f"appendices/{item_id}.md"


def question_set_page(set_id: str) -> str:
    return f"question-sets/{set_id}.md"


def question_anchor(question_id: str) -> str:
    return f"q-{question_id}"


def document_anchor(item_id: str) -> str:
    """The anchor of a printed document's top (its title), in its own file and in combined ones."""
    return f"doc-{item_id}"


def source_copy(path: str) -> str:
    """Where the site keeps a copy of a YAML source file (for "view source" links)."""
    return f"source/{path}"


def owner_page(owner: Guide | Document | object) -> str:
    """The page of a guide, document or question set."""
    ident = getattr(owner, "id")
    if isinstance(owner, (Guide, Document)):
        return appendix_page(ident)
    return question_set_page(ident)
