"""Cross-references written inside text: ``[[kind:id]]``.

Authors never type "Appendix 2" or "question 5": they write ``[[appendix:project-team-guide]]``
or ``[[question:coach-team-challenges]]`` and every output format computes the number from
the content's order. This module only finds and parses references; what they resolve to
is the Project's business, and how they look is each renderer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")

KINDS = (
    "appendix",
    "audience",
    "guide",
    "document",
    "theme",
    "subtheme",
    "question",
    "question-set",
    "implication",
    "resource",
    "page",
    "placeholder",
)
"""Every kind of thing a reference may name."""


@dataclass(frozen=True)
class Reference:
    kind: str
    id: str
    written: str  # the reference exactly as written, e.g. "[[theme:challenges]]"
    start: int
    end: int


@dataclass(frozen=True)
class BadReference:
    written: str
    message: str


def find_references(text: str) -> tuple[list[Reference], list[BadReference]]:
    """Every well-formed reference in ``text`` and every malformed one."""
    good: list[Reference] = []
    bad: list[BadReference] = []
    for match in REFERENCE.finditer(text):
        inner = match.group(1).strip()
        kind, sep, ident = inner.partition(":")
        kind, ident = kind.strip(), ident.strip()
        if not sep or not ident:
            bad.append(
                BadReference(match.group(0), f"malformed reference '{match.group(0)}'; write [[kind:id]]")
            )
        elif kind not in KINDS:
            bad.append(
                BadReference(
                    match.group(0),
                    f"unknown reference kind '{kind}' in '{match.group(0)}'; "
                    f"expected one of: {', '.join(KINDS)}",
                )
            )
        else:
            good.append(Reference(kind, ident, match.group(0), match.start(), match.end()))
    return good, bad


def replace_references(text: str, render: "callable[[Reference], str]") -> str:
    """``text`` with each well-formed reference replaced by ``render(reference)``."""
    refs, _ = find_references(text)
    if not refs:
        return text
    out: list[str] = []
    last = 0
    for ref in refs:
        out.append(text[last : ref.start])
        out.append(render(ref))
        last = ref.end
    out.append(text[last:])
    return "".join(out)
